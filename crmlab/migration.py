"""Segment migration: how customers move between the eight RFM tiers from one period to the next.

The course tiers one month of transactions. Here two periods of equal length are tiered the
same way, each on its own transactions and with its own "today" (the day after it ends):

    first period  = [before - length, before)   tiered with today = before
    second period = [before, after)             tiered with today = after,  length = after - before

Every customer who bought in either period gets one row: the tier in the first period (or
:data:`NEW`, no purchase in the first period) and the tier in the second (or :data:`GONE`, no
purchase in the second). With ``freeze=True`` the second period is judged against the first
period's thresholds: a mean that moves between periods otherwise makes part of the "movement"
an artefact of the yardstick, not of the customers.
"""

from __future__ import annotations

import pandas as pd

from crmlab.errors import CrmlabError, require_columns
from crmlab.rfm import RFM_RULES, parse_today, rfm_segments, rfm_table

#: The row of customers who had no purchase in the first period.
NEW = "新客户"
#: The column of customers who had no purchase in the second period.
GONE = "未再购买"


def periods(before, after) -> tuple[tuple[pd.Timestamp, pd.Timestamp], tuple[pd.Timestamp, pd.Timestamp]]:
    """The two periods ``(start, end)`` (end excluded) for the dates ``before`` < ``after``.

    >>> first, second = periods("2023-07-01", "2023-10-01")
    >>> [d.strftime("%Y-%m-%d") for d in (*first, *second)]
    ['2023-03-31', '2023-07-01', '2023-07-01', '2023-10-01']
    """
    before, after = parse_today(before), parse_today(after)
    if after <= before:
        raise CrmlabError(f"第二个日期（{after:%Y-%m-%d}）应当晚于第一个日期（{before:%Y-%m-%d}）",
                          hint="before 是第一期结束后的那一天，after 是第二期结束后的那一天。")
    length = after - before
    return (before - length, before), (before, after)


def _tiers(transactions: pd.DataFrame, start, end, threshold, rules, which: str) -> pd.DataFrame:
    window = transactions[(transactions["date"] >= start) & (transactions["date"] < end)]
    if window.empty:
        raise CrmlabError(f"{which}（{start:%Y-%m-%d} 至 {end - pd.Timedelta(days=1):%Y-%m-%d}）没有任何购买记录",
                          hint="请换两个落在数据时间范围之内的日期。")
    rfm = rfm_table(window, end)
    return rfm_segments(rfm, threshold=threshold, rules=rules)


def segment_migration(transactions: pd.DataFrame, before, after, *, threshold="mean",
                      freeze: bool = False, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Clean transactions -> one row per customer: ``customer, segment_before, segment_after``.

    ``threshold`` is as in :func:`crmlab.rfm_segments` ("mean", "median" or a dict); with
    ``freeze=True`` the second period uses the first period's thresholds. ``attrs`` holds
    ``periods`` and the ``thresholds`` of each period.

    >>> tx = pd.DataFrame({"customer": ["甲", "乙", "甲", "丙"],
    ...     "date": pd.to_datetime(["2021-01-05", "2021-01-20", "2021-02-10", "2021-02-11"]),
    ...     "amount": [100.0, 10.0, 300.0, 20.0]})
    >>> segment_migration(tx, "2021-02-01", "2021-03-04")
      customer segment_before segment_after
    0        丙            新客户        一般价值客户
    1        乙         一般价值客户          未再购买
    2        甲         重要保持客户        重要保持客户
    """
    require_columns(transactions, ["customer", "date", "amount"], "交易记录")
    (start1, end1), (start2, end2) = periods(before, after)
    first = _tiers(transactions, start1, end1, threshold, rules, "第一期")
    second_threshold = first.attrs["thresholds"] if freeze else threshold
    second = _tiers(transactions, start2, end2, second_threshold, rules, "第二期")
    moves = pd.merge(first[["customer", "segment"]], second[["customer", "segment"]],
                     on="customer", how="outer", suffixes=("_before", "_after"))
    moves["segment_before"] = moves["segment_before"].fillna(NEW)
    moves["segment_after"] = moves["segment_after"].fillna(GONE)
    moves = moves.sort_values("customer", kind="stable").reset_index(drop=True)
    moves.attrs.update(periods=((start1, end1), (start2, end2)),
                       thresholds=(first.attrs["thresholds"], second.attrs["thresholds"]))
    return moves


def migration_table(moves: pd.DataFrame, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts of customers: rows = tier in the first period (+ :data:`NEW`), columns = tier in
    the second period (+ :data:`GONE`), every tier kept in Table 5-2 order, zeros included.

    >>> moves = pd.DataFrame({"customer": ["甲", "乙", "丙"],
    ...     "segment_before": ["重要价值客户", "重要价值客户", NEW],
    ...     "segment_after": ["重要价值客户", GONE, "一般发展客户"]})
    >>> t = migration_table(moves)
    >>> int(t.loc["重要价值客户", "重要价值客户"]), int(t.loc["重要价值客户", GONE]), int(t.loc[NEW, "一般发展客户"])
    (1, 1, 1)
    >>> t.shape
    (9, 9)
    """
    require_columns(moves, ["segment_before", "segment_after"], "迁移表")
    tiers = list((RFM_RULES if rules is None else rules)["segment"])
    counts = pd.crosstab(moves["segment_before"], moves["segment_after"])
    table = counts.reindex(index=tiers + [NEW], columns=tiers + [GONE], fill_value=0)
    table.index.name, table.columns.name = "上期等级", "本期等级"
    return table.astype("int64")


def migration_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Row shares of :func:`migration_table`: where the customers of each first-period tier went
    (each row adds up to 1; a row with no customers stays 0).

    >>> t = pd.DataFrame({"甲": [3, 0], "乙": [1, 0]}, index=["A", "B"])
    >>> migration_shares(t)
          甲     乙
    A  0.75  0.25
    B  0.00  0.00
    """
    totals = table.sum(axis=1)
    return table.div(totals.where(totals > 0, 1), axis=0)


def threshold_shift(moves: pd.DataFrame) -> pd.DataFrame:
    """The thresholds of both periods side by side (R, F, M rows; 上期, 本期 columns)."""
    first, second = moves.attrs["thresholds"]
    return pd.DataFrame({"上期": pd.Series(first), "本期": pd.Series(second)})


__all__ = ["NEW", "GONE", "periods", "segment_migration", "migration_table", "migration_shares",
           "threshold_shift"]
