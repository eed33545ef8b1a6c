"""crmlab.summary.group_summary: the one per-group summary behind tier_summary, the ABC and
pyramid tables of the explorers, and the ABC / pyramid charts. Small tables worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlab.abc_classification import abc_analysis
from crmlab.errors import CrmlabError
from crmlab.rfm import tier_summary
from crmlab.summary import group_summary


def test_keeps_empty_groups_in_the_order_given():
    t = pd.DataFrame({"tier": ["乙", "乙", "甲"], "value": [1.0, 2.0, 1.0]})
    out = group_summary(t, "tier", ["甲", "乙", "丙"])
    assert out.columns.tolist() == ["tier", "customers", "customer_share", "value", "value_share"]
    assert out["tier"].tolist() == ["甲", "乙", "丙"]
    assert out["customers"].tolist() == [1, 2, 0]
    assert out["customer_share"].tolist() == [1 / 3, 2 / 3, 0.0]
    assert out["value"].tolist() == [1.0, 3.0, 0.0]
    assert out["value_share"].tolist() == [0.25, 0.75, 0.0]


def test_without_order_groups_come_as_they_first_appear():
    t = pd.DataFrame({"tier": ["乙", "甲", "乙"], "v": [1.0, 4.0, 3.0]})
    out = group_summary(t, "tier", value="v")
    assert out["tier"].tolist() == ["乙", "甲"]
    assert out["value"].tolist() == [4.0, 4.0]


def test_groups_outside_the_order_follow_it():
    t = pd.DataFrame({"g": ["x", "a", "y"], "value": [1.0, 1.0, 2.0]})
    assert group_summary(t, "g", ["a"])["g"].tolist() == ["a", "x", "y"]


def test_named_total_and_share_columns_and_rounding():
    t = pd.DataFrame({"segment": ["s", "s"], "M": [0.125, 0.0]})
    out = group_summary(t, "segment", ["s"], "M", total="M_total", share="M_share", decimals=2)
    assert out.columns.tolist() == ["segment", "customers", "customer_share", "M_total", "M_share"]
    assert out["M_total"].tolist() == [0.12]   # 0.125 rounds half to even


def test_zero_total_gives_zero_shares_not_nan():
    t = pd.DataFrame({"g": ["a", "b"], "value": [5.0, -5.0]})
    assert group_summary(t, "g")["value_share"].tolist() == [0.0, 0.0]


def test_missing_column_is_a_chinese_error():
    with pytest.raises(CrmlabError, match="value"):
        group_summary(pd.DataFrame({"g": ["a"]}), "g")


def test_tier_summary_is_group_summary_of_segments():
    seg = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户", "重要价值客户"],
                        "M": [300.0, 100.0, 100.0]})
    out = tier_summary(seg)
    assert len(out) == 8   # every tier of RFM_RULES, empty ones with zeros
    assert out.iloc[0].tolist() == ["重要价值客户", 2, 2 / 3, 400.0, 0.8]
    assert out.iloc[7].tolist() == ["一般挽留客户", 1, 1 / 3, 100.0, 0.2]


def test_abc_classes_summary():
    t = pd.DataFrame({"customer": list("abcde"), "amount": [10.0, 50.0, 20.0, 15.0, 5.0]})
    # by head count 20 : 30 : 50 -> A = b (50), B = c (20), C = d, a, e (30) of 100
    out = group_summary(abc_analysis(t), "class", ["A", "B", "C"])
    assert out["customers"].tolist() == [1, 1, 3]
    assert out["value_share"].tolist() == [0.5, 0.2, 0.3]
