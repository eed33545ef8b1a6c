"""Speed as a student feels it: JupyterLab in headless Chromium, driven by Playwright.

Two measurements (issue 14, item 9), in the student's environment: the JupyterLab server and
its kernels run from the environment ``make lab`` builds (``.venv``; another one through the
environment variable ``CRMLAB_STUDENT_PYTHON``), while Playwright drives the browser from the
environment running this script.

* **run all**: chapter 3, outputs cleared, kernel started and idle, "Run All" until the last
  cell has run (target: at most 8 s);
* **control move**: in every chapter notebook after Run All, every slider, dropdown and toggle
  button of the explorers moved one notch a few times, from the key press or click to the
  moment the explorer's new table and plot are on screen (the image decoded); the target is
  a median of at most 0.4 s over all moves. The start is the time the page itself stamps on
  the input event (``keydown``, ``pointerdown`` or ``change``, caught before any widget sees
  it): Playwright's own work before it sends the event (finding the control, checking it is
  visible and still, scrolling, the protocol round trips: about 0.6-0.7 s a move here) is
  no part of what a student waits for. It is reported beside, as "with the driver".

The server, the browser and the notebook driving are those of the end-to-end tests
(``tests/e2e/conftest.py``), so the benchmark sees what those tests see. Screenshots of every
explorer after its moves go to ``test-artifacts/bench/``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from timing import Result

SECTION = "browser"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "bench"
RUN_ALL_TARGET_S = 8.0
MOVE_TARGET_S = 0.4
RUN_ALL_REPEAT = 3
NOTCHES = 3           # moves per control
MAX_CONTROLS = 12     # per notebook
CELL_OF_CONTROL = "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-Cell ')][1]"
CONTROLS = (".jp-OutputArea-output .widget-slider .noUi-handle, "
            ".jp-OutputArea-output .widget-dropdown select, "
            ".jp-OutputArea-output .widget-toggle-buttons button")

# What an explorer shows: tables and images inside its Output area, the controls left out.
_SHOWN_JS = """
(root) => {
  const parts = [];
  root.querySelectorAll('.widget-output').forEach(out => {
    out.querySelectorAll('table').forEach(t => parts.push('T:' + t.innerText));
    out.querySelectorAll('p').forEach(p => parts.push('P:' + p.innerText));
    out.querySelectorAll('img').forEach(i => parts.push('I:' + i.src.length + ':' + i.src.slice(-200)));
  });
  return parts.join('\\n');
}
"""
# performance.now() once the shown table and plot differ from ``before``, every image is decoded
# and no image is missing; null until then (polled on every animation frame)
_UPDATED_JS = f"""
([root, before, images]) => {{
  const now = ({_SHOWN_JS})(root);
  if (now === before) return null;
  const imgs = [...root.querySelectorAll('.widget-output img')];
  if (imgs.length < images) return null;
  if (!imgs.every(i => i.complete && i.naturalWidth > 0)) return null;
  return performance.now();
}}
"""
# The page stamps the first input event after ``__crmlabMoveStart`` is reset to null: caught in
# the capture phase on the document, before the slider, button or dropdown handles it.
_STAMP_EVENTS_JS = """
() => {
  if (window.__crmlabStamping) return;
  window.__crmlabStamping = true;
  window.__crmlabMoveStart = null;
  for (const type of ['keydown', 'pointerdown', 'mousedown', 'change']) {
    document.addEventListener(type, () => {
      if (window.__crmlabMoveStart === null) window.__crmlabMoveStart = performance.now();
    }, true);
  }
}
"""
_CLEAR_ALL_JS = """
async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  const panel = app.shell.currentWidget;
  for (const cell of panel.content.widgets) {
    if (cell.model.type === 'code') cell.model.executionCount = null;
  }
  return true;
}
"""
_RESTART_JS = """
async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.session.kernel.restart();
  await panel.sessionContext.ready;
  return true;
}
"""
_IDLE_JS = """
() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'
"""


_E2E = None


def _e2e():
    """tests/e2e/conftest.py as a module (its LabServer, NotebookPage, browser settings)."""
    global _E2E
    if _E2E is None:
        path = ROOT / "tests" / "e2e" / "conftest.py"
        spec = importlib.util.spec_from_file_location("crmlab_e2e_harness", path)
        _E2E = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_E2E)
    return _E2E


def student_python() -> Path:
    return Path(os.environ.get("CRMLAB_STUDENT_PYTHON", ROOT / ".venv" / "bin" / "python"))


@contextlib.contextmanager
def _server(e2e, python: Path, root: Path, home: Path):
    # LabServer starts JupyterLab with sys.executable: point it at the student's Python
    real, sys.executable = sys.executable, str(python)
    try:
        server = e2e.LabServer(root, home, ARTIFACTS / "jupyter-server.log")
    finally:
        sys.executable = real
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def run() -> list[Result]:
    python = student_python()
    try:
        e2e = _e2e()
    except ImportError as exc:
        return [Result(SECTION, "browser", 0, note=f"harness not importable: {exc}")]
    reason = e2e._missing_browser_reason()
    if reason or not python.exists():
        return [Result(SECTION, "browser", 0, note=reason or f"no student environment at {python}")]
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chapters = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root, home = Path(tmp) / "root", Path(tmp) / "home"
        (root / "notebooks").mkdir(parents=True)
        for path in chapters:
            shutil.copy(path, root / "notebooks" / path.name)
        with _server(e2e, python, root, home) as server, sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=str(e2e.CHROMIUM), headless=True,
                args=e2e.CHROMIUM_ARGS, viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(server.lab_url())
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell",
                                   timeout=90_000)
            page.evaluate("async () => { await window.jupyterapp.restored; }")
            page.evaluate("() => { const app = window.jupyterapp; if (!app.shell.leftCollapsed)"
                          " app.commands.execute('application:toggle-left-area'); }")
            page.evaluate(_STAMP_EVENTS_JS)
            moves: list[float] = []
            driven: list[float] = []
            for path in chapters:
                relative = f"notebooks/{path.name}"
                notebook = e2e.NotebookPage(page, relative)
                if path.name.startswith("03_"):
                    results.append(_run_all(page, notebook, path.name))
                else:
                    notebook.run_all()
                found = _move_controls(page, path.stem)
                moves += [m for _, m, _ in found]
                driven += [d for _, _, d in found]
                for label, seconds in _per_explorer(found):
                    results.append(Result(SECTION, f"{path.stem[:2]} {label}", len(seconds),
                                          seconds=seconds, note="moves"))
                notebook.close()
            context.close()
    move = Result(SECTION, "control move -> new table and plot (all)", len(moves),
                  seconds=moves, note=f"from the input event; {len(chapters)} notebooks, "
                  f"student env {python}")
    with_driver = Result(SECTION, "the same, with the driver (not the target)", len(driven),
                         seconds=driven, note="from before Playwright finds the control")
    return [move, with_driver] + results


def _run_all(page, notebook, name: str) -> Result:
    """Chapter 3 "Run All" from a started, idle kernel, outputs cleared first."""
    seconds = []
    for attempt in range(RUN_ALL_REPEAT):
        if attempt:
            page.evaluate(_RESTART_JS)
        page.wait_for_function(_IDLE_JS, timeout=60_000)
        page.evaluate(_CLEAR_ALL_JS)
        start = page.evaluate("() => performance.now()")
        page.evaluate(_e2e()._RUN_ALL_JS)
        finished = _e2e()._RUN_FINISHED_JS.strip()
        end = page.wait_for_function(f"() => ({finished})() ? performance.now() : null",
                                     polling=50, timeout=300_000).json_value()
        seconds.append((end - start) / 1000)
    return Result(SECTION, f"run all {name}", RUN_ALL_REPEAT, seconds=seconds,
                  note="kernel started, outputs cleared")


def _control_kind(control) -> str:
    return control.evaluate("el => el.tagName === 'SELECT' ? 'select' : "
                            "el.tagName === 'BUTTON' ? 'button' : 'slider'")


def _explorer_title(cell) -> str:
    title = cell.locator(".widget-html b").first
    return title.inner_text()[:16] if title.count() else "?"


def _move_controls(page, stem: str) -> list[tuple[str, float, float]]:
    """(explorer title, seconds from the input event, seconds with the driver) for every
    measured move in the open notebook."""
    controls = page.locator(CONTROLS)
    found = []
    for i in range(min(controls.count(), MAX_CONTROLS)):
        control = controls.nth(i)
        cell = control.locator(CELL_OF_CONTROL)
        if cell.locator(".widget-output img").count() == 0:
            continue  # not an explorer with a plot
        if control.evaluate("el => el.disabled || !!el.closest('.mod-disabled, [disabled]')"):
            continue  # greyed out (a custom threshold slider): no student can move it
        cell.scroll_into_view_if_needed()
        root = cell.element_handle()
        title = _explorer_title(cell)
        kind = _control_kind(control)
        if kind == "button" and "mod-active" in (control.get_attribute("class") or ""):
            continue  # the option already chosen: clicking it changes nothing
        for notch in range(1 if kind == "button" else NOTCHES):
            before = page.evaluate(_SHOWN_JS, root)
            images = page.evaluate("(root) => root.querySelectorAll('.widget-output img').length",
                                   root)
            start = page.evaluate("() => { window.__crmlabMoveStart = null;"
                                  " return performance.now(); }")
            if kind == "select":
                count = control.evaluate("el => el.options.length")
                current = control.evaluate("el => el.selectedIndex")
                control.select_option(index=(current + 1) % count)
            elif kind == "button":
                control.click()
            else:
                now, top = control.get_attribute("aria-valuenow"), control.get_attribute("aria-valuemax")
                control.focus()
                control.press("ArrowRight" if now is None or float(now) < float(top) else "ArrowLeft")
            try:
                end = page.wait_for_function(_UPDATED_JS, arg=[root, before, images],
                                             polling="raf", timeout=20_000).json_value()
            except Exception:  # nothing changed on screen (a slider already at its end, say)
                continue
            event = page.evaluate("() => window.__crmlabMoveStart")
            if event is None:  # no input event seen: count the move with the driver's time
                event = start
            found.append((title, (end - event) / 1000, (end - start) / 1000))
        cell.screenshot(path=str(ARTIFACTS / f"{stem}-explorer-{i:02d}.png"))
    return found


def _per_explorer(found):
    by = {}
    for title, seconds, _ in found:
        by.setdefault(title, []).append(seconds)
    return sorted(by.items())


def summary(results: list[Result]) -> list[str]:
    """Target lines for benchmarks/run.py."""
    lines = []
    for r in results:
        if r.section != SECTION or not r.seconds:
            continue
        if r.method.startswith("control move"):  # not "with the driver"
            ok = r.median <= MOVE_TARGET_S
            lines.append(("PASS  " if ok else "FAIL  ") + f"browser control move: median "
                         f"{r.median:.2f} s over {len(r.seconds)} moves (<= {MOVE_TARGET_S}), "
                         f"slowest {max(r.seconds):.2f} s")
        if r.method.startswith("run all"):
            ok = r.median <= RUN_ALL_TARGET_S
            lines.append(("PASS  " if ok else "FAIL  ") + f"browser {r.method}: {r.median:.1f} s "
                         f"(<= {RUN_ALL_TARGET_S:.0f})")
    return lines


if __name__ == "__main__":
    out = run()
    for r in out:
        print(f"{r.method:50s} n={len(r.seconds):3d} median={r.median:.3f} s  {r.note}")
    print("\n".join(summary(out)))
    print(f"(median of all moves: {statistics.median([s for r in out[:1] for s in r.seconds]):.3f} s)"
          if out and out[0].seconds else "")
