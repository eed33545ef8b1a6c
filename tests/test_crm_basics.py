"""Tests for crmlab/crm_basics.py: the chapter-1 tables and their arithmetic."""

import pytest

from crmlab.lifetime_value import clv_finite
from crmlab.crm_basics import (buyer_roles, check_salon_budget, churn_reasons, crm_vs_traditional,
                               retention_economics, salon_budget)
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
