"""crmlab: the helper package behind the 客户关系管理 analytics workbook.

Every method is one pure function (DataFrame in, DataFrame out); notebooks, widgets,
exercise checks, the Excel export and the CLI all call these functions.

Importing crmlab changes no global setting and imports neither matplotlib nor ipywidgets:
names are loaded from their modules on first use. Call :func:`crmlab.setup` in a notebook
to make Chinese render in plots and to show crmlab's errors as short Chinese messages.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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
    "segment_summary": "rfm",
    "tier_summary": "rfm",
    "validate_rules": "rfm_rules",
    "group_summary": "summary",
    "RFM_RULES": "rfm_rules",
    "write_rfm_workbook": "excel",
    "write_rfm_formula_workbook": "formula_workbook",
    # tiering and value
    "customer_totals": "abc_classification",
    "abc_analysis": "abc_classification",
    "pareto_table": "abc_classification",
    "rank_by_value": "abc_classification",
    "classify_ranked": "abc_classification",
    "ABC_CLASSES": "abc_classification",
    "ABC_COUNT_CUTS": "abc_classification",
    "ABC_VALUE_CUTS": "abc_classification",
    "PYRAMID_TIERS": "pyramid",
    "PYRAMID_RANK_CUTS": "pyramid",
    "PYRAMID_PROFIT_CUTS": "pyramid",
    "course_pyramid_gaps": "pyramid",
    "clv_by_year": "lifetime_value",
    "CLV_CS_RULES": "lifetime_value",
    "CPV_CLV_RULES": "lifetime_value",
    "MUTUAL_FIT_RULES": "selection",
    "SELECTION_FACTORS": "selection",
    "mutual_fit_summary": "selection",
    "normalised_weights": "selection",
    "cell_summary": "summary",
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
    "audit_course_pyramid": "pyramid",
    "check_course_pyramid": "pyramid",
    "course_pyramid_shares": "pyramid",
    "pyramid_tiers": "pyramid",
    "crm_vs_traditional": "crm_basics",
    "churn_reasons": "crm_basics",
    "retention_economics": "crm_basics",
    "salon_budget": "crm_basics",
    "audit_salon_budget": "crm_basics",
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

if TYPE_CHECKING:  # what an editor's go-to-definition follows (the exports stay lazy at run time;
    # tests/test_package.py keeps this list equal to _EXPORTS)
    from crmlab.errors import CrmlabError
    from crmlab.transactions import load_transactions
    from crmlab.report import LoadReport
    from crmlab.report import load_report
    from crmlab import datasets
    from crmlab import checks
    from crmlab.datasets import xudong_path
    from crmlab.datasets import load_xudong
    from crmlab.datasets import load_demo_transactions
    from crmlab.datasets import load_demo_customers
    from crmlab.datasets import load_candidates
    from crmlab.rfm import rfm_table
    from crmlab.rfm import rfm_thresholds
    from crmlab.rfm import rfm_segments
    from crmlab.rfm import rfm_scores
    from crmlab.rfm import segment_summary
    from crmlab.rfm import tier_summary
    from crmlab.rfm_rules import validate_rules
    from crmlab.summary import group_summary
    from crmlab.rfm_rules import RFM_RULES
    from crmlab.excel import write_rfm_workbook
    from crmlab.formula_workbook import write_rfm_formula_workbook
    from crmlab.abc_classification import customer_totals
    from crmlab.abc_classification import abc_analysis
    from crmlab.abc_classification import pareto_table
    from crmlab.abc_classification import rank_by_value
    from crmlab.abc_classification import classify_ranked
    from crmlab.abc_classification import ABC_CLASSES
    from crmlab.abc_classification import ABC_COUNT_CUTS
    from crmlab.abc_classification import ABC_VALUE_CUTS
    from crmlab.pyramid import PYRAMID_TIERS
    from crmlab.pyramid import PYRAMID_RANK_CUTS
    from crmlab.pyramid import PYRAMID_PROFIT_CUTS
    from crmlab.pyramid import course_pyramid_gaps
    from crmlab.lifetime_value import clv_by_year
    from crmlab.lifetime_value import CLV_CS_RULES
    from crmlab.lifetime_value import CPV_CLV_RULES
    from crmlab.selection import MUTUAL_FIT_RULES
    from crmlab.selection import SELECTION_FACTORS
    from crmlab.selection import mutual_fit_summary
    from crmlab.selection import normalised_weights
    from crmlab.summary import cell_summary
    from crmlab.pyramid import customer_pyramid
    from crmlab.pyramid import whale_curve
    from crmlab.lifetime_value import clv
    from crmlab.lifetime_value import clv_cs_classes
    from crmlab.lifetime_value import cpv_clv_classes
    from crmlab.selection import weighted_scores
    from crmlab.selection import mutual_fit
    from crmlab.lifetime_value import clv_finite
    from crmlab.selection import growth_projection
    from crmlab.selection import overtake_year
    from crmlab.pyramid import course_pyramid
    from crmlab.pyramid import audit_course_pyramid
    from crmlab.pyramid import check_course_pyramid
    from crmlab.pyramid import course_pyramid_shares
    from crmlab.pyramid import pyramid_tiers
    from crmlab.crm_basics import crm_vs_traditional
    from crmlab.crm_basics import churn_reasons
    from crmlab.crm_basics import retention_economics
    from crmlab.crm_basics import salon_budget
    from crmlab.crm_basics import audit_salon_budget
    from crmlab.crm_basics import check_salon_budget
    from crmlab.crm_basics import buyer_roles
    from crmlab.fonts import setup
    from crmlab.display import zh
    from crmlab import plots
    from crmlab.grading import grade_folder
    from crmlab.crm_basics import salon_budget_intensity
    from crmlab.crm_basics import budget_menu
    from crmlab.crm_basics import repeat_purchase_gap
    from crmlab.crm_basics import size_versus_profit
    from crmlab.crm_basics import size_example
    from crmlab.selection import overall_value

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
