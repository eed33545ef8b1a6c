"""Tests for crmlab/crm_basics.py: the chapter-1 tables and their arithmetic."""

import pytest

from crmlab.lifetime_value import clv_finite
from crmlab.crm_basics import (budget_menu, buyer_roles, check_salon_budget, churn_reasons,
                               crm_vs_traditional, repeat_purchase_gap, retention_economics,
                               salon_budget, salon_budget_intensity, size_example,
                               size_versus_profit)
from crmlab.errors import CrmlabError


def test_seven_differences():
    table = crm_vs_traditional()
    assert len(table) == 7
    assert list(table.columns) == ["dimension", "traditional", "crm"]
    assert table["dimension"].is_unique
    assert table.notna().all().all()


def test_churn_reasons_add_up_to_100_percent():
    table = churn_reasons()
    assert table["percent"].sum() == 100
    assert table.groupby("category")["percent"].sum().to_dict() == \
        {"企业因素": 87, "其他因素": 9, "客户因素": 4}   # 9+10+68, 4+5, 1+3
    assert table["percent"].max() == 68


def test_retention_economics_by_hand():
    out = retention_economics(customers=10, acquisition_cost=100, retention_cost=5, margin=25,
                              retention=0.8, years=2)
    assert out["active"].tolist() == pytest.approx([10, 8, 6.4])
    assert out["lost"].tolist() == pytest.approx([0, 2, 1.6])
    assert out["profit"].tolist() == pytest.approx([-1000, 160, 128])   # 8 * 20, 6.4 * 20
    assert out["cumulative_profit"].tolist() == pytest.approx([-1000, -840, -712])
    assert out["retention_spend"].tolist() == pytest.approx([0, 40, 32])
    assert out["replacement_cost"].tolist() == pytest.approx([0, 200, 160])


def test_retention_economics_agrees_with_clv_without_discount():
    out = retention_economics(1, 0, 10, 50, 0.7, 6)
    assert out["profit"].iloc[1:].sum() == pytest.approx(clv_finite(40, 0.7, 0.0, 6))


def test_retention_economics_refuses_bad_inputs():
    with pytest.raises(CrmlabError, match="0 到 1"):
        retention_economics(10, 100, 5, 25, 80, 2)
    with pytest.raises(CrmlabError, match="负数"):
        retention_economics(10, -100, 5, 25, 0.8, 2)
    with pytest.raises(CrmlabError, match="年数"):
        retention_economics(10, 100, 5, 25, 0.8, 2.5)


def test_salon_budget_is_shown_as_stated_and_not_fixed():
    salon = salon_budget()
    assert salon["sales_share"].tolist() == [0.6, 0.3, 0.2]
    assert salon["budget_share"].tolist() == [0.5, 0.4, 0.1]
    assert salon["customer_share"].isna().tolist() == [False, True, False]
    check = check_salon_budget().set_index("share")
    assert check.loc["sales_share", "stated_total"] == pytest.approx(1.1)
    assert not check.loc["sales_share", "adds_up"]
    assert "110%" in check.loc["sales_share", "note"]
    assert check.loc["budget_share", "adds_up"]
    assert check.loc["customer_share", "missing"] == 1
    assert "30%" in check.loc["customer_share", "note"]    # 100 % - 20 % - 50 %


def test_check_salon_budget_on_a_corrected_copy():
    fixed = salon_budget()
    fixed["sales_share"] = [0.5, 0.3, 0.2]
    fixed["customer_share"] = [0.2, 0.3, 0.5]
    assert check_salon_budget(fixed)["adds_up"].all()


def test_six_buyer_roles():
    roles = buyer_roles()
    assert roles["role"].tolist() == ["经济买家", "技术买家", "使用买家", "财务买家", "教练买家",
                                      "影响力买家"]
    assert roles.loc[0, "who"] == "总经理"


def test_salon_intensity_by_hand():
    table = salon_budget_intensity(0.3)
    assert table["group"].tolist() == ["重点顾客", "中间顾客", "一般顾客"]
    # budget share / customer share: 0.5 / 0.2, 0.4 / 0.3, 0.1 / 0.5
    assert table["budget_per_customer"].tolist() == pytest.approx([2.5, 4 / 3, 0.2])
    # budget share / sales share: 0.5 / 0.6, 0.4 / 0.3, 0.1 / 0.2
    assert table["budget_per_sales"].tolist() == pytest.approx([5 / 6, 4 / 3, 0.5])
    # sales share / customer share: 0.6 / 0.2, 0.3 / 0.3, 0.2 / 0.5
    assert table["sales_per_customer"].tolist() == pytest.approx([3.0, 1.0, 0.4])


def test_budget_follows_contribution_per_customer_but_not_per_unit_of_sales():
    for middle in (0.17, 0.2, 0.3, 0.45):
        table = salon_budget_intensity(middle)
        order_sales = table["sales_per_customer"].rank().tolist()
        assert table["budget_per_customer"].rank().tolist() == order_sales
    # below 0.4 / 2.5 = 16 % the middle group gets more budget per head than the top group,
    # though it buys less per head (0.3 / 0.15 = 2 < 3)
    table = salon_budget_intensity(0.15)
    assert table["budget_per_customer"].idxmax() == 1 and table["sales_per_customer"].idxmax() == 0
    table = salon_budget_intensity(0.3)
    # per unit of sales the middle group gets the most, the top group less than it
    assert table["budget_per_sales"].idxmax() == 1
    assert not table["budget_per_sales"].is_monotonic_decreasing


def test_salon_intensity_does_not_change_the_case_and_refuses_a_zero_share():
    before = salon_budget()
    salon_budget_intensity(0.25, before)
    assert before["customer_share"].isna().sum() == 1
    with pytest.raises(CrmlabError, match="大于 0"):
        salon_budget_intensity(0)
    with pytest.raises(CrmlabError, match="数字"):
        salon_budget_intensity("三成")


def test_budget_menu_edges_go_up():
    menu = budget_menu([0, 7999.99, 8000, 12000, 30000])
    assert menu["item"].tolist() == ["8,000 元以下", "8,000 元以下", "8,000（含）～12,000 元",
                                     "12,000 元及以上", "12,000 元及以上"]
    assert budget_menu([150], edges=(100, 200, 300))["item"].tolist() == ["100（含）～200 元"]
    with pytest.raises(CrmlabError):
        budget_menu([5000], edges=(12000, 8000))
    with pytest.raises(CrmlabError):
        budget_menu(["很多"])


def test_repeat_purchase_gap():
    gap = repeat_purchase_gap()
    assert gap["online_rate"] == 0.59
    assert gap["bookstore_rate_below"] == pytest.approx(0.295)
    assert repeat_purchase_gap(0.6, 3)["bookstore_rate_below"] == pytest.approx(0.2)


def test_size_versus_profit_by_hand():
    out = size_versus_profit(size_example())
    # big: 600000 x (0.35 - 0.20) - 150 x 60 - 40000 = 90000 - 9000 - 40000
    # middle: 200000 x 0.30 - 40 x 60 - 5000; small: 6000 x 0.35 - 30 x 60
    assert out["profit"].tolist() == pytest.approx([41000, 52600, 300])
    assert out["revenue"].tolist() == pytest.approx([480000, 190000, 6000])
    assert out["profit_rate"].tolist() == pytest.approx([41000 / 480000, 52600 / 190000, 0.05])
    # the biggest customer by sales is not the most profitable one
    assert out["list_sales"].idxmax() != out["profit"].idxmax()
    with pytest.raises(CrmlabError, match="discount"):
        size_versus_profit(size_example().drop(columns="discount"))
