"""Fixtures shared by several test modules."""

import pytest


@pytest.fixture
def no_png(monkeypatch):
    """Draw every figure but skip the PNG encoding (most of a redraw's time); the figure's
    artists are still there for the asserts. Tests that leave it out render for real."""
    monkeypatch.setattr("crmlab.widgets.base._png_bytes", lambda fig: b"\x89PNG\r\n\x1a\n")


@pytest.fixture
def chinese_fonts():
    """crmlab.setup() with the bundled font, as a notebook would run it, undone afterwards:
    a Chinese label drawn without a glyph then fails the test (pyproject turns matplotlib's
    missing-glyph warning into an error)."""
    import matplotlib
    import pandas as pd

    import crmlab
    from crmlab.fonts import PANDAS_OPTIONS

    saved = [item for option in PANDAS_OPTIONS for item in (option, pd.get_option(option))]
    with matplotlib.rc_context(), pd.option_context(*saved):
        crmlab.setup(font="bundled")
        yield
