"""crmlab/plots/basics.py: churn bars, retention economics series, salon budget bars."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab.plots import plot_churn_reasons, plot_retention_economics, plot_salon_budget  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_churn_reasons_sorted_largest_on_top():
    reasons = pd.DataFrame({"category": ["客户因素", "企业因素", "其他因素"],
                            "reason": ["搬家", "服务差", "对手促销"], "percent": [10, 70, 20]})
    ax = plot_churn_reasons(reasons)
    assert [p.get_width() for p in ax.patches] == [10, 20, 70]  # bottom to top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["搬家", "对手促销", "服务差"]
    assert [t.get_text() for t in ax.texts] == ["10%", "20%", "70%"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["客户因素", "企业因素", "其他因素"]
    assert ax.patches[2].get_facecolor() != ax.patches[0].get_facecolor()


def test_retention_economics_series():
    # 100 customers won at 50 each, margin 40, keep-cost 10, half stay each year
    econ = pd.DataFrame({"year": [0, 1, 2], "profit": [-5000.0, 1500.0, 750.0],
                         "cumulative_profit": [-5000.0, -3500.0, -2750.0],
                         "retention_spend": [0.0, 500.0, 250.0],
                         "replacement_cost": [0.0, 2500.0, 1250.0]})
    ax = plot_retention_economics(econ)
    assert [p.get_height() for p in ax.patches] == [-5000.0, 1500.0, 750.0]
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()  # loss vs profit
    assert list(ax.lines[0].get_ydata()) == [-5000.0, -3500.0, -2750.0]
    assert list(ax.lines[1].get_ydata()) == [500.0, 250.0]  # year 0 has no retention spend
    assert list(ax.lines[2].get_ydata()) == [2500.0, 1250.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["第 0 年", "第 1 年", "第 2 年"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "当年利润（盈利）", "当年利润（亏损）", "累计利润", "保留老客户的投入", "补回流失客户的获客成本"]


def test_salon_budget_with_a_missing_share():
    salon = pd.DataFrame({"group": ["重点", "一般"], "customer_share": [0.2, np.nan],
                          "sales_share": [0.6, 0.4], "budget_share": [0.5, 0.5]})
    ax = plot_salon_budget(salon)
    heights = [round(p.get_height(), 6) for p in ax.patches]
    assert heights == [0.2, 0.0, 0.6, 0.4, 0.5, 0.5]
    assert [t.get_text() for t in ax.texts] == ["20%", "未给出", "60%", "40%", "50%", "50%"]
