"""Chapter 2 explorers: weighted scoring of candidate customers, and small customers that grow.

Each builder returns an :class:`~crmlab.widgets.base.Explorer`; moving a control re-runs
:func:`~crmlab.selection.weighted_scores`, or :func:`~crmlab.selection.growth_projection` and
:func:`~crmlab.selection.overtake_year`, and redraws the table and the chart in place.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from crmlab.display import zh
from crmlab.plots.selection import FIT_COLORS  # noqa: F401  (its old home; kept as an alias)
from crmlab.plots.selection import plot_growth, plot_mutual_fit, plot_selection_ranking
from crmlab.selection import normalised_weights  # noqa: F401  (its old home; kept as an alias)
from crmlab.selection import (
    growth_projection,
    mutual_fit,
    mutual_fit_summary,
    overtake_year,
    weighted_scores,
)
from crmlab.widgets.base import Captioned, Explorer, choice_buttons, number_slider, percent_slider

_WIDTH = "320px"

#: The four selection factors of the course, as columns of ``load_candidates()``, with the
#: weights the explorer starts from (crmlab's choice; they add up to 1).
DEFAULT_WEIGHTS = {"purchasing_power": 0.25, "willingness": 0.2, "credit": 0.2,
                   "price_sensitivity": 0.15, "cooperation": 0.2}
CRITERIA_NAMES = {"purchasing_power": "购买力", "willingness": "购买意愿", "credit": "信用",
                  "price_sensitivity": "价格敏感度（越低越好）", "cooperation": "合作意愿"}
LOWER_IS_BETTER = ("price_sensitivity",)


def weights_explorer(candidates: pd.DataFrame,
                     weights: Mapping[str, float] | None = None, mode: str = "strict") -> Explorer:
    """Rank ``candidates`` (``load_candidates()``) by a weighted score whose weights are sliders.

    One slider per criterion in ``weights`` (default :data:`DEFAULT_WEIGHTS`), plus ``mode``:
    "strict" passes the weights as they are, so when they do not add up to 1 the explorer shows
    :func:`weighted_scores`' Chinese message instead of a ranking; "normalise" scales them to
    add up to 1 first (:func:`normalised_weights`) and says so; ``mode=`` picks the one shown
    first. ``result`` is the
    :func:`weighted_scores` frame, with the weights used in ``attrs["weights"]`` and what was
    done to them in ``attrs["note"]``.
    """
    start = dict(DEFAULT_WEIGHTS if weights is None else weights)
    controls = {
        name: widgets.FloatSlider(value=value, min=0.0, max=1.0, step=0.05,
                                  description=CRITERIA_NAMES.get(name, name),
                                  continuous_update=False, layout=widgets.Layout(width="440px"),
                                  style={"description_width": "170px"})
        for name, value in start.items()
    }
    controls["mode"] = choice_buttons(
        "权重合计不是 1 时", [("权重必须合计为 1", "strict"), ("自动按比例缩放到 1", "normalise")],
        mode)
    lower = [c for c in LOWER_IS_BETTER if c in start]

    def compute(mode, **chosen):
        chosen = {name: round(value, 10) for name, value in chosen.items()}
        total = sum(chosen.values())
        if mode == "normalise":
            used = normalised_weights(chosen)
            note = ("权重合计正好是 1，无需缩放。" if abs(total - 1) < 1e-9 else
                    f"权重合计是 {total:.2f}，已按比例缩放为合计 1："
                    + "，".join(f"{CRITERIA_NAMES.get(k, k)} {v:.3f}" for k, v in used.items()))
        else:
            used, note = chosen, "权重合计为 1。"
        result = weighted_scores(candidates, used, lower_is_better=lower)
        result.attrs["weights"] = used
        result.attrs["note"] = note
        return result

    def show(result):
        table = zh(result[["customer", "score", "rank"]].round(3))
        return Captioned(table.head(5), result.attrs["note"])

    def draw(result, fig):
        plot_selection_ranking(result, fig.add_subplot(), weights=result.attrs["weights"],
                               labels=CRITERIA_NAMES)

    return Explorer(controls, compute, draw, show=show, figsize=(10, 7.5),
                    title="候选客户加权评分：拖动权重，看排名怎样变化（表中列出前 5 名）")


def growth_explorer(small: float = 10, large: float = 100, small_rate: float = 0.4,
                    large_rate: float = 0.05, years: int = 15, small_label: str = "小客户",
                    large_label: str = "大客户") -> Explorer:
    """Two customers growing at constant yearly rates (the IBM PC lesson).

    Controls: ``small_rate`` and ``large_rate`` (yearly growth) and ``years`` (how far to
    look); the starting sizes are the arguments. ``result`` has ``year, small, large``
    (:func:`growth_projection` of each) and ``attrs["overtake_year"]``
    (:func:`overtake_year`: the first year the small one is larger, or None).
    """
    controls = {
        "small_rate": percent_slider(f"{small_label}年增长率", small_rate, 0.0, 1.0, 0.05,
                                     width=_WIDTH),
        "large_rate": percent_slider(f"{large_label}年增长率", large_rate, 0.0, 0.3, 0.01,
                                     width=_WIDTH),
        "years": number_slider("看多少年", years, 5, 30, width=_WIDTH),
    }

    def compute(small_rate, large_rate, years):
        grown = growth_projection(small, small_rate, years)
        result = pd.DataFrame({"year": grown["year"], "small": grown["value"],
                               "large": growth_projection(large, large_rate, years)["value"]})
        result.attrs["overtake_year"] = overtake_year(small, small_rate, large, large_rate)
        return result

    def show(result):
        from IPython.display import HTML

        year = result.attrs["overtake_year"]
        if year is None:
            text = f"{small_label}的增长不比{large_label}快，永远追不上。"
        elif year > int(result["year"].iloc[-1]):
            text = f"{small_label}要到第 {year} 年才超过{large_label}，超出了图中的年数。"
        else:
            text = f"第 {year} 年，{small_label}的业务量超过{large_label}。"
        return HTML(f"<p><b>{text}</b></p>")

    def draw(result, fig):
        year = result.attrs["overtake_year"]
        shown = year if year is not None and year <= int(result["year"].iloc[-1]) else None
        plot_growth(result[["year", "small"]].rename(columns={"small": "value"}),
                    result[["year", "large"]].rename(columns={"large": "value"}), fig.add_subplot(),
                    small_label=small_label, large_label=large_label, overtake=shown)

    return Explorer(controls, compute, draw, show=show, figsize=(9, 4.5),
                    title=f"今天的{small_label}，明天的大生意？拖动增长率看反超年份")


def fit_table(result: pd.DataFrame, name: str = "customer") -> pd.DataFrame:
    """:func:`~crmlab.selection.mutual_fit_summary` with Chinese headers: 客户价值等级,
    我方能力等级, 匹配类型, 客户数, 客户 (the names, or — when there are none), 建议.

    >>> t = mutual_fit(pd.DataFrame({"customer": ["a", "b"], "v": [1, 9], "c": [9, 9]}), "v", "c")
    >>> fit_table(t)[["匹配类型", "客户数", "客户"]].values.tolist()
    [['门当户对', 1, 'b'], ['高攀', 0, '—'], ['大材小用', 1, 'a'], ['暂不考虑', 0, '—']]
    """
    return zh(mutual_fit_summary(result, name), names="客户")


def mutual_fit_explorer(table: pd.DataFrame, value_col: str = "score",
                        ability_col: str = "capability", name: str = "customer") -> Explorer:
    """门当户对: each candidate's value to us (``value_col``) against our ability to serve it
    (``ability_col``), split into 高/低 at the mean or the median of each.

    Controls: ``value_threshold`` and ``ability_threshold`` ("mean" or "median"). ``result`` is
    the :func:`~crmlab.selection.mutual_fit` frame; the table lists the candidates per quadrant,
    the chart places them in the plane with the two thresholds as dashed lines.
    """
    choices = [("平均值", "mean"), ("中位数", "median")]
    controls = {
        "value_threshold": choice_buttons("客户价值的高低标准", choices, "mean"),
        "ability_threshold": choice_buttons("我方能力的高低标准", choices, "mean"),
    }

    def compute(value_threshold, ability_threshold):
        return mutual_fit(table, value_col, ability_col, value_threshold, ability_threshold)

    def show(result):
        from IPython.display import HTML

        return HTML(fit_table(result, name).to_html(index=False))  # to_html never cuts text

    def draw(result, fig):
        plot_mutual_fit(result, fig.add_subplot(), value_col=value_col, ability_col=ability_col,
                        name=name)

    return Explorer(controls, compute, draw, show=show, figsize=(10, 5.5),
                    title="双向选择：换一种高低标准，看哪些客户“门当户对”")
