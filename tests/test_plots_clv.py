"""crmlab/plots/clv.py: CLV-CS cell counts and names, CPV-CLV points, thresholds and legend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab.plots import plot_clv_cs_matrix, plot_cpv_clv_quadrants  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_clv_cs_matrix_counts_and_names():
    classes = pd.DataFrame({"clv_level": ["高", "高", "低"], "cs_level": ["高", "高", "低"],
                            "class_name": ["核心客户", "核心客户", "低价值客户"]})
    ax = plot_clv_cs_matrix(classes)
    # rows CLV 高, 低; columns satisfaction 低, 中, 高
    assert ax.images[0].get_array().tolist() == [[0, 0, 2], [1, 0, 0]]
    texts = [t.get_text() for t in ax.texts]
    assert texts[2] == "核心客户\n2 位" and texts[3] == "低价值客户\n1 位"
    assert texts[1] == "待提升客户\n0 位"  # an empty cell still named, from CLV_CS_RULES
    assert [t.get_text() for t in ax.get_xticklabels()] == ["满意度低", "满意度中", "满意度高"]
    assert ax.get_title() == "CLV-CS 矩阵：终身价值 × 满意度"


def test_cpv_clv_points_thresholds_and_legend():
    # means: CPV 5, CLV 50 -> a (1, 10) I, b (1, 90) II, c (9, 10) III, d (9, 90) IV
    classes = pd.DataFrame({"customer": list("abcd"), "perceived_value": [1.0, 1.0, 9.0, 9.0],
                            "clv": [10.0, 90.0, 10.0, 90.0], "class": ["I", "II", "III", "IV"]})
    ax = plot_cpv_clv_quadrants(classes)
    assert [np.asarray(c.get_offsets()).tolist() for c in ax.collections] == [
        [[1.0, 10.0]], [[1.0, 90.0]], [[9.0, 10.0]], [[9.0, 90.0]]]
    assert ax.lines[0].get_xdata()[0] == 5.0 and ax.lines[1].get_ydata()[0] == 50.0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "I 鸡肋（1）", "II 潜力股（1）", "III 满意小客户（1）", "IV 明星客户（1）"]
    assert {t.get_text().strip() for t in ax.texts} == {"I 鸡肋", "II 潜力股", "III 满意小客户",
                                                         "IV 明星客户"}


def test_cpv_clv_median_threshold():
    classes = pd.DataFrame({"perceived_value": [1.0, 2.0, 9.0], "clv": [1.0, 3.0, 100.0],
                            "class": ["I", "I", "IV"]})
    ax = plot_cpv_clv_quadrants(classes, cpv_threshold="median", clv_threshold=10)
    assert ax.lines[0].get_xdata()[0] == 2.0 and ax.lines[1].get_ydata()[0] == 10


def test_clv_by_year_bars_running_total_and_limit():
    from crmlab.lifetime_value import clv_by_year
    from crmlab.plots import plot_clv_by_year

    ax = plot_clv_by_year(clv_by_year(100, 0.5, 0.0, 2))
    # bars for years 1 and 2 (50, 25); the cumulative line 0, 50, 75; the limit 100 dashed
    assert [p.get_height() for p in ax.patches] == [50.0, 25.0]
    running, limit = ax.get_lines()
    assert list(running.get_ydata()) == [0.0, 50.0, 75.0]
    assert list(limit.get_ydata()) == [100.0, 100.0]
