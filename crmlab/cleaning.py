"""Parsing dates, amounts, names and order numbers from raw cells, and collecting the rejects.

Each ``parse_*`` function takes a pandas Series of raw cells (object dtype: str, float, int,
date, datetime, "" for empty) and returns ``(values, reasons, notes)``: the parsed Series,
a Series with a Chinese reason where a cell could not be used (``None`` where it could),
and Chinese notes on what was cleaned. Parsing is vectorised (one ``pd.to_datetime`` per
format, string methods for amounts); only type sorting touches each cell.

Rules the loader applies (documented once, here):

* dates: Excel date cells, Excel serial numbers (e.g. 44260 = 2021-03-05), and text as
  ``2021-03-05``, ``2021/3/5``, ``2021.3.5``, ``2021年3月5日``, ``20210305``; a time of day
  is dropped (dates are midnight). Day-first or month-first text such as ``05/03/2021`` is
  rejected rather than guessed. Dates before :data:`DATE_FLOOR` (1990-01-01) or after 2100
  are rejected: a shop's transaction from before 1990 is almost always a typed-wrong year or a
  number read as a date (0 is Excel's "1900-01-00", 60 its non-existent 1900-02-29, which gets
  a reason of its own). A workbook in the 1904 date system (Mac Excel, Numbers) counts serials
  from 1904-01-01 (``date1904=True``).
* amounts: see :mod:`crmlab.amounts` (commas are never removed blindly).
* names: full-width characters become half-width, invisible characters (zero-width space,
  BOM, word joiner, ...) go, runs of spaces (also full-width and non-breaking) become one,
  surrounding spaces go, so ``"　张三 "``, ``"张三\\u200b"`` and ``"张三"`` are one customer; the
  notes list the merged spellings. A customer cell reading 合计/总计/小计 (however spaced or
  punctuated: ``合　计``, ``小  计``, ``总计：``) marks a totals row and is rejected as such.
* ids (customer and order columns): a number of 16 or more digits, or text in scientific
  notation (``6.22202E+18``), stops the load: Excel keeps 15 significant digits, so such ids
  were already rounded and different customers may have become one. (A 15-digit number is
  still exact in Excel and in a float, so it is accepted.)
* any column: an Excel error value (``#N/A``, ``#DIV/0!``, ``#SPILL!``, ...) is rejected naming
  the error; a formula whose result the file never stored is rejected saying so.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import numpy as np
import pandas as pd

from crmlab.amounts import parse_amounts, parse_numbers  # noqa: F401  (one import for the loader)
from crmlab.cells import (FatalReason, count, kind_of, kinds, nfkc, on_uniques, show, special_reasons,
                          tidy, visible)
from crmlab.errors import CrmlabError
from crmlab.name_scan import digit_before_e, may_be_totals

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
SERIAL_MIN, SERIAL_MAX = 1, 73051          # 1900-01-01 .. 2099-12-31 as Excel serials
YEAR_MIN, YEAR_MAX = 1900, 2100
DATE_FLOOR = pd.Timestamp("1990-01-01")    # no transaction of a shop before this (see above)
PHANTOM_SERIAL = 60                        # Excel's 1900-02-29, a day that never was
ORIGIN_1900, ORIGIN_1904 = "1899-12-30", "1904-01-01"
# traditional forms written as escapes: text to recognise in a file, never shown (the bundled
# font is a GB2312 subset, and tests/test_fonts.py checks every character crmlab shows)
TOTAL_WORDS = {"合计", "总计", "小计", "总额", "总合计", "合\u8a08", "\u7e3d\u8a08", "小\u8a08", "汇总", "本页合计",
               "本页小计", "本月合计", "total", "sum", "subtotal", "grandtotal"}
_PUNCTUATION = r"[\s:：.。,，;；_\-—–·•*#()（）\[\]【】<>《》\"'“”‘’]"
LONG_ID_DIGITS = 16
_SCIENTIFIC = r"\s*[+-]?\d+(?:\.\d+)?[eE][+-]?\d+\s*"
_ID_HINT = ("Excel 只保留 15 位有效数字，更长的编号已被改掉，不同的客户可能变成了同一个："
            "请回到原系统重新导出，导出前在 Excel 里把这一列设成「文本」格式"
            "（或导出为 CSV 后不要用 Excel 打开再保存）。")
TIME_SUFFIX = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"


def parse_dates(cells: pd.Series, *, date1904: bool = False) -> tuple[pd.Series, pd.Series, list[str]]:
    """Dates at midnight (datetime64[ns]), reasons for the cells that are not dates, notes.

    ``date1904``: the workbook counts serial numbers from 1904-01-01 (Mac Excel).

    >>> import datetime as dt
    >>> cells = pd.Series([dt.date(2021, 3, 5), 44260, "2021/3/5", "2021年3月5日", "2021-13-45", ""])
    >>> values, reasons, notes = parse_dates(cells)
    >>> values.dt.strftime("%Y-%m-%d").tolist()[:4]
    ['2021-03-05', '2021-03-05', '2021-03-05', '2021-03-05']
    >>> reasons.tolist()[4:]
    ["日期无法识别：'2021-13-45'", '日期为空']
    """
    kind = kinds(cells)
    values = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    notes: list[str] = []
    phantom = pd.Series(False, index=cells.index)
    origin = ORIGIN_1904 if date1904 else ORIGIN_1900

    is_date = kind == "date"
    if is_date.any():
        try:
            parsed = pd.to_datetime(cells[is_date], errors="coerce")
        except (ValueError, TypeError, OverflowError):
            parsed = pd.to_datetime(cells[is_date].map(_as_timestamp), errors="coerce")
        parsed = parsed.where((parsed.dt.year >= YEAR_MIN) & (parsed.dt.year <= YEAR_MAX))
        values[is_date] = parsed.astype("datetime64[ns]")
        with_time = count(parsed.notna() & (parsed != parsed.dt.normalize()))
        if with_time:
            notes.append(f"{with_time} 个日期带有时刻，只保留了日期")

    is_number = kind == "number"
    if is_number.any():
        serial = pd.to_numeric(cells[is_number], errors="coerce").astype(float)
        ok = (serial >= SERIAL_MIN) & (serial < SERIAL_MAX)
        ymd = (serial == np.floor(serial)) & (serial >= 19000101) & (serial <= 21001231)
        values[is_number & ok.reindex(cells.index, fill_value=False)] = pd.to_datetime(
            np.floor(serial[ok]), unit="D", origin=origin)
        if not date1904:
            phantom[serial[np.floor(serial) == PHANTOM_SERIAL].index] = True
        if ymd.any():
            values[ymd[ymd].index] = pd.to_datetime(
                serial[ymd].astype("int64").astype(str), format="%Y%m%d", errors="coerce")
        n = count(ok)
        if n:
            example = serial[ok].iloc[0]
            system = "（工作簿用 1904 日期系统，按 1904-01-01 起算）" if date1904 else ""
            notes.append(f"{n} 个日期是 Excel 序列号（如 {example:g}），已换算成日期{system}")

    is_text = kind == "text"
    if is_text.any():
        values[is_text] = _text_dates(cells[is_text], notes)

    values = values.dt.normalize()
    reasons = pd.Series(None, index=cells.index, dtype=object)
    bad = values.isna() & (kind != "empty")
    reasons[bad] = [f"日期无法识别：'{show(v)}'" for v in cells[bad]]
    early = values.notna() & (values < DATE_FLOOR)
    reasons[early] = [f"日期 {v:%Y-%m-%d} 早于 {DATE_FLOOR:%Y-%m-%d}，不像一笔真实交易"
                      "（多半是年份写错，或把别的数字当成了日期）" for v in values[early]]
    late = values.notna() & (values.dt.year > YEAR_MAX)
    reasons[late] = [f"日期超出合理范围：{v:%Y-%m-%d}" for v in values[late]]
    reasons[phantom] = ("Excel 序列号 60 是不存在的日期 1900-02-29"
                        "（Excel 为兼容旧软件把 1900 年当成了闰年），不是一笔真实交易")
    reasons[kind == "empty"] = "日期为空"
    special_reasons(cells, kind, reasons, "日期")
    return values.where(reasons.isna()), tidy(reasons), notes


def _text_dates(cells: pd.Series, notes: list[str]) -> pd.Series:
    text = on_uniques(cells.astype(str), nfkc)
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
        parsed[serial.index] = pd.to_datetime(np.floor(serial), unit="D", origin=ORIGIN_1900)
    iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & (text == cells.astype(str))
    other = parsed.notna() & ~iso
    if other.any():  # plain 2021-03-05 text (every CSV date) is not worth a note
        notes.append(f"{count(other)} 个日期是其他写法的文字（如 '{show(cells[other].iloc[0])}'），"
                     "已转换成日期")
    n_time = count(has_time & parsed.notna())
    if n_time:
        notes.append(f"{n_time} 个文字日期带有时刻，只保留了日期")
    return parsed


def _as_timestamp(value):
    try:
        return pd.Timestamp(value)
    except (ValueError, OverflowError, TypeError):
        return pd.NaT


def clean_names(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Customer names with spaces, invisible and full-width characters normalised; totals rows rejected.

    >>> values, reasons, notes = clean_names(pd.Series(["张三", "　张三 ", 1001.0, "", "合　计"]))
    >>> values.tolist()[:3], reasons.tolist()[3:]
    (['张三', '张三', '1001'], ['客户为空', "这是合计行（'合\\\\u3000计'），不是一笔交易"])
    >>> notes[1:3]
    ['1 个客户名去掉了多余的空格、不可见字符或全角字符', "有 1 个客户的名字只差空格、不可见字符或全角字符（如 '张三' 和 '\\\\u3000张三 '），已当作同一客户"]
    """
    kind = kinds(cells)
    values = pd.Series(None, index=cells.index, dtype=object)
    notes: list[str] = []
    ok = kind.isin(["text", "number", "date"])
    raw = _texts(cells[ok], kind[ok])
    clean = on_uniques(raw, _clean_name_texts)
    values[ok] = clean
    reasons = _id_reasons(cells, kind, "客户")
    maybe = may_be_totals(values)
    totals = maybe & on_uniques(values[maybe].astype(str), _total_key).isin(TOTAL_WORDS).reindex(
        values.index, fill_value=False)
    reasons[totals] = [f"这是合计行（{visible(str(v).strip())}），不是一笔交易" for v in cells[totals]]
    if totals.any():
        notes.append(f"剔除了 {count(totals)} 个合计/小计行（客户一栏写着 "
                     f"{visible(str(cells[totals].iloc[0]).strip())} 这样的字样）")
    changed = pd.Series(clean.to_numpy(dtype=object) != raw.to_numpy(dtype=object),  # an unchanged
                        index=raw.index) & ~totals[ok]  # name is the same object: compared at once
    if changed.any():
        notes.append(f"{count(changed)} 个客户名去掉了多余的空格、不可见字符或全角字符")
        kept = ~totals[ok]
        names, spellings = clean[kept], raw[kept]
        repeated = names.duplicated(keep=False).to_numpy()  # only names held by two or more cells
        pairs = pd.DataFrame({"name": names[repeated], "spelling": spellings[repeated]}).drop_duplicates()
        variants = pairs.groupby("name")["spelling"].unique()  # (not one group per customer)
        merged = variants[variants.map(len) > 1]
        if len(merged):
            first = merged.iloc[0]
            notes.append(f"有 {len(merged)} 个客户的名字只差空格、不可见字符或全角字符（如 "
                         + " 和 ".join(visible(s) for s in first[:2]) + "），已当作同一客户")
            listed = "；".join(f"{visible(name)} ← " + "、".join(visible(s) for s in spellings)
                              for name, spellings in merged.head(10).items())
            more = f"；另有 {len(merged) - 10} 个" if len(merged) > 10 else ""
            notes.append(f"合并的写法：{listed}{more}")
    reasons[kind == "empty"] = "客户为空"
    reasons[kind == "other"] = [f"客户无法识别：'{show(v)}'" for v in cells[kind == "other"]]
    special_reasons(cells, kind, reasons, "客户")
    values[reasons.notna()] = None
    return values, tidy(reasons), notes


