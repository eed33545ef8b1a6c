"""Shared pieces of the plot helpers: an axes, projector-sized fonts, colours, percent ticks.

Nothing here changes matplotlib's global settings; sizes are passed to each call instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from crmlab.errors import CrmlabError, require_columns

TITLE_SIZE = 16
LABEL_SIZE = 13
TICK_SIZE = 11
NOTE_SIZE = 11

# colour-blind-safe palette (Okabe-Ito), reused in every chart
BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999")
CLASS_COLORS = {"A": RED, "B": ORANGE, "C": SKY}
PYRAMID_COLORS = ("#B2182B", "#EF8A62", "#FDDBC7", "#D1E5F0")
SEGMENT_COLORS = {
    "重要价值客户": "#B2182B", "重要发展客户": "#E69F00", "重要保持客户": "#CC79A7",
    "重要挽留客户": "#8C510A", "一般价值客户": "#0072B2", "一般发展客户": "#56B4E9",
    "一般保持客户": "#009E73", "一般挽留客户": "#999999",
}


def get_axes(ax: Axes | None, figsize: tuple[float, float] = (9, 5.5)) -> Axes:
    """The given axes, or the axes of a new figure when ``ax`` is None."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def style(ax: Axes, title: str, xlabel: str = "", ylabel: str = "") -> Axes:
    """Chinese title and axis labels in projector-readable sizes."""
    ax.set_title(title, fontsize=TITLE_SIZE, pad=10)
    ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    return ax


def percent_axis(axis) -> None:
    """Show fractions (0.25) as percentages (25%) on an x or y axis."""
    axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def name_points(ax: Axes, xs, ys, names, fontsize: float = 11) -> Axes:
    """Write each name next to its point: above right, or below right when a point already
    named above sits close by at about the same height (the two names would run together).

    Close means within a tenth of the x range and a twentieth of the y range.
    """
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    x_span, y_span = (float(np.ptp(v)) or 1.0 for v in (xs, ys))
    named_above = []
    for x, y, name in zip(xs, ys, names):
        crowded = any(abs(x - a) < 0.1 * x_span and abs(y - b) < 0.05 * y_span for a, b in named_above)
        if not crowded:
            named_above.append((x, y))
        ax.annotate(name, (x, y), xytext=(6, -14 if crowded else 6), textcoords="offset points",
                    fontsize=fontsize)
    return ax


def require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Refuse a frame that is not a DataFrame, lacks the contract's columns, or is empty."""
    require_columns(frame, columns, what,
                    hint=f"这张图需要的列是 {'、'.join(columns)}；请传入对应函数的原始结果。")
    if frame.empty:
        raise CrmlabError(f"{what}是空的，没有可画的内容", hint="请先检查数据是否读入成功。")


def money(value: float, unit: str = "元") -> str:
    """An amount for a label, large ones in 万 (10,000).

    >>> money(12345.6), money(-142000), money(958000, "美元")
    ('12,346 元', '-14.2 万元', '95.8 万美元')
    """
    if abs(value) >= 100_000:
        return f"{value / 10_000:,.1f} 万{unit}"
    return f"{value:,.0f} {unit}"
