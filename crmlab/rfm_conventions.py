"""The same customers under three definitions of R, F and M: crmlab's (the course's), lifetimes'
and PyMC-Marketing's, computed here with plain pandas (neither library is imported or needed).

crmlab (the course): R = days from the last purchase to "today"; F = number of purchases;
M = total spent.

lifetimes (``summary_data_from_transaction_data``) and PyMC-Marketing's ``rfm_summary`` for
its models first add up each customer's purchases of one calendar day into one purchase, then:

- ``frequency`` = number of *repeat* purchase days (purchase days - 1: a one-time buyer has 0);
- ``recency`` = days from the *first* to the *last* purchase day (not days since the last);
- ``T`` = days from the first purchase day to the end of observation (the customer's "age");
- ``monetary_value`` = mean of the repeat purchase days' totals (the first day left out; 0 for
  a one-time buyer).

PyMC-Marketing's ``rfm_segments`` (``include_first_transaction=True``) keeps the first day:
``frequency`` = purchase days, ``recency`` = days from the last purchase day to the end of
observation (``T - recency`` of the above), ``monetary_value`` = mean of all purchase days' totals.

The end of observation in both libraries is a day *in* the data (by default its last day), while
crmlab's "today" is the day *after* it: here ``observation_end = today - 1 day``, so a purchase on
the last day has crmlab R = 1 and PyMC-Marketing recency = 0.
"""

from __future__ import annotations

import pandas as pd

from crmlab.errors import require_columns
from crmlab.rfm import parse_today, rfm_table

_DAY = pd.Timedelta(days=1)


def _purchase_days(transactions: pd.DataFrame, observation_end: pd.Timestamp) -> pd.DataFrame:
    """One row per customer and calendar day: ``customer, day, amount`` (the day's total),
    purchases after ``observation_end`` left out, sorted by customer and day."""
    require_columns(transactions, ["customer", "date", "amount"], "交易记录")
    days = transactions.assign(day=pd.to_datetime(transactions["date"]).dt.normalize())
    days = days[days["day"] <= observation_end]
    daily = days.groupby(["customer", "day"], as_index=False, sort=True)["amount"].sum()
    return daily


def lifetimes_summary(transactions: pd.DataFrame, today) -> pd.DataFrame:
    """Clean transactions -> ``customer, frequency, recency, T, monetary_value`` as lifetimes
    (and PyMC-Marketing's ``rfm_summary``) define them, observation ending the day before ``today``.

    >>> tx = pd.DataFrame({"customer": ["甲", "甲", "甲", "乙"],
    ...     "date": pd.to_datetime(["2021-03-01", "2021-03-01", "2021-03-11", "2021-03-21"]),
    ...     "amount": [10.0, 20.0, 50.0, 40.0]})
    >>> lifetimes_summary(tx, "2021-04-01")
      customer  frequency  recency   T  monetary_value
    0        乙          0        0  10             0.0
    1        甲          1       10  30            50.0
    """
    end = parse_today(today) - _DAY
    daily = _purchase_days(transactions, end)
    groups = daily.groupby("customer", sort=True)
    first, last = groups["day"].min(), groups["day"].max()
    repeat = daily[daily["day"] != daily["customer"].map(first)]
    monetary = repeat.groupby("customer")["amount"].mean().reindex(first.index).fillna(0.0)
    summary = pd.DataFrame({
        "frequency": groups.size() - 1,
        "recency": (last - first).dt.days,
        "T": (end - first).dt.days,
        "monetary_value": monetary.round(2),
    })
    return summary.rename_axis("customer").reset_index().astype({"frequency": "int64"})


