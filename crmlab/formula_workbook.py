"""Table 5-3 with live Excel formulas: the course's spreadsheet method, ready to recalculate.

:func:`write_rfm_formula_workbook` writes three sheets. 「交易记录」 holds the transactions as
values; 「表5-3」 lists every customer once (values) and computes R, F, M with MAXIFS / COUNTIF /
SUMIF against a cell holding "today", the thresholds with AVERAGE (or MEDIAN), the 高/低 levels
with IF and the tier and strategy with INDEX/MATCH over 「分级规则」 (built from
:data:`crmlab.rfm.RFM_RULES`). A student who edits the date or a transaction sees Excel (or
LibreOffice, WPS) recompute everything; tests/test_formula_workbook.py recalculates the file in
LibreOffice and checks it against :func:`crmlab.rfm_segments`.

Layout, headers, number formats and widths come from :mod:`crmlab.excel`; cells are written and
the file is saved atomically through :mod:`crmlab.safe_write` (text never becomes a formula).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.excel import RFM_SHEET_COLUMNS, Column, write_sheet
from crmlab.rfm import RFM_RULES, check_rules, parse_today, rfm_segments, rfm_table
from crmlab.safe_write import save_workbook, set_cell
from crmlab.textwidth import display_width

TABLE_SHEET = "表5-3"
TRANSACTIONS_SHEET = "交易记录"
RULES_SHEET = "分级规则"
HEADER_ROW = 4  # rows 1-2 hold "today" and the thresholds, row 3 a note
EXCEL_MAX_ROWS = 1_048_576

TRANSACTION_COLUMNS = (
    Column("customer", "客户", "@"),
    Column("date", "交易日期", "yyyy-mm-dd"),
    Column("amount", "交易金额（元）", "#,##0.00"),
)
ORDER_COLUMN = Column("order_id", "订单编号", "@")
COUNTED_HEADER = "计入F（同一订单只算一次）"
RULE_COLUMNS = (
    Column("segment", "客户等级", "@"),
    Column("R_level", "R等级", "@", "center"),
    Column("F_level", "F等级", "@", "center"),
    Column("M_level", "M等级", "@", "center"),
    Column("strategy", "策略", "@"),
)
THRESHOLD_LABELS = {"mean": "阈值（平均值）", "median": "阈值（中位数）"}
THRESHOLD_FUNCTIONS = {"mean": "AVERAGE", "median": "MEDIAN"}
_CRITERION_SPECIAL = ("*", "?", "~")


def criterion(cell: str, value: str) -> str:
    """The COUNTIF/SUMIF criterion that matches ``value`` (held in ``cell``) exactly.

    Plain text is its own criterion (``A5``), as students write it. Text that COUNTIF would
    read as a comparison (starting with = < >) or a wildcard (* ? ~) is escaped in the formula.

    >>> criterion("A5", "张三")
    'A5'
    >>> criterion("A5", "<VIP>")
    '"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(A5,"~","~~"),"*","~*"),"?","~?")'
    """
    if not value.startswith(("=", "<", ">")) and not any(c in value for c in _CRITERION_SPECIAL):
        return cell
    escaped = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell},"~","~~"),"*","~*"),"?","~?")'
    return f'"="&{escaped}'


_NUMBER_LIKE = re.compile(r"[\s+\-]*[\d.,:/%$¥￥年月日eE\s+\-]*\d[\d.,:/%$¥￥年月日eE\s+\-]*|(?i:true|false)")


def needs_exact_match(value: str) -> bool:
    """True when COUNTIF/SUMIF/MAXIFS would read ``value`` as a number, date or TRUE/FALSE.

    Excel then compares numbers, to 15 significant digits: card or member numbers of 16+
    digits that share their first 15 digits become one customer, and "0012" matches "12".
    Such values get criteria that compare text exactly (:func:`exact_formulas`).

    >>> needs_exact_match("6222021234567890123"), needs_exact_match("0012"), needs_exact_match("张三")
    (True, True, False)
    >>> needs_exact_match("C1001"), needs_exact_match("2021-03-05")
    (False, True)
    """
    return bool(_NUMBER_LIKE.fullmatch(value))


def exact_formulas(row: int, last: int, has_orders: bool) -> dict[str, str]:
    """R, F, M for the customer in ``$A{row}`` with text compared exactly (``range=cell``).

    SUMPRODUCT over the bounded rows 2..``last`` of 「交易记录」 instead of a criterion, so
    Excel never turns the id into a number.

    >>> exact_formulas(5, 9, False)["C"]
    "=SUMPRODUCT(--('交易记录'!$A$2:$A$9=$A5))"
    """
    def col(letter):
        return f"'{TRANSACTIONS_SHEET}'!${letter}$2:${letter}${last}"
    same = f"({col('A')}=$A{row})"
    counted = f"=SUMPRODUCT({same}*{col('E')})" if has_orders else f"=SUMPRODUCT(--{same})"
    return {"B": f"=$B$1-SUMPRODUCT(MAX({same}*{col('B')}))",
            "C": counted,
            "D": f"=ROUND(SUMPRODUCT({same}*{col('C')}),2)"}


def _sheet_ref(sheet: str, column: str) -> str:
    return f"'{sheet}'!${column}:${column}"


def _check_excel_can_tell_apart(tx: pd.DataFrame, has_orders: bool) -> None:
    """Excel's COUNTIF/SUMIF ignore upper/lower case: 'abc' and 'ABC' would be merged."""
    names = tx["customer"].drop_duplicates()
    clash = names[names.str.casefold().duplicated(keep=False)]
    if len(clash):
        shown = "、".join(sorted(clash)[:4])
        raise CrmlabError(f"有只差大小写的客户名称：{shown}；Excel 的 COUNTIF/SUMIF 不分大小写，会把它们算成同一位客户",
                          hint="请先把这些客户名称统一写法，再导出公式版工作簿。")
    if has_orders:
        pairs = tx.dropna(subset=["order_id"])[["customer", "order_id"]]
        pairs = pairs.astype(str).drop_duplicates()
        folded = pairs.assign(order_id=pairs["order_id"].str.casefold())
        if folded.duplicated().any():
            row = pairs[folded.duplicated(keep=False)].iloc[0]
            raise CrmlabError(f"客户「{row['customer']}」有只差大小写的订单编号（如 {row['order_id']}）；"
                              "Excel 不分大小写，会把它们算成同一笔订单",
                              hint="请先把订单编号统一写法，再导出公式版工作簿。")


