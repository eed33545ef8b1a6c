"""Exercise 05's checks on a small hand-made shop (passed as ``transactions=``): the right answer
passes, each typical mistake gets its Chinese hint, and an instructor's other window moves the
expected answer with it.

The shop, window 2021-03-01 .. 2021-03-31 (today 2021-04-01), migration 03-01 -> 04-01 (periods
of 31 days: 01-29 .. 02-28 and 03-01 .. 03-31):
甲 buys 100 on 02-10 and 300 on 03-31 (last day of the window), 乙 20 on 03-05 twice (one day),
丙 50 on 03-10, 丁 10 on 02-20 only (before the window).
"""

import pandas as pd
import pytest

from crmlab.checks import real_data as rd
from crmlab.datasets import exercise_inputs
from crmlab.rfm import rfm_segments, rfm_table

TX = pd.DataFrame({
    "customer": ["甲", "甲", "乙", "乙", "丙", "丁"],
    "date": pd.to_datetime(["2021-02-10", "2021-03-31", "2021-03-05", "2021-03-05", "2021-03-10",
                            "2021-02-20"]),
    "amount": [100.0, 300.0, 20.0, 20.0, 50.0, 10.0]})
INPUTS = {"cdnow_window": ["2021-03-01", "2021-03-31"], "cdnow_migration": ["2021-03-01", "2021-04-01"]}


@pytest.fixture(autouse=True)
def shop_inputs():
    with exercise_inputs(**INPUTS):
        yield


def window(last="2021-03-31"):
    return TX[(TX["date"] >= "2021-03-01") & (TX["date"] <= last)]


def text(result):
    return repr(result)


def test_window_right_and_mistakes():
    assert rd.check_window(window(), transactions=TX).passed  # 4 purchases
    assert "<= 结束" in text(rd.check_window(TX[(TX["date"] >= "2021-03-01") & (TX["date"] < "2021-03-31")],
                                             transactions=TX))
    assert "全部交易" in text(rd.check_window(TX, transactions=TX))
    assert "还没完成" in text(rd.check_window(..., transactions=TX))


def test_rfm_right_and_mistakes():
    # by hand: 甲 R 1, F 1, M 300; 乙 R 27, F 2, M 40; 丙 R 22, F 1, M 50
    right = pd.DataFrame({"customer": ["甲", "乙", "丙"], "R": [1, 27, 22], "F": [1, 2, 1],
                          "M": [300.0, 40.0, 50.0]})
    assert rd.check_rfm(right, transactions=TX).passed
    assert "结束日期 + 1 天" in text(rd.check_rfm(right.assign(R=right["R"] - 1), transactions=TX))
    assert "不是平均值" in text(rd.check_rfm(right.assign(M=[300.0, 20.0, 50.0]), transactions=TX))
    assert "少了 1 位客户" in text(rd.check_rfm(right.iloc[:2], transactions=TX))


def test_counts_share_and_one_day():
    # means: R 50/3, F 4/3, M 130 -> 甲 高高... F 1 < 4/3 低, M 300 高: 重要发展客户;
    # 乙 R 27 低, F 2 高, M 40 低: 一般保持客户; 丙 R 22 低, F 低, M 低: 一般挽留客户
    counts = pd.Series({"重要发展客户": 1, "一般保持客户": 1, "一般挽留客户": 1})
    assert rd.check_counts(counts, transactions=TX).passed
    assert "不是表 5-2" in text(rd.check_counts(pd.Series({"VIP": 3}), transactions=TX))
    assert rd.check_share(0.0, transactions=TX).passed  # nobody is 重要价值客户
    # lifetimes frequency 0: all three bought on one day only; F == 1 counts only 甲 and 丙
    assert rd.check_one_day(3, transactions=TX).passed
    assert "同一天" in text(rd.check_one_day(2, transactions=TX))


def test_share_mistake_is_the_head_count_share():
    shop = pd.concat([TX, pd.DataFrame({"customer": ["丙"], "date": pd.to_datetime(["2021-03-30"]),
                                        "amount": [900.0]})], ignore_index=True)
    seg = rfm_segments(rfm_table(shop[shop["date"] >= "2021-03-01"], "2021-04-01"))
    assert list(seg.loc[seg["segment"] == "重要价值客户", "customer"]) == ["丙"]
    # 丙: M 950 of 300 + 40 + 950 = 1290; one customer of three
    assert rd.check_share(950 / 1290, transactions=shop).passed
    assert "人数占比" in text(rd.check_share(1 / 3, transactions=shop))


def test_artefact_counts_only_the_yardstick_moves():
    from crmlab.migration import segment_migration

    moving = segment_migration(TX, "2021-03-01", "2021-04-01")
    frozen = segment_migration(TX, "2021-03-01", "2021-04-01", freeze=True)
    want = int((moving["segment_after"] != frozen["segment_after"]).sum())
    movers = int((moving["segment_before"] != moving["segment_after"]).sum())
    assert movers != want
    assert rd.check_artefact(want, transactions=TX).passed
    assert "全部客户" in text(rd.check_artefact(movers, transactions=TX))


def test_another_window_moves_the_expected_answer():
    with exercise_inputs(cdnow_window=["2021-02-01", "2021-03-31"]):
        every = TX  # now 丁 and 甲's first purchase are inside
        assert rd.check_window(every, transactions=TX).passed
        assert not rd.check_window(window(), transactions=TX).passed


def test_progress_lists_six_tasks():
    assert len(rd.progress().tasks) == 6 == len(rd.TASKS)
