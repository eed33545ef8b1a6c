"""crmlab/plots/abc.py: what the Pareto and ABC class charts draw, on a hand-built ABC result."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab.errors import CrmlabError  # noqa: E402
from crmlab.plots import plot_abc_classes, plot_pareto  # noqa: E402

# five customers, values 50/20/15/10/5 (total 100): A = top 20 % = 1 customer, B = next 30 %
# (floor 1.5 -> customers 2), C = the rest; cumulative shares 0.5, 0.7, 0.85, 0.95, 1.0
ABC = pd.DataFrame({
    "customer": ["甲", "乙", "丙", "丁", "戊"],
    "rank": [1, 2, 3, 4, 5],
    "value": [50.0, 20.0, 15.0, 10.0, 5.0],
    "share": [0.5, 0.2, 0.15, 0.1, 0.05],
    "cum_share": [0.5, 0.7, 0.85, 0.95, 1.0],
    "class": ["A", "B", "C", "C", "C"],
})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_pareto_bars_line_and_labels():
    fig, ax = plt.subplots()
    out = plot_pareto(ABC, ax=ax)
    assert out is ax and len(fig.axes) == 2  # the axes given plus its twin, no new figure
    assert [p.get_height() for p in ax.patches] == [50.0, 20.0, 15.0, 10.0, 5.0]
    line = ax.right_ax.lines[0]
    assert list(line.get_ydata()) == [0.0, 0.5, 0.7, 0.85, 0.95, 1.0]
    assert list(line.get_xdata()) == [0, 1, 2, 3, 4, 5]
    assert ax.right_ax.lines[1].get_ydata()[0] == 0.8  # the 80 % mark
    assert [t.get_text() for t in ax.get_xticklabels()] == ["甲", "乙", "丙", "丁", "戊"]
    assert ax.get_title() == "帕累托图：少数客户贡献了大部分金额"
    assert ax.get_ylabel() == "消费金额（元）"
    assert ax.right_ax.get_ylabel() == "累计金额占比"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["A 类客户", "B 类客户", "C 类客户", "累计占比"]
    # bars coloured by class: the A bar differs from the B bar, the three C bars are alike
    colors = [p.get_facecolor() for p in ax.patches]
    assert colors[0] != colors[1] != colors[2] and colors[2] == colors[3] == colors[4]


def test_pareto_creates_a_figure_when_no_axes_given():
    before = len(plt.get_fignums())
    ax = plot_pareto(ABC)
    assert len(plt.get_fignums()) == before + 1 and ax.figure.axes[0] is ax


def test_abc_classes_shares_by_hand():
    ax = plot_abc_classes(ABC)
    heights = [round(p.get_height(), 6) for p in ax.patches]
    # customer shares 1/5, 1/5, 3/5 then value shares 50 %, 20 %, 30 %
    assert heights == [0.2, 0.2, 0.6, 0.5, 0.2, 0.3]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "A 类\n（1 位客户）", "B 类\n（1 位客户）", "C 类\n（3 位客户）"]
    bar_texts = [t.get_text() for t in ax.texts]
    assert bar_texts == ["20%", "20%", "60%", "50%", "20%", "30%"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["客户数占比", "金额占比"]


def test_missing_column_is_a_chinese_error():
    with pytest.raises(CrmlabError, match="缺少列「cum_share」"):
        plot_pareto(ABC.drop(columns="cum_share"))


def test_many_customers_are_drawn_as_one_area_per_class():
    from crmlab.plots.abc import MAX_BARS

    n = MAX_BARS + 50  # 250 customers, values n..1: A = ranks 1-50, B = 51-125, C = the rest
    values = [float(v) for v in range(n, 0, -1)]
    total = sum(values)
    big = pd.DataFrame({
        "customer": [f"c{i:03d}" for i in range(1, n + 1)], "rank": range(1, n + 1),
        "value": values, "share": [v / total for v in values],
        "cum_share": pd.Series(values).cumsum() / total,
        "class": ["A"] * 50 + ["B"] * 75 + ["C"] * (n - 125),
    })
    ax = plot_pareto(big)
    assert len(ax.patches) == 0  # no bar per customer
    areas = ax.collections
    assert len(areas) == 3  # one filled area per class
    top_of_a = areas[0].get_paths()[0].vertices[:, 1].max()
    assert top_of_a == n  # the A area reaches the largest value
