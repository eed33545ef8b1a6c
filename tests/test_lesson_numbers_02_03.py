"""What chapters 2 and 3 say in prose and in their computing quiz questions is what crmlab
computes. The expected values are worked out by hand (in the comments) or are the claims the
prose makes in words; the chapters' printed tables are checked by nbval (nbval-check-output)."""

import pandas as pd
import pytest

import crmlab
from crmlab.errors import CrmlabError
from crmlab.quizzes import selection as quiz2
from crmlab.quizzes import tiering as quiz3


def right_option(bank, text):
    """The right option of the question whose text contains ``text``."""
    (item,) = [q for q in bank.QUESTIONS if text in q["question"]]
    return item["options"][item["answer"]]


# --- chapter 2 prose ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def candidates():
    return crmlab.load_candidates()


@pytest.fixture(scope="module")
def value(candidates):
    return crmlab.overall_value(candidates, years=3).set_index("customer")


def test_fifteen_candidates(candidates):
    assert len(candidates) == 15


def test_the_two_biggest_buyers_are_worth_less_than_nothing(candidates, value):
    biggest = candidates.nlargest(2, "annual_purchase")["customer"].tolist()
    assert biggest == ["宏达集团", "鼎盛实业"]
    assert (value.loc[biggest, "overall_value"] < 0).all()
    # the chart's title: "采购额最大的两家排在最后"
    assert sorted(value.loc[biggest, "rank"]) == [len(value) - 1, len(value)]
    # "服务成本和预计坏账都是所有候选里最高的两家"; "几乎不增长"
    assert set(value["serving_cost_total"].nlargest(2).index) == set(biggest)
    assert set(value["credit_loss"].nlargest(2).index) == set(biggest)
    assert (candidates.set_index("customer").loc[biggest, "growth_rate"] <= 0.02).all()
    # "它们压价狠（价格敏感度高）"
    assert (candidates.set_index("customer").loc[biggest, "price_sensitivity"] >= 8).all()


def test_the_third_biggest_is_the_most_valuable_and_cannot_be_served_well(candidates, value):
    third = candidates.nlargest(3, "annual_purchase")["customer"].iloc[2]
    assert third == "远洋国际贸易" and value.loc[third, "rank"] == 1
    table = value.reset_index()[["customer", "overall_value"]].merge(
        candidates[["customer", "capability"]], on="customer")
    fit = crmlab.mutual_fit(table, "overall_value", "capability").set_index("customer")["fit"]
    assert fit[third] == "高攀"


def test_hongda_loses_money_every_year(candidates):
    row = candidates.set_index("customer").loc["宏达集团"]
    for year in range(3):
        purchase = row["annual_purchase"] * (1 + row["growth_rate"]) ** year
        assert purchase * (row["gross_margin"] - row["bad_debt_rate"]) - row["serving_cost"] < 0
    one_year = crmlab.overall_value(candidates[candidates["customer"] == "宏达集团"], years=1)
    assert one_year["overall_value"].iloc[0] < 0


def test_overall_value_is_skewed_so_the_mean_is_above_the_median(value):
    assert value["overall_value"].mean() > value["overall_value"].median()


def test_fast_small_candidates_named_in_the_ibm_section_are_small_and_fast(candidates):
    by_name = candidates.set_index("customer")
    for name in ["新锐科技", "智汇教育"]:
        assert by_name.loc[name, "annual_purchase"] < by_name.loc["宏达集团", "annual_purchase"] / 5
        assert by_name.loc[name, "growth_rate"] > 10 * by_name.loc["宏达集团", "growth_rate"]


# --- chapter 2 computing questions ----------------------------------------------------------

def test_quiz_min_max_and_flip():
    c = pd.DataFrame({"customer": list("abcde"), "credit": [3, 5, 6, 8, 9],
                      "price_sensitivity": [2, 9, 5, 5, 5]})
    s = crmlab.weighted_scores(c, {"credit": 0.5, "price_sensitivity": 0.5},
                               lower_is_better=["price_sensitivity"]).set_index("customer")
    assert right_option(quiz2, "信用 6 分的客户") == str(s.loc["c", "credit_norm"])          # 0.5
    assert right_option(quiz2, "一位 9 分的客户") == f"{s.loc['b', 'price_sensitivity_norm']:g}"  # 0


