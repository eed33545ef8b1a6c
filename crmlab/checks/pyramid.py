"""Checks for the chapter 1 exercise (客户金字塔练习): a company's customer pyramid figures and
their arithmetic, and the whale curve on the demo shop's orders. Expected answers come from
crmlab.pyramid on the exercise's inputs (:func:`crmlab.datasets.exercise_pyramid`,
:func:`crmlab.datasets.exercise_demo_transactions`: other figures and another period than the
lesson's); tests may pass ``pyramid=`` or ``transactions=`` instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.abc_classification import customer_totals
from crmlab.checks import compare
from crmlab.checks._core import Progress, check, ok
from crmlab.pyramid import course_pyramid_shares, whale_curve

SHARES = "1. 各级客户的利润合计与利润占比"
AVERAGE = "2. 重算平均每位客户的利润"
TOP_SHARE = "3. 前 20% 客户创造的利润占比"
WHALE = "4. 鲸鱼曲线"
PEAK = "5. 鲸鱼曲线的最高点"
TASKS = [SHARES, AVERAGE, TOP_SHARE, WHALE, PEAK]


def progress() -> Progress:
    """A fresh progress record for the chapter 1 exercise."""
    return Progress("第 1 章练习：客户金字塔与鲸鱼曲线", list(TASKS))


def _shares(pyramid) -> pd.DataFrame:
    if pyramid is None:
        from crmlab.datasets import exercise_pyramid

        pyramid = exercise_pyramid()
    return course_pyramid_shares(pyramid)


@check(SHARES, "利润表", roles=["group", "profit", "profit_share"])
def check_shares(student, *, pyramid=None):
    """Task 1: per group of existing customers, total profit (per customer x count) and its share."""
    want = _shares(pyramid)
    student["group"] = student["group"].astype(str).str.strip()
    missing = [g for g in want["group"] if g not in set(student["group"])]
    if missing:
        return f"表里没有「{missing[0]}」这一级。需要的是四级现有客户：{'、'.join(want['group'])}。"
    merged = want.merge(student, on="group", suffixes=("_want", ""))
    profit = pd.to_numeric(merged["profit"], errors="coerce")
    share = pd.to_numeric(merged["profit_share"], errors="coerce")
    if np.allclose(profit, merged["profit_want"] / merged["customers"], rtol=1e-6):
        return "利润还是“每位客户”的利润。各级利润合计 = 每客户利润 × 该级人数。"
    if not np.allclose(profit, merged["profit_want"], rtol=1e-6):
        row = merged.loc[~np.isclose(profit, merged["profit_want"], rtol=1e-6)].iloc[0]
        return f"「{row['group']}」的利润合计不对。利润合计 = 每客户利润 × 人数。"
    if np.allclose(share, merged["profit_share_want"] * 100, rtol=1e-6):
        return ok("利润合计和占比都对了（占比写成了百分数，也可以）。")
    if not np.allclose(share, merged["profit_share_want"], rtol=1e-6):
        return "利润占比不对。占比 = 该级利润合计 ÷ 四级利润合计之和；小客户亏损，它的占比是负数。"
    return ok("四级客户的利润合计和占比都对了：小客户的占比是负数。")


@check(AVERAGE, "平均利润", after=[SHARES])
def check_average(answer, *, pyramid=None):
    """Task 2: average profit per existing customer = total profit / number of customers."""
    shares = _shares(pyramid)
    want = float(shares["profit"].sum() / shares["customers"].sum())
    return compare.number(
        answer, AVERAGE, "平均利润", want, rel=1e-3,
        ok=f"平均每位客户的利润约 {want:,.0f} 美元：比 VIP 客户的每客户利润低得多，因为大多数客户是小客户。",
        rule="平均利润 = 四级利润合计之和 ÷ 四级人数之和。",
        mistakes=[(lambda: float((shares["profit"] / shares["customers"]).mean()),
                   "这是四个“每客户利润”的简单平均。各级人数差别很大，要按人数加权：利润合计之和 ÷ 总人数。")])


@check(TOP_SHARE, "利润占比", after=[SHARES])
def check_top_share(answer, *, pyramid=None):
    """Task 3: profit share of the top three groups (VIP, 大, 中级 = about 20 % of customers)."""
    shares = _shares(pyramid)
    want = float(shares["profit_share"].iloc[:3].sum())
    return compare.number(
        answer, TOP_SHARE, "利润占比", want, share=True,
        ok=f"前三级客户约占 {shares['customer_share'].iloc[:3].sum():.0%} 的人数，创造了 {want:.0%} 的利润"
           + ("：超过 100%，因为小客户在亏钱。" if want > 1 else "。"),
        rule="前三级（VIP、大客户、中级客户）的利润合计 ÷ 四级利润合计之和。",
        mistakes=[(lambda: float(shares["revenue_share"].iloc[:3].sum()),
                   "这是销售收入的占比。本题问的是利润占比。"),
                  (lambda: float(shares["customer_share"].iloc[:3].sum()),
                   "这是人数占比（约 20%）。本题问这些客户创造的利润占比。")])


def _demo_totals(transactions) -> pd.DataFrame:
    if transactions is None:
        from crmlab.datasets import exercise_demo_transactions

        transactions = exercise_demo_transactions()
    return customer_totals(transactions)


def _curve(frame: pd.DataFrame) -> np.ndarray:
    """The cumulative profit shares in customer order, without a leading (0, 0) point."""
    values = pd.to_numeric(frame.sort_values("customer_share", kind="stable")["value_share"],
                           errors="coerce").to_numpy(dtype=float)
    shares = np.sort(pd.to_numeric(frame["customer_share"], errors="coerce").to_numpy(dtype=float))
    if len(values) and shares[0] == 0 and values[0] == 0:
        values = values[1:]
    return values


@check(WHALE, "鲸鱼曲线表", roles=["customer_share", "value_share"])
def check_whale(student, *, transactions=None):
    """Task 4: the whale curve: customer_share and value_share (cumulative profit share), most profitable first."""
    totals = _demo_totals(transactions)
    got = _curve(student)
    want = _curve(whale_curve(totals))
    if len(got) != len(want):
        return f"曲线有 {len(got)} 个点，应当每位客户一个点（{len(want)} 个）。请先按客户汇总利润。"
    if np.allclose(got, want, atol=1e-6):
        return ok("鲸鱼曲线的每个点都对了。")
    reversed_curve = _curve(whale_curve(totals.assign(profit=totals["profit"].max() + 1 - totals["profit"])))
    ascending = np.cumsum(np.sort(totals["profit"].to_numpy())) / totals["profit"].sum()
    if np.allclose(got, ascending, atol=1e-6) or np.allclose(got, reversed_curve, atol=1e-6):
        return "排序方向反了：鲸鱼曲线从利润最高的客户开始累计（ascending=False）。"
    if np.allclose(got, _curve(whale_curve(totals, "amount")), atol=1e-6):
        return "这是按消费金额累计的曲线。鲸鱼曲线累计的是利润（金额 − 成本）。"
    return ("曲线不对。按利润从高到低排序，累计利润 ÷ 利润总额 为纵轴，"
            "第 k 位客户的横轴是 k ÷ 客户总数。")


@check(PEAK, "最高点", after=[WHALE])
def check_peak(answer, *, transactions=None):
    """Task 5: the highest point of the whale curve (above 1 when some customers lose money)."""
    curve = whale_curve(_demo_totals(transactions))
    want = float(curve["value_share"].max())
    at = float(curve.loc[curve["value_share"].idxmax(), "customer_share"])
    return compare.number(
        answer, PEAK, "最高点", want, share=True,
        ok=f"最高点约为 {want:.0%}：利润最高的 {at:.0%} 客户创造的利润比公司总利润还多，其余客户在侵蚀利润。",
        rule="最高点是累计利润占比（value_share）的最大值。",
        mistakes=[(lambda: 1.0, "1（100%）是曲线的终点。最高点在中间：用 max() 找累计利润占比的最大值。")])
