"""Pareto chart and ABC class chart, drawn from :func:`crmlab.abc_classification.abc_analysis` output."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from crmlab.plots._base import (
    BLUE,
    CLASS_COLORS,
    GREY,
    LABEL_SIZE,
    NOTE_SIZE,
    TICK_SIZE,
    get_axes,
    percent_axis,
    require,
    style,
)
from crmlab.summary import group_summary

ABC_COLUMNS = ["customer", "rank", "value", "cum_share", "class"]
#: Above this many customers the Pareto chart draws filled areas instead of one bar each.
MAX_BARS = 200


def plot_pareto(abc_result: pd.DataFrame, ax: Axes | None = None, *, mark: float = 0.8,
                value_label: str = "消费金额（元）") -> Axes:
    """Bars of each customer's value (ranked, coloured by ABC class) and the cumulative share.

    In: ``customer, rank, value, cum_share, class`` (the output of ``abc_analysis``). The bars
    are on ``ax`` (above ``MAX_BARS`` customers, one filled step area per class, which draws
    in a fraction of the time); the cumulative share line is on a twin axis (0-100 %), reachable as
    ``ax.right_ax``. A dashed line marks ``mark`` (80 %). Returns ``ax``.
    """
    require(abc_result, ABC_COLUMNS, "ABC 分析结果")
    ax = get_axes(ax)
    ranked = abc_result.sort_values("rank")
    x = ranked["rank"].to_numpy()
    colors = [CLASS_COLORS.get(c, GREY) for c in ranked["class"]]
    values = ranked["value"].to_numpy()
    if len(x) <= MAX_BARS:
        ax.bar(x, values, color=colors, width=0.85 if len(x) < 60 else 1.0)
    else:  # a thousand bars take seconds to draw; one filled step area per class looks the same
        for abc_class in pd.unique(ranked["class"]):
            inside = (ranked["class"] == abc_class).to_numpy()
            ax.fill_between(x[inside], values[inside], step="mid", lw=0,
                            color=CLASS_COLORS.get(abc_class, GREY))
    style(ax, "帕累托图：少数客户贡献了大部分金额", "客户（按金额从高到低排列）", value_label)
    if len(x) <= 20:
        ax.set_xticks(x, ranked["customer"].astype(str), rotation=45, ha="right")
    right = ax.twinx()
    right.plot(np.r_[0, x], np.r_[0.0, ranked["cum_share"].to_numpy()], color=BLUE, lw=2.5,
               marker="o" if len(x) <= 30 else None, label="累计占比")
    right.axhline(mark, color=GREY, ls="--", lw=1.2)
    right.text(x[-1], mark, f" {mark:.0%}", va="bottom", ha="right", fontsize=NOTE_SIZE, color=GREY)
    right.set_ylim(0, 1.05)
    right.set_xlim(ax.get_xlim()[0] if len(x) > 1 else 0, ax.get_xlim()[1])
    percent_axis(right.yaxis)
    right.set_ylabel("累计金额占比", fontsize=LABEL_SIZE, color=BLUE)
    right.tick_params(labelsize=TICK_SIZE, colors=BLUE, axis="y")
    handles = [Patch(color=CLASS_COLORS[c], label=f"{c} 类客户") for c in CLASS_COLORS
               if c in set(ranked["class"])]
    handles.append(Line2D([], [], color=BLUE, lw=2.5, label="累计占比"))
    ax.legend(handles=handles, loc="center right", fontsize=NOTE_SIZE)
    ax.right_ax = right
    return ax


def plot_abc_classes(abc_result: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Side by side per ABC class: its share of customers and its share of value.

    In: ``class`` and ``value`` columns (the output of ``abc_analysis``). Two bars per class
    (customer share first, value share second), labelled with the percentage. Returns ``ax``.
    """
    require(abc_result, ["class", "value"], "ABC 分析结果")
    ax = get_axes(ax, figsize=(8, 5.5))
    shares = group_summary(abc_result, "class", list(CLASS_COLORS))
    x = np.arange(len(shares))
    width = 0.38
    people = ax.bar(x - width / 2, shares["customer_share"], width, color=GREY, label="客户数占比")
    money = ax.bar(x + width / 2, shares["value_share"], width,
                   color=[CLASS_COLORS[c] for c in shares["class"]], label="金额占比")
    for bars in (people, money):
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in bars.datavalues], fontsize=NOTE_SIZE,
                     padding=2)
    ax.set_xticks(x, [f"{c} 类\n（{n} 位客户）" for c, n in zip(shares["class"], shares["customers"])])
    ax.set_ylim(0, max(1.0, float(shares[["customer_share", "value_share"]].max().max())) * 1.1)
    percent_axis(ax.yaxis)
    style(ax, "ABC 分类：各类客户的人数占比与金额占比", "客户类别", "占比")
    ax.legend(fontsize=NOTE_SIZE)
    return ax
