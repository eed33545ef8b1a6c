"""RFM charts: level heatmap, tier bars, R/F/M histograms, scatter coloured by tier.

Inputs follow :mod:`crmlab.rfm`: ``rfm_table`` (customer, R, F, M), ``rfm_segments`` (+ R_level,
F_level, M_level, segment), ``rfm_scores`` (+ R_score, F_score, M_score), ``segment_summary``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from crmlab.errors import CrmlabError
from crmlab.plots._base import (
    BLUE,
    GREY,
    NOTE_SIZE,
    RED,
    SEGMENT_COLORS,
    get_axes,
    money,
    name_points,
    require,
    style,
)
from crmlab.rfm import rfm_thresholds

NAMES = {"R": "最近一次消费 R（天）", "F": "消费频率 F（次）", "M": "消费金额 M（元）"}
SHORT = {"R": "最近一次消费 R", "F": "消费频率 F", "M": "消费金额 M"}
HIGH, LOW = "高", "低"


def plot_rfm_heatmap(frame: pd.DataFrame, ax: Axes | None = None, *, shade: str = "M",
                     by: str = "level") -> Axes:
    """R level x F level grid, each cell shaded by its customers' mean M (or by head count).

    In: ``R_level, F_level, M`` (``rfm_segments`` output; 高/低) for ``by="level"``, or
    ``R_score, F_score, M`` (``rfm_scores`` output, 1..5) for ``by="score"``. ``shade`` is
    "M" (mean 消费金额 of the cell) or "count" (customers). Rows: R, recent (高 / 5) at the top;
    columns: F, frequent (高 / 5) on the right. Each cell is labelled with its count and mean M.
    The image is ``ax.images[0]``; its array holds the shaded numbers. Returns ``ax``.
    """
    if shade not in ("M", "count"):
        raise CrmlabError(f"shade={shade!r} 不认识",
                          hint='请用 shade="M"（按平均消费金额着色）或 shade="count"（按人数）。')
    if by not in ("level", "score"):
        raise CrmlabError(f"by={by!r} 不认识",
                          hint='请用 by="level"（高/低两级）或 by="score"（1~5 分）。')
    rows, cols = ("R_level", "F_level") if by == "level" else ("R_score", "F_score")
    require(frame, [rows, cols, "M"], "RFM 分级结果")
    if by == "level":
        row_order, col_order = [HIGH, LOW], [LOW, HIGH]
    else:
        top = int(max(frame[rows].max(), frame[cols].max(), 5))
        row_order, col_order = list(range(top, 0, -1)), list(range(1, top + 1))
    ax = get_axes(ax, figsize=(7.5, 6) if by == "level" else (9, 7))
    counts = pd.crosstab(frame[rows], frame[cols]).reindex(index=row_order, columns=col_order,
                                                          fill_value=0)
    means = frame.pivot_table(index=rows, columns=cols, values="M", aggfunc="mean", observed=False)
    means = means.reindex(index=row_order, columns=col_order)
    shown = counts.to_numpy(dtype=float) if shade == "count" else means.to_numpy(dtype=float)
    # the scale starts at 0, so that 7 vs 8 customers does not look like light vs dark
    low = min(0.0, float(np.nanmin(shown))) if np.isfinite(shown).any() else 0.0
    image = ax.imshow(np.ma.masked_invalid(shown), cmap="Oranges", aspect="auto", vmin=low)
    size = NOTE_SIZE + 2 if by == "level" else NOTE_SIZE - 1
    for i in range(len(row_order)):
        for j in range(len(col_order)):
            n = int(counts.iat[i, j])
            text = f"{n} 位\n平均 {money(means.iat[i, j])}" if n else "0 位"
            dark = np.isfinite(shown[i, j]) and image.norm(shown[i, j]) > 0.6
            ax.text(j, i, text, ha="center", va="center", fontsize=size,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(col_order)), [str(c) for c in col_order])
    ax.set_yticks(range(len(row_order)), [str(r) for r in row_order])
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.85)
    bar.set_label("人数（位）" if shade == "count" else "平均消费金额 M（元）", fontsize=NOTE_SIZE)
    what = "人数" if shade == "count" else "平均消费金额"
    kind = "等级" if by == "level" else "得分"
    style(ax, f"R × F {kind}热力图（颜色：{what}）", f"消费频率 F {kind}", f"最近一次消费 R {kind}")
    return ax


def plot_tier_bars(summary: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Customers per RFM tier as horizontal bars, labelled with head count and share of M.

    In: ``segment, customers, customer_share, M_share`` (the output of ``segment_summary``), drawn
    top to bottom in the frame's order (Table 5-2 order). Returns ``ax``.
    """
    require(summary, ["segment", "customers", "customer_share", "M_share"], "客户分级汇总")
    ax = get_axes(ax, figsize=(10, 6))
    y = np.arange(len(summary))[::-1]
    colors = [SEGMENT_COLORS.get(s, GREY) for s in summary["segment"]]
    bars = ax.barh(y, summary["customers"].to_numpy(), color=colors)
    labels = [f"{n} 位（{c:.0%}），金额占 {m:.0%}" for n, c, m in
              zip(summary["customers"], summary["customer_share"], summary["M_share"])]
    ax.bar_label(bars, labels=labels, padding=4, fontsize=NOTE_SIZE)
    ax.set_yticks(y, summary["segment"])
    ax.set_xlim(0, max(1, int(summary["customers"].max())) * 1.55)
    ax.spines[["top", "right"]].set_visible(False)
    style(ax, "RFM 八类客户的人数与金额占比", "客户数（位）", "")
    return ax


