"""Running one untrusted exercise notebook and reading its progress record.

:func:`run_notebook` executes a copy of the notebook (saved outputs are dropped first) in a fresh
Jupyter kernel whose working folder (and temp folder) is a new temporary folder, with one time
limit for the whole notebook. A report cell appended to the copy prints the progress record (the variable ``进度``
of :mod:`crmlab.checks`) as one marked JSON line, which is read back from the cell's output.
Errors in the student's cells do not stop the run (later cells still run, as when a student
runs them one by one); every problem becomes a Chinese note in :attr:`Run.errors`. Nothing
raises for a broken notebook. This is not a sandbox: the code runs with the caller's rights.
"""

from __future__ import annotations

import json
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

REPORT_TIMEOUT = 30  # seconds for the appended report cell
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
REPORT_MARK = "CRMLAB-GRADE-REPORT:"
TIMEOUT_NAME = "CrmlabGradeTimeout"
# Appended to every run: prints {task: status} for every task whose check ran.
REPORT_CELL = (
    "import json as _crmlab_json\n"
    f"print({REPORT_MARK!r} + _crmlab_json.dumps("
    "{t: r.status for t, r in 进度.results.items()}, ensure_ascii=False))"
)


@dataclass
class Run:
    """What happened when one notebook ran.

    ``recorded``: task name -> progress status (passed / failed / open) of every task whose
    check ran, or None when no record could be read; ``errors``: Chinese notes, in order.
    """

    recorded: dict[str, str] | None = None
    errors: list[str] = field(default_factory=list)


def run_notebook(path, timeout: float = 120) -> Run:
    """Run one notebook in a fresh kernel in a temporary folder; read its progress record.

    ``timeout`` bounds the whole notebook (seconds); the report cell gets its own
    :data:`REPORT_TIMEOUT`. Never raises for a broken notebook: problems go to ``Run.errors``.
    """
    import nbformat

    path = Path(path)
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return Run(errors=[f"文件太大（超过 {MAX_NOTEBOOK_BYTES // 1024 // 1024} MB），没有运行"])
        with warnings.catch_warnings():  # e.g. cells without ids, from an older Jupyter
            warnings.simplefilter("ignore")
            notebook = nbformat.read(path, as_version=4)
            nbformat.validate(notebook)
    except Exception as problem:  # any reason the file is not a notebook
        return Run(errors=[f"不是有效的 Jupyter 笔记本，无法打开（{type(problem).__name__}）"])
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT_CELL))
    # ignore_cleanup_errors: on Windows a file the kernel just closed can still be locked
    with tempfile.TemporaryDirectory(prefix="crmlab-grade-", ignore_cleanup_errors=True) as workdir:
        return _execute(notebook, workdir, timeout)


def _execute(notebook, workdir: str, timeout: float) -> Run:
    import os
    import subprocess

    from nbclient import NotebookClient

    run = Run()
    deadline = float("inf")  # the clock starts once the kernel is up
    report = notebook.cells[-1]
    numbers = {}  # cell index -> its number among the student's code cells
    for index, cell in enumerate(notebook.cells[:-1]):
        if cell.cell_type == "code":
            numbers[index] = len(numbers) + 1

    def on_cell_error(cell, cell_index, execute_reply):
        if cell_index in numbers:
            run.errors.append(_cell_error(execute_reply["content"], numbers[cell_index], timeout))

    client = NotebookClient(
        notebook, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
        error_on_timeout={"ename": TIMEOUT_NAME, "evalue": "", "traceback": []},
        timeout_func=lambda cell: REPORT_TIMEOUT if cell is report
        else max(1, int(min(timeout, deadline - time.monotonic())) + 1),
        on_cell_error=on_cell_error, resources={"metadata": {"path": workdir}})
    try:
        client.reset_execution_trackers()
        # the temp folder is also the kernel's tempfile.gettempdir(): notebooks running side by
        # side never write the same temporary file
        env = {**os.environ, "TMPDIR": workdir, "TEMP": workdir, "TMP": workdir}
        with client.setup_kernel(stderr=subprocess.DEVNULL, env=env):
            deadline = time.monotonic() + timeout
            skipped_from = None
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                if index in numbers and (skipped_from or time.monotonic() >= deadline):
                    skipped_from = skipped_from or numbers[index]
                    continue  # out of time: skip the student's cells, still run the report
                client.execute_cell(cell, index)
            if skipped_from:
                run.errors.append(f"超过时间限制 {timeout:g} 秒，从第 {skipped_from} 个代码格起没有运行")
            run.recorded = _read_report(report)
    except Exception as problem:  # the kernel died, would not start, ...
        run.errors.append(f"运行中断：{_describe(problem)}")
    return run


def _cell_error(content: dict, number: int, timeout: float) -> str:
    if content.get("ename") == TIMEOUT_NAME:
        return f"第 {number} 个代码格超过时间限制 {timeout:g} 秒，被中断"
    value = str(content.get("evalue", "")).strip().splitlines()
    detail = f"：{value[0][:120]}" if value else ""
    return f"第 {number} 个代码格出错（{content.get('ename', '错误')}{detail}）"


def _read_report(cell) -> dict[str, str] | None:
    """The {task: status} printed by the report cell (the last marked line), None if absent.

    >>> _read_report({"outputs": [{"name": "stdout", "text": REPORT_MARK + '{"第一题": "passed"}'}]})
    {'第一题': 'passed'}
    >>> _read_report({"outputs": []}) is None
    True
    """
    lines = [line for output in cell.get("outputs", []) if output.get("name") == "stdout"
             for line in str(output.get("text", "")).splitlines() if line.startswith(REPORT_MARK)]
    if not lines:
        return None
    try:
        results = dict(json.loads(lines[-1][len(REPORT_MARK):]))
    except (ValueError, TypeError):
        return None
    return {str(task): str(status) for task, status in results.items()}


def _describe(problem: Exception) -> str:
    name = type(problem).__name__
    if name == "DeadKernelError":
        return "内核崩溃（笔记本可能让 Python 退出了或用光了内存）"
    return f"{name}: {str(problem).strip().splitlines()[0][:120]}" if str(problem).strip() else name
