"""Chapter 2 shows the weights explorer in its "normalise" mode, so that a student's first
move of a slider rescales the weights instead of replacing the ranking by a message."""

import pandas as pd
import pytest

from crmlab.widgets.selection import weights_explorer


@pytest.fixture
def candidates():
    return pd.DataFrame({"customer": ["甲", "乙", "丙"], "demand": [10, 0, 5],
                         "credit": [0, 10, 5]})


def test_the_explorer_can_start_in_normalise_mode(candidates):
    explorer = weights_explorer(candidates, {"demand": 0.5, "credit": 0.5}, mode="normalise")
    assert explorer.controls["mode"].value == "normalise"
    explorer.controls["demand"].value = 0.55   # one notch: 0.55 + 0.5 = 1.05
    assert explorer.message == ""
    used = explorer.result.attrs["weights"]
    assert used["demand"] == pytest.approx(0.55 / 1.05)
    assert "缩放" in explorer.result.attrs["note"]


def test_strict_stays_the_default(candidates):
    explorer = weights_explorer(candidates, {"demand": 0.5, "credit": 0.5})
    assert explorer.controls["mode"].value == "strict"
    explorer.controls["demand"].value = 0.55
    assert "不等于 1" in explorer.message  # said beside the last good table, which stays
