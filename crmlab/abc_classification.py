"""ABC 分类法 (ABC analysis): rank customers by value and cut them into classes A / B / C.

The course (chapter 5) ranks customers by a value such as sales or profit and splits them
20 : 30 : 50 by head count (A = top 20 %, B = next 30 %, C = the rest). A common variant cuts by
cumulative share of value instead (A holds the first 70 % of value, B the next 20 %, C the
last 10 %). Both use :func:`rank_by_value` then :func:`classify_ranked`, which the customer pyramid reuses.

Rules shared by every tiering in crmlab:

* Sort by value descending; equal values are ordered by customer name, so every customer has
  its own rank 1..n and the result never depends on the input order.
* ``by="count"``: the customer at rank i of n is in the first class if i / n <= cut 1, in the
  second if i / n <= cut 2, and so on.
* ``by="value"``: a customer's class is decided by the cumulative share of value held by the
  customers ranked *before* it; so the customer that crosses a cut still belongs to the
  higher class (with cuts 0.7 / 0.9 the first 70 % of value is fully inside A).
* ``share`` is value / total and ``cum_share`` the running sum. Negative values (customers who
  lose money) are allowed: ``cum_share`` then rises above 1 before coming back to 1. The total
  must be positive, otherwise no share can be computed and a :class:`CrmlabError` says so.
  Customers with zero or negative value always land in the lowest class when cutting by value.
* Small tables follow the same rule, with no rounding up: by head count with cuts 0.2 / 0.5, a
  table of fewer than 5 customers has no A customer (1 / 3 > 0.2) and a single customer is C;
  by value, the top customer is always in the first class (nothing is ranked before it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmlab import _fast
from crmlab.errors import CrmlabError, require_columns

ABC_CLASSES = ("A", "B", "C")
ABC_COUNT_CUTS = (0.2, 0.5)   # 20 : 30 : 50 by head count (course, chapter 5)
ABC_VALUE_CUTS = (0.7, 0.9)   # 70 / 20 / 10 of value, crmlab's default for by="value"

_EPS = 1e-9  # float noise allowance when comparing a share with a cut


def customer_totals(transactions: pd.DataFrame) -> pd.DataFrame:
    """Sum clean transactions per customer: ``customer, amount`` (+ ``profit``), sorted by customer.

    In: the clean transactions frame (``customer``, ``amount``, optional ``profit`` or ``cost``).
    Out: one row per customer (sorted by the characters' code points, as pandas sorts text)
    with ``amount`` summed; ``profit`` is the summed profit column when
    there is one, else amount - cost when there is a ``cost`` column, else left out.

    >>> tx = pd.DataFrame({"customer": ["乙", "甲", "乙"], "amount": [100.0, 50.0, 30.0],
    ...                    "cost": [60.0, 20.0, 10.0]})
    >>> customer_totals(tx)
      customer  amount  profit
    0        乙   130.0    60.0
    1        甲    50.0    30.0
    """
    require_columns(transactions, ["customer", "amount"], "交易记录")
    frame = pd.DataFrame({
        "customer": transactions["customer"].astype(str).to_numpy(),
        "amount": _money(transactions, "amount"),
    })
    if "profit" in transactions.columns:
        frame["profit"] = _money(transactions, "profit")
    elif "cost" in transactions.columns:
        frame["profit"] = frame["amount"].to_numpy() - _money(transactions, "cost")
    totals = frame.groupby("customer", sort=True).sum().reset_index()
    return totals


def abc_analysis(table: pd.DataFrame, value: str = "amount", by: str = "count",
                 cuts: Sequence[float] | None = None) -> pd.DataFrame:
    """ABC classes: ``customer, rank, value, share, cum_share, class`` (A/B/C), sorted by rank.

    In: one row per customer with a ``customer`` column and the numeric column named by
    ``value`` (e.g. the output of :func:`customer_totals`, or an RFM table with ``value="M"``).
    ``by="count"`` cuts by head count, default ``cuts=(0.2, 0.5)`` (20 : 30 : 50);
    ``by="value"`` cuts by cumulative share of value, default ``cuts=(0.7, 0.9)`` (70/20/10).
    See the module notes for ties, the customer crossing a cut, and negative values.

    >>> t = pd.DataFrame({"customer": ["a", "b", "c", "d", "e"],
    ...                   "amount": [10.0, 50.0, 20.0, 15.0, 5.0]})
    >>> abc_analysis(t)
      customer  rank  value  share  cum_share class
    0        b     1   50.0   0.50       0.50     A
    1        c     2   20.0   0.20       0.70     B
    2        d     3   15.0   0.15       0.85     C
    3        a     4   10.0   0.10       0.95     C
    4        e     5    5.0   0.05       1.00     C
    >>> abc_analysis(t, by="value")["class"].tolist()
    ['A', 'A', 'B', 'B', 'C']
    """
    return abc_from_ranked(rank_by_value(table, value), by=by, cuts=cuts)


def abc_from_ranked(ranked: pd.DataFrame, by: str = "count",
                    cuts: Sequence[float] | None = None) -> pd.DataFrame:
    """ABC classes of customers already ranked by :func:`rank_by_value` (same output as
    :func:`abc_analysis`).

    Ranking is the slow part and does not depend on the cuts: a widget whose sliders only move
    the cuts ranks once and calls this on every move.

    >>> ranked = rank_by_value(pd.DataFrame({"customer": list("abcde"),
    ...                                      "amount": [10.0, 50.0, 20.0, 15.0, 5.0]}), "amount")
    >>> abc_from_ranked(ranked, cuts=(0.4, 0.6))["class"].tolist()
    ['A', 'A', 'B', 'C', 'C']
    """
    if cuts is None:
        cuts = ABC_COUNT_CUTS if by == "count" else ABC_VALUE_CUTS
    return classify_ranked(ranked, by, cuts, ABC_CLASSES).rename(columns={"label": "class"})


def classify_ranked(ranked: pd.DataFrame, by: str, cuts: Sequence[float],
                    labels: Sequence[str]) -> pd.DataFrame:
    """Cut customers ranked by :func:`rank_by_value` into ``labels``:
    ``customer, rank, value, share, cum_share, label``.

    The one implementation behind ABC and the customer pyramid. ``cuts`` are the
    len(labels) - 1 boundaries, strictly increasing between 0 and 1, read as head-count shares
    (``by="count"``) or cumulative value shares (``by="value"``).

    >>> t = pd.DataFrame({"customer": ["x", "y", "z", "w"], "p": [3.0, 4.0, 4.0, -1.0]})
    >>> classify_ranked(rank_by_value(t, "p"), "value", (0.5,), ("高", "低"))
      customer  rank  value  share  cum_share label
    0        y     1    4.0    0.4        0.4     高
    1        z     2    4.0    0.4        0.8     高
    2        x     3    3.0    0.3        1.1     低
    3        w     4   -1.0   -0.1        1.0     低
    """
    if by not in ("count", "value"):
        raise CrmlabError(f"不认识的分级方式 by={by!r}",
                          hint='请用 by="count"（按客户人数比例）或 by="value"（按累计价值占比）。')
    cuts = _check_cuts(cuts, len(labels))
    ranked = ranked.copy()
    n = len(ranked)
    if by == "count":
        position = ranked["rank"].to_numpy() / n
        # rank i is inside class k when i / n <= cut k
        index = sum((position > cut + _EPS).astype(int) for cut in cuts)
    else:
        before = (ranked["cum_share"] - ranked["share"]).to_numpy()
        index = sum((before >= cut - _EPS).astype(int) for cut in cuts)
        # once a customer is in a class, nobody ranked below it climbs back up
        index = np.maximum.accumulate(index)
    ranked["label"] = np.asarray(labels, dtype=object)[index]
    return ranked


def rank_by_value(table: pd.DataFrame, value: str) -> pd.DataFrame:
    """Sort customers by value: ``customer, rank, value, share, cum_share``.

    Value descending, equal values by customer name; ``rank`` is 1..n; ``share`` is value /
    total and ``cum_share`` its running sum (shares are rounded to 12 decimals to hide float
    noise). The total must be positive.

    >>> rank_by_value(pd.DataFrame({"customer": ["b", "a"], "v": [2.0, 2.0]}), "v")
      customer  rank  value  share  cum_share
    0        a     1    2.0    0.5        0.5
    1        b     2    2.0    0.5        1.0
    """
    require_columns(table, ["customer"], "客户表")
    if value not in table.columns:
        numeric = [str(c) for c in table.columns
                   if c not in ("customer", "rank") and pd.api.types.is_numeric_dtype(table[c])]
        example = f'，例如 value="{numeric[0]}"' if numeric else ""
        raise CrmlabError(f"客户表里没有列「{value}」；可以用来分级的数字列有："
                          f"{'、'.join(numeric) or '（没有）'}", column=str(value),
                          hint=f"请用 value= 指定按哪一列分级{example}。")
    if len(table) == 0:
        raise CrmlabError("客户表是空的，没有客户可以分级", hint="请先检查数据是否读入成功。")
    customers = table["customer"].astype(str)
    duplicated = customers[customers.duplicated()]
    if len(duplicated):
        raise CrmlabError(f"客户「{duplicated.iloc[0]}」出现了不止一行", column="customer",
                          hint="分级需要每位客户一行：请先用 customer_totals(交易记录) 按客户汇总。")
    values = pd.to_numeric(table[value], errors="coerce").astype(float)
    bad = values.isna() | ~np.isfinite(values.fillna(0.0))
    if bad.any():
        where = int(np.flatnonzero(bad.to_numpy())[0])
        raise CrmlabError(f"客户「{customers.iloc[where]}」的 {value} 不是有效数字："
                          f"{table[value].iloc[where]!r}", column=value,
                          hint="请填上数字，或删掉这一行后再分级。")
    frame = pd.DataFrame({"customer": customers.to_numpy(), "value": values.to_numpy()})
    # the same order about 2.5x faster for big data (crmlab/_fast), or None: take the sort
    order = _fast.descending_order(values.to_numpy(), customers)
    if order is None:
        frame = frame.sort_values(["value", "customer"], ascending=[False, True], kind="mergesort")
    else:
        frame = frame.iloc[order]
    frame = frame.reset_index(drop=True)
    total = float(frame["value"].sum())
    if not total > 0:
        raise CrmlabError(f"所有客户的 {value} 加起来是 {total:g}，不是正数，无法计算占比",
                          column=value,
                          hint="占比需要一个正的总额：请检查数据，或换一个指标（例如销售额）来分级。")
    frame.insert(1, "rank", np.arange(1, len(frame) + 1))
    frame["share"] = (frame["value"] / total).round(12)
    frame["cum_share"] = (frame["value"].cumsum() / total).round(12)
    return frame


def pareto_table(abc_result: pd.DataFrame,
                 points: Sequence[float] = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                 ) -> pd.DataFrame:
    """What share of value the top x % of customers hold:
    ``top_share, customers, customer_share, value_share``.

    In: a ranked frame with ``rank`` and ``cum_share`` (the output of :func:`abc_analysis` or
    ``customer_pyramid``). For each point x, the top ``customers`` = floor(x * n) customers are
    taken (never more than x of them), ``customer_share`` is that count / n and ``value_share``
    their cumulative share of value (0 when no customer fits).

    >>> t = pd.DataFrame({"customer": list("abcde"), "amount": [50.0, 20.0, 15.0, 10.0, 5.0]})
    >>> pareto_table(abc_analysis(t), points=(0.2, 0.5, 1.0))
       top_share  customers  customer_share  value_share
    0        0.2          1             0.2          0.5
    1        0.5          2             0.4          0.7
    2        1.0          5             1.0          1.0
    """
    require_columns(abc_result, ["rank", "cum_share"], "分级结果")
    ordered = abc_result.sort_values("rank")
    cum = ordered["cum_share"].to_numpy(dtype=float)
    n = len(ordered)
    rows = []
    for point in points:
        if not 0 <= point <= 1:
            raise CrmlabError(f"比例 {point!r} 不在 0 到 1 之间", hint="例如 0.2 表示前 20% 的客户。")
        k = math.floor(point * n + _EPS)
        rows.append({"top_share": float(point), "customers": k, "customer_share": k / n,
                     "value_share": float(cum[k - 1]) if k else 0.0})
    return pd.DataFrame(rows, columns=["top_share", "customers", "customer_share", "value_share"])


def _money(transactions: pd.DataFrame, column: str) -> np.ndarray:
    values = pd.to_numeric(transactions[column], errors="coerce").astype(float)
    if values.isna().any():
        where = int(np.flatnonzero(values.isna().to_numpy())[0])
        raise CrmlabError(f"第 {where + 1} 条交易的「{column}」不是数字：{transactions[column].iloc[where]!r}",
                          column=column,
                          hint="请用 load_transactions 读入交易记录，它会检查并报告每一行的问题。")
    return values.to_numpy()


def _check_cuts(cuts: Sequence[float], n_labels: int) -> tuple[float, ...]:
    try:
        values = tuple(float(c) for c in cuts)
    except (TypeError, ValueError):
        raise CrmlabError(f"分界点 {cuts!r} 不是一组数字",
                          hint="例如 cuts=(0.2, 0.5) 表示前 20% 为 A 类、前 50% 以内为 B 类。") from None
    if n_labels < 2:
        raise CrmlabError("至少要分成 2 级", hint="例如 ABC 三级、金字塔四级。")
    if len(values) != n_labels - 1:
        raise CrmlabError(f"分成 {n_labels} 级需要 {n_labels - 1} 个分界点，现在给了 {len(values)} 个：{cuts!r}",
                          hint="例如 ABC 三级用 cuts=(0.2, 0.5)。")
    if any(not 0 < c < 1 for c in values):
        raise CrmlabError(f"分界点 {cuts!r} 必须都在 0 和 1 之间（不含 0 和 1）",
                          hint="分界点是比例：0.2 表示 20%。")
    if any(b <= a for a, b in zip(values, values[1:])):
        raise CrmlabError(f"分界点 {cuts!r} 必须从小到大排列且互不相同",
                          hint="例如 (0.2, 0.5)，而不是 (0.5, 0.2)。")
    return values


