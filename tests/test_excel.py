"""Tests for crmlab/excel.py: the Table 5-3 workbook (values)."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from crmlab.errors import CrmlabError
from crmlab.excel import write_rfm_workbook
from crmlab.rfm import rfm_segments

# R 1, 3, 8 (mean 4); F 1, 3, 5 (mean 3); M 10, 30, 50 (mean 30)
RFM = pd.DataFrame({"customer": ["a", "=cmd", "c"], "R": [1, 3, 8], "F": [1, 3, 5],
                    "M": [10.0, 30.0, 1234.5]})


@pytest.fixture
def workbook(tmp_path):
    seg = rfm_segments(RFM)
    seg.attrs["today"] = pd.Timestamp("2021-04-01")
    path = write_rfm_workbook(seg, tmp_path / "表5-3.xlsx")
    return path, load_workbook(path)


def test_headers_values_and_layout(workbook):
    _, wb = workbook
    sheet = wb["RFM客户分级"]
    assert [c.value for c in sheet[1]] == ["客户", "R（天）", "F（次）", "M（元）", "R等级", "F等级",
                                           "M等级", "客户等级", "策略"]
    # M mean = (10 + 30 + 1234.5) / 3 = 424.83 -> only c is 高; R mean 4; F mean 3
    assert [c.value for c in sheet[2]][:8] == ["a", 1, 1, 10.0, "高", "低", "低", "一般发展客户"]
    assert [c.value for c in sheet[3]][:8] == ["=cmd", 3, 3, 30.0, "高", "高", "低", "一般价值客户"]
    assert [c.value for c in sheet[4]][:8] == ["c", 8, 5, 1234.5, "低", "高", "高", "重要保持客户"]
    assert sheet.max_row == 4
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I4"
    assert sheet["D2"].number_format == "#,##0.00"
    assert sheet["B2"].number_format == "0"
    assert sheet["E2"].alignment.horizontal == "center"  # 高/低 centred, away from the numbers
    # the strategy column is wider than the one-character level columns
    assert sheet.column_dimensions["I"].width > sheet.column_dimensions["E"].width >= 7


def test_text_that_looks_like_a_formula_stays_text(workbook):
    path, wb = workbook
    assert wb["RFM客户分级"]["A3"].data_type == "s"
    with zipfile.ZipFile(path) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_summary_sheet(workbook):
    _, wb = workbook
    sheet = wb["分级汇总"]
    assert sheet["A1"].value.startswith("R 计算到") and sheet["B1"].value == "2021-04-01"
    assert sheet["B2"].value == 4.0 and sheet["B3"].value == 3.0
    header_row = 6
    assert [c.value for c in sheet[header_row]] == ["客户等级", "客户数", "客户占比",
                                                    "消费金额合计（元）", "金额占比"]
    rows = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(7, 15)}
    assert len(rows) == 8 and sum(rows.values()) == 3 and rows["重要保持客户"] == 1


def test_missing_columns_and_input_path(tmp_path):
    with pytest.raises(CrmlabError, match="segment"):
        write_rfm_workbook(RFM, tmp_path / "x.xlsx")
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"original")
    with pytest.raises(CrmlabError, match="覆盖"):
        write_rfm_workbook(rfm_segments(RFM), source, input_path=source)
    assert source.read_bytes() == b"original"
