"""crmlab/plots/pyramid.py: the pyramid's layers and notes, the whale curve's line and peak."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab.plots import plot_course_pyramid, plot_pyramid, plot_whale_curve  # noqa: E402

# 20 customers: 1 高端 (profit 60), 3 重要 (10 each), 6 普通 (2 each), 10 小客户 (-0.2 each)
# totals 60 + 30 + 12 - 2 = 100, so profit shares are 60 %, 30 %, 12 %, -2 %
PYRAMID = pd.DataFrame({
    "customer": [f"c{i:02d}" for i in range(20)],
    "value": [60.0] + [10.0] * 3 + [2.0] * 6 + [-0.2] * 10,
    "tier": ["高端客户"] + ["重要客户"] * 3 + ["普通客户"] * 6 + ["小客户"] * 10,
})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_pyramid_is_a_stack_of_trapezoids_narrowing_upwards():
    ax = plot_pyramid(PYRAMID)
    layers = ax.patches
    assert [p.get_label() for p in layers] == ["高端客户", "重要客户", "普通客户", "小客户"]
    widths = [p.get_xy()[:, 0].max() - p.get_xy()[:, 0].min() for p in layers]
    assert widths == sorted(widths)  # each layer is wider than the one above
    apex = layers[0].get_xy()
    assert apex[2][0] == apex[3][0] == 0 and apex[2][1] == 1  # the top layer ends in a point
    assert layers[3].get_xy()[0][1] == 0  # the bottom layer sits on the ground


def test_pyramid_notes_have_counts_and_profit_shares():
    ax = plot_pyramid(PYRAMID)
    notes = [t.get_text() for t in ax.texts if "：" in t.get_text()]
    assert notes == [
        "高端客户：1 位（5%）\n利润 60 元（60%）",
        "重要客户：3 位（15%）\n利润 30 元（30%）",
        "普通客户：6 位（30%）\n利润 12 元（12%）",
        "小客户：10 位（50%）\n利润 -2 元（-2%）",
    ]
    assert ax.get_title() == "客户金字塔：各层人数与利润"


def test_course_pyramid_notes():
    shares = pd.DataFrame({"group": ["VIP客户", "小客户"], "customers": [1, 3],
                           "customer_share": [0.25, 0.75], "profit": [300_000.0, -100.0],
                           "profit_share": [1.0, -0.01]})
    ax = plot_course_pyramid(shares)
    notes = [t.get_text() for t in ax.texts if "：" in t.get_text()]
    assert notes == ["VIP客户：1 位（25.0%）\n利润 30.0 万美元（100%）",
                     "小客户：3 位（75.0%）\n利润 -0.01 万美元（-1%）"]  # one unit: 万


def test_whale_curve_line_and_peak():
    whale = pd.DataFrame({"customer_share": [0.0, 0.25, 0.5, 0.75, 1.0],
                          "value_share": [0.0, 0.8, 1.1, 1.2, 1.0]})
    fig, ax = plt.subplots()
    assert plot_whale_curve(whale, ax=ax) is ax
    assert list(ax.lines[0].get_ydata()) == [0.0, 0.8, 1.1, 1.2, 1.0]
    peak = ax.lines[2]
    assert (peak.get_xdata()[0], peak.get_ydata()[0]) == (0.75, 1.2)
    assert ax.texts[0].get_text() == "前 75% 的客户\n创造了 120% 的利润"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "累计利润占比", "全部利润（100%）", "利润最高点"]


def test_whale_curve_without_losses_has_no_peak_mark():
    whale = pd.DataFrame({"customer_share": [0.0, 0.5, 1.0], "value_share": [0.0, 0.7, 1.0]})
    ax = plot_whale_curve(whale)
    assert len(ax.lines) == 2 and len(ax.texts) == 0


def test_pyramid_names_every_layer_the_apex_too():
    ax = plot_pyramid(PYRAMID)
    names = [t.get_text() for t in ax.texts if "：" not in t.get_text()]
    assert names == ["高端客户", "重要客户", "普通客户", "小客户"]


def test_pyramid_amounts_in_one_unit():
    # 高端客户 holds 320,000 元, the others far less: every layer is then written in 万元
    pyramid = pd.DataFrame({"customer": list("abcd"), "value": [320_000.0, 5_000.0, 800.0, -60.0],
                            "tier": ["高端客户", "重要客户", "普通客户", "小客户"]})
    notes = [t.get_text() for t in plot_pyramid(pyramid).texts if "：" in t.get_text()]
    assert [n.split("\n")[1].split("（")[0] for n in notes] == [
        "利润 32.0 万元", "利润 0.5 万元", "利润 0.08 万元", "利润 -0.01 万元"]
