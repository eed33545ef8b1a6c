"""Tests for crmlab/fonts: the bundled GB2312 font, setup(), the notebook error display.

The machine that builds the font subset has a system CJK font (fonts-noto-cjk), CI machines do
not: so the bundled font is tested on its own (forced, with installed CJK fonts hidden).
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from crmlab import fonts  # noqa: E402
from crmlab.errors import CrmlabError  # noqa: E402

PACKAGE = Path(fonts.__file__).resolve().parents[1]
HANZI = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def gb2312_hanzi() -> set[str]:
    """Level-1 and level-2 hanzi of GB2312 live in rows 0xB0-0xF7."""
    chars = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def bundled_cmap() -> dict[int, str]:
    from fontTools.ttLib import TTFont

    return TTFont(fonts.bundled_font_path())["cmap"].getBestCmap()


def crmlab_chinese() -> str:
    """Every CJK character and full-width punctuation mark in crmlab's source (labels, messages)."""
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py")))
    return "".join(sorted(set(HANZI.findall(text))))


@pytest.fixture
def restore_globals():
    """setup() changes matplotlib and pandas settings on purpose; put them back after each test."""
    saved_rc = matplotlib.rcParams.copy()
    saved_pd = {option: pd.get_option(option) for option in fonts.PANDAS_OPTIONS}
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(saved_rc)
    for option, value in saved_pd.items():
        pd.set_option(option, value)
    plt.close("all")


@pytest.fixture
def no_installed_cjk(monkeypatch):
    """Make matplotlib believe no CJK font is installed, as on a fresh CI machine."""
    keep = [entry for entry in font_manager.fontManager.ttflist
            if not any(word in entry.name
                       for word in ("CJK", "Hei", "YaHei", "PingFang", "Han Sans"))]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", keep)
    font_manager.fontManager._findfont_cached.cache_clear()
    yield
    font_manager.fontManager._findfont_cached.cache_clear()


