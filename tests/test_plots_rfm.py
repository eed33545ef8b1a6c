"""crmlab/plots/rfm.py: heatmap cells, tier bars, histograms with thresholds, scatter by tier."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab.errors import CrmlabError  # noqa: E402
from crmlab.plots import plot_rfm_heatmap, plot_rfm_histograms, plot_rfm_scatter, plot_tier_bars  # noqa: E402

# four customers; means R = 10, F = 4, M = 250, so (ties count as 高 for F and M, 高 for R <= 10):
# a: R 2 高, F 7 高, M 400 高 -> 重要价值客户;  b: R 6 高, F 1 低, M 300 高 -> 重要发展客户
# c: R 14 低, F 5 高, M 200 低 -> 一般保持客户;  d: R 18 低, F 3 低, M 100 低 -> 一般挽留客户
SEGMENTED = pd.DataFrame({
    "customer": list("abcd"), "R": [2, 6, 14, 18], "F": [7, 1, 5, 3],
    "M": [400.0, 300.0, 200.0, 100.0],
    "R_level": ["高", "高", "低", "低"], "F_level": ["高", "低", "高", "低"],
    "M_level": ["高", "高", "低", "低"],
    "segment": ["重要价值客户", "重要发展客户", "一般保持客户", "一般挽留客户"],
})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_heatmap_cells_mean_m_with_recent_rows_on_top():
    ax = plot_rfm_heatmap(SEGMENTED)
    grid = ax.images[0].get_array()
    # rows R 高, 低; columns F 低, 高
    assert grid.tolist() == [[300.0, 400.0], [100.0, 200.0]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["高", "低"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["低", "高"]
    assert [t.get_text() for t in ax.texts] == ["1 位\n平均 300 元", "1 位\n平均 400 元",
                                                "1 位\n平均 100 元", "1 位\n平均 200 元"]
    assert ax.get_title() == "R × F 等级热力图（颜色：平均消费金额）"


def test_heatmap_by_count_and_empty_cells():
    frame = SEGMENTED.assign(R_level=["高", "高", "高", "低"], F_level=["高", "高", "低", "低"])
    ax = plot_rfm_heatmap(frame, shade="count")
    assert ax.images[0].get_array().tolist() == [[1.0, 2.0], [1.0, 0.0]]
    assert ax.texts[3].get_text() == "0 位"


def test_heatmap_by_score_is_five_by_five():
    scored = SEGMENTED.assign(R_score=[5, 4, 2, 1], F_score=[5, 1, 4, 2])
    ax = plot_rfm_heatmap(scored, by="score", shade="count")
    grid = ax.images[0].get_array()
    assert grid.shape == (5, 5)
    assert grid[0, 4] == 1 and grid[1, 0] == 1 and grid[3, 3] == 1 and grid[4, 1] == 1
    assert grid.sum() == 4
    with pytest.raises(CrmlabError, match="shade"):
        plot_rfm_heatmap(SEGMENTED, shade="利润")


def test_tier_bars():
    summary = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户"], "customers": [3, 1],
                            "customer_share": [0.75, 0.25], "M_total": [900.0, 100.0],
                            "M_share": [0.9, 0.1]})
    ax = plot_tier_bars(summary)
    assert [p.get_width() for p in ax.patches] == [3, 1]
    assert ax.patches[0].get_y() > ax.patches[1].get_y()  # first tier on top
    by_height = sorted((t.get_position()[1], t.get_text()) for t in ax.get_yticklabels())
    assert [text for _, text in by_height] == ["一般挽留客户", "重要价值客户"]  # bottom to top
    assert [t.get_text() for t in ax.texts] == ["3 位（75%），金额占 90%", "1 位（25%），金额占 10%"]


def test_histograms_mark_the_mean_on_given_axes():
    fig, axes = plt.subplots(1, 3)
    out = plot_rfm_histograms(SEGMENTED, axes=axes)
    assert out == list(axes) and len(fig.axes) == 3
    assert [ax.lines[0].get_xdata()[0] for ax in out] == [10.0, 4.0, 250.0]
    assert sum(p.get_height() for p in out[0].patches) == 4  # every customer counted once
    assert out[1].get_legend().get_texts()[0].get_text() == "平均值 4.0"
    assert out[2].get_xlabel() == "消费金额 M（元）"
    with pytest.raises(CrmlabError, match="需要 3 个子图"):
        plot_rfm_histograms(SEGMENTED, axes=axes[:2])


def test_histograms_median_threshold():
    axes = plot_rfm_histograms(SEGMENTED, threshold="median")
    assert [ax.lines[0].get_xdata()[0] for ax in axes] == [10.0, 4.0, 250.0]
    assert axes[0].get_legend().get_texts()[0].get_text() == "中位数 10.0"


def test_scatter_one_collection_per_tier_in_table_order():
    ax = plot_rfm_scatter(SEGMENTED)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["重要价值客户（1）", "重要发展客户（1）", "一般保持客户（1）", "一般挽留客户（1）"]
    assert np.asarray(ax.collections[0].get_offsets()).tolist() == [[2.0, 7.0]]
    assert ax.xaxis_inverted()  # recent customers on the right
    assert ax.lines[0].get_xdata()[0] == 10.0 and ax.lines[1].get_ydata()[0] == 4.0


def test_scatter_ticks_whole_days_and_purchases(chinese_fonts):
    # F runs from 1 to 7: matplotlib's default ticks would include 1.5 次, 2.5 次 ...
    few = SEGMENTED.assign(F=[2, 1, 2, 1], R=[1, 2, 3, 3])
    for x, y in (("R", "F"), ("F", "M")):
        ax = plot_rfm_scatter(few, x=x, y=y)
        ax.figure.canvas.draw()
        whole = [ax.get_xticks()] + ([ax.get_yticks()] if y == "F" else [])
        assert all(float(t).is_integer() for ticks in whole for t in ticks)


def test_scatter_ticks_stay_whole_when_every_customer_bought_once(chinese_fonts):
    """Every F is 1 (a new shop's first month): one whole tick, not 0.95 / 1.00 / 1.05 次."""
    once = SEGMENTED.assign(F=[1, 1, 1, 1])
    ax = plot_rfm_scatter(once)
    ax.figure.canvas.draw()
    low, high = ax.get_ylim()
    shown = [t for t in ax.get_yticks() if low <= t <= high]
    assert shown and all(float(t).is_integer() for t in shown)


def test_scatter_f_m():
    ax = plot_rfm_scatter(SEGMENTED, x="F", y="M")
    assert np.asarray(ax.collections[1].get_offsets()).tolist() == [[1.0, 300.0]]
    assert ax.get_xlabel() == "消费频率 F（次）" and ax.get_ylabel() == "消费金额 M（元）"
    assert not ax.xaxis_inverted()
