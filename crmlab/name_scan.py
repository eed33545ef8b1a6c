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

    The rules of ``cleaning._already_clean``, the error values, totals and scientific ids, asked of
    all names at once (a newline between names: no character joins across it, so NFKC and
    printability of the whole are those of each name). Any doubt answers False. Arrow text of
    printable ASCII and Chinese characters is asked on Arrow's buffers (:func:`arrow_names_as_is`).

    >>> names_as_is(pd.Series(["C001", "张三"])), names_as_is(pd.Series(["C001", "合计"]))
    (True, False)
    >>> names_as_is(pd.Series(["C001", " 张三"])), names_as_is(pd.Series(["C001", None]))
    (False, False)
    """
    if is_arrow_text(cells):  # ASCII and Chinese characters are checked on Arrow's buffers
        answer = arrow_names_as_is(cells)
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


# ---- names in Arrow text: the same questions, on Arrow's buffers ------------------------------
#
# With pyarrow, pandas' C parser hands a large CSV's text over in Arrow: every name's UTF-8 bytes
# in one buffer, and where each name starts. When every character is printable ASCII or a common
# Chinese character (CJK_FIRST..CJK_LAST: printable, unchanged by NFKC, never combining, no case;
# tests/test_cleaning.py checks each one), every question names_as_is asks of the joined text is
# one about bytes and their neighbours, which numpy answers on that buffer without joining 7
# million names into one Python string (0.05-0.25 s instead of 1-3 s). The names are taken a
# slice at a time into two reused scratch arrays, and a question is asked only of a slice that
# holds its byte (a space, an e ...): fresh temporaries would cost more in page faults than the
# comparisons. tests/test_cleaning.py compares the answers with the joined text's on every
# ASCII character in every position and on Chinese names.

NAMES_PER_SLICE = 1 << 14  # 16K names: 7M ids 0.05 s, 7M Chinese names 0.24 s (0.41 s by 64K)
CJK_FIRST, CJK_LAST = 0x4E00, 0x9FEF  # CJK Unified Ideographs, as assigned since Unicode 11
_OFFSETS = {"string": np.int32, "large_string": np.int64}
_ASCII_HINTS = [h.encode("ascii") for h in TOTAL_HINTS if h.isascii()]
_CJK_HINT_TABLE = np.zeros(0x10000, dtype=bool)  # True at the code of each Chinese totals hint
_CJK_HINT_TABLE[[ord(h) for h in TOTAL_HINTS if not h.isascii()]] = True


def arrow_names_as_is(cells: pd.Series, names_per_slice: int = NAMES_PER_SLICE) -> bool | None:
    """For Arrow text: True when every name is printable ASCII and Chinese characters that
    ``clean_names`` keeps as they are; False when one is not (empty, untrimmed, a doubled space,
    ``#`` first, a totals hint in any case, a digit before e); None when a name holds any other
    character (ask the joined text)."""
    import pyarrow as pa

    chunked = pa.chunked_array(pa.array(cells.array))
    if chunked.null_count:
        return False
    scratch = _Scratch()
    for chunk in chunked.chunks:
        if str(chunk.type) not in _OFFSETS:
            return None
        for start in range(0, len(chunk), names_per_slice):
            answer = _slice_as_is(chunk.slice(start, names_per_slice), scratch)
            if answer is not True:
                return answer
    return True


class _Scratch:
    """Two bool arrays reused by every slice (``out=``): fresh temporaries for each slice cost
    more in page faults than the comparisons themselves."""

    def __init__(self):
        self.a = self.b = np.empty(0, dtype=bool)

    def __call__(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.a) < n:
            self.a, self.b = np.empty(2 * n, dtype=bool), np.empty(2 * n, dtype=bool)
        return self.a[:n], self.b[:n]


def _slice_as_is(names, scratch: _Scratch) -> bool | None:
    _, offsets_buffer, data_buffer = names.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=_OFFSETS[str(names.type)])
    offsets = offsets[names.offset:names.offset + len(names) + 1]
    starts, ends = offsets[:-1], offsets[1:]  # each name's bytes are text[starts[i]:ends[i]]
    if (ends == starts).any():
        return False  # an empty name
    text = np.frombuffer(data_buffer, dtype=np.uint8)
    base = int(offsets[0])
    data = text[base:int(offsets[-1])]
    a, b = scratch(len(data))

    def has(byte: int) -> bool:
        return bool(np.equal(data, byte, out=a).any())

    def within_names(at: np.ndarray, length: int) -> np.ndarray:
        """The positions (in ``text``) in ``at`` where ``length`` bytes lie within one name."""
        name = np.searchsorted(starts, at, side="right") - 1
        return at[at + length <= ends[name]]

    if data.min() < 0x20 or data.max() > 0x7E:  # not all printable ASCII
        np.greater_equal(data, 0x80, out=b)
        if not np.logical_or(np.less(data - 0x20, 0x5F, out=a), b, out=a).all():
            return None  # a control character or DEL
        answer = _chinese_as_is(data, b, text[starts])
        if answer is not True:
            return answer
    first, last = text[starts], text[ends - 1]
    if (first == ord(" ")).any() or (first == ord("#")).any() or (last == ord(" ")).any():
        return False  # untrimmed, or an Excel error value (#N/A, #REF!)
    if has(ord(" ")):
        np.logical_and(a[:-1], a[1:], out=b[:-1])
        if len(within_names(np.flatnonzero(b[:-1]) + base, 2)):
            return False  # a doubled space
    if has(ord("e")) | has(ord("E")):
        before_e = within_names(np.flatnonzero((data[1:] | 32) == ord("e")) + base, 2)
        if ((text[before_e] - ord("0")) < 10).any():
            return False  # a scientific id such as 6.22E+18
    for word in _ASCII_HINTS:
        if has(word[0]) | has(word[0] ^ 32):
            at = np.flatnonzero((data[:len(data) - len(word) + 1] | 32) == word[0]) + base
            at = within_names(at, len(word))
            for k in range(1, len(word)):
                at = at[(text[at + k] | 32) == word[k]]
            if len(at):
                return False
    return True


def _chinese_as_is(data: np.ndarray, high: np.ndarray, first_bytes: np.ndarray) -> bool | None:
    """With bytes of 0x80 and more (``high``): None unless they are all 3-byte characters from
    CJK_FIRST to CJK_LAST, each within one name; False for a Chinese totals hint."""
    leads = np.flatnonzero((data >= 0xE4) & (data <= 0xE9))  # a lead byte and two more,
    if 3 * len(leads) != np.count_nonzero(high) or leads[-1] + 2 >= len(data) or \
            ((first_bytes & 0xC0) == 0x80).any():  # and no name starts inside a character
        return None
    second, third = data[leads + 1], data[leads + 2]
    if not (((second & 0xC0) == 0x80) & ((third & 0xC0) == 0x80)).all():
        return None
    code = ((data[leads].astype(np.int32) & 0x0F) << 12) | ((second & 0x3F).astype(np.int32) << 6) \
        | (third & 0x3F)
    if not ((code >= CJK_FIRST) & (code <= CJK_LAST)).all():
        return None
    if _CJK_HINT_TABLE[code].any():
        return False  # 合计, 总计, 金额 ...
    return True
