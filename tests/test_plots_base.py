"""The plot helpers' shared contract (crmlab/plots/_base.py and every plot_x): draw on the axes
given, create no figure then, change no global matplotlib setting, refuse frames without the
contract's columns in Chinese."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab import plots  # noqa: E402
from crmlab.errors import CrmlabError  # noqa: E402
from crmlab.plots._base import money, name_points  # noqa: E402

SEG = pd.DataFrame({"customer": list("ab"), "R": [1, 9], "F": [5, 1], "M": [90.0, 10.0],
                    "R_level": ["高", "低"], "F_level": ["高", "低"], "M_level": ["高", "低"],
                    "segment": ["重要价值客户", "一般挽留客户"], "R_score": [5, 1], "F_score": [5, 1]})
CASES = {
    "plot_pareto": pd.DataFrame({"customer": ["a", "b"], "rank": [1, 2], "value": [3.0, 1.0],
                                 "cum_share": [0.75, 1.0], "class": ["A", "C"]}),
    "plot_abc_classes": pd.DataFrame({"class": ["A", "C"], "value": [3.0, 1.0]}),
    "plot_pyramid": pd.DataFrame({"customer": ["a", "b"], "value": [3.0, 1.0],
                                  "tier": ["高端客户", "小客户"]}),
    "plot_course_pyramid": pd.DataFrame({"group": ["甲"], "customers": [1], "customer_share": [1.0],
                                         "profit": [5.0], "profit_share": [1.0]}),
    "plot_whale_curve": pd.DataFrame({"customer_share": [0.0, 1.0], "value_share": [0.0, 1.0]}),
    "plot_rfm_heatmap": SEG,
    "plot_tier_bars": pd.DataFrame({"segment": ["重要价值客户"], "customers": [2],
                                    "customer_share": [1.0], "M_share": [1.0]}),
    "plot_rfm_scatter": SEG,
    "plot_clv_cs_matrix": pd.DataFrame({"clv_level": ["高"], "cs_level": ["中"],
                                        "class_name": ["待提升客户"]}),
    "plot_cpv_clv_quadrants": pd.DataFrame({"perceived_value": [1.0, 3.0], "clv": [1.0, 3.0],
                                            "class": ["I", "IV"]}),
    "plot_selection_ranking": pd.DataFrame({"customer": ["甲"], "score": [1.0], "rank": [1]}),
    "plot_churn_reasons": pd.DataFrame({"category": ["企业因素"], "reason": ["价格"], "percent": [100]}),
    "plot_retention_economics": pd.DataFrame({"year": [0, 1], "profit": [-1.0, 2.0],
                                              "cumulative_profit": [-1.0, 1.0],
                                              "retention_spend": [0.0, 1.0],
                                              "replacement_cost": [0.0, 1.0]}),
    "plot_salon_budget": pd.DataFrame({"group": ["甲"], "customer_share": [0.5],
                                       "sales_share": [0.5], "budget_share": [0.5]}),
    "plot_clv_by_year": pd.DataFrame({"year": [0, 1], "expected_value": [0.0, 50.0],
                                      "cumulative": [0.0, 50.0], "clv": [100.0, 100.0]}),
    "plot_mutual_fit": pd.DataFrame({"customer": ["甲"], "score": [1.0], "capability": [2.0],
                                     "fit": ["门当户对"]}),
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_exported_helper_has_a_case():
    assert set(CASES) | {"plot_rfm_histograms", "plot_growth"} == set(plots.__all__)


@pytest.mark.parametrize("name", sorted(CASES))
def test_helper_draws_on_the_given_axes_only(name):
    fig, ax = plt.subplots()
    before_rc = dict(matplotlib.rcParams)
    before_figs = plt.get_fignums()
    out = getattr(plots, name)(CASES[name], ax=ax)
    assert out is ax
    assert plt.get_fignums() == before_figs
    assert dict(matplotlib.rcParams) == before_rc
    assert ax.get_title()  # every chart has a (Chinese) title


@pytest.mark.parametrize("name", sorted(CASES))
def test_helper_refuses_a_frame_without_its_columns(name):
    with pytest.raises(CrmlabError, match="缺少列"):
        getattr(plots, name)(pd.DataFrame({"别的列": [1]}))


def test_histograms_and_growth_keep_global_settings():
    before = dict(matplotlib.rcParams)
    plots.plot_rfm_histograms(SEG)
    year = pd.DataFrame({"year": [0, 1], "value": [1.0, 2.0]})
    plots.plot_growth(year, year, ax=plt.subplots()[1])
    assert dict(matplotlib.rcParams) == before


def test_not_a_frame_is_a_chinese_error():
    with pytest.raises(CrmlabError, match="应该是一张表"):
        plots.plot_pareto([1, 2, 3])


def test_money():
    assert money(99_999) == "99,999 元"
    assert money(100_000) == "10.0 万元"


def test_name_points_moves_a_crowded_name_below():
    # 张三 (4, 2) and 赵六 (3, 2) sit side by side: 赵六's name goes below; 李四 (17, 1) is alone
    fig, ax = plt.subplots()
    name_points(ax, [4, 3, 17], [2, 2, 1], ["张三", "赵六", "李四"])
    offsets = {t.get_text(): t.xyann for t in ax.texts}
    assert offsets == {"张三": (6, 6), "赵六": (6, -14), "李四": (6, 6)}
    plt.close(fig)
