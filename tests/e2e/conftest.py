"""End-to-end harness: a private JupyterLab server and a headless Chromium driven by Playwright.

The server listens on 127.0.0.1 only, on a random free port, with a random token, and every
Jupyter / IPython config, data, runtime, settings and workspace directory points into a temp
dir, so nothing of the user's is read or written. Notebooks are copied into the server's temp
root first (JupyterLab autosaves, and the repo's notebooks must not gain outputs).

Skips cleanly when /usr/bin/chromium or the ``playwright`` package is missing. Screenshots
land in ``test-artifacts/e2e/`` (gitignored), with the server log next to them.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 90  # seconds; a cold start on 2 cores takes ~5-10 s


def _missing_browser_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"没有找到 {CHROMIUM}（Debian: apt-get install chromium），跳过浏览器端到端测试"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "没有安装 playwright（pip install -e '.[test]'），跳过浏览器端到端测试"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


class LabServer:
    """A running JupyterLab on 127.0.0.1; ``lab_url()``: a tokened address, fresh workspace."""

    def __init__(self, root: Path, home: Path, log_path: Path):
        self.root = root
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        settings = home / "lab-settings"
        # Render every cell (no virtual scrolling), so widgets far down exist in the DOM;
        # no news or update checks (no network, no pop-ups over the notebook).
        _write_json(settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings",
                    {"windowingMode": "none"})
        _write_json(settings / "@jupyterlab" / "apputils-extension"
                    / "notification.jupyterlab-settings",
                    {"fetchNews": "false", "checkForUpdates": False})
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
            "JUPYTER_PLATFORM_DIRS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        })
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.extension_manager=readonly",
            "--LabApp.news_url=",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
            cmd.append("--allow-root")
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.log_path = log_path
        # own process group: stop() can end the server together with its kernels
        self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        status = f"{self.base}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early (code {self.proc.returncode}); "
                                   f"log: {self.log_path}\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(status, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s; "
                           f"log: {self.log_path}")

    def lab_url(self) -> str:
        """JupyterLab in a fresh workspace of its own (nothing restored from earlier runs)."""
        return f"{self.base}/lab/workspaces/e2e-{secrets.token_hex(4)}?token={self.token}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: the server shuts its kernels down
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:  # anything left in the server's own process group (stray kernels)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.proc.poll() is None:
            self.proc.wait(timeout=5)
        self._log.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):  # only this run's screenshots
        old.unlink()
    return ARTIFACTS


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """The server's root dir: a temp dir the tests copy notebooks into."""
    return tmp_path_factory.mktemp("lab-root")


@pytest.fixture(scope="session")
def lab_server(lab_root, tmp_path_factory, artifacts_dir):
    reason = _missing_browser_reason()
    if reason:
        pytest.skip(reason)
    server = LabServer(lab_root, tmp_path_factory.mktemp("lab-home"),
                       artifacts_dir / "jupyter-server.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """Headless Debian Chromium with a fresh profile; Playwright's own browsers are not used."""
    reason = _missing_browser_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="zh-CN")
        try:
            yield context
        finally:
            context.close()


# --- driving one notebook in the page ---------------------------------------------------------

_WAIT_NOTEBOOK_JS = """
(path) => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  return !!(panel && panel.sessionContext && panel.content && panel.content.model
            && panel.context && panel.context.path === path);
}
"""

_KERNEL_READY_JS = """
async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return kernel ? kernel.name : null;
}
"""

_RUN_ALL_JS = """
async () => {
  const app = window.jupyterapp;
  const ok = await app.commands.execute('notebook:run-all-cells');
  return ok === true;
}
"""

