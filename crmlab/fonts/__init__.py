"""``setup()``: Chinese in matplotlib plots, and crmlab's errors as short Chinese messages.

This package holds both the code and the bundled font (``crmlab-sans-sc-gb2312.otf``, a GB2312
subset of Noto Sans CJK SC under the SIL OFL, see ``OFL.txt`` and
``scripts/make_font_subset.py``). Importing it changes nothing and imports neither matplotlib
nor pandas; only :func:`setup` touches global state, and calling it twice is harmless.
"""

from __future__ import annotations

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
}


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


def setup(font: str | None = None) -> str:
    """Make Chinese render in plots and tables; return the font family chosen.

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
