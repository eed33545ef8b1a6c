"""Every explorer the chapters show survives the first touch (issue 14, item 7): one notch of any
control, up or down, never wipes the table and the plot. Built on the chapters' own data, as
the notebooks build them; a control is moved the way a student moves it (one slider step, the
next toggle or dropdown option, a day later)."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pandas as pd
import pytest

import crmlab
from crmlab.datasets import XUDONG_TODAY
from crmlab.widgets import crm_basics, rfm, selection, tiering

pytestmark = pytest.mark.usefixtures("no_png")

TOY = pd.DataFrame({   # chapter 4's toy table
    "customer": ["张三", "李四", "王五", "张三", "赵六", "王五", "钱七", "钱七", "王五"],
    "date": pd.to_datetime(["2021-03-02", "2021-03-15", "2021-03-05", "2021-03-28", "2021-03-09",
                            "2021-03-18", "2021-03-20", "2021-03-25", "2021-03-30"]),
    "amount": [300.0, 1200.0, 80.0, 450.0, 60.0, 120.0, 900.0, 700.0, 100.0],
})


def chapter_explorers():
    candidates = crmlab.load_candidates()
    scores = crmlab.weighted_scores(candidates, selection.DEFAULT_WEIGHTS,
                                    lower_is_better=["price_sensitivity"])
    fit_table = scores[["customer", "score"]].merge(candidates[["customer", "capability"]],
                                                    on="customer")
    totals = crmlab.customer_totals(crmlab.load_demo_transactions())
    customers = crmlab.load_demo_customers()
    demo_rfm = crmlab.rfm_table(crmlab.load_demo_transactions(), "2024-01-01")
    xudong_rfm = crmlab.rfm_table(crmlab.load_xudong(), XUDONG_TODAY)
    return {
        "ch1 salon": lambda: crm_basics.salon_explorer(),
        "ch1 retention": lambda: crm_basics.retention_explorer(),
        "ch1 clv": lambda: crm_basics.clv_explorer(),
        "ch2 weights": lambda: selection.weights_explorer(candidates),
        "ch2 mutual fit": lambda: selection.mutual_fit_explorer(fit_table),
        "ch2 growth": lambda: selection.growth_explorer(small=10, large=100, small_rate=0.4,
                                                        large_rate=0.05),
        "ch3 abc": lambda: tiering.abc_explorer(totals),
        "ch3 pyramid": lambda: tiering.pyramid_explorer(totals),
        "ch3 clv-cs": lambda: tiering.clv_cs_explorer(customers),
        "ch3 rfm thresholds": lambda: rfm.threshold_explorer(demo_rfm),
        "ch4 toy purchases": lambda: rfm.purchase_explorer(TOY, today="2021-04-01"),
        "ch4 rfm thresholds": lambda: rfm.threshold_explorer(xudong_rfm, show_customers=True),
    }


EXPLORERS = chapter_explorers()


def notches(control):
    """The values one notch away from where the control stands (down and up, where possible)."""
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        return [v for v in (control.value - control.step, control.value + control.step)
                if control.min <= v <= control.max]
    if isinstance(control, (widgets.ToggleButtons, widgets.Dropdown)):
        values = [value for _, value in control.options]
        here = values.index(control.value)
        return [values[(here + 1) % len(values)], values[here - 1]]
    if isinstance(control, widgets.DatePicker):
        return [control.value - dt.timedelta(days=1), control.value + dt.timedelta(days=1)]
    raise AssertionError(f"a control this test does not know: {type(control).__name__}")


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_no_single_notch_wipes_the_table_and_plot(name):
    explorer = EXPLORERS[name]()
    assert explorer.message == "" and explorer.result is not None, explorer.message
    for key, control in explorer.controls.items():
        if getattr(control, "disabled", False):
            continue  # a slider that is greyed out (custom thresholds): no student can move it
        start = control.value
        for value in notches(control):
            control.value = value
            # either a new result, or (chapter 2's strict weights) the warning above the last one
            where = f"{name}: {key} -> {value!r}"
            assert explorer.result is not None and explorer.figure is not None, where
            assert explorer.message == "" or explorer.stale, where
            control.value = start
            assert explorer.message == "", f"{where}, and back"


def test_only_the_strict_weights_warn_on_the_first_notch():
    explorer = selection.weights_explorer(crmlab.load_candidates())
    explorer.controls["credit"].value = 0.25   # 1.05 in all
    assert "1.05" in explorer.message and explorer.stale
    explorer.controls["mode"].value = "normalise"   # the same weights, scaled: no warning
    assert explorer.message == "" and "1.05" in explorer.result.attrs["note"]


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_labels_are_not_cut_off(name):
    # ipywidgets gives toggle buttons a fixed width that cuts long Chinese labels; ours size
    # to their labels, and every description takes the width it needs
    for control in EXPLORERS[name]().controls.values():
        width = control.style.description_width
        # "initial" fits the text; a fixed width (aligned sliders) must hold 14 px a character
        assert width == "initial" or int(width.removesuffix("px")) >= 14 * len(control.description)
        if isinstance(control, widgets.ToggleButtons):
            assert control.style.button_width == "auto"
        if isinstance(control, widgets.Dropdown):
            assert control.layout.width == "max-content"
