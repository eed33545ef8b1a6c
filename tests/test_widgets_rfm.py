"""RFM explorers: changing the threshold, the scoring or the toy data changes R, F, M and the tiers
exactly as the method says. Every expected value is worked out by hand in the comments.
"""

import datetime as dt

import pandas as pd
import pytest

from crmlab.rfm import rfm_table
from crmlab.widgets.rfm import add_purchase, purchase_explorer, threshold_explorer

pytestmark = pytest.mark.usefixtures("chinese_fonts")  # Chinese must render, as in a notebook



@pytest.fixture
def rfm():
    # means: R 10.75, F 2, M 40; medians: R 6, F 1, M 25
    return pd.DataFrame({"customer": list("abcd"), "R": [1, 2, 10, 30], "F": [5, 1, 1, 1],
                         "M": [100.0, 10.0, 20.0, 30.0]})


def segments(explorer):
    return dict(zip(explorer.result["table"]["customer"], explorer.result["table"]["segment"]))


def test_mean_then_median_threshold(rfm, no_png):
    explorer = threshold_explorer(rfm)
    # mean: a 高高高; b R 2 <= 10.75 高, F 低, M 低; c R 10 <= 10.75 高, 低, 低; d 低低低
    assert segments(explorer) == {"a": "重要价值客户", "b": "一般发展客户", "c": "一般发展客户",
                                  "d": "一般挽留客户"}
    summary = explorer.result["summary"]
    assert summary.set_index("segment")["customers"]["一般发展客户"] == 2
    explorer.controls["threshold"].value = "median"
    # median: F 1 >= 1 is 高 for all; b R 2 <= 6 高, M 10 < 25 低 -> 高高低;
    # c R 10 > 6 低, M 20 低 -> 低高低; d R 低, M 30 >= 25 高 -> 低高高
    assert segments(explorer) == {"a": "重要价值客户", "b": "一般价值客户", "c": "一般保持客户",
                                  "d": "重要保持客户"}


def test_custom_thresholds_come_from_the_sliders(rfm, no_png):
    explorer = threshold_explorer(rfm)
    assert explorer.controls["R"].disabled
    explorer.controls["threshold"].value = "custom"
    assert not explorer.controls["M"].disabled
    for metric, value in {"R": 1.0, "F": 5.0, "M": 100.0}.items():
        explorer.controls[metric].value = value
    # only a reaches R <= 1, F >= 5 and M >= 100
    assert segments(explorer) == {"a": "重要价值客户", "b": "一般挽留客户", "c": "一般挽留客户",
                                  "d": "一般挽留客户"}
    assert explorer.result["table"].attrs["thresholds"] == {"R": 1.0, "F": 5.0, "M": 100.0}


def test_five_level_scoring_fills_cells(rfm, no_png):
    explorer = threshold_explorer(rfm)
    explorer.controls["scoring"].value = 5
    table = explorer.result["table"]
    # R scores, small R best: a (R 1) is rank 4 of 4 -> mid-rank (4 - .5)/4 = .875 -> 5;
    # d (R 30) is rank 1 -> .125 -> 1.  M: a has the largest -> 5, b the smallest -> 1
    assert table.set_index("customer")["R_score"].to_dict()["a"] == 5
    assert table.set_index("customer")["R_score"].to_dict()["d"] == 1
    assert table["RFM_cell"].iloc[0][2] == "5" and table["RFM_cell"].iloc[1][2] == "1"
    # all cells by hand: R scores a 5, b 4, c 2, d 1
    # (ranks 4, 3, 2, 1 of 4 -> floor(5 (2r - 1) / 8) + 1);
    # F: b, c, d tie at mid-rank 2 -> 2, a -> 5; M: b 1, c 2, d 4, a 5
    assert table["RFM_cell"].tolist() == ["555", "421", "222", "124"]
    # one customer per cell, so the summary lists them by cell name
    assert explorer.result["summary"]["RFM_cell"].tolist() == ["124", "222", "421", "555"]
    assert explorer.result["summary"]["customers"].tolist() == [1, 1, 1, 1]
    assert explorer.result["summary"]["mean_M"].tolist() == [30.0, 20.0, 10.0, 100.0]
    assert len(explorer.figure.axes[0].images) == 1  # the score heatmap


