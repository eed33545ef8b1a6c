"""The Jupyter settings crmlab installs with its environment, and the start page `make lab` opens.

The browser checks (Chinese menus, hidden folders, links that open) are in
tests/e2e/test_student_view.py; these are the fast checks that the pieces agree.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_make_copies_the_same_files_pip_installs():
    data_files = _pyproject()["tool"]["setuptools"]["data-files"]
    assert data_files == _script("install_jupyter_settings").DATA_FILES


def test_lab_settings_make_chinese_the_default_and_stop_the_news():
    settings = json.loads((REPO / "jupyter/lab/settings/overrides.d/crmlab.json").read_text("utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"
    news = settings["@jupyterlab/apputils-extension:notification"]
    assert news["fetchNews"] == "false" and news["checkForUpdates"] is False


def test_language_pack_is_pinned_to_the_jupyterlab_it_translates():
    dependencies = _pyproject()["project"]["dependencies"]
    lab = next(d for d in dependencies if d.startswith("jupyterlab>"))
    pack = next(d for d in dependencies if d.startswith("jupyterlab-language-pack-zh-CN"))
    assert lab == "jupyterlab>=4.5,<4.6" and pack.endswith(",<4.6") and ">=4.5" in pack


def test_file_browser_hides_developer_folders_but_not_the_students_rooms():
    config = json.loads((REPO / "jupyter/server/jupyter_server_config.json").read_text("utf-8"))
    globs = config["ContentsManager"]["hide_globs"]

    def hidden(name):
        return any(fnmatch.fnmatch(name, glob) for glob in globs)

    assert not any(hidden(n) for n in ("notebooks", "exercises", "data", "开始学习.md", "README.md"))
    assert all(hidden(n) for n in ("crmlab", "tests", "benchmarks", "solutions", "scripts", "docs"))
    # jupyter_server's own defaults stay hidden too
    assert all(hidden(n) for n in ("__pycache__", "x.pyc"))


def test_install_script_copies_into_a_prefix(tmp_path):
    written = _script("install_jupyter_settings").install(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "etc/jupyter/jupyter_server_config.json",
        "share/jupyter/lab/settings/overrides.d/crmlab.json",
        "share/jupyter/labextensions/crmlab-cjk-font/package.json",
        "share/jupyter/labextensions/crmlab-cjk-font/static/crmlab-sans-sc-gb2312.otf",
        "share/jupyter/labextensions/crmlab-cjk-font/static/remoteEntry.js"]


def test_font_extension_is_a_style_only_jupyterlab_extension():
    folder = REPO / "jupyter/labextensions/crmlab-cjk-font"
    package = json.loads((folder / "package.json").read_text("utf-8"))
    build = package["jupyterlab"]["_build"]
    assert build == {"load": "static/remoteEntry.js", "style": "./style"}
    script = (folder / "static/remoteEntry.js").read_text("utf-8")
    assert f'var NAME = "{package["name"]}"' in script            # the container JupyterLab asks for
    assert "crmlab-sans-sc-gb2312.otf" in script and "'crmlab Sans SC'" in script


def test_start_page_is_up_to_date_and_links_every_chapter_and_exercise():
    make = _script("make_start_page")
    assert make.main(["--check"]) == 0, "请运行 python scripts/make_start_page.py"
    text = (REPO / make.START_PAGE).read_text(encoding="utf-8")
    from urllib.parse import quote
    for folder in ("notebooks", "exercises"):
        for notebook in (REPO / folder).glob("[0-9][0-9]_*.ipynb"):
            assert f"({quote(f'{folder}/{notebook.name}')})" in text, notebook


def test_start_page_pairs_lessons_and_exercises_by_number(tmp_path):
    make = _script("make_start_page")

    def notebook(path, heading):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [heading]}]}),
                        encoding="utf-8")

    notebook(tmp_path / "notebooks/01_甲.ipynb", "# 第 1 章　甲\n正文")
    notebook(tmp_path / "notebooks/02_乙.ipynb", "## 第 2 章")
    notebook(tmp_path / "exercises/01_甲练习.ipynb", "# 练习一")
    rows = [line for line in make.start_page(tmp_path).splitlines() if line.startswith("| 1 ")
            or line.startswith("| 2 ")]
    assert rows == [
        "| 1 | [第 1 章　甲](notebooks/01_%E7%94%B2.ipynb) | [练习一](exercises/01_%E7%94%B2%E7%BB%83%E4%B9%A0.ipynb) |",
        "| 2 | [第 2 章](notebooks/02_%E4%B9%99.ipynb) |  |",
    ]
