"""Table 5-3 with live formulas: the layout, then the values a real spreadsheet engine computes.

The structure tests read the formulas with openpyxl. The recalculation tests open the files in
LibreOffice (headless), let it compute every formula, and compare with answers worked out by
hand and with crmlab.rfm on the bundled 旭东 data, also after a student changes the date or an
amount. They skip when soffice is missing (Debian: apt-get install libreoffice-calc-nogui).
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from spreadsheet_engine import SOFFICE, recalculate

from crmlab.datasets import load_xudong
from crmlab.errors import CrmlabError
from crmlab.formula_workbook import write_rfm_formula_workbook
from crmlab.rfm import RFM_RULES, rfm_segments, rfm_table

TODAY = "2021-04-01"
HEADERS = ["客户", "R（天）", "F（次）", "M（元）", "R等级", "F等级", "M等级", "客户等级", "策略"]
COLUMNS = ["customer", "R", "F", "M", "R_level", "F_level", "M_level", "segment", "strategy"]


def _tx(rows, orders=None):
    frame = pd.DataFrame(rows, columns=["customer", "date", "amount"])
    frame["date"] = pd.to_datetime(frame["date"])
    if orders is not None:
        frame["order_id"] = pd.Series(orders, dtype=object)
    return frame


# 甲: last 03-30 -> R 2, two purchases, 120 元; 乙: R 31, F 1, 50 元; 丙: R 7, F 1, 300 元.
# Means: R 40/3 = 13.33, F 4/3 = 1.33, M 470/3 = 156.67.
HAND = _tx([("甲", "2021-03-30", 100.0), ("乙", "2021-03-01", 50.0),
            ("甲", "2021-03-10", 20.0), ("丙", "2021-03-25", 300.0)])
HAND_EXPECTED = [  # sorted by customer as rfm_table sorts (丙 U+4E19 < 乙 U+4E59 < 甲 U+7532)
    ("丙", 7, 1, 300.0, "高", "低", "高", "重要发展客户"),
    ("乙", 31, 1, 50.0, "低", "低", "低", "一般挽留客户"),
    ("甲", 2, 2, 120.0, "高", "高", "低", "一般价值客户"),
]


@pytest.fixture
def hand_book(tmp_path):
    path = write_rfm_formula_workbook(HAND, tmp_path / "表5-3.xlsx", TODAY)
    return openpyxl.load_workbook(path)


# ------------------------------------------------------------------ structure (no engine needed)

def test_sheets_headers_and_customers_as_values(hand_book):
    assert hand_book.sheetnames == ["表5-3", "交易记录", "分级规则"]
    table = hand_book["表5-3"]
    assert [c.value for c in table[4]] == HEADERS
    assert [table.cell(r, 1).value for r in (5, 6, 7)] == ["丙", "乙", "甲"]
    assert table.max_row == 7
    assert table["B1"].value == dt.datetime(2021, 4, 1)
    assert table["B1"].number_format == "yyyy-mm-dd"


def test_rfm_levels_tier_and_strategy_are_formulas(hand_book):
    table = hand_book["表5-3"]
    row = {h: table.cell(5, j).value for j, h in enumerate(HEADERS, start=1)}
    assert row["R（天）"] == "=$B$1-_xlfn.MAXIFS('交易记录'!$B:$B,'交易记录'!$A:$A,$A5)"
    assert row["F（次）"] == "=COUNTIF('交易记录'!$A:$A,$A5)"
    assert row["M（元）"] == "=ROUND(SUMIF('交易记录'!$A:$A,$A5,'交易记录'!$C:$C),2)"
    assert row["R等级"] == '=IF(B5<=$B$2,"高","低")'
    assert row["F等级"] == '=IF(C5>=$C$2,"高","低")'
    assert row["M等级"] == '=IF(D5>=$D$2,"高","低")'
    assert row["客户等级"] == "=INDEX('分级规则'!$A$2:$A$9,MATCH(E5&F5&G5,'分级规则'!$F$2:$F$9,0))"
    assert row["策略"] == "=INDEX('分级规则'!$E$2:$E$9,MATCH(E5&F5&G5,'分级规则'!$F$2:$F$9,0))"
    assert [table[f"{c}2"].value for c in "BCD"] == ["=AVERAGE(B5:B7)", "=AVERAGE(C5:C7)",
                                                     "=AVERAGE(D5:D7)"]
    assert table["A2"].value == "阈值（平均值）"


def test_frozen_header_filter_formats_and_widths(hand_book):
    table = hand_book["表5-3"]
    assert table.freeze_panes == "A5"
    assert table.auto_filter.ref == "A4:I7"
    assert table["B5"].number_format == "0"
    assert table["D5"].number_format == "#,##0.00"
    assert table["E5"].number_format == "General"  # not "@": a re-typed formula must still compute
    assert table.column_dimensions["I"].width > table.column_dimensions["E"].width
    tx = hand_book["交易记录"]
    assert [c.value for c in tx[1]] == ["客户", "交易日期", "交易金额（元）"]
    assert tx.freeze_panes == "A2" and tx.auto_filter.ref == "A1:C5"
    assert tx["B2"].value == dt.datetime(2021, 3, 30) and tx["B2"].number_format == "yyyy-mm-dd"
    assert [tx.cell(r, 3).value for r in range(2, 6)] == [100.0, 50.0, 20.0, 300.0]


def test_rules_sheet_is_built_from_rfm_rules(hand_book):
    rules = hand_book["分级规则"]
    assert [c.value for c in rules[1]] == ["客户等级", "R等级", "F等级", "M等级", "策略", "等级组合（R&F&M）"]
    assert [rules.cell(r, 1).value for r in range(2, 10)] == list(RFM_RULES["segment"])
    assert rules["E2"].value == RFM_RULES["strategy"][0]
    assert rules["F2"].value == "=B2&C2&D2"


def test_median_and_hand_thresholds(tmp_path):
    median = openpyxl.load_workbook(
        write_rfm_formula_workbook(HAND, tmp_path / "m.xlsx", TODAY, threshold="median"))["表5-3"]
    assert median["A2"].value == "阈值（中位数）" and median["C2"].value == "=MEDIAN(C5:C7)"
    fixed = openpyxl.load_workbook(write_rfm_formula_workbook(
        HAND, tmp_path / "d.xlsx", TODAY, threshold={"R": 10, "F": 2, "M": 100}))["表5-3"]
    assert fixed["A2"].value == "阈值（自定义）"
    assert [fixed[f"{c}2"].value for c in "BCD"] == [10.0, 2.0, 100.0]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    tx = _tx([("=HYPERLINK(\"http://x\")", "2021-03-30", 10.0), ("@SUM(1)", "2021-03-02", 5.0),
              ("a*b", "2021-03-03", 1.0)])
    book = openpyxl.load_workbook(write_rfm_formula_workbook(tx, tmp_path / "x.xlsx", TODAY))
    table, sheet = book["表5-3"], book["交易记录"]
    cells = [table.cell(r, 1) for r in (5, 6, 7)] + [sheet.cell(r, 1) for r in (2, 3)]
    assert all(c.data_type == "s" for c in cells)
    assert {c.value for c in cells[:3]} == {"=HYPERLINK(\"http://x\")", "@SUM(1)", "a*b"}
    escaped = {table.cell(r, 1).value: table.cell(r, 3).value for r in (5, 6, 7)}
    # a leading = or a wildcard would change what COUNTIF matches, so those are escaped
    assert escaped["=HYPERLINK(\"http://x\")"].startswith("=COUNTIF('交易记录'!$A:$A,\"=\"&SUBSTITUTE(")
    assert escaped["a*b"].startswith("=COUNTIF('交易记录'!$A:$A,\"=\"&SUBSTITUTE(")
    assert escaped["@SUM(1)"] == "=COUNTIF('交易记录'!$A:$A,$A6)"  # @ means nothing to COUNTIF


def test_orders_counted_once_through_a_helper_column(tmp_path):
    tx = _tx([("甲", "2021-03-30", 100.0), ("甲", "2021-03-30", 20.0), ("乙", "2021-03-01", 5.0)],
             orders=["A1", "A1", None])
    book = openpyxl.load_workbook(write_rfm_formula_workbook(tx, tmp_path / "o.xlsx", TODAY))
    sheet = book["交易记录"]
    assert [c.value for c in sheet[1]][3:] == ["订单编号", "计入F（同一订单只算一次）"]
    assert sheet["E3"].value == '=IF(D3="",1,IF(COUNTIFS($A$2:$A3,A3,$D$2:$D3,D3)=1,1,0))'
    assert sheet["E4"].value == "=1"  # no order number: a purchase of its own
    assert book["表5-3"]["C5"].value == "=SUMIF('交易记录'!$A:$A,$A5,'交易记录'!$E:$E)"


def test_time_of_day_and_time_zone_are_dropped_from_dates(tmp_path):
    tx = HAND.assign(date=HAND["date"].dt.tz_localize("Asia/Shanghai") + pd.Timedelta(hours=15))
    sheet = openpyxl.load_workbook(write_rfm_formula_workbook(tx, tmp_path / "t.xlsx", TODAY))["交易记录"]
    assert sheet["B2"].value == dt.datetime(2021, 3, 30)  # 15:00 in Shanghai -> that day


def test_user_errors_are_chinese_crmlab_errors(tmp_path):
    with pytest.raises(CrmlabError, match="当天或之后"):
        write_rfm_formula_workbook(HAND, tmp_path / "a.xlsx", "2021-03-30")
    with pytest.raises(CrmlabError, match="大小写"):
        write_rfm_formula_workbook(_tx([("abc", "2021-03-01", 1.0), ("ABC", "2021-03-02", 2.0)]),
                                   tmp_path / "b.xlsx", TODAY)
    with pytest.raises(CrmlabError, match="阈值方式无法识别"):
        write_rfm_formula_workbook(HAND, tmp_path / "c.xlsx", TODAY, threshold="max")
    source = tmp_path / "交易记录.xlsx"
    source.write_bytes(b"original")
    with pytest.raises(CrmlabError, match="覆盖原始数据"):
        write_rfm_formula_workbook(HAND, source, TODAY, input_path=source)
    assert source.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["交易记录.xlsx"]  # nothing half-written


def test_cli_rfm_out_xlsx_formulas_writes_the_formula_workbook(tmp_path, capsys):
    from crmlab.cli import main

    out = tmp_path / "结果.xlsx"
    assert main(["rfm", "--out", str(out), "--formulas", "--threshold", "median"]) == 0
    table = openpyxl.load_workbook(out)["表5-3"]
    assert table["B1"].value == dt.datetime(2021, 4, 1)  # 旭东's "today"
    assert table["B5"].value.startswith("=$B$1-_xlfn.MAXIFS(")
    assert table["C2"].value == "=MEDIAN(C5:C34)"  # 30 customers in rows 5..34
    assert "已写出" in capsys.readouterr().out


def test_cli_formulas_without_an_xlsx_out_is_refused(tmp_path, capsys):
    from crmlab.cli import main

    assert main(["rfm", "--formulas"]) == 2
    assert main(["rfm", "--out", str(tmp_path / "r.csv"), "--formulas"]) == 2
    err = capsys.readouterr().err
    assert err.count("--formulas 只能和 .xlsx 输出一起用") == 2
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ recalculated by LibreOffice

# card / member numbers of 18-19 digits; the 19-digit ones share their first 15 digits, as do the
# order numbers, so Excel's COUNTIF/SUMIF/MAXIFS (which compare such text as numbers, to 15
# significant digits) would merge them.
LONG_IDS = _tx([("6222021234567890123", "2021-03-30", 100.0), ("6222021234567890124", "2021-03-01", 50.0),
                ("6222021234567890123", "2021-03-10", 20.0), ("622202123456789012", "2021-03-25", 300.0),
                ("622202123456789013", "2021-03-20", 7.0), ("6222021234567890125", "2021-03-05", 1.0)],
               orders=["9000000000000000001", "9000000000000000002", "9000000000000000003",
                       "9000000000000000004", None, "9000000000000000001"])


def test_long_numeric_ids_get_criteria_that_compare_text_exactly(tmp_path):
    book = openpyxl.load_workbook(write_rfm_formula_workbook(LONG_IDS, tmp_path / "长编号.xlsx", TODAY))
    table, tx = book["表5-3"], book["交易记录"]
    for r in range(5, 5 + 5):
        formulas = " ".join(str(table.cell(r, c).value) for c in (2, 3, 4))
        assert "COUNTIF" not in formulas and "SUMIF" not in formulas and "MAXIFS" not in formulas
        assert f"('交易记录'!$A$2:$A$7=$A{r})" in formulas
    assert table["C5"].value == "=SUMPRODUCT(('交易记录'!$A$2:$A$7=$A5)*'交易记录'!$E$2:$E$7)"
    assert table["B5"].value == "=$B$1-SUMPRODUCT(MAX(('交易记录'!$A$2:$A$7=$A5)*'交易记录'!$B$2:$B$7))"
    assert "COUNTIFS" not in str(tx["E3"].value) and "SUMPRODUCT(($A$2:$A3=A3)*($D$2:$D3=D3))" in tx["E3"].value


needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="没有 soffice（apt-get install libreoffice-calc-nogui），跳过 LibreOffice 重算测试")

XUDONG_CHANGED_DATE = "2021-04-15"
CHANGED_ROW = 0  # the first transaction (Excel row 2 of 交易记录) gets 5,000 元 more


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Write every variant, edit two as a student would, recalculate all in one soffice run."""
    folder = tmp_path_factory.mktemp("formula-books")
    xudong = load_xudong()
    books = {
        "hand": write_rfm_formula_workbook(HAND, folder / "hand.xlsx", TODAY),
        "orders": write_rfm_formula_workbook(
            _tx([("甲", "2021-03-30", 100.0), ("甲", "2021-03-30", 20.0), ("甲", "2021-03-12", 7.5),
                 ("乙", "2021-03-01", 5.0), ("乙", "2021-03-02", 6.0)],
                orders=["A1", "A1", "A2", None, None]),
            folder / "orders.xlsx", TODAY),
        "names": write_rfm_formula_workbook(
            _tx([("=cmd", "2021-03-31", 1.0), ("a*b", "2021-03-30", 2.0), ("ab", "2021-03-29", 4.0),
                 ("<5", "2021-03-28", 8.0), ("12", "2021-03-27", 16.0), ("0012", "2021-03-26", 32.0),
                 ("a?", "2021-03-25", 64.0), ("a~", "2021-03-24", 128.0), ("-5", "2021-03-23", 256.0),
                 ("+x", "2021-03-22", 512.0), ("@1", "2021-03-21", 1024.0)]),
            folder / "names.xlsx", TODAY),
        "xudong": write_rfm_formula_workbook(xudong, folder / "xudong.xlsx", TODAY),
        "long_ids": write_rfm_formula_workbook(LONG_IDS, folder / "long_ids.xlsx", TODAY),
        "xudong_median": write_rfm_formula_workbook(xudong, folder / "xudong_median.xlsx", TODAY,
                                                    threshold="median"),
    }
    for name, edit in (("xudong_date", _edit_date), ("xudong_amount", _edit_amount)):
        path = write_rfm_formula_workbook(xudong, folder / f"{name}.xlsx", TODAY)
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(path)
        books[name] = path
    outputs = recalculate(list(books.values()), folder / "recalculated")
    return dict(zip(books, outputs))


