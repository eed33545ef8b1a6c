"""Migration charts: the transition heatmap and a flow chart between two periods' tiers.

Input: :func:`crmlab.migration.migration_table` (rows: last period's tier + 新客户; columns:
this period's tier + 未再购买; counts). Plain matplotlib, nothing global.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as CurvePath

from crmlab.plots._base import SEGMENT_COLORS, get_axes, style

from crmlab.migration import GONE, NEW

OTHER_COLORS = {NEW: "#5aae61", GONE: "#d9d9d9"}


def _color(name: str) -> str:
    return SEGMENT_COLORS.get(name) or OTHER_COLORS.get(name, "#b0b0b0")


def plot_migration_heatmap(table: pd.DataFrame, ax: Axes | None = None, *, shares: bool = True) -> Axes:
    """Rows: last period's tier; columns: this period's tier. Each cell shows its count and, with
    ``shares``, the share of its row; shaded by that row share. ``ax.images[0]`` holds the
    shaded numbers. Returns ``ax``.
    """
    counts = table.to_numpy(dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    row_share = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    ax = get_axes(ax, figsize=(11, 8))
    ax.imshow(row_share, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            if counts[i, j] == 0:
                continue
            text = f"{int(counts[i, j])}" + (f"\n{row_share[i, j]:.0%}" if shares else "")
            ax.text(j, i, text, ha="center", va="center", fontsize=9,
                    color="white" if row_share[i, j] > 0.55 else "#222")
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], rotation=35,
                  ha="right")
    ax.set_yticks(range(len(table.index)), [f"{r}（{int(t)}）" for r, t in zip(table.index, totals[:, 0])])
    return style(ax, "客户等级迁移：上期 → 本期（格内：人数与占上期该等级的比例）",
                 xlabel="本期等级", ylabel="上期等级（人数）")


def _band(ax: Axes, y0: tuple[float, float], y1: tuple[float, float], color: str,
          x0: float = 0.12, x1: float = 0.88) -> None:
    """A band from the span ``y0`` at ``x0`` to the span ``y1`` at ``x1``, with smooth edges."""
    mid = (x0 + x1) / 2
    top = [(x0, y0[1]), (mid, y0[1]), (mid, y1[1]), (x1, y1[1])]
    bottom = [(x1, y1[0]), (mid, y1[0]), (mid, y0[0]), (x0, y0[0])]
    vertices = top + bottom + [top[0]]
    codes = ([CurvePath.MOVETO] + [CurvePath.CURVE4] * 3 + [CurvePath.LINETO]
             + [CurvePath.CURVE4] * 3 + [CurvePath.CLOSEPOLY])
    ax.add_patch(PathPatch(CurvePath(vertices, codes), facecolor=color, alpha=0.45,
                           edgecolor="none"))


def _stack(names, sizes, gap: float) -> dict:
    """Each name's span ``(bottom, top)`` in a column, the first name on top."""
    spans, top = {}, 1.0
    for name, size in zip(names, sizes):
        spans[name] = (top - size, top)
        top -= size + gap
    return spans


def plot_migration_flow(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """A flow (alluvial) chart: last period's tiers on the left, this period's on the right,
    a band per move as wide as the customers who made it. Empty tiers are left out.
    Returns ``ax``; ``ax.patches`` holds one Rectangle per tier and one band per move.
    """
    counts = table.astype(float)
    left = counts.sum(axis=1)
    right = counts.sum(axis=0)
    left, right = left[left > 0], right[right > 0]
    total = float(counts.to_numpy().sum()) or 1.0
    gap = 0.02
    scale = (1 - gap * (max(len(left), len(right)) - 1)) / total
    left_spans = _stack(left.index, left.to_numpy() * scale, gap)
    right_spans = _stack(right.index, right.to_numpy() * scale, gap)
    ax = get_axes(ax, figsize=(11, 8))
    for spans, x, sizes, align in ((left_spans, 0.0, left, "right"),
                                   (right_spans, 0.88, right, "left")):
        for name, (bottom, top) in spans.items():
            ax.add_patch(Rectangle((x, bottom), 0.12, top - bottom, facecolor=_color(name),
                                   edgecolor="white"))
            label_x = -0.01 if align == "right" else 1.01
            ax.text(label_x, (bottom + top) / 2, f"{name} {int(sizes[name])}", ha=align,
                    va="center", fontsize=10)
    used_left = {name: left_spans[name][1] for name in left_spans}
    used_right = {name: right_spans[name][1] for name in right_spans}
    for source in left.index:
        for target in right.index:
            width = counts.loc[source, target] * scale
            if width <= 0:
                continue
            y0 = (used_left[source] - width, used_left[source])
            y1 = (used_right[target] - width, used_right[target])
            used_left[source] -= width
            used_right[target] -= width
            _band(ax, y0, y1, _color(source))
    ax.set_xlim(-0.45, 1.45)
    lowest = min(span[0] for span in [*left_spans.values(), *right_spans.values()])
    ax.set_ylim(lowest - 0.02, 1.02)
    ax.axis("off")
    ax.text(0.06, 1.01, "上期", ha="center", va="bottom", fontsize=11, fontweight="bold")
    ax.text(0.94, 1.01, "本期", ha="center", va="bottom", fontsize=11, fontweight="bold")
    ax.set_title("客户在八类之间的流动（带子越宽，走这条路的客户越多）", pad=22)
    return ax