def _already_clean(name: str) -> bool:
    """True when NFKC, invisible characters and spaces would leave ``name`` as it is."""
    return (name.isprintable() and name == name.strip() and "  " not in name
            and (name.isascii() or unicodedata.is_normalized("NFKC", name)))


def _clean_name_texts(names: pd.Series) -> pd.Series:
    """NFKC, invisible characters out, runs of spaces to one; names already clean are skipped."""
    todo = pd.Series([not _already_clean(v) for v in names.to_numpy(dtype=object)], index=names.index)
    if not todo.any():
        return names
    out = names.copy()
    out[todo] = nfkc(names[todo]).str.split().str.join(" ")
    return out


def _total_key(names: pd.Series) -> pd.Series:
    """The form a totals label is compared in: no spaces or punctuation, lower case."""
    return nfkc(names).str.replace(_PUNCTUATION, "", regex=True).str.lower()


def _id_reasons(cells: pd.Series, kind: pd.Series, what: str) -> pd.Series:
    """Reasons (that stop the load) for ids Excel has already rounded; None elsewhere.

    >>> _id_reasons(pd.Series([6.222021234567891e18, "1001"], dtype=object),
    ...             kinds(pd.Series([1.0, "1001"], dtype=object)), "客户")[0]
    '客户编号是 19 位的数字（6.22202e+18），Excel 已经把它四舍五入成了 15 位有效数字'
    """
    reasons = pd.Series(None, index=cells.index, dtype=object)
    number = kind == "number"
    if number.any():
        digits = pd.to_numeric(cells[number], errors="coerce").abs()
        long = digits[digits >= 10 ** (LONG_ID_DIGITS - 1)]
        for i, v in long.items():
            reasons[i] = FatalReason(f"{what}编号是 {len(f'{v:.0f}')} 位的数字（{v:.6g}），"
                                     "Excel 已经把它四舍五入成了 15 位有效数字", _ID_HINT)
    text = kind == "text"
    if text.any():
        scientific = re.compile(_SCIENTIFIC)
        texts = cells[text]
        values = texts.to_numpy(dtype=object)
        maybe = digit_before_e("\n".join(values))  # all names at once first
        sci = [i for i, v in zip(texts.index, values)
               if ("e" in v or "E" in v) and scientific.fullmatch(v)] if maybe else []
        for i in sci:
            reasons[i] = FatalReason(f"{what}编号是科学计数法 '{show(cells[i])}'：Excel 已经把长编号"
                                     "变成了近似数，原来的编号找不回来了", _ID_HINT)
    return reasons


def clean_order_ids(cells: pd.Series) -> tuple[pd.Series, pd.Series, list[str]]:
    """Order numbers as text (1001.0 -> '1001'); an empty cell is rejected.

    >>> values, reasons, _ = clean_order_ids(pd.Series([1001.0, " A-7 ", ""]))
    >>> values.tolist()[:2], reasons.tolist()[2]
    (['1001', 'A-7'], '订单编号为空')
    """
    kind = kinds(cells)
    values = pd.Series(None, index=cells.index, dtype=object)
    ok = kind.isin(["text", "number", "date"])
    text = _texts(cells[ok], kind[ok]).str.strip()
    wide = text.str.contains(r"[^\x00-\x7f]", regex=True)
    text[wide] = nfkc(text[wide])
    values[ok] = text
    reasons = _id_reasons(cells, kind, "订单")
    reasons[~ok] = "订单编号为空"
    special_reasons(cells, kind, reasons, "订单编号")
    values[reasons.notna()] = None
    return values, tidy(reasons), []


def _texts(cells: pd.Series, kind: pd.Series) -> pd.Series:
    """Cells as strings; only the non-text cells go through _cell_text one by one."""
    out = cells.copy()
    other = kind != "text"
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