def render_strictly(fig, path):
    """Save to PNG and fail on a missing glyph warning or a 'font not found' log line."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("matplotlib.font_manager")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.savefig(path)
    finally:
        logger.removeHandler(handler)
    messages = [record.getMessage() for record in records if record.levelno >= logging.WARNING]
    assert messages == []


def test_bundled_font_covers_gb2312_and_punctuation():
    cmap = bundled_cmap()
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    assert hanzi <= {chr(code) for code in cmap}
    for ch in "，。、；：？！（）《》「」【】…—·％￥０９ＡＺ" + "".join(map(chr, range(0x21, 0x7F))):
        assert ord(ch) in cmap, ch
    assert ord("\u2212") in cmap  # the typographic minus sign, in case unicode_minus is left on


def test_bundled_font_is_small_and_licensed():
    path = fonts.bundled_font_path()
    assert path.stat().st_size <= 4_000_000
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Noto Sans CJK SC" in licence


def test_every_chinese_character_crmlab_uses_is_in_the_bundled_font():
    cmap = bundled_cmap()
    used = crmlab_chinese()
    assert "客户" in used or len(used) > 10  # the scan found crmlab's labels
    missing = [ch for ch in used if ord(ch) not in cmap and ch != "\u3000"]
    assert missing == [], f"add these to the font subset or avoid them: {''.join(missing)}"


def test_import_crmlab_imports_no_plotting_library():
    code = "import sys, crmlab, crmlab.fonts; crmlab.setup; " \
           "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_setup_without_installed_cjk_font_uses_the_bundled_one(restore_globals, no_installed_cjk,
                                                              tmp_path):
    assert fonts.installed_cjk_family() is None
    family = fonts.setup()
    assert family == "crmlab Sans SC"
    assert matplotlib.rcParams["font.sans-serif"][0] == "crmlab Sans SC"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert Path(found) == fonts.bundled_font_path()

    fig, ax = plt.subplots()
    ax.bar(["重要价值客户", "一般挽留客户"], [-3.5, 12], label="利润（元）")
    ax.plot([0, 1], [2, -1], label="累计占比")
    ax.set_title("客户金字塔：高端客户贡献了大部分利润")
    ax.set_xlabel("客户分级")
    ax.set_ylabel("消费金额 M（元）")
    ax.legend(title="图例")
    fig.canvas.draw()
    ticks = [label.get_text() for label in ax.get_yticklabels()]
    assert any(text.startswith("-") for text in ticks)  # ASCII minus sign
    render_strictly(fig, tmp_path / "bundled.png")


def test_bundled_font_alone_draws_all_chinese_crmlab_uses(restore_globals, tmp_path):
    """Only the bundled font in the list: any glyph it lacks would warn (no CJK fallback)."""
    fonts.setup(font="bundled")
    matplotlib.rcParams["font.sans-serif"] = ["crmlab Sans SC"]
    used = crmlab_chinese().replace("\u3000", "")
    fig, ax = plt.subplots(figsize=(12, 8))
    for i in range(0, len(used), 60):
        ax.text(0, 1 - i / max(len(used), 1), used[i:i + 60], fontsize=8)
    ax.set_title("全部标签用字")
    render_strictly(fig, tmp_path / "all.png")


def test_without_setup_chinese_would_be_boxes(restore_globals, no_installed_cjk, tmp_path):
    """The check above can fail: DejaVu Sans alone warns about missing glyphs."""
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    fig, ax = plt.subplots()
    ax.set_title("客户")
    with pytest.raises(UserWarning, match="Glyph .* missing from"):
        render_strictly(fig, tmp_path / "boxes.png")


def test_setup_is_idempotent(restore_globals):
    first = fonts.setup(font="bundled")
    families = list(matplotlib.rcParams["font.sans-serif"])
    second = fonts.setup(font="bundled")
    assert first == second == "crmlab Sans SC"
    assert list(matplotlib.rcParams["font.sans-serif"]) == families
    path = fonts.bundled_font_path()
    assert sum(Path(e.fname) == path for e in font_manager.fontManager.ttflist) == 1
    assert pd.get_option("display.unicode.east_asian_width") is True


def test_setup_prefers_an_installed_cjk_font(restore_globals, monkeypatch):
    monkeypatch.setattr(fonts, "_known_families", lambda: {"DejaVu Sans", "SimHei", "PingFang SC"})
    assert fonts.setup() == "PingFang SC"  # PingFang comes before SimHei in PREFERRED_FAMILIES
    assert matplotlib.rcParams["font.sans-serif"][0] == "PingFang SC"


def test_setup_with_unknown_font_says_what_to_do(restore_globals):
    with pytest.raises(CrmlabError, match="找不到字体「不存在的字体」") as info:
        fonts.setup(font="不存在的字体")
    assert "bundled" in info.value.hint


def test_notebook_shows_crmlab_error_as_short_chinese_message():
    code = textwrap.dedent("""
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        # what setup() does in IPython, without importing matplotlib (keeps the test fast)
        shell.run_cell("from crmlab.fonts import _register_ipython_handler\\n"
                       "assert _register_ipython_handler()")
        result = shell.run_cell("from crmlab.errors import CrmlabError\\n"
                                "raise CrmlabError('金额列是空的', hint='请检查表格。')")
        print("FAILED:", type(result.error_in_exec).__name__)
        result = shell.run_cell("1/0")
        print("OTHER:", type(result.error_in_exec).__name__)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    text = out.stdout + out.stderr
    first, _, rest = text.partition("FAILED:")
    assert "crmlab 提示：金额列是空的。请检查表格。" in first
    assert "Traceback" not in first and "raise CrmlabError" not in first
    assert rest.startswith(" CrmlabError")  # the cell still counts as failed
    assert "ZeroDivisionError" in rest  # other errors keep their traceback


def test_projector_mode_fits_pyplot_figures_and_enlarges_fonts():
    import matplotlib
    import matplotlib.pyplot as plt

    from crmlab.fonts import PROJECTOR_MAX_WIDTH, projector_on, setup

    default_size = matplotlib.rcParamsDefault["font.size"]
    try:
        setup(projector=True)
        assert projector_on()
        assert matplotlib.rcParams["font.size"] > default_size
        fig, _ = plt.subplots(1, 3, figsize=(14, 4.5))
        width, height = fig.get_size_inches().tolist()
        assert width == PROJECTOR_MAX_WIDTH and height == pytest.approx(4.5 * PROJECTOR_MAX_WIDTH / 14)
        plt.close(fig)
        setup(projector=True)  # twice: one hook, not two
        assert matplotlib.rcParams["figure.hooks"].count("crmlab.fonts:fit_projector_width") == 1
    finally:
        setup()
    assert not projector_on() and matplotlib.rcParams["font.size"] == default_size
    fig, _ = plt.subplots(figsize=(14, 4.5))
    assert fig.get_size_inches().tolist() == [14.0, 4.5]   # off again: figures as asked
    plt.close(fig)


def test_setup_turns_mathjax_off_for_pandas_tables():
    import pandas as pd

    from crmlab.fonts import setup

    setup()
    assert pd.get_option("display.html.use_mathjax") is False
