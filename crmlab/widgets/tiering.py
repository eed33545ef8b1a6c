"""Chapter 3 explorers: ABC cuts, the customer pyramid, and the CLV-CS matrix.

Each builder takes a table computed once outside (one row per customer) and returns an
:class:`~crmlab.widgets.base.Explorer`; moving a control re-runs one pure crmlab function
(:func:`~crmlab.abc_classification.abc_analysis`, :func:`~crmlab.pyramid.customer_pyramid`,
:func:`~crmlab.lifetime_value.clv_cs_classes`) and redraws the table and the chart in place.
"""

from __future__ import annotations

import pandas as pd

from crmlab.abc_classification import ABC_CLASSES, ABC_COUNT_CUTS, abc_from_ranked, rank_by_value
from crmlab.lifetime_value import CLV_CS_RULES, clv, clv_cs_classes
from crmlab.plots.abc import plot_abc_classes
from crmlab.plots.clv import plot_clv_cs_matrix
from crmlab.plots.pyramid import plot_pyramid
from crmlab.pyramid import PYRAMID_TIERS, pyramid_from_ranked
from crmlab.summary import group_summary
from crmlab.widgets._display import chinese_table
from crmlab.widgets.base import Explorer, choice_buttons, choice_dropdown, percent_slider

VALUE_NAMES = {"amount": "消费金额", "profit": "利润", "M": "消费金额", "clv": "终身价值"}


def abc_explorer(totals: pd.DataFrame, value: str = "amount") -> Explorer:
    """ABC classes of ``totals`` (one row per customer, e.g. ``customer_totals`` output).

    Controls: ``by`` ("count": cut by head count, "value": by cumulative share of value),
    ``a_cut`` and ``b_cut`` (the upper limits of classes A and B, as fractions of head count or
    of value; they start at the course's 20 % / 50 %). ``result`` is the
    :func:`~crmlab.abc_classification.abc_analysis` frame; the table shows each class's
    customers and value with their shares, the chart the class shares. (The per-customer
    Pareto chart is drawn once in the notebook, not on every move: a thousand bars redraw too
    slowly.)
    """
    name = VALUE_NAMES.get(value, value)
    controls = {
        "by": choice_buttons("分类依据", [("按人数比例", "count"), ("按累计" + name + "占比", "value")],
                             "count"),
        "a_cut": percent_slider("A 类上限", ABC_COUNT_CUTS[0], 0.05, 0.9),
        "b_cut": percent_slider("B 类上限", ABC_COUNT_CUTS[1], 0.1, 0.95),
    }

    ranked = rank_by_value(totals, value)  # once: a slider move only re-cuts the ranking

    def compute(by, a_cut, b_cut):
        return abc_from_ranked(ranked, by=by, cuts=(a_cut, b_cut))

    def show(result):
        return chinese_table(group_summary(result, "class", ABC_CLASSES),
                             value=name + "合计（元）", value_share=name + "占比")

    def draw(result, fig):
        plot_abc_classes(result, fig.add_subplot())

    return Explorer(controls, compute, draw, show=show, figsize=(8, 4.5),
                    title=f"ABC 分类：拖动分界点，看各类客户的人数与{name}")


def pyramid_explorer(totals: pd.DataFrame) -> Explorer:
    """The four-tier customer pyramid of ``totals`` (``customer_totals`` output with ``profit``).

    Controls: ``by`` ("rank": top 5 % / 6-20 % / 21-50 % / bottom 50 % of the ranking; "profit":
    the customers holding the first 50 %, next 30 %, next 15 % and last 5 % of the value) and
    ``value`` ("profit" or "amount", whichever columns ``totals`` has). ``result`` is the
    :func:`~crmlab.pyramid.customer_pyramid` frame; the table shows each tier's customers and
    value with their shares.
    """
    values = [(VALUE_NAMES[c], c) for c in ("profit", "amount") if c in totals.columns]
    controls = {
        "by": choice_buttons("分层依据", [("按排名人数（5% / 20% / 50%）", "rank"),
                                          ("按累计占比（50 / 30 / 15 / 5）", "profit")], "rank"),
        "value": choice_dropdown("排序指标", values, values[0][1]),
    }

    ranked = {column: rank_by_value(totals, column) for _, column in values}  # once per measure

    def compute(by, value):
        return pyramid_from_ranked(ranked[value], by=by)

    def show(result):
        name = VALUE_NAMES[controls["value"].value]
        return chinese_table(group_summary(result, "tier", PYRAMID_TIERS),
                             value=name + "合计（元）", value_share=name + "占比")

    def draw(result, fig):
        plot_pyramid(result, fig.add_subplot(), value_name=VALUE_NAMES[controls["value"].value])

    return Explorer(controls, compute, draw, show=show, figsize=(10, 5.5),
                    title="客户金字塔：换一种分层依据，看各层的人数和贡献")


def clv_cs_explorer(customers: pd.DataFrame) -> Explorer:
    """CLV-CS six classes for ``customers`` (``annual_margin``, ``retention``, ``satisfaction``).

    Each customer's lifetime value is :func:`~crmlab.lifetime_value.clv` of its yearly margin
    and retention at the chosen ``discount`` rate; then
    :func:`~crmlab.lifetime_value.clv_cs_classes` splits CLV into 高/低 at the mean or median (``threshold``) and satisfaction into 低 / 中 / 高 at 3 and 4.
    ``result`` is the classified frame; the table counts the customers per class.
    """
    controls = {
        "discount": percent_slider("年折现率", 0.1, 0.0, 0.3, 0.02),
        "threshold": choice_buttons("CLV 高低标准", [("平均值", "mean"), ("中位数", "median")], "mean"),
    }

    def compute(discount, threshold):
        value = clv(customers["annual_margin"], customers["retention"], discount)
        table = customers.assign(clv=value)
        return clv_cs_classes(table, clv_threshold=threshold)

    def show(result):
        counts = result.groupby("class_name").size()
        table = CLV_CS_RULES[["clv_level", "cs_level", "class_name", "strategy"]].copy()
        table.insert(3, "customers", [int(counts.get(s, 0)) for s in table["class_name"]])
        return chinese_table(table)

    def draw(result, fig):
        plot_clv_cs_matrix(result, fig.add_subplot())

    return Explorer(controls, compute, draw, show=show, figsize=(8, 4.5),
                    title="CLV-CS 矩阵：调整折现率和高低标准，看六类客户的人数")