def _edit_date(book):
    book["表5-3"]["B1"].value = dt.datetime.fromisoformat(XUDONG_CHANGED_DATE)


def _edit_amount(book):
    cell = book["交易记录"].cell(row=CHANGED_ROW + 2, column=3)
    cell.value = cell.value + 5000


def _read_table(path) -> tuple[pd.DataFrame, dict]:
    sheet = openpyxl.load_workbook(path, data_only=True)["表5-3"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_col=9)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.astype({"R": "int64", "F": "int64", "M": "float64"})
    cuts = {m: sheet[f"{c}2"].value for m, c in zip("RFM", "BCD")}
    return frame, cuts


def _assert_same_as_crmlab(path, transactions, today, threshold="mean"):
    shown, cuts = _read_table(path)
    expected = rfm_segments(rfm_table(transactions, today), threshold)
    pd.testing.assert_frame_equal(shown, expected[COLUMNS].reset_index(drop=True), check_dtype=False)
    assert cuts == pytest.approx(expected.attrs["thresholds"], rel=1e-12)
    return shown, expected


@needs_soffice
def test_hand_example_recalculates_to_the_hand_worked_answers(recalculated):
    shown, cuts = _read_table(recalculated["hand"])
    assert [tuple(r) for r in shown[COLUMNS[:8]].itertuples(index=False)] == HAND_EXPECTED
    assert cuts == pytest.approx({"R": 40 / 3, "F": 4 / 3, "M": 470 / 3})
    assert list(shown["strategy"]) == [RFM_RULES.set_index("segment").loc[s, "strategy"]
                                       for s in ("重要发展客户", "一般挽留客户", "一般价值客户")]


