"""Per-customer last date, count and sum, grouped by pyarrow when pandas has it loaded.

pandas loads pyarrow whenever it is installed (Anaconda installs it, for one), and pandas 3
then keeps new text in Arrow. Such ids already sit in one contiguous buffer, and pyarrow's
own hash group-by (``Table.group_by``, C++) groups them there, without a Python object per
row; ids held as Python strings are copied into Arrow first, which still costs less than
hashing them as Python objects. crmlab does not depend on pyarrow: without it this path is
never taken (:func:`can_group`).

The result is exactly that of the plain pandas path (``tests/test_fast_paths.py``): the
distinct ids are sorted by code point (their UTF-8 bytes sort in the same order), and the
money is added as int64 millionths of a yuan (:mod:`crmlab.money`), exactly, in any order.
``None`` means "not here": a missing id, ids that are not text, totals too large for exact
int64 sums, a pyarrow too old for ``Table.group_by``.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from crmlab import money

_MAX_SORT_BYTES = 32  # longer ids are sorted by Arrow itself


def can_group(keys: pd.Series) -> bool:
    """True when pyarrow is loaded (pandas loads it if it is installed) and ``keys`` hold text.

    Never imports pyarrow itself: crmlab does not depend on it.
    """
    return "pyarrow" in sys.modules and pd.api.types.is_string_dtype(keys.dtype)


def is_arrow_text(keys: pd.Series) -> bool:
    """True when pandas stores ``keys`` as Arrow strings.

    >>> is_arrow_text(pd.Series(["甲"], dtype=object))
    False
    """
    return (pd.api.types.is_string_dtype(keys.dtype)
            and "pyarrow" in str(getattr(keys.dtype, "storage", "")))


def per_customer(keys: pd.Series, dates: np.ndarray, micros: np.ndarray):
    """(customers, last date, number of rows, total in yuan to whole fen), sorted by customer.

    ``micros`` are the amounts in int64 millionths of a yuan (:func:`crmlab.money.to_micros`).

    ``keys`` must be text (:func:`can_group`); ``dates`` datetime64 without gaps. ``None``
    when this path cannot give the exact result.
    """
    import pyarrow as pa

    micros = np.asarray(micros, dtype=np.int64)
    if not hasattr(pa.Table, "group_by") or np.abs(micros).sum(dtype=np.float64) >= 2**62:
        return None
    try:
        ids = _arrow_ids(keys)
    except (pa.lib.ArrowException, UnicodeError):  # a lone surrogate, say
        return None
    if ids is None or ids.null_count or not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        return None
    if pa.types.is_large_string(ids.type) and ids.nbytes < 2**31 - 1:
        ids = ids.cast(pa.string())  # Arrow groups 32-bit offsets several times faster
    table = pa.table({"c": ids, "d": pa.array(dates.view(np.int64)), "a": pa.array(micros)})
    try:
        grouping = table.group_by("c", use_threads=False)  # one order of adding per run
    except TypeError:  # pyarrow < 14 has no use_threads
        grouping = table.group_by("c")
    try:  # counting rows needs no column (pyarrow >= 13)
        groups = grouping.aggregate([("d", "max"), ("a", "sum"), ([], "count_all")])
    except (pa.lib.ArrowException, TypeError, ValueError):
        groups = grouping.aggregate([("d", "max"), ("a", "sum"), ("a", "count")])
    sums = groups["a_sum"].to_numpy()
    sizes = groups["count_all" if "count_all" in groups.column_names else "a_count"].to_numpy()
    distinct = groups["c"].combine_chunks()
    order = argsort_utf8(distinct)
    last = groups["d_max"].to_numpy()[order].view(dates.dtype)
    return (_as_pandas_text(distinct.take(pa.array(order))), last,
            sizes[order], money.yuan_from_fen(money.fen_from_micros(sums[order])))


def _arrow_ids(keys: pd.Series):
    """The ids as one Arrow array: as they are if pandas keeps them in Arrow, else copied.

    ``None`` for an object column holding anything but str (numbers, bytes, a gap): Arrow
    would turn bytes into text, where pandas groups them as bytes.
    """
    import pyarrow as pa

    if is_arrow_text(keys):
        ids = pa.array(keys)
        return ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    values = keys.to_numpy(dtype=object)
    if not isinstance(keys.dtype, pd.StringDtype) and pd.api.types.infer_dtype(
            values, skipna=False) != "string":  # a StringDtype column holds only str or gaps
        return None
    return pa.array(values, type=pa.string(), from_pandas=True)


def _as_pandas_text(ids):
    """Sorted ids as the plain path hands them on: in the dtype pandas infers for new text."""
    inferred = pd.Series(np.array(["x"], dtype=object)).dtype
    if is_arrow_text(pd.Series([], dtype=inferred)):
        return pd.array(ids, dtype=inferred)  # no copy, no Python strings
    return ids.to_numpy(zero_copy_only=False)


def argsort_utf8(ids) -> np.ndarray:
    """Order of an Arrow string array by code point (the way Python sorts str).

    UTF-8 bytes sort like the code points they encode. Each id's bytes, padded with zeros,
    are read as big-endian 64-bit words and sorted as integers (numpy sorts integers far
    faster than Arrow or numpy sort text); when an id holds a NUL byte, which the padding
    would hide, length breaks the last tie ("a" before "a\\0").

    Examples are in tests/test_fast_paths.py (they need pyarrow, which crmlab does not).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(ids)
    offsets = np.frombuffer(ids.buffers()[1], dtype=np.int64 if pa.types.is_large_string(ids.type)
                            else np.int32)[ids.offset:ids.offset + n + 1].astype(np.int64)
    lengths = np.diff(offsets)
    width = int(lengths.max(initial=0))
    if width > _MAX_SORT_BYTES:
        return np.asarray(pc.sort_indices(ids))
    data = np.frombuffer(ids.buffers()[2], dtype=np.uint8) if width else np.zeros(0, np.uint8)
    data = data[offsets[0]:offsets[-1]]
    padded = np.zeros((n, max(-(-width // 8), 1) * 8), dtype=np.uint8)
    if (lengths == width).all():  # ids of one length (card numbers, C0000042): one block
        padded[:, :width] = data.reshape(n, width)
    else:
        columns = np.arange(width)
        inside = columns < lengths[:, None]
        padded[:, :width][inside] = data[(offsets[:-1, None] - offsets[0] + columns)[inside]]
    words = list(padded.view(">u8").astype(np.uint64).T)
    if not data.all():
        words.append(lengths)  # a NUL byte looks like padding: the shorter id comes first
    if len(words) == 1:  # distinct ids give distinct words: any sort gives the one order
        return np.argsort(words[0])
    return np.lexsort(words[::-1])
