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
