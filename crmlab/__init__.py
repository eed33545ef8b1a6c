"""crmlab: the helper package behind the 客户关系管理 analytics workbook.

Every method is one pure function (DataFrame in, DataFrame out); notebooks, widgets,
exercise checks, the Excel export and the CLI all call these functions.

Importing crmlab changes no global setting and imports neither matplotlib nor ipywidgets:
names are loaded from their modules on first use. Call :func:`crmlab.setup` in a notebook
to make Chinese render in plots and to show crmlab's errors as short Chinese messages.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it (loaded lazily, so `import crmlab` stays light)
_EXPORTS = {
    "CrmlabError": "errors",
    # data
    "load_transactions": "transactions",
    "LoadReport": "report",
    "load_report": "report",
    "datasets": None,
    "checks": None,
    "xudong_path": "datasets",
    "load_xudong": "datasets",
    "load_demo_transactions": "datasets",
    "load_demo_customers": "datasets",
    "load_candidates": "datasets",
    # RFM
    "rfm_table": "rfm",
    "rfm_thresholds": "rfm",
    "rfm_segments": "rfm",
    "rfm_scores": "rfm",
    "tier_summary": "rfm",
    "group_summary": "summary",
    "RFM_RULES": "rfm",
    "write_rfm_workbook": "excel",
    "write_rfm_formula_workbook": "formula_workbook",
    # tiering and value
    "customer_totals": "abc_classification",
    "abc_analysis": "abc_classification",
    "pareto_table": "abc_classification",
    "customer_pyramid": "pyramid",
    "whale_curve": "pyramid",
    "clv": "lifetime_value",
    "clv_cs_classes": "lifetime_value",
    "cpv_clv_classes": "lifetime_value",
    "weighted_scores": "selection",
    "mutual_fit": "selection",
    "overall_value": "selection",
    "clv_finite": "lifetime_value",
    "growth_projection": "selection",
    "overtake_year": "selection",
    "course_pyramid": "pyramid",
    "check_course_pyramid": "pyramid",
    "course_pyramid_shares": "pyramid",
    "pyramid_tiers": "pyramid",
    "crm_vs_traditional": "crm_basics",
    "churn_reasons": "crm_basics",
    "retention_economics": "crm_basics",
    "salon_budget": "crm_basics",
    "check_salon_budget": "crm_basics",
    "buyer_roles": "crm_basics",
    "salon_budget_intensity": "crm_basics",
    "budget_menu": "crm_basics",
    "repeat_purchase_gap": "crm_basics",
    "size_versus_profit": "crm_basics",
    "size_example": "crm_basics",
    # notebooks
    "setup": "fonts",
    "zh": "display",
    "plots": None,
    # instructors
    "grade_folder": "grading",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'crmlab' has no attribute {name!r}")
    module_name = _EXPORTS[name]
    if module_name is None:
        return importlib.import_module(f"crmlab.{name}")
    value = getattr(importlib.import_module(f"crmlab.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
