"""Money rules shared by every path that computes M: exact sums, one rounding rule.

M is the customer's total amount in whole fen (分). Each amount is taken to the millionth of a
yuan (an integer), the integers are added exactly, and the total is rounded to whole fen with
halves away from zero, as Excel's ROUND does and as ``ROUND`` on a DECIMAL does in DuckDB and
Spark SQL. So the pandas path, the fast paths and ``crmlab/sql/rfm_tiers.sql`` give the same M
whatever order they add in (1.005 元 is 1.01 元 everywhere; binary floats would make it 1.00).
"""

from __future__ import annotations

import numpy as np

from crmlab.errors import CrmlabError

MICROS_PER_YUAN = 1_000_000
MICROS_PER_FEN = 10_000
#: Above this many millionths in all, float sums of the integers stop being exact.
EXACT_FLOAT_LIMIT = 2**53


def to_micros(amounts) -> np.ndarray:
    """Amounts in yuan -> int64 millionths of a yuan.

    >>> to_micros([1.005, -0.1, 12]).tolist()
    [1005000, -100000, 12000000]
    """
    values = np.asarray(amounts, dtype=np.float64)
    if values.size and np.abs(values).max() * MICROS_PER_YUAN >= 2**62:
        raise CrmlabError(f"金额太大，无法精确相加：{np.abs(values).max():,.2f}",
                          hint="请检查金额列：是不是把编号或日期当成了金额？")
    return np.rint(values * MICROS_PER_YUAN).astype(np.int64)


def fen_from_micros(micros) -> np.ndarray:
    """Totals in millionths -> whole fen, halves away from zero.

    >>> fen_from_micros([1_005_000, -1_005_000, 1_004_999, 50_000]).tolist()
    [101, -101, 100, 5]
    """
    micros = np.asarray(micros, dtype=np.int64)
    magnitude = (np.abs(micros) + MICROS_PER_FEN // 2) // MICROS_PER_FEN
    return np.where(micros < 0, -magnitude, magnitude)


def yuan_from_fen(fen) -> np.ndarray:
    """Whole fen -> yuan as float (the nearest double to the two-decimal amount).

    >>> yuan_from_fen([101, -5]).tolist()
    [1.01, -0.05]
    """
    return np.asarray(fen, dtype=np.int64) / 100


def whole_fen(values) -> np.ndarray | None:
    """``values`` (yuan) as int64 fen when every one is a whole number of fen, else None.

    >>> whole_fen([1.01, 20.0]).tolist(), whole_fen([1.015])
    ([101, 2000], None)
    """
    values = np.asarray(values, dtype=np.float64)
    if not np.isfinite(values).all():
        return None
    fen = np.rint(values * 100)
    if np.abs(fen).max(initial=0) >= 2**53 or not np.array_equal(fen / 100, values):
        return None
    return fen.astype(np.int64)
