"""App mode for the projector (crmlab.present): Voilà serves a chapter with the code hidden."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import time
import urllib.request

import pytest

from crmlab import present
from crmlab.errors import CrmlabError


def test_chapter_numbers_find_their_notebook():
    assert present.chapter_notebook("03").name.startswith("03_")
    with pytest.raises(CrmlabError, match="没有第 42 章"):
        present.chapter_notebook("42")
    with pytest.raises(CrmlabError, match="不是章号"):
        present.chapter_notebook("三")


def test_listens_on_this_machine_only_unless_asked():
    command = present.voila_command(present.chapter_notebook("3"), port=9000, browser=False)
    assert "--Voila.ip=127.0.0.1" in command and "--strip_sources=True" in command
    assert "--no-browser" in command
    assert present.present_environment()["CRMLAB_PROJECTOR"] == "1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(importlib.util.find_spec("voila") is None, reason="Voilà 未安装（present 附加依赖）")
def test_serves_chapter_3_with_code_hidden_and_stops():
    port = free_port()
    command = present.voila_command(present.chapter_notebook("3"), port=port, browser=False)
    server = subprocess.Popen(command, env=present.present_environment(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page, deadline = "", time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=90) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "客户分级方法" in page            # the chapter, rendered
        assert "import crmlab" not in page       # its code hidden
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode is not None


def test_cli_says_in_chinese_when_voila_is_missing(monkeypatch, capsys):
    from crmlab.cli import main

    monkeypatch.setattr(present, "require_voila",
                        lambda: (_ for _ in ()).throw(CrmlabError("还没有安装 Voilà，不能以应用模式放映")))
    assert main(["present", "3", "--no-browser"]) == 2
    assert "还没有安装 Voilà" in capsys.readouterr().err


def test_the_served_kernel_draws_for_the_projector(monkeypatch):
    import matplotlib

    import crmlab

    monkeypatch.setenv("CRMLAB_PROJECTOR", "1")
    with matplotlib.rc_context():
        crmlab.setup(font="bundled")
        big = matplotlib.rcParams["font.size"]
        monkeypatch.delenv("CRMLAB_PROJECTOR")
        crmlab.setup(font="bundled")
        assert big > matplotlib.rcParams["font.size"]