def test_threshold_controls_are_greyed_out_while_they_do_nothing(rfm, no_png):
    # 1-5 scores use no threshold: its buttons and sliders are off until 8 tiers come back
    explorer = threshold_explorer(rfm)
    explorer.controls["threshold"].value = "custom"
    explorer.controls["scoring"].value = 5
    assert explorer.controls["threshold"].disabled
    assert all(explorer.controls[m].disabled for m in ("R", "F", "M"))
    explorer.controls["scoring"].value = 2
    assert not explorer.controls["threshold"].disabled and not explorer.controls["R"].disabled


def test_show_customers_lists_each_customer_in_chinese(rfm, no_png):
    explorer = threshold_explorer(rfm, show_customers=True)
    shown = explorer._show(explorer.result)
    assert list(shown["客户"]) == ["a", "b", "c", "d"]
    assert shown["客户等级"].iloc[0] == "重要价值客户"


@pytest.fixture
def toy():
    # 甲 bought on 03-30 and 03-10 (120 元), 乙 once on 03-01 (50 元)
    return pd.DataFrame({"customer": ["甲", "乙", "甲"],
                         "date": pd.to_datetime(["2021-03-30", "2021-03-01", "2021-03-10"]),
                         "amount": [100.0, 50.0, 20.0]})


def test_moving_today_moves_every_r(toy):
    explorer = purchase_explorer(toy)
    # rows are sorted by customer (乙 before 甲 in code-point order); today 04-01:
    # 乙 31 days, 甲 2 days
    assert explorer.result["customer"].tolist() == ["乙", "甲"]
    assert explorer.result["R"].tolist() == [31, 2]
    assert explorer.result["segment"].tolist() == ["一般挽留客户", "重要价值客户"]
    explorer.controls["today"].value = dt.date(2021, 4, 11)
    assert explorer.result["R"].tolist() == [41, 12]
    assert explorer.result["F"].tolist() == [1, 2]


def test_adding_a_purchase_changes_r_f_m_and_tiers(toy, no_png):
    explorer = purchase_explorer(toy)
    assert explorer.controls["customer"].value == ""  # 不追加: the table as it is
    assert explorer.result["F"].tolist() == [1, 2]
    explorer.controls["customer"].value = "乙"  # the amount starts at 500
    # 乙 buys 500 on 03-31: R 1, F 2, M 550; means R 1.5, F 2, M 335
    # 甲 (R 2, F 2, M 120): 低高低 = 一般保持; 乙 (1, 2, 550): 高高高 = 重要价值
    assert explorer.result[["R", "F", "M"]].values.tolist() == [[1, 2, 550.0], [2, 2, 120.0]]
    assert explorer.result["segment"].tolist() == ["重要价值客户", "一般保持客户"]
    explorer.controls["days_before"].value = 5
    assert explorer.result["R"].tolist() == [5, 2]
    assert toy["amount"].tolist() == [100.0, 50.0, 20.0]  # the input is never changed
    explorer.controls["amount"].value = 0.0  # nothing added any more
    assert explorer.result["F"].tolist() == [1, 2]


def test_today_before_a_purchase_says_so_in_chinese(toy, no_png):
    explorer = purchase_explorer(toy)
    before = explorer.result
    explorer.controls["today"].value = dt.date(2021, 3, 15)
    assert "今天" in explorer.message and explorer.stale and explorer.result is before
    explorer.controls["today"].value = None
    assert "日期" in explorer.message


def test_add_purchase_appends_one_row(toy):
    out = add_purchase(toy, "丙", "2021-03-31", 9.0)
    assert len(out) == 4 and out.iloc[-1].tolist() == ["丙", pd.Timestamp("2021-03-31"), 9.0]
    assert len(toy) == 3


def test_add_purchase_keeps_order_ids():
    # two rows of one order are one purchase (F = 1); the added purchase is a second order
    tx = pd.DataFrame({"customer": ["甲", "甲"], "date": pd.to_datetime(["2021-03-01"] * 2),
                       "amount": [10.0, 5.0], "order_id": ["A1", "A1"]})
    out = add_purchase(tx, "甲", "2021-03-20", 8.0)
    assert out["order_id"].tolist()[:2] == ["A1", "A1"] and pd.isna(out["order_id"].iloc[2])
    assert rfm_table(out, "2021-04-01").set_index("customer").loc["甲", "F"] == 2


