"""Tests for crmlab/abc_classification.py on tables small enough to work out by hand."""

import pandas as pd
import pytest

from crmlab.abc_classification import abc_analysis, customer_totals, pareto_table, rank_by_value
from crmlab.errors import CrmlabError


def table(**values):
    return pd.DataFrame({"customer": list(values), "amount": [float(v) for v in values.values()]})


def test_customer_totals_sums_per_customer_and_prefers_profit_over_cost():
    tx = pd.DataFrame({"customer": ["b", "a", "b", "a"], "amount": [10.0, 5.0, 20.0, 1.0],
                       "profit": [1.0, 2.0, 3.0, 4.0], "cost": [99.0, 99.0, 99.0, 99.0]})
    out = customer_totals(tx)
    assert out["customer"].tolist() == ["a", "b"]
    assert out["amount"].tolist() == [6.0, 30.0]
    assert out["profit"].tolist() == [6.0, 4.0]  # the profit column, not amount - cost


def test_customer_totals_profit_from_cost_and_without_either():
    tx = pd.DataFrame({"customer": ["a", "a", "b"], "amount": [10.0, 20.0, 5.0],
                       "cost": [4.0, 8.0, 7.0]})
    assert customer_totals(tx)["profit"].tolist() == [18.0, -2.0]
    plain = customer_totals(tx.drop(columns="cost"))
    assert list(plain.columns) == ["customer", "amount"]


def test_customer_totals_names_the_missing_column_and_bad_cells():
    with pytest.raises(CrmlabError, match="amount"):
        customer_totals(pd.DataFrame({"customer": ["a"]}))
    with pytest.raises(CrmlabError, match="第 2 条.*cost"):
        customer_totals(pd.DataFrame({"customer": ["a", "b"], "amount": [1.0, 2.0],
                                      "cost": [0.5, "免费"]}))


def test_by_count_20_30_50_with_seven_customers():
    # ranks 1..7: 1/7 = .14 <= .2 -> A; 2/7 = .29 and 3/7 = .43 <= .5 -> B; 4/7 = .57 on -> C
    t = table(a=70, b=60, c=50, d=40, e=30, f=20, g=10)
    out = abc_analysis(t)
    assert out["customer"].tolist() == list("abcdefg")
    assert out["class"].tolist() == ["A", "B", "B", "C", "C", "C", "C"]
    assert out["rank"].tolist() == [1, 2, 3, 4, 5, 6, 7]


def test_by_count_exact_boundaries_with_ten_customers():
    # 2/10 = 0.2 is still A, 5/10 = 0.5 still B
    t = table(**{f"c{i}": 100 - i for i in range(10)})
    assert abc_analysis(t)["class"].tolist() == ["A"] * 2 + ["B"] * 3 + ["C"] * 5


def test_ties_are_ordered_by_customer_name_whatever_the_input_order():
    t = table(zhang=10, li=10, wang=30)
    out = abc_analysis(t, by="value")
    assert out["customer"].tolist() == ["wang", "li", "zhang"]
    shuffled = abc_analysis(t.iloc[[2, 0, 1]], by="value")
    pd.testing.assert_frame_equal(out, shuffled)


def test_by_value_the_crossing_customer_stays_in_the_higher_class():
    # total 100; value before each customer: 0, 60, 80, 90
    t = table(a=60, b=20, c=10, d=10)
    out = abc_analysis(t, by="value")
    assert out["cum_share"].tolist() == [0.6, 0.8, 0.9, 1.0]
    # b crosses 70 % (60 -> 80): still A. c starts at 80 < 90: B. d starts at exactly 90: C
    assert out["class"].tolist() == ["A", "A", "B", "C"]


def test_by_value_custom_cuts():
    t = table(a=60, b=20, c=10, d=10)
    out = abc_analysis(t, by="value", cuts=(0.5, 0.6))
    # before: 0 -> A, 0.6 -> C (>= both cuts), 0.8 -> C, 0.9 -> C
    assert out["class"].tolist() == ["A", "C", "C", "C"]


def test_one_customer():
    t = table(only=5)
    assert abc_analysis(t)["class"].tolist() == ["C"]            # 1/1 > 0.5
    assert abc_analysis(t, by="value")["class"].tolist() == ["A"]  # nothing before it
    assert abc_analysis(t)["share"].tolist() == [1.0]