def pymc_segment_inputs(transactions: pd.DataFrame, today) -> pd.DataFrame:
    """Clean transactions -> ``customer, frequency, recency, monetary_value`` as PyMC-Marketing's
    ``rfm_segments`` defines them (purchase days; days since the last purchase day to the end
    of observation, the day before ``today``; mean total per purchase day).

    >>> tx = pd.DataFrame({"customer": ["甲", "甲", "甲", "乙"],
    ...     "date": pd.to_datetime(["2021-03-01", "2021-03-01", "2021-03-11", "2021-03-31"]),
    ...     "amount": [10.0, 20.0, 50.0, 40.0]})
    >>> pymc_segment_inputs(tx, "2021-04-01")
      customer  frequency  recency  monetary_value
    0        乙          1        0            40.0
    1        甲          2       20            40.0
    """
    end = parse_today(today) - _DAY
    daily = _purchase_days(transactions, end)
    groups = daily.groupby("customer", sort=True)
    inputs = pd.DataFrame({
        "frequency": groups.size(),
        "recency": (end - groups["day"].max()).dt.days,
        "monetary_value": groups["amount"].mean().round(2),
    })
    return inputs.rename_axis("customer").reset_index().astype({"frequency": "int64"})


def rfm_conventions(transactions: pd.DataFrame, today) -> pd.DataFrame:
    """One row per customer, the three definitions side by side: crmlab's ``R, F, M``,
    lifetimes' ``lt_recency, lt_frequency, lt_monetary, lt_T`` and PyMC-Marketing's
    ``pm_recency, pm_frequency, pm_monetary`` (see the module's docstring).

    >>> tx = pd.DataFrame({"customer": ["甲", "甲", "甲"],
    ...     "date": pd.to_datetime(["2021-03-01", "2021-03-01", "2021-03-11"]),
    ...     "amount": [10.0, 20.0, 50.0]})
    >>> row = rfm_conventions(tx, "2021-04-01").iloc[0]
    >>> [int(row[c]) for c in ["R", "F", "M", "lt_recency", "lt_frequency", "lt_monetary", "lt_T",
    ...                        "pm_recency", "pm_frequency", "pm_monetary"]]
    [21, 3, 80, 10, 1, 50, 30, 20, 2, 40]
    """
    today = parse_today(today)
    ours = rfm_table(transactions, today)[["customer", "R", "F", "M"]]
    lifetimes = lifetimes_summary(transactions, today).rename(columns={
        "recency": "lt_recency", "frequency": "lt_frequency", "monetary_value": "lt_monetary",
        "T": "lt_T"})
    pymc = pymc_segment_inputs(transactions, today).rename(columns={
        "recency": "pm_recency", "frequency": "pm_frequency", "monetary_value": "pm_monetary"})
    both = ours.merge(lifetimes, on="customer", how="left").merge(pymc, on="customer", how="left")
    columns = ["customer", "R", "F", "M", "lt_recency", "lt_frequency", "lt_monetary", "lt_T",
               "pm_recency", "pm_frequency", "pm_monetary"]
    return both[columns].sort_values("customer", kind="stable").reset_index(drop=True)


def convention_differences(table: pd.DataFrame) -> pd.Series:
    """How many customers of :func:`rfm_conventions` get a different number under each pair of
    definitions that sound alike, plus the one-time buyers (lifetimes' frequency 0).

    >>> table = pd.DataFrame({"R": [21, 5], "F": [3, 1], "M": [80.0, 9.0], "lt_recency": [10, 0],
    ...     "lt_frequency": [1, 0], "lt_monetary": [50.0, 0.0], "lt_T": [30, 4],
    ...     "pm_recency": [20, 4], "pm_frequency": [2, 1], "pm_monetary": [40.0, 9.0]})
    >>> convention_differences(table).tolist()
    [2, 2, 2, 1, 0, 1, 1]
    """
    return pd.Series({
        "客户人数": len(table),
        "R ≠ lifetimes 的 recency": int((table["R"] != table["lt_recency"]).sum()),
        "F ≠ lifetimes 的 frequency": int((table["F"] != table["lt_frequency"]).sum()),
        "F ≠ PyMC-Marketing 的 frequency（同一天多次购买）": int((table["F"] != table["pm_frequency"]).sum()),
        "R ≠ PyMC-Marketing 的 recency + 1": int((table["R"] != table["pm_recency"] + 1).sum()),
        "M ≠ PyMC-Marketing 的 monetary_value": int(((table["M"] - table["pm_monetary"]).abs() > 0.005).sum()),
        "只买过一天的客户（lifetimes 的 frequency = 0）": int((table["lt_frequency"] == 0).sum()),
    }, name="人数")


__all__ = ["lifetimes_summary", "pymc_segment_inputs", "rfm_conventions", "convention_differences"]