def _thresholds_row(threshold, cut: dict, first: int, last: int):
    """(label, {column letter: formula or number}) for row 2 of Table 5-3."""
    if isinstance(threshold, dict):  # given by hand: numbers (already checked by rfm_segments)
        return "阈值（自定义）", {"B": cut["R"], "C": cut["F"], "D": cut["M"]}
    fn = THRESHOLD_FUNCTIONS[threshold]
    return THRESHOLD_LABELS[threshold], {c: f"={fn}({c}{first}:{c}{last})" for c in "BCD"}


def _write_transactions(sheet, tx: pd.DataFrame, has_orders: bool) -> None:
    columns = TRANSACTION_COLUMNS + ((ORDER_COLUMN,) if has_orders else ())
    write_sheet(sheet, tx, columns)
    if not has_orders:
        return
    from openpyxl.styles import Alignment, Font, PatternFill

    # E: 1 on the first row of each (customer, order) pair, so F counts distinct orders;
    # a row without an order number counts as a purchase of its own (as crmlab.rfm_table does).
    header = sheet.cell(row=1, column=5)
    set_cell(header, COUNTED_HEADER)
    header.font, header.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header.alignment = Alignment(horizontal="center")
    for i, (customer, order) in enumerate(zip(tx["customer"], tx["order_id"]), start=2):
        if pd.isna(order):
            formula = "=1"
        elif needs_exact_match(customer) or needs_exact_match(str(order)):
            same = f"SUMPRODUCT(($A$2:$A{i}=A{i})*($D$2:$D{i}=D{i}))"
            formula = f'=IF(D{i}="",1,IF({same}=1,1,0))'
        else:
            same = (f"COUNTIFS($A$2:$A{i},{criterion(f'A{i}', customer)},"
                    f"$D$2:$D{i},{criterion(f'D{i}', str(order))})")
            formula = f'=IF(D{i}="",1,IF({same}=1,1,0))'
        cell = sheet.cell(row=i, column=5, value=formula)
        cell.number_format = "0"
        cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["E"].width = display_width(COUNTED_HEADER) + 2
    sheet.auto_filter.ref = f"A1:E{len(tx) + 1}"


