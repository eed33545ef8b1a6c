"""crmlab/readers.py: sniffing, decoding, CSV splitting, sheets, row numbering, fallback."""

from __future__ import annotations

import sys

import pytest

from bad_inputs import write_xlsx
from crmlab.errors import CrmlabError
from crmlab.readers import Workbook, check_zip, decode_text, parse_csv


def test_xlsx_rows_are_numbered_like_excel(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"交易": [["标题"], [], ["客户", "日期", "金额"], ["甲", 1, 2]]})
    with Workbook(path) as book:
        assert book.kind == "xlsx" and book.sheet_names == ["交易"]
        raw = book.read("交易")
    assert raw.rows[0][0] == "标题"           # Excel row 1
    assert raw.rows[2] == ["客户", "日期", "金额"]  # Excel row 3
    assert raw.rows[3][0] == "甲" and raw.rows[3][1] == 1
    assert raw.file == "a.xlsx" and raw.sheet == "交易"


def test_openpyxl_fallback_gives_the_same_cells(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [["客户", "金额"], [None, 5], ["乙", "x"]]})
    with Workbook(path) as book:
        fast = book.read("S").rows
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import now fails
    with Workbook(path) as book:
        assert book._calamine is None
        slow = book.read("S").rows
    assert fast == slow == [["客户", "金额"], ["", 5], ["乙", "x"]]


def test_openpyxl_fallback_reads_rows_beyond_a_wrong_declared_dimension(tmp_path, monkeypatch):
    from bad_inputs import HEADER, raw_xlsx
    path = tmp_path / "a.xlsx"
    raw_xlsx([HEADER] + [["甲", 44260 + i, 10 + i] for i in range(143)], "A1:C2")(path)
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # the fallback path
    with Workbook(path) as book:
        rows = book.read("Sheet1").rows
    assert len(rows) == 144 and rows[143] == ["甲", 44260 + 142, 152]


def test_a_reader_that_misses_rows_is_refused(tmp_path, monkeypatch):
    from bad_inputs import HEADER, raw_xlsx
    path = tmp_path / "a.xlsx"
    raw_xlsx([HEADER] + [["甲", 44260 + i, 10 + i] for i in range(20)])(path)
    with Workbook(path) as book:
        monkeypatch.setattr(book, "_calamine", None)
        monkeypatch.setattr(book, "_open_openpyxl", lambda: None)
        book._openpyxl = type("Short", (), {"__getitem__": lambda self, name: type(
            "WS", (), {"reset_dimensions": lambda s: None,
                       "iter_rows": lambda s, values_only: iter([tuple(HEADER)])})()})()
        with pytest.raises(CrmlabError) as info:
            book.read("Sheet1")
    assert "有数据到第 21 行，但只读到了 1 行" in info.value.problem


def test_missing_sheet_lists_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"一月": [["a"]], "二月": [["b"]]})
    with Workbook(path) as book, pytest.raises(CrmlabError) as info:
        book.read("三月")
    assert "「一月」、「二月」" in info.value.hint and info.value.file == "a.xlsx"


def test_csv_with_xlsx_name_is_read_as_csv(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_text("客户,金额\n甲,5\n", encoding="utf-8")
    with Workbook(path) as book:
        raw = book.read(None)
    assert book.kind == "csv" and raw.rows == [["客户", "金额"], ["甲", "5"]]
    assert "其实是 CSV" in raw.notes[0]


@pytest.mark.parametrize("encoding, label", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"),
                                             ("gbk", "gb18030"), ("utf-16", "utf-16")])
def test_decode_text(encoding, label):
    assert decode_text("客户，张三".encode(encoding), "a.csv") == ("客户，张三", label)


@pytest.mark.parametrize("data", [b"\x00\x01\x02abc", bytes([7, 8, 11, 12, 14, 15] * 20)])
def test_binary_is_not_text(data):
    with pytest.raises(CrmlabError, match="既不是"):
        decode_text(data, "a.csv")


def test_parse_csv_keeps_blank_lines_so_row_numbers_match():
    rows = parse_csv("a\tb\n\n1\t2\n", "a.csv")
    assert rows == [["a", "b"], [], ["1", "2"]]


def test_parse_csv_semicolons_and_quoted_commas():
    assert parse_csv('a;b\n"1,5";2\n', "a.csv") == [["a", "b"], ["1,5", "2"]]


def test_zip_without_a_workbook_is_refused(tmp_path):
    import zipfile
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "x")
    with pytest.raises(CrmlabError, match="不是 Excel 工作簿"):
        check_zip(path, "a.zip")


def test_missing_file_names_nearby_files(tmp_path):
    (tmp_path / "交易记录.xlsx").write_bytes(b"x")
    with pytest.raises(CrmlabError) as info:
        Workbook(tmp_path / "交易.xlsx")
    assert "找不到文件" in info.value.problem and "交易记录.xlsx" in info.value.hint


def test_directory_is_refused(tmp_path):
    with pytest.raises(CrmlabError, match="文件夹"):
        Workbook(tmp_path)


def test_a_sheet_too_large_to_read_is_refused_before_parsing(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [["客户", "日期", "金额"]] + [["甲", 44260, 5]] * 50})
    monkeypatch.setattr("crmlab.readers.MAX_SHEET_BYTES", 1000)  # the real limit is 400 MB
    with pytest.raises(CrmlabError) as info:
        Workbook(path)
    assert "超过了 crmlab 能读的" in info.value.problem and "CSV" in info.value.hint
