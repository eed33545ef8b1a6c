"""Every catalogue case in tests/bad_inputs.py behaves as a user expects."""

from __future__ import annotations

import re

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