@needs_soffice
def test_orders_count_once_and_missing_order_numbers_count_each(recalculated):
    shown, _ = _read_table(recalculated["orders"])
    # 甲: orders A1 (two rows) and A2 -> F 2, M 127.5; 乙: two rows without a number -> F 2
    assert shown[["customer", "F", "M"]].values.tolist() == [["乙", 2, 11.0], ["甲", 2, 127.5]]


@needs_soffice
def test_names_that_look_like_criteria_or_wildcards_match_only_themselves(recalculated):
    shown, _ = _read_table(recalculated["names"])
    by_name = dict(zip(shown["customer"], zip(shown["F"], shown["M"])))
    assert by_name == {"=cmd": (1, 1.0), "a*b": (1, 2.0), "ab": (1, 4.0), "<5": (1, 8.0),
                       "12": (1, 16.0), "0012": (1, 32.0), "a?": (1, 64.0), "a~": (1, 128.0),
                       "-5": (1, 256.0), "+x": (1, 512.0), "@1": (1, 1024.0)}


@needs_soffice
def test_long_numeric_ids_recalculate_to_crmlab(recalculated):
    # LibreOffice compares numeric-looking text as text even in COUNTIF, so it agreed with crmlab
    # on the old formulas too; Excel's 15-digit behaviour is checked by the formula-text test.
    shown, _ = _assert_same_as_crmlab(recalculated["long_ids"], LONG_IDS, TODAY)
    by_id = dict(zip(shown["customer"], zip(shown["F"], shown["M"])))
    assert by_id["6222021234567890123"] == (2, 120.0) and by_id["6222021234567890125"] == (1, 1.0)


