"""App mode for the projector: one chapter served by Voilà, code hidden, explorers live.

``crmlab present 3`` finds ``notebooks/03_*.ipynb`` and runs Voilà on it, listening on
127.0.0.1 only unless the instructor names another address (``--ip 0.0.0.0`` lets students'
browsers in the same room connect). The kernel runs with ``CRMLAB_PROJECTOR=1``, so
``crmlab.setup()`` draws plots with text as large as the page text. Voilà is an instructor's
tool, not a student's: it comes with the ``present`` extra (``pip install -e ".[present]"``).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from crmlab.errors import CrmlabError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 8866


def chapter_notebook(chapter: str, folder: Path | None = None) -> Path:
    """The lesson notebook of ``chapter`` ("3", "03" or a path).

    >>> chapter_notebook("3").name
    '03_客户分级方法.ipynb'
    """
    given = Path(chapter)
    if given.suffix == ".ipynb":
        if not given.is_file():
            raise CrmlabError(f"找不到笔记本「{chapter}」", hint="请检查路径，或只写章号，例如 3。")
        return given
    folder = folder or ROOT / "notebooks"
    if not chapter.isdigit():
        raise CrmlabError(f"「{chapter}」不是章号", hint="请写章号（例如 3）或笔记本的路径。")
    found = sorted(folder.glob(f"{int(chapter):02d}_*.ipynb"))
    if not found:
        have = "、".join(p.name[:2] for p in sorted(folder.glob("[0-9][0-9]_*.ipynb")))
        raise CrmlabError(f"没有第 {chapter} 章的笔记本",
                          hint=f"现有的章：{have or '（notebooks/ 里没有笔记本）'}。")
    return found[0]


def voila_command(notebook: Path, *, port: int = DEFAULT_PORT, ip: str = "127.0.0.1",
                  browser: bool = True) -> list[str]:
    """The Voilà command line that serves ``notebook`` as an app."""
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
               f"--Voila.ip={ip}", "--strip_sources=True", "--theme=light",
               "--VoilaConfiguration.show_tracebacks=False"]
    if not browser:
        command.append("--no-browser")
    return command


def present_environment() -> dict:
    """The environment of the Voilà server (and so of its kernel): projector mode on."""
    return dict(os.environ, CRMLAB_PROJECTOR="1")


def require_voila() -> None:
    """Refuse in Chinese when Voilà is not installed."""
    import importlib.util

    if importlib.util.find_spec("voila") is None and shutil.which("voila") is None:
        raise CrmlabError("还没有安装 Voilà，不能以应用模式放映",
                          hint='在项目文件夹里运行 make present CHAPTER=3（会先安装它），'
                               '或 pip install -e ".[present]"。')


def present(chapter: str, *, port: int = DEFAULT_PORT, ip: str = "127.0.0.1",
            browser: bool = True) -> int:
    """Serve ``chapter`` until Ctrl-C; returns Voilà's exit code."""
    import subprocess

    notebook = chapter_notebook(chapter)
    require_voila()
    print(f"放映 {notebook.name}：http://{ip if ip != '0.0.0.0' else '本机地址'}:{port}/"
          "（按 Ctrl-C 结束）", flush=True)
    try:
        return subprocess.call(voila_command(notebook, port=port, ip=ip, browser=browser),
                               env=present_environment())
    except KeyboardInterrupt:
        return 0
