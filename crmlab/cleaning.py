"""Parsing dates, amounts, names and order numbers from raw cells, and collecting the rejects.

Each ``parse_*`` function takes a pandas Series of raw cells (object dtype: str, float, int,
date, datetime, "" for empty) and returns ``(values, reasons, notes)``: the parsed Series,
a Series with a Chinese reason where a cell could not be used (``None`` where it could),
and Chinese notes on what was cleaned. Parsing is vectorised (one ``pd.to_datetime`` per
format, string methods for amounts); only type sorting touches each cell.

Rules the loader applies (documented once, here):

* dates: Excel date cells, Excel serial numbers (e.g. 44260 = 2021-03-05), and text as
  ``2021-03-05``, ``2021/3/5``, ``2021.3.5``, ``2021年3月5日``, ``20210305``; a time of day
  is dropped (dates are midnight). Years outside 1900-2100 are rejected. Day-first or
  month-first text such as ``05/03/2021`` is rejected rather than guessed.
* amounts: numbers, or text with ¥/￥, 元, RMB, thousands commas, spaces, full-width digits,
  ``1.2万``, or accountants' ``(100)`` for -100. Zero amounts are rejected (not a purchase);
  negative amounts are kept as refunds (退货), so they reduce the customer's M.
* names: full-width characters become half-width, runs of spaces (also full-width and
  non-breaking) become one, surrounding spaces go, so ``"　张三 "`` and ``"张三"`` are one
  customer. A customer cell reading 合计/总计/小计 marks a totals row and is rejected.
"""

from __future__ import annotations

import datetime as _dt
import numbers

import numpy as np
import pandas as pd

from crmlab.errors import CrmlabError

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
SERIAL_MIN, SERIAL_MAX = 1, 73051          # 1900-01-01 .. 2099-12-31 as Excel serials
YEAR_MIN, YEAR_MAX = 1900, 2100
TOTAL_WORDS = {"合计", "总计", "小计", "总额", "total", "sum"}
TIME_SUFFIX = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"


def _kinds(cells: pd.Series) -> pd.Series:
    """Sort each cell into 'empty', 'number', 'date', 'text' or 'other'.

    A column of one type (the usual case) is sorted in one vectorised step.

    >>> _kinds(pd.Series(["a", " ", None, 3, True], dtype=object)).tolist()
    ['text', 'empty', 'empty', 'number', 'other']
    """
    inferred = pd.api.types.infer_dtype(cells, skipna=True)
    present = cells.notna()
    if inferred == "string":
        blank = ~present | (cells.where(present, "").astype(str).str.strip() == "")
        return pd.Series(np.where(blank, "empty", "text"), index=cells.index, dtype=object)
    if inferred in ("floating", "integer", "mixed-integer-float", "date", "datetime", "datetime64"):
        kind = "date" if inferred.startswith("date") else "number"
        return pd.Series(np.where(present, kind, "empty"), index=cells.index, dtype=object)
    return cells.map(_kind_of)


def _kind_of(value) -> str:
    if value is None or value is pd.NaT:
        return "empty"
    if isinstance(value, str):
        return "text" if value.strip() else "empty"
    if isinstance(value, (bool, np.bool_)):
        return "other"
    if isinstance(value, numbers.Number):
        return "empty" if value != value else "number"   # NaN is empty
    if isinstance(value, (_dt.datetime, _dt.date, np.datetime64)):
        return "date"
    return "other"


def _on_uniques(values: pd.Series, func) -> pd.Series:
    """``func`` applied to the distinct values only (names and dates repeat a lot)."""
    codes, uniques = pd.factorize(values)
    done = func(pd.Series(uniques, dtype=object)).to_numpy()
    return pd.Series(done[codes], index=values.index)


def _tidy(reasons: pd.Series) -> pd.Series:
    """Reasons as str or None (pandas may have stored NaN for the unset ones)."""
    return pd.Series([r if isinstance(r, str) else None for r in reasons], index=reasons.index,
                     dtype=object)


def _show(value) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "..."


def _nfkc(text: pd.Series) -> pd.Series:
    return text.str.normalize("NFKC").str.strip()