def plot_rfm_histograms(rfm: pd.DataFrame, axes: Sequence[Axes] | None = None, *,
                        threshold="mean", bins: int = 15) -> list[Axes]:
    """Histograms of R, F and M with the 高/低 threshold marked as a dashed line.

    In: ``R, F, M`` (``rfm_table`` output). ``axes``: three axes, or None for a new figure with
    three side by side. ``threshold`` is passed to ``rfm_thresholds`` ("mean", "median" or a
    dict). Returns the three axes.
    """
    require(rfm, ["R", "F", "M"], "RFM 表")
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(14, 4.5), layout="constrained")
    axes = list(np.ravel(axes))
    if len(axes) != 3:
        raise CrmlabError(f"需要 3 个子图（R、F、M 各一个），现在给了 {len(axes)} 个",
                          hint="例如 fig, axes = plt.subplots(1, 3)，再传 axes=axes。")
    cuts = rfm_thresholds(rfm, threshold)
    word = {"mean": "平均值", "median": "中位数"}.get(threshold, "阈值") \
        if isinstance(threshold, str) else "阈值"
    for ax, metric, color in zip(axes, ("R", "F", "M"), (BLUE, "#009E73", "#E69F00")):
        values = rfm[metric].to_numpy(dtype=float)
        ax.hist(values, bins=bins if len(np.unique(values)) > bins else _integer_bins(values),
                color=color, edgecolor="white")
        ax.axvline(cuts[metric], color=RED, ls="--", lw=2, label=f"{word} {cuts[metric]:,.1f}")
        ax.legend(fontsize=NOTE_SIZE)
        style(ax, f"{SHORT[metric]}的分布", NAMES[metric], "客户数（位）")
    return axes


def _integer_bins(values: np.ndarray) -> np.ndarray:
    low, high = float(np.min(values)), float(np.max(values))
    return np.arange(np.floor(low) - 0.5, np.ceil(high) + 1.5)


def plot_rfm_scatter(segmented: pd.DataFrame, ax: Axes | None = None, *, x: str = "R",
                     y: str = "F", threshold="mean", name_customers: bool = False,
                     legend: bool = True) -> Axes:
    """Scatter of two of R, F, M (R-F or F-M), one colour per RFM tier, thresholds dashed.

    In: ``segment`` and the two metric columns (``rfm_segments`` output). One scatter
    collection per tier present, in ``SEGMENT_COLORS`` order, so the legend lists the tiers
    (``legend=False`` leaves it out, for a second chart beside the first).
    ``name_customers=True`` writes each ``customer`` next to its point (for a few customers).
    Returns ``ax``.
    """
    require(segmented, ["segment", "R", "F", "M"] + (["customer"] if name_customers else []),
            "RFM 分级结果")
    ax = get_axes(ax, figsize=(10, 6.5))
    cuts = rfm_thresholds(segmented[["R", "F", "M"]], threshold)
    order = list(SEGMENT_COLORS)
    order += [s for s in pd.unique(segmented["segment"]) if s not in SEGMENT_COLORS]
    for segment in order:
        part = segmented[segmented["segment"] == segment]
        if len(part):
            ax.scatter(part[x], part[y], s=70, alpha=0.85, color=SEGMENT_COLORS.get(segment, GREY),
                       marker="o" if segment.startswith("重要") else "s",
                       edgecolor="white", linewidth=0.5, label=f"{segment}（{len(part)}）")
    ax.axvline(cuts[x], color=GREY, ls="--", lw=1.2)
    ax.axhline(cuts[y], color=GREY, ls="--", lw=1.2)
    if x == "R":
        ax.invert_xaxis()  # recent (small R, 高) on the right, like high F and M
    for axis, metric in ((ax.xaxis, x), (ax.yaxis, y)):
        if metric in ("R", "F"):  # days and purchases are whole numbers: no 1.25 次 ticks
            axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))  # (even when all F are 1)
    ax.margins(0.1)  # room for a name written next to a point at the edge
    style(ax, f"{x}-{y} 散点图（颜色：客户分级）", NAMES[x], NAMES[y])
    if legend:
        ax.legend(fontsize=NOTE_SIZE - 1, loc="center left", bbox_to_anchor=(1.01, 0.5),
                  title="客户分级（人数）", title_fontsize=NOTE_SIZE)
    if name_customers:
        name_points(ax, segmented[x], segmented[y], segmented["customer"])
    ax.grid(alpha=0.25)
    return ax
