"""crmlab/plots/selection.py: ranking bars (plain and split by criterion) and the growth chart."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab.plots import plot_growth, plot_selection_ranking  # noqa: E402

# as weighted_scores would return it for weights demand 0.5, credit 0.5
SCORES = pd.DataFrame({"customer": ["乙", "甲", "丙"], "demand_norm": [0.5, 1.0, 0.0],
                       "credit_norm": [1.0, 0.0, 0.5], "score": [0.75, 0.5, 0.25],
                       "rank": [1, 2, 3]})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_ranking_best_on_top_with_score_labels():
    ax = plot_selection_ranking(SCORES)
    assert [p.get_width() for p in ax.patches] == [0.75, 0.5, 0.25]
    assert ax.patches[0].get_y() > ax.patches[2].get_y()
    assert [t.get_text() for t in ax.texts] == ["0.75（第 1 名）", "0.50（第 2 名）", "0.25（第 3 名）"]


def test_ranking_split_into_criterion_contributions():
    ax = plot_selection_ranking(SCORES, weights={"demand": 0.5, "credit": 0.5},
                                labels={"demand": "需求", "credit": "信用"})
    widths = [p.get_width() for p in ax.patches]
    assert widths == [0.25, 0.5, 0.0, 0.5, 0.0, 0.25]  # 0.5 x demand_norm, then 0.5 x credit_norm
    assert [p.get_x() for p in ax.patches[3:]] == [0.25, 0.5, 0.0]  # stacked after demand
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["需求", "信用"]


def test_growth_lines_and_overtake_mark():
    small = pd.DataFrame({"year": [0, 1, 2], "value": [10.0, 20.0, 40.0]})
    large = pd.DataFrame({"year": [0, 1, 2], "value": [30.0, 30.0, 30.0]})
    ax = plot_growth(small, large, overtake=2)
    assert list(ax.lines[0].get_ydata()) == [10.0, 20.0, 40.0]
    assert list(ax.lines[1].get_ydata()) == [30.0, 30.0, 30.0]
    assert ax.lines[2].get_xdata()[0] == 2
    assert ax.texts[0].get_text() == "第 2 年反超"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["小客户", "大客户"]


def test_mutual_fit_points_coloured_by_quadrant_with_threshold_lines():
    from crmlab.plots import plot_mutual_fit
    from crmlab.selection import mutual_fit

    table = pd.DataFrame({"customer": ["甲", "乙", "丙", "丁"], "score": [9.0, 9.0, 1.0, 1.0],
                          "capability": [8.0, 2.0, 8.0, 2.0]})
    ax = plot_mutual_fit(mutual_fit(table, "score", "capability"))
    # one point per quadrant; the legend counts them in FIT_COLORS order
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "门当户对（1）", "高攀（1）", "大材小用（1）", "暂不考虑（1）"]
    assert sorted(t.get_text() for t in ax.texts) == sorted(["甲", "乙", "丙", "丁"])
    # the means, 5 and 5, as one dashed vertical and one dashed horizontal line
    lines = ax.get_lines()
    assert [line.get_xdata()[0] for line in lines[:1]] == [5.0]
    assert [line.get_ydata()[0] for line in lines[1:]] == [5.0]