def test_quiz_weights_that_do_not_add_up():
    c = pd.DataFrame({"customer": ["a", "b"], **{k: [1, 2] for k in "vwxyz"}})
    with pytest.raises(CrmlabError, match="1.1"):
        crmlab.weighted_scores(c, dict(zip("vwxyz", [0.3, 0.2, 0.2, 0.2, 0.2])))
    assert "1.1" in right_option(quiz2, "0.3、0.2、0.2、0.2、0.2")


def test_quiz_weighted_sum():
    c = pd.DataFrame({"customer": ["a", "b", "c"], "x": [0, 5, 10], "y": [0, 2, 2]})
    s = crmlab.weighted_scores(c, {"x": 0.6, "y": 0.4}).set_index("customer")  # b: 0.5 and 1
    assert right_option(quiz2, "权重是 0.6 和 0.4") == f"{s.loc['b', 'score']:g}"            # 0.7


def test_quiz_one_year_overall_value():
    c = pd.DataFrame({"customer": ["甲"], "annual_purchase": [100.0], "growth_rate": [0.0],
                      "gross_margin": [0.2], "serving_cost": [8.0], "bad_debt_rate": [0.02]})
    got = crmlab.overall_value(c, years=1)["overall_value"].iloc[0]   # 20 - 8 - 2
    assert right_option(quiz2, "只算今年") == f"{got:g} 万元"


def test_quiz_overtake_year():
    year = crmlab.overtake_year(10, 0.5, 100, 0.05)
    assert right_option(quiz2, "每年增长 50%") == f"第 {year} 年"


# --- chapter 3 -------------------------------------------------------------------------------

def test_abc_defaults_count_20_50_and_value_70_90():
    t = pd.DataFrame({"customer": list("abcdefghij"), "amount": [100.0 - 10 * i for i in range(10)]})
    assert crmlab.abc_analysis(t)["class"].tolist() == list("AABBBCCCCC")
    # cumulative shares: .18 .345 .49 .618 .727 .818 .891 .945 .982 1
    assert crmlab.abc_analysis(t, by="value")["class"].tolist() == \
        crmlab.abc_analysis(t, by="value", cuts=(0.7, 0.9))["class"].tolist()
    assert "by=\"count\"" in quiz3.ABC_QUESTIONS[2]["explanation"]
    assert right_option(quiz3, "而不写 by=") == "按人数 20/30/50"


def test_quiz_abc_by_value_five_customers():
    t = pd.DataFrame({"customer": list("abcde"), "amount": [50.0, 20, 15, 10, 5]})
    a = crmlab.abc_analysis(t, by="value")
    assert a.loc[a["class"] == "A", "value"].tolist() == [50, 20]
    assert right_option(quiz3, "50、20、15、10、5") == "金额 50 和 20 的两位"


def test_quiz_profit_share_above_one_hundred_percent():
    t = pd.DataFrame({"customer": list("abcd"), "profit": [60.0, 50, 10, -20]})
    curve = crmlab.whale_curve(t, value="profit")
    share = curve.loc[curve["customer"] == "b", "value_share"].iloc[0]
    assert right_option(quiz3, "60、50、10、−20") == f"{share:.0%}"        # 110%


def test_quiz_clv():
    got = float(crmlab.clv(100, 0.5, 0.1))   # 50 / 0.6
    assert right_option(quiz3, "保留率 0.5") == f"{got:.1f}"


def test_quiz_recency_in_days():
    tx = pd.DataFrame({"customer": ["甲"], "date": pd.to_datetime(["2023-12-29"]), "amount": [1.0]})
    r = crmlab.rfm_table(tx, "2024-01-01")["R"].iloc[0]
    assert right_option(quiz3, "2023-12-29") == f"{r} 天"


