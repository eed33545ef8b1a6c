"""Checks for the chapter 5 exercise (真实数据练习): CDNOW purchases in the exercise's window
(:func:`crmlab.datasets.cdnow_window`, not the lesson's whole file), their R/F/M and tiers, the
share of the most valuable tier, lifetimes' frequency, and the migration artefact of task 6 on the
periods of :func:`crmlab.datasets.cdnow_migration_dates`. Expected answers come from crmlab's pure
functions on the same inputs, so an instructor's other window or periods keep every check right;
tests may pass ``transactions=`` (clean: customer, date, amount) instead of the CDNOW file.
"""

from __future__ import annotations

import pandas as pd

from crmlab.checks import compare
from crmlab.checks._core import Progress, check, ok
from crmlab.checks.frames import customer_problems, find_column
from crmlab.migration import segment_migration
from crmlab.rfm import rfm_segments, rfm_table, tier_summary
from crmlab.rfm_conventions import lifetimes_summary

WINDOW = "1. 取出练习时间段的交易"
RFM = "2. 计算每位客户的 R、F、M"
COUNTS = "3. 八类客户各有多少人"
SHARE = "4. 重要价值客户的金额占比"
ONE_DAY = "5. lifetimes 的 frequency 为 0 的客户"
ARTEFACT = "6. 只因标准移动而换了等级的客户"
TASKS = [WINDOW, RFM, COUNTS, SHARE, ONE_DAY, ARTEFACT]
_DAY = pd.Timedelta(days=1)


def progress() -> Progress:
    """A fresh progress record for the chapter 5 exercise."""
    return Progress("第 5 章练习：真实数据上的 RFM", list(TASKS))


def _all(transactions) -> pd.DataFrame:
    if transactions is None:
        from crmlab.datasets import cdnow_exercise_transactions

        return cdnow_exercise_transactions()
    return transactions


def _window(transactions, *, end_included: bool = True) -> pd.DataFrame:
    from crmlab.datasets import cdnow_window

    tx = _all(transactions)
    start, end = cdnow_window()
    last = tx["date"] <= end if end_included else tx["date"] < end
    return tx[(tx["date"] >= start) & last].reset_index(drop=True)


def _today() -> pd.Timestamp:
    from crmlab.datasets import cdnow_window_today

    return cdnow_window_today()


def _segments(transactions, threshold="mean") -> pd.DataFrame:
    return rfm_segments(rfm_table(_window(transactions), _today()), threshold=threshold)


@check(WINDOW, "练习时间段的交易")
def check_window(answer, *, transactions=None):
    """Task 1: the purchases dated from the window's first to its last day, both included."""
    if not isinstance(answer, pd.DataFrame):
        return f"练习时间段的交易应当是一个 DataFrame 表格，现在是 {type(answer).__name__}。"
    want = _window(transactions)
    if "date" not in answer.columns:
        return "表里找不到日期列（date）。请在 load_cdnow() 读入的交易表上按 date 列筛选。"
    dates = pd.to_datetime(answer["date"], errors="coerce")
    start, end = want["date"].min(), want["date"].max()
    if len(answer) == len(want) and dates.between(start, end).all():
        return ok(f"时间段内有 {len(want)} 笔购买、{want['customer'].nunique()} 位客户。")
    if len(answer) == len(_all(transactions)):
        return "这是全部交易，还没有按时间段筛选：用 交易[(交易['date'] >= 开始) & (交易['date'] <= 结束)]。"
    if len(answer) == len(_window(transactions, end_included=False)) and len(answer) != len(want):
        return "最后一天的交易漏掉了：结束日期也在时间段之内，要用 <= 结束，而不是 < 结束。"
    return (f"筛选后有 {len(answer)} 笔，应当有 {len(want)} 笔。开始和结束两天都包括在内："
            "交易['date'] >= 开始 并且 交易['date'] <= 结束。")


@check(RFM, "R、F、M 表", roles=["customer", "R", "F", "M"], after=[WINDOW])
def check_rfm(student, *, transactions=None):
    """Task 2: R, F, M of each customer who bought in the window, "today" the day after it."""
    want = rfm_table(_window(transactions), _today())
    problem = customer_problems(student, want)
    if problem:
        return problem
    table = want.merge(student, on="customer", suffixes=("_want", ""))
    got = {c: pd.to_numeric(table[c], errors="coerce") for c in ("R", "F", "M")}
    r_diff = got["R"] - table["R_want"]
    if (r_diff == -1).all():
        return ("每位客户的 R 都少了 1 天：“今天”应当是时间段结束后的第一天"
                "（结束日期 + 1 天），不是结束日期本身。")
    if not (r_diff == 0).all():
        return "有客户的 R 不对：R = 今天 − 这位客户最后一次购买的日期，以天计（.dt.days）。"
    if not (got["F"] == table["F_want"]).all():
        return "有客户的 F 不对：F 是这位客户在时间段内的购买笔数（每一行算一次）。"
    mean = table["M_want"] / table["F_want"]
    if ((got["M"] - mean).abs() <= 0.011).all() and not ((got["M"] - table["M_want"]).abs() <= 0.011).all():
        return "M 是每位客户的平均金额：课本的 M 是时间段内消费金额的合计（sum），不是平均值（mean）。"
    if not ((got["M"] - table["M_want"]).abs() <= 0.011).all():
        return "有客户的 M 不对：M 是这位客户在时间段内所有购买金额之和（美元）。"
    return ok(f"{len(want)} 位客户的 R、F、M 全部正确。")


