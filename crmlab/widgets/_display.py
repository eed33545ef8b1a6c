"""How the explorers show a table to a student: Chinese headers, shares as percentages.

Only formatting: the numbers come from crmlab's pure functions unchanged, and the headers
come from the one glossary, :data:`crmlab.display.COLUMN_NAMES` (through :func:`crmlab.zh`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from crmlab.display import zh

SHARE_COLUMNS = ("customer_share", "value_share", "M_share")


def chinese_table(frame: pd.DataFrame, columns: Sequence[str] | None = None,
                  **extra: str) -> pd.DataFrame:
    """The chosen columns with Chinese headers; share columns as text like "20.0%", other
    decimal numbers with thousands separators and two decimals ("2,823,669.56").

    ``extra`` overrides a glossary header for this one table, as in :func:`crmlab.zh`.

    >>> t = pd.DataFrame({"class": ["A"], "customers": [2], "customer_share": [0.2],
    ...                   "value": [2823669.555]})
    >>> chinese_table(t)
      类别  客户数 客户数占比            价值
    0  A    2  20.0%  2,823,669.56
    """
    shown = frame[list(columns)] if columns is not None else frame
    shown = shown.copy()
    for column in SHARE_COLUMNS:
        if column in shown.columns:
            shown[column] = shown[column].map(lambda x: f"{x:.1%}")
    for column in shown.columns:
        if column not in SHARE_COLUMNS and pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(lambda x: f"{x:,.2f}")
    return zh(shown, **extra)
