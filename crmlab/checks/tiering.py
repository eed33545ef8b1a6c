"""Checks for the chapter 3 exercise (客户分级练习): totals, ABC classes and the customer pyramid
on the demo shop's orders of the exercise's period (:func:`crmlab.datasets.exercise_demo_transactions`,
not the lesson's whole year). Expected answers come from crmlab.abc_analysis and crmlab.pyramid;
tests may pass ``transactions=`` (customer, amount, cost) instead.
"""

from __future__ import annotations

import pandas as pd

from crmlab.abc_classification import abc_analysis, customer_totals
from crmlab.checks import compare
from crmlab.checks._core import Progress, check, ok
from crmlab.checks.frames import customer_problems
from crmlab.pyramid import customer_pyramid

TOTALS = "1. 每位客户的消费金额与利润"
ABC = "2. ABC 分类（按人数 20% : 30% : 50%）"
A_SHARE = "3. A 类客户的销售额占比"
PYRAMID = "4. 按利润排名的客户金字塔"
SMALL_PROFIT = "5. 小客户的利润占比"
TASKS = [TOTALS, ABC, A_SHARE, PYRAMID, SMALL_PROFIT]


def progress() -> Progress:
    """A fresh progress record for the chapter 3 exercise."""
    return Progress("第 3 章练习：ABC 分类与客户金字塔", list(TASKS))


def _reversed(values: pd.Series) -> pd.Series:
    """Positive values in the opposite order: the ranking a student gets by sorting ascending."""
    return values.max() + 1 - values


def _totals(transactions) -> pd.DataFrame:
    if transactions is None:
        from crmlab.datasets import exercise_demo_transactions

        transactions = exercise_demo_transactions()
    return customer_totals(transactions)


@check(TOTALS, "客户汇总表", roles=["customer", "amount", "profit"])
def check_totals(student, *, transactions=None):
    """Task 1: one row per customer with the summed amount and profit (amount - cost)."""
    want = _totals(transactions)
    problem = customer_problems(student, want)
    if problem:
        return problem
    merged = want.merge(student, on="customer", suffixes=("_want", ""))
    for column, name in (("amount", "消费金额"), ("profit", "利润")):
        got = pd.to_numeric(merged[column], errors="coerce")
        bad = ~((got - merged[f"{column}_want"]).abs() <= 0.011).to_numpy()
        if bad.any():
            if column == "profit" and ((got - merged["amount_want"]).abs() <= 0.011).all():
                return ("利润和消费金额一样：忘了减去成本。利润 = 金额 − 成本，"
                        "请先在交易表上算出每笔的利润再按客户求和。")
            row = merged.loc[bad].iloc[0]
            return (f"{int(bad.sum())} 位客户的{name}不对，例如「{row['customer']}」。"
                    f"{name}是该客户所有订单的合计（sum）。")
    return ok(f"{len(want)} 位客户的消费金额和利润都对了。")


@check(ABC, "ABC 分类表", after=[TOTALS])
def check_abc(answer, *, transactions=None):
    """Task 2: class A/B/C per customer by head count (top 20 % A, next 30 % B, last 50 % C)."""
    totals = _totals(transactions)
    expected = abc_analysis(totals, "amount")
    return compare.labels(
        answer, ABC, "class", "ABC 分类表", expected,
        ok="A、B、C 三类都分对了。",
        rule="按消费金额从高到低排序，前 20% 的客户为 A 类，接下来 30% 为 B 类，其余 50% 为 C 类。",
        mistakes=[
            (lambda: abc_analysis(totals.assign(amount=_reversed(totals["amount"])), "amount"),
             "A、C 类正好反了：排序方向错了。请按消费金额从高到低排序（ascending=False），金额最高的是 A 类。"),
            (lambda: abc_analysis(totals, "amount", by="value"),
             "这是按累计销售额（70% / 90%）分的类。本题按人数分：前 20% 的客户为 A 类，接下来 30% 为 B 类。"),
            (lambda: abc_analysis(totals, "profit"),
             "这是按利润分的类。本题按消费金额排序。"),
        ])


@check(A_SHARE, "A 类占比", after=[ABC])
def check_a_share(answer, *, transactions=None):
    """Task 3: the share of all sales that the A customers bring (0.74 or 74 both accepted)."""
    totals = _totals(transactions)
    abc = abc_analysis(totals, "amount")
    share = float(abc.loc[abc["class"] == "A", "value"].sum() / abc["value"].sum())
    n_share = float((abc["class"] == "A").mean())
    return compare.number(
        answer, A_SHARE, "A 类占比", share, share=True,
        ok=f"A 类客户只占 {n_share:.0%} 的人数，却带来了 {share:.1%} 的销售额。",
        rule="A 类占比 = A 类客户的消费金额合计 ÷ 全部客户的消费金额合计。",
        mistakes=[(lambda: n_share, "这是 A 类客户的人数占比。本题问的是销售额占比：用金额相加再相除。")])


@check(PYRAMID, "金字塔分层表", after=[TOTALS])
def check_pyramid(answer, *, transactions=None):
    """Task 4: the pyramid tier per customer by profit rank (top 5 %, 6-20 %, 21-50 %, bottom 50 %)."""
    totals = _totals(transactions)
    return compare.labels(
        answer, PYRAMID, "tier", "金字塔分层表", customer_pyramid(totals, "profit"),
        ok="四层客户都分对了。",
        rule="按利润从高到低排名：前 5% 为高端客户，6%-20% 为重要客户，21%-50% 为普通客户，其余 50% 为小客户。",
        mistakes=[
            (lambda: customer_pyramid(totals, "amount"),
             "这是按消费金额排的名。客户金字塔按利润排名：利润 = 金额 − 成本。"),
            (lambda: customer_pyramid(totals, "profit", by="profit"),
             "这是按累计利润占比（50% / 80% / 95%）分的层。本题按人数排名分层：前 5%、6%-20%、21%-50%、其余 50%。"),
            (lambda: customer_pyramid(totals.assign(profit=_reversed(totals["profit"])), "profit"),
             "高端客户和小客户正好反了：请按利润从高到低排序。"),
        ])


@check(SMALL_PROFIT, "小客户利润占比", after=[PYRAMID])
def check_small_profit(answer, *, transactions=None):
    """Task 5: the share of total profit made by the 小客户 tier (negative when they lose money)."""
    totals = _totals(transactions)
    pyramid = customer_pyramid(totals, "profit")
    small = pyramid["tier"] == "小客户"
    share = float(pyramid.loc[small, "value"].sum() / pyramid["value"].sum())
    return compare.number(
        answer, SMALL_PROFIT, "小客户利润占比", share, share=True,
        ok=f"小客户（一半的客户）合计贡献了 {share:.1%} 的利润。",
        rule="小客户利润占比 = 小客户的利润合计 ÷ 全部客户的利润合计（可能是负数）。",
        mistakes=[(lambda: float(small.mean()), "这是小客户的人数占比，本题问利润占比。"),
                  (lambda: float(pyramid.loc[small, "value"].clip(lower=0).sum()
                                 / pyramid["value"].sum()),
                   "只算了赚钱的小客户。亏损客户的利润是负数，也要加进去。")])
