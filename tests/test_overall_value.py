"""crmlab.overall_value: a customer's overall value (综合价值) in money, the first step of
门当户对 (seed 002). Fixtures small enough to work out by hand."""

import pandas as pd
import pytest

import crmlab
from crmlab.errors import CrmlabError
from crmlab.selection import overall_value


def table(**overrides):
    row = {"customer": "甲", "annual_purchase": 200.0, "growth_rate": 0.5, "gross_margin": 0.1,
           "serving_cost": 10.0, "bad_debt_rate": 0.05}
    row.update(overrides)
    return pd.DataFrame([row])


def test_three_years_by_hand():
    # purchases 200, 300, 450 = 950; margin at today's size 3 x 200 x 0.1 = 60;
    # margin on growth (950 - 600) x 0.1 = 35; serving 3 x 10 = 30; bad debt 950 x 0.05 = 47.5
    got = overall_value(table(), years=3).iloc[0]
    assert got["purchases"] == pytest.approx(950)
    assert got["base_profit"] == pytest.approx(60)
    assert got["growth_profit"] == pytest.approx(35)
    assert got["serving_cost_total"] == pytest.approx(30)
    assert got["credit_loss"] == pytest.approx(47.5)
    assert got["overall_value"] == pytest.approx(17.5)


def test_one_year_is_this_years_profit_after_credit_risk():
    got = overall_value(table(), years=1).iloc[0]
    assert got["growth_profit"] == 0
    assert got["overall_value"] == pytest.approx(200 * 0.1 - 10 - 200 * 0.05)


def test_a_big_hard_bargainer_is_worth_less_than_a_small_good_payer():
    big = table(customer="大", annual_purchase=1000.0, growth_rate=0.0, gross_margin=0.08,
                serving_cost=50.0, bad_debt_rate=0.04)
    small = table(customer="小", annual_purchase=100.0, growth_rate=0.2, gross_margin=0.25,
                  serving_cost=5.0, bad_debt_rate=0.01)
    # big: 2 x (80 - 50 - 40) = -20; small: 100 + 120 = 220 purchases, 55 margin - 10 - 2.2 = 42.8
    got = overall_value(pd.concat([big, small], ignore_index=True), years=2)
    assert got["customer"].tolist() == ["小", "大"]
    assert got["overall_value"].tolist() == pytest.approx([42.8, -20])
    assert got["rank"].tolist() == [1, 2]


def test_equal_values_share_a_rank_and_other_column_names_work():
    frame = pd.concat([table(customer="乙"), table(customer="甲")], ignore_index=True)
    frame = frame.rename(columns={"gross_margin": "毛利率", "customer": "名称"})
    got = overall_value(frame, years=2, margin="毛利率", name="名称")
    assert got["名称"].tolist() == ["乙", "甲"] and got["rank"].tolist() == [1, 1]


@pytest.mark.parametrize("overrides, words", [
    ({"gross_margin": 20.0}, ["甲", "毛利率", "gross_margin"]),   # 20 instead of 0.2
    ({"bad_debt_rate": -0.1}, ["甲", "坏账率"]),
    ({"growth_rate": -1.0}, ["甲", "增长率"]),
    ({"serving_cost": "很多"}, ["serving_cost", "不是数字"]),
])
def test_impossible_inputs_are_named_in_chinese(overrides, words):
    with pytest.raises(CrmlabError) as error:
        overall_value(table(**overrides))
    assert all(word in str(error.value) for word in words), str(error.value)


def test_missing_column_and_bad_years():
    with pytest.raises(CrmlabError, match="bad_debt_rate"):
        overall_value(table().drop(columns="bad_debt_rate"))
    for years in (0, 2.5, True):
        with pytest.raises(CrmlabError, match="年数"):
            overall_value(table(), years=years)


def test_on_the_candidate_table_the_biggest_buyer_is_not_the_most_valuable():
    candidates = crmlab.load_candidates()
    value = overall_value(candidates).set_index("customer")
    biggest = candidates.loc[candidates["annual_purchase"].idxmax(), "customer"]
    assert value.loc[biggest, "rank"] > 1
    assert value.loc[biggest, "overall_value"] < value["overall_value"].max()


def test_mutual_fit_chart_names_the_value_it_plots():
    import matplotlib

    matplotlib.use("Agg")
    from crmlab.plots import plot_mutual_fit

    table = pd.DataFrame({"customer": ["甲", "乙"], "overall_value": [10.0, -5.0],
                          "score": [0.9, 0.1], "capability": [8, 3]})
    by_value = plot_mutual_fit(crmlab.mutual_fit(table, "overall_value", "capability"),
                               value_col="overall_value")
    assert by_value.get_xlabel() == "客户对我方的价值：综合价值（万元）"
    by_score = plot_mutual_fit(crmlab.mutual_fit(table, "score", "capability"))
    assert by_score.get_xlabel() == "客户对我方的价值（加权得分）"
    import matplotlib.pyplot as plt

    plt.close("all")
