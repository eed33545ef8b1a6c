"""How the explorers show a table to a student: Chinese headers, shares as percentages.

Only formatting: the numbers come from crmlab's pure functions unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

#: English column -> Chinese header, for every column an explorer shows.
HEADERS = {
    "customer": "客户", "class": "类别", "tier": "层级", "segment": "客户等级",
    "customers": "客户数", "customer_share": "客户数占比", "value": "价值合计",
    "value_share": "价值占比", "M_total": "消费金额合计（元）", "M_share": "金额占比",
    "R": "R（天）", "F": "F（次）", "M": "M（元）", "R_level": "R 等级", "F_level": "F 等级",
    "M_level": "M 等级", "strategy": "对应策略", "RFM_cell": "RFM 格子",
    "R_score": "R 分", "F_score": "F 分", "M_score": "M 分", "mean_M": "平均 M（元）",
    "clv": "终身价值 CLV（元）", "satisfaction": "满意度", "clv_level": "CLV 等级",
    "cs_level": "满意度等级",
}

SHARE_COLUMNS = ("customer_share", "value_share", "M_share")


def chinese_table(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The chosen columns with Chinese headers; share columns as text like "20.0%".

    >>> t = pd.DataFrame({"class": ["A"], "customers": [2], "customer_share": [0.2]})
    >>> chinese_table(t)
      类别  客户数 客户数占比
    0  A    2  20.0%
    """
    shown = frame[list(columns)] if columns is not None else frame
    shown = shown.copy()
    for column in SHARE_COLUMNS:
        if column in shown.columns:
            shown[column] = shown[column].map(lambda x: f"{x:.1%}")
    return shown.rename(columns=HEADERS)
