"""One submitted notebook: prepared, run sealed off, and judged by the grader's own checks.

:func:`prepare` reads the student's file (never trusting its saved outputs), builds the notebook
to run on the exercise's template (:mod:`crmlab.graded_notebook`) and runs it
(:func:`crmlab.notebook_run.run_notebook`); it runs in a worker thread, one per notebook
running at the same time. :func:`judge_notebook` then reads the answers the run left behind and
calls the exercise's check functions on them in the grader's process, and turns what happened
into one row of the grade table with short notes: the most useful reason first, each said once.
"""

from __future__ import annotations

import importlib
import json
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from crmlab import answers as answer_data
from crmlab.grade_report import ERROR, FAIL, OPEN, PASS, SEALED, UNSEALED
from crmlab.notebook_run import MAX_CELL_OUTPUT_BYTES, MAX_NOTEBOOK_BYTES, TIMEOUT_NAME, Run, run_notebook

STATUS_CELLS = {"passed": PASS, "failed": FAIL, "open": OPEN}
_WORSE = {PASS: 0, OPEN: 1, FAIL: 2, ERROR: 3}


@dataclass
class Job:
    """A notebook as prepared and run: its graded notebook, its run, or why it could not run."""

    path: Path
    graded: object = None  # crmlab.graded_notebook.GradedNotebook
    run: Run | None = None
    problem: str = ""  # why the notebook was not run at all
    notes: list[str] = field(default_factory=list)
    timeout: float = 0
    files: Path | None = None


def read_student_notebook(path: Path) -> tuple[dict | None, str]:
    """The submitted notebook as a dict, or None and the reason in Chinese (most specific first)."""
    import nbformat

    try:
        size = path.stat().st_size
    except OSError as problem:
        return None, f"文件打不开（{type(problem).__name__}）"
    if size > MAX_NOTEBOOK_BYTES:
        return None, f"文件太大（超过 {MAX_NOTEBOOK_BYTES // 1024 // 1024} MB），没有运行"
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "文件不是 UTF-8 文本，不是 Jupyter 笔记本（可能是改了扩展名的其他文件）"
    try:
        data = json.loads(text)
    except ValueError as problem:
        where = f"第 {problem.lineno} 行附近" if getattr(problem, "lineno", None) else ""
        hint = "文件不完整（可能没有保存完或被截断）" if text.strip().startswith("{") else "文件不是 Jupyter 笔记本的格式"
        return None, f"{hint}，{where}无法读取".replace("，无法", "，无法")
    if not isinstance(data, dict) or "cells" not in data:
        return None, "文件是 JSON，但不是 Jupyter 笔记本（没有 cells）"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)
            nbformat.validate(notebook)
    except Exception as problem:  # noqa: BLE001 - any reason the file is not a valid notebook
        first = str(problem).strip().splitlines()
        return None, f"笔记本格式不对，无法运行（{first[0][:80] if first else type(problem).__name__}）"
    return json.loads(json.dumps(notebook)), ""


def prepare(path: Path, exercise, templates, run_dir: Path, *, timeout: float, memory_mb: int,
            inputs, font_list, hidden=()) -> Job:
    """Read, build and run one notebook (in a worker thread); never raises for a bad notebook."""
    from crmlab import sandbox
    from crmlab.graded_notebook import graded_notebook

    job = Job(path, timeout=timeout)
    if exercise is None or exercise.module not in templates:
        job.problem = ("看不出是哪一个练习（没有用到 crmlab.checks 的检查）" if exercise is None
                       else f"找不到「{exercise.title}」的练习模板（solutions/ 里没有它）")
        return job
    student, problem = read_student_notebook(path)
    if student is None:
        job.problem = problem
        return job
    template = templates[exercise.module]
    # a kernel that did not start (a busy machine, a port another kernel took) gets one more
    # try in a fresh folder: no student code has run yet
    for attempt in (run_dir, run_dir / "again"):
        out_dir = sandbox.OUT_DIR if sandbox.bubblewrap() else str(attempt / "out")
        job.graded = graded_notebook(student, template.notebook, template.calls, out_dir)
        job.run = run_notebook(job.graded.notebook, attempt, timeout, memory_mb=memory_mb,
                               inputs=_input_values(inputs), font_list=font_list, hidden=hidden)
        if job.run.killed or kernel_started(job.run.events):
            break
    job.files = run_dir / "answer-files"
    job.files.mkdir()
    return job


