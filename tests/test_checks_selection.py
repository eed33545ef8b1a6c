"""Tests for crmlab/checks/selection.py (exercise 02): known mistakes named, on hand-made data."""

from __future__ import annotations

import pandas as pd

from crmlab.checks import selection as ch2


# weights: purchasing_power .25, willingness .15, credit .25, price_sensitivity .15 (lower better),
# cooperation .20. Ranges 0-10 (price sensitivity 1-9), so e.g. 甲 = .25*1 + .25*.5 + .15*1 = .525.
CANDIDATES = pd.DataFrame({
    "customer": ["甲", "乙", "丙", "宏达集团", "云帆软件", "己"],
    "purchasing_power": [10, 0, 5, 0, 10, 0],
    "willingness": [0, 10, 5, 0, 10, 0],
    "credit": [5, 0, 10, 0, 10, 0],
    "price_sensitivity": [1, 9, 5, 9, 1, 9],
    "cooperation": [0, 5, 10, 0, 10, 5],
    "capability": [2, 8, 8, 2, 2, 8],
    "annual_purchase": [1.0, 1.0, 10.0, 100.0, 10.0, 1.0],
    "growth_rate": [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
    "gross_margin": [0.5, 0.1, 0.5, 0.1, 0.1, 0.1],
    "serving_cost": [0.0, 0.0, 0.0, 3.0, 0.0, 0.0],
    "bad_debt_rate": [0.0, 0.0, 0.0, 0.02, 0.0, 0.0],
})
# overall value over fit_years() = 5 years (margin x purchases - 5 x serving cost - bad debt):
# 甲 5 x 1 x .5 = 2.5; 乙 .5; 丙 5 x 10 x .5 = 25; 宏达 5 x 100 x .1 - 15 - 500 x .02 = 25;
# 云帆 (10 + 20 + 40 + 80 + 160) x .1 = 31; 己 .5. Mean 84.5 / 6 = 14.08: 丙, 宏达, 云帆 高.
VALUES = {"甲": 2.5, "乙": 0.5, "丙": 25.0, "宏达集团": 25.0, "云帆软件": 31.0, "己": 0.5}
SCORES = {"甲": 0.525, "乙": 0.25, "丙": 0.725, "宏达集团": 0.0, "云帆软件": 1.0, "己": 0.1}
WEIGHTS = {"purchasing_power": 0.25, "willingness": 0.15, "credit": 0.25, "price_sensitivity": 0.15,
           "cooperation": 0.20}
CK = {"candidates": CANDIDATES, "weights": WEIGHTS, "pair": ("云帆软件", "宏达集团")}


def test_selection_scores_right_and_price_sensitivity_not_flipped():
    right = pd.DataFrame({"customer": list(SCORES), "得分": list(SCORES.values())})
    assert ch2.check_scores(right, **CK).passed
    # not flipped: 甲 .25 + .125 = .375, 乙 .15 + .15 + .1 = .4, 丙 .725, 宏达 .15, 云帆 .85, 己 .25
    unflipped = right.assign(得分=[0.375, 0.4, 0.725, 0.15, 0.85, 0.25])
    assert "价格敏感度没有反过来" in repr(ch2.check_scores(unflipped, **CK))


def test_selection_top_five():
    assert ch2.check_top(["云帆软件", "丙", "甲", "乙", "己"], **CK).passed
    assert "得分最低的五位" in repr(ch2.check_top(["宏达集团", "己", "乙", "甲", "丙"], **CK))
    assert "应当正好五个" in repr(ch2.check_top(["云帆软件"], **CK))


def test_selection_mutual_fit_and_swapped_axes():
    # value 高: 丙 宏达 云帆 (see VALUES); capability mean 5: 乙 丙 己 高
    right = pd.DataFrame({"customer": list(VALUES),
                          "fit": ["暂不考虑", "大材小用", "门当户对", "高攀", "高攀", "大材小用"]})
    assert ch2.check_fit(right, **CK).passed
    swapped = right.assign(fit=["暂不考虑", "高攀", "门当户对", "大材小用", "大材小用", "高攀"])
    assert "弄反了" in repr(ch2.check_fit(swapped, **CK))
    # the task-1 score as the value (score mean .433: 甲 丙 云帆 高), the chapter's old way
    by_score = right.assign(fit=["高攀", "大材小用", "门当户对", "暂不考虑", "高攀", "大材小用"])
    assert "加权得分" in repr(ch2.check_fit(by_score, **CK))


def test_selection_fit_follows_the_instructors_years():
    from crmlab.datasets import exercise_inputs

    # over 1 year: 甲 .5, 乙 .1, 丙 5, 宏达 10 - 3 - 2 = 5, 云帆 1, 己 .1; mean 11.7 / 6 = 1.95:
    # 丙 and 宏达 高, so 云帆 becomes 暂不考虑
    one_year = ["暂不考虑", "大材小用", "门当户对", "高攀", "暂不考虑", "大材小用"]
    answer = pd.DataFrame({"customer": list(VALUES), "fit": one_year})
    assert not ch2.check_fit(answer, **CK).passed
    with exercise_inputs(fit_years=1):
        assert ch2.check_fit(answer, **CK).passed


def test_selection_overtake_year():
    # 云帆 10 doubling vs 宏达 100 flat: 10 * 2**3 = 80, 10 * 2**4 = 160 > 100
    assert ch2.check_overtake(4, **CK).passed
    assert "差了一年" in repr(ch2.check_overtake(3, **CK))


def test_selection_other_correct_styles_pass():
    import numpy as np

    from crmlab.selection import MUTUAL_FIT_RULES

    table = pd.DataFrame({"customer": list(VALUES), "value": list(VALUES.values()),
                          "capability": CANDIDATES["capability"]})
    table["value_level"] = np.where(table["value"] >= table["value"].mean(), "高", "低")
    table["ability_level"] = np.where(table["capability"] >= table["capability"].mean(), "高", "低")
    fit = table.merge(MUTUAL_FIT_RULES[["value_level", "ability_level", "fit"]],
                      on=["value_level", "ability_level"])
    assert ch2.check_fit(fit, **CK).passed
    year = 0
    while 10 * 2 ** year <= 100:
        year += 1
    assert ch2.check_overtake(year, **CK).passed
    assert ch2.check_top(pd.DataFrame({"客户名称": ["云帆软件", "丙", "甲", "乙", "己"]}), **CK).passed


def test_selection_lesson_weights_are_named():
    from crmlab.widgets.selection import DEFAULT_WEIGHTS

    lesson = ch2._scores(CANDIDATES, DEFAULT_WEIGHTS)[["customer", "score"]]
    assert "课上的权重" in repr(ch2.check_scores(lesson, **CK))
