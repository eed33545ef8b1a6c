"""Chapter 3 explorers: moving a control re-runs the method; the result changes as the method says.

Fixtures are tiny; every expected class is worked out by hand in the comments.
"""

import pandas as pd
import pytest

from crmlab.widgets.tiering import abc_explorer, clv_cs_explorer, pyramid_explorer

pytestmark = pytest.mark.usefixtures("chinese_fonts")  # Chinese must render, as in a notebook



@pytest.fixture
def totals():
    # ten customers c01..c10 with amounts 100, 90, ..., 10 (total 550)
    return pd.DataFrame({"customer": [f"c{i:02d}" for i in range(1, 11)],
                         "amount": [float(100 - 10 * i) for i in range(10)]})


def classes(result):
    return dict(zip(result["customer"], result["class"]))


def test_abc_by_count_follows_the_cut_sliders(totals):
    explorer = abc_explorer(totals)
    # 20 : 30 : 50 of ten customers -> 2 A, 3 B, 5 C
    assert explorer.result["class"].value_counts().to_dict() == {"C": 5, "B": 3, "A": 2}
    explorer.controls["a_cut"].value = 0.3
    # A now holds ranks 1..3 (3 / 10 <= 0.3), B ranks 4..5
    assert explorer.result["class"].tolist() == ["A"] * 3 + ["B"] * 2 + ["C"] * 5
    # the chart shows the class shares: customer-share bars 30 %, 20 %, 50 %
    heights = [round(p.get_height(), 6) for p in explorer.figure.axes[0].patches[:3]]
    assert heights == [0.3, 0.2, 0.5]


def test_abc_by_value_uses_the_share_held_before_each_customer(totals, no_png):
    explorer = abc_explorer(totals)
    explorer.controls["by"].value = "value"
    explorer.controls["a_cut"].value = 0.3
    # value held before each: c01 0, c02 100/550 = .18 (A); c03 190/550 = .35 >= .3 (B);
    # c04 270/550 = .49 (B); c05 340/550 = .62 >= .5 (C)
    got = classes(explorer.result)
    assert [got[c] for c in ("c01", "c02", "c03", "c04", "c05")] == ["A", "A", "B", "B", "C"]


def test_abc_table_is_in_chinese_with_percentages(totals, no_png):
    explorer = abc_explorer(totals)
    shown = explorer._show(explorer.result)
    assert list(shown["类别"]) == ["A", "B", "C"]
    assert list(shown["客户数占比"]) == ["20.0%", "30.0%", "50.0%"]
    # A = 100 + 90 = 190 of 550 = 34.5 %
    assert shown["消费金额占比"].iloc[0] == "34.5%"


def test_abc_cut_sliders_cannot_cross(totals, no_png):
    explorer = abc_explorer(totals)
    explorer.controls["a_cut"].value = 0.6  # past the B cut (0.5): B is pushed to 65 %
    assert explorer.controls["b_cut"].value == pytest.approx(0.65)
    # ten customers: ranks 1-6 (<= 60 %) are A; rank 7 is at 70 % > 65 %, so C: 6 A, no B
    assert explorer.message == ""
    assert explorer.result["class"].value_counts().to_dict() == {"A": 6, "C": 4}
    explorer.controls["b_cut"].value = 0.3  # below the A cut: A is pushed down to 25 %
    assert explorer.controls["a_cut"].value == pytest.approx(0.25)
    # ranks 1-2 (<= 25 %) A, rank 3 (30 %) B, the rest C
    assert explorer.message == ""
    assert explorer.result["class"].value_counts().to_dict() == {"A": 2, "B": 1, "C": 7}


def test_pyramid_by_rank_and_by_profit(no_png):
    # profits 50, 30, 15 and five customers of 1: total 100
    table = pd.DataFrame({"customer": list("abcdefgh"),
                          "profit": [50.0, 30.0, 15.0, 1.0, 1.0, 1.0, 1.0, 1.0],
                          "amount": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 80.0]})
    explorer = pyramid_explorer(table)
    # by rank, n = 8: rank 1 is 1/8 = 12.5 % > 5 % -> no 高端; 12.5 % <= 20 % -> 重要;
    # ranks 2..4 (<= 50 %) 普通; ranks 5..8 小
    assert explorer.result["tier"].tolist() == ["重要客户"] + ["普通客户"] * 3 + ["小客户"] * 4
    explorer.controls["by"].value = "profit"
    # profit held before: a 0 -> 高端; b .50 -> 重要; c .80 -> 普通; d .95 -> 小
    assert explorer.result["tier"].tolist()[:4] == ["高端客户", "重要客户", "普通客户", "小客户"]
    explorer.controls["value"].value = "amount"
    # by amount h (80 of 108) comes first and alone holds more than half
    assert explorer.result["customer"].iloc[0] == "h"
    assert explorer.result["tier"].iloc[0] == "高端客户"
    assert list(explorer._show(explorer.result).columns)[3] == "消费金额合计（元）"


def test_clv_cs_discount_and_threshold(no_png):
    customers = pd.DataFrame({"customer": ["a", "b", "c"], "annual_margin": [100.0, 100.0, 10.0],
                              "retention": [0.5, 0.8, 0.5], "satisfaction": [4.5, 2.0, 3.5]})
    explorer = clv_cs_explorer(customers)
    # d = 0.1: CLV = m r / (1 + d - r): a 50/0.6 = 83.3, b 80/0.3 = 266.7, c 5/0.6 = 8.3;
    # mean 119.4 -> only b is 高
    assert explorer.result["clv"].round(1).tolist() == [83.3, 266.7, 8.3]
    assert explorer.result["class_name"].tolist() == ["忠诚小客户", "高危客户", "一般客户"]
    explorer.controls["threshold"].value = "median"
    # median 83.3: a (>=) becomes 高 with high satisfaction -> 核心客户
    assert explorer.result["class_name"].iloc[0] == "核心客户"
    explorer.controls["discount"].value = 0.0
    # d = 0: b = 80 / 0.2 = 400
    assert explorer.result["clv"].iloc[1] == pytest.approx(400.0)
    shown = explorer._show(explorer.result)
    assert shown["客户数"].sum() == 3
