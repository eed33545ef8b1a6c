"""Questions asked of all the names of a column at once, before any name is looked at alone.

A large file has hundreds of thousands of distinct customer names; asking each one in Python
costs about a microsecond a question. Joined by newlines (no character combines across a line
break, so printability and NFKC of the whole are those of each name), they can be searched in
one pass. These answers only ever say "no need to look closer"; the rules themselves are in
:mod:`crmlab.cleaning`.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from crmlab._fast.arrow import is_arrow_text

LONGEST_TOTAL = 24  # a totals label longer than this (with its spaces and punctuation) is a name
TOTAL_HINT = r"(?i)[计\u8a08汇\u5f59额]|total|sum"  # every word of cleaning.TOTAL_WORDS has one
TOTAL_HINTS = ("计", "\u8a08", "汇", "\u5f59", "额", "total", "sum")  # the same, to look for in lower case


def may_be_totals(values: pd.Series) -> pd.Series:
    """True for the short names in which TOTAL_HINT finds something (before a closer look).

    All names (already NFKC, so no long s or full-width letters) are first searched as one
    lower-cased text: in most files no name holds a hint, and then none is searched one by one.
    """
    names = values.to_numpy(dtype=object)
    joined = "\n".join(names[values.notna().to_numpy()]).lower()
    if not any(h in joined for h in TOTAL_HINTS):
        return pd.Series(False, index=values.index, dtype=bool)
    hint = re.compile(TOTAL_HINT)
    return pd.Series([isinstance(v, str) and len(v) <= LONGEST_TOTAL and hint.search(v) is not None
                      for v in names], index=values.index, dtype=bool)


def names_as_is(cells: pd.Series) -> bool:
    """True when :func:`crmlab.cleaning.clean_names` would keep every cell as it is, with no
    reason and no note.

    The rules of ``cleaning._already_clean``, the error values, totals and scientific ids, asked
    of all names at once, as the UTF-8 bytes of the names joined by newlines (space, ``#``, digits,
    ``e`` and the newline are single bytes that never occur inside another character; no
    character combines across a newline, so NFKC and printability of the whole are those of
    each name). Any doubt answers False.

    >>> names_as_is(pd.Series(["C001", "张三"])), names_as_is(pd.Series(["C001", "合计"]))
    (True, False)
    >>> names_as_is(pd.Series(["C001", " 张三"])), names_as_is(pd.Series(["C001", None]))
    (False, False)
    """
    joined = joined_lines(cells)
    if not joined:
        return False
    data = np.frombuffer(joined, dtype=np.uint8)
    breaks = np.flatnonzero(data == NEWLINE)
    if len(breaks) != len(cells) - 1:  # a name holding a line break
        return False
    starts, ends = np.r_[0, breaks + 1], np.r_[breaks, len(data)]
    if (starts == ends).any() or np.isin(data[starts], (SPACE, HASH)).any() or \
            (data[ends - 1] == SPACE).any() or ((data[:-1] == SPACE) & (data[1:] == SPACE)).any():
        return False  # empty, untrimmed, doubled spaces, error values (#N/A ...)
    if joined.isascii():
        if ((data < SPACE) & (data != NEWLINE)).any() or (data == DELETE).any():
            return False  # control characters
        if any(h.encode() in joined.lower() for h in TOTAL_HINTS if h.isascii()):
            return False
        before_e = data[np.flatnonzero((data[1:] | 32) == ord("e"))]  # the byte before each e, E
        return not ((before_e >= ord("0")) & (before_e <= ord("9"))).any()
    text = joined.decode("utf-8")
    if not text.replace("\n", "").isprintable() or not unicodedata.is_normalized("NFKC", text):
        return False  # control, invisible, other spaces; full-width and other NFKC changes
    lowered = text.lower()
    return not any(h in lowered for h in TOTAL_HINTS) and \
        ("e" not in lowered or re.search(r"\d[eE]", text) is None)


NEWLINE, SPACE, HASH, DELETE = 10, 32, 35, 127


def joined_lines(cells: pd.Series) -> bytes | None:
    """The cells as UTF-8, joined by newlines; None when one of them is not a str (missing, a
    number). Arrow text is joined by Arrow, without a Python string per cell.

    >>> joined_lines(pd.Series(["甲", "b"])), joined_lines(pd.Series(["a", None]))
    (b'\\xe7\\x94\\xb2\\nb', None)
    """
    if is_arrow_text(cells):
        import pyarrow as pa
        import pyarrow.compute as pc

        text = pa.chunked_array(pa.array(cells.array)).cast(pa.large_string()).combine_chunks()
        one_list = pa.LargeListArray.from_arrays(pa.array([0, len(text)], pa.int64()), text)
        joined = pc.binary_join(one_list, pa.scalar("\n", pa.large_string()))[0]
        return joined.as_buffer().to_pybytes() if joined.is_valid else None  # not valid: a cell missing
    try:
        return "\n".join(cells.to_numpy(dtype=object)).encode("utf-8")
    except (TypeError, UnicodeEncodeError):  # (a lone surrogate, from a damaged file)
        return None
