"""Chapter 1 explorers: moving a control re-runs the method and the result changes as it says.

Every expected number is worked out by hand in the comments.
"""

import pytest

from crmlab.widgets.value import clv_explorer, retention_explorer, salon_explorer, salon_table

pytestmark = pytest.mark.usefixtures("chinese_fonts")  # Chinese must render, as in a notebook


def test_clv_closed_form_and_horizon_follow_the_sliders():
    explorer = clv_explorer(margin=100, retention=0.5, discount=0.0, years=2)
    # q = 0.5: year 1 brings 100 * 0.5 = 50, year 2 100 * 0.25 = 25; CLV = 100 * .5 / (1 - .5) = 100
    assert explorer.result["expected_value"].round(9).tolist() == [0.0, 50.0, 25.0]
    assert explorer.result["cumulative"].round(9).tolist() == [0.0, 50.0, 75.0]
    assert explorer.result["clv"].iloc[0] == pytest.approx(100.0)
    explorer.controls["retention"].value = 0.8
    # CLV = 100 * 0.8 / (1 - 0.8) = 400; two years: 80 + 64 = 144
    assert explorer.result["clv"].iloc[0] == pytest.approx(400.0)
    assert explorer.result["cumulative"].iloc[-1] == pytest.approx(144.0)
    explorer.controls["discount"].value = 0.25
    # q = 0.8 / 1.25 = 0.64: CLV = 100 * 0.8 / (1.25 - 0.8) = 177.78; two years 64 + 40.96
    assert explorer.result["clv"].iloc[0] == pytest.approx(80 / 0.45)
    assert explorer.result["cumulative"].iloc[-1] == pytest.approx(104.96)


def test_clv_longer_horizon_gets_closer_to_the_closed_form():
    explorer = clv_explorer(margin=100, retention=0.5, discount=0.0, years=2)
    explorer.controls["years"].value = 10
    # 100 * (1 - 0.5 ** 10) = 99.90..., still below the closed form 100
    assert explorer.result["cumulative"].iloc[-1] == pytest.approx(100 * (1 - 0.5 ** 10))
    assert len(explorer.result) == 11
    shown = explorer._show(explorer.result)
    assert shown["数值"].tolist() == ["100.00 元", "99.90 元", "99.9%"]
    # chart: ten yearly bars and the closed form as a horizontal line at 100
    ax = explorer.figure.axes[0]
    assert len(ax.patches) == 10
    assert any(list(line.get_ydata()) == [100.0, 100.0] for line in ax.lines)


def test_retention_slider_changes_who_stays_and_the_profit():
    explorer = retention_explorer(customers=100, acquisition_cost=50, retention_cost=10,
                                  margin=40, retention=0.5, years=2)
    # year 1: 50 stay, profit 50 * (40 - 10) = 1500; 50 lost cost 50 * 50 = 2500 to replace
    assert explorer.result["active"].tolist() == [100.0, 50.0, 25.0]
    assert explorer.result["profit"].tolist() == [-5000.0, 1500.0, 750.0]
    assert explorer.result["replacement_cost"].tolist() == [0.0, 2500.0, 1250.0]
    explorer.controls["retention"].value = 0.9
    # 90 stay, then 81: profits 2700 and 2430; cumulative -5000 + 2700 + 2430 = 130
    assert explorer.result["active"].round(9).tolist() == [100.0, 90.0, 81.0]
    assert explorer.result["cumulative_profit"].iloc[-1] == pytest.approx(130.0)
    assert list(explorer._show(explorer.result).columns)[:3] == ["年份", "仍在的客户", "当年流失"]


def test_salon_missing_share_is_the_students_assumption_and_sales_stay_at_110():
    explorer = salon_explorer(middle_share=0.3)
    totals = dict(zip(explorer.result["share"], explorer.result["stated_total"]))
    # 20 % + 30 % + 50 % = 100 %; sales 60 + 30 + 20 = 110 %; budget 50 + 40 + 10 = 100 %
    assert totals == pytest.approx({"customer_share": 1.0, "sales_share": 1.1, "budget_share": 1.0})
    explorer.controls["middle_share"].value = 0.2
    totals = dict(zip(explorer.result["share"], explorer.result["stated_total"]))
    assert totals["customer_share"] == pytest.approx(0.9)
    assert totals["sales_share"] == pytest.approx(1.1)   # no slider can fix the case's figures
    shown = salon_table(explorer.result, 0.2)
    assert shown["合计"].tolist() == ["90%", "110%", "100%"]
    assert shown["合计为 100%？"].tolist() == ["否", "否", "是"]
    assert "20%" in shown["说明"].iloc[0]
    assert "110%" in explorer._show(explorer.result).data  # shown as an HTML table
    # the chart has the assumed 20 % as the middle group's customer bar
    assert round(explorer.figure.axes[0].patches[1].get_height(), 9) == 0.2


def test_salon_explorer_compares_budget_per_customer_and_per_unit_of_sales():
    explorer = salon_explorer(middle_share=0.3)
    intensity = explorer.result.attrs["intensity"]
    # per head: 0.5 / 0.2, 0.4 / 0.3, 0.1 / 0.5; per unit of sales: 0.5 / 0.6, 0.4 / 0.3, 0.1 / 0.2
    assert intensity["budget_per_customer"].tolist() == pytest.approx([2.5, 4 / 3, 0.2])
    assert intensity["budget_per_sales"].tolist() == pytest.approx([5 / 6, 4 / 3, 0.5])
    shown = explorer._show(explorer.result).data
    assert "每 1 元销售额分到的预算" in shown and "0.83" in shown and "2.50" in shown
    explorer.controls["middle_share"].value = 0.1
    # 0.4 / 0.1 = 4 per head: now more than the top group's 2.5
    assert explorer.result.attrs["intensity"]["budget_per_customer"].iloc[1] == pytest.approx(4.0)
    explorer.controls["middle_share"].value = 0.0
    assert explorer.result.attrs["intensity"] is None
    assert "无法按人头计算" in explorer._show(explorer.result).data