def test_quiz_top_fifth_of_m_scores_five_and_each_score_has_a_fifth():
    rfm = pd.DataFrame({"customer": range(1000), "R": range(1000), "F": range(1000),
                        "M": [float(m) for m in range(1000)]})
    scores = crmlab.rfm_scores(rfm)
    assert (scores.nlargest(200, "M")["M_score"] == 5).all()
    assert scores["M_score"].value_counts().to_dict() == {k: 200 for k in range(1, 6)}
    assert right_option(quiz3, "M 最高的 200 位") == "5 分"


def test_chapter_3_sample_is_twenty_customers_and_the_demo_has_a_thousand():
    tx = crmlab.load_demo_transactions()
    assert tx["customer"].nunique() == 1000
    assert tx.loc[tx["customer"] <= "C0020", "customer"].nunique() == 20


# --- teacher notes (docs/teacher_notes/02.md, 03.md) -----------------------------------------

def test_notes_02_hongda_break_even_margin_and_this_years_loss(candidates):
    row = candidates.set_index("customer").loc["宏达集团"]
    this_year = crmlab.overall_value(candidates[candidates["customer"] == "宏达集团"], years=1)
    assert round(this_year["overall_value"].iloc[0], 1) == -9.0
    # break even: margin = serving cost / purchase + bad-debt rate
    assert round(row["serving_cost"] / row["annual_purchase"] + row["bad_debt_rate"], 3) == 0.127


def test_notes_02_growth_needed_to_overtake_within_ten_years():
    assert crmlab.overtake_year(10, 0.33, 100, 0.05) == 10
    assert crmlab.overtake_year(10, 0.32, 100, 0.05) == 11


@pytest.fixture(scope="module")
def demo():
    tx = crmlab.load_demo_transactions()
    return crmlab.customer_totals(tx), crmlab.rfm_table(tx, "2024-01-01")


def test_notes_03_a_share_and_small_customer_tier(demo):
    totals, _rfm = demo
    abc = crmlab.abc_analysis(totals)
    a_share = abc.loc[abc["class"] == "A", "value"].sum() / abc["value"].sum()
    assert round(a_share, 3) == 0.739
    pyramid = crmlab.customer_pyramid(totals, value="profit", by="rank")
    small = pyramid[pyramid["tier"] == "小客户"]
    assert round(small["value"].sum() / pyramid["value"].sum(), 3) == -0.306
    assert (small["value"] < 0).sum() == (totals["profit"] < 0).sum() == 258


def test_notes_03_a_class_customers_to_win_back_and_median_shift(demo):
    totals, rfm = demo
    segments = crmlab.rfm_segments(rfm).merge(crmlab.abc_analysis(totals)[["customer", "class"]],
                                              on="customer")
    assert ((segments["class"] == "A") & (segments["segment"] == "重要挽留客户")).sum() == 38
    by_mean = crmlab.tier_summary(crmlab.rfm_segments(rfm)).set_index("segment")["customers"]
    by_median = crmlab.tier_summary(crmlab.rfm_segments(rfm, threshold="median")).set_index(
        "segment")["customers"]
    change = by_median - by_mean
    assert change.idxmin() == "一般发展客户" and change.min() == -163
    assert change.idxmax() == "重要价值客户" and change.max() == 119
    assert round(rfm["M"].mean(), 2) == 3569.83 and round(rfm["M"].median(), 2) == 1170.01


def test_the_biggest_candidates_each_buy_more_than_the_tea_company_sells_today(candidates):
    # chapter 2's story: "最大的几家，一家就比青禾今天全年的销售额还多" (万元 vs 元)
    sales_today = crmlab.load_demo_transactions()["amount"].sum()
    top3 = candidates.nlargest(3, "annual_purchase")["annual_purchase"] * 10_000
    assert (top3 > sales_today).all()
    assert not (candidates["annual_purchase"] * 10_000 > sales_today).all()
