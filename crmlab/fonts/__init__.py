"""``setup()``: Chinese in matplotlib plots, and crmlab's errors as short Chinese messages.

This package holds both the code and the bundled font (``crmlab-sans-sc-gb2312.otf``, a GB2312
subset of Noto Sans CJK SC under the SIL OFL, see ``OFL.txt`` and
``scripts/make_font_subset.py``). Importing it changes nothing and imports neither matplotlib
nor pandas; only :func:`setup` touches global state, and calling it twice is harmless.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

BUNDLED_FAMILY = "crmlab Sans SC"
BUNDLED_FILE = "crmlab-sans-sc-gb2312.otf"

# Installed CJK sans-serif fonts, best first: Windows, macOS, then Linux packages.
PREFERRED_FAMILIES = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Source Han Sans CN",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Heiti SC",
    "Sarasa Gothic SC",
)

PANDAS_OPTIONS = {
    # Chinese characters take two columns in a terminal/plain-text table; align them so.
    "display.unicode.east_asian_width": True,
    "display.max_columns": 30,
    "display.width": 120,
    # long Chinese text (strategies, notes, reasons) shown in full instead of cut off with "..."
    "display.max_colwidth": None,
    # a pandas table's "$19,000-$58,900" stays dollars, not MathJax maths (crmlab.zh tables are
    # marked for MathJax 3 themselves, see crmlab/table_html.py)
    "display.html.use_mathjax": False,
}

#: Projector mode (``setup(projector=True)``): a figure is shown shrunk to the notebook's width,
#: so its text shrinks with it. At 150 % browser zoom on a 1280-pixel projector (or in
#: Presentation Mode) a notebook cell is about 7 inches of a 100-dpi figure wide: every figure
#: pyplot makes is scaled down to at most that width (fonts kept), and the fonts are larger, so
#: plot text is at least as large as the body text (checked in tests/e2e/test_projector.py).
PROJECTOR_MAX_WIDTH = 7.0
PROJECTOR_RC = {
    "font.size": 15.0,
    "axes.titlesize": 17.0,
    "axes.labelsize": 15.0,
    "xtick.labelsize": 14.0,
    "ytick.labelsize": 14.0,
    "legend.fontsize": 14.0,
    "figure.titlesize": 18.0,
    "lines.linewidth": 2.2,
}
PROJECTOR_HOOK = f"{__name__}:fit_projector_width"


def bundled_font_path() -> Path:
    """Path of the font file shipped inside crmlab."""
    return Path(str(resources.files(__name__).joinpath(BUNDLED_FILE)))


def installed_cjk_family() -> str | None:
    """The best installed CJK font family matplotlib knows about, or None."""
    known = _known_families()
    return next((family for family in PREFERRED_FAMILIES if family in known), None)


def _known_families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def register_bundled_font() -> str:
    """Add the bundled font to matplotlib's font manager (once) and return its family name."""
    from matplotlib import font_manager

    path = bundled_font_path()
    if not any(Path(entry.fname) == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    return BUNDLED_FAMILY


def fit_projector_width(figure) -> None:
    """A ``figure.hooks`` hook: scale a figure wider than :data:`PROJECTOR_MAX_WIDTH` inches
    down to that width, keeping its proportions (the fonts keep their size, so they grow
    relative to the figure).

    >>> from matplotlib.figure import Figure
    >>> wide, small = Figure(figsize=(14, 5)), Figure(figsize=(6, 4))
    >>> fit_projector_width(wide)
    >>> fit_projector_width(small)
    >>> [round(float(x), 2) for x in wide.get_size_inches()], small.get_size_inches().tolist()
    ([7.0, 2.5], [6.0, 4.0])
    """
    width, height = figure.get_size_inches()
    if width > PROJECTOR_MAX_WIDTH:
        scale = PROJECTOR_MAX_WIDTH / width
        figure.set_size_inches(width * scale, height * scale)


def _set_projector(on: bool) -> None:
    import matplotlib

    hooks = [h for h in matplotlib.rcParams["figure.hooks"] if h != PROJECTOR_HOOK]
    if on:
        matplotlib.rcParams.update(PROJECTOR_RC)
        hooks.append(PROJECTOR_HOOK)
    else:
        for key in PROJECTOR_RC:
            matplotlib.rcParams[key] = matplotlib.rcParamsDefault[key]
    matplotlib.rcParams["figure.hooks"] = hooks


def projector_on() -> bool:
    """Whether ``setup(projector=True)`` is in force (widgets drawing their own figures ask)."""
    import matplotlib

    return PROJECTOR_HOOK in matplotlib.rcParams["figure.hooks"]


def setup(font: str | None = None, projector: bool = False) -> str:
    """Make Chinese render in plots and tables; return the font family chosen.

    ``projector=True`` is for teaching on a projector (150 % browser zoom, Presentation Mode):
    figures at most :data:`PROJECTOR_MAX_WIDTH` inches wide and larger plot fonts, so plot text
    stays at least as large as the notebook's text; ``setup()`` again turns it off. The
    environment variable ``CRMLAB_PROJECTOR=1`` turns it on too (``crmlab present`` sets it for
    the chapter it serves).

    ``font=None`` picks an installed CJK font (微软雅黑, 苹方, Noto Sans CJK SC, 思源黑体 …) and
    otherwise the font bundled with crmlab; ``font="bundled"`` always uses the bundled one
    (the same look on every machine); any other string is used as the family name.

    Sets matplotlib's sans-serif font list and ``axes.unicode_minus=False`` (an ASCII hyphen
    as minus sign: many Chinese fonts lack U+2212), pandas display options that align
    Chinese columns and show long text in full, and in IPython/Jupyter a handler that shows a
    :class:`~crmlab.errors.CrmlabError` as a short red Chinese message instead of a
    traceback (``%tb`` still shows the traceback).
    """
    import matplotlib

    if font == "bundled":
        family = register_bundled_font()
    elif font is None:
        family = installed_cjk_family() or register_bundled_font()
    else:
        family = font
        if family not in _known_families():
            from crmlab.errors import CrmlabError

            raise CrmlabError(
                f"找不到字体「{family}」",
                hint="请检查字体名称（例如 \"Microsoft YaHei\"），或者不写 font 参数，"
                     "让 crmlab 自动选择；写 font=\"bundled\" 则使用 crmlab 自带的字体。",
            )
    fallbacks = [name for name in matplotlib.rcParams["font.sans-serif"] if name != family]
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = [family, *fallbacks]
    matplotlib.rcParams["axes.unicode_minus"] = False
    _set_projector(projector or os.environ.get("CRMLAB_PROJECTOR") == "1")
    _set_pandas_options()
    _register_ipython_handler()
    return family


def _set_pandas_options() -> None:
    import pandas as pd

    for option, value in PANDAS_OPTIONS.items():
        pd.set_option(option, value)


def _register_ipython_handler() -> bool:
    """In IPython, show CrmlabError briefly; return whether a shell was found."""
    if "IPython" not in sys.modules:  # not running under IPython: nothing to do
        return False
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return False
    from crmlab.error_hints import install

    install(shell)  # CrmlabError briefly; KeyError, NameError, date - text: a Chinese line first
    return True


def show_crmlab_error(shell, etype, value, tb, tb_offset=None):
    """IPython custom exception handler: the Chinese message in red, no traceback."""
    from IPython.display import display

    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # so %tb works
    html = value._repr_html_() + (
        '<div style="color:#777;font-size:0.85em">（需要查看完整的出错位置时，运行 %tb）</div>'
    )
    display({"text/plain": f"crmlab 提示：{value}", "text/html": html}, raw=True)
    return []
