"""Checks for the chapter 2 exercise (客户选择练习): weighted scores of the candidate customers,
the top picks, mutual fit (门当户对) and the year a fast-growing small customer overtakes a big one.
Expected answers come from crmlab.selection with the exercise's parameters
(:func:`crmlab.datasets.selection_weights`, :func:`crmlab.datasets.overtake_pair`: other weights
and another pair than the lesson's); tests may pass ``candidates=``, ``weights=`` or ``pair=``.
"""

from __future__ import annotations

import pandas as pd

from crmlab.checks import compare
from crmlab.checks._core import Progress, check, ok
from crmlab.checks.frames import customer_problems, is_failure, student_frame
from crmlab.selection import mutual_fit, overall_value, overtake_year, weighted_scores

SCORES = "1. 候选客户的加权得分"
TOP = "2. 选出得分最高的五位客户"
FIT = "3. 门当户对：客户价值与我方能力"
OVERTAKE = "4. 小客户哪一年超过大客户"
TASKS = [SCORES, TOP, FIT, OVERTAKE]

#: Price sensitivity: lower is better. The weights come from crmlab.datasets.selection_weights().
LOWER_IS_BETTER = ("price_sensitivity",)


def progress() -> Progress:
    """A fresh progress record for the chapter 2 exercise."""
    return Progress("第 2 章练习：客户选择", list(TASKS))


def _candidates(candidates) -> pd.DataFrame:
    if candidates is not None:
        return candidates
    from crmlab.datasets import load_candidates

    return load_candidates()


def _weights(weights) -> dict:
    if weights is not None:
        return weights
    from crmlab.datasets import selection_weights

    return selection_weights()


def _scores(candidates, weights=None, lower_is_better=LOWER_IS_BETTER) -> pd.DataFrame:
    return weighted_scores(_candidates(candidates), _weights(weights), lower_is_better=lower_is_better)


@check(SCORES, "得分表", roles=["customer", "score"])
def check_scores(student, *, candidates=None, weights=None, pair=None):
    """Task 1: customer + score (0..1): min-max normalised criteria, weighted sum."""
    want = _scores(candidates, weights)
    problem = customer_problems(student, want)
    if problem:
        return problem

    def matches(expected: pd.DataFrame) -> bool:
        merged = student.merge(expected[["customer", "score"]], on="customer", suffixes=("", "_want"))
        got = pd.to_numeric(merged["score"], errors="coerce")
        return bool(((got - merged["score_want"]).abs() <= 1e-6).all())

    if matches(want):
        best = want.iloc[0]
        return ok(f"{len(want)} 位候选客户的得分都对了，最高的是「{best['customer']}」（{best['score']:.3f}）。")
    if matches(_scores(candidates, weights, lower_is_better=())):
        return "价格敏感度没有反过来：价格敏感度越低越好，标准化时要用 (最大值 − x) / (最大值 − 最小值)。"
    raw = _candidates(candidates)
    plain = pd.DataFrame({"customer": raw["customer"].astype(str),
                          "score": sum(w * raw[c] for c, w in _weights(weights).items())})
    if matches(plain):
        return ("得分是用原始分数直接加权的，没有先标准化。各项指标的量纲不同，"
                "请先把每项变成 0 到 1：(x − 最小值) / (最大值 − 最小值)。")
    try:
        from crmlab.widgets.selection import DEFAULT_WEIGHTS
    except ImportError:  # without ipywidgets there is no lesson widget, hence no lesson weights
        DEFAULT_WEIGHTS = None
    if DEFAULT_WEIGHTS and matches(_scores(candidates, DEFAULT_WEIGHTS)):
        return "得分用的是课上的权重。本题的权重不同：请用上面给出的 权重。"
    return "得分不对。每项指标先标准化到 0-1（价格敏感度反过来），再按权重加权求和；权重见题目。"


