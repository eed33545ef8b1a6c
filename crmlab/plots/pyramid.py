"""Customer pyramid and whale curve, drawn from :mod:`crmlab.pyramid` output."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from crmlab.plots._base import (
    BLUE,
    GREY,
    NOTE_SIZE,
    PYRAMID_COLORS,
    RED,
    TITLE_SIZE,
    get_axes,
    money,
    percent_axis,
    require,
    style,
)
from crmlab.pyramid import PYRAMID_TIERS
from crmlab.summary import group_summary


def _draw_pyramid(ax: Axes, names: Sequence[str], notes: Sequence[str]) -> Axes:
    """Stack equal-height trapezoids into a triangle, top layer first, notes on the right."""
    n = len(names)
    for i, (name, note) in enumerate(zip(names, notes)):
        top, bottom = 1 - i / n, 1 - (i + 1) / n       # heights of the layer's edges
        half_top, half_bottom = (1 - top) / 2, (1 - bottom) / 2  # half widths (apex at 1)
        corners = [(-half_bottom, bottom), (half_bottom, bottom), (half_top, top), (-half_top, top)]
        ax.add_patch(Polygon(corners, closed=True, facecolor=PYRAMID_COLORS[i % 4],
                             edgecolor="white", lw=2, label=name))
        middle = (top + bottom) / 2
        if i > 0:  # the apex layer is too narrow for its name
            ax.text(0, middle, name, ha="center", va="center", fontsize=NOTE_SIZE + 2,
                    color="white" if i < 2 else "black")
        ax.text(0.56, middle, note, ha="left", va="center", fontsize=NOTE_SIZE + 2, linespacing=1.5)
    ax.set_xlim(-0.52, 1.35)
    ax.set_ylim(0, 1.02)
    ax.set_axis_off()
    return ax


def plot_pyramid(pyramid: pd.DataFrame, ax: Axes | None = None, *, value_name: str = "利润") -> Axes:
    """The four-tier customer pyramid with each tier's customers and profit.

    In: ``customer, value, tier`` (the output of ``customer_pyramid``). One trapezoid per tier,
    高端客户 at the top; beside each: head count and share, profit (元) and share. The legend
    holds the four tier names. Returns ``ax``.
    """
    require(pyramid, ["customer", "value", "tier"], "客户金字塔结果")
    ax = get_axes(ax, figsize=(10, 6))
    shares = group_summary(pyramid, "tier", PYRAMID_TIERS)
    notes = [f"{row.tier}：{row.customers} 位（{row.customer_share:.0%}）\n"
             f"{value_name} {money(row.value)}（{row.value_share:.0%}）"
             for row in shares.itertuples()]
    _draw_pyramid(ax, list(shares["tier"]), notes)
    ax.set_title("客户金字塔：各层人数与" + value_name, fontsize=TITLE_SIZE)
    return ax


def plot_course_pyramid(shares: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The course's pyramid of 2,126 customers (chapter 1): count and profit per group.

    In: ``group, customers, customer_share, profit, profit_share`` (the output of
    ``crmlab.pyramid.course_pyramid_shares``), top group first. Returns ``ax``.
    """
    require(shares, ["group", "customers", "customer_share", "profit", "profit_share"],
            "课程金字塔数据")
    ax = get_axes(ax, figsize=(10, 6))
    notes = [f"{row.group}：{row.customers:,} 位（{row.customer_share:.1%}）\n"
             f"利润 {money(row.profit, '美元')}（{row.profit_share:.0%}）"
             for row in shares.itertuples()]
    _draw_pyramid(ax, list(shares["group"]), notes)
    ax.set_title("不同客户创造的利润（课程案例）", fontsize=TITLE_SIZE)
    return ax


def plot_whale_curve(whale: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Cumulative share of profit against share of customers, most profitable first.

    In: ``customer_share, value_share`` (the output of ``whale_curve``, starting at the origin).
    The peak (where the loss-making customers start) is marked; a dashed line marks 100 %.
    Returns ``ax``.
    """
    require(whale, ["customer_share", "value_share"], "鲸鱼曲线数据")
    ax = get_axes(ax)
    x = whale["customer_share"].to_numpy(dtype=float)
    y = whale["value_share"].to_numpy(dtype=float)
    ax.plot(x, y, color=BLUE, lw=2.5, label="累计利润占比")
    ax.fill_between(x, y, color=BLUE, alpha=0.12)
    ax.axhline(1.0, color=GREY, ls="--", lw=1.2, label="全部利润（100%）")
    peak = int(np.argmax(y))
    if y[peak] > 1.0 + 1e-9:
        ax.plot([x[peak]], [y[peak]], "o", color=RED, ms=8, label="利润最高点")
        ax.annotate(f"前 {x[peak]:.0%} 的客户\n创造了 {y[peak]:.0%} 的利润",
                    (x[peak], y[peak]), xytext=(12, -40), textcoords="offset points",
                    fontsize=NOTE_SIZE, color=RED)
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(y.min())) - 0.02, max(1.0, float(y.max())) * 1.1)
    percent_axis(ax.xaxis)
    percent_axis(ax.yaxis)
    ax.grid(alpha=0.3)
    style(ax, "鲸鱼曲线：累计利润随客户数的变化", "客户累计占比（按利润从高到低）", "累计利润占比")
    ax.legend(loc="lower right", fontsize=NOTE_SIZE)
    return ax
