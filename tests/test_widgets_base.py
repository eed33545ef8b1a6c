import ipywidgets as widgets
import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.widgets.base import Explorer


def table(n):
    if n == 3:
        raise CrmlabError("三不行", hint="换一个数。")
    return pd.DataFrame({"x": range(n)})


def bars(result, fig):
    fig.add_subplot().bar(result["x"], result["x"] + 1)


def test_changing_a_control_recomputes_and_redraws_in_place():
    explorer = Explorer({"n": widgets.IntSlider(value=2, min=1, max=5)}, table, bars)
    assert len(explorer.result) == 2
    assert len(explorer.figure.axes[0].patches) == 2
    explorer.controls["n"].value = 4
    assert list(explorer.result["x"]) == [0, 1, 2, 3]
    assert [p.get_height() for p in explorer.figure.axes[0].patches] == [1, 2, 3, 4]
    assert len(explorer.figure.axes) == 1  # a fresh figure each time, never stacked axes


def test_a_chinese_error_stands_above_the_last_table_and_plot_instead_of_a_traceback():
    explorer = Explorer({"n": widgets.IntSlider(value=2, min=1, max=5)}, table, bars)
    explorer.controls["n"].value = 3
    # the message is shown, and the table and plot of n = 2 stay (no single move wipes them)
    assert "三不行" in explorer.message and explorer.stale
    assert len(explorer.result) == 2 and len(explorer.figure.axes[0].patches) == 2
    explorer.controls["n"].value = 1
    assert explorer.message == "" and not explorer.stale and len(explorer.result) == 1


def test_an_error_at_the_start_shows_only_the_message():
    explorer = Explorer({"n": widgets.IntSlider(value=3, min=1, max=5)}, table, bars)
    assert "三不行" in explorer.message and not explorer.stale
    assert explorer.result is None and explorer.figure is None


def test_a_setting_seen_before_is_shown_again_without_recomputing():
    calls = []

    def counted(n):
        calls.append(n)
        return table(n)

    explorer = Explorer({"n": widgets.IntSlider(value=2, min=1, max=5)}, counted, bars)
    explorer.controls["n"].value = 4
    explorer.controls["n"].value = 2   # back: the drawing of n = 2 is kept
    assert calls == [2, 4]
    assert list(explorer.result["x"]) == [0, 1] and len(explorer.figure.axes[0].patches) == 2


def test_the_layout_is_found_once_per_shape_and_reused():
    explorer = Explorer({"n": widgets.IntSlider(value=2, min=1, max=5)}, table, bars)
    first = explorer.figure
    assert first.get_layout_engine() is not None   # constrained layout on the first drawing
    explorer.controls["n"].value = 4
    again = explorer.figure
    assert again is not first and again.get_layout_engine() is None
    assert again.axes[0].get_position().bounds == first.axes[0].get_position().bounds
