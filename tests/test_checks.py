"""Tests for crmlab/checks/: each known mistake, made by hand on a tiny data set, is named.

Fixture: four customers, today = 2021-04-05 (so "R to the last date in the data", 2021-03-31,
is 5 days off and cannot be confused with an off-by-one).

    customer  purchases (date amount)                 R   F  M    days  mean
    甲        03-31 100, 03-31 50, 03-20 30           5   3  180  2     60
    乙        03-01 200                               35  1  200  1     200
    丙        03-25 10, 03-28 20                      8   2  30   2     15
    丁        03-10 40, 03-15 110                     21  2  150  2     75

Means: R 69/4 = 17.25, F 8/4 = 2, M 560/4 = 140. Medians: R 14.5, F 2, M 165.
Levels (R <= mean is 高; F, M >= mean is 高):
甲 高高高 重要价值客户, 乙 低低高 重要挽留客户, 丙 高高低 一般价值客户, 丁 低高高 重要保持客户.
With the median, 丁's M (150 < 165) is 低, so 丁 becomes 一般保持客户.
"""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import checks
from crmlab.checks import xudong
from crmlab.checks._core import FAILED, OPEN, PASSED

TODAY = "2021-04-05"
TX = pd.DataFrame({
    "customer": ["甲", "甲", "甲", "乙", "丙", "丙", "丁", "丁"],
    "date": pd.to_datetime(["2021-03-31", "2021-03-31", "2021-03-20", "2021-03-01",
                            "2021-03-25", "2021-03-28", "2021-03-10", "2021-03-15"]),
    "amount": [100.0, 50.0, 30.0, 200.0, 10.0, 20.0, 40.0, 110.0],
    "order_id": [f"o{i}" for i in range(8)],
})
KW = {"transactions": TX, "today": TODAY}
NAMES = ["甲", "乙", "丙", "丁"]
GOOD_RFM = pd.DataFrame({"客户名称": NAMES, "R": [5, 35, 8, 21], "F": [3, 1, 2, 2],
                         "M": [180.0, 200.0, 30.0, 150.0]})
GOOD_LEVELS = pd.DataFrame({"customer": NAMES, "R_level": ["高", "低", "高", "低"],
                            "F_level": ["高", "低", "高", "高"], "M_level": ["高", "高", "低", "高"]})
GOOD_SEGMENTS = ["重要价值客户", "重要挽留客户", "一般价值客户", "重要保持客户"]


def rfm_with(**columns):
    return GOOD_RFM.assign(**columns)


def check_rfm(answer):
    return checks.check_rfm(answer, **KW)


# ------------------------------------------------------------------ placeholders and progress


@pytest.mark.parametrize("check", [checks.check_read, checks.check_grouped, checks.check_rfm,
                                   checks.check_means, checks.check_levels, checks.check_segments,
                                   checks.check_strategies, checks.check_counts, checks.check_chart,
                                   checks.check_excel])
def test_placeholder_is_not_done_and_recorded(check):
    progress = xudong.progress()
    result = check(..., progress, **KW)
    assert result.status == OPEN and "还没完成" in repr(result)
    assert progress.status(result.task) == OPEN and not progress.all_passed()


def test_progress_lists_every_task_with_its_state():
    progress = xudong.progress()
    check_ok = checks.check_rfm(GOOD_RFM, progress, **KW)
    check_bad = checks.check_means({"R": 1, "F": 2, "M": 3}, progress, **KW)
    assert check_ok.status == PASSED and check_bad.status == FAILED
    text = repr(progress)
    assert "已完成 1 / 10 题" in text
    assert "✓ 3. 计算每位客户的 R、F、M" in text
    assert "✗ 4. 计算 R、F、M 的平均值（有错误" in text
    assert "… 1. 读取交易记录（还没完成）" in text


# ------------------------------------------------------------------ task 1, 2


def test_read_counts_rows_and_wants_real_dates():
    raw = TX.rename(columns={"customer": "客户名称", "date": "交易日期", "amount": "交易金额"})
    assert checks.check_read(raw, **KW).passed
    assert "读入了 7 行" in repr(checks.check_read(raw.iloc[1:], **KW))
    as_text = raw.assign(交易日期=raw["交易日期"].dt.strftime("%Y/%m/%d"))
    assert "pd.to_datetime" in repr(checks.check_read(as_text, **KW))


