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


def test_a_chinese_error_replaces_the_result_instead_of_a_traceback():
    explorer = Explorer({"n": widgets.IntSlider(value=2, min=1, max=5)}, table, bars)
    explorer.controls["n"].value = 3
    assert explorer.result is None and explorer.figure is None
    assert "三不行" in explorer.message
    explorer.controls["n"].value = 1
    assert explorer.message == "" and len(explorer.result) == 1
