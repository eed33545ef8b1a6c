"""Amounts from raw cells, never rescaled in silence.

Rules (documented once, here):

* Numbers are taken as they are; text may carry ¥/￥/$, 元, RMB, spaces, full-width digits,
  ``1.2万`` and accountants' ``(100)`` for -100.
* **Commas.** The column's convention is decided from the evidence in it. By default a comma
  groups thousands (``1,200`` and ``1,234,567.50``); only a valid grouping is removed, so a
  cell like ``1,5`` or ``12,50`` in such a column is rejected with its row, never read as 15
  or 1250. A column whose cells show a decimal comma (``12,50``, ``1.234,56``: Excel in a
  European locale) and no dot-decimal grouping (``1,234.56``) is read with a decimal comma;
  the notes say so. In a semicolon-separated CSV (that same locale) a column whose only commas
  are ambiguous (``1,200``: 1200 or 1.2?) stops the load with a hint rather than a guess.
* Amounts of a trillion yuan or more (and ``inf``) are rejected: no shop sells that, and two
  of them would overflow a sum.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.cells import FatalReason, count, kinds, nfkc, show, special_reasons, tidy

MAX_AMOUNT = 1e12  # 一万亿元
_DECORATION = r"(?i)[¥$\s]|元|rmb|cny|人民币"
_GROUPED = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?"          # 1,200  1,234,567.5
_DOT_GROUPED = r"[+-]?\d{1,3}(?:,\d{3})+\.\d*|[+-]?\d{1,3}(?:,\d{3}){2,}"  # unambiguous grouping
_DECIMAL_COMMA = r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}|[+-]?\d{1,3}(?:\.\d{3})+,\d*|[+-]?\d{1,3}(?:\.\d{3}){2,}"
_COMMA_VALID = r"[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?|[+-]?\d+(?:,\d+)?"
_AMBIGUOUS = r"[+-]?\d{1,3}(?:,\d{3})+"
_FIX_HINT = ("请在 Excel 里把这一列设成普通数字格式（不带千分位），或用中文区域设置重新导出 CSV，"
             "再读取。")


def comma_convention(plain: pd.Series, delimiter: str | None = None) -> str:
    """'grouping' (1,200 = 1200), 'decimal' (12,50 = 12.5) or 'ambiguous', from the cells' evidence.

    ``plain`` is the text with currency signs and spaces removed.

    >>> comma_convention(pd.Series(["1,200", "35"])), comma_convention(pd.Series(["12,50", "3"]))
    ('grouping', 'decimal')
    >>> comma_convention(pd.Series(["1,200"]), ";"), comma_convention(pd.Series(["1,200", "1,5"]))
    ('ambiguous', 'grouping')
    """
    body = plain.str.removeprefix("(").str.removesuffix(")").str.removesuffix("万")
    decimal = count(body.str.fullmatch(_DECIMAL_COMMA))
    grouping = count(body.str.fullmatch(_DOT_GROUPED))
    ambiguous = count(body.str.fullmatch(_AMBIGUOUS))
    if delimiter == ";":  # that locale writes 1,200 for 1.2: an ambiguous cell is no evidence
        if not decimal and not grouping and ambiguous:
            return "ambiguous"
    else:
        grouping += ambiguous
    return "decimal" if decimal > grouping else "grouping"


def parse_numbers(cells: pd.Series, what: str, *, delimiter: str | None = None
                  ) -> tuple[pd.Series, pd.Series, list[str]]:
    """Floats from numbers or money text; reasons name ``what`` (e.g. "金额") for the bad cells.

    ``delimiter``: the CSV's delimiter, if any (";" is evidence of a decimal-comma locale).

    >>> cells = pd.Series(["¥1,200.00", "1200元", "１２００", 3, "abc"])
    >>> values, reasons, notes = parse_numbers(cells, "金额")
    >>> values.tolist()[:4]
    [1200.0, 1200.0, 1200.0, 3.0]
    >>> reasons.tolist()[4]
    "金额不是数字：'abc'"
    >>> notes
    ['3 个金额是文字，已去掉 ¥、元、千分位逗号、全角数字 后读成数字']
    >>> parse_numbers(pd.Series(["1,200", "1,5"]), "金额")[1].tolist()[1]
    "金额里的逗号位置不对：'1,5'（这一列的逗号是千分位，1,5 既不是千分位也不是小数，无法确定是多少）"
    """
    if pd.api.types.is_float_dtype(cells.dtype):  # a column the CSV parser already read as numbers
        return _float_column(cells, what)
    kind = kinds(cells)
    values = pd.Series(np.nan, index=cells.index, dtype=float)
    reasons = pd.Series(None, index=cells.index, dtype=object)
    notes: list[str] = []
    is_number = kind == "number"
    if is_number.any():
        values[is_number] = pd.to_numeric(cells[is_number], errors="coerce").astype(float)
    is_text = kind == "text"
    if is_text.any():
        raw = cells[is_text].astype(str)
        plain_numbers = pd.to_numeric(raw, errors="coerce")  # "1200.5": no cleaning needed
        slow = plain_numbers.isna() | ~np.isfinite(plain_numbers)
        number, why, note = _text_numbers(raw[slow], delimiter, what)
        if any("逗号作小数点" in n for n in note) and raw[~slow].str.contains(".", regex=False).any():
            slow[:] = True  # a decimal-comma column: "1.234" is 1234, so every cell is cleaned
            number, why, note = _text_numbers(raw, delimiter, what)
        values[is_text] = plain_numbers.where(~slow, number.reindex(raw.index)).astype(float)
        reasons[why.index] = why
        notes += note
    bad = (~np.isfinite(values)) & (kind != "empty") & reasons.isna()
    reasons[bad] = [f"{what}不是数字：'{show(v)}'" for v in cells[bad]]
    huge = np.isfinite(values) & (values.abs() >= MAX_AMOUNT)
    reasons[huge] = [f"{what}大得不合理：'{show(v)}'（一万亿或以上）" for v in cells[huge]]
    reasons[kind == "empty"] = f"{what}为空"
    special_reasons(cells, kind, reasons, what)
    values[reasons.notna()] = np.nan
    return values, tidy(reasons), notes


def _float_column(values: pd.Series, what: str):
    """The rules of :func:`parse_numbers` for a float64 column (NaN: an empty cell)."""
    reasons = pd.Series(None, index=values.index, dtype=object)
    empty = values.isna()
    reasons[empty] = f"{what}为空"
    bad = ~empty & ~np.isfinite(values)
    reasons[bad] = [f"{what}不是数字：'{v}'" for v in values[bad]]
    huge = ~empty & ~bad & (values.abs() >= MAX_AMOUNT)
    reasons[huge] = [f"{what}大得不合理：'{v:g}'（一万亿或以上）" for v in values[huge]]
    return values.where(~(empty | bad | huge)).astype(float), reasons, []


def _text_numbers(raw: pd.Series, delimiter, what: str):
    """Money text -> (numbers, reasons for the cells that contradict the column, notes)."""
    notes: list[str] = []
    reasons = pd.Series(dtype=object)
    if raw.empty:
        return pd.Series(dtype=float), reasons, notes
    text = nfkc(raw)
    plain = text.str.replace(_DECORATION, "", regex=True)
    has_comma = plain.str.contains(",", regex=False)
    removed = [label for label, pattern in (("¥", r"[¥$]"), ("元", r"元"), ("RMB", r"(?i)rmb|cny|人民币"))
               if text.str.contains(pattern, regex=True).any()]
    if has_comma.any():
        plain, reasons, label = _commas(plain, has_comma, delimiter, what)
        removed.append(label)
    if text.str.contains(r"\s", regex=True).any():
        removed.append("空格")
    if (raw.str.strip() != text).any():
        removed.append("全角数字")
    plain = plain.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    wan = plain.str.endswith("万")
    number = pd.to_numeric(plain.str.removesuffix("万"), errors="coerce")
    number[wan] = number[wan] * 10_000
    if wan.any():
        removed.append("「万」（已乘以 10000）")
    changed = count(number.notna() & (plain != raw))
    if changed and removed:
        notes.append(f"{changed} 个{what}是文字，已去掉 {'、'.join(removed)} 后读成数字")
    if "小数逗号" in removed:
        example = raw[has_comma & number.notna()]
        if len(example):
            notes.append(f"{what}列用逗号作小数点（欧洲地区的格式），如 '{show(example.iloc[0])}' "
                         f"读作 {number[example.index[0]]:g}")
    return number.astype(float), reasons, notes


def _commas(plain: pd.Series, has_comma: pd.Series, delimiter, what: str):
    """Remove grouping commas or read decimal commas; reasons for the cells that contradict."""
    body = plain.str.removeprefix("(").str.removesuffix(")").str.removesuffix("万")
    convention = comma_convention(plain[has_comma], delimiter)
    if convention == "ambiguous":
        first = plain[has_comma & body.str.fullmatch(_AMBIGUOUS)].index[0]
        reason = FatalReason(
            f"无法确定{what}里的逗号是千分位还是小数点：'{plain[first]}'（文件用分号分隔，"
            "这常见于把逗号当小数点的欧洲地区格式）", _FIX_HINT)
        return plain, pd.Series([reason], index=[first], dtype=object), "千分位逗号"
    if convention == "decimal":
        valid = ~plain.str.contains(",", regex=False) & ~plain.str.contains(".", regex=False)
        valid |= body.str.fullmatch(_COMMA_VALID)
        out = plain.where(~valid, plain.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        why = (f"{what}与这一列的写法矛盾：'{{}}'（这一列用逗号作小数点，如 12,50；"
               "这个单元格却像是用点作小数点）")
        label = "小数逗号"
    else:
        valid = ~has_comma | body.str.fullmatch(_GROUPED)
        out = plain.where(~(valid & has_comma), plain.str.replace(",", "", regex=False))
        why = (f"{what}里的逗号位置不对：'{{}}'（这一列的逗号是千分位，{{}} 既不是千分位也不是小数，"
               "无法确定是多少）")
        label = "千分位逗号"
    wrong = ~valid
    reasons = pd.Series([why.format(show(v), v) for v in plain[wrong]], index=plain[wrong].index,
                        dtype=object)
    return out, reasons, label


def amounts_as_is(cells: pd.Series) -> bool:
    """True when :func:`parse_amounts` would keep every cell as it is, with no reason and no
    note: a float column (plain numbers, as a large CSV's is read) with every amount above 0
    and under MAX_AMOUNT (so no empty cell, no zero, no refund, no overflow).

    >>> amounts_as_is(pd.Series([12.5, 3.0])), amounts_as_is(pd.Series([12.5, -3.0]))
    (True, False)
    """
    if not pd.api.types.is_float_dtype(cells.dtype):
        return False
    values = cells.to_numpy()
    return bool(((values > 0) & (values < MAX_AMOUNT)).all())  # NaN compares False


def parse_amounts(cells: pd.Series, *, delimiter: str | None = None
                  ) -> tuple[pd.Series, pd.Series, list[str]]:
    """Amounts in 元: zero is rejected (not a purchase), negatives are kept as refunds.

    >>> values, reasons, notes = parse_amounts(pd.Series([100, 0, -20]))
    >>> values.tolist()[0], reasons.tolist()[1], values.tolist()[2]
    (100.0, '金额为 0，不算一次购买', -20.0)
    >>> notes
    ['1 行金额为负数，按退货保留，会冲减该客户的消费金额']
    """
    values, reasons, notes = parse_numbers(cells, "金额", delimiter=delimiter)
    zero = values == 0
    reasons[zero] = "金额为 0，不算一次购买"
    values[zero] = np.nan
    negative = count(values < 0)
    if negative:
        notes.append(f"{negative} 行金额为负数，按退货保留，会冲减该客户的消费金额")
    return values, reasons, notes
