"""Plot helpers: each ``plot_x(frame, ax=None, ...)`` draws on ``ax`` (a new figure when None),
sets Chinese titles and labels, changes no global setting and returns the axes.

Call :func:`crmlab.setup` once in a notebook first so that the Chinese renders.
"""

from crmlab.plots.abc import plot_abc_classes, plot_pareto
from crmlab.plots.basics import plot_churn_reasons, plot_retention_economics, plot_salon_budget
from crmlab.plots.clv import plot_clv_by_year, plot_clv_cs_matrix, plot_cpv_clv_quadrants
from crmlab.plots.pyramid import plot_course_pyramid, plot_pyramid, plot_whale_curve
from crmlab.plots.rfm import plot_rfm_heatmap, plot_rfm_histograms, plot_rfm_scatter, plot_tier_bars
from crmlab.plots.selection import plot_growth, plot_mutual_fit, plot_selection_ranking

__all__ = [
    "plot_abc_classes", "plot_churn_reasons", "plot_clv_by_year", "plot_clv_cs_matrix",
    "plot_course_pyramid", "plot_cpv_clv_quadrants", "plot_growth", "plot_mutual_fit",
    "plot_pareto", "plot_pyramid",
    "plot_retention_economics", "plot_rfm_heatmap", "plot_rfm_histograms", "plot_rfm_scatter",
    "plot_salon_budget", "plot_selection_ranking", "plot_tier_bars", "plot_whale_curve",
]