def test_grouped_accepts_groupby_or_sorted_rows():
    raw = TX.rename(columns={"customer": "客户名称"})
    assert checks.check_grouped(raw.groupby("客户名称"), **KW).passed
    assert checks.check_grouped(raw.sort_values("客户名称"), **KW).passed
    assert "分成了 8 组" in repr(checks.check_grouped(raw.groupby("order_id"), **KW))
    unsorted = raw.iloc[[0, 3, 1, 2, 4, 5, 6, 7]]  # 甲 乙 甲 ...
    assert "客户「甲」的记录还没有排在一起" in repr(checks.check_grouped(unsorted, **KW))


# ------------------------------------------------------------------ task 3: R, F, M


def test_correct_rfm_passes_with_chinese_names_or_customer_index():
    assert check_rfm(GOOD_RFM).passed
    chinese = GOOD_RFM.rename(columns={"R": "最近一次消费（天）", "F": "消费频率", "M": "消费金额（元）"})
    assert check_rfm(chinese).passed
    assert check_rfm(GOOD_RFM.set_index("客户名称")).passed  # after groupby the name is the index


def test_unknown_columns_are_named_with_the_accepted_spellings():
    message = repr(check_rfm(GOOD_RFM.rename(columns={"F": "笔数"})))
    assert "找不到" in message and "F / F值 / 消费频率" in message and "笔数" in message


def test_none_answer_points_at_inplace():
    assert "inplace=True" in repr(check_rfm(None))


def test_r_measured_to_last_date_in_data():
    message = repr(check_rfm(rfm_with(R=[0, 30, 3, 16])))
    assert "最后一天 2021-03-31" in message and "少了 5 天" in message


def test_r_off_by_one_both_ways():
    assert "多了 1 天" in repr(check_rfm(rfm_with(R=[6, 36, 9, 22])))
    assert "少了 1 天" in repr(check_rfm(rfm_with(R=[4, 34, 7, 20])))


def test_r_left_as_timedelta():
    days = pd.to_timedelta([5, 35, 8, 21], unit="D")
    assert ".dt.days" in repr(check_rfm(rfm_with(R=days)))


def test_r_from_first_purchase():
    # first purchases: 甲 03-20 (16 days), 乙 03-01 (35), 丙 03-25 (11), 丁 03-10 (26)
    assert "第一次消费" in repr(check_rfm(rfm_with(R=[16, 35, 11, 26])))


def test_f_as_distinct_days():
    message = repr(check_rfm(rfm_with(F=[2, 1, 2, 2])))
    assert "天数" in message and "nunique" in message


def test_f_as_total_rows_or_sum_of_amounts():
    assert "总行数" in repr(check_rfm(rfm_with(F=[8, 8, 8, 8])))
    assert "F 把金额加起来了" in repr(check_rfm(rfm_with(F=[180, 200, 30, 150])))


def test_m_as_mean():
    assert "平均金额（mean）" in repr(check_rfm(rfm_with(M=[60.0, 200.0, 15.0, 75.0])))


def test_other_wrong_value_names_customer_and_column_without_the_answer():
    message = repr(check_rfm(rfm_with(M=[180.0, 200.0, 31.0, 150.0])))
    assert "客户「丙」的 M 是 31.0" in message and "总和" in message
    assert "30" not in message  # the right value is not given away


def test_duplicated_and_missing_customers():
    assert "「甲」在你的表里出现了 2 次" in repr(check_rfm(pd.concat([GOOD_RFM, GOOD_RFM.iloc[:1]])))
    assert "少了 1 位客户" in repr(check_rfm(GOOD_RFM.iloc[:3]))
    extra = pd.concat([GOOD_RFM, pd.DataFrame({"客户名称": ["合计"], "R": [1], "F": [8], "M": [560.0]})])
    assert "多出 1 位" in repr(check_rfm(extra))


def test_names_with_spaces_are_stripped():
    assert check_rfm(rfm_with(客户名称=[" 甲", "乙 ", "丙", "丁"])).passed


# ------------------------------------------------------------------ task 4: means


