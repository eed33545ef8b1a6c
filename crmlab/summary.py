"""One summary of a classified customer table: per group, how many customers and how much value.

RFM tiers (:func:`crmlab.rfm.tier_summary`), ABC classes and pyramid tiers (the explorers' tables
and the charts in :mod:`crmlab.plots`) are all summarised by :func:`group_summary`; the occupied
cells of the 1-5 RFM scores by :func:`cell_summary`. It imports no plotting, so the methods can
use it too.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from crmlab.errors import require_columns


def group_summary(frame: pd.DataFrame, key: str, order: Sequence | None = None,
                  value: str = "value", *, total: str = "value", share: str = "value_share",
                  decimals: int | None = None) -> pd.DataFrame:
    """Per group of ``key``: ``<key>, customers, customer_share, <total>, <share>``.

    One row per customer in ``frame``. Groups come in ``order`` (default: as they first appear),
    groups of ``order`` without customers are kept with zeros, and groups missing from ``order``
    follow it in the order they first appear. ``customers`` counts the rows of a group,
    ``<total>`` sums its ``value`` (rounded to ``decimals`` when given); the shares are of all
    customers and of the total value of ``frame`` (zero when that total is zero).

    >>> t = pd.DataFrame({"class": ["A", "B", "C", "C"], "value": [6.0, 2.0, 1.0, 1.0]})
    >>> group_summary(t, "class", ["A", "B", "C"])
      class  customers  customer_share  value  value_share
    0     A          1            0.25    6.0          0.6
    1     B          1            0.25    2.0          0.2
    2     C          2            0.50    2.0          0.2
    >>> group_summary(t, "class", ["C", "X"], total="合计")["class"].tolist()
    ['C', 'X', 'A', 'B']
    """
    require_columns(frame, [key, value], "分组前的客户表")
    order = list(pd.unique(frame[key])) if order is None else list(order)
    order += [g for g in pd.unique(frame[key]) if g not in order]
    grouped = frame.groupby(key, sort=False)[value].agg(["size", "sum"])
    grouped = grouped.reindex(order, fill_value=0)
    customers = grouped["size"].astype("int64")
    totals = grouped["sum"].astype("float64")
    if decimals is not None:
        totals = totals.round(decimals)
    n, value_all = int(customers.sum()), float(frame[value].sum())
    return pd.DataFrame({
        key: order,
        "customers": customers.to_numpy(),
        "customer_share": (customers / n if n else customers * 0.0).astype("float64").to_numpy(),
        total: totals.to_numpy(),
        share: (totals / value_all if value_all else totals * 0.0).to_numpy(),
    })


def cell_summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Occupied cells of :func:`rfm_scores` output: ``RFM_cell, customers, customer_share,
    mean_M``, most customers first (equal counts by cell).

    >>> scored = pd.DataFrame({"RFM_cell": ["111", "555", "111"], "M": [10.0, 90.0, 20.0]})
    >>> cell_summary(scored)
      RFM_cell  customers  customer_share  mean_M
    0      111          2        0.666667    15.0
    1      555          1        0.333333    90.0
    """
    require_columns(scored, ["RFM_cell", "M"], "打分后的 RFM 表")
    grouped = scored.groupby("RFM_cell")["M"].agg(["size", "mean"]).reset_index()
    grouped = grouped.sort_values(["size", "RFM_cell"], ascending=[False, True], kind="mergesort")
    return pd.DataFrame({"RFM_cell": grouped["RFM_cell"].to_numpy(),
                         "customers": grouped["size"].to_numpy(),
                         "customer_share": (grouped["size"] / len(scored)).to_numpy(),
                         "mean_M": grouped["mean"].round(2).to_numpy()})
