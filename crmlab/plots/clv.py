"""CLV year by year, the CLV-CS matrix and CPV-CLV quadrants, drawn from :mod:`crmlab.lifetime_value` output."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from crmlab.lifetime_value import CLV_CS_RULES, CPV_CLV_RULES
from crmlab.levels import threshold_value
from crmlab.plots._base import BLUE, GREEN, GREY, NOTE_SIZE, ORANGE, RED, get_axes, require, style

CLASS_COLORS = {"I": GREY, "II": ORANGE, "III": BLUE, "IV": RED}


def plot_clv_by_year(by_year: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """How one customer's lifetime value builds up: yearly bars, the running total, the limit.

    In: ``year, expected_value, cumulative, clv`` (the output of ``clv_by_year``). Bars for
    each year's discounted expected profit, a line for the cumulative (finite-horizon) CLV, and
    a dashed line at the no-horizon CLV that the cumulative line approaches. Returns ``ax``.
    """
    require(by_year, ["year", "expected_value", "cumulative", "clv"], "逐年终身价值")
    ax = get_axes(ax, figsize=(9, 4.5))
    later = by_year[by_year["year"] > 0]
    ax.bar(later["year"], later["expected_value"], color=ORANGE, alpha=0.8,
           label="当年的期望利润（折现后）")
    ax.plot(by_year["year"], by_year["cumulative"], color=BLUE, lw=2.5, marker="o",
            label="累计（有限年数的 CLV）")
    limit = float(by_year["clv"].iloc[0])
    ax.axhline(limit, color=GREY, ls="--", lw=1.5, label="终身价值（不限年数）")
    ax.set_ylim(0, max(limit, float(by_year["cumulative"].max())) * 1.12)
    ax.set_xticks(by_year["year"])
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=NOTE_SIZE, loc="center right")
    return style(ax, "一位客户的终身价值是怎样累积起来的", "第几年", "金额（元）")


def plot_clv_cs_matrix(classes: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The six-cell CLV-CS matrix: CLV 高/低 (rows) x satisfaction 低/中/高 (columns).

    In: ``clv_level, cs_level, class_name`` (the output of ``clv_cs_classes``). Each cell shows
    its class name and customer count and is shaded by the count (``ax.images[0]``). Cells
    without customers take their name from :data:`crmlab.lifetime_value.CLV_CS_RULES`. Returns ``ax``.
    """
    require(classes, ["clv_level", "cs_level", "class_name"], "CLV-CS 分类结果")
    ax = get_axes(ax, figsize=(9, 5.5))
    rows, cols = ["高", "低"], ["低", "中", "高"]
    counts = pd.crosstab(classes["clv_level"], classes["cs_level"]).reindex(
        index=rows, columns=cols, fill_value=0)
    names = {(r.clv_level, r.cs_level): r.class_name for r in CLV_CS_RULES.itertuples()}
    names.update({(r.clv_level, r.cs_level): r.class_name for r in classes.itertuples()})
    image = ax.imshow(counts.to_numpy(dtype=float), cmap="Blues", aspect="auto",
                      vmin=0, vmax=max(1, int(counts.to_numpy().max())))
    for i, clv_level in enumerate(rows):
        for j, cs_level in enumerate(cols):
            n = int(counts.iat[i, j])
            dark = image.norm(n) > 0.6
            ax.text(j, i, f"{names.get((clv_level, cs_level), '')}\n{n} 位", ha="center",
                    va="center", fontsize=NOTE_SIZE + 2, color="white" if dark else "black")
    ax.set_xticks(range(3), [f"满意度{c}" for c in cols])
    ax.set_yticks(range(2), [f"CLV {r}" for r in rows])
    style(ax, "CLV-CS 矩阵：终身价值 × 满意度", "客户满意度（CS）", "客户终身价值（CLV）")
    return ax


def plot_cpv_clv_quadrants(classes: pd.DataFrame, ax: Axes | None = None, *,
                           cpv_col: str = "perceived_value", clv_col: str = "clv",
                           cpv_threshold="mean", clv_threshold="mean") -> Axes:
    """Customers in the CPV-CLV plane, one colour per class (I-IV), quadrants named.

    In: ``class`` and the two value columns (the output of ``cpv_clv_classes``; pass the same
    column names and thresholds as there). Dashed lines mark the thresholds; each quadrant is
    labelled with its class and name from :data:`crmlab.lifetime_value.CPV_CLV_RULES`. Returns ``ax``.
    """
    require(classes, ["class", cpv_col, clv_col], "CPV-CLV 分类结果")
    ax = get_axes(ax, figsize=(9, 6.5))
    x_cut = threshold_value(classes[cpv_col].astype(float), cpv_threshold, cpv_col)
    y_cut = threshold_value(classes[clv_col].astype(float), clv_threshold, clv_col)
    for row in CPV_CLV_RULES.itertuples():
        part = classes[classes["class"] == row[1]]
        if len(part):
            ax.scatter(part[cpv_col], part[clv_col], s=70, color=CLASS_COLORS.get(row[1], GREEN),
                       edgecolor="white", label=f"{row[1]} {row.class_name}（{len(part)}）")
    ax.axvline(x_cut, color=GREY, ls="--", lw=1.2)
    ax.axhline(y_cut, color=GREY, ls="--", lw=1.2)
    ax.margins(0.15)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    corners = {("低", "低"): (x0, y0, "left", "bottom"), ("低", "高"): (x0, y1, "left", "top"),
               ("高", "低"): (x1, y0, "right", "bottom"), ("高", "高"): (x1, y1, "right", "top")}
    for row in CPV_CLV_RULES.itertuples():
        x, y, ha, va = corners[(row.cpv_level, row.clv_level)]
        ax.text(x, y, f" {row[1]} {row.class_name} ", ha=ha, va=va, fontsize=NOTE_SIZE + 1,
                color=CLASS_COLORS.get(row[1], GREEN))
    style(ax, "CPV-CLV 矩阵：客户感知价值 × 客户终身价值", "客户感知价值（CPV）",
          "客户终身价值（CLV）")
    ax.legend(fontsize=NOTE_SIZE, loc="center left", bbox_to_anchor=(1.01, 0.5))
    return ax



