"""Fast paths: exact optimisations of three methods, for data far larger than a classroom's.

Read the methods first, where they are defined plainly: :func:`crmlab.rfm.rfm_table` (a pandas
groupby), :func:`crmlab.abc_classification.rank_by_value` (a sort) and
:func:`crmlab.rfm.rfm_scores` (``Series.rank``). Classroom data (171 to about 10,000 rows) needs
nothing more. For the million-row targets in ``benchmarks/`` each of them first asks this
package; it answers with the same numbers computed another way, or ``None`` ("not here: take
the plain path"), which is also its answer whenever the switch is off.

* :data:`ENABLED` is the one switch. ``crmlab._fast.ENABLED = False`` (or
  ``with crmlab._fast.switched_off(): ...``) makes all three methods take their plain path;
  ``tests/test_fast_paths.py`` checks that both ways give equal results, in both text storages.
* :mod:`crmlab._fast.codes`: numpy on integer codes (one factorisation of the customer
  column, sorting the distinct ids packed into integers, ``np.bincount`` / ``np.maximum.at``,
  exact integer sums of money). Used without pyarrow, or with order ids.
* :mod:`crmlab._fast.arrow`: pyarrow's own group-by where pandas has pyarrow loaded (crmlab
  never imports pyarrow itself).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
import pandas as pd

from crmlab import money
from crmlab._fast import arrow, codes

#: The one switch: True lets rfm_table, rank_by_value and rfm_scores use the fast paths.
ENABLED = True


@contextlib.contextmanager
def switched_off() -> Iterator[None]:
    """Run a block with every fast path off (the plain definitions only).

    >>> import crmlab._fast
    >>> with switched_off():
    ...     crmlab._fast.ENABLED
    False
    """
    global ENABLED
    before, ENABLED = ENABLED, False
    try:
        yield
    finally:
        ENABLED = before


def per_customer(frame: pd.DataFrame, dates: pd.Series):
    """(customers, last purchase date, F, M rounded) sorted by customer, as ``rfm_table``'s
    plain groupby (``crmlab.rfm._per_customer_plain``) gives them, or ``None``.

    Where pandas has pyarrow, pyarrow's own group-by (:mod:`crmlab._fast.arrow`; not with order
    ids); otherwise, or where that steps aside, one factorisation of the customer column and
    numpy per code (:mod:`crmlab._fast.codes`). ``None`` (use the plain path) when switched off
    or when it cannot be exact: ids that are not all text, a missing id, amounts that are not
    plain numbers.
    """
    if not ENABLED:
        return None
    amounts = frame["amount"]
    if amounts.dtype.kind not in "fiu" or dates.dtype.kind != "M":
        return None
    amounts = amounts.to_numpy(dtype=np.float64)
    if not np.isfinite(amounts).all():
        return None
    micros = money.to_micros(amounts)
    if "order_id" not in frame.columns and arrow.can_group(frame["customer"]):
        found = arrow.per_customer(frame["customer"], dates.to_numpy(), micros)
        if found is not None:
            return found
    found = codes.factorize_text(frame["customer"])
    if found is None:
        return None
    keys, customers, order = found
    n = len(customers)
    sizes = np.bincount(keys, minlength=n)
    fen = codes.group_fen(keys, micros, n)
    if fen is None:
        return None
    monetary = money.yuan_from_fen(fen)
    last = codes.group_max(keys, dates.to_numpy(), n)
    if "order_id" in frame.columns:
        frequency = codes.group_count_distinct(keys, frame["order_id"], n)
    else:
        frequency = sizes
    return customers[order], last[order], frequency[order], monetary[order]


def descending_order(values: np.ndarray, keys: pd.Series) -> np.ndarray | None:
    """Row order by value descending, equal values by key ascending (``rank_by_value``'s sort),
    or ``None`` when switched off or the keys are not all text (:func:`codes.descending_order`).

    >>> descending_order(np.array([2.0, 5.0, 2.0]), pd.Series(["b", "c", "a"])).tolist()
    [1, 2, 0]
    """
    if not ENABLED:
        return None
    return codes.descending_order(values, keys)


def twice_average_rank(values: pd.Series, ascending: bool) -> np.ndarray | None:
    """2 x ``values.rank(method="average")`` counted instead of sorted (``rfm_scores``), for
    whole numbers in a small range; ``None`` otherwise or when switched off.

    >>> twice_average_rank(pd.Series([3, 1, 3, 2]), True).tolist()   # ranks 3.5, 1, 3.5, 2
    [7, 2, 7, 4]
    """
    if not ENABLED:
        return None
    return codes.twice_average_rank_counted(values, ascending)