def test_means_right_median_and_per_transaction():
    assert checks.check_means(pd.Series({"R": 17.25, "F": 2.0, "M": 140.0}), **KW).passed
    assert checks.check_means({"R值": 17.25, "F值": 2, "M值": 140}, **KW).passed
    assert "中位数" in repr(checks.check_means({"R": 14.5, "F": 2, "M": 165}, **KW))
    # mean amount per transaction: 560 / 8 = 70
    assert "每笔交易" in repr(checks.check_means({"R": 17.25, "F": 2, "M": 70}, **KW))
    assert "没有认出" in repr(checks.check_means(3.5, **KW))


# ------------------------------------------------------------------ task 5, 6, 7


def test_levels_right_r_inverted_and_median():
    assert checks.check_levels(GOOD_LEVELS, **KW).passed
    inverted = GOOD_LEVELS.assign(R_level=["低", "高", "低", "高"])
    message = repr(checks.check_levels(inverted, **KW))
    assert "R 的高 / 低正好反了" in message and "越小" in message
    median = GOOD_LEVELS.assign(M_level=["高", "高", "低", "低"])
    assert "M 的高 / 低是按中位数分的" in repr(checks.check_levels(median, **KW))
    bad_value = GOOD_LEVELS.assign(F_level=["高", "低", "H", "高"])
    assert "只能填“高”或“低”" in repr(checks.check_levels(bad_value, **KW))


def test_segments_right_and_rules_swapped_for_one_letter():
    segmented = pd.DataFrame({"客户": NAMES, "客户等级": GOOD_SEGMENTS})
    assert checks.check_segments(segmented, **KW).passed
    # R swapped when reading Table 5-2: 甲 低高高, 乙 高低高, 丙 低高低, 丁 高高高
    r_swapped = segmented.assign(客户等级=["重要保持客户", "重要发展客户", "一般保持客户", "重要价值客户"])
    assert "把 R 的高 / 低看反了" in repr(checks.check_segments(r_swapped, **KW))
    # M swapped: 甲 高高低, 乙 低低低, 丙 高高高, 丁 低高低
    m_swapped = segmented.assign(客户等级=["一般价值客户", "一般挽留客户", "重要价值客户", "一般保持客户"])
    assert "把 M 的高 / 低看反了" in repr(checks.check_segments(m_swapped, **KW))


def test_segments_from_median_and_inverted_levels_and_typos():
    median = pd.DataFrame({"customer": NAMES, "segment": GOOD_SEGMENTS[:3] + ["一般保持客户"]})
    assert "中位数" in repr(checks.check_segments(median, **KW))
    inverted = GOOD_LEVELS.assign(R_level=["低", "高", "低", "高"],
                                  segment=["重要保持客户", "重要发展客户", "一般保持客户", "重要价值客户"])
    assert "R 的高 / 低正好反了" in repr(checks.check_segments(inverted, **KW))
    typo = pd.DataFrame({"customer": NAMES, "segment": ["重要价值用户"] + GOOD_SEGMENTS[1:]})
    assert "不是八类客户等级之一" in repr(checks.check_segments(typo, **KW))


def test_strategies_follow_rfm_rules():
    from crmlab import RFM_RULES

    rule = dict(zip(RFM_RULES["segment"], RFM_RULES["strategy"]))
    table = pd.DataFrame({"customer": NAMES, "segment": GOOD_SEGMENTS,
                          "strategy": [rule[s] for s in GOOD_SEGMENTS]})
    assert checks.check_strategies(table, **KW).passed
    wrong = table.assign(strategy=[rule["一般挽留客户"]] + list(table["strategy"][1:]))
    assert "客户「甲」（重要价值客户）的策略不对" in repr(checks.check_strategies(wrong, **KW))


# ------------------------------------------------------------------ task 8, 9, 10


def test_counts_value_counts_or_table():
    counts = pd.Series(GOOD_SEGMENTS).value_counts()
    assert checks.check_counts(counts, **KW).passed
    table = pd.DataFrame({"segment": GOOD_SEGMENTS, "人数": [1, 1, 1, 1]})
    assert checks.check_counts(table, **KW).passed
    per_row = pd.Series({"重要价值客户": 3, "重要挽留客户": 1, "一般价值客户": 2, "重要保持客户": 2})
    assert "合计是 8" in repr(checks.check_counts(per_row, **KW))
    shifted = pd.Series({"重要价值客户": 2, "一般价值客户": 1, "重要保持客户": 1})
    assert "“重要价值客户”的人数不对" in repr(checks.check_counts(shifted, **KW))


