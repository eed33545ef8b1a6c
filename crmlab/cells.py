"""What kind of thing a raw cell is, and the reasons shared by every column parser.

Used by :mod:`crmlab.cleaning` (dates, names, order numbers) and :mod:`crmlab.amounts`.
A cell is 'empty', 'number', 'date', 'text', 'error' (an Excel error value such as ``#N/A``:
the formula returned an error in Excel), 'uncalculated' (a formula whose result the file never
stored) or 'other'.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import numbers

import numpy as np
import pandas as pd

from crmlab.sheet_xml import EXCEL_ERRORS, Uncalculated

# zero-width and other invisible characters that NFKC keeps (names pasted from the web or chats)
INVISIBLE = r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"

RECALCULATE_HINT = ("文件里的公式从未计算过（多见于程序生成、没在 Excel 里打开保存过的文件）："
                    "请用 Excel 或 WPS 打开这个文件，保存一次（Ctrl+S），再读取。")


class FatalReason(str):
    """A reject reason that stops the whole load (the column cannot be trusted), with a hint."""

    hint: str = ""

    def __new__(cls, text: str, hint: str):
        self = super().__new__(cls, text)
        self.hint = hint
        return self


_WEIGHTS: contextvars.ContextVar = contextvars.ContextVar("row_weights", default=None)


@contextlib.contextmanager
def weighted(weights: pd.Series):
    """Parse distinct cells once: inside, :func:`count` counts each cell ``weights[i]`` times
    (how many rows hold it), so notes still count rows."""
    token = _WEIGHTS.set(weights)
    try:
        yield
    finally:
        _WEIGHTS.reset(token)


def count(mask: pd.Series) -> int:
    """How many rows ``mask`` marks (each cell weighted inside :func:`weighted`).

    >>> m = pd.Series([True, False, True])
    >>> count(m), _count_with(m, pd.Series([5, 1, 2]))
    (2, 7)
    """
    weights = _WEIGHTS.get()
    return int(mask.sum()) if weights is None else _count_with(mask, weights)


def _count_with(mask: pd.Series, weights: pd.Series) -> int:
    mask = mask.fillna(False).astype(bool)
    return int(weights.reindex(mask.index)[mask].sum())


KINDS = ("empty", "number", "date", "text", "error", "uncalculated", "other")
_KIND_DTYPE = pd.CategoricalDtype(KINDS)  # categorical, so each `kind == "text"` compares bytes
_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}


def kinds(cells: pd.Series) -> pd.Series:
    """Sort each cell into 'empty', 'number', 'date', 'text', 'error', 'uncalculated' or 'other'.

    A column of one type (the usual case) is sorted in one vectorised step.

    >>> kinds(pd.Series(["a", " ", None, 3, True, "#N/A"], dtype=object)).tolist()
    ['text', 'empty', 'empty', 'number', 'other', 'error']
    """
    inferred = pd.api.types.infer_dtype(cells, skipna=True)
    if inferred == "string":  # one pass in Python (each pandas .str method is one too)
        codes = np.fromiter((_KIND_CODE[_text_kind(v)] for v in cells.to_numpy(dtype=object)),
                            dtype=np.int8, count=len(cells))
    elif inferred in ("floating", "integer", "mixed-integer-float", "date", "datetime", "datetime64"):
        kind = _KIND_CODE["date" if inferred.startswith("date") else "number"]
        codes = np.where(cells.notna().to_numpy(), kind, _KIND_CODE["empty"]).astype(np.int8)
    else:
        codes = np.fromiter((_KIND_CODE[kind_of(v)] for v in cells.to_numpy(dtype=object)),
                            dtype=np.int8, count=len(cells))
    return pd.Series(pd.Categorical.from_codes(codes, dtype=_KIND_DTYPE), index=cells.index)


def _text_kind(value) -> str:
    if not isinstance(value, str):
        return "empty"  # NaN or None among strings
    value = value.strip()  # the same object when there is nothing to strip
    if not value:
        return "empty"
    return "error" if value[0] == "#" and value in EXCEL_ERRORS else "text"


def kind_of(value) -> str:
    if value is None or value is pd.NaT:
        return "empty"
    if isinstance(value, str):
        if not value.strip():
            return "empty"
        return "error" if value.strip() in EXCEL_ERRORS else "text"
    if isinstance(value, Uncalculated):
        return "uncalculated"
    if isinstance(value, (bool, np.bool_)):
        return "other"
    if isinstance(value, numbers.Number):
        return "empty" if value != value else "number"   # NaN is empty
    if isinstance(value, (_dt.datetime, _dt.date, np.datetime64)):
        return "date"
    return "other"


def special_reasons(cells: pd.Series, kind: pd.Series, reasons: pd.Series, what: str) -> None:
    """Name Excel error values and uncalculated formulas in ``reasons`` (in place).

    >>> cells = pd.Series(["#DIV/0!", "x"], dtype=object)
    >>> reasons = pd.Series([None, None], dtype=object)
    >>> special_reasons(cells, kinds(cells), reasons, "金额")
    >>> reasons[0]
    '单元格是 Excel 错误值 #DIV/0!（这个公式在 Excel 里算出了错误），不是金额'
    """
    error = kind == "error"
    if error.any():
        reasons[error] = [f"单元格是 Excel 错误值 {str(v).strip()}（这个公式在 Excel 里算出了错误），不是{what}"
                          for v in cells[error]]
    uncalculated = kind == "uncalculated"
    if uncalculated.any():
        reasons[uncalculated] = [f"单元格是公式（{show(v)}），但文件里没有它的结果：公式从未计算过"
                                 for v in cells[uncalculated]]


def on_uniques(values: pd.Series, func) -> pd.Series:
    """``func`` applied to the distinct values only (names and dates repeat a lot)."""
    if _WEIGHTS.get() is not None:  # the cells are distinct already (see weighted)
        return pd.Series(func(values.astype(object)).to_numpy(), index=values.index)
    codes, uniques = pd.factorize(values)
    done = func(pd.Series(uniques, dtype=object)).to_numpy()
    return pd.Series(done[codes], index=values.index)


def tidy(reasons: pd.Series) -> pd.Series:
    """Reasons as str or None (pandas may have stored NaN for the unset ones)."""
    out = reasons.astype(object)
    unset = out.isna().to_numpy()
    if unset.any():
        out = out.copy()
        out[unset] = None
    return out


def show(value) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "..."


def nfkc(text: pd.Series) -> pd.Series:
    """Full-width to half-width, invisible characters removed, surrounding spaces stripped.

    >>> nfkc(pd.Series(["　张\\u200b三 ", "１２"])).tolist()
    ['张三', '12']
    """
    return text.str.normalize("NFKC").str.replace(INVISIBLE, "", regex=True).str.strip()


def visible(text: str) -> str:
    """``text`` with invisible and unusual space characters written out, for a message.

    >>> visible("张三\\u200b"), visible("张\\u3000三")
    ("'张三\\\\u200b'", "'张\\\\u3000三'")
    """
    out = "".join(ch if ch == " " or (ch.isprintable() and not ch.isspace()) and ord(ch) not in _HIDDEN
                  else f"\\u{ord(ch):04x}" for ch in text)
    return f"'{out}'"


_HIDDEN = {0x00ad, 0x180e, *range(0x200b, 0x2010), *range(0x202a, 0x202f), *range(0x2060, 0x2065),
           *range(0x2066, 0x206a), 0xfeff}
