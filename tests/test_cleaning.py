"""crmlab/cleaning.py: dates, amounts, names and order numbers, cell by cell rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from crmlab.cleaning import (clean_names, clean_order_ids, on_or_after, parse_amounts, parse_dates,
                             parse_numbers)
from crmlab.name_scan import names_as_is


def cells(*values) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def ymd(values: pd.Series) -> list:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in values]


@pytest.mark.parametrize("cell", [
    "2021-03-05", "2021-3-5", "2021/3/5", "2021/03/05", "2021.3.5", "2021年3月5日", "20210305",
    "２０２１－０３－０５", " 2021-03-05 ", "2021-03-05 14:30", "2021-03-05T14:30:00",
    dt.date(2021, 3, 5), dt.datetime(2021, 3, 5, 23, 59), pd.Timestamp("2021-03-05"),
    44260, 44260.9, "44260", 20210305,
])
def test_every_date_form_gives_2021_03_05(cell):
    values, reasons, _ = parse_dates(cells(cell))
    assert ymd(values) == ["2021-03-05"] and reasons.isna().all()


@pytest.mark.parametrize("cell, reason", [
    ("2021-13-45", "日期无法识别：'2021-13-45'"), ("N/A", "日期无法识别：'N/A'"),
    ("05/03/2021", "日期无法识别：'05/03/2021'"), ("", "日期为空"), ("  ", "日期为空"),
    (None, "日期为空"), (np.nan, "日期为空"), (True, "日期无法识别：'True'"),
    (dt.datetime(1, 1, 1), "日期无法识别：'0001-01-01 00:00:00'"),
    (1, "日期 1899-12-31 早于 1990-01-01，不像一笔真实交易（多半是年份写错，或把别的数字当成了日期）"),
    ("1850-01-01", "日期 1850-01-01 早于 1990-01-01，不像一笔真实交易（多半是年份写错，或把别的数字当成了日期）"),
    ("1921-03-05", "日期 1921-03-05 早于 1990-01-01，不像一笔真实交易（多半是年份写错，或把别的数字当成了日期）"),
    (60, "Excel 序列号 60 是不存在的日期 1900-02-29（Excel 为兼容旧软件把 1900 年当成了闰年），不是一笔真实交易"),
    ("2101-01-01", "日期超出合理范围：2101-01-01"),
])
def test_bad_dates_have_reasons(cell, reason):
    values, reasons, _ = parse_dates(cells("2021-03-01", cell))
    assert ymd(values) == ["2021-03-01", None]
    assert reasons.tolist() == [None, reason]


def test_date_notes_count_what_was_converted():
    _, _, notes = parse_dates(cells("2021-03-01", "2021/3/2", 44260, dt.datetime(2021, 3, 1, 8)))
    assert notes == ["1 个日期带有时刻，只保留了日期",
                     "1 个日期是 Excel 序列号（如 44260），已换算成日期",
                     "1 个日期是其他写法的文字（如 '2021/3/2'），已转换成日期"]


@pytest.mark.parametrize("cell, expected", [
    (1200, 1200.0), (1200.5, 1200.5), ("1200", 1200.0), ("¥1,200.00", 1200.0), ("￥1,200", 1200.0),
    ("1200元", 1200.0), ("RMB 1200", 1200.0), ("１，２００", 1200.0), (" 1 200 ", 1200.0),
    ("1.2万", 12000.0), ("(100)", -100.0), ("-50", -50.0),
])
def test_amount_forms(cell, expected):
    values, reasons, _ = parse_amounts(cells(cell))
    assert values.tolist() == [expected] and reasons.isna().all()


@pytest.mark.parametrize("cell, reason", [
    ("面议", "金额不是数字：'面议'"), ("1.2.3", "金额不是数字：'1.2.3'"), ("", "金额为空"),
    (None, "金额为空"), (float("inf"), "金额不是数字：'inf'"), (0, "金额为 0，不算一次购买"),
    ("¥0.00", "金额为 0，不算一次购买"), (False, "金额不是数字：'False'"),
])
def test_bad_amounts_have_reasons(cell, reason):
    values, reasons, _ = parse_amounts(cells(5, cell))
    assert values.tolist()[0] == 5.0 and np.isnan(values.tolist()[1])
    assert reasons.tolist() == [None, reason]


def test_amount_notes_name_what_was_removed():
    _, _, notes = parse_amounts(cells("¥1,200", "300元", 5, -20))
    assert notes == ["2 个金额是文字，已去掉 ¥、元、千分位逗号 后读成数字",
                     "1 行金额为负数，按退货保留，会冲减该客户的消费金额"]


def test_parse_numbers_allows_zero_and_names_the_column():
    values, reasons, _ = parse_numbers(cells(0, "x"), "利润")
    assert values.tolist()[0] == 0.0 and reasons.tolist() == [None, "利润不是数字：'x'"]


def test_names_differing_in_spaces_are_one_customer():
    values, reasons, notes = clean_names(cells("张三", " 张三", "张三\u3000", "\u00a0张三", "李 四",
                                               "李  四", "ＡＢＣ", 1001.0, 1001))
    assert values.tolist() == ["张三"] * 4 + ["李 四", "李 四", "ABC", "1001", "1001"]
    assert reasons.isna().all()
    assert notes == ["5 个客户名去掉了多余的空格、不可见字符或全角字符",
                     "有 2 个客户的名字只差空格、不可见字符或全角字符（如 '张三' 和 ' 张三'），已当作同一客户",
                     "合并的写法：'张三' ← '张三'、' 张三'、'张三\\u3000'、'\\u00a0张三'；'李 四' ← '李 四'、'李  四'"]


def test_invisible_characters_do_not_split_a_customer():
    values, reasons, notes = clean_names(cells("王五", "王五\u200b", "\ufeff王五", "王\u2060五", "王五\u00ad"))
    assert values.tolist() == ["王五"] * 5 and reasons.isna().all()
    assert notes[-1] == "合并的写法：'王五' ← '王五'、'王五\\u200b'、'\\ufeff王五'、'王\\u2060五'、'王五\\u00ad'"


@pytest.mark.parametrize("cell, reason", [
    ("", "客户为空"), (None, "客户为空"), ("合计", "这是合计行（'合计'），不是一笔交易"),
    (" 总计 ", "这是合计行（'总计'），不是一笔交易"), ("TOTAL", "这是合计行（'TOTAL'），不是一笔交易"),
    ("合\u3000计", "这是合计行（'合\\u3000计'），不是一笔交易"), ("小  计", "这是合计行（'小  计'），不是一笔交易"),
    ("总计：", "这是合计行（'总计：'），不是一笔交易"), ("【合计】", "这是合计行（'【合计】'），不是一笔交易"),
    ("Grand Total", "这是合计行（'Grand Total'），不是一笔交易"),
    ("#N/A", "单元格是 Excel 错误值 #N/A（这个公式在 Excel 里算出了错误），不是客户"),
    ("#SPILL!", "单元格是 Excel 错误值 #SPILL!（这个公式在 Excel 里算出了错误），不是客户"),
])
def test_bad_customers(cell, reason):
    _, reasons, _ = clean_names(cells("甲", cell))
    assert reasons.tolist() == [None, reason]


def test_order_ids():
    values, reasons, _ = clean_order_ids(cells(1001.0, "A-7 ", "Ａ８", None))
    assert values.tolist()[:3] == ["1001", "A-7", "A8"] and reasons.tolist()[3] == "订单编号为空"


def test_on_or_after_today():
    dates = pd.Series(pd.to_datetime(["2021-03-31", "2021-04-01", "2021-04-02"]))
    assert on_or_after(dates, dt.date(2021, 4, 1)).tolist() == [False, True, True]
    assert on_or_after(dates, "2021-04-01 18:00").tolist() == [False, True, True]


@pytest.mark.parametrize("total", ["TOTAL", "ſum", "Grand Total:", "合　计"])
def test_totals_are_found_in_any_case_and_among_many_names(total):
    """The hint is first looked for in all names at once (lower-cased, after NFKC): capitals,
    the long s and a full-width space must still reach the closer look, alone among many names."""
    names = [f"C{i:05d}" for i in range(5000)] + [total]
    _, reasons, notes = clean_names(pd.Series(names, dtype=object))
    assert reasons[:5000].isna().all()
    assert reasons[5000].startswith("这是合计行")
    assert any("剔除了 1 个合计/小计行" in n for n in notes)


TRICKY_NAMES = ["", " ", "张三 ", " 张三", "张  三", "张\u3000三", "张三\u200b", "\ufeff张三", "Ａ公司", "ﬁsh",
                "a\tb", "#N/A", "#REF!", "#会员", "合计", "合　计", "Total", "SUM", "1.2E+18", "6.22202e18",
                "e5", "张\n三", "ſam", "Ⅻ", "x\u00ad", "\u0663e5", "Room 1E2", "x\x7f", "a\rb"]


def text_cells(values: list, storage: str) -> pd.Series:
    """Names as Python strings, or as Arrow text (as pandas' C parser gives them with pyarrow)."""
    if storage == "object":
        return pd.Series(values, dtype=object)
    pytest.importorskip("pyarrow")
    return pd.Series(pd.array(values, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))


@pytest.mark.parametrize("storage", ["object", "arrow"])
@pytest.mark.parametrize("plain", [["C0001", "张三", "Anna Lee", "李四-2", "王五(北京)"],
                                   ["C0001", "Anna Lee", "e-mail", "Room 12"]], ids=["mixed", "ascii"])
@pytest.mark.parametrize("tricky", TRICKY_NAMES)
def test_names_as_is_never_says_yes_when_clean_names_would_change_anything(tricky, plain, storage):
    """names_as_is answers for all names at once; whenever it says yes, clean_names must keep
    every name as it is, with no reason and no note (and it must say yes to plain names)."""
    assert names_as_is(text_cells(plain, storage))
    cells = text_cells(plain + [tricky], storage)
    values, reasons, notes = clean_names(cells.astype(object))
    kept = values.tolist() == cells.tolist() and reasons.isna().all() and not notes
    if names_as_is(cells):
        assert kept
    if not kept:
        assert not names_as_is(cells)


def arrow_names_cases() -> list[list[str]]:
    """Every ASCII character first, last, between letters, after a digit and doubled, among ids;
    totals words and scientific ids split across two names (no hit there); Chinese names, the
    totals hints among them, and characters just outside the range checked on Arrow's buffers."""
    cases = []
    for code in range(128):
        c = chr(code)
        cases += [["C001", name, "C002"] for name in (c + "x", "x" + c, "a" + c + "b", "1" + c, c + c + "z")]
    cases += [["Su", "m1"], ["Wang Su", "Ming"], ["TOT", "AL"], ["C1", "e2"], ["C1 ", "x"], ["a", " b"],
              ["tOtAl"], ["ToTaL 2"], ["Sum"], ["C12E4"], ["x  y"]]
    chinese = ["张三", "李四", "王五 2", "客户123", "Anna 李", "一", "\u9fef"]
    outside = ["\u4dff", "\u9ff0", "\u3400", "\uf900", "\u3000", "（", "é", "😀", "\u200b", "Ａ", "·"]
    for c in TRICKY_NAMES + outside + ["合计", "总計", "汇总", "金额", "彙", "计"]:
        cases += [chinese + [c], chinese + ["张" + c], [c + "三"] + chinese]
    cases += [chinese, [" 张三"] + chinese, ["张三 "], ["张  三"], ["#张三"], ["张三1e5"]]
    return cases


def test_names_on_arrow_buffers_answer_like_the_joined_text():
    """The numpy check on Arrow's buffers must give the joined-text check's answer, or hand over
    (None) for a character outside printable ASCII and the Chinese range; slices of 1 and 2
    names cut the columns."""
    pa = pytest.importorskip("pyarrow")
    from crmlab.name_scan import CJK_FIRST, CJK_LAST, arrow_names_as_is

    def in_range(ch):
        return " " <= ch <= "~" or CJK_FIRST <= ord(ch) <= CJK_LAST

    for names in arrow_names_cases():
        joined_answer = names_as_is(pd.Series(names, dtype=object))
        for kind in (pa.string(), pa.large_string()):
            arrow = pd.Series(pd.array(pa.chunked_array([pa.array(names, kind)]),
                                       dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
            for per_slice in (1, 2, 1000):
                answer = arrow_names_as_is(arrow, names_per_slice=per_slice)
                if answer is None:
                    assert not all(in_range(ch) for ch in "".join(names)), names
                else:
                    assert answer == joined_answer, (names, per_slice, str(kind))
                if not all(in_range(ch) or ch in "\x7f" or ch < " " for ch in "".join(names)):
                    assert answer is None, names  # (older Unicode tables may not know them)


def test_a_character_split_between_two_names_on_arrow_buffers_is_handed_over():
    """Arrow buffers where a name ends inside a character (not valid text, so never from a CSV):
    the byte check must not read the pieces as one character."""
    pa = pytest.importorskip("pyarrow")
    from crmlab.name_scan import arrow_names_as_is

    offsets = pa.py_buffer(np.array([0, 4, 9], dtype=np.int64).tobytes())  # 张 + 1 byte of 三
    names = pa.Array.from_buffers(pa.large_string(), 2, [None, offsets, pa.py_buffer("张三李".encode())])
    cells = pd.Series(pd.array(pa.chunked_array([names]), dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
    assert arrow_names_as_is(cells) is None


def test_every_chinese_character_checked_on_arrow_buffers_is_kept_as_it_is():
    """What makes the Chinese range safe to look at byte by byte: each of its characters is
    printable, unchanged by NFKC, never combining and has no case, so names made of them and of
    printable ASCII keep all of that. This Python's Unicode tables are asked, every character."""
    import unicodedata

    from crmlab.name_scan import CJK_FIRST, CJK_LAST

    for code in range(CJK_FIRST, CJK_LAST + 1):
        ch = chr(code)
        assert ch.isprintable() and unicodedata.is_normalized("NFKC", ch), hex(code)
        assert unicodedata.combining(ch) == 0 and ch.lower() == ch == ch.upper(), hex(code)


def test_names_as_is_reads_arrow_text_in_several_chunks():
    """pandas' C parser hands Arrow text over in chunks; the names are joined across them."""
    pa = pytest.importorskip("pyarrow")
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    chunks = pa.chunked_array([["C001", "张三"], ["李四"]])
    assert names_as_is(pd.Series(pd.array(chunks, dtype=text)))
    assert not names_as_is(pd.Series(pd.array(pa.chunked_array([["C001"], [" 李四"]]), dtype=text)))
    assert not names_as_is(pd.Series(pd.array(pa.chunked_array([["C001"], [None]]), dtype=text)))
    assert names_as_is(pd.Series(pd.array(pa.chunked_array([["C001"], ["C002", "C003"]]), dtype=text)))
    assert not names_as_is(pd.Series(pd.array(pa.chunked_array([["C001"], ["C002", "Total"]]), dtype=text)))
    sliced = pa.chunked_array([pa.array(["C1e5", "C001", "C002", "C003"]).slice(1)])  # an offset into its buffers
    assert names_as_is(pd.Series(pd.array(sliced, dtype=text)))


@pytest.mark.parametrize("amounts", [[12.5, 3.0], [12.5, -3.0], [12.5, 0.0], [12.5, np.nan], [12.5, np.inf],
                                     [12.5, 1e12], [12.5, 999_999_999_999.0], [1e-9], ["12.5", "3"]])
def test_amounts_as_is_says_yes_only_when_parse_amounts_keeps_every_amount(amounts):
    """A large CSV's amount column is not parsed when amounts_as_is says yes: parse_amounts
    must then keep every value, with no reason and no note (refunds, zeros, empty cells and
    overflows all have one)."""
    from crmlab.amounts import amounts_as_is

    column = pd.Series(amounts, dtype=object if isinstance(amounts[0], str) else float)
    values, reasons, notes = parse_amounts(column)
    kept = column.dtype == float and values.equals(column) and reasons.isna().all() and not notes
    assert amounts_as_is(column) == kept
    assert amounts_as_is(pd.Series([12.5, 3.0]))