def parse_dates(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Dates at midnight (datetime64[ns]), reasons for the cells that are not dates, notes.

    >>> import datetime as dt
    >>> cells = pd.Series([dt.date(2021, 3, 5), 44260, "2021/3/5", "2021年3月5日", "2021-13-45", ""])
    >>> values, reasons, notes = parse_dates(cells)
    >>> values.dt.strftime("%Y-%m-%d").tolist()[:4]
    ['2021-03-05', '2021-03-05', '2021-03-05', '2021-03-05']
    >>> reasons.tolist()[4:]
    ["日期无法识别：'2021-13-45'", '日期为空']
    """
    kinds = _kinds(cells)
    values = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    notes: list[str] = []

    is_date = kinds == "date"
    if is_date.any():
        try:
            parsed = pd.to_datetime(cells[is_date], errors="coerce")
        except (ValueError, TypeError, OverflowError):
            parsed = pd.to_datetime(cells[is_date].map(_as_timestamp), errors="coerce")
        parsed = parsed.where((parsed.dt.year >= YEAR_MIN) & (parsed.dt.year <= YEAR_MAX))
        values[is_date] = parsed.astype("datetime64[ns]")
        with_time = int((parsed.notna() & (parsed != parsed.dt.normalize())).sum())
        if with_time:
            notes.append(f"{with_time} 个日期带有时刻，只保留了日期")

    is_number = kinds == "number"
    if is_number.any():
        serial = pd.to_numeric(cells[is_number], errors="coerce").astype(float)
        ok = (serial >= SERIAL_MIN) & (serial < SERIAL_MAX)
        ymd = (serial == np.floor(serial)) & (serial >= 19000101) & (serial <= 21001231)
        values[is_number & ok.reindex(cells.index, fill_value=False)] = pd.to_datetime(
            np.floor(serial[ok]), unit="D", origin="1899-12-30")
        if ymd.any():
            values[ymd[ymd].index] = pd.to_datetime(
                serial[ymd].astype("int64").astype(str), format="%Y%m%d", errors="coerce")
        n = int(ok.sum())
        if n:
            example = serial[ok].iloc[0]
            notes.append(f"{n} 个日期是 Excel 序列号（如 {example:g}），已换算成日期")

    is_text = kinds == "text"
    if is_text.any():
        text = _on_uniques(cells[is_text].astype(str), _nfkc)
        has_time = text.str.contains(TIME_SUFFIX, regex=True)
        text = text.str.replace(TIME_SUFFIX, "", regex=True).str.strip()
        parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        for fmt in DATE_FORMATS:
            todo = parsed.isna()
            if not todo.any():
                break
            parsed[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        digits = parsed.isna() & text.str.fullmatch(r"\d{8}")
        if digits.any():
            parsed[digits] = pd.to_datetime(text[digits], format="%Y%m%d", errors="coerce")
        serial_text = parsed.isna() & text.str.fullmatch(r"\d{1,5}(?:\.\d+)?")
        if serial_text.any():
            serial = text[serial_text].astype(float)
            serial = serial[(serial >= SERIAL_MIN) & (serial < SERIAL_MAX)]
            parsed[serial.index] = pd.to_datetime(np.floor(serial), unit="D", origin="1899-12-30")
        values[is_text] = parsed
        iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & (text == cells[is_text].astype(str))
        other = parsed.notna() & ~iso
        if other.any():  # plain 2021-03-05 text (every CSV date) is not worth a note
            example = cells[is_text][other].iloc[0]
            notes.append(f"{int(other.sum())} 个日期是其他写法的文字（如 '{_show(example)}'），"
                         "已转换成日期")
        n_time = int((has_time & parsed.notna()).sum())
        if n_time:
            notes.append(f"{n_time} 个文字日期带有时刻，只保留了日期")

    values = values.dt.normalize()
    out_of_range = values.notna() & ((values.dt.year < YEAR_MIN) | (values.dt.year > YEAR_MAX))
    reasons = pd.Series(None, index=cells.index, dtype=object)
    bad = values.isna() & (kinds != "empty")
    reasons[bad] = [f"日期无法识别：'{_show(v)}'" for v in cells[bad]]
    reasons[out_of_range] = [f"日期超出合理范围：{v:%Y-%m-%d}" for v in values[out_of_range]]
    reasons[kinds == "empty"] = "日期为空"
    return values.where(reasons.isna()), _tidy(reasons), notes


def _as_timestamp(value):
    try:
        return pd.Timestamp(value)
    except (ValueError, OverflowError, TypeError):
        return pd.NaT


def parse_numbers(cells: pd.Series, what: str) -> tuple[pd.Series, pd.Series, list[str]]:
    """Floats from numbers or money text; reasons name ``what`` (e.g. "金额") for the bad cells.

    >>> cells = pd.Series(["¥1,200.00", "1200元", "１２００", 3, "abc"])
    >>> values, reasons, notes = parse_numbers(cells, "金额")
    >>> values.tolist()[:4]
    [1200.0, 1200.0, 1200.0, 3.0]
    >>> reasons.tolist()[4]
    "金额不是数字：'abc'"
    >>> notes
    ['3 个金额是文字，已去掉 ¥、元、千分位逗号、全角数字 后读成数字']
    """
    kinds = _kinds(cells)
    values = pd.Series(np.nan, index=cells.index, dtype=float)
    notes: list[str] = []
    is_number = kinds == "number"
    if is_number.any():
        values[is_number] = pd.to_numeric(cells[is_number], errors="coerce").astype(float)
    is_text = kinds == "text"
    if is_text.any():
        raw = cells[is_text].astype(str)
        text = _nfkc(raw)
        removed = []
        for label, pattern in (("¥", r"[¥$]"), ("元", r"元"), ("RMB", r"(?i)rmb|cny|人民币"),
                               ("千分位逗号", r","), ("空格", r"\s")):
            if text.str.contains(pattern, regex=True).any():
                removed.append(label)
        if (raw.str.strip() != text).any():
            removed.append("全角数字")
        plain = text.str.replace(r"(?i)[¥$,\s]|元|rmb|cny|人民币", "", regex=True)
        plain = plain.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
        wan = plain.str.endswith("万")
        number = pd.to_numeric(plain.str.removesuffix("万"), errors="coerce")
        number[wan] = number[wan] * 10_000
        values[is_text] = number.astype(float)
        if wan.any():
            removed.append("「万」（已乘以 10000）")
        changed = int((number.notna() & (plain != raw)).sum())
        if changed and removed:
            notes.append(f"{changed} 个{what}是文字，已去掉 {'、'.join(removed)} 后读成数字")
    reasons = pd.Series(None, index=cells.index, dtype=object)
    bad = (~np.isfinite(values)) & (kinds != "empty")
    reasons[bad] = [f"{what}不是数字：'{_show(v)}'" for v in cells[bad]]
    reasons[kinds == "empty"] = f"{what}为空"
    values[reasons.notna()] = np.nan
    return values, _tidy(reasons), notes


def parse_amounts(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Amounts in 元: zero is rejected (not a purchase), negatives are kept as refunds.

    >>> values, reasons, notes = parse_amounts(pd.Series([100, 0, -20]))
    >>> values.tolist()[0], reasons.tolist()[1], values.tolist()[2]
    (100.0, '金额为 0，不算一次购买', -20.0)
    >>> notes
    ['1 行金额为负数，按退货保留，会冲减该客户的消费金额']
    """
    values, reasons, notes = parse_numbers(cells, "金额")
    zero = values == 0
    reasons[zero] = "金额为 0，不算一次购买"
    values[zero] = np.nan
    negative = int((values < 0).sum())
    if negative:
        notes.append(f"{negative} 行金额为负数，按退货保留，会冲减该客户的消费金额")
    return values, reasons, notes


def clean_names(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Customer names with spaces and full-width characters normalised; totals rows rejected.

    >>> values, reasons, notes = clean_names(pd.Series(["张三", "　张三 ", 1001.0, "", "合计"]))
    >>> values.tolist()[:3], reasons.tolist()[3:]
    (['张三', '张三', '1001'], ['客户为空', '这是合计行，不是一笔交易'])
    >>> notes
    ['1 个客户名去掉了多余的空格或全角字符', "有 1 个客户的名字只差空格或全角字符（如 '张三' 和 '　张三 '），已当作同一客户"]
    """
    kinds = _kinds(cells)
    values = pd.Series(None, index=cells.index, dtype=object)
    notes: list[str] = []
    ok = kinds.isin(["text", "number", "date"])
    raw = _texts(cells[ok], kinds[ok])
    clean = _on_uniques(raw, lambda u: _nfkc(u).str.split().str.join(" "))
    values[ok] = clean
    changed = clean != raw
    if changed.any():
        notes.append(f"{int(changed.sum())} 个客户名去掉了多余的空格或全角字符")
        variants = raw.groupby(clean).nunique()
        merged = variants[variants > 1]
        if len(merged):
            name = merged.index[0]
            spellings = list(dict.fromkeys(raw[clean == name]))[:2]
            notes.append(f"有 {len(merged)} 个客户的名字只差空格或全角字符（如 "
                         + " 和 ".join(f"'{s}'" for s in spellings) + "），已当作同一客户")
    reasons = pd.Series(None, index=cells.index, dtype=object)
    reasons[kinds.isin(["empty"])] = "客户为空"
    reasons[kinds == "other"] = [f"客户无法识别：'{_show(v)}'" for v in cells[kinds == "other"]]
    totals = values.notna() & values.astype(str).str.lower().isin(TOTAL_WORDS)
    reasons[totals] = "这是合计行，不是一笔交易"
    values[reasons.notna()] = None
    return values, _tidy(reasons), notes


def clean_order_ids(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Order numbers as text (1001.0 -> '1001'); an empty cell is rejected.

    >>> values, reasons, _ = clean_order_ids(pd.Series([1001.0, " A-7 ", ""]))
    >>> values.tolist()[:2], reasons.tolist()[2]
    (['1001', 'A-7'], '订单编号为空')
    """
    kinds = _kinds(cells)
    values = pd.Series(None, index=cells.index, dtype=object)
    ok = kinds.isin(["text", "number", "date"])
    text = _texts(cells[ok], kinds[ok]).str.strip()
    wide = text.str.contains(r"[^\x00-\x7f]", regex=True)
    text[wide] = _nfkc(text[wide])
    values[ok] = text
    reasons = pd.Series(None, index=cells.index, dtype=object)
    reasons[~ok] = "订单编号为空"
    return values, _tidy(reasons), []


def _texts(cells: pd.Series, kinds: pd.Series) -> pd.Series:
    """Cells as strings; only the non-text cells go through _cell_text one by one."""
    out = cells.copy()
    other = kinds != "text"
    if other.any():
        out[other] = cells[other].map(_cell_text)
    return out.astype(str)


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def parse_today(today) -> pd.Timestamp:
    """Turn 'YYYY-MM-DD', a date, a datetime or a Timestamp into a midnight Timestamp.

    The one parser for "today" (R counts the days up to it); :func:`on_or_after` is the rule
    that applies it. ``crmlab.rfm.parse_today`` is the same function.

    >>> parse_today("2021-04-01")
    Timestamp('2021-04-01 00:00:00')
    """
    hint = "请写成 2021-04-01 这样的日期（年-月-日）。"
    if isinstance(today, (pd.Timestamp, _dt.datetime, _dt.date)) and not pd.isna(today):
        stamp = pd.Timestamp(today)
    elif isinstance(today, str):
        text = today.strip()
        try:
            stamp = pd.Timestamp(_dt.date.fromisoformat(text[:10])) if len(text) == 10 else None
        except ValueError:
            stamp = None
        if stamp is None:
            raise CrmlabError(f"“今天”的日期无法识别：{today!r}", hint=hint)
    else:
        raise CrmlabError(f"“今天”的日期无法识别：{today!r}", hint=hint)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()


def on_or_after(dates: pd.Series, today) -> pd.Series:
    """True where a transaction is on or after ``today`` (the one place this rule is written).

    >>> on_or_after(pd.Series(pd.to_datetime(["2021-03-31", "2021-04-01"])), "2021-04-01").tolist()
    [False, True]
    """
    return dates >= pd.Timestamp(today).normalize()
