"""crmlab.notebook_run: one untrusted notebook run in a fresh kernel, its progress record read back.

Each notebook here is a few cells written in the test, using the chapter 1 checks
(crmlab.checks.pyramid); what the record must say follows from those cells.
"""

from __future__ import annotations

import pytest

from crmlab.checks import pyramid as pyramid_checks
from crmlab.notebook_run import run_notebook

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")

SETUP = "from crmlab.checks import pyramid\n进度 = pyramid.progress()"
AVERAGE = pyramid_checks.TASKS[1]     # "2. 重算平均每位客户的利润"
TOP_SHARE = pyramid_checks.TASKS[2]   # "3. 前 20% 客户创造的利润占比"


def notebook(folder, *sources, name="学生.ipynb"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 练习")] + [nbformat.v4.new_code_cell(s) for s in sources]
    path = folder / name
    nbformat.write(nb, path)
    return path


def test_an_error_does_not_stop_later_cells(tmp_path):
    path = notebook(tmp_path, SETUP, "1 / 0",
                    "pyramid.check_average(..., 进度)",         # the placeholder: still open
                    "pyramid.check_top_share(-1.0, 进度)")      # a share below 0 is wrong
    run = run_notebook(path, timeout=60)
    assert run.recorded == {AVERAGE: "open", TOP_SHARE: "failed"}
    assert run.errors == ["第 2 个代码格出错（ZeroDivisionError：division by zero）"]


def test_a_notebook_that_hangs_is_stopped(tmp_path):
    path = notebook(tmp_path, SETUP, "while True:\n    pass", "pyramid.check_average(..., 进度)")
    run = run_notebook(path, timeout=5)
    # the loop is interrupted after 5 s; the cell after it never runs, so nothing was checked
    assert run.recorded == {}
    assert any("超过时间限制 5 秒" in error for error in run.errors)


def test_a_kernel_that_dies_is_reported(tmp_path):
    path = notebook(tmp_path, SETUP, "import os\nos._exit(1)")
    run = run_notebook(path, timeout=60)
    assert run.recorded is None
    assert run.errors and "内核崩溃" in run.errors[-1]


def test_runs_in_a_temporary_folder_and_ignores_saved_outputs(tmp_path):
    path = notebook(tmp_path, SETUP, "open('留下的文件.txt', 'w').write('x')",
                    "import os, tempfile\nassert os.path.samefile(tempfile.gettempdir(), os.getcwd())",
                    "pyramid.check_average(..., 进度)")
    saved = nbformat.read(path, as_version=4)
    saved.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                      text="CRMLAB-GRADE-REPORT:{}")]
    nbformat.write(saved, path)
    run = run_notebook(path, timeout=60)
    assert run.recorded == {AVERAGE: "open"} and run.errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["学生.ipynb"]


def test_a_file_that_is_not_a_notebook(tmp_path):
    path = tmp_path / "作业.ipynb"
    path.write_bytes(b"PK\x03\x04 a zip renamed")
    run = run_notebook(path)
    assert run.recorded is None
    assert run.errors[0].startswith("不是有效的 Jupyter 笔记本")