def test_chart_bars_must_be_the_counts_and_titled():
    ax = Figure().subplots()
    ax.bar(["重要价值客户", "重要挽留客户", "一般价值客户", "重要保持客户"], [1, 1, 1, 1])
    assert "标题" in repr(checks.check_chart(ax, **KW))
    ax.set_title("各级客户人数")
    assert checks.check_chart(ax, **KW).passed
    assert checks.check_chart(ax.figure, **KW).passed
    wrong = Figure().subplots()
    wrong.barh(["a", "b"], [3, 1])
    wrong.set_title("x")
    assert "对不上" in repr(checks.check_chart(wrong, **KW))
    assert "没有柱子" in repr(checks.check_chart(Figure().subplots(), **KW))
    assert "坐标轴" in repr(checks.check_chart("图", **KW))


def test_excel_file_is_read_back_and_checked(tmp_path):
    path = tmp_path / "旭东客户分级.xlsx"
    result = checks.check_excel(path, **KW)
    assert "找不到文件「旭东客户分级.xlsx」" in repr(result)
    assert str(tmp_path) not in repr(result)  # no machine paths in messages
    pd.DataFrame({"客户名称": NAMES, "客户等级": GOOD_SEGMENTS}).to_excel(path, index=False)
    assert checks.check_excel(path, **KW).passed
    pd.DataFrame({"客户名称": NAMES[:3], "客户等级": GOOD_SEGMENTS[:3]}).to_excel(path, index=False)
    assert "少了 1 位客户" in repr(checks.check_excel(path, **KW))
    assert ".xlsx" in repr(checks.check_excel(tmp_path / "a.csv", **KW))


def test_default_data_is_the_xudong_workbook():
    """With no transactions given, the checks use crmlab.datasets.load_xudong() and 2021-04-01."""
    from crmlab.datasets import load_xudong

    tx = load_xudong()
    result = checks.check_counts(pd.Series({"重要价值客户": len(tx)}))
    assert result.status == FAILED and f"合计是 {len(tx)}" in repr(result)


# ================================================================== chapter 3: crmlab.checks.tiering

from crmlab.checks import pyramid as ch1  # noqa: E402
from crmlab.checks import selection as ch2  # noqa: E402
from crmlab.checks import tiering as ch3  # noqa: E402

# five customers; b buys twice. amount / cost / profit per customer:
# a 10/4/6, b 50/45/5, c 20/10/10, d 15/20/-5, e 5/1/4; total amount 100, total profit 20
ABC_TX = pd.DataFrame({"customer": ["a", "b", "b", "c", "d", "e"],
                       "amount": [10.0, 30.0, 20.0, 20.0, 15.0, 5.0],
                       "cost": [4.0, 25.0, 20.0, 10.0, 20.0, 1.0]})
ABC_TOTALS = pd.DataFrame({"customer": list("abcde"), "amount": [10.0, 50.0, 20.0, 15.0, 5.0],
                           "profit": [6.0, 5.0, 10.0, -5.0, 4.0]})


def test_tiering_totals_and_forgotten_cost():
    assert ch3.check_totals(ABC_TOTALS, transactions=ABC_TX).passed
    no_cost = ABC_TOTALS.assign(profit=ABC_TOTALS["amount"])
    assert "忘了减去成本" in repr(ch3.check_totals(no_cost, transactions=ABC_TX))
    assert "少了 1 位客户" in repr(ch3.check_totals(ABC_TOTALS.iloc[1:], transactions=ABC_TX))


def test_tiering_abc_right_reversed_and_by_value():
    # by amount, n = 5: rank 1 (b) is A (<= 20 %), rank 2 (c) is B (<= 50 %), d, a, e are C
    right = pd.DataFrame({"customer": list("bcdae"), "类别": list("ABCCC")})
    assert ch3.check_abc(right, transactions=ABC_TX).passed
    ascending = pd.DataFrame({"customer": list("eadcb"), "class": list("ABCCC")})
    assert "排序方向错了" in repr(ch3.check_abc(ascending, transactions=ABC_TX))
    typo = right.assign(类别=["A", "B", "C", "C", "D"])
    assert "“D”不是可用的取值" in repr(ch3.check_abc(typo, transactions=ABC_TX))


def test_tiering_a_share_fraction_or_percent_and_head_count_mistake():
    assert ch3.check_a_share(0.5, transactions=ABC_TX).passed      # b: 50 of 100
    assert ch3.check_a_share(50, transactions=ABC_TX).passed
    assert "人数占比" in repr(ch3.check_a_share(0.2, transactions=ABC_TX))   # 1 of 5 customers


