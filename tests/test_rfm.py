"""Tests for crmlab/rfm.py on tiny fixtures whose answers are worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.rfm import (
    RFM_RULES,
    check_rules,
    parse_today,
    rfm_scores,
    rfm_segments,
    rfm_table,
    rfm_thresholds,
    tier_summary,
)


def tx(rows, order_ids=None):
    frame = pd.DataFrame(rows, columns=["customer", "date", "amount"])
    frame["date"] = pd.to_datetime(frame["date"])
    if order_ids is not None:
        frame["order_id"] = order_ids
    return frame


# 甲 buys on 03-31 and 03-01, 乙 once on 03-02, 丙 three times, last on 03-25
TX = tx([
    ("甲", "2021-03-31", 100.0),
    ("乙", "2021-03-02", 40.0),
    ("丙", "2021-03-05", 10.0),
    ("甲", "2021-03-01", 60.0),
    ("丙", "2021-03-25", 20.0),
    ("丙", "2021-03-10", 30.5),
])


def test_rfm_table_by_hand():
    rfm = rfm_table(TX, "2021-04-01")
    # sorted by customer (Unicode order of 丙 U+4E19, 乙 U+4E59, 甲 U+7532)
    assert list(rfm["customer"]) == ["丙", "乙", "甲"]
    # R: 丙 last 03-25 -> 7 days; 乙 last 03-02 -> 30 days; 甲 last 03-31 -> 1 day
    assert list(rfm["R"]) == [7, 30, 1]
    assert list(rfm["F"]) == [3, 1, 2]
    assert list(rfm["M"]) == [60.5, 40.0, 160.0]
    assert str(rfm["R"].dtype) == "int64" and str(rfm["F"].dtype) == "int64"


def test_recency_direction_later_today_means_larger_r():
    early = rfm_table(TX, "2021-04-01").set_index("customer")["R"]
    late = rfm_table(TX, "2021-04-11").set_index("customer")["R"]
    assert (late - early == 10).all()


@pytest.mark.parametrize("today", ["2021-04-01", dt.date(2021, 4, 1), dt.datetime(2021, 4, 1, 15, 30),
                                   pd.Timestamp("2021-04-01")])
def test_today_accepts_str_date_datetime_timestamp(today):
    assert list(rfm_table(TX, today)["R"]) == [7, 30, 1]


@pytest.mark.parametrize("bad", ["2021-13-01", "明天", "", None, 20210401, "2021/04/01x"])
def test_bad_today_is_a_chinese_error(bad):
    with pytest.raises(CrmlabError, match="今天"):
        parse_today(bad)


def test_order_ids_count_distinct_orders():
    # 甲 has three rows but two orders; 乙 has one row without an order id (its own purchase)
    frame = tx([("甲", "2021-03-01", 10.0), ("甲", "2021-03-01", 5.0), ("甲", "2021-03-20", 7.0),
                ("乙", "2021-03-02", 3.0), ("乙", "2021-03-03", 4.0)],
               order_ids=["A1", "A1", "A2", None, "B1"])
    rfm = rfm_table(frame, "2021-04-01").set_index("customer")
    assert rfm.loc["甲", "F"] == 2
    assert rfm.loc["乙", "F"] == 2
    assert rfm.loc["甲", "M"] == 22.0


def test_purchase_on_or_after_today_is_refused():
    with pytest.raises(CrmlabError, match="今天") as info:
        rfm_table(TX, "2021-03-31")  # 甲 bought on 03-31 itself
    assert "cut_window" in str(info.value)


def test_cut_window_drops_late_rows_and_says_so():
    rfm = rfm_table(TX, "2021-03-25", cut_window=True)
    # dropped: 甲 03-31 and 丙 03-25 -> 甲 last 03-01 (R 24), 丙 last 03-10 (R 15)
    assert rfm.attrs["dropped_rows"] == 2
    assert "2" in rfm.attrs["notes"][0]
    assert rfm.set_index("customer")["R"].to_dict() == {"丙": 15, "乙": 23, "甲": 24}
    assert rfm.set_index("customer")["M"].to_dict() == {"丙": 40.5, "乙": 40.0, "甲": 60.0}


def test_empty_input_is_a_chinese_error():
    with pytest.raises(CrmlabError, match="空"):
        rfm_table(TX.iloc[0:0], "2021-04-01")


def test_missing_column_is_named():
    with pytest.raises(CrmlabError, match="amount"):
        rfm_table(TX.drop(columns="amount"), "2021-04-01")


def test_input_not_mutated():
    before = TX.copy()
    rfm_segments(rfm_table(TX, "2021-04-01"))
    pd.testing.assert_frame_equal(TX, before)


# R 1, 3, 8 (mean 4, median 3); F 1, 3, 5 (mean 3); M 10, 30, 50 (mean 30)
RFM = pd.DataFrame({"customer": ["a", "b", "c"], "R": [1, 3, 8], "F": [1, 3, 5],
                    "M": [10.0, 30.0, 50.0]})


def test_ties_at_the_threshold():
    seg = rfm_segments(RFM).set_index("customer")
    # b sits exactly on the F and M means: >= is 高; a's R 1 <= 4 is 高, c's 8 is 低
    assert seg.loc["b", "F_level"] == "高" and seg.loc["b", "M_level"] == "高"
    assert list(seg["R_level"]) == ["高", "高", "低"]
    assert seg.loc["a", "segment"] == "一般发展客户"    # 高 低 低
    assert seg.loc["b", "segment"] == "重要价值客户"    # 高 高 高
    assert seg.loc["c", "segment"] == "重要保持客户"    # 低 高 高
    assert seg.attrs["thresholds"] == {"R": 4.0, "F": 3.0, "M": 30.0}


def test_r_tie_is_high():
    seg = rfm_segments(RFM, {"R": 3, "F": 100, "M": 100}).set_index("customer")
    assert seg.loc["b", "R_level"] == "高"  # R 3 == threshold 3


def test_mean_median_and_explicit_thresholds_differ():
    skewed = pd.DataFrame({"customer": list("abcd"), "R": [1, 2, 3, 30], "F": [1, 1, 2, 8],
                           "M": [10.0, 20.0, 30.0, 340.0]})
    # mean R = 9, median R = 2.5; mean M = 100, median M = 25
    assert rfm_thresholds(skewed, "mean") == {"R": 9.0, "F": 3.0, "M": 100.0}
    assert rfm_thresholds(skewed, "median") == {"R": 2.5, "F": 1.5, "M": 25.0}
    by_mean = rfm_segments(skewed, "mean").set_index("customer")
    by_median = rfm_segments(skewed, "median").set_index("customer")
    assert by_mean.loc["c", "R_level"] == "高" and by_median.loc["c", "R_level"] == "低"
    assert by_mean.loc["c", "M_level"] == "低" and by_median.loc["c", "M_level"] == "高"
    explicit = rfm_segments(skewed, {"R": 1, "F": 8, "M": 340}).set_index("customer")
    assert list(explicit["segment"]) == ["一般发展客户", "一般挽留客户", "一般挽留客户", "重要保持客户"]


@pytest.mark.parametrize("bad", ["average", {"R": 1, "F": 2}, {"R": "x", "F": 1, "M": 1}])
def test_bad_threshold_is_explained(bad):
    with pytest.raises(CrmlabError, match="阈值"):
        rfm_segments(RFM, bad)


def test_rules_table_is_table_5_2():
    assert list(RFM_RULES["segment"]) == ["重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
                                          "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户"]
    levels = (RFM_RULES["R_level"] + RFM_RULES["F_level"] + RFM_RULES["M_level"]).tolist()
    assert levels == ["高高高", "高低高", "低高高", "低低高", "高高低", "高低低", "低高低", "低低低"]


def test_custom_rules_table():
    rules = RFM_RULES.copy()
    rules["segment"] = [f"第{i}类" for i in range(1, 9)]
    rules["strategy"] = "自定义"
    seg = rfm_segments(RFM, rules=rules).set_index("customer")
    assert seg.loc["b", "segment"] == "第1类" and seg.loc["a", "segment"] == "第6类"
    assert (seg["strategy"] == "自定义").all()
    summary = tier_summary(seg, rules=rules)
    assert list(summary["segment"])[:2] == ["第1类", "第2类"]


@pytest.mark.parametrize("change, words", [
    (lambda r: r.drop(columns="strategy"), "缺少列"),
    (lambda r: r.assign(R_level=["高"] * 7 + ["中"]), "只能是"),
    (lambda r: r.iloc[:7], "没有覆盖"),
    (lambda r: pd.concat([r, r.iloc[[0]]]), "不止一次"),
    (lambda r: r.assign(segment=["同名"] * 8), "不能重复"),
])
def test_bad_rules_are_explained(change, words):
    with pytest.raises(CrmlabError, match=words):
        check_rules(change(RFM_RULES.copy()))


def test_tier_summary_by_hand():
    seg = rfm_segments(RFM)
    summary = tier_summary(seg).set_index("segment")
    assert len(summary) == 8
    assert summary.loc["重要价值客户", "customers"] == 1
    assert summary.loc["重要价值客户", "M_share"] == pytest.approx(30 / 90)
    assert summary.loc["重要挽留客户", "customers"] == 0
    assert summary["customer_share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("values, scores", [
    ([7], [3]),                      # one customer: the middle score, not 1 or 5
    ([1, 2], [2, 4]),                # p = 0.25, 0.75
    ([1, 2, 3], [1, 3, 5]),          # p = 1/6, 1/2, 5/6
    ([4, 4, 4, 4], [3, 3, 3, 3]),    # all equal: nothing tells them apart
    ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]),
    ([1, 1, 2, 3], [2, 2, 4, 5]),    # tie shares rank 1.5 -> p = 0.25
])
def test_scores_on_tiny_and_tied_data(values, scores):
    rfm = pd.DataFrame({"R": values, "F": values, "M": [float(v) for v in values]})
    out = rfm_scores(rfm)
    assert list(out["F_score"]) == scores
    assert list(out["M_score"]) == scores
    # R: small is good, so the order flips
    assert list(out["R_score"]) == [6 - s for s in scores]


def test_scores_ten_customers_two_per_score_and_cell():
    rfm = pd.DataFrame({"R": range(10, 0, -1), "F": range(1, 11), "M": [float(v) for v in range(1, 11)]})
    out = rfm_scores(rfm)
    assert list(out["F_score"]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert list(out["R_score"]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert out["RFM_cell"].iloc[-1] == "555"


@pytest.mark.parametrize("bins", [1, 10, 2.5, "5"])
def test_bad_bins(bins):
    with pytest.raises(CrmlabError, match="bins"):
        rfm_scores(RFM, bins)


@pytest.mark.parametrize("change, words", [
    (lambda f: f.assign(customer=[None] + list(f["customer"][1:])), "客户为空"),
    (lambda f: f.assign(date=[pd.NaT] + list(f["date"][1:])), "日期为空"),
    (lambda f: f.assign(amount=[str(a) for a in f["amount"]]), "不是数字"),
    (lambda f: f.assign(amount=[None] + list(f["amount"][1:])), "金额为空"),
])
def test_bad_cells_are_refused_not_skipped(change, words):
    # pandas would silently drop an empty customer or concatenate text amounts
    with pytest.raises(CrmlabError, match=words):
        rfm_table(change(TX.copy()), "2021-04-01")


def test_timezone_aware_dates():
    aware = TX.assign(date=TX["date"].dt.tz_localize("Asia/Shanghai"))
    assert list(rfm_table(aware, "2021-04-01")["R"]) == [7, 30, 1]
