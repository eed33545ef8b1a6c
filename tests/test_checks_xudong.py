"""Tests for crmlab/checks/xudong.py (exercise 04): each known mistake, made by hand on a tiny
data set, is named; correct answers in other styles pass.

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
F ties at the mean: 丙 and 丁 have F = 2 = mean, so "F > mean" makes both 低.

RAW is the file as read: TX with Chinese headers, a blank row and a 合计 row (10 rows).
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
RAW = pd.concat([TX.rename(columns={"customer": "客户名称", "date": "交易日期", "amount": "交易金额",
                                    "order_id": "订单编号"}),
                 pd.DataFrame({"客户名称": [None, "合计"], "交易金额": [None, 560.0]})], ignore_index=True)
KW = {"transactions": TX, "today": TODAY, "raw": RAW}
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


@pytest.mark.parametrize("check", [checks.check_read, checks.check_clean, checks.check_grouped, checks.check_rfm,
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
    assert "已完成 1 / 11 题" in text
    assert "✓ 4. 计算每位客户的 R、F、M" in text
    assert "✗ 5. 计算 R、F、M 的平均值（有错误" in text
    assert "… 1. 读取交易记录（还没完成）" in text


# ------------------------------------------------------------------ task 1, 2


def test_read_counts_rows_and_wants_real_dates():
    assert checks.check_read(RAW, **KW).passed
    assert "读入了 9 行" in repr(checks.check_read(RAW.iloc[1:], **KW))
    as_text = RAW.assign(交易日期=RAW["交易日期"].dt.strftime("%Y/%m/%d"))
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
    assert "天数" in message and "订单编号" in message


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


def test_excel_file_is_saved_next_to_the_notebook_with_tiers_and_strategies(tmp_path, monkeypatch):
    from crmlab import RFM_RULES

    monkeypatch.chdir(tmp_path)  # the notebook's folder
    rule = dict(zip(RFM_RULES["segment"], RFM_RULES["strategy"]))
    result = checks.check_excel("旭东客户分级.xlsx", **KW)
    assert "找不到文件「旭东客户分级.xlsx」" in repr(result)
    assert str(tmp_path) not in repr(result)  # no machine paths in messages
    table = pd.DataFrame({"客户名称": NAMES, "客户等级": GOOD_SEGMENTS,
                          "对应策略": [rule[s] for s in GOOD_SEGMENTS]})
    table.to_excel("旭东客户分级.xlsx", index=False)
    assert checks.check_excel("旭东客户分级.xlsx", **KW).passed
    assert checks.check_excel(tmp_path / "旭东客户分级.xlsx", **KW).passed  # the same file, absolute
    table.drop(columns="对应策略").to_excel("旭东客户分级.xlsx", index=False)
    assert "对应策略" in repr(checks.check_excel("旭东客户分级.xlsx", **KW))  # saved without strategies
    table.iloc[:3].to_excel("旭东客户分级.xlsx", index=False)
    assert "少了 1 位客户" in repr(checks.check_excel("旭东客户分级.xlsx", **KW))
    assert "题目要求的是「旭东客户分级.xlsx」" in repr(checks.check_excel("结果.xlsx", **KW))
    (tmp_path / "sub").mkdir()
    table.to_excel(tmp_path / "sub" / "旭东客户分级.xlsx", index=False)
    assert "练习笔记本所在的文件夹" in repr(checks.check_excel(tmp_path / "sub" / "旭东客户分级.xlsx", **KW))


def test_default_data_is_the_xudong_workbook():
    """With no transactions given, the checks use crmlab.datasets.load_xudong()."""
    from crmlab.datasets import load_xudong

    tx = load_xudong()
    result = checks.check_counts(pd.Series({"重要价值客户": len(tx)}))
    assert result.status == FAILED and f"合计是 {len(tx)}" in repr(result)


# ------------------------------------------------------------------ exercise 04 specifics

RAW_EXPORT = pd.DataFrame({
    "订单编号": ["o1", "o2", None, "o3", "o1", None],
    "客户名称": ["甲", "甲 ", None, "乙", "甲", "合计"],
    "交易日期": pd.to_datetime(["2021-03-01", "2021-03-05", None, "2021-03-10", "2021-03-03", None]),
    "交易金额": [100.0, 50.0, None, 80.0, -20.0, 210.0],
})
# cleaned: 甲 o1 100, 甲 o2 50, 乙 o3 80, 甲 o1 -20 (a refund of o1); 甲 F 2 (orders), M 130
CLEAN_TX = pd.DataFrame({"customer": ["甲", "甲", "乙", "甲"],
                         "date": pd.to_datetime(["2021-03-01", "2021-03-05", "2021-03-10", "2021-03-03"]),
                         "amount": [100.0, 50.0, 80.0, -20.0], "order_id": ["o1", "o2", "o3", "o1"]})
CK = {"transactions": CLEAN_TX, "today": "2021-04-01", "raw": RAW_EXPORT}


def cleaned(frame=RAW_EXPORT):
    out = frame.dropna(how="all")
    out = out[out["客户名称"] != "合计"].copy()
    out["客户名称"] = out["客户名称"].str.strip()
    return out


def test_cleaning_names_each_row_left_to_clean():
    assert checks.check_clean(cleaned(), **CK).passed
    assert "dropna" in repr(checks.check_clean(RAW_EXPORT, **CK))
    no_total = RAW_EXPORT.dropna(how="all")
    assert "合计" in repr(checks.check_clean(no_total, **CK))
    spaced = no_total[no_total["客户名称"] != "合计"]
    assert "「甲 」" in repr(checks.check_clean(spaced, **CK)) and "str.strip" in repr(checks.check_clean(spaced, **CK))
    no_refund = cleaned()[cleaned()["交易金额"] > 0]
    assert "退款" in repr(checks.check_clean(no_refund, **CK))
    isin_style = RAW_EXPORT[RAW_EXPORT["客户名称"].notna() & ~RAW_EXPORT["客户名称"].isin(["合计"])].copy()
    isin_style["客户名称"] = isin_style["客户名称"].str.strip()
    assert checks.check_clean(isin_style, **CK).passed  # another correct way


def test_refund_f_counts_orders_and_m_nets_the_refund():
    # R: 甲 last 03-05 -> 27, 乙 03-10 -> 22
    right = pd.DataFrame({"客户名称": ["甲", "乙"], "R": [27, 22], "F": [2, 1], "M": [130.0, 80.0]})
    assert checks.check_rfm(right, **CK).passed
    by_rows = right.assign(F=[3, 1])
    assert "退款那一行也算成了一次购买" in repr(checks.check_rfm(by_rows, **CK))
    no_refund = right.assign(M=[150.0, 80.0])
    assert "没有扣除退款" in repr(checks.check_rfm(no_refund, **CK))


def test_greater_than_instead_of_at_least_is_caught_at_the_tie():
    strict = GOOD_LEVELS.assign(F_level=["高", "低", "低", "低"])  # 丙 and 丁 have F = 2 = mean
    message = repr(checks.check_levels(strict, **KW))
    assert "F 用了“>”" in message and ("「丙」" in message or "「丁」" in message) and ">=" in message


def test_a_later_check_says_which_earlier_task_to_fix_first():
    progress = xudong.progress()
    checks.check_rfm(rfm_with(F=[2, 1, 2, 2]), progress, **KW)           # task 4 wrong
    median = checks.check_means({"R": 14.5, "F": 2, "M": 165}, progress, **KW)
    assert "请先改正第 4 题" in repr(median) and "中位数" in repr(median)  # its own hint stays
    checks.check_rfm(GOOD_RFM, progress, **KW)
    assert "请先改正" not in repr(checks.check_means({"R": 14.5, "F": 2, "M": 165}, progress, **KW))
    wrong_levels = checks.check_levels(GOOD_LEVELS.assign(M_level=["高", "高", "低", "低"]), progress, **KW)
    assert "请先改正第 5 题" in repr(wrong_levels)


def _levels_by_loop(rfm, means):
    rows = []
    for row in rfm.itertuples(index=False):
        rows.append({"客户名称": row.客户名称,
                     "R_level": "高" if row.R <= means["R"] else "低",
                     "F_level": "高" if row.F >= means["F"] else "低",
                     "M_level": "高" if row.M >= means["M"] else "低"})
    return pd.DataFrame(rows)


def test_other_correct_styles_pass():
    import numpy as np

    # R, F, M with a loop over customers instead of groupby
    rows = []
    for name in sorted(set(TX["customer"])):
        own = TX[TX["customer"] == name]
        rows.append({"客户名称": name, "R": (pd.Timestamp(TODAY) - own["date"].max()).days,
                     "F": len(own), "M": own["amount"].sum()})
    assert checks.check_rfm(pd.DataFrame(rows), **KW).passed
    means = GOOD_RFM[["R", "F", "M"]].mean()
    assert checks.check_levels(_levels_by_loop(GOOD_RFM, means), **KW).passed
    # np.where instead of map, English column names, a dict of means
    levels = GOOD_RFM.rename(columns={"客户名称": "customer"})
    levels["R_level"] = np.where(levels["R"] <= means["R"], "高", "低")
    levels["F_level"] = np.where(levels["F"] >= means["F"], "高", "低")
    levels["M_level"] = np.where(levels["M"] >= means["M"], "高", "低")
    assert checks.check_levels(levels, **KW).passed
    assert checks.check_means(dict(means), **KW).passed
    # counts as a DataFrame from groupby.size
    counts = pd.DataFrame({"segment": GOOD_SEGMENTS}).groupby("segment").size().reset_index(name="人数")
    assert checks.check_counts(counts, **KW).passed


@pytest.mark.parametrize("style", ["plt.bar", "plt.barh", "ax.bar", "Series.plot", "DataFrame.plot",
                                   "figure", "subplots array"])
def test_chart_drawn_any_way_passes(style):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = pd.Series(GOOD_SEGMENTS).value_counts()
    if style == "plt.bar":
        answer = plt.bar(counts.index, counts.values)
    elif style == "plt.barh":
        answer = plt.barh(counts.index, counts.values)
    elif style == "ax.bar":
        _fig, answer = plt.subplots()
        answer.bar(counts.index, counts.values)
    elif style == "Series.plot":
        answer = counts.plot.barh()
    elif style == "DataFrame.plot":
        answer = counts.rename("人数").to_frame().plot(kind="bar")
    elif style == "figure":
        fig, ax = plt.subplots()
        ax.bar(counts.index, counts.values)
        answer = fig
    else:
        answer = counts.to_frame().plot.bar(subplots=True)
    plt.title("各级客户人数")
    try:
        result = checks.check_chart(answer, **KW)
    finally:
        plt.close("all")
    assert result.passed, result


def test_instructors_other_data_and_today_are_followed(tmp_path):
    """Through crmlab.datasets.exercise_inputs, the default checks follow another file and today."""
    from crmlab import datasets

    path = tmp_path / "其他.xlsx"
    cleaned().to_excel(path, index=False, sheet_name="交易记录")
    right = pd.DataFrame({"客户名称": ["甲", "乙"], "R": [36, 31], "F": [2, 1], "M": [130.0, 80.0]})
    with datasets.exercise_inputs(xudong_file=str(path), xudong_today="2021-04-10"):
        assert checks.check_rfm(right).passed
        old_today = repr(checks.check_rfm(right.assign(R=[27, 22])))  # R counted to 2021-04-01
        assert "2021-04-10" in old_today and "R 不对" in old_today
        assert checks.check_read(pd.read_excel(path, engine="openpyxl")).passed
    assert not checks.check_rfm(right).passed  # back to the 旭东 data
