"""The load report: how many rows were read, used and rejected, and what was cleaned.

:func:`crmlab.load_transactions` puts a :class:`LoadReport` in ``frame.attrs["load_report"]``;
:func:`load_report` gets it back. The invariant ``rows_read == rows_used + rows_rejected``
always holds: every data row below the header is either used or rejected with a reason
(blank rows are skipped, not read, and the notes say how many).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from crmlab.errors import CrmlabError

# how many rejected rows __str__ and the HTML view list before saying "还有 N 行"
SHOWN_REJECTS = 20

ROLE_LABELS = {"customer": "客户", "date": "日期", "amount": "金额", "order_id": "订单编号",
               "profit": "利润", "cost": "成本"}


@dataclass(frozen=True)
class RejectedRow:
    """One rejected row: its Excel row number, the column at fault, the cell text and why."""

    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        return f"第 {self.row} 行，列「{self.column}」：{self.reason}"


@dataclass(frozen=True)
class LoadReport:
    """What :func:`crmlab.load_transactions` did with each row of a file.

    ``rows_read`` counts the non-blank rows below the header; each is either used or listed
    in ``rejected`` (Excel row number, column, cell, Chinese reason). ``notes`` say in Chinese
    what was cleaned; ``columns`` maps each role (customer, date, amount, ...) to the header
    it was read from.

    >>> r = LoadReport(source="a.csv", sheet=None, rows_read=3, rows_used=2,
    ...                rejected=[RejectedRow(4, "日期", "N/A", "日期无法识别：'N/A'")],
    ...                notes=["1 个金额去掉了 ¥"], columns={"customer": "客户"})
    >>> r.rows_rejected
    1
    >>> print(r)
    读取报告：a.csv
    读到 3 行，用上 2 行，剔除 1 行。
    列对应：客户 ← 「客户」
    已清理：
      · 1 个金额去掉了 ¥
    剔除的行：
      · 第 4 行，列「日期」：日期无法识别：'N/A'
    """

    source: str | None
    sheet: str | None
    rows_read: int
    rows_used: int
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    header_row: int | None = None

    def __deepcopy__(self, memo):
        # pandas deep-copies attrs after every operation on the frame; a report describes one
        # finished load and is never changed, so sharing it is safe and keeps that copy free
        return self

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected)

    def rejected_frame(self):
        """The rejected rows as a DataFrame with Chinese headers 行, 列, 内容, 原因."""
        import pandas as pd
        return pd.DataFrame([(r.row, r.column, r.value, r.reason) for r in self.rejected],
                            columns=["行", "列", "内容", "原因"])

    def _title(self) -> str:
        where = self.source or "DataFrame"
        if self.sheet:
            where += f"，工作表「{self.sheet}」"
        return f"读取报告：{where}"

    def _counts(self) -> str:
        return (f"读到 {self.rows_read} 行，用上 {self.rows_used} 行，"
                f"剔除 {self.rows_rejected} 行。")

    def _column_text(self) -> str:
        return "；".join(f"{ROLE_LABELS.get(role, role)} ← 「{name}」"
                        for role, name in self.columns.items())

    def __str__(self) -> str:
        lines = [self._title(), self._counts()]
        if self.columns:
            lines.append("列对应：" + self._column_text())
        if self.notes:
            lines.append("已清理：")
            lines += [f"  · {note}" for note in self.notes]
        if self.rejected:
            lines.append("剔除的行：")
            lines += [f"  · {r.describe()}" for r in self.rejected[:SHOWN_REJECTS]]
            if self.rows_rejected > SHOWN_REJECTS:
                lines.append(f"  · 还有 {self.rows_rejected - SHOWN_REJECTS} 行，"
                             "用 report.rejected_frame() 查看全部")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [f"<div><b>{esc(self._title())}</b><br>{esc(self._counts())}"]
        if self.columns:
            parts.append(f"<br>列对应：{esc(self._column_text())}")
        if self.notes:
            parts.append("<br>已清理：<ul>" + "".join(f"<li>{esc(n)}</li>" for n in self.notes)
                         + "</ul>")
        if self.rejected:
            cell = '<td style="padding:2px 10px;text-align:left">'
            rows = "".join(f"<tr>{cell}{r.row}</td>{cell}{esc(r.column)}</td>"
                           f"{cell}{esc(r.value)}</td>{cell}{esc(r.reason)}</td></tr>"
                           for r in self.rejected[:SHOWN_REJECTS])
            head = "".join(f'<th style="padding:2px 10px;text-align:left">{h}</th>'
                           for h in ("行", "列", "内容", "原因"))
            parts.append(f"剔除的行：<table><tr>{head}</tr>{rows}</table>")
            if self.rows_rejected > SHOWN_REJECTS:
                parts.append(f"还有 {self.rows_rejected - SHOWN_REJECTS} 行，"
                             "用 report.rejected_frame() 查看全部")
        parts.append("</div>")
        return "".join(parts)


def load_report(frame) -> LoadReport:
    """The :class:`LoadReport` that :func:`crmlab.load_transactions` attached to ``frame``.

    >>> import pandas as pd
    >>> load_report(pd.DataFrame())
    Traceback (most recent call last):
    ...
    crmlab.errors.CrmlabError: 这个表格没有读取报告。请用 crmlab.load_transactions(...) 读取文件，报告会附在结果上。
    """
    report = getattr(frame, "attrs", {}).get("load_report")
    if not isinstance(report, LoadReport):
        raise CrmlabError("这个表格没有读取报告",
                          hint="请用 crmlab.load_transactions(...) 读取文件，报告会附在结果上。")
    return report