@pytest.fixture
def five():
    # the toy table of notebook 04: five customers, nine purchases in March 2021
    return pd.DataFrame({
        "customer": ["张三", "李四", "王五", "张三", "赵六", "王五", "钱七", "钱七", "王五"],
        "date": pd.to_datetime(["2021-03-02", "2021-03-15", "2021-03-05", "2021-03-28",
                                "2021-03-09", "2021-03-18", "2021-03-20", "2021-03-25",
                                "2021-03-30"]),
        "amount": [300.0, 1200.0, 80.0, 450.0, 60.0, 120.0, 900.0, 700.0, 100.0]})


def test_the_notebook_toy_table_by_hand(five, no_png):
    explorer = purchase_explorer(five)
    got = explorer.result.set_index("customer")
    # last purchases 03-28, 03-15, 03-30, 03-09, 03-25 -> R 4, 17, 2, 23, 7 (mean 10.6, median 7)
    assert got.loc[["张三", "李四", "王五", "赵六", "钱七"], "R"].tolist() == [4, 17, 2, 23, 7]
    # F 2, 1, 3, 1, 2 (mean 1.8); M 750, 1200, 300, 60, 1600 (mean 782)
    assert got.loc[["张三", "李四", "王五", "赵六", "钱七"], "M"].tolist() == [750, 1200, 300, 60, 1600]
    assert explorer.result.attrs["thresholds"] == pytest.approx({"R": 10.6, "F": 1.8, "M": 782.0})
    assert got["segment"].to_dict() == {"张三": "一般价值客户", "李四": "重要挽留客户", "王五": "一般价值客户",
                                        "赵六": "一般挽留客户", "钱七": "重要价值客户"}
    # median: R 7, F 2, M 750 -> 张三 (4, 2, 750) becomes 高高高
    explorer.controls["threshold"].value = "median"
    assert explorer.result.set_index("customer")["segment"]["张三"] == "重要价值客户"


def test_moving_today_shifts_every_r_and_the_mean_alike_so_tiers_stay(five, no_png):
    explorer = purchase_explorer(five)
    before = explorer.result["segment"].tolist()
    explorer.controls["today"].value = dt.date(2021, 4, 8)
    assert explorer.result["R"].tolist() == [4 + 7, 17 + 7, 2 + 7, 23 + 7, 7 + 7]
    assert explorer.result["segment"].tolist() == before


def test_a_purchase_for_one_customer_moves_another_through_the_mean(five, no_png):
    explorer = purchase_explorer(five)
    explorer.controls["customer"].value = "赵六"
    explorer.controls["amount"].value = 1000.0
    # 赵六 buys 1,000 on 03-31: R 1, F 2, M 1,060; mean R (4+17+2+1+7)/5 = 6.2, M 4910/5 = 982
    got = explorer.result.set_index("customer")
    assert got.loc["赵六", ["R", "F", "M"]].tolist() == [1, 2, 1060.0]
    assert got.loc["赵六", "segment"] == "重要价值客户"
    # 钱七 did nothing, but R 7 > 6.2 is now 低: 重要价值 -> 重要保持
    assert got.loc["钱七", "segment"] == "重要保持客户"


def test_projector_mode_stacks_the_two_charts_at_projector_width(five):
    # the 14-inch two-panel chart would be shrunk to the cell's width (and its text with it) on a
    # projector: in projector mode it is 7 inches wide, R-F above F-M, each panel as tall as before * 0.75
    from crmlab.fonts import PROJECTOR_MAX_WIDTH, setup

    try:
        setup(projector=True)
        explorer = purchase_explorer(five)
        width, height = explorer.figure.get_size_inches().tolist()
        assert width == PROJECTOR_MAX_WIDTH and height == pytest.approx(5 * 2 * 0.75)
        top, bottom = (ax.get_position() for ax in explorer.figure.axes)
        assert top.y0 > bottom.y1  # one above the other
        explorer.controls["threshold"].value = "median"  # a redraw reuses the stacked layout
        top, bottom = (ax.get_position() for ax in explorer.figure.axes)
        assert top.y0 > bottom.y1
    finally:
        setup()
    explorer = purchase_explorer(five)
    assert explorer.figure.get_size_inches().tolist() == [14.0, 5.0]
    left, right = (ax.get_position() for ax in explorer.figure.axes)
    assert left.x1 < right.x0  # side by side again
