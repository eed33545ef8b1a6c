"""Tests for crmlab/display.py: the glossary COLUMN_NAMES and zh()."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import crmlab
from crmlab import crm_basics, datasets, lifetime_value, pyramid, rfm, selection
from crmlab.abc_classification import abc_analysis, customer_totals, pareto_table
from crmlab.display import COLUMN_NAMES, header, zh


def _has_chinese(text) -> bool:
    return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_zh_renames_known_columns_and_leaves_unknown_ones():
    frame = pd.DataFrame({"customer": ["甲"], "R": [3], "cum_share": [1.0], "备注": ["x"],
                          "my_col": [0]})
    assert list(zh(frame).columns) == ["客户", "R（天）", "累计占比", "备注", "my_col"]


def test_zh_returns_a_copy_and_keeps_the_values():
    frame = pd.DataFrame({"customer": ["甲", "乙"], "M": [10.5, 2.0]})
    shown = zh(frame)
    assert list(frame.columns) == ["customer", "M"]          # the input is untouched
    assert shown["M（元）"].tolist() == [10.5, 2.0]
    shown.loc[0, "M（元）"] = 99.0
    assert frame.loc[0, "M"] == 10.5                          # not a view of the input


def test_zh_extra_headers_win_over_the_glossary_and_add_new_ones():
    frame = pd.DataFrame({"profit": [1.0], "stuff": [2]})
    shown = zh(frame, profit="利润（美元）", stuff="其他")
    assert list(shown.columns) == ["利润（美元）", "其他"]
    assert list(zh(frame).columns) == ["利润（元）", "stuff"]  # the glossary is unchanged
    assert COLUMN_NAMES["profit"] == "利润（元）"


def test_zh_renames_index_names_and_series():
    frame = pd.DataFrame({"class": ["A", "B"], "name": ["x", "y"], "value": [1, 2]})
    assert zh(frame.set_index("class")).index.name == "类别"
    counts = frame.groupby(["class", "name"]).size()
    assert list(zh(counts).index.names) == ["类别", "名称"]
    totals = frame.groupby("class")["value"].sum()
    shown = zh(totals)
    assert shown.index.name == "类别" and shown.name == "价值"
    assert shown.tolist() == [1, 2] and totals.name == "value"


def test_zh_renames_multiindex_columns():
    columns = pd.MultiIndex.from_tuples([("R", "mean"), ("F", "mean")])
    frame = pd.DataFrame([[1, 2]], columns=columns)
    assert list(zh(frame).columns) == [("R（天）", "mean"), ("F（次）", "mean")]


def test_header_of_normalised_criteria_and_of_non_strings():
    assert header("credit_norm") == "信用（归一化）"
    assert header("unknown_norm") == "unknown_norm"
    assert header(3) == 3
    assert header("customer", {"customer": "企业"}) == "企业"


def test_no_alias_left_in_datasets():
    assert not hasattr(datasets, "DISPLAY_NAMES")


def test_zh_is_exported_lazily():
    assert crmlab.zh is zh


def test_every_header_is_chinese_and_unique():
    labels = list(COLUMN_NAMES.values())
    assert all(_has_chinese(label) for label in labels), [x for x in labels if not _has_chinese(x)]
    # two English names with the same Chinese header would make one table show two equal headers
    assert len(set(labels)) == len(labels)


def _frames_on_bundled_data():
    """What the main functions return on crmlab's bundled data, by function name."""
    xudong = datasets.load_xudong()
    demo = datasets.load_demo_transactions()
    customers = datasets.load_demo_customers()
    candidates = datasets.load_candidates()
    table = rfm.rfm_table(xudong, datasets.XUDONG_TODAY)
    segments = rfm.rfm_segments(table)
    totals = customer_totals(demo)
    abc = abc_analysis(totals)
    with_clv = customers.assign(clv=lifetime_value.clv(customers["annual_margin"],
                                                       customers["retention"], 0.1))
    weights = {"purchasing_power": 0.25, "willingness": 0.2, "credit": 0.2,
               "price_sensitivity": 0.15, "cooperation": 0.2}
    scores = selection.weighted_scores(candidates, weights, lower_is_better=["price_sensitivity"])
    fit_input = scores.merge(candidates[["customer", "capability"]], on="customer")
    return {
        "load_xudong": xudong, "load_demo_transactions": demo,
        "load_demo_customers": customers, "load_candidates": candidates,
        "rfm_table": table, "rfm_segments": segments, "rfm_scores": rfm.rfm_scores(table),
        "tier_summary": rfm.tier_summary(segments), "RFM_RULES": rfm.RFM_RULES,
        "customer_totals": totals, "abc_analysis": abc, "pareto_table": pareto_table(abc),
        "customer_pyramid": pyramid.customer_pyramid(totals),
        "whale_curve": pyramid.whale_curve(totals), "pyramid_tiers": pyramid.pyramid_tiers(),
        "course_pyramid": pyramid.course_pyramid(),
        "course_pyramid_gaps": pyramid.course_pyramid_gaps(),
        "course_pyramid_shares": pyramid.course_pyramid_shares(),
        "check_course_pyramid": pyramid.check_course_pyramid(),
        "clv_cs_classes": lifetime_value.clv_cs_classes(with_clv),
        "cpv_clv_classes": lifetime_value.cpv_clv_classes(with_clv),
        "CLV_CS_RULES": lifetime_value.CLV_CS_RULES, "CPV_CLV_RULES": lifetime_value.CPV_CLV_RULES,
        "weighted_scores": scores,
        "mutual_fit": selection.mutual_fit(fit_input, "score", "capability"),
        "growth_projection": selection.growth_projection(10, 0.4, 5),
        "SELECTION_FACTORS": selection.SELECTION_FACTORS,
        "MUTUAL_FIT_RULES": selection.MUTUAL_FIT_RULES,
        "crm_vs_traditional": crm_basics.crm_vs_traditional(),
        "churn_reasons": crm_basics.churn_reasons(),
        "retention_economics": crm_basics.retention_economics(100, 500, 50, 300, 0.8, 5),
        "salon_budget": crm_basics.salon_budget(),
        "check_salon_budget": crm_basics.check_salon_budget(),
        "buyer_roles": crm_basics.buyer_roles(),
    }