@check(TOP, "入选名单", after=[SCORES])
def check_top(answer, *, candidates=None, weights=None, pair=None):
    """Task 2: the names of the five candidates with the highest scores (any order)."""
    if isinstance(answer, pd.DataFrame):
        student = student_frame(answer, TOP, ["customer"], "入选名单")
        if is_failure(student):
            return student
        answer = student["customer"]
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return "请给出一个包含五个客户名称的列表，例如 ['甲', '乙', ...]。"
    names = [str(name).strip() for name in answer]
    want = _scores(candidates, weights)
    top = set(want["customer"].head(5))
    if len(names) != 5:
        return f"名单里有 {len(names)} 个名字，应当正好五个。"
    if set(names) == top:
        return ok("入选的五位客户选对了。")
    if set(names) == set(want["customer"].tail(5)):
        return "这是得分最低的五位：请按得分从高到低排序（ascending=False）再取前五。"
    return f"「{next(n for n in names if n not in top)}」不在得分前五名里。请按第 1 题的得分从高到低取前五位。"


def fit_table(candidates=None, weights=None, years=None) -> pd.DataFrame:
    """The candidates' overall value over ``years`` years (default: the exercise input
    ``fit_years``) with their ``capability`` column (and the task-1 ``score``, whose use instead
    of the value is a mistake the check recognises): the input of task 3."""
    from crmlab.datasets import fit_years

    table = _candidates(candidates).astype({"customer": str})
    value = overall_value(table, years=fit_years() if years is None else years)
    scores = _scores(candidates, weights)[["customer", "score"]]
    return (value[["customer", "overall_value"]].merge(table[["customer", "capability"]], on="customer")
            .merge(scores, on="customer"))


@check(FIT, "匹配结果", after=[SCORES])
def check_fit(answer, *, candidates=None, weights=None, pair=None):
    """Task 3: the quadrant per customer: the overall value (money) and capability each 高 when
    >= their mean."""
    table = fit_table(candidates, weights)
    return compare.labels(
        answer, FIT, "fit", "匹配结果", mutual_fit(table, "overall_value", "capability"),
        ok="每位候选客户的匹配类型都对了。",
        rule="客户价值（综合价值 overall_value）与我方能力（capability）各自和平均值比较，"
             "大于或等于平均值为高，再查匹配类型表。",
        mistakes=[
            (lambda: mutual_fit(table, "score", "capability"),
             "客户价值用的是任务 1 的加权得分。本题用综合价值（overall_value，按钱算），"
             "得分高的大客户不一定最有价值。"),
            (lambda: mutual_fit(fit_table(candidates, weights, years=3), "overall_value", "capability"),
             "综合价值算的是 3 年（课上的年数）。本题的年数是上面的 年数 变量。"),
            (lambda: mutual_fit(table, "capability", "overall_value"),
             "“高攀”和“大材小用”弄反了：客户价值用综合价值（overall_value），我方能力用 capability。"),
            (lambda: mutual_fit(table, "overall_value", "capability", "median", "median"),
             "高 / 低是按中位数分的。本题与平均值比较。"),
        ])


def _pair(pair) -> tuple[str, str]:
    if pair is not None:
        return pair
    from crmlab.datasets import overtake_pair

    return overtake_pair()


@check(OVERTAKE, "年份")
def check_overtake(answer, *, candidates=None, weights=None, pair=None):
    """Task 4: the first year in which the small fast-growing candidate buys more than the big one."""
    table = _candidates(candidates).set_index("customer")
    small_name, large_name = _pair(pair)
    small, large = table.loc[small_name], table.loc[large_name]
    year = overtake_year(small["annual_purchase"], small["growth_rate"],
                         large["annual_purchase"], large["growth_rate"])
    return compare.number(
        answer, OVERTAKE, "年份", float(year), rel=0,
        ok=f"第 {year} 年「{small_name}」的采购额就超过了「{large_name}」：只看眼前的规模会错过成长快的客户。",
        rule="每年采购额 = 今年采购额 × (1 + 增长率) 的年数次方；找出第一个小客户更大的年份。",
        mistakes=[(lambda: float(year - 1), "差了一年：要找的是小客户 超过 大客户的第一年（严格大于）。"),
                  (lambda: float(year + 1), "多了一年：第 0 年是今年，第 1 年是明年。")])
