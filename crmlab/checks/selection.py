"""Checks for the chapter 2 exercise (客户选择练习): weighted scores of the candidate customers,
the top picks, mutual fit (门当户对) and the year a fast-growing small customer overtakes a big one.
Expected answers come from crmlab.selection; tests may pass ``candidates=``.
"""

from __future__ import annotations

import pandas as pd

from crmlab.checks import compare
from crmlab.checks._core import Progress, failed, finish, is_placeholder, not_done, passed
from crmlab.checks.frames import customer_problems, is_failure, student_frame
from crmlab.selection import mutual_fit, overtake_year, weighted_scores

SCORES = "1. 候选客户的加权得分"
TOP = "2. 选出得分最高的五位客户"
FIT = "3. 门当户对：客户价值与我方能力"
OVERTAKE = "4. 小客户哪一年超过大客户"
TASKS = [SCORES, TOP, FIT, OVERTAKE]

#: The weights the exercise gives (criterion column -> weight); price sensitivity: lower is better.
WEIGHTS = {"purchasing_power": 0.25, "willingness": 0.15, "credit": 0.25,
           "price_sensitivity": 0.15, "cooperation": 0.20}
LOWER_IS_BETTER = ("price_sensitivity",)
#: Task 4: the small fast-growing candidate and the big slow one.
SMALL, LARGE = "云帆软件", "宏达集团"


def progress() -> Progress:
    """A fresh progress record for the chapter 2 exercise."""
    return Progress("第 2 章练习：客户选择", list(TASKS))


def _candidates(candidates) -> pd.DataFrame:
    if candidates is not None:
        return candidates
    from crmlab.datasets import load_candidates

    return load_candidates()


def _scores(candidates, lower_is_better=LOWER_IS_BETTER) -> pd.DataFrame:
    return weighted_scores(_candidates(candidates), WEIGHTS, lower_is_better=lower_is_better)


def check_scores(answer, progress: Progress | None = None, *, candidates=None):
    """Task 1: customer + score (0..1): min-max normalised criteria, weighted sum."""
    if is_placeholder(answer):
        return finish(not_done(SCORES, "得分表"), progress)
    student = student_frame(answer, SCORES, ["customer", "score"], "你的得分表")
    if is_failure(student):
        return finish(student, progress)
    want = _scores(candidates)
    problem = customer_problems(student, want)
    if problem:
        return finish(failed(SCORES, problem), progress)

    def matches(expected: pd.DataFrame) -> bool:
        merged = student.merge(expected[["customer", "score"]], on="customer", suffixes=("", "_want"))
        got = pd.to_numeric(merged["score"], errors="coerce")
        return bool(((got - merged["score_want"]).abs() <= 1e-6).all())

    if matches(want):
        best = want.iloc[0]
        return finish(passed(SCORES, f"{len(want)} 位候选客户的得分都对了，最高的是「{best['customer']}」"
                                     f"（{best['score']:.3f}）。"), progress)
    if matches(_scores(candidates, lower_is_better=())):
        return finish(failed(SCORES, "价格敏感度没有反过来：价格敏感度越低越好，标准化时要用 "
                                     "(最大值 − x) / (最大值 − 最小值)。"), progress)
    raw = _candidates(candidates)
    plain = pd.DataFrame({"customer": raw["customer"].astype(str),
                          "score": sum(w * raw[c] for c, w in WEIGHTS.items())})
    if matches(plain):
        return finish(failed(SCORES, "得分是用原始分数直接加权的，没有先标准化。各项指标的量纲不同，"
                                     "请先把每项变成 0 到 1：(x − 最小值) / (最大值 − 最小值)。"), progress)
    return finish(failed(SCORES, "得分不对。每项指标先标准化到 0-1（价格敏感度反过来），再按权重加权求和；"
                                 "权重见题目。"), progress)


def check_top(answer, progress: Progress | None = None, *, candidates=None):
    """Task 2: the names of the five candidates with the highest scores (any order)."""
    if is_placeholder(answer):
        return finish(not_done(TOP, "入选名单"), progress)
    if isinstance(answer, pd.DataFrame):
        student = student_frame(answer, TOP, ["customer"], "入选名单")
        if is_failure(student):
            return finish(student, progress)
        answer = student["customer"]
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return finish(failed(TOP, "请给出一个包含五个客户名称的列表，例如 ['甲', '乙', ...]。"), progress)
    names = [str(name).strip() for name in answer]
    want = _scores(candidates)
    top = set(want["customer"].head(5))
    if len(names) != 5:
        return finish(failed(TOP, f"名单里有 {len(names)} 个名字，应当正好五个。"), progress)
    if set(names) == top:
        return finish(passed(TOP, "入选的五位客户选对了。"), progress)
    if set(names) == set(want["customer"].tail(5)):
        return finish(failed(TOP, "这是得分最低的五位：请按得分从高到低排序（ascending=False）再取前五。"),
                      progress)
    return finish(failed(TOP, f"「{next(n for n in names if n not in top)}」不在得分前五名里。"
                              "请按第 1 题的得分从高到低取前五位。"), progress)


def fit_table(candidates=None) -> pd.DataFrame:
    """The candidates' scores with their ``capability`` column: the input of task 3."""
    scores = _scores(candidates)[["customer", "score"]]
    ability = _candidates(candidates)[["customer", "capability"]].astype({"customer": str})
    return scores.merge(ability, on="customer")


def check_fit(answer, progress: Progress | None = None, *, candidates=None):
    """Task 3: the quadrant per customer: score (value) and capability each 高 when >= their mean."""
    if is_placeholder(answer):
        return finish(not_done(FIT, "匹配结果"), progress)
    table = fit_table(candidates)
    result = compare.labels(
        answer, FIT, "fit", "匹配结果", mutual_fit(table, "score", "capability"),
        ok="每位候选客户的匹配类型都对了。",
        rule="客户价值（得分）与我方能力（capability）各自和平均值比较，大于或等于平均值为高，再查匹配类型表。",
        mistakes=[
            (lambda: mutual_fit(table, "capability", "score"),
             "“高攀”和“大材小用”弄反了：客户价值用得分（score），我方能力用 capability。"),
            (lambda: mutual_fit(table, "score", "capability", "median", "median"),
             "高 / 低是按中位数分的。本题与平均值比较。"),
        ])
    return finish(result, progress)


def check_overtake(answer, progress: Progress | None = None, *, candidates=None):
    """Task 4: the first year in which the small fast-growing candidate buys more than the big one."""
    if is_placeholder(answer):
        return finish(not_done(OVERTAKE, "年份"), progress)
    table = _candidates(candidates).set_index("customer")
    small, large = table.loc[SMALL], table.loc[LARGE]
    year = overtake_year(small["annual_purchase"], small["growth_rate"],
                         large["annual_purchase"], large["growth_rate"])
    result = compare.number(
        answer, OVERTAKE, "年份", float(year), rel=0,
        ok=f"第 {year} 年「{SMALL}」的采购额就超过了「{LARGE}」：只看眼前的规模会错过成长快的客户。",
        rule="每年采购额 = 今年采购额 × (1 + 增长率) 的年数次方；找出第一个小客户更大的年份。",
        mistakes=[(lambda: float(year - 1), "差了一年：要找的是小客户 超过 大客户的第一年（严格大于）。"),
                  (lambda: float(year + 1), "多了一年：第 0 年是今年，第 1 年是明年。")])
    return finish(result, progress)
