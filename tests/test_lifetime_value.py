"""Tests for crmlab/lifetime_value.py, with every value worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from crmlab.lifetime_value import (CLV_CS_RULES, CPV_CLV_RULES, CRMLAB_OWN, clv, clv_cs_classes, clv_finite,
                        cpv_clv_classes)
from crmlab.errors import CrmlabError


def test_clv_closed_form_by_hand():
    assert clv(100, 0.8, 0.1) == pytest.approx(80 / 0.3)     # 100 * 0.8 / (1.1 - 0.8)
    assert clv(60, 0.5, 0.0) == pytest.approx(60.0)          # 60 * (0.5 + 0.25 + ...) = 60
    assert clv(100, 0.0, 0.1) == 0.0                         # nobody stays: no future margin
    assert isinstance(clv(1, 0.5, 0.1), float)


def test_clv_finite_by_hand():
    assert clv_finite(100, 0.5, 0.0, 3) == pytest.approx(50 + 25 + 12.5)
    assert clv_finite(100, 0.8, 0.1, 1) == pytest.approx(80 / 1.1)
    assert clv_finite(100, 0.8, 0.1, 2) == pytest.approx(80 / 1.1 + 64 / 1.21)
    assert clv_finite(100, 0.8, 0.1, 0) == 0.0
    assert clv_finite(100, 1.0, 0.0, 4) == pytest.approx(400.0)  # a customer that never leaves


def test_clv_finite_approaches_clv():
    assert clv_finite(100, 0.9, 0.05, 400) == pytest.approx(clv(100, 0.9, 0.05))


def test_clv_is_vectorised_and_keeps_the_index():
    margins = pd.Series([100.0, 60.0], index=["甲", "乙"])
    out = clv(margins, pd.Series([0.8, 0.5], index=["甲", "乙"]), 0.0)
    assert out.index.tolist() == ["甲", "乙"]
    assert out.tolist() == pytest.approx([400.0, 60.0])   # 80 / 0.2 and 30 / 0.5
    years = clv_finite(100.0, 0.5, 0.0, np.array([1, 2]))
    assert years.tolist() == pytest.approx([50.0, 75.0])


@pytest.mark.parametrize("args, words", [
    ((100, 80, 0.1), "0 到 1"),
    ((100, -0.1, 0.1), "0 到 1"),
    ((100, 0.5, -0.1), "负数"),
    ((100, 1.0, 0.0), "无穷大"),
    (("很多", 0.5, 0.1), "数字"),
])
def test_clv_refuses_impossible_inputs(args, words):
    with pytest.raises(CrmlabError, match=words):
        clv(*args)


def test_clv_finite_refuses_fractional_years():
    with pytest.raises(CrmlabError, match="正整数"):
        clv_finite(100, 0.5, 0.1, 2.5)


def customers():
    # clv mean = (900 + 100 + 500 + 100) / 4 = 400; median = 300
    return pd.DataFrame({"customer": list("abcd"), "clv": [900.0, 100.0, 500.0, 100.0],
                         "satisfaction": [4.0, 3.0, 2.9, 3.99]})


def test_clv_cs_levels_at_the_boundaries():
    out = clv_cs_classes(customers())
    assert out["clv_level"].tolist() == ["高", "低", "高", "低"]
    # 4.0 is 高 (>= 4), 3.0 is 中 (>= 3), 2.9 is 低, 3.99 is 中
    assert out["cs_level"].tolist() == ["高", "中", "低", "中"]
    assert out["class_name"].tolist() == ["核心客户", "一般客户", "高危客户", "一般客户"]
    assert list(out.columns[:3]) == ["customer", "clv", "satisfaction"]


def test_clv_cs_thresholds_are_adjustable():
    out = clv_cs_classes(customers(), clv_threshold=500, satisfaction_cuts=(2, 3))
    assert out["clv_level"].tolist() == ["高", "低", "高", "低"]     # 500 >= 500
    assert out["cs_level"].tolist() == ["高", "高", "中", "高"]
    assert clv_cs_classes(customers(), clv_threshold=950)["clv_level"].tolist() == ["低"] * 4
    with pytest.raises(CrmlabError, match="从小到大"):
        clv_cs_classes(customers(), satisfaction_cuts=(4, 3))
    with pytest.raises(CrmlabError, match="阈值"):
        clv_cs_classes(customers(), clv_threshold="average")


def test_clv_cs_rules_are_data_with_six_classes_marked_as_crmlabs_own():
    assert len(CLV_CS_RULES) == 6
    assert not CLV_CS_RULES.duplicated(["clv_level", "cs_level"]).any()
    assert set(CLV_CS_RULES["name_source"]) == {CRMLAB_OWN}
    rules = CLV_CS_RULES.copy()
    rules["class_name"] = [f"第{i}类" for i in range(1, 7)]
    assert clv_cs_classes(customers(), rules=rules)["class_name"].iloc[0] == "第1类"


def test_clv_cs_errors_and_no_mutation():
    t = customers()
    before = t.copy()
    clv_cs_classes(t)
    pd.testing.assert_frame_equal(t, before)
    with pytest.raises(CrmlabError, match="satisfaction"):
        clv_cs_classes(t.drop(columns="satisfaction"))
    t.loc[1, "clv"] = np.nan
    with pytest.raises(CrmlabError, match="第 2 条"):
        clv_cs_classes(t)


def test_cpv_clv_classes_by_hand():
    t = pd.DataFrame({"customer": list("abcde"), "perceived_value": [1.0, 2.0, 8.0, 9.0, 5.0],
                      "clv": [10.0, 90.0, 10.0, 90.0, 50.0]})
    # means: CPV 5.0, CLV 50.0; e sits exactly on both means -> 高 / 高
    out = cpv_clv_classes(t)
    assert out["class"].tolist() == ["I", "II", "III", "IV", "IV"]
    assert out["class_name"].tolist()[:2] == ["鸡肋", "潜力股"]
    assert out["name_source"].tolist()[:2] == ["课程资料", "课程资料"]
    assert out["name_source"].iloc[2] == CRMLAB_OWN
    assert cpv_clv_classes(t, cpv_threshold=9, clv_threshold=100)["class"].tolist() == \
        ["I", "I", "I", "III", "I"]


def test_cpv_clv_rules_course_names():
    by_class = CPV_CLV_RULES.set_index("class")[["cpv_level", "clv_level", "class_name"]]
    assert by_class.loc["I"].tolist() == ["低", "低", "鸡肋"]
    assert by_class.loc["II"].tolist() == ["低", "高", "潜力股"]


def test_the_inputs_own_name_and_segment_columns_survive():
    # a customer-name column "name" (as in load_demo_customers) and an RFM "segment" are the
    # input's own: the class names go to class_name, and neither column changes
    t = pd.DataFrame({"customer": list("ab"), "name": ["郭超", "金鹏"],
                      "segment": ["重要价值客户"] * 2, "perceived_value": [1.0, 9.0],
                      "clv": [10.0, 90.0], "satisfaction": [4.0, 2.0]})
    four = cpv_clv_classes(t)
    assert four["name"].tolist() == ["郭超", "金鹏"]
    assert four["segment"].tolist() == ["重要价值客户"] * 2
    assert four["class_name"].tolist() == ["鸡肋", "明星客户"]   # means 5 / 50: a 低低 I, b 高高 IV
    six = clv_cs_classes(t)
    assert six["name"].tolist() == ["郭超", "金鹏"]
    assert six["segment"].tolist() == ["重要价值客户"] * 2
    assert six["class_name"].tolist() == ["忠诚小客户", "高危客户"]   # a CLV 低 CS 高, b 高 / 低


def test_a_column_of_the_inputs_own_is_refused_not_overwritten_and_a_second_run_is_redone():
    t = pd.DataFrame({"customer": list("ab"), "strategy": ["RFM 的策略"] * 2,
                      "perceived_value": [1.0, 9.0], "clv": [10.0, 90.0]})
    with pytest.raises(CrmlabError, match="strategy") as caught:
        cpv_clv_classes(t)
    assert "rename" in caught.value.hint
    once = cpv_clv_classes(t.drop(columns="strategy"))
    twice = cpv_clv_classes(once)
    pd.testing.assert_frame_equal(twice, once)


def test_package_attribute_is_the_function_not_the_module():
    import types

    import crmlab
    import crmlab.lifetime_value  # importing the module must not hide the function
    assert not isinstance(crmlab.clv, types.ModuleType)


def test_clv_by_year_by_hand():
    from crmlab.lifetime_value import clv_by_year

    # m 100, r 0.5, d 0.25: q = 0.4, years 1..3 bring 40, 16, 6.4; the limit 100 * 0.5 / 0.75
    out = clv_by_year(100, 0.5, 0.25, 3)
    assert out["year"].tolist() == [0, 1, 2, 3]
    assert out["expected_value"].round(6).tolist() == [0.0, 40.0, 16.0, 6.4]
    assert out["cumulative"].round(6).tolist() == [0.0, 40.0, 56.0, 62.4]
    assert out["clv"].round(6).unique().tolist() == [66.666667]
