"""The Table 5-3 workbook: every customer's R, F, M, 高/低 levels, tier and strategy, for Excel users.

:func:`write_rfm_workbook` writes the values computed by :mod:`crmlab.rfm` (nothing is
recomputed here) as a readable sheet: Chinese headers, frozen header row, autofilter, number
formats and column widths, plus a small sheet with the thresholds and the tier counts. Cells
are written through :mod:`crmlab.safe_write` (text never becomes a formula; atomic save; the
input file is never overwritten).

The sheet layout is data (:data:`RFM_SHEET_COLUMNS`), so a variant (e.g. one with live
formulas) can reuse the header, format and width handling in :func:`write_sheet`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.rfm import tier_summary
from crmlab.safe_write import save_workbook, set_cell
from crmlab.textwidth import display_width


@dataclass(frozen=True)
class Column:
    """One sheet column: the frame column it shows, its Chinese header, an Excel number format
    and, optionally, a horizontal alignment ("center" for the short 高/低 cells)."""

    source: str
    header: str
    number_format: str = "General"
    horizontal: str | None = None


RFM_SHEET_COLUMNS = (
    Column("customer", "客户", "@"),
    Column("R", "R（天）", "0"),
    Column("F", "F（次）", "0"),
    Column("M", "M（元）", "#,##0.00"),
    Column("R_level", "R等级", "@", "center"),
    Column("F_level", "F等级", "@", "center"),
    Column("M_level", "M等级", "@", "center"),
    Column("segment", "客户等级", "@"),
    Column("strategy", "策略", "@"),
)

SUMMARY_COLUMNS = (
    Column("segment", "客户等级", "@"),
    Column("customers", "客户数", "0"),
    Column("customer_share", "客户占比", "0.0%"),
    Column("M_total", "消费金额合计（元）", "#,##0.00"),
    Column("M_share", "金额占比", "0.0%"),
)

RFM_SHEET_NAME = "RFM客户分级"
SUMMARY_SHEET_NAME = "分级汇总"
MAX_WIDTH = 60


def write_sheet(sheet, frame: pd.DataFrame, columns, *, first_row: int = 1) -> None:
    """Write ``frame`` into an openpyxl ``sheet`` under Chinese headers, with formats and widths.

    The header goes in ``first_row``; the header row is frozen and gets an autofilter.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for j, col in enumerate(columns, start=1):
        cell = sheet.cell(row=first_row, column=j)
        set_cell(cell, col.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
    for i, values in enumerate(frame[[c.source for c in columns]].itertuples(index=False),
                               start=first_row + 1):
        for j, (col, value) in enumerate(zip(columns, values), start=1):
            cell = sheet.cell(row=i, column=j)
            set_cell(cell, value)
            cell.number_format = col.number_format
            if col.horizontal:
                cell.alignment = Alignment(horizontal=col.horizontal)
    for j, col in enumerate(columns, start=1):
        shown = [_shown(v, col.number_format) for v in frame[col.source]]
        width = max([display_width(col.header)] + [display_width(s) for s in shown])
        sheet.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, width + 2)
    last = f"{get_column_letter(len(columns))}{first_row + len(frame)}"
    sheet.auto_filter.ref = f"A{first_row}:{last}"
    sheet.freeze_panes = f"A{first_row + 1}"


def _shown(value, number_format: str) -> str:
    """Roughly how Excel shows ``value`` (only used to size the column)."""
    if isinstance(value, float) and "%" in number_format:
        return f"{value:.1%}"
    if isinstance(value, float) and "," in number_format:
        return f"{value:,.2f}"
    return str(value)


def write_rfm_workbook(segmented: pd.DataFrame, path, *, input_path=None, summary: bool = True):
    """Write the output of :func:`crmlab.rfm_segments` to ``path`` (.xlsx) as Table 5-3.

    Sheet 「RFM客户分级」: 客户, R（天）, F（次）, M（元）, R等级, F等级, M等级, 客户等级, 策略,
    one row per customer. With ``summary=True`` a second sheet 「分级汇总」 lists the thresholds
    used (``segmented.attrs["thresholds"]``), the date R counts to (``attrs["today"]``) and
    :func:`crmlab.tier_summary`. Returns the path written.
    """
    from openpyxl import Workbook

    missing = [c.source for c in RFM_SHEET_COLUMNS if c.source not in segmented.columns]
    if missing:
        raise CrmlabError(f"要导出的表缺少列：{', '.join(missing)}",
                          hint="请传入 crmlab.rfm_segments(...) 的结果。")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = RFM_SHEET_NAME
    write_sheet(sheet, segmented, RFM_SHEET_COLUMNS)
    if summary:
        _write_summary(workbook.create_sheet(SUMMARY_SHEET_NAME), segmented)
    return save_workbook(workbook, path, input_path=input_path)


def write_table_workbook(frame: pd.DataFrame, path, columns, *, sheet_name: str = "Sheet1",
                         input_path=None):
    """Write ``frame`` as a one-sheet workbook laid out by ``columns`` (a list of :class:`Column`)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    write_sheet(sheet, frame, columns)
    return save_workbook(workbook, path, input_path=input_path)


def _write_summary(sheet, segmented: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    notes = []
    today = segmented.attrs.get("today")
    if today is not None:
        notes.append(("R 计算到的“今天”", pd.Timestamp(today).strftime("%Y-%m-%d")))
    cut = segmented.attrs.get("thresholds")
    if cut:
        notes += [("R 阈值（≤ 为高）", round(cut["R"], 2)), ("F 阈值（≥ 为高）", round(cut["F"], 2)),
                  ("M 阈值（≥ 为高）", round(cut["M"], 2))]
    for i, (label, value) in enumerate(notes, start=1):
        set_cell(sheet.cell(row=i, column=1), label)
        sheet.cell(row=i, column=1).font = Font(bold=True)
        set_cell(sheet.cell(row=i, column=2), value)
    first_row = len(notes) + 2 if notes else 1
    write_sheet(sheet, tier_summary(segmented), SUMMARY_COLUMNS, first_row=first_row)
    label_width = max([display_width(label) + 2 for label, _ in notes], default=0)
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width, label_width)
