"""Chapter 2 explorers: selection weights and the growth of small customers.

Fixtures are tiny; every expected score and year is worked out by hand in the comments.
"""

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.widgets.selection import (
    fit_table,
    growth_explorer,
    mutual_fit_explorer,
    normalised_weights,
    weights_explorer,
)

pytestmark = pytest.mark.usefixtures("chinese_fonts")  # Chinese must render, as in a notebook


@pytest.fixture
def candidates():
    # 甲 is strong on demand, 乙 on credit; 丙 in between
    return pd.DataFrame({"customer": ["甲", "乙", "丙"], "demand": [10, 0, 5],
                         "credit": [0, 10, 5]})


def test_weights_sliders_reorder_the_candidates(candidates):
    explorer = weights_explorer(candidates, {"demand": 0.8, "credit": 0.2})
    # normalised: 甲 (1, 0), 乙 (0, 1), 丙 (.5, .5): scores .8, .2, .5
    assert explorer.result["customer"].tolist() == ["甲", "丙", "乙"]
    assert explorer.result["score"].tolist() == pytest.approx([0.8, 0.5, 0.2])
    explorer.controls["demand"].value = 0.2
    explorer.controls["credit"].value = 0.8
    # now 乙 scores .8, 丙 .5, 甲 .2
    assert explorer.result["customer"].tolist() == ["乙", "丙", "甲"]


def test_weights_not_adding_to_one_show_the_message_beside_the_last_ranking(candidates):
    explorer = weights_explorer(candidates, {"demand": 0.5, "credit": 0.5})
    before = explorer.result
    explorer.controls["demand"].value = 0.7   # 0.7 + 0.5 = 1.2
    assert "1.2" in explorer.message and "不等于 1" in explorer.message
    assert "自动按比例缩放到 1" in explorer.message   # the way out, named as the toggle says it
    assert explorer.stale and explorer.result is before   # the ranking of 0.5 / 0.5 stays shown
    explorer.controls["credit"].value = 0.3   # 0.7 + 0.3 = 1: a new ranking, no message
    assert explorer.message == "" and not explorer.stale
    assert explorer.result.attrs["weights"] == {"demand": 0.7, "credit": 0.3}


def test_normalise_mode_scales_the_weights_and_says_so(candidates):
    explorer = weights_explorer(candidates, {"demand": 0.5, "credit": 0.5})
    explorer.controls["mode"].value = "normalise"
    explorer.controls["demand"].value = 1.0   # 1.0 and 0.5 -> 2/3 and 1/3
    used = explorer.result.attrs["weights"]
    assert used["demand"] == pytest.approx(2 / 3) and used["credit"] == pytest.approx(1 / 3)
    # 甲 2/3, 丙 1/2, 乙 1/3
    assert explorer.result["score"].tolist() == pytest.approx([2 / 3, 0.5, 1 / 3])
    assert "1.50" in explorer.result.attrs["note"] and "缩放" in explorer.result.attrs["note"]


def test_normalised_weights_refuse_all_zero():
    assert normalised_weights({"a": 1, "b": 3}) == {"a": 0.25, "b": 0.75}
    with pytest.raises(CrmlabError, match="都是 0"):
        normalised_weights({"a": 0.0, "b": 0.0})


def test_default_weights_on_the_course_factors_add_up_to_one():
    candidates = pd.DataFrame({"customer": ["a", "b"], "purchasing_power": [1, 2],
                               "willingness": [1, 2], "credit": [1, 2],
                               "price_sensitivity": [1, 2], "cooperation": [1, 2]})
    explorer = weights_explorer(candidates)
    assert explorer.message == ""
    # b is better on four criteria with weight .25 + .2 + .2 + .2 = .85, worse on price (.15)
    assert explorer.result.set_index("customer")["score"].to_dict() == pytest.approx(
        {"b": 0.85, "a": 0.15})


def test_growth_rate_slider_moves_the_overtake_year():
    explorer = growth_explorer(small=10, large=100, small_rate=0.5, large_rate=0.05, years=10)
    # 10 * 1.5 ** 7 = 170.9 > 100 * 1.05 ** 7 = 140.7, while year 6: 113.9 < 134.0
    assert explorer.result.attrs["overtake_year"] == 7
    assert explorer.result["small"].iloc[2] == pytest.approx(22.5)
    assert explorer.result["large"].iloc[2] == pytest.approx(110.25)
    explorer.controls["small_rate"].value = 1.0
    # doubling: 10 * 2 ** 4 = 160 > 100 * 1.05 ** 4 = 121.6; year 3: 80 < 115.8
    assert explorer.result.attrs["overtake_year"] == 4
    explorer.controls["small_rate"].value = 0.05
    assert explorer.result.attrs["overtake_year"] is None
    assert "永远追不上" in explorer._show(explorer.result).data


def test_mutual_fit_threshold_toggle_moves_a_candidate():
    # value scores 0, 1, 2, 9 (mean 3, median 1.5); ability 5 for all but d (1)
    table = pd.DataFrame({"customer": list("abcd"), "score": [0.0, 1.0, 2.0, 9.0],
                          "capability": [5, 5, 5, 1]})
    explorer = mutual_fit_explorer(table)
    # ability mean = 4: a, b, c 高, d 低; value mean 3: only d 高
    fits = dict(zip(explorer.result["customer"], explorer.result["fit"]))
    assert fits == {"a": "大材小用", "b": "大材小用", "c": "大材小用", "d": "高攀"}
    explorer.controls["value_threshold"].value = "median"
    # value median 1.5: c (2) becomes 高 with 高 ability -> 门当户对
    fits = dict(zip(explorer.result["customer"], explorer.result["fit"]))
    assert fits["c"] == "门当户对" and fits["b"] == "大材小用"
    shown = fit_table(explorer.result).set_index("匹配类型")
    assert shown.loc["门当户对", "客户数"] == 1 and shown.loc["门当户对", "客户"] == "c"
    assert shown.loc["暂不考虑", "客户"] == "—"
    assert "门当户对" in explorer._show(explorer.result).data  # shown as an HTML table
    # the dashed value line moved to the median 1.5
    assert explorer.figure.axes[0].lines[0].get_xdata()[0] == pytest.approx(1.5)
