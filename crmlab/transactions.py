"""Loading a transactions file (or DataFrame) into the clean frame every method uses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crmlab import cleaning, columns
from crmlab.amounts import amounts_as_is
from crmlab.cells import RECALCULATE_HINT, FatalReason
from crmlab.errors import CrmlabError
from crmlab.name_scan import names_as_is
from crmlab.progress import Stages, reporter
from crmlab.readers import RawSheet, Workbook
from crmlab.report import ROLE_LABELS, LoadReport, RejectedRow
from crmlab.sheet_body import SheetBody

# shares of the work in a large .xlsx load (measured on 100,000 rows), for the progress bar
LOAD_STAGES = {"检查文件": 1, "读取工作表": 8, "识别表头和列": 1, "清洗": 8, "核对": 1}

# a load fails as a whole when more than this share of its rows is rejected
MAX_REJECT_SHARE = 0.5

PARSERS = {
    "customer": cleaning.clean_names,
    "date": cleaning.parse_dates,
    "amount": cleaning.parse_amounts,
    "order_id": cleaning.clean_order_ids,
    "profit": lambda cells: cleaning.parse_numbers(cells, "利润"),
    "cost": lambda cells: cleaning.parse_numbers(cells, "成本"),
}
# a large CSV's column that its parser would keep as it is, with no reason and no note, is not
# parsed at all (checked on the whole column at once)
AS_IS = {"customer": names_as_is, "amount": amounts_as_is}


def load_transactions(source, *, sheet=None, customer=None, date=None, amount=None,
                      order_id=None, today=None, progress=None) -> pd.DataFrame:
    """Read transactions into ``customer`` (str), ``date`` (datetime64 midnight), ``amount`` (float).

    Also ``order_id`` (str), ``profit`` and ``cost`` (float) when the file has them. The
    :class:`~crmlab.report.LoadReport` is in ``frame.attrs["load_report"]`` (see
    :func:`crmlab.load_report`): rows read = rows used + rows rejected, each rejected row
    with its Excel row number and a Chinese reason, and notes of what was cleaned.

    ``source`` is a path to an .xlsx or .csv file (the real type is sniffed) or a DataFrame
    (row numbers are then counted as if the header were Excel row 1). Columns are found by
    their usual Chinese or English names (客户/客户名称/客户ID/会员ID, 日期/交易日期/订单日期,
    金额/消费金额/交易金额, 订单编号, 利润, 成本, ...) or named with ``customer=``, ``date=``,
    ``amount=``, ``order_id=``. Title rows above the header and blank rows are skipped.
    With several sheets and no ``sheet=``, the one sheet that has the three columns is used;
    if none or several do, the error lists the sheets.

    Rows are rejected one by one (bad date, amount not a number, amount 0, empty customer,
    totals row); negative amounts are kept as refunds. If more than half of the rows are
    rejected, or none is left, the load fails with the first problem's row and column.
    See :mod:`crmlab.cleaning` for the parsing rules.

    ``today``: if given, a transaction on or after today is an error naming its row (the
    rule itself is :func:`crmlab.cleaning.on_or_after`; ``rfm_table`` checks it too for
    frames that did not come through here).

    ``progress``: a large file (from 2 MB, about 80,000 rows) shows how far the load is, as a
    bar under the notebook cell or a line in the terminal; ``progress=False`` turns that off,
    ``True`` forces it, and a function ``progress(stage, fraction)`` gets every step
    (see :mod:`crmlab.progress`).

    >>> raw = pd.DataFrame({"客户名称": ["甲", " 甲", "乙"], "交易日期": ["2021/3/5", "2021-03-06", "N/A"],
    ...                     "金额": ["¥1,200", 300, 50]})
    >>> frame = load_transactions(raw)
    >>> frame
      customer       date  amount
    0        甲 2021-03-05  1200.0
    1        甲 2021-03-06   300.0
    >>> frame.attrs["load_report"].rows_rejected
    1
    """
    explicit = {"customer": customer, "date": date, "amount": amount, "order_id": order_id}
    stages = Stages(LOAD_STAGES, reporter(progress, _size_of(source)))
    try:
        raw, header, chosen = _pick_sheet(source, sheet, explicit, stages)
        frame, report, used_rows = _clean(raw, header, chosen, stages)
        if today is not None:
            _check_today(frame, report, raw, used_rows, today)
        stages.done()
    finally:
        stages.close()
    frame.attrs["load_report"] = report
    return frame


def _size_of(source) -> int:
    """Bytes of the file behind ``source`` (0 for a DataFrame or a missing file)."""
    try:
        return Path(source).stat().st_size if isinstance(source, (str, Path)) else 0
    except OSError:
        return 0


def _raw_from_frame(frame: pd.DataFrame) -> RawSheet:
    header = [str(c) for c in frame.columns]
    body = frame.astype(object).where(frame.notna(), "").values.tolist()
    return RawSheet([header] + body, None, None, [])


def _pick_sheet(source, sheet, explicit, stages: Stages):
    if isinstance(source, pd.DataFrame):
        raws = [_raw_from_frame(source)]
        names = [None]
    elif isinstance(source, (str, Path)):
        stages.enter("检查文件")
        with Workbook(source) as book:
            names = book.sheet_names if sheet is None or book.kind == "csv" else [sheet]
            raws = []
            for i, name in enumerate(names):
                stages.enter("读取工作表", f"读取工作表「{name}」" if name else "读取文件", i / len(names))
                raws.append(book.read(name))
    else:
        raise CrmlabError(f"不认识的数据来源（{type(source).__name__}）",
                          hint="请给出 .xlsx/.csv 文件的路径（字符串或 Path），或一个 DataFrame。")
    stages.enter("识别表头和列")
    candidates = []
    for raw in raws:
        header = columns.find_header(raw.rows, explicit)
        if header is not None:
            found = columns.match_roles(columns.header_cells(raw.rows, header), explicit)
            if all(role in found for role in columns.REQUIRED):
                candidates.append((raw, header))
    if len(raws) > 1:
        listed = "、".join(f"「{n}」" for n in names)
        if len(candidates) != 1:
            why = "没有一个" if not candidates else "有多个"
            raise CrmlabError(f"工作簿有 {len(raws)} 个工作表（{listed}），{why}工作表像交易记录",
                              hint=f"请用 sheet= 指明要读的工作表，例如 sheet=\"{names[0]}\"。",
                              file=raws[0].file)
        raw, header = candidates[0]
        raw.notes.append(f"工作簿有 {len(raws)} 个工作表，自动选用了「{raw.sheet}」"
                         "（唯一含客户、日期、金额三列的表）")
    else:
        raw = raws[0]
        header = candidates[0][1] if candidates else columns.find_header(raw.rows, explicit)
    if not any(any(str(c).strip() for c in row) for row in raw.rows):
        raise CrmlabError("工作表是空的，没有任何数据" if raw.sheet else "文件里没有任何数据",
                          hint="请确认选对了文件和工作表，并且数据已经保存进去。",
                          file=raw.file, sheet=raw.sheet)
    if header is None:  # nothing recognisable
        first = next(i for i, row in enumerate(raw.rows) if any(str(c).strip() for c in row))
        if raw.file is not None and not any(explicit.values()):
            raise CrmlabError(f"在前 {columns.HEADER_SCAN_ROWS} 个非空行里没有找到表头"
                              "（含有「客户」「日期」「金额」这类列名的一行）",
                              hint="第一个非空行是：" + columns.shown_cells(raw.rows[first])
                              + "。请确认选对了文件和工作表；如果表头的列名不同，请指明列名，例如 "
                              "命令行 --customer 买家 --date 时间 --amount 付款，或 Python 里 "
                              "load_transactions(..., customer=\"买家\", date=\"时间\", amount=\"付款\")。",
                              file=raw.file, sheet=raw.sheet)
        header = first
    chosen = columns.resolve_columns(columns.header_cells(raw.rows, header), explicit, file=raw.file, sheet=raw.sheet,
                                     header_row=header + 1 if raw.file else None)
    return raw, header, chosen


def _clean(raw: RawSheet, header: int, chosen: dict[str, int], stages: Stages):
    headers = [str(h).strip() for h in columns.header_cells(raw.rows, header)]
    numeric = {j for role, j in chosen.items() if role in ("amount", "profit", "cost")}
    body = SheetBody(raw, header, list(chosen.values()), numeric)
    excel_rows = body.excel_rows
    notes = list(raw.notes)
    if header > 0:
        notes.append(f"表头在第 {header + 1} 行，上面的 {header} 行（标题或空行）已跳过")
    if body.n_blank:
        notes.append(f"跳过了 {body.n_blank} 个空行")

    options = {"date": {"date1904": raw.date1904}, "amount": {"delimiter": raw.delimiter}}
    parsed = {}
    for i, (role, j) in enumerate(chosen.items()):
        stages.enter("清洗", f"清洗：{ROLE_LABELS[role]}", i / len(chosen))
        column, role_notes = body.parse(j, lambda cells: PARSERS[role](cells, **options.get(role, {})),
                                        lambda why, rows: _stop_on_fatal(why, rows, raw, headers[j]),
                                        as_is=AS_IS.get(role))
        if role == "order_id" and column.why.notna().all():
            notes.append(f"订单编号列「{headers[j]}」全是空的，已忽略")
            continue
        if role in ("profit", "cost"):
            column.why[column.why == f"{ROLE_LABELS[role]}为空"] = None
        parsed[role] = column
        notes += role_notes

    stages.enter("核对")
    rejected = []
    damaged = {i: why for i, why in raw.bad_rows.items()}  # keys: index into raw.rows
    bad = np.zeros(len(excel_rows), dtype=bool)
    for role in parsed:
        bad |= parsed[role].bad()
    whole_row = np.array([int(r) - 1 in damaged for r in excel_rows], dtype=bool) if damaged else None
    if whole_row is not None:
        bad |= whole_row
    for i in np.flatnonzero(bad):
        if whole_row is not None and whole_row[i]:
            rejected.append(RejectedRow(int(excel_rows[i]), "（整行）", "", damaged[int(excel_rows[i]) - 1]))
            continue
        role = next(r for r in parsed if isinstance(parsed[r].reason(i), str))
        cell = body.cell(i, chosen[role])
        rejected.append(RejectedRow(int(excel_rows[i]), headers[chosen[role]],
                                    str(cell).strip(), parsed[role].reason(i)))

    columns_used = {role: headers[chosen[role]] for role in parsed}
    report = LoadReport(source=raw.file, sheet=raw.sheet, rows_read=len(excel_rows),
                        rows_used=int((~bad).sum()), rejected=rejected, notes=notes,
                        columns=columns_used, header_row=header + 1)
    _check_rejects(report, raw)

    del body  # a large file's columns are no longer needed
    keep = ~bad
    types = {"customer": str, "date": "datetime64[ns]", "amount": float, "order_id": str}
    frame = pd.DataFrame(index=pd.RangeIndex(int(keep.sum())))
    for role in [c for c in ("customer", "date", "amount", "order_id", "profit", "cost") if c in parsed]:
        frame[role] = parsed.pop(role).kept(keep, types.get(role))  # one column at a time
    return frame, report, excel_rows if keep.all() else excel_rows[keep]


def _stop_on_fatal(why: pd.Series, excel_rows: pd.Index, raw: RawSheet, header: str) -> None:
    """A reason that means the whole column cannot be trusted stops the load at its first row."""
    given = why[why.notna()]  # most cells have no reason: only the others are looked at
    fatal = [i for i, reason in given.items() if isinstance(reason, FatalReason)]
    if fatal:
        first = min(fatal, key=lambda i: int(excel_rows[i]))
        more = f"（共 {len(fatal)} 个这样的单元格）" if len(fatal) > 1 else ""
        raise CrmlabError(why[first] + more, hint=why[first].hint, file=raw.file, sheet=raw.sheet,
                          row=int(excel_rows[first]), column=header)


def _check_rejects(report: LoadReport, raw: RawSheet) -> None:
    if report.rows_read == 0:
        raise CrmlabError("表头下面没有任何数据行",
                          hint="请确认交易记录在表头的下面，并且已经保存。",
                          file=raw.file, sheet=raw.sheet,
                          row=report.header_row if raw.file else None)
    if report.rows_used == 0 or report.rows_rejected > MAX_REJECT_SHARE * report.rows_read:
        first = report.rejected[0]
        hint = ("请检查这一列是不是选对了、格式是否统一（日期写成 2021-03-05，"
                "金额只写数字）；也可以用 date=、amount= 指明列名。")
        if "公式从未计算过" in first.reason:
            hint = RECALCULATE_HINT
        elif "Excel 错误值" in first.reason:
            hint = "请在 Excel 里找到这一列出错的公式（如 #N/A、#DIV/0!），改正后保存，再读取。"
        raise CrmlabError(f"{report.rows_read} 行里有 {report.rows_rejected} 行无法使用，"
                          f"第一处是：{first.reason}",
                          hint=hint,
                          file=raw.file, sheet=raw.sheet, row=first.row, column=first.column)


def _check_today(frame, report: LoadReport, raw: RawSheet, used_rows: pd.Index, today) -> None:
    cutoff = cleaning.parse_today(today)
    late = cleaning.on_or_after(frame["date"], cutoff)
    if late.any():
        first = int(late.to_numpy().nonzero()[0][0])
        raise CrmlabError(
            f"有 {int(late.sum())} 笔交易的日期在「今天」（{cutoff:%Y-%m-%d}）当天或之后，"
            f"第一笔是 {frame['date'].iloc[first]:%Y-%m-%d}",
            hint="“今天”必须晚于所有交易：请确认它设得对（命令行用 --today，Python 里用 today=），或删掉这些交易后再读取。",
            file=raw.file, sheet=raw.sheet, row=int(used_rows[first]),
            column=report.columns["date"])

