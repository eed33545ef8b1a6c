"""Per-customer aggregates on integer codes: the numpy fast path (see :mod:`crmlab._fast`).

A pandas groupby on a text column spends most of its time hashing and sorting the text
keys, and ``nunique`` on order ids hashes them again per group. Here the key column is
factorised once (:func:`factorize_text`: ``pd.factorize``, then only the distinct keys are
sorted, packed into integers) and every aggregate is one numpy call on the integer codes
(``np.bincount``, ``np.maximum.at``; crmlab requires numpy >= 1.25, where ``ufunc.at`` is
vectorised). No new dependency: numpy and pandas only. (Where pyarrow is installed,
:mod:`crmlab._fast.arrow` usually goes first.)

The results are exactly those of the plain pandas groupby (``tests/test_fast_paths.py``
checks it on random data). Where that cannot be guaranteed cheaply the functions return
``None`` (missing values, keys that are not text) and the caller takes the plain path.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab import money



def factorize_text(keys: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Text keys -> (codes, distinct keys, their sorted order); codes number by first appearance.

    ``values[codes]`` gives the keys back, row by row; ``values[order]`` is sorted as groupby
    sorts. Aggregate on ``codes``, then put the (few) results in ``order``: cheaper than
    renumbering every row. ``None`` when a key is missing or the column is not text (the
    caller then uses pandas).

    >>> codes, values, order = factorize_text(pd.Series(["乙", "甲", "乙", "丙"]))
    >>> codes.tolist(), values.tolist(), order.tolist()
    ([0, 1, 0, 2], ['乙', '甲', '丙'], [2, 0, 1])
    """
    if not pd.api.types.is_string_dtype(keys.dtype):
        return None
    arrow = "pyarrow" in str(getattr(keys.dtype, "storage", ""))
    if arrow:
        codes, uniques = pd.factorize(keys, sort=False)
    else:
        # Python strings hash faster as a plain object array than through pandas' StringArray,
        # and in a hash table sized for about 4 rows per key than in one sized for every row
        # (fewer cache misses; a table that fills up grows by itself)
        codes, uniques = pd.factorize(keys.to_numpy(dtype=object), sort=False,
                                      size_hint=max(len(keys) // 4, 1))
    if (codes < 0).any() or pd.api.types.infer_dtype(uniques, skipna=False) != "string":
        return None  # missing keys (code -1), or an object column with numbers in it
    values = np.asarray(uniques, dtype=object)
    # Arrow sorts its strings fastest; Python strings sort fastest packed into integers
    order = np.asarray(uniques.argsort(kind="stable")) if arrow else _argsort_text(values)
    return codes, values, order


def sorted_codes(keys: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Text keys -> (codes, uniques), ``uniques`` sorted as groupby sorts them.

    ``uniques[codes]`` gives the keys back, row by row. ``None`` as for :func:`factorize_text`.

    >>> codes, uniques = sorted_codes(pd.Series(["乙", "甲", "乙", "丙"]))
    >>> codes.tolist(), uniques.tolist()
    ([1, 2, 1, 0], ['丙', '乙', '甲'])
    """
    found = factorize_text(keys)
    if found is None:
        return None
    codes, values, order = found
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order), dtype=np.intp)
    return rank[codes], values[order]


def _argsort_text(values: np.ndarray) -> np.ndarray:
    """Order of distinct strings (an object array) by code point, like Python's ``sorted``.

    >>> _argsort_text(np.array(["b", "", "ab", "a"], dtype=object)).tolist()
    [1, 3, 2, 0]
    """
    if "\0" in "".join(values):
        return np.argsort(values, kind="stable")  # NUL is also numpy's padding: compare objects
    text = values.astype(str)  # fixed width, code points padded with NUL (0)
    words = _packed_code_points(text)
    if words is None:
        return np.argsort(text, kind="stable")  # numpy compares code points in C
    if len(words) == 1:  # distinct strings without NUL give distinct words: one order
        return np.argsort(words[0])
    return np.lexsort(words[::-1])


def _packed_code_points(text: np.ndarray, max_words: int = 4) -> list[np.ndarray] | None:
    """Fixed-width text -> a few uint64 words per string that sort like the strings.

    Each character takes as many bits as the largest code point needs, first character in
    the highest bits, so comparing the words in turn compares the strings character by
    character; padding is 0, so a prefix sorts first (the text must hold no NUL). Ids of
    ASCII up to 9 characters, or Chinese names up to 4, fit in one word, and numpy sorts
    integers several times faster than text. ``None`` when more than ``max_words`` words
    would be needed.

    >>> [w.tolist() for w in _packed_code_points(np.array(["ab", "b"]))]
    [[12514, 12544]]
    """
    chars = text.view(np.uint32).reshape(len(text), -1)
    bits = max(int(chars.max(initial=0)).bit_length(), 1)
    per_word = 64 // bits
    width = chars.shape[1]
    if -(-width // per_word) > max_words:
        return None
    words = []
    for start in range(0, width, per_word):
        word = np.zeros(len(text), dtype=np.uint64)
        for column in range(start, min(start + per_word, width)):
            word <<= np.uint64(bits)
            word |= chars[:, column]
        words.append(word)
    return words


def group_max(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Largest of ``values`` (int64 or datetime64) per code 0..n-1.

    >>> group_max(np.array([0, 1, 0]), np.array([5, 7, 9]), 2).tolist()
    [9, 7]
    """
    ints = values.view(np.int64)
    out = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(out, codes, ints)
    return out.view(values.dtype)


def group_fen(codes: np.ndarray, micros: np.ndarray, n: int) -> np.ndarray | None:
    """Totals per code in whole fen (:mod:`crmlab.money`'s rule), from int64 millionths.

    ``np.bincount`` adds in float64, which is exact for integers while every partial sum stays
    below 2**53 (checked: at most 9 billion yuan in all); above that, ``None`` (the plain path
    adds int64). Exact, so the order of adding never matters.

    >>> group_fen(np.array([0, 1, 0]), np.array([100_000, 5_000_000, 1_005_000]), 2).tolist()
    [111, 500]
    """
    if np.abs(micros).sum(dtype=np.float64) >= money.EXACT_FLOAT_LIMIT:
        return None
    sums = np.bincount(codes, weights=micros, minlength=n).astype(np.int64)
    return money.fen_from_micros(sums)


def group_count_distinct(codes: np.ndarray, other: pd.Series, n: int) -> np.ndarray:
    """Distinct values of ``other`` per code; each row where ``other`` is missing counts as one.

    >>> orders = pd.Series(["a", "a", "b", None, "c"])
    >>> group_count_distinct(np.array([0, 0, 0, 0, 1]), orders, 2).tolist()
    [3, 1]
    """
    other_codes, other_uniques = pd.factorize(other, sort=False)
    missing = other_codes < 0
    counts = np.bincount(codes[missing], minlength=n) if missing.any() else np.zeros(n, np.int64)
    codes, other_codes = codes[~missing], other_codes[~missing]
    k = len(other_uniques)
    if k == 0:
        return counts
    # usually an order belongs to one customer: then count each order once for its owner
    lowest = np.full(k, n, dtype=np.int64)
    highest = np.full(k, -1, dtype=np.int64)
    np.minimum.at(lowest, other_codes, codes)
    np.maximum.at(highest, other_codes, codes)
    if (lowest == highest).all():
        return counts + np.bincount(lowest, minlength=n)
    # an order id shared by several customers: count distinct (customer, order) pairs
    pairs = pd.unique(codes.astype(np.int64) * k + other_codes)
    return counts + np.bincount(pairs // k, minlength=n)


def descending_order(values: np.ndarray, keys: pd.Series) -> np.ndarray | None:
    """Row order by value descending, equal values by key ascending.

    The same order as ``frame.sort_values([value, key], ascending=[False, True],
    kind="mergesort")`` (ranking customers for ABC or the pyramid), without comparing
    strings row by row: the keys become sorted integer codes first. ``None`` when the keys
    are not all text or a value is missing.

    >>> descending_order(np.array([2.0, 5.0, 2.0]), pd.Series(["b", "c", "a"])).tolist()
    [1, 2, 0]
    """
    values = np.asarray(values, dtype=np.float64)
    if np.isnan(values).any():
        return None
    if pd.api.types.is_string_dtype(keys.dtype) and keys.is_monotonic_increasing:
        # already sorted by key (customer_totals and rfm_table are): a stable sort by value
        # keeps equal values in key order
        return np.argsort(-values, kind="stable")
    found = sorted_codes(keys)
    if found is None:
        return None
    return np.lexsort((found[0], -values))


def twice_average_rank_counted(values: pd.Series, ascending: bool = True) -> np.ndarray | None:
    """2 x ``values.rank(method="average", ascending=ascending)`` as exact int64, or ``None``.

    Equal values share the average of their ranks (so twice that is a whole number). Whole
    numbers in a small range (R in days, F in purchases) are counted with ``np.bincount``
    instead of sorted; anything else is ``None`` (the caller ranks with pandas).

    >>> twice_average_rank_counted(pd.Series([3, 1, 3, 2])).tolist()   # ranks 3.5, 1, 3.5, 2
    [7, 2, 7, 4]
    >>> twice_average_rank_counted(pd.Series([0.5, 1.5])) is None
    True
    """
    v = values.to_numpy()
    if v.dtype.kind in "iu" and len(v) and int(v.max()) - int(v.min()) <= 4 * len(v):
        offset = (v - v.min()) if ascending else (v.max() - v)
        counts = np.bincount(offset)
        below = np.cumsum(counts) - counts          # values ranked before this one
        return (2 * below[offset] + counts[offset] + 1).astype(np.int64)
    return None
