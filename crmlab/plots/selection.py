"""Customer selection charts: the weighted-score ranking, mutual fit, and two customers' growth."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlab.display import COLUMN_NAMES
from crmlab.plots._base import BLUE, GREY, NOTE_SIZE, ORANGE, RED, get_axes, require, style

FIT_COLORS = {"门当户对": RED, "高攀": ORANGE, "大材小用": BLUE, "暂不考虑": GREY}


def plot_selection_ranking(scores: pd.DataFrame, ax: Axes | None = None, *, name: str = "customer",
                           weights: Mapping[str, float] | None = None,
                           labels: Mapping[str, str] | None = None) -> Axes:
    """Candidates as horizontal bars of their weighted score, best on top.

    In: ``name, score, rank`` and ``<criterion>_norm`` columns (the output of
    ``weighted_scores``). With ``weights`` (the same dict given to ``weighted_scores``) each
    bar is split into what every criterion contributes (weight x normalised value), with
    ``labels`` giving the criteria Chinese names for the legend. Returns ``ax``.
    """
    require(scores, [name, "score", "rank"], "客户评分结果")
    ranked = scores.sort_values(["rank", name])
    ax = get_axes(ax, figsize=(10, max(4.0, 0.45 * len(ranked) + 1.5)))
    y = np.arange(len(ranked))[::-1]
    if weights:
        colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]
        left = np.zeros(len(ranked))
        for i, (criterion, weight) in enumerate(weights.items()):
            part = weight * ranked[f"{criterion}_norm"].to_numpy(dtype=float)
            ax.barh(y, part, left=left, color=colors[i % len(colors)],
                    label=(labels or {}).get(criterion, criterion))
            left += part
        ax.legend(fontsize=NOTE_SIZE, loc="lower right", title="各项贡献")
    else:
        ax.barh(y, ranked["score"].to_numpy(dtype=float), color=BLUE)
    for yi, score, rank in zip(y, ranked["score"], ranked["rank"]):
        ax.text(score + 0.01, yi, f"{score:.2f}（第 {rank} 名）", va="center", fontsize=NOTE_SIZE)
    ax.set_yticks(y, ranked[name].astype(str))
    ax.set_xlim(0, 1.25)
    ax.spines[["top", "right"]].set_visible(False)
    style(ax, "候选客户综合评分排名", "加权得分（0~1，越高越好）", "")
    return ax


def plot_growth(small: pd.DataFrame, large: pd.DataFrame, ax: Axes | None = None, *,
                small_label: str = "小客户", large_label: str = "大客户",
                overtake: int | None = None) -> Axes:
    """Two customers' business year by year (the IBM PC lesson: small customers can grow).

    In: two ``year, value`` frames (the output of ``growth_projection``) and optionally the
    year from ``overtake_year``, marked with a dotted line. Returns ``ax``.
    """
    require(small, ["year", "value"], "小客户增长数据")
    require(large, ["year", "value"], "大客户增长数据")
    ax = get_axes(ax)
    ax.plot(small["year"], small["value"], color=RED, lw=2.5, marker="o", label=small_label)
    ax.plot(large["year"], large["value"], color=GREY, lw=2.5, marker="s", label=large_label)
    if overtake is not None:
        ax.axvline(overtake, color=RED, ls=":", lw=1.5)
        ax.annotate(f"第 {overtake} 年反超", (overtake, ax.get_ylim()[1]), xytext=(6, -20),
                    textcoords="offset points", fontsize=NOTE_SIZE, color=RED)
    ax.grid(alpha=0.3)
    style(ax, "今天的小客户，明天可能是大客户", "年份（第几年）", "业务量")
    ax.legend(fontsize=NOTE_SIZE)
    return ax


def plot_mutual_fit(fitted: pd.DataFrame, ax: Axes | None = None, *, value_col: str = "score",
                    ability_col: str = "capability", name: str = "customer") -> Axes:
    """门当户对: each candidate as a point, its value to us against our ability to serve it.

    In: the output of ``mutual_fit`` (``fit`` and the two score columns, with the thresholds
    in ``attrs["thresholds"]``, drawn as dashed lines). Points are coloured by quadrant, the
    legend counts them, and every point is named. Returns ``ax``.
    """
    require(fitted, [name, value_col, ability_col, "fit"], "双向选择结果")
    ax = get_axes(ax, figsize=(10, 5.5))
    for fit, color in FIT_COLORS.items():
        part = fitted[fitted["fit"] == fit]
        ax.scatter(part[value_col], part[ability_col], s=70, color=color, edgecolor="white",
                   label=f"{fit}（{len(part)}）")
        for k, (x, y, label) in enumerate(zip(part[value_col], part[ability_col], part[name])):
            # alternate above / below: fewer overlaps
            ax.annotate(label, (x, y), xytext=(4, 4 if k % 2 == 0 else -12),
                        textcoords="offset points", fontsize=NOTE_SIZE - 2)
    thresholds = fitted.attrs.get("thresholds", {})
    if value_col in thresholds:
        ax.axvline(thresholds[value_col], color=GREY, ls="--", lw=1.2)
    if ability_col in thresholds:
        ax.axhline(thresholds[ability_col], color=GREY, ls="--", lw=1.2)
    ax.margins(0.12)
    ax.legend(fontsize=NOTE_SIZE, loc="center left", bbox_to_anchor=(1.01, 0.5))
    value_label = ("客户对我方的价值（加权得分）" if value_col == "score"
                   else f"客户对我方的价值：{COLUMN_NAMES.get(value_col, value_col)}")
    return style(ax, "门当户对：客户价值 × 我方服务能力", value_label, "我方服务该客户的能力")
