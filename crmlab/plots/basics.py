"""Chapter-1 charts: churn reasons, retention economics over years, the salon budget split.

Inputs come from :mod:`crmlab.crm_basics`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from crmlab.plots._base import (
    BLUE,
    GREEN,
    GREY,
    NOTE_SIZE,
    ORANGE,
    PURPLE,
    RED,
    SKY,
    get_axes,
    percent_axis,
    require,
    style,
)

CATEGORY_COLORS = {"企业因素": RED, "客户因素": GREY, "其他因素": SKY}


def plot_churn_reasons(reasons: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Why customers leave: one horizontal bar per reason, largest on top, coloured by category.

    In: ``category, reason, percent`` (the output of ``churn_reasons``; percent 0-100). Each bar
    is labelled with its percentage; the legend lists the categories. Returns ``ax``.
    """
    require(reasons, ["category", "reason", "percent"], "客户流失原因表")
    ordered = reasons.sort_values("percent", kind="stable").reset_index(drop=True)
    ax = get_axes(ax, figsize=(10, 5.5))
    y = np.arange(len(ordered))
    bars = ax.barh(y, ordered["percent"].to_numpy(dtype=float),
                   color=[CATEGORY_COLORS.get(c, BLUE) for c in ordered["category"]])
    ax.bar_label(bars, labels=[f"{p:g}%" for p in ordered["percent"]], padding=4,
                 fontsize=NOTE_SIZE)
    ax.set_yticks(y, ordered["reason"])
    ax.set_xlim(0, float(ordered["percent"].max()) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    seen = list(dict.fromkeys(reasons["category"]))
    handles = [bars[int(np.flatnonzero(ordered["category"].to_numpy() == c)[0])] for c in seen]
    ax.legend(handles, seen, fontsize=NOTE_SIZE, loc="lower right")
    style(ax, "客户为什么流失", "占流失客户的比例（%）", "")
    return ax


def plot_retention_economics(economics: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """One cohort of customers over the years: yearly profit (bars) and cumulative profit (line),
    with what keeping the customers costs against what replacing the lost ones would cost.

    In: ``year, profit, cumulative_profit, retention_spend, replacement_cost`` (the output of
    ``retention_economics``). Bars: profit per year (red when negative). Lines, in order:
    cumulative profit, retention spend, replacement cost. Returns ``ax``.
    """
    require(economics, ["year", "profit", "cumulative_profit", "retention_spend",
                        "replacement_cost"], "客户保留经济账")
    ax = get_axes(ax, figsize=(10, 6))
    year = economics["year"].to_numpy()
    profit = economics["profit"].to_numpy(dtype=float)
    ax.bar(year, profit, color=[GREEN if p >= 0 else RED for p in profit], alpha=0.8)
    ax.plot(year, economics["cumulative_profit"], color=BLUE, lw=2.5, marker="o", label="累计利润")
    later = year > 0
    ax.plot(year[later], economics["retention_spend"].to_numpy()[later], color=PURPLE, lw=2,
            ls="--", marker="s", label="保留老客户的投入")
    ax.plot(year[later], economics["replacement_cost"].to_numpy()[later], color=ORANGE, lw=2,
            ls="--", marker="^", label="补回流失客户的获客成本")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(year, [f"第 {y} 年" for y in year])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.grid(axis="y", alpha=0.3)
    style(ax, "留住老客户的经济账", "", "金额（元）")
    bars = [Patch(color=GREEN, alpha=0.8, label="当年利润（盈利）"),
            Patch(color=RED, alpha=0.8, label="当年利润（亏损）")]
    ax.legend(handles=bars + ax.get_legend_handles_labels()[0], fontsize=NOTE_SIZE)
    return ax


def plot_salon_budget(salon: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The beauty-salon case: per customer group its share of customers, sales and budget.

    In: ``group, customer_share, sales_share, budget_share`` (the output of ``salon_budget``).
    Three bars per group; a share the case does not state (NaN) is drawn as an empty bar
    labelled 未给出. Returns ``ax``.
    """
    columns = {"customer_share": ("顾客占比", GREY), "sales_share": ("销售额占比", BLUE),
               "budget_share": ("营销预算占比", ORANGE)}
    require(salon, ["group", *columns], "美容店案例数据")
    ax = get_axes(ax, figsize=(9, 5.5))
    x = np.arange(len(salon))
    width = 0.26
    for k, (column, (label, color)) in enumerate(columns.items()):
        values = salon[column].to_numpy(dtype=float)
        bars = ax.bar(x + (k - 1) * width, np.nan_to_num(values), width, color=color, label=label)
        ax.bar_label(bars, labels=["未给出" if np.isnan(v) else f"{v:.0%}" for v in values],
                     padding=2, fontsize=NOTE_SIZE)
    ax.set_xticks(x, salon["group"])
    ax.set_ylim(0, 0.75)
    percent_axis(ax.yaxis)
    style(ax, "美容连锁店：营销预算向重点顾客倾斜", "顾客分组", "占比")
    ax.legend(fontsize=NOTE_SIZE)
    return ax
