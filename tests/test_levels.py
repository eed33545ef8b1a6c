"""crmlab/levels.py: thresholds, 高/低 levels and rule-table lookup shared by the CLV-CS,
CPV-CLV and mutual-fit matrices (and, for thresholds, by RFM). Small tables worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.levels import apply_rules, check_two_cuts, high_low, numeric_column, threshold_value
from crmlab.rfm import rfm_thresholds

VALUES = pd.Series([1.0, 2.0, 6.0])   # mean 3, median 2


def test_threshold_value_mean_median_number():
    assert threshold_value(VALUES, "mean", "x") == 3.0
    assert threshold_value(VALUES, "median", "x") == 2.0
    assert threshold_value(VALUES, 4, "x") == 4.0


@pytest.mark.parametrize("bad", ["average", True, float("nan"), None, [1, 2]])
def test_threshold_value_refuses_what_is_not_a_threshold(bad):
    with pytest.raises(CrmlabError, match="「x」的阈值"):
        threshold_value(VALUES, bad, "x")


def test_rfm_thresholds_use_the_same_definition():
    rfm = pd.DataFrame({"R": [1, 3, 8], "F": [1, 2, 6], "M": [10.0, 20.0, 60.0]})
    for how in ("mean", "median"):
        assert rfm_thresholds(rfm, how) == {m: threshold_value(rfm[m], how, m) for m in "RFM"}


def test_high_low_ties_are_high():
    # mean 3: 1 and 2 are below it; a value equal to the threshold counts as 高
    assert high_low(pd.Series([1.0, 2.0, 3.0, 6.0]), 3, "x").tolist() == ["低", "低", "高", "高"]


def test_numeric_column_converts_and_names_the_bad_row():
    table = pd.DataFrame({"score": ["1", "2.5"], "other": ["a", "b"]})
    assert numeric_column(table, "score").tolist() == [1.0, 2.5]
    with pytest.raises(CrmlabError, match="第 2 条记录的「other」不是数字"):
        numeric_column(table.assign(other=["1", "b"]), "other")
    with pytest.raises(CrmlabError, match="表中没有列「missing」"):
        numeric_column(table, "missing")


def test_check_two_cuts():
    assert check_two_cuts((3, 4)) == (3.0, 4.0)
    with pytest.raises(CrmlabError, match="必须从小到大"):
        check_two_cuts((4, 3))
    with pytest.raises(CrmlabError, match="应是两个数字"):
        check_two_cuts((3,))


RULES = pd.DataFrame({"a_level": ["高", "高", "低"], "b_level": ["高", "低", "高"],
                      "name": ["双高", "甲高", "乙高"], "advice": ["x", "y", "z"]})


def test_apply_rules_looks_up_each_row_and_keeps_the_index():
    frame = pd.DataFrame({"a_level": ["低", "高"], "b_level": ["高", "高"]}, index=[10, 20])
    out = apply_rules(frame, RULES, ["a_level", "b_level"], ["name", "advice"])
    assert out.index.tolist() == [10, 20]
    assert out["name"].tolist() == ["乙高", "双高"]
    # a second run redoes the lookup instead of refusing its own columns
    again = apply_rules(out, RULES, ["a_level", "b_level"], ["name", "advice"])
    assert again["name"].tolist() == ["乙高", "双高"]


def test_apply_rules_says_which_combination_is_missing():
    frame = pd.DataFrame({"a_level": ["低"], "b_level": ["低"]})
    with pytest.raises(CrmlabError, match="没有 a_level=低、b_level=低 这种组合"):
        apply_rules(frame, RULES, ["a_level", "b_level"], ["name", "advice"])


def test_apply_rules_refuses_duplicates_and_a_clash_with_the_callers_column():
    frame = pd.DataFrame({"a_level": ["高"], "b_level": ["高"], "name": ["我的列"]})
    with pytest.raises(CrmlabError, match="表中已有列「name」"):
        apply_rules(frame, RULES, ["a_level", "b_level"], ["name", "advice"])
    with pytest.raises(CrmlabError, match="重复的等级组合"):
        apply_rules(frame[["a_level", "b_level"]], pd.concat([RULES, RULES]),
                    ["a_level", "b_level"], ["name", "advice"])