@needs_soffice
def test_xudong_formulas_equal_crmlab(recalculated):
    shown, _ = _assert_same_as_crmlab(recalculated["xudong"], load_xudong(), TODAY)
    assert len(shown) == 30 and shown["segment"].nunique() > 4


@needs_soffice
def test_xudong_median_formulas_equal_crmlab(recalculated):
    _assert_same_as_crmlab(recalculated["xudong_median"], load_xudong(), TODAY, "median")


@needs_soffice
def test_changing_the_date_cell_moves_every_r_by_the_same_days(recalculated):
    before, _ = _read_table(recalculated["xudong"])
    after, _ = _assert_same_as_crmlab(recalculated["xudong_date"], load_xudong(), XUDONG_CHANGED_DATE)
    assert list(after["R"] - before["R"]) == [14] * len(before)  # 2021-04-01 -> 04-15
    assert after["F"].equals(before["F"]) and after["M"].equals(before["M"])


@needs_soffice
def test_changing_an_amount_changes_that_customer_and_the_threshold(recalculated):
    changed = load_xudong()
    changed.loc[CHANGED_ROW, "amount"] += 5000
    customer = changed.loc[CHANGED_ROW, "customer"]
    before, cuts_before = _read_table(recalculated["xudong"])
    after, expected = _assert_same_as_crmlab(recalculated["xudong_amount"], changed, TODAY)
    diff = (after.set_index("customer")["M"] - before.set_index("customer")["M"]).round(2)
    assert diff[customer] == 5000 and (diff.drop(customer) == 0).all()
    _, cuts_after = _read_table(recalculated["xudong_amount"])
    assert cuts_after["M"] == pytest.approx(cuts_before["M"] + 5000 / 30)