def _input_values(inputs):
    if not inputs:
        return None
    return dict(inputs)


def judge_notebook(job: Job, exercise, templates, memory_mb: int, *, guessed: bool) -> tuple[dict, dict]:
    """One row of the grade table (without file / student) and {task: the check's message}."""
    row = {"exercise": exercise.title if exercise else "", "passed": 0, "note": "", "sealed": ""}
    if exercise is None or job.run is None:
        if exercise is not None:
            row.update({task: ERROR for task in exercise.tasks})
        row["note"] = job.problem
        return row, {}
    template = templates[exercise.module]
    if not template.calls:
        row.update({task: ERROR for task in exercise.tasks})
        row["note"] = (f"「{exercise.title}」的答案笔记本里没有加 check 标签的检查格，无法判分"
                       "（见 docs/instructor.md 第四节）")
        return row, {}
    module = importlib.import_module(f"crmlab.checks.{exercise.module}")
    statuses: dict[str, str] = {}
    said: dict[str, str] = {}
    unreached: list[str] = []
    answer_problems: list[str] = []
    progress = module.progress()  # the grader's own record: checks that look at earlier tasks see it
    for call in template.calls:
        task = template.call_tasks[call.index]
        status, message = _judge_call(job, module, call, answer_problems, progress)
        if status is None:
            unreached.append(task)
            continue
        if _WORSE[status] >= _WORSE.get(statuses.get(task, PASS), 0) or task not in statuses:
            statuses[task] = status
            if message:
                said[task] = message
    events = job.run.events
    trouble, notes = run_notes(events, job.run, job.timeout, memory_mb)
    for task in exercise.tasks:
        if task not in statuses:
            statuses[task] = ERROR if (trouble or task in unreached) else OPEN
            said.setdefault(task, "这道题的检查没有运行到（见说明）。")
    if not any("代码格" in note for note in notes):  # else the cell's error already says why
        notes += answer_problems[:1]
        if len(answer_problems) > 1:
            notes.append(f"另有 {len(answer_problems) - 1} 道题同样没有检查到")
    task_numbers = {task: _task_number(task, j) for j, task in enumerate(exercise.tasks, start=1)}
    call_task = {index: template.call_tasks[index] for index in template.call_tasks}
    used: dict[str, list[str]] = {}  # task -> crmlab method functions its answer cells call
    for number, name in job.graded.method_calls:
        task = call_task.get(job.graded.cell_checks.get(number))
        if task is not None:  # a cell no check reads (exploring, after the last task) is not an answer
            used.setdefault(task, []).append(name)
    for task, names in sorted(used.items(), key=lambda item: exercise.tasks.index(item[0])):
        notes.append(f"第 {task_numbers[task]} 题的答案调用了 crmlab 的 {'、'.join(dict.fromkeys(names))}"
                     "（题目要求用 pandas 自己算），请老师留意")
    if guessed:
        notes.append(f"按同一文件夹里的其他笔记本算作「{exercise.title}」")
    row["sealed"] = SEALED if job.run.sealed else UNSEALED
    row.update({task: statuses[task] for task in exercise.tasks})
    row["passed"] = sum(statuses[task] == PASS for task in exercise.tasks)
    row["note"] = "；".join(dict.fromkeys(n for n in notes if n))
    return row, said


def _task_number(task: str, position: int) -> str:
    import re

    match = re.match(r"\s*(\d+)\s*[.．、]", task)
    return match.group(1) if match else str(position)


def _judge_call(job: Job, module, call, answer_problems: list[str], progress):
    """(status, message) of one check call on the answers the run saved; (None, "") if never saved."""
    path = job.run.out / answer_data.FILE_NAME.format(index=call.index)
    if not path.is_file():
        return None, ""
    try:
        values = answer_data.load(path, job.files)
    except answer_data.AnswerError as problem:
        answer_problems.append(str(problem))
        return ERROR, str(problem)
    wanted = [name for name, _ in call.answers]
    missing = [name for name in wanted if name not in values]
    if missing:
        return ERROR, "答案没有保存下来。"
    failed = [(name, values[name]) for name in wanted if isinstance(values[name], answer_data.EvaluationFailed)]
    if failed:
        expression = dict(call.answers)[failed[0][0]]
        answer_problems.append(f"答案 {expression} 没有算出来（{failed[0][1]!r}）")
        return ERROR, f"答案 {expression} 没有算出来（{failed[0][1]!r}），请先让前面的代码格正常运行。"
    try:
        with working_folder(job.files / "cwd"):
            result = getattr(module, call.function)(**{name: values[name] for name in wanted},
                                                    progress=progress)
    except Exception as problem:  # noqa: BLE001 - a check should not raise; the answer is not usable
        return FAIL, f"答案无法检查（{type(problem).__name__}），请确认它是题目要求的那种结果。"
    return STATUS_CELLS.get(getattr(result, "status", ""), FAIL), str(getattr(result, "message", ""))