# twenty customers k01..k20: profit 21 - i (k01 best), amount 10 * i (so by amount k20 is best)
PYR_TX = pd.DataFrame({"customer": [f"k{i:02d}" for i in range(1, 21)],
                       "amount": [10.0 * i for i in range(1, 21)],
                       "cost": [10.0 * i - (21 - i) for i in range(1, 21)]})


def pyramid_by_rank(order):
    tiers = ["高端客户"] + ["重要客户"] * 3 + ["普通客户"] * 6 + ["小客户"] * 10  # 5 %, 20 %, 50 %
    return pd.DataFrame({"customer": order, "tier": tiers})


def test_tiering_pyramid_by_profit_rank_and_by_amount_mistake():
    by_profit = [f"k{i:02d}" for i in range(1, 21)]
    assert ch3.check_pyramid(pyramid_by_rank(by_profit), transactions=PYR_TX).passed
    by_amount = by_profit[::-1]
    assert "按消费金额排的名" in repr(ch3.check_pyramid(pyramid_by_rank(by_amount), transactions=PYR_TX))


def test_tiering_small_customers_profit_share():
    # 小客户 k11..k20 make 10 + 9 + ... + 1 = 55 of 210
    assert ch3.check_small_profit(55 / 210, transactions=PYR_TX).passed
    assert ch3.check_small_profit(100 * 55 / 210, transactions=PYR_TX).passed
    assert "人数占比" in repr(ch3.check_small_profit(0.5, transactions=PYR_TX))


# ================================================================== chapter 2: crmlab.checks.selection