def _write_rules(sheet, rules: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    write_sheet(sheet, rules, RULE_COLUMNS)
    header = sheet.cell(row=1, column=6)
    set_cell(header, "等级组合（R&F&M）")
    header.font, header.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header.alignment = Alignment(horizontal="center")
    for i in range(2, len(rules) + 2):
        cell = sheet.cell(row=i, column=6, value=f"=B{i}&C{i}&D{i}")
        cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["F"].width = display_width("等级组合（R&F&M）") + 2
    sheet.auto_filter.ref = f"A1:F{len(rules) + 1}"


def _write_table(sheet, segmented: pd.DataFrame, today: pd.Timestamp, threshold,
                 has_orders: bool, n_rules: int, n_transactions: int) -> None:
    from openpyxl.styles import Alignment, Font

    # Values first (headers, formats, widths, filter, frozen rows from crmlab.excel), then every
    # computed column is replaced by its formula; only the customer list stays a value.
    columns = [col if col.source == "customer" or col.number_format != "@" else
               replace(col, number_format="General") for col in RFM_SHEET_COLUMNS]
    write_sheet(sheet, segmented, columns, first_row=HEADER_ROW)
    first, last = HEADER_ROW + 1, HEADER_ROW + len(segmented)
    customers_col, dates_col, amounts_col, counted_col = (
        _sheet_ref(TRANSACTIONS_SHEET, letter) for letter in "ABCE")
    rule = f"'{RULES_SHEET}'!$%s$2:$%s${n_rules + 1}"
    for i, customer in enumerate(segmented["customer"], start=first):
        crit = criterion(f"$A{i}", customer)
        f_formula = (f"=SUMIF({customers_col},{crit},{counted_col})" if has_orders
                     else f"=COUNTIF({customers_col},{crit})")
        formulas = {
            "B": f"=$B$1-_xlfn.MAXIFS({dates_col},{customers_col},{crit})",
            "C": f_formula,
            "D": f"=ROUND(SUMIF({customers_col},{crit},{amounts_col}),2)",
            "E": f'=IF(B{i}<=$B$2,"高","低")',
            "F": f'=IF(C{i}>=$C$2,"高","低")',
            "G": f'=IF(D{i}>=$D$2,"高","低")',
            "H": f"=INDEX({rule % ('A', 'A')},MATCH(E{i}&F{i}&G{i},{rule % ('F', 'F')},0))",
            "I": f"=INDEX({rule % ('E', 'E')},MATCH(E{i}&F{i}&G{i},{rule % ('F', 'F')},0))",
        }
        if needs_exact_match(customer):
            formulas.update(exact_formulas(i, n_transactions + 1, has_orders))
        for letter, formula in formulas.items():
            sheet[f"{letter}{i}"].value = formula  # a formula on purpose: not through set_cell

    bold = Font(bold=True)
    set_cell(sheet["A1"], "今天（R 数到这一天）")
    set_cell(sheet["B1"], today)
    sheet["B1"].number_format = "yyyy-mm-dd"
    label, cuts = _thresholds_row(threshold, segmented.attrs["thresholds"], first, last)
    set_cell(sheet["A2"], label)
    for letter, value in cuts.items():
        sheet[f"{letter}2"].value = value
        sheet[f"{letter}2"].number_format = "0.00"
    set_cell(sheet["C1"], "改这个日期或「交易记录」，整张表自动重算（R 用 MAXIFS：Excel 2019 及以上或 LibreOffice）")
    set_cell(sheet["A3"], "R ≤ 阈值为“高”（最近买过）；F、M ≥ 阈值为“高”")
    for ref in ("A3", "C1"):
        sheet[ref].font = Font(italic=True, color="666666")
    for ref in ("A1", "A2"):
        sheet[ref].font = bold
    sheet["B1"].alignment = Alignment(horizontal="left")
    needed = max(display_width(label), display_width("今天（R 数到这一天）")) + 2
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width, needed)
    sheet.column_dimensions["B"].width = max(sheet.column_dimensions["B"].width, 12)