@contextmanager
def working_folder(folder: Path):
    """Run a check in ``folder``: the stand-in for the student's notebook folder, holding the files
    the notebook saved there (judging happens in the grader's main thread only)."""
    import os

    folder.mkdir(parents=True, exist_ok=True)
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def kernel_started(events: list[dict]) -> bool:
    return any(e.get("event") == "started" for e in events)


def run_notes(events: list[dict], run: Run, timeout: float, memory_mb: int) -> tuple[bool, list[str]]:
    """(whether the run broke off, the notes on what happened), the most useful first, each once."""
    notes: list[str] = []
    broke = False
    died = next((e for e in events if e.get("event") == "died"), None)
    timed_out = next((e for e in events if e.get("event") == "timeout"), None)
    errors = [e for e in events if e.get("event") == "error"]
    last_cell = next((e for e in reversed(events) if e.get("event") == "cell"), None)
    memory = [e for e in errors if e.get("ename") == "MemoryError"]
    capped = [e for e in events if e.get("event") == "output_cap"]
    capped_cells = {e.get("cell") for e in capped}
    errors = [e for e in errors if not (e.get("cell") in capped_cells and e.get("ename") == "KeyboardInterrupt")]
    if capped:
        notes.append(f"{_where(capped[0])}输出太多（超过 {MAX_CELL_OUTPUT_BYTES // 1024 // 1024} MB，"
                     "可能是没有结束的循环在打印），被停止")
    cell_timeouts = [e for e in errors if e.get("ename") == TIMEOUT_NAME]
    if not kernel_started(events) and not run.killed:
        lines = [line.strip() for line in run.stderr_tail.splitlines() if line.strip()]
        if not lines and died:  # the runner said why the kernel would not start
            lines = [f"{died.get('kind', '')}：{died.get('detail', '')}".strip("：")]
        why = f"（{lines[-1][:160]}）" if lines else ""
        return True, [f"内核没有启动起来（试了两次），笔记本没有运行{why}"]
    if memory:
        broke = True
        notes.append(f"{_where(memory[0])}用光了内存上限（{memory_mb} MB），被停止")
    if cell_timeouts or timed_out or run.killed:
        broke = True
        first = cell_timeouts[0] if cell_timeouts else timed_out
        where = _where(first) if first else ""
        notes.append(f"超过时间限制 {timeout:g} 秒" + (f"（停在{where}）" if where else "") + "，之后的题没有检查")
    if died:
        broke = True
        where = _where(last_cell) if last_cell else ""
        notes.append(f"内核在{where or '运行中'}崩溃（笔记本让 Python 退出了，或用光了内存上限 {memory_mb} MB），"
                     "之后的题没有检查")
    student_errors = [e for e in errors if e.get("kind") == "student" and e.get("ename") not in
                      (TIMEOUT_NAME, "MemoryError")]
    if student_errors:
        first = student_errors[0]
        detail = f"：{first['evalue']}" if first.get("evalue") else ""
        notes.append(f"{_where(first)}出错（{first.get('ename', '错误')}{detail}）")
        if len(student_errors) > 1:
            notes.append(f"另有 {len(student_errors) - 1} 个代码格出错")
    other = [e for e in errors if e.get("kind") in ("fixed", "check") and e.get("ename") not in
             (TIMEOUT_NAME, "MemoryError")]
    if other:
        notes.append(f"练习自带的代码格出错（{other[0].get('ename', '错误')}），可能是前面的代码改动了它用到的变量")
    if not any(e.get("event") in ("finished", "died") for e in events) and not broke:
        broke = True
        notes.append("运行没有正常结束")
    return broke, notes


def _where(event: dict) -> str:
    if event.get("kind") == "student" and event.get("number"):
        return f"第 {event['number']} 个代码格"
    if event.get("kind") == "check":
        return "检查格"
    if event.get("kind") == "fixed":
        return "练习自带的代码格"
    return ""
