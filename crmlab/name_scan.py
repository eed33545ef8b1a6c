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
from crmlab._fast.ascii_names import ascii_names_as_is

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

    The rules of ``cleaning._already_clean``, the error values, totals and scientific ids, asked of
    all names at once (a newline between names: no character joins across it, so NFKC and
    printability of the whole are those of each name). Any doubt answers False.

    >>> names_as_is(pd.Series(["C001", "张三"])), names_as_is(pd.Series(["C001", "合计"]))
    (True, False)
    >>> names_as_is(pd.Series(["C001", " 张三"])), names_as_is(pd.Series(["C001", None]))
    (False, False)
    """
    if is_arrow_text(cells):  # ids such as C0012345 are checked on Arrow's buffers
        answer = ascii_names_as_is(cells, [h for h in TOTAL_HINTS if h.isascii()])
        if answer is not None:
            return answer
    joined = joined_lines(cells)
    if not joined or joined.count("\n") != len(cells) - 1:  # or a name holding a line break
        return False
    if not joined.replace("\n", "").isprintable():  # control, invisible, other spaces
        return False
    if any(part in joined for part in ("\n\n", "\n ", " \n", "  ", "\n#")) or \
            joined.startswith((" ", "#", "\n")) or joined.endswith((" ", "\n")):
        return False  # empty, untrimmed, doubled spaces, error values (#N/A ...)
    if not (joined.isascii() or unicodedata.is_normalized("NFKC", joined)):
        return False
    lowered = joined.lower()
    if any(h in lowered for h in TOTAL_HINTS):
        return False
    return not digit_before_e(joined)  # a scientific id (6.22E+18) needs one


def digit_before_e(text: str) -> bool:
    """True when a digit stands right before an e or E somewhere in ``text``; plain ASCII is
    looked at with numpy (a regex scan of 60 MB takes 0.4-1.4 s).

    >>> digit_before_e("Wei Chen\\nC0012"), digit_before_e("张三\\n6.22E+18"), digit_before_e("x1e")
    (False, True, True)
    """
    if "e" not in text and "E" not in text:
        return False
    if not text.isascii():
        return re.search(r"\d[eE]", text) is not None
    data = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    before_e = data[np.flatnonzero((data[1:] | 32) == ord("e"))]  # the byte before each e or E
    return bool(((before_e >= ord("0")) & (before_e <= ord("9"))).any())


def joined_lines(cells: pd.Series) -> str | None:
    """The cells joined by newlines, or None when one of them is not a str (missing, a number).
    Arrow text is joined by Arrow, without a Python string per cell."""
    if is_arrow_text(cells):
        import pyarrow as pa
        import pyarrow.compute as pc

        text = pa.chunked_array(pa.array(cells.array)).cast(pa.large_string()).combine_chunks()
        one_list = pa.LargeListArray.from_arrays(pa.array([0, len(text)], pa.int64()), text)
        return pc.binary_join(one_list, pa.scalar("\n", pa.large_string()))[0].as_py()  # None: a cell missing
    try:
        return "\n".join(cells.to_numpy(dtype=object))
    except TypeError:
        return None
