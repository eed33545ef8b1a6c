"""Chapter 1 explorers: customer lifetime value, the economics of keeping customers, the salon case.

Each builder returns an :class:`~crmlab.widgets.base.Explorer`; moving a control re-runs one pure
crmlab function (:func:`~crmlab.lifetime_value.clv_by_year`,
:func:`~crmlab.crm_basics.retention_economics`, :func:`~crmlab.crm_basics.check_salon_budget`) and
redraws the table and the chart in place. The default numbers are crmlab's illustrations, not
figures from the course (the course gives none for CLV or retention).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.crm_basics import (check_salon_budget, retention_economics, salon_budget,
                               salon_budget_intensity)
from crmlab.display import zh
from crmlab.lifetime_value import clv_by_year
from crmlab.plots.basics import plot_retention_economics, plot_salon_budget
from crmlab.plots.clv import plot_clv_by_year
from crmlab.widgets.base import Explorer, number_slider, percent_slider

_WIDTH = "420px"


def _percent(description: str, value: float, low: float, high: float, step: float = 0.05):
    return percent_slider(description, value, low, high, step, width=_WIDTH)


def _number(description: str, value: int, low: int, high: int, step: int):
    return number_slider(description, value, low, high, step, width=_WIDTH)


def clv_explorer(margin: int = 500, retention: float = 0.8, discount: float = 0.1,
                 years: int = 10) -> Explorer:
    """One customer's lifetime value, year by year, against the no-horizon closed form.

    Controls: ``margin`` (元 of profit per active year), ``retention`` (chance to stay another
    year), ``discount`` (yearly discount rate), ``years`` (the horizon). ``result`` has one row
    per year 0..years: ``year``, ``expected_value`` (this year's discounted expected profit,
    m * q**t with q = r / (1 + d); 0 in year 0), ``cumulative`` (:func:`clv_finite` up to that
    year) and ``clv`` (:func:`clv`, the same on every row). The chart shows the yearly bars, the
    cumulative line and the closed form as a dashed line the cumulative line approaches.
    """
    controls = {
        "margin": _number("每年毛利（元）", margin, 100, 2000, 50),
        "retention": _percent("保留率", retention, 0.0, 0.95),
        "discount": _percent("年折现率", discount, 0.0, 0.3, 0.01),
        "years": _number("计算年数", years, 1, 30, 1),
    }

    def compute(margin, retention, discount, years):
        return clv_by_year(margin, retention, discount, years)

    def show(result):
        last = result.iloc[-1]
        share = last["cumulative"] / last["clv"] if last["clv"] else float("nan")
        return pd.DataFrame({
            "项目": ["终身价值（不限年数，公式 m·r/(1+d−r)）", f"前 {int(last['year'])} 年累计",
                   "前几年已占终身价值的比例"],
            "数值": [f"{last['clv']:,.2f} 元", f"{last['cumulative']:,.2f} 元",
                   "—" if np.isnan(share) else f"{share:.1%}"],
        })

    def draw(result, fig):
        plot_clv_by_year(result, fig.add_subplot())

    return Explorer(controls, compute, draw, show=show, figsize=(9, 4.5),
                    title="客户终身价值（CLV）：调整毛利、保留率和折现率")


def retention_explorer(customers: int = 100, acquisition_cost: int = 500,
                       retention_cost: int = 50, margin: int = 300, retention: float = 0.8,
                       years: int = 5) -> Explorer:
    """One cohort of won customers: what keeping them earns, what losing them costs.

    Controls: ``retention`` (share kept each year), ``acquisition_cost`` (元 to win one new
    customer), ``retention_cost`` (元 a year to keep one), ``margin`` (元 a year per kept
    customer), ``years``; the cohort size ``customers`` is fixed by the argument. ``result``
    is the :func:`~crmlab.crm_basics.retention_economics` frame.
    """
    controls = {
        "retention": _percent("保留率", retention, 0.0, 1.0),
        "acquisition_cost": _number("获得一位新客户的成本（元）", acquisition_cost, 0, 2000, 50),
        "retention_cost": _number("留住一位老客户的年成本（元）", retention_cost, 0, 500, 10),
        "margin": _number("每位客户每年毛利（元）", margin, 0, 1000, 10),
        "years": _number("年数", years, 1, 10, 1),
    }

    def compute(retention, acquisition_cost, retention_cost, margin, years):
        return retention_economics(customers, acquisition_cost, retention_cost, margin,
                                   retention, years)

    def show(result):
        return zh(result.round(1), profit="当年利润（元）")

    def draw(result, fig):
        plot_retention_economics(result, fig.add_subplot())

    return Explorer(controls, compute, draw, show=show, figsize=(10, 5.5),
                    title=f"留住老客户的经济账（{customers} 位新客户，逐年跟踪）")


SALON_SHARE_NAMES = {"customer_share": "顾客人数占比", "sales_share": "销售额占比",
                     "budget_share": "营销费用占比"}


def salon_table(checked: pd.DataFrame, assumed: float) -> pd.DataFrame:
    """:func:`~crmlab.crm_basics.check_salon_budget` output for a student: 占比项目, 合计,
    合计为 100%？, 说明; the customer-share note says the total includes the ``assumed`` share.

    >>> t = salon_table(check_salon_budget(salon_budget().fillna({"customer_share": 0.3})), 0.3)
    >>> t["合计"].tolist(), t["合计为 100%？"].tolist()
    (['100%', '110%', '100%'], ['是', '否', '是'])
    """
    note = checked["note"].where(checked["share"] != "customer_share",
                                 f"加上你假设的中间顾客 {assumed:.0%} 后，合计 "
                                 f"{checked['stated_total'].iloc[0]:.0%}")
    shown = checked.assign(note=note, share=checked["share"].map(SALON_SHARE_NAMES),
                           stated_total=checked["stated_total"].map(lambda x: f"{x:.0%}"),
                           adds_up=checked["adds_up"].map({True: "是", False: "否"}))
    return zh(shown[["share", "stated_total", "adds_up", "note"]], share="占比项目")


SALON_INTENSITY_NAMES = {"group": "顾客分组", "sales_per_customer": "每位顾客的销售额",
                         "budget_per_customer": "每位顾客分到的预算",
                         "budget_per_sales": "每 1 元销售额分到的预算"}


def salon_intensity_table(intensity: pd.DataFrame) -> pd.DataFrame:
    """:func:`~crmlab.crm_basics.salon_budget_intensity` for a student: the group and the three
    ratios against the average (1 = average), as text with two decimals.

    >>> salon_intensity_table(salon_budget_intensity(0.3))["每 1 元销售额分到的预算"].tolist()
    ['0.83', '1.33', '0.50']
    """
    ratios = ["sales_per_customer", "budget_per_customer", "budget_per_sales"]
    shown = intensity[["group", *ratios]].assign(
        **{column: intensity[column].map(lambda x: f"{x:.2f}") for column in ratios})
    return zh(shown, **SALON_INTENSITY_NAMES)


def salon_explorer(middle_share: float = 0.3) -> Explorer:
    """The beauty-salon case with the middle group's unstated share of customers filled in.

    The case gives no share of customers for the middle group; the slider ``middle_share``
    supplies one, and :func:`~crmlab.crm_basics.check_salon_budget` adds up every share column
    again. Whatever the slider says, the sales shares still add up to 110 %: the case's own
    figures disagree, and the table says so. ``result`` is the check frame; the filled-in case is
    in ``result.attrs["salon"]``, and :func:`~crmlab.crm_basics.salon_budget_intensity` (budget per
    customer and per unit of sales; None when the assumed share is 0) in
    ``result.attrs["intensity"]``: a second table shows it.
    """
    controls = {"middle_share": _percent("假设中间顾客的人数占比", middle_share, 0.0, 0.5)}

    def compute(middle_share):
        salon = salon_budget(middle_share)
        checked = check_salon_budget(salon)
        checked.attrs["salon"] = salon
        checked.attrs["intensity"] = (salon_budget_intensity(middle_share) if middle_share > 0
                                      else None)
        return checked

    def show(result):
        from IPython.display import HTML

        intensity = result.attrs["intensity"]
        per_unit = ("<p>中间顾客的人数占比为 0 时，无法按人头计算预算。</p>" if intensity is None else
                    "<p><b>按人头、按每 1 元销售额比较（平均水平 = 1）</b></p>"
                    + salon_intensity_table(intensity).to_html(index=False))
        return HTML(salon_table(result, controls["middle_share"].value).to_html(index=False)
                    + per_unit)

    def draw(result, fig):
        plot_salon_budget(result.attrs["salon"], fig.add_subplot())

    return Explorer(controls, compute, draw, show=show, figsize=(9, 5),
                    title="美容连锁店：补上缺失的人数占比，核对三组占比，再按人头和按销售额比较预算")
