"""Tests for crmlab/selection.py on candidates small enough to score by hand."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab.errors import CrmlabError
from crmlab.selection import (MUTUAL_FIT_RULES, SELECTION_FACTORS, growth_projection,
                              mutual_fit, overtake_year, weighted_scores)


def candidates():
    return pd.DataFrame({"customer": ["甲", "乙", "丙", "丁"],
                         "demand": [10.0, 30.0, 20.0, 30.0],
                         "cost": [5.0, 9.0, 1.0, 9.0],
                         "credit": [3.0, 3.0, 3.0, 3.0]})


def test_weighted_scores_by_hand():
    out = weighted_scores(candidates(), {"demand": 0.6, "cost": 0.4}, lower_is_better=["cost"])
    # demand 10..30 -> 甲 0, 乙 1, 丙 0.5, 丁 1; cost 1..9 flipped -> 甲 0.5, 乙 0, 丙 1, 丁 0
    # scores: 甲 0.2, 乙 0.6, 丙 0.7, 丁 0.6
    assert out["customer"].tolist() == ["丙", "丁", "乙", "甲"]  # 丁 and 乙 tie: by name (code point)
    assert out["score"].tolist() == pytest.approx([0.7, 0.6, 0.6, 0.2])
    assert out["rank"].tolist() == [1, 2, 2, 4]                  # equal scores share a rank
    assert list(out.columns) == ["customer", "demand_norm", "cost_norm", "score", "rank"]


def test_a_constant_criterion_gives_everyone_full_marks():
    out = weighted_scores(candidates(), {"credit": 0.5, "demand": 0.5})
    assert out["credit_norm"].tolist() == [1.0, 1.0, 1.0, 1.0]
    one = weighted_scores(candidates().iloc[:1], {"demand": 1.0})
    assert one["score"].tolist() == [1.0] and one["rank"].tolist() == [1]


def test_weights_that_do_not_add_up_to_one_are_refused():
    with pytest.raises(CrmlabError, match="不等于 1") as err:
        weighted_scores(candidates(), {"demand": 0.5, "cost": 0.4})
    assert "0.9" in str(err.value)
    with pytest.raises(CrmlabError, match="负数"):
        weighted_scores(candidates(), {"demand": 1.5, "cost": -0.5})
    # 0.1 + 0.2 + 0.7 is not exactly 1.0 in floating point, but close enough
    weighted_scores(candidates(), {"demand": 0.1, "cost": 0.2, "credit": 0.7})


def test_unknown_criteria_and_names_are_explained():
    with pytest.raises(CrmlabError, match="「需求」.*找不到"):
        weighted_scores(candidates(), {"需求": 1.0})
    with pytest.raises(CrmlabError, match="没有权重"):
        weighted_scores(candidates(), {"demand": 1.0}, lower_is_better=["cost"])
    with pytest.raises(CrmlabError, match="名称列"):
        weighted_scores(candidates(), {"demand": 1.0}, name="客户")
    bad = candidates()
    bad["demand"] = [10.0, 30.0, "很多", 30.0]
    with pytest.raises(CrmlabError, match="「丙」"):
        weighted_scores(bad, {"demand": 1.0})


def test_mutual_fit_quadrants_with_a_tie_on_the_mean():
    t = pd.DataFrame({"customer": list("abcde"), "value": [9.0, 9.0, 1.0, 1.0, 5.0],
                      "ability": [9.0, 1.0, 9.0, 1.0, 5.0]})
    out = mutual_fit(t, "value", "ability")   # both means are 5.0; e sits on them -> 高 / 高
    assert out["fit"].tolist() == ["门当户对", "高攀", "大材小用", "暂不考虑", "门当户对"]
    assert out["name_source"].iloc[0] == "课程资料"
    out = mutual_fit(t, "value", "ability", value_threshold=9, ability_threshold=2)
    # value >= 9 only for a, b; ability >= 2 for a, c, e
    assert out["fit"].tolist() == ["门当户对", "高攀", "大材小用", "暂不考虑", "大材小用"]
    with pytest.raises(CrmlabError, match="ability2"):
        mutual_fit(t, "value", "ability2")


def test_rule_and_factor_tables():
    assert len(MUTUAL_FIT_RULES) == 4
    assert not MUTUAL_FIT_RULES.duplicated(["value_level", "ability_level"]).any()
    assert SELECTION_FACTORS["factor"].tolist() == ["需求", "信用", "成本与价格敏感度", "合作意愿"]


def test_growth_projection_by_hand():
    out = growth_projection(200, 0.1, 3)
    assert out["year"].tolist() == [0, 1, 2, 3]
    assert out["value"].tolist() == pytest.approx([200, 220, 242, 266.2])
    with pytest.raises(CrmlabError):
        growth_projection(200, 0.1, -1)
    with pytest.raises(CrmlabError, match="-1"):
        growth_projection(200, -1.5, 3)


def test_overtake_year_by_hand():
    # 10 doubling every year vs 100 flat: 10, 20, 40, 80, 160 -> year 4
    assert overtake_year(10, 1.0, 100, 0.0) == 4
    # equal at year 1 (20 vs 20) is not yet overtaking: year 2 (40 > 30)
    assert overtake_year(10, 1.0, 20, 0.0) == 2
    assert overtake_year(150, 0.0, 100, 0.5) == 0       # already larger today
    assert overtake_year(10, 0.1, 100, 0.1) is None     # same growth: never
    assert overtake_year(10, 0.05, 100, 0.1) is None    # slower: never
    assert overtake_year(1, 0.01, 1e6, 0.0) is None     # would take ln(1e6)/ln(1.01) = 1388 years
    with pytest.raises(CrmlabError, match="大于 0"):
        overtake_year(0, 0.5, 100, 0.1)


@settings(max_examples=200, deadline=None)
@given(st.floats(1, 1e6), st.floats(-0.5, 2), st.floats(1, 1e6), st.floats(-0.5, 2))
def test_overtake_year_is_the_first_year_ahead(small, small_rate, large, large_rate):
    def ahead(t):
        return small * (1 + small_rate) ** t > large * (1 + large_rate) ** t

    year = overtake_year(small, small_rate, large, large_rate)
    if year is None:   # never, or not within 200 years; once ahead it stays ahead
        assert not ahead(0) and not ahead(200)
    else:
        assert ahead(year)
        assert year == 0 or not ahead(year - 1)


def test_mutual_fit_keeps_its_thresholds_and_summary_lists_names():
    from crmlab.selection import mutual_fit_summary

    t = pd.DataFrame({"customer": ["a", "b", "c"], "v": [1.0, 2.0, 6.0], "c": [4.0, 4.0, 1.0]})
    out = mutual_fit(t, "v", "c", "median", "mean")
    assert out.attrs["thresholds"] == {"v": 2.0, "c": 3.0}   # median of 1, 2, 6; mean of 4, 4, 1
    summary = mutual_fit_summary(out).set_index("fit")
    # a: v 1 < 2 低, c 4 >= 3 高 -> 大材小用; b: both 高 -> 门当户对; c: v 高, c 低 -> 高攀
    assert summary.loc["门当户对", "names"] == "b"
    assert summary.loc["高攀", "names"] == "c"
    assert summary.loc["大材小用", "names"] == "a"
    assert summary.loc["暂不考虑", ["customers", "names"]].tolist() == [0, "—"]