def test_zero_and_negative_values_go_to_the_lowest_class_by_value():
    t = table(a=8, b=4, c=0, d=-2)   # total 10
    out = abc_analysis(t, by="value")
    assert out["customer"].tolist() == ["a", "b", "c", "d"]
    assert out["cum_share"].tolist() == [0.8, 1.2, 1.2, 1.0]
    assert out["class"].tolist() == ["A", "B", "C", "C"]


def test_a_total_that_is_not_positive_is_refused():
    with pytest.raises(CrmlabError, match="不是正数"):
        abc_analysis(table(a=0, b=0))
    with pytest.raises(CrmlabError, match="不是正数"):
        abc_analysis(table(a=3, b=-5))


@pytest.mark.parametrize("cuts, words", [
    ((0.5, 0.2), "分界点 50%、20% 必须从小到大"),   # in % as the sliders show them
    ((0.2,), "2 个分界点"),
    ((0.2, 1.0), "20%、100% 必须都在 0% 和 100% 之间"),
    ((0.0, 0.5), "0% 和 100% 之间"),
    ((0.3, 0.3), "30%、30% .*互不相同"),
    ((0.5, 0.125), "分界点 50%、12.50% 必须从小到大"),
    (("x", 0.5), "数字"),
])
def test_bad_cuts_are_explained_in_chinese(cuts, words):
    with pytest.raises(CrmlabError, match=words):
        abc_analysis(table(a=1, b=2), cuts=cuts)


def test_bad_arguments_and_tables():
    with pytest.raises(CrmlabError, match="by="):
        abc_analysis(table(a=1), by="money")
    with pytest.raises(CrmlabError, match="profit"):
        abc_analysis(table(a=1), value="profit")
    dup = pd.DataFrame({"customer": ["a", "a"], "amount": [1.0, 2.0]})
    with pytest.raises(CrmlabError, match="customer_totals"):
        abc_analysis(dup)
    nan = pd.DataFrame({"customer": ["a", "b"], "amount": [1.0, None]})
    with pytest.raises(CrmlabError, match="「b」"):
        abc_analysis(nan)
    with pytest.raises(CrmlabError, match="空"):
        abc_analysis(table())


def test_input_is_not_changed():
    t = table(b=1, a=3)
    before = t.copy()
    abc_analysis(t, by="value")
    pd.testing.assert_frame_equal(t, before)


def test_rank_by_value_shares():
    out = rank_by_value(table(a=1, b=3), "amount")
    assert out["share"].tolist() == [0.75, 0.25]
    assert out["cum_share"].tolist() == [0.75, 1.0]


def test_pareto_table_takes_at_most_the_share_asked_for():
    # 4 customers holding 50, 30, 15, 5
    ranked = abc_analysis(table(a=50, b=30, c=15, d=5))
    out = pareto_table(ranked, points=(0.2, 0.25, 0.5, 0.9, 1.0))
    assert out["customers"].tolist() == [0, 1, 2, 3, 4]
    assert out["value_share"].tolist() == [0.0, 0.5, 0.8, 0.95, 1.0]
    assert out["customer_share"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    with pytest.raises(CrmlabError):
        pareto_table(abc_analysis(table(a=1)), points=(1.5,))


def test_package_attribute_is_the_function_not_the_module():
    import types

    import crmlab
    import crmlab.abc_classification  # importing the module must not hide the function
    assert not isinstance(crmlab.abc_analysis, types.ModuleType)


def test_re_cutting_a_ranking_equals_the_whole_analysis():
    from crmlab.abc_classification import abc_from_ranked

    t = pd.DataFrame({"customer": list("abcdefg"), "amount": [5.0, 9.0, 1.0, 9.0, 3.0, 7.0, 2.0]})
    ranked = rank_by_value(t, "amount")
    for by, cuts in (("count", (0.2, 0.5)), ("count", (0.3, 0.6)), ("value", (0.5, 0.8))):
        pd.testing.assert_frame_equal(abc_from_ranked(ranked, by=by, cuts=cuts),
                                      abc_analysis(t, by=by, cuts=cuts))
    assert "class" not in ranked.columns  # the shared ranking is left as it was