def _counts(answer) -> pd.Series | None:
    if isinstance(answer, pd.DataFrame):
        segment = find_column(answer, "segment")
        customers = next((c for c in ("customers", "人数", "客户数", "count") if c in answer.columns), None)
        if segment is None or customers is None:
            return None
        answer = answer.set_index(segment)[customers]
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return None
    return pd.to_numeric(answer, errors="coerce")


@check(COUNTS, "各类人数", after=[RFM])
def check_counts(answer, *, transactions=None):
    """Task 3: customers per tier, tiers against the means of the window's customers."""
    counts = _counts(answer)
    if counts is None:
        return ("各类人数应当是以客户等级为索引、人数为值的 Series，例如 分级['segment'].value_counts()，"
                "或 tier_summary 给出的表（segment 和 customers 两列）。")
    want = tier_summary(_segments(transactions)).set_index("segment")["customers"]

    def same(expected: pd.Series) -> bool:
        return all(int(counts.get(name, 0) or 0) == int(n) for name, n in expected.items()) and \
            int(counts.fillna(0).sum()) == int(expected.sum())

    if same(want):
        top = want.idxmax()
        return ok(f"八类客户的人数都对了；人数最多的是{top}（{int(want.max())} 位）。")
    median = tier_summary(_segments(transactions, "median")).set_index("segment")["customers"]
    if same(median):
        return "这是按中位数分高低的结果。课本和本题都与平均值（mean）比较：rfm_segments(rfm) 默认就是平均值。"
    unknown = [name for name in counts.index if name not in want.index]
    if unknown:
        return f"“{unknown[0]}”不是表 5-2 里的客户等级名称：请用 rfm_segments 给出的 segment 列来数人数。"
    wrong = next(name for name, n in want.items() if int(counts.get(name, 0) or 0) != int(n))
    return (f"「{wrong}」的人数不对（你的是 {int(counts.get(wrong, 0) or 0)}）。"
            "请在第 2 题的 R、F、M 表上用 rfm_segments 分级，再数每一类的人数。")


@check(SHARE, "重要价值客户的金额占比", after=[COUNTS])
def check_share(answer, *, transactions=None):
    """Task 4: the share of all M brought by 重要价值客户 (0.6 or 60 both accepted)."""
    summary = tier_summary(_segments(transactions)).set_index("segment")
    share = float(summary.loc["重要价值客户", "M_share"])
    people = float(summary.loc["重要价值客户", "customer_share"])
    return compare.number(
        answer, SHARE, "重要价值客户的金额占比", share, share=True,
        ok=f"重要价值客户占 {people:.1%} 的人，带来了 {share:.1%} 的销售额。",
        rule="金额占比 = 重要价值客户的 M 之和 ÷ 全部客户的 M 之和。",
        mistakes=[(lambda: people, "这是重要价值客户的人数占比。本题问的是金额占比：把 M 相加再相除。")])


@check(ONE_DAY, "frequency 为 0 的客户人数", after=[RFM])
def check_one_day(answer, *, transactions=None):
    """Task 5: customers of the window whose lifetimes frequency is 0 (one purchase day only)."""
    window = _window(transactions)
    summary = lifetimes_summary(window, _today())
    want = int((summary["frequency"] == 0).sum())
    f_one = int((rfm_table(window, _today())["F"] == 1).sum())
    return compare.number(
        answer, ONE_DAY, "frequency 为 0 的客户人数", want,
        ok=f"{want} 位客户只在一天里买过东西，lifetimes 的 frequency 是 0；其中有 {want - f_one} 位"
           "在那一天买了不止一次。",
        rule="lifetimes 先把同一天的购买合成一次，frequency = 购买的天数 − 1；数 frequency == 0 的客户。",
        mistakes=[(lambda: f_one,
                   "这是 F = 1（只买过一笔）的客户人数。lifetimes 把同一天的几笔合成一次：在同一天买了两笔的客户，"
                   "F = 2，frequency 却是 0。请用 rfm_conventions 或 lifetimes_summary 数 frequency == 0。")],
        rel=0)


@check(ARTEFACT, "只因标准移动而换了等级的人数")
def check_artefact(answer, *, transactions=None):
    """Task 6: customers whose second-period tier differs between each period's own mean and the
    first period's mean kept (freeze=True), on the whole data and the periods of the input."""
    from crmlab.datasets import cdnow_migration_dates

    tx = _all(transactions)
    before, after = cdnow_migration_dates()
    moving = segment_migration(tx, before, after)
    frozen = segment_migration(tx, before, after, freeze=True)
    both = moving.merge(frozen, on="customer", suffixes=("_moving", "_frozen"))
    want = int((both["segment_after_moving"] != both["segment_after_frozen"]).sum())
    movers = int((moving["segment_before"] != moving["segment_after"]).sum())
    return compare.number(
        answer, ARTEFACT, "只因标准移动而换了等级的人数", want,
        ok=f"{len(both)} 位客户中有 {want} 位，本期等级只因为换了标准（各期平均值 / 沿用上期平均值）就不同。",
        rule="分别用 segment_migration(..., freeze=False) 和 freeze=True 算两次，按客户合并，"
             "数 segment_after 不相同的客户。",
        mistakes=[(lambda: movers,
                   "这是两期等级不同（换了一类）的全部客户。本题只问其中“因标准移动”造成的那部分："
                   "比较同一位客户在两种标准下的本期等级。")],
        rel=0)


__all__ = ["TASKS", "progress", "check_window", "check_rfm", "check_counts", "check_share",
           "check_one_day", "check_artefact"]
