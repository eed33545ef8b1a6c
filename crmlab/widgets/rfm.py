"""RFM explorers: the 高/低 threshold (mean, median or custom) and 8 tiers vs 1-5 scores, and a
toy table where the student moves "today" or adds a purchase and watches R, F, M and the tiers.

Heavy work (reading transactions, ``rfm_table`` on thousands of rows) is done once outside;
the explorers only re-run :func:`~crmlab.rfm.rfm_segments` / :func:`~crmlab.rfm.rfm_scores`
(and, on a toy table of a few rows, :func:`~crmlab.rfm.rfm_table`).
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.plots.rfm import plot_rfm_heatmap, plot_rfm_scatter, plot_tier_bars
from crmlab.rfm import METRICS, parse_today, rfm_scores, rfm_segments, rfm_table, segment_summary
from crmlab.summary import cell_summary
from crmlab.widgets._display import chinese_table
from crmlab.widgets.base import (STYLE, Captioned, Explorer, choice_buttons, choice_dropdown,
                                 side_by_side)

THRESHOLDS = [("平均值", "mean"), ("中位数", "median")]
SCORINGS = [("高/低两级（8 类）", 2), ("1~5 分（125 格）", 5)]
NO_PURCHASE = "（不追加）"
SEGMENT_COLUMNS = ["customer", "R", "F", "M", "R_level", "F_level", "M_level", "segment"]


def threshold_explorer(rfm: pd.DataFrame, *, show_customers: bool = False) -> Explorer:
    """Tiers of an RFM table (``customer, R, F, M``, e.g. ``rfm_table`` output) under other rules.

    Controls: ``scoring`` (2: 高/低 against a threshold, 8 tiers; 5: scores 1-5, 125 cells),
    ``threshold`` ("mean", "median" or "custom") and ``R``, ``F``, ``M`` (the custom
    thresholds, enabled only for "custom"). ``result`` is a dict: ``table`` (``rfm_segments`` or
    ``rfm_scores`` output) and ``summary`` (``segment_summary`` for 8 tiers; for 125 cells the
    occupied cells with their customers and mean M, largest first). The table shown is the
    summary, or every customer when ``show_customers`` is true (for a toy table).
    """
    controls = {
        "scoring": choice_buttons("分级方式", SCORINGS, 2),
        "threshold": choice_buttons("高低标准", [*THRESHOLDS, ("自定义", "custom")], "mean"),
    }
    means = rfm[list(METRICS)].mean()
    units = {"R": "天", "F": "次", "M": "元"}
    for metric in METRICS:
        low, high = float(rfm[metric].min()), float(rfm[metric].max())
        step = 1.0 if metric != "M" else max(1.0, round((high - low) / 200, -1) or 1.0)
        controls[metric] = widgets.FloatSlider(
            value=round(float(means[metric]), 1), min=low, max=max(high, low + step), step=step,
            description=f"{metric} 阈值（{units[metric]}）", continuous_update=False,
            disabled=True, readout_format=",.0f" if metric == "M" else ".1f", style=STYLE)

    def compute(scoring, threshold, R, F, M):
        if scoring != 2:
            scored = rfm_scores(rfm, bins=scoring)
            return {"table": scored, "summary": cell_summary(scored)}
        cut = {"R": R, "F": F, "M": M} if threshold == "custom" else threshold
        segmented = rfm_segments(rfm, cut)
        return {"table": segmented, "summary": segment_summary(segmented)}

    def show(result):
        table = result["table"]
        if show_customers:
            columns = SEGMENT_COLUMNS if "segment" in table else \
                ["customer", "R", "F", "M", "R_score", "F_score", "M_score", "RFM_cell"]
            return chinese_table(table, columns)
        if "segment" in table:
            return chinese_table(result["summary"])
        return chinese_table(result["summary"].head(10))

    def draw(result, fig):
        table = result["table"]
        if "segment" in table:
            left, right = side_by_side(fig, width_ratios=[1.3, 1])
            plot_tier_bars(result["summary"], left)
            plot_rfm_heatmap(table, right)
        else:
            plot_rfm_heatmap(table, fig.add_subplot(), by="score", shade="count")

    def enable_thresholds(_change):
        # thresholds only act on 高/低 (8 tiers); the sliders only for "custom"
        eight = controls["scoring"].value == 2
        controls["threshold"].disabled = not eight
        for metric in METRICS:
            controls[metric].disabled = not eight or controls["threshold"].value != "custom"

    controls["scoring"].observe(enable_thresholds, names="value")
    controls["threshold"].observe(enable_thresholds, names="value")
    return Explorer(controls, compute, draw, show=show, figsize=(14, 5.5),
                    title="RFM 分级：换一种高低标准或打分方式，看客户怎样重新分布")


def add_purchase(transactions: pd.DataFrame, customer: str, date, amount: float) -> pd.DataFrame:
    """Clean transactions plus one purchase (``customer, date, amount``); the input is unchanged.

    An ``order_id`` column is kept (F counts distinct orders when it is there); the added
    purchase has no order id, so it counts as an order of its own.

    >>> tx = pd.DataFrame({"customer": ["甲"], "date": pd.to_datetime(["2021-03-01"]),
    ...                    "amount": [10.0]})
    >>> add_purchase(tx, "乙", "2021-03-31", 5.0)
      customer       date  amount
    0        甲 2021-03-01    10.0
    1        乙 2021-03-31     5.0
    """
    columns = ["customer", "date", "amount"]
    if "order_id" in transactions.columns:
        columns.append("order_id")
    row = pd.DataFrame({"customer": [customer], "date": [pd.Timestamp(date)],
                        "amount": [float(amount)]})
    return pd.concat([transactions[columns], row], ignore_index=True)


def purchase_explorer(transactions: pd.DataFrame, today="2021-04-01") -> Explorer:
    """R, F, M and tiers of a small transactions table while "today" moves or a purchase is added.

    Controls: ``today`` (a date), ``customer`` and ``amount`` (add one purchase of that amount,
    500 元 at first, for that customer; the first choice "" (不追加) or an amount of 0 adds
    nothing), ``days_before`` (the added purchase is that many days before today) and
    ``threshold`` ("mean" or "median"). ``result`` is the
    :func:`~crmlab.rfm.rfm_segments` frame of :func:`~crmlab.rfm.rfm_table`; the table shows
    every customer, the chart R against F and F against M, coloured by tier.
    """
    start = parse_today(today).date()
    customers = sorted(pd.unique(transactions["customer"]))
    controls = {
        "today": widgets.DatePicker(value=start, description="今天", style=STYLE),
        "customer": choice_dropdown("给客户", [(NO_PURCHASE, ""), *((c, c) for c in customers)], ""),
        "amount": widgets.FloatSlider(value=500.0, min=0.0, max=3000.0, step=100.0,
                                      description="追加一笔（元）", continuous_update=False,
                                      readout_format=",.0f", style=STYLE),
        "days_before": widgets.IntSlider(value=1, min=1, max=30, description="在今天前几天",
                                         continuous_update=False, style=STYLE),
        "threshold": choice_buttons("高低标准", THRESHOLDS, "mean"),
    }

    def compute(today, customer, amount, days_before, threshold):
        if today is None:
            raise CrmlabError("还没有选“今天”的日期", hint="请在日期框里选一个日期。")
        day = parse_today(today)
        data = transactions
        if customer and amount > 0:
            bought = day - pd.Timedelta(days=days_before)
            data = add_purchase(transactions, customer, bought, amount)
        return rfm_segments(rfm_table(data, day), threshold)

    def show(result):
        cuts = result.attrs["thresholds"]
        text = "，".join(f"{m} {cuts[m]:,.2f}" for m in METRICS)
        table = chinese_table(result, SEGMENT_COLUMNS)
        table.attrs = {}
        return Captioned(table, f"高低标准：{text}（R 小于等于标准为高，F、M 大于等于标准为高）")

    def draw(result, fig):
        threshold = result.attrs["thresholds"]
        left, right = side_by_side(fig)  # few customers: name each point
        plot_rfm_scatter(result, left, x="R", y="F", threshold=threshold, name_customers=True,
                         legend=False)
        plot_rfm_scatter(result, right, x="F", y="M", threshold=threshold, name_customers=True)

    return Explorer(controls, compute, draw, show=show, figsize=(14, 5),
                    title="玩具数据：改“今天”或给某位客户追加一笔消费，看 R、F、M 和分级怎样变")
