"""Every catalogue case in tests/bad_inputs.py behaves as a user expects."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from bad_inputs import CASES, Case
from crmlab.errors import CrmlabError
from crmlab.report import load_report
from crmlab.transactions import load_transactions

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_catalogue_is_large_enough():
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case(case: Case, tmp_path):
    path = tmp_path / case.filename
    try:
        case.build(path)
    except ImportError as exc:
        pytest.skip(f"fixture needs {exc.name}")
    if case.error:
        with pytest.raises(CrmlabError) as info:
            load_transactions(path, **case.kwargs)
        err = info.value
        assert case.error in err.problem, err.message
        assert err.file == case.filename
        for key, value in case.where.items():
            assert getattr(err, key) == value, (key, err.message)
        assert err.hint and CHINESE.search(err.hint), "every error says what to do, in Chinese"
        if "两列都像" in err.problem:  # the way out must not be the name that is ambiguous
            role = next(r for r in ("customer", "date", "amount") if f"--{r} " in err.hint)
            wanted = err.hint.split(f"--{role} ")[1].split("，")[0]
            try:
                load_transactions(path, **{**case.kwargs, role: wanted})
            except CrmlabError as again:
                assert "两列都像" not in again.problem, "the hint leads back to the same error"
        assert "Traceback" not in err.message
        return
    frame = load_transactions(path, **case.kwargs)
    report = load_report(frame)
    assert report.rows_read == report.rows_used + report.rows_rejected
    assert report.rows_used == len(frame) == case.used
    assert [(r.row, r.column) for r in report.rejected] == case.rejected
    notes = "\n".join(report.notes)
    for needle in case.notes:
        assert needle in notes, notes
    assert list(frame.columns[:3]) == ["customer", "date", "amount"]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert (frame["date"] == frame["date"].dt.normalize()).all()
    if case.check:
        assert case.check(frame) is not False


def _independent_count(path, sheet, header_row) -> int:
    """Non-blank rows below the header, counted without crmlab's readers.

    For a workbook: openpyxl in full mode (it parses every <row> and ignores <dimension>,
    unlike the read-only mode crmlab falls back to), formulas as their text. For CSV: the
    lines of the decoded text that hold more than delimiters and spaces.
    """
    if path.read_bytes()[:2] == b"PK":
        import openpyxl
        ws = openpyxl.load_workbook(path, data_only=False)[sheet or 0] if sheet else \
            openpyxl.load_workbook(path, data_only=False).worksheets[0]
        return sum(1 for row in ws.iter_rows(min_row=header_row + 1, values_only=True)
                   if any(v is not None and str(v).strip() for v in row))
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.replace(b"\x00", b"").decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    lines = text.splitlines()[header_row:]
    return sum(1 for line in lines if line.strip(" ,;\t\r\n\"'"))


LOADING = [c for c in CASES if not c.error]


@pytest.mark.parametrize("case", LOADING, ids=lambda c: c.name)
def test_rows_read_match_an_independent_count_of_the_sheet(case: Case, tmp_path):
    path = tmp_path / case.filename
    try:
        case.build(path)
    except ImportError as exc:
        pytest.skip(f"fixture needs {exc.name}")
    report = load_report(load_transactions(path, **case.kwargs))
    assert report.rows_read == _independent_count(path, report.sheet, report.header_row)


CSV_CASES = [c for c in CASES if c.filename.endswith((".csv", ".tsv"))]


@pytest.mark.parametrize("case", CSV_CASES, ids=lambda c: c.name)
def test_large_csv_path_gives_the_same_answer(case: Case, tmp_path, monkeypatch):
    """A large CSV is split by pandas into columns and parsed once per distinct cell: on every
    CSV of the catalogue that path gives the same frame, report or error as the small-file path."""
    path = tmp_path / case.filename
    case.build(path)

    def outcome():
        try:
            frame = load_transactions(path, **case.kwargs)
        except CrmlabError as err:
            return err.message
        report = load_report(frame)
        return frame, (report.rows_read, report.rows_used, report.rejected, report.notes)

    small = outcome()
    monkeypatch.setattr("crmlab.readers.COLUMNS_FROM_BYTES", 0)
    large = outcome()
    if isinstance(small, str):
        assert large == small
        return
    pd.testing.assert_frame_equal(large[0], small[0])
    assert large[1] == small[1]


def _large_path(monkeypatch, head_rows=3, head_bytes=None):
    """The large-file path on a small file: columns by pandas, a head of ``head_rows`` lines."""
    monkeypatch.setattr("crmlab.readers.COLUMNS_FROM_BYTES", 0)
    monkeypatch.setattr("crmlab.readers.HEAD_ROWS", head_rows)
    if head_bytes is not None:
        monkeypatch.setattr("crmlab.readers.HEAD_BYTES", head_bytes)


def test_large_csv_that_pandas_cannot_split_keeps_its_rows_and_row_numbers(tmp_path, monkeypatch):
    """A row with an extra cell below the head makes pandas give up; the csv-module fallback
    must then read the same rows with the same Excel row numbers (it used to read the header
    as a data row: one row too many, rejected as row 2)."""
    path = tmp_path / "extra.csv"
    path.write_text("客户,日期,金额\n甲,2021-03-01,10\n乙,2021-03-02,20\n丙,2021-03-03,30\n"
                    "丁,2021-03-04,40,备注\n戊,日期不明,50\n", encoding="utf-8")
    small = load_report(load_transactions(path))
    _large_path(monkeypatch)
    frame = load_transactions(path)
    report = load_report(frame)
    assert (report.rows_read, report.rows_used) == (small.rows_read, small.rows_used) == (5, 4)
    assert [r.row for r in report.rejected] == [r.row for r in small.rejected] == [6]
    assert frame["customer"].tolist() == ["甲", "乙", "丙", "丁"]


def test_large_csv_names_the_row_of_a_late_date_below_rejected_and_blank_rows(tmp_path, monkeypatch):
    """The rows kept are counted from the rows read: a transaction on or after today is named
    by its own Excel row, whatever was rejected or skipped above it."""
    path = tmp_path / "late.csv"
    path.write_text("客户,日期,金额\n甲,2021-03-01,10\n乙,不是日期,20\n\n丙,2021-03-03,0\n"
                    "丁,2021-04-01,40\n", encoding="utf-8")
    _large_path(monkeypatch)
    with pytest.raises(CrmlabError) as err:
        load_transactions(path, today="2021-04-01")
    assert err.value.row == 6 and "有 1 笔交易" in err.value.problem


def test_large_csv_with_a_nul_byte_far_below_the_head_loses_only_that_line(tmp_path, monkeypatch):
    """A large file is looked at through a memory map for NUL bytes; one anywhere sends it to
    the whole-file reading, where it costs its line."""
    path = tmp_path / "nul.csv"
    path.write_bytes("客户,日期,金额\n甲,2021-03-01,10\n乙,2021-03-02,20\n丙,2021-03-03,30\n"
                     "丁,2021-03-04,4\x000\n".encode("utf-8"))
    _large_path(monkeypatch, head_bytes=20)
    report = load_report(load_transactions(path))
    assert (report.rows_read, report.rows_used) == (4, 3)
    assert [r.row for r in report.rejected] == [5]


def test_large_csv_whose_later_lines_are_in_another_encoding_is_refused_with_the_line(tmp_path, monkeypatch):
    path = tmp_path / "mixed.csv"
    head = "客户,日期,金额\n甲,2021-03-01,10\n乙,2021-03-02,20\n".encode("utf-8")
    path.write_bytes(head + "丙,2021-03-03,30\n".encode("gbk"))
    _large_path(monkeypatch, head_bytes=len(head))
    with pytest.raises(CrmlabError) as err:
        load_transactions(path)
    assert "编码前后不一致" in err.value.message and "第 4 行" in err.value.message


def test_large_csv_with_an_english_header_over_gbk_names_is_read_as_gbk(tmp_path, monkeypatch):
    path = tmp_path / "gbk_later.csv"
    head = b"customer,date,amount\nA,2021-03-01,10\nB,2021-03-02,20\n"
    path.write_bytes(head + "丙,2021-03-03,30\n".encode("gbk"))
    _large_path(monkeypatch, head_bytes=len(head))
    frame = load_transactions(path)
    assert frame["customer"].tolist() == ["A", "B", "丙"]
    assert "文件编码是 GBK，已自动识别" in load_report(frame).notes


def test_large_csv_on_a_file_system_that_cannot_map_files_is_read_whole(tmp_path, monkeypatch):
    """The memory map is only a shortcut: where mapping fails the file is read as before."""
    import mmap
    from types import SimpleNamespace

    def refuse(*args, **kwargs):
        raise OSError("mmap not supported")

    path = tmp_path / "a.csv"
    path.write_text("客户,日期,金额\n甲,2021-03-01,10\n乙,2021-03-02,20\n丙,2021-03-03,30\n", encoding="utf-8")
    _large_path(monkeypatch)
    monkeypatch.setattr("crmlab.csv_text.mmap", SimpleNamespace(mmap=refuse, ACCESS_READ=mmap.ACCESS_READ))
    frame = load_transactions(path)
    assert frame["customer"].tolist() == ["甲", "乙", "丙"]
