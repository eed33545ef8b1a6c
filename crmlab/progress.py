"""Progress of a long load, reported by stage through a callback.

A loader calls ``report(stage, fraction)`` as it goes: ``stage`` is a short Chinese label
(检查文件, 读取工作表, 清洗：金额 ...), ``fraction`` how much of the whole job is done (0..1).
:func:`reporter` picks what receives the calls:

* ``progress=None`` (the default): nothing for small files; for a large file a bar under the
  notebook cell (plain HTML ``<progress>``, no widget needed) or, in a terminal, one line
  on stderr that rewrites itself;
* ``progress=False``: nothing;
* a callable ``progress(stage, fraction)``: called at every stage (your own bar, a log ...).

Nothing is imported from IPython unless a notebook kernel is already running.
"""

from __future__ import annotations

import sys
import time
from typing import Callable

Report = Callable[[str, float], None]

# files from this size on show a progress bar by default (a 100,000-row workbook is ~2.5 MB)
LARGE_FILE_BYTES = 2 * 1024 * 1024
BAR_WIDTH = 24


def _silent(stage: str, fraction: float) -> None:
    return None


def reporter(progress, size_bytes: int = 0, stream=None) -> Report:
    """The ``report(stage, fraction)`` function for a load, from the user's ``progress=`` choice.

    >>> seen = []
    >>> report = reporter(lambda stage, f: seen.append((stage, f)))
    >>> report("读取工作表", 0.5); seen
    [('读取工作表', 0.5)]
    >>> reporter(False) is reporter(None, size_bytes=10)
    True
    """
    if progress is False or (progress is None and size_bytes < LARGE_FILE_BYTES):
        return _silent
    if callable(progress):
        return progress
    if progress is not None and progress is not True:
        from crmlab.errors import CrmlabError

        raise CrmlabError(f"progress 应当是 True、False、None 或一个函数，收到的是 {progress!r}",
                          hint="一般不用写：大文件会自动显示进度；progress=False 关掉进度显示。")
    if _in_notebook():
        return NotebookBar()
    stream = sys.stderr if stream is None else stream
    if progress is True or getattr(stream, "isatty", lambda: False)():
        return TextBar(stream)
    return _silent


def _in_notebook() -> bool:
    ipython = sys.modules.get("IPython")
    if ipython is None or "ipykernel" not in sys.modules:
        return False
    shell = ipython.get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class TextBar:
    """One line on a terminal: ``读取交易记录 [#########...............]  38%  清洗：日期``.

    >>> import io
    >>> out = io.StringIO()
    >>> bar = TextBar(out)
    >>> bar("读取工作表", 0.5); bar("完成", 1.0)
    >>> out.getvalue().splitlines()[-1].startswith("读取交易记录 [########################] 100%")
    True
    """

    def __init__(self, stream) -> None:
        self.stream = stream
        self.start = time.perf_counter()
        self.open_line = False

    def close(self) -> None:
        """End a line left open by a load that stopped early (an error then starts a new line)."""
        if self.open_line:
            self.stream.write("\n")
            self.stream.flush()
            self.open_line = False

    def __call__(self, stage: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        self.open_line = fraction < 1.0
        filled = round(fraction * BAR_WIDTH)
        line = f"读取交易记录 [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction:4.0%}  {stage}"
        if fraction >= 1.0:
            line += f"（用时 {time.perf_counter() - self.start:.1f} 秒）"
        # pad so a shorter line fully covers the previous one
        self.stream.write("\r" + line + " " * 8 + ("\n" if fraction >= 1.0 else ""))
        self.stream.flush()


class NotebookBar:
    """A ``<progress>`` bar under the running notebook cell, updated in place."""

    def __init__(self) -> None:
        from IPython.display import display

        self.start = time.perf_counter()
        self.handle = display(_BarView(self._render("开始", 0.0), "开始 0%"), display_id=True)

    def _render(self, stage: str, fraction: float) -> str:
        done = ""
        if fraction >= 1.0:
            done = f"（用时 {time.perf_counter() - self.start:.1f} 秒）"
        return (f'<progress value="{fraction * 100:.0f}" max="100" style="width: 16em"></progress> '
                f"读取交易记录 {fraction:.0%}　{stage}{done}")

    def __call__(self, stage: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if self.handle is not None:
            self.handle.update(_BarView(self._render(stage, fraction),
                                        f"读取交易记录 {fraction:.0%} {stage}"))


class _BarView:
    """What the notebook shows: HTML in JupyterLab, a line of text elsewhere."""

    def __init__(self, html: str, text: str) -> None:
        self.html, self.text = html, text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


class Stages:
    """Turns "stage i of a fixed plan, and how far inside it" into one overall fraction.

    ``plan`` maps each stage label to its share of the work (shares are normalised).

    >>> seen = []
    >>> stages = Stages({"读取": 3, "清洗": 1}, lambda s, f: seen.append((s, f)))
    >>> stages.enter("读取"); stages.enter("清洗"); stages.done()
    >>> seen
    [('读取', 0.0), ('清洗', 0.75), ('完成', 1.0)]
    """

    def __init__(self, plan: dict[str, float], report: Report) -> None:
        total = float(sum(plan.values())) or 1.0
        self.start_of: dict[str, float] = {}
        self.share_of = {stage: share / total for stage, share in plan.items()}
        running = 0.0
        for stage, share in plan.items():
            self.start_of[stage] = running / total
            running += share
        self.report = report

    def enter(self, stage: str, label: str | None = None, within: float = 0.0) -> None:
        """Report that ``stage`` (a key of the plan) begins, or is ``within`` (0..1) done.

        ``label`` replaces the stage's name in the report (e.g. 清洗：金额 inside 清洗).
        """
        self.report(label or stage, self.start_of[stage] + within * self.share_of[stage])

    def done(self) -> None:
        self.report("完成", 1.0)

    def close(self) -> None:
        """Let the display tidy up (call it in ``finally``: also after an error)."""
        close = getattr(self.report, "close", None)
        if close is not None:
            close()