# weights: purchasing_power .25, willingness .15, credit .25, price_sensitivity .15 (lower better),
# cooperation .20. Ranges 0-10 (price sensitivity 1-9), so e.g. 甲 = .25*1 + .25*.5 + .15*1 = .525.
CANDIDATES = pd.DataFrame({
    "customer": ["甲", "乙", "丙", "宏达集团", "云帆软件", "己"],
    "purchasing_power": [10, 0, 5, 0, 10, 0],
    "willingness": [0, 10, 5, 0, 10, 0],
    "credit": [5, 0, 10, 0, 10, 0],
    "price_sensitivity": [1, 9, 5, 9, 1, 9],
    "cooperation": [0, 5, 10, 0, 10, 5],
    "capability": [2, 8, 8, 2, 2, 8],
    "annual_purchase": [1.0, 1.0, 1.0, 100.0, 10.0, 1.0],
    "growth_rate": [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
})
SCORES = {"甲": 0.525, "乙": 0.25, "丙": 0.725, "宏达集团": 0.0, "云帆软件": 1.0, "己": 0.1}
CK = {"candidates": CANDIDATES}


def test_selection_scores_right_and_price_sensitivity_not_flipped():
    right = pd.DataFrame({"customer": list(SCORES), "得分": list(SCORES.values())})
    assert ch2.check_scores(right, **CK).passed
    # not flipped: 甲 .25 + .125 = .375, 乙 .15 + .15 + .1 = .4, 丙 .725, 宏达 .15, 云帆 .85, 己 .25
    unflipped = right.assign(得分=[0.375, 0.4, 0.725, 0.15, 0.85, 0.25])
    assert "价格敏感度没有反过来" in repr(ch2.check_scores(unflipped, **CK))


def test_selection_top_five():
    assert ch2.check_top(["云帆软件", "丙", "甲", "乙", "己"], **CK).passed
    assert "得分最低的五位" in repr(ch2.check_top(["宏达集团", "己", "乙", "甲", "丙"], **CK))
    assert "应当正好五个" in repr(ch2.check_top(["云帆软件"], **CK))


def test_selection_mutual_fit_and_swapped_axes():
    # score mean 2.6 / 6 = .433: 甲 丙 云帆 高; capability mean 5: 乙 丙 己 高
    right = pd.DataFrame({"customer": list(SCORES),
                          "fit": ["高攀", "大材小用", "门当户对", "暂不考虑", "高攀", "大材小用"]})
    assert ch2.check_fit(right, **CK).passed
    swapped = right.assign(fit=["大材小用", "高攀", "门当户对", "暂不考虑", "大材小用", "高攀"])
    assert "弄反了" in repr(ch2.check_fit(swapped, **CK))


def test_selection_overtake_year():
    # 云帆 10 doubling vs 宏达 100 flat: 10 * 2**3 = 80, 10 * 2**4 = 160 > 100
    assert ch2.check_overtake(4, **CK).passed
    assert "差了一年" in repr(ch2.check_overtake(3, **CK))


# ================================================================== chapter 1: crmlab.checks.pyramid

# course figures: VIP 21 x 45,600 = 957,600; 大 85 x 9,480 = 805,800; 中级 319 x 1,820 = 580,580;
# 小 1,701 x -522 = -887,922; total 1,456,058 over 2,126 customers
COURSE = pd.DataFrame({"级别": ["VIP客户", "大客户", "中级客户", "小客户"],
                       "利润": [957_600.0, 805_800.0, 580_580.0, -887_922.0]})


def test_course_shares_and_per_customer_mistake():
    right = COURSE.assign(利润占比=COURSE["利润"] / 1_456_058)
    assert ch1.check_shares(right).passed
    per_customer = right.assign(利润=[45_600.0, 9_480.0, 1_820.0, -522.0])
    assert "每位客户" in repr(ch1.check_shares(per_customer))
    assert "没有「小客户」" in repr(ch1.check_shares(right.iloc[:3]))


def test_course_average_and_top_share():
    assert ch1.check_average(1_456_058 / 2_126).passed            # about 684.9, not the stated 399
    unweighted = (45_600 + 9_480 + 1_820 - 522) / 4
    assert "按人数加权" in repr(ch1.check_average(unweighted))
    assert ch1.check_top_share(2_343_980 / 1_456_058).passed      # about 161 %
    assert "人数占比" in repr(ch1.check_top_share(425 / 2_126))


# four customers: profit a 8, b -2, c 3, d 1 (total 10)
WHALE_TX = pd.DataFrame({"customer": list("abcd"), "amount": [10.0, 1.0, 5.0, 2.0],
                         "cost": [2.0, 3.0, 2.0, 1.0]})


def test_whale_curve_points_direction_and_peak():
    right = pd.DataFrame({"customer_share": [0.25, 0.5, 0.75, 1.0],
                          "value_share": [0.8, 1.1, 1.2, 1.0]})
    assert ch1.check_whale(right, transactions=WHALE_TX).passed
    with_origin = pd.concat([pd.DataFrame({"customer_share": [0.0], "value_share": [0.0]}), right])
    assert ch1.check_whale(with_origin, transactions=WHALE_TX).passed
    ascending = right.assign(value_share=[-0.2, -0.1, 0.2, 1.0])   # b, d, c, a
    assert "排序方向反了" in repr(ch1.check_whale(ascending, transactions=WHALE_TX))
    assert ch1.check_peak(1.2, transactions=WHALE_TX).passed
    assert "终点" in repr(ch1.check_peak(1.0, transactions=WHALE_TX))


# ================================================================== no check ever raises

WEIRD_ANSWERS = [None, 0, "abc", [], {}, float("nan"), pd.DataFrame(), pd.Series(dtype=float),
                 pd.DataFrame({"x": [1]}),
                 pd.DataFrame({"customer": ["?"], "R": [float("nan")], "F": ["a"], "M": [None],
                               "segment": ["x"], "class": ["A"], "tier": ["小客户"], "fit": ["高攀"],
                               "score": [float("nan")], "group": ["VIP客户"], "profit": [1],
                               "profit_share": [1], "customer_share": [1], "value_share": [1],
                               "amount": [1]})]
ALL_CHECKS = [getattr(module, name) for module in (ch1, ch2, ch3, xudong)
              for name in sorted(vars(module)) if name.startswith("check_")]


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_odd_answers_get_a_chinese_message_not_an_exception(check):
    import inspect

    fixtures = {"crmlab.checks.pyramid": {"transactions": WHALE_TX},
                "crmlab.checks.selection": CK,
                "crmlab.checks.tiering": {"transactions": ABC_TX},
                "crmlab.checks.xudong": KW}[check.__module__]
    accepted = inspect.signature(check).parameters
    kwargs = {key: value for key, value in fixtures.items() if key in accepted}
    for answer in WEIRD_ANSWERS:
        result = check(answer, **kwargs)
        assert result.status == FAILED, (answer, result)
        assert result.message
