"""crmlab/report.py: counts, Chinese text and the notebook view."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.report import LoadReport, RejectedRow, load_report


def report(n_rejected: int) -> LoadReport:
    rejected = [RejectedRow(i + 2, "金额", "<x>", "金额不是数字：'<x>'") for i in range(n_rejected)]
    return LoadReport(source="a.xlsx", sheet="S", rows_read=30, rows_used=30 - n_rejected,
                      rejected=rejected, notes=["1 个金额去掉了 ¥"], columns={"amount": "金额"})


def test_counts_and_text():
    text = str(report(2))
    assert "读取报告：a.xlsx，工作表「S」" in text
    assert "读到 30 行，用上 28 行，剔除 2 行。" in text
    assert "第 3 行，列「金额」：金额不是数字" in text


def test_long_reject_lists_are_cut():
    text = str(report(25))
    assert text.count("第 ") == 20 and "还有 5 行" in text


def test_html_escapes_cells():
    html = report(1)._repr_html_()
    assert "&lt;x&gt;" in html and "<x>" not in html


def test_rejected_frame():
    frame = report(2).rejected_frame()
    assert list(frame.columns) == ["行", "列", "内容", "原因"] and frame["行"].tolist() == [2, 3]


def test_load_report_from_attrs_and_missing():
    frame = pd.DataFrame({"a": [1]})
    frame.attrs["load_report"] = report(0)
    assert load_report(frame).rows_used == 30
    with pytest.raises(CrmlabError):
        load_report(pd.DataFrame())


def test_report_survives_frame_operations_without_copying():
    frame = pd.DataFrame({"a": [1, 2]})
    frame.attrs["load_report"] = report(1)
    assert load_report(frame.head(1)) is frame.attrs["load_report"]