@pytest.fixture(scope="module")
def bundled_frames():
    return _frames_on_bundled_data()


def test_every_column_of_the_main_functions_gets_a_chinese_header(bundled_frames):
    untranslated = {name: [c for c in zh(frame).columns if not _has_chinese(c)]
                    for name, frame in bundled_frames.items()}
    assert {name: cols for name, cols in untranslated.items() if cols} == {}


def test_headers_stay_unique_within_each_table(bundled_frames):
    for name, frame in bundled_frames.items():
        assert zh(frame).columns.is_unique, name


def test_zh_on_a_real_table_keeps_every_number():
    table = crm_basics.retention_economics(100, 500, 50, 300, 0.8, 2)
    shown = zh(table)
    # year 1: 100 * 0.8 = 80 customers stay, 20 leave; profit 80 * (300 - 50) = 20000
    assert shown["仍在的客户"].tolist() == pytest.approx([100, 80, 64])
    assert shown["当年流失"].tolist() == pytest.approx([0, 20, 16])
    assert shown["利润（元）"].iloc[1] == pytest.approx(20_000)
    assert np.array_equal(shown.to_numpy(), table.to_numpy())


# ---------------------------------------------------------------- the HTML form of zh()

def _cells(html_text: str) -> list[list[str]]:
    """The text of each row's cells (header row first), tags and classes stripped."""
    import re
    rows = re.findall(r"<tr>(.*?)</tr>", html_text)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_zh_html_reads_like_a_report():
    frame = pd.DataFrame({
        "customer": ["甲", "乙"],
        "amount": [114000.0, 2500.5],          # money: separators, two decimals
        "cum_share": [0.6, np.nan],            # a share: percent; NaN: a dash
        "customers": [51.2, 3.0],              # people: whole numbers
        "agrees": [True, False],               # 是/否
        "percent": [35.0, 12.5],               # already in percent: stays a number
    })
    cells = _cells(zh(frame)._repr_html_())
    assert cells[0] == ["客户", "金额（元）", "累计占比", "客户数", "对得上", "占比（%）"]
    assert cells[1] == ["甲", "114,000.00", "60.0%", "51", "是", "35.0"]
    assert cells[2] == ["乙", "2,500.50", "–", "3", "否", "12.5"]


def test_zh_html_whole_money_has_no_decimals_and_years_no_separator():
    frame = pd.DataFrame({"year": [2020, 2021], "amount": [114000.0, 58900.0]})
    assert _cells(zh(frame)._repr_html_())[1:] == [["2020", "114,000"], ["2021", "58,900"]]


def test_zh_html_hides_a_meaningless_index_and_shows_a_named_one():
    frame = pd.DataFrame({"class": ["A", "B"], "customers": [2, 3]}, index=[5, 9])
    plain = _cells(zh(frame)._repr_html_())
    assert plain[0] == ["类别", "客户数"] and plain[1] == ["A", "2"]
    named = _cells(zh(frame.set_index("class"))._repr_html_())
    assert named[0] == ["类别", "客户数"] and named[1] == ["A", "2"]
    assert '<th class="l" style="text-align:left;font-weight:normal">A</th>' in \
        zh(frame.set_index("class"))._repr_html_()
    labelled = pd.DataFrame({"credit": [0.5]}, index=["权重"])
    assert _cells(zh(labelled)._repr_html_())[1] == ["权重", "0.5"]


def test_zh_html_aligns_text_left_and_numbers_right_and_ignores_mathjax():
    frame = pd.DataFrame({"sales_range": ["$19,000-$58,900"], "revenue": [58900.0],
                          "note": ["20.0%"]})
    shown = zh(frame)._repr_html_()
    assert '<td class="l" style="text-align:left">$19,000-$58,900</td>' in shown
    assert '<td class="r" style="text-align:right">58,900</td>' in shown
    # a number already formatted as text
    assert '<td class="r" style="text-align:right">20.0%</td>' in shown
    assert "mathjax_ignore" in shown


def test_zh_html_escapes_text():
    shown = zh(pd.DataFrame({"note": ["<b>x</b> & y"]}))._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in shown and "<b>x</b>" not in shown


def test_zh_result_is_still_a_dataframe_whose_operations_keep_the_format():
    shown = zh(pd.DataFrame({"customer": ["甲", "乙"], "agrees": [True, False]}))
    assert isinstance(shown, pd.DataFrame)
    assert "是" in shown.head(1)._repr_html_() and "True" not in shown.head(1)._repr_html_()
    assert "否" in shown.to_html(index=False)
    assert "True" in repr(shown)                   # the plain-text form stays pandas' own


def test_zh_series_shows_as_a_table():
    totals = pd.Series([0.25, 0.75], index=pd.Index(["A", "B"], name="class"), name="share")
    cells = _cells(zh(totals)._repr_html_())
    assert cells == [["类别", "占比"], ["A", "25.0%"], ["B", "75.0%"]]
