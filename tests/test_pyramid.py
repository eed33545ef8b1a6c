"""Tests for crmlab/pyramid.py: tiers on hand-worked tables, the whale curve, the course figures."""

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.pyramid import (PYRAMID_TIERS, check_course_pyramid, course_pyramid,
                            course_pyramid_shares, course_pyramid_stated, customer_pyramid,
                            whale_curve)

TOP, KEY, ORDINARY, SMALL = PYRAMID_TIERS


def profits(**values):
    return pd.DataFrame({"customer": list(values), "profit": [float(v) for v in values.values()]})


def test_tier_names_are_the_course_names():
    assert PYRAMID_TIERS == ("高端客户", "重要客户", "普通客户", "小客户")


def test_by_rank_with_twenty_customers():
    # 1/20 = 5 % -> 高端; ranks 2-4 (<= 20 %) 重要; ranks 5-10 (<= 50 %) 普通; 11-20 小
    t = profits(**{f"c{i:02d}": 100 - i for i in range(20)})
    out = customer_pyramid(t)
    assert out["tier"].tolist() == [TOP] + [KEY] * 3 + [ORDINARY] * 6 + [SMALL] * 10
    assert out["customer"].iloc[0] == "c00"


def test_by_rank_with_seven_customers_has_no_top_tier():
    # 1/7 = 14 % > 5 %: nobody is 高端; 20 % of 7 = 1.4 -> rank 1; 50 % of 7 = 3.5 -> ranks 2, 3
    out = customer_pyramid(profits(a=7, b=6, c=5, d=4, e=3, f=2, g=1))
    assert out["tier"].tolist() == [KEY, ORDINARY, ORDINARY, SMALL, SMALL, SMALL, SMALL]


def test_by_profit_the_crossing_customer_stays_in_the_higher_tier():
    # total 100; profit before each: 0, 40, 70, 90, 96
    out = customer_pyramid(profits(a=40, b=30, c=20, d=6, e=4), by="profit")
    assert out["tier"].tolist() == [TOP, TOP, KEY, ORDINARY, SMALL]


def test_by_profit_with_loss_making_customers():
    # total 10; before: 0, 0.6, 1.2, 1.2 -> the loss makers are 小客户
    out = customer_pyramid(profits(a=6, b=6, c=0, d=-2), by="profit")
    assert out["tier"].tolist() == [TOP, KEY, SMALL, SMALL]
    assert out["cum_share"].tolist() == [0.6, 1.2, 1.2, 1.0]


def test_ties_by_name_and_columns_follow_the_contract():
    out = customer_pyramid(profits(b=5, a=5), value="profit")
    assert list(out.columns) == ["customer", "rank", "value", "share", "cum_share", "tier"]
    assert out["customer"].tolist() == ["a", "b"]


def test_other_value_column_and_bad_by():
    t = pd.DataFrame({"customer": ["a", "b"], "M": [1.0, 3.0]})
    assert customer_pyramid(t, value="M")["customer"].tolist() == ["b", "a"]
    with pytest.raises(CrmlabError, match="by="):
        customer_pyramid(t, value="M", by="count")
    with pytest.raises(CrmlabError, match="profit"):
        customer_pyramid(t)


def test_whale_curve_starts_at_the_origin_and_humps_above_one():
    out = whale_curve(profits(a=5, b=-1, c=2, d=4))   # total 10
    assert out["customer"].tolist() == ["", "a", "d", "c", "b"]
    assert out["customer_share"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert out["value_share"].tolist() == [0.0, 0.5, 0.9, 1.1, 1.0]


def test_course_pyramid_figures_as_typed_from_the_slide():
    p = course_pyramid()
    assert p["group"].tolist() == ["VIP客户", "大客户", "中级客户", "小客户",
                                   "不积极的客户", "潜在客户", "需置疑的客户"]
    assert p.loc[p["existing"], "customers"].tolist() == [21, 85, 319, 1701]
    assert p.loc[~p["existing"], "customers"].tolist() == [154, 250, 1000]
    assert p["profit_per_customer"].iloc[3] == -522
    assert course_pyramid_stated()["customers"] == 2126


def test_course_pyramid_shares_worked_by_hand():
    s = course_pyramid_shares()
    # revenue: 21*114000 + 85*31600 + 319*9100 + 1701*1160 = 2394000 + 2686000 + 2902900 + 1973160
    assert s["revenue"].sum() == 9_956_060
    # profit: 957600 + 805800 + 580580 - 887922
    assert s["profit"].sum() == 1_456_058
    assert s["cum_customer_share"].iloc[2] == pytest.approx(425 / 2126)
    assert s["implied_investment_per_customer"].iloc[0] == pytest.approx(45_600 / 1.14)


def test_check_course_pyramid_says_what_adds_up_and_what_does_not():
    c = check_course_pyramid().set_index("check")
    assert c["agrees"].tolist() == [True, True, False, False, True, True]
    assert c["computed"].iloc[1] == pytest.approx(9_956_060 / 2126)      # about 4,683 vs 4,680
    assert c["computed"].iloc[2] == pytest.approx(1_456_058 / 2126)      # about 685 vs 399
    assert c["computed"].iloc[4] == pytest.approx(2_343_980 / 1_456_058)  # top 425 customers: 161 %
    assert c["computed"].iloc[5] == pytest.approx(2_343_980 / (399 * 2126))
    # a tighter tolerance makes the revenue check fail too (4,683 is 0.06 % above 4,680)
    assert not check_course_pyramid(tolerance=0.0001)["agrees"].iloc[1]


def test_table_5_1_rows_follow_the_tier_order():
    from crmlab.pyramid import pyramid_tiers
    table = pyramid_tiers()
    assert tuple(table["tier"]) == PYRAMID_TIERS
    assert table["by_rank"].tolist() == ["前 5%", "6%-20%", "21%-50%", "后 50%"]


def test_course_pyramid_gaps_are_listed():
    from crmlab.pyramid import course_pyramid_gaps
    gaps = course_pyramid_gaps()
    assert list(gaps.columns) == ["item", "gap", "crmlab_reading"]
    assert gaps["gap"].str.len().gt(0).all()


def test_pyramid_from_a_ranking_equals_the_whole_pyramid():
    from crmlab.abc_classification import rank_by_value
    from crmlab.pyramid import pyramid_from_ranked

    t = pd.DataFrame({"customer": list("abcdef"), "profit": [50.0, 5.0, 20.0, -3.0, 10.0, 18.0]})
    ranked = rank_by_value(t, "profit")
    for by in ("rank", "profit"):
        pd.testing.assert_frame_equal(pyramid_from_ranked(ranked, by), customer_pyramid(t, by=by))