def write_rfm_formula_workbook(transactions: pd.DataFrame, path, today, threshold="mean", *,
                               rules: pd.DataFrame | None = None, input_path=None):
    """Clean transactions (customer, date, amount, optional order_id) -> Table 5-3 with formulas.

    Sheets: 「表5-3」 (one row per customer, sorted as :func:`crmlab.rfm_table` sorts them:
    客户 as a value; R（天）, F（次）, M（元）, R等级, F等级, M等级, 客户等级, 策略 as formulas;
    today's date in B1, the thresholds in B2:D2), 「交易记录」 (the transactions as values; with
    ``order_id`` a helper column so F counts distinct orders) and 「分级规则」 (``rules``, default
    :data:`crmlab.rfm.RFM_RULES`). ``threshold`` is "mean", "median" or a dict as in
    :func:`crmlab.rfm_segments`. The file is written atomically; ``input_path`` is never
    overwritten. The same checks as :func:`crmlab.rfm_table` apply (e.g. every purchase must
    be before ``today``). Returns the path written.

    >>> import tempfile, pathlib, openpyxl
    >>> tx = pd.DataFrame({"customer": ["甲", "乙", "甲"],
    ...                    "date": pd.to_datetime(["2021-03-30", "2021-03-01", "2021-03-10"]),
    ...                    "amount": [100.0, 50.0, 20.0]})
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "表5-3.xlsx"
    >>> sheet = openpyxl.load_workbook(write_rfm_formula_workbook(tx, out, "2021-04-01"))["表5-3"]
    >>> [sheet.cell(5, c).value for c in (1, 3)], sheet["C2"].value
    (['乙', "=COUNTIF('交易记录'!$A:$A,$A5)"], '=AVERAGE(C5:C6)')
    """
    from openpyxl import Workbook

    today = parse_today(today)
    rfm = rfm_table(transactions, today)  # the same checks, and the customers in the same order
    rules = check_rules(RFM_RULES if rules is None else rules)
    # rfm_segments validates the threshold; its values only size the columns (then replaced).
    segmented = rfm_segments(rfm, threshold, rules)
    if len(transactions) + 1 > EXCEL_MAX_ROWS:
        raise CrmlabError(f"交易记录有 {len(transactions)} 行，超过了 Excel 一个工作表的上限（1,048,575 行数据）",
                          hint="请只导出一部分交易，或改用 crmlab rfm 直接计算（不带 --formulas）。")
    has_orders = "order_id" in transactions.columns
    keep = ["customer", "date", "amount"] + (["order_id"] if has_orders else [])
    tx = transactions[keep].copy()
    dates = pd.to_datetime(tx["date"])
    if dates.dt.tz is not None:  # Excel dates have no time zone (rfm_table drops it the same way)
        dates = dates.dt.tz_localize(None)
    tx["date"] = dates.dt.normalize()
    tx["customer"] = tx["customer"].astype(str)
    if has_orders:
        tx["order_id"] = tx["order_id"].astype(object).where(tx["order_id"].notna(), None)
    _check_excel_can_tell_apart(tx, has_orders)

    workbook = Workbook()
    table = workbook.active
    table.title = TABLE_SHEET
    _write_transactions(workbook.create_sheet(TRANSACTIONS_SHEET), tx, has_orders)
    _write_rules(workbook.create_sheet(RULES_SHEET), rules)
    _write_table(table, segmented, today, threshold, has_orders, len(rules), len(tx))
    return save_workbook(workbook, path, input_path=input_path)