_RUN_FINISHED_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const prompts = [...panel.node.querySelectorAll('.jp-InputPrompt')];
  if (prompts.some(p => p.textContent.includes('*'))) return false;
  if (panel.sessionContext.session.kernel.status !== 'idle') return false;
  for (const cell of panel.content.widgets) {
    const model = cell.model;
    if (model.type !== 'code' || model.sharedModel.getSource().trim() === '') continue;
    if (model.executionCount === null) return false;
    const tags = model.getMetadata('tags') || [];
    const failed = model.outputs.toJSON().some(o => o.output_type === 'error'
        || String((o.data || {})['text/plain'] || '').startsWith('crmlab 提示'));
    if (failed && !tags.includes('raises-exception')) return true;  // Run All stops here
  }
  return true;
}
"""

_OUTPUTS_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = [];
  panel.content.widgets.forEach((cell, index) => {
    const model = cell.model;
    if (model.type !== 'code') return;
    cells.push({
      index: index,
      tags: model.getMetadata('tags') || [],
      executionCount: model.executionCount,
      empty: model.sharedModel.getSource().trim() === '',
      outputs: model.outputs.toJSON().map(o => ({
        type: o.output_type, name: o.name || null,
        text: Array.isArray(o.text) ? o.text.join('') : (o.text || ''),
        ename: o.ename || null, evalue: o.evalue || null,
        plain: (o.data && o.data['text/plain'] !== undefined)
               ? [].concat(o.data['text/plain']).join('') : '',
      })),
    });
  });
  return cells;
}
"""

_CLOSE_JS = """
async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (panel && panel.sessionContext) {
    await panel.sessionContext.shutdown();
    panel.dispose();
  }
}
"""


class NotebookPage:
    """One notebook open in the shared JupyterLab page: run it, read its outputs, close it."""

    def __init__(self, page, path: str):
        self.page = page
        self.path = path
        page.evaluate("async (path) => { await window.jupyterapp.commands.execute("
                      "'docmanager:open', {path}); return true; }", path)
        page.wait_for_function(_WAIT_NOTEBOOK_JS, arg=path, timeout=60_000)
        self.kernel = page.evaluate(_KERNEL_READY_JS)

    def run_all(self, timeout_s: float = 150) -> None:
        """Run every cell and wait until no cell is still queued or running."""
        self.page.set_default_timeout(timeout_s * 1000)
        self.page.evaluate(_RUN_ALL_JS)
        # Run All sends cells one by one, so "nothing running" also holds between two cells:
        # wait until every code cell ran or an error stopped the run, and that twice in a row.
        for _ in range(2):
            self.page.wait_for_function(_RUN_FINISHED_JS, timeout=timeout_s * 1000)
            self.page.wait_for_timeout(500)
        self.page.set_default_timeout(30_000)

    def code_cells(self) -> list[dict]:
        return self.page.evaluate(_OUTPUTS_JS)

    def close(self) -> None:
        """Shut the kernel down and drop the tab without a save dialog (the copy is throwaway)."""
        self.page.keyboard.press("Escape")  # any dialog a failed test left open
        self.page.evaluate(_CLOSE_JS)


@pytest.fixture(scope="session")
def lab_page(lab_server, browser_context):
    """One browser tab with JupyterLab loaded (loading it takes ~10 s, so it is shared)."""
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    page.goto(lab_server.lab_url())
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    # more room for the notebook in screenshots: fold the file browser away
    page.evaluate("() => { const app = window.jupyterapp; if (!app.shell.leftCollapsed)"
                  " app.commands.execute('application:toggle-left-area'); }")
    try:
        yield page
    finally:
        page.close()


@pytest.fixture
def open_notebook(lab_page):
    """``open_notebook(relative_path)`` -> NotebookPage; its kernel and tab close afterwards."""
    opened = []

    def _open(relative: str) -> NotebookPage:
        notebook = NotebookPage(lab_page, relative)
        opened.append(notebook)
        return notebook

    try:
        yield _open
    finally:
        for notebook in opened:
            try:  # the state the test ended in, pass or fail
                stem = Path(notebook.path).stem
                notebook.page.screenshot(path=str(ARTIFACTS / f"{stem}-9-end.png"))
            except Exception:
                pass
            try:
                notebook.close()
            except Exception:  # a broken page: stopping the server ends the kernel anyway
                pass
