"""Grading a folder of submitted exercise notebooks: who passed which task, judged by the grader.

:func:`grade_folder` gives one row per notebook. The verdicts come from outside the
student's kernel: for each notebook the grader builds the notebook to run from the exercise as
generated from ``solutions/`` (its setup and check cells restored, see
:mod:`crmlab.graded_notebook`), runs it from a private copy sealed off by bubblewrap
(:mod:`crmlab.notebook_run`, :mod:`crmlab.sandbox`), takes the answers out as plain data
(:mod:`crmlab.answers`) and judges them in its own process with the exercise's checks from
:mod:`crmlab.checks`. Nothing a notebook prints or records decides a verdict; the checks'
instructor overrides (``transactions=``, ``today=``) are not used. The exercise inputs (the 旭东
file and its "today", ...) can be replaced by the instructor's (``inputs``, given to the
kernels and to the grader's checks through ``CRMLAB_EXERCISE_INPUTS``).

A notebook that cannot be read, raises, hangs, runs out of memory or kills its kernel keeps
the tasks it passed before that; the tasks after it show 出错, with one note saying what
happened. The table is shown and saved by :mod:`crmlab.grade_report`.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from crmlab.errors import CrmlabError
from crmlab.grade_report import ERROR, FAIL, HEADERS, OPEN, PASS, UNSEALED  # noqa: F401 - re-exported
from crmlab.grade_report import format_grades, write_feedback, write_grades  # noqa: F401 - re-exported
from crmlab.notebook_run import MAX_NOTEBOOK_BYTES, stop_all

if TYPE_CHECKING:
    import pandas as pd

STATUS_CELLS = {"passed": PASS, "failed": FAIL, "open": OPEN}
DEFAULT_TIMEOUT = 120  # seconds per notebook
_CHECKS_IMPORT = re.compile(r"crmlab\.checks(?:\.([A-Za-z_]\w*)|\s+import\s+([A-Za-z_]\w*))")
#: a file name "学号_姓名.ipynb" (also 学号-姓名, 学号 姓名; anything after a further _ is ignored)
STUDENT_FILE = re.compile(r"^(?P<id>[A-Za-z]{0,3}\d[\w]*?)[_\-＿\s]+(?P<name>[^\d_\-＿\s.]+)(?:[_\-＿\s].*)?$")
COLUMNS_BEFORE = ["file", "student_id", "name", "exercise"]
COLUMNS_AFTER = ["passed", "note", "sealed"]


@dataclass(frozen=True)
class Exercise:
    """One exercise notebook as the checks know it: its checks module, title and task names."""

    module: str
    title: str
    tasks: tuple[str, ...]


def known_exercises() -> dict[str, Exercise]:
    """Every exercise that has a checks module (``crmlab.checks.<module>`` with TASKS and progress).

    >>> known_exercises()["xudong"].tasks[0]
    '1. 读取交易记录'
    """
    import crmlab.checks as checks

    found = {}
    for info in pkgutil.iter_modules(checks.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"crmlab.checks.{info.name}")
        if hasattr(module, "TASKS") and hasattr(module, "progress"):
            found[info.name] = Exercise(info.name, module.progress().title, tuple(module.TASKS))
    return found


def exercise_in_text(text: str, exercises: dict[str, Exercise]) -> Exercise | None:
    """The exercise whose checks module the notebook text imports (None when there is none).

    Works on the raw file text too, so a damaged notebook can still be told apart.

    >>> ex = {"xudong": Exercise("xudong", "旭东", ("1. 读取",))}
    >>> exercise_in_text('"from crmlab.checks import xudong\\\\n"', ex).title
    '旭东'
    >>> exercise_in_text("import crmlab", ex) is None
    True
    """
    for match in _CHECKS_IMPORT.finditer(text):
        name = match.group(1) or match.group(2)
        if name in exercises:
            return exercises[name]
    return None


def student_of(relative: str) -> tuple[str, str] | None:
    """(学号, 姓名) from a file name ``学号_姓名.ipynb`` (or its folder's name), None if neither fits.

    >>> student_of("2021001_张三.ipynb")
    ('2021001', '张三')
    >>> student_of("作业/2021002-李四/第5章-Copy1.ipynb")
    ('2021002', '李四')
    >>> student_of("张三的作业.ipynb") is None
    True
    """
    path = Path(relative)
    for name in (path.stem, *(part for part in reversed(path.parent.parts))):
        match = STUDENT_FILE.match(name)
        if match:
            return match["id"], match["name"]
    return None


def notebooks_in(folder) -> list[Path]:
    """The ``.ipynb`` files in ``folder`` and its subfolders (not Jupyter's checkpoints), sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "是一个文件，不是文件夹" if folder.exists() else "不存在"
        raise CrmlabError(f"要检查的文件夹「{folder}」{what}",
                          hint="请给出存放学生笔记本（.ipynb）的文件夹，例如 crmlab grade 作业/第4章。")
    found = sorted(p for p in folder.rglob("*.ipynb")
                   if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    if not found:
        raise CrmlabError(f"文件夹「{folder}」里没有笔记本文件（.ipynb）",
                          hint="请把学生交上来的 .ipynb 文件放进这个文件夹（可以放在子文件夹里）再运行。")
    return found


def default_jobs() -> int:
    """How many notebooks run at the same time by default: the CPU count, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


def default_solutions() -> Path:
    """The ``solutions/`` folder next to the crmlab package (a clone of the project)."""
    return Path(__file__).resolve().parent.parent / "solutions"


@dataclass
class Template:
    """An exercise as generated from its solution, with its check calls and their tasks."""

    exercise: Exercise
    notebook: dict
    calls: list = field(default_factory=list)
    call_tasks: dict[int, str] = field(default_factory=dict)


def exercise_templates(solutions, exercises: dict[str, Exercise]) -> dict[str, Template]:
    """Checks module name -> :class:`Template` for every exercise generated from ``solutions``."""
    from crmlab.exercises import generated_exercises
    from crmlab.graded_notebook import check_calls

    templates = {}
    for text in generated_exercises(solutions).values():
        exercise = exercise_in_text(text, exercises)
        if exercise is None:
            continue
        module = importlib.import_module(f"crmlab.checks.{exercise.module}")
        notebook = json.loads(text)
        calls = check_calls(notebook, module)
        tasks = {call.index: getattr(module, call.function)(...).task for call in calls}
        templates[exercise.module] = Template(exercise, notebook, calls, tasks)
    return templates


@contextmanager
def exercise_inputs(inputs: dict | None, folder: Path):
    """The exercise inputs in force in the grader's own process while it judges."""
    if not inputs:
        yield
        return
    from crmlab import datasets

    values = {key: str(value) if isinstance(value, Path) else value for key, value in inputs.items()}
    path = folder / "grader-inputs.json"
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    before = os.environ.get("CRMLAB_EXERCISE_INPUTS")
    os.environ["CRMLAB_EXERCISE_INPUTS"] = str(path)
    try:
        if hasattr(datasets, "exercise_inputs"):
            with datasets.exercise_inputs(**values):
                yield
        else:
            yield
    finally:
        if before is None:
            os.environ.pop("CRMLAB_EXERCISE_INPUTS", None)
        else:
            os.environ["CRMLAB_EXERCISE_INPUTS"] = before


def grade_folder(folder, *, timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None,
                 memory_mb: int | None = None, inputs: dict | None = None, solutions=None,
                 on_notebook=None, messages: dict | None = None, hidden=()) -> pd.DataFrame:
    """Run and judge every submitted notebook in ``folder``; one row per notebook.

    Columns: ``file`` (path relative to ``folder``), ``student_id`` and ``name`` (from the file
    name ``学号_姓名.ipynb``, "" when it does not fit), ``exercise`` (title, "" when it cannot be
    told), one column per task of every exercise met (✓ / ✗ / 未完成 / 出错, "" for another
    exercise's task), ``passed`` (number of ✓), ``note`` (what went wrong, most useful reason
    first) and ``sealed`` (已隔离 when the notebook ran in the sandbox, 未隔离 when not, "" when it
    did not run). Rows are
    sorted by file. ``timeout``: seconds per notebook; ``jobs``: notebooks at once (default
    :func:`default_jobs`); ``memory_mb``: data memory cap per process of a notebook;
    ``inputs``: exercise input overrides (key -> Path or value); ``solutions``: the folder of
    solution notebooks the exercises are generated from (default :func:`default_solutions`);
    ``on_notebook(done, total, row)`` is called as each notebook is judged; ``messages``, when
    given, receives file -> {task: the check's message}; ``hidden``: more folders no notebook may
    see (the output's), besides ``folder`` itself. Raises CrmlabError when the folder is missing
    or has no notebooks.

    >>> grade_folder("没有这个文件夹")
    Traceback (most recent call last):
    crmlab.errors.CrmlabError: 要检查的文件夹「没有这个文件夹」不存在。请给出存放学生笔记本（.ipynb）的文件夹，例如 crmlab grade 作业/第4章。
    """
    import pandas as pd
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from crmlab import sandbox
    from crmlab.grade_judge import judge_notebook, prepare
    from crmlab.sandbox import DEFAULT_MEMORY_MB

    folder = Path(folder)
    paths = [path.resolve() for path in notebooks_in(folder)]  # checks run in other folders
    folder = folder.resolve()
    exercises = known_exercises()
    root = Path(tempfile.mkdtemp(prefix="crmlab-grade-"))
    rows: dict[Path, dict] = {}
    try:
        templates = exercise_templates(solutions or default_solutions(), exercises)
        found = {path: exercise_in_text(_raw_text(path), exercises) for path in paths}
        named = {ex for ex in found.values() if ex is not None}
        only = next(iter(named)) if len(named) == 1 else None
        font_list = sandbox.font_cache(root / "fonts")
        memory = memory_mb or DEFAULT_MEMORY_MB

        def run_one(numbered):
            i, path = numbered
            exercise = found[path] or only
            job = prepare(path, exercise, templates, root / f"run-{i}", timeout=timeout,
                          memory_mb=memory, inputs=inputs, font_list=font_list,
                          hidden=[folder, *hidden])
            return path, exercise, job

        pool = ThreadPoolExecutor(max_workers=jobs or default_jobs())
        try:
            futures = [pool.submit(run_one, numbered) for numbered in enumerate(paths, start=1)]
            with exercise_inputs(inputs, root):
                for done, future in enumerate(as_completed(futures), start=1):
                    path, exercise, job = future.result()
                    relative = path.relative_to(folder).as_posix()
                    row, said = judge_notebook(job, exercise, templates, memory, guessed=found[path] is None)
                    student = student_of(relative)
                    row = {"file": relative, "student_id": student[0] if student else "",
                           "name": student[1] if student else "", **row}
                    if student is None:
                        row["note"] = "；".join(filter(None, [row["note"], "文件名不是「学号_姓名.ipynb」的样子，"
                                                                            "学号和姓名空着"]))
                    rows[path] = row
                    if messages is not None:
                        messages[relative] = said
                    if on_notebook is not None:
                        on_notebook(done, len(paths), row)
        except BaseException:  # Ctrl+C or a bug: start no further notebook, end the running ones
            pool.shutdown(wait=False, cancel_futures=True)
            stop_all()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    tasks = [task for ex in exercises.values() if ex in named for task in ex.tasks]
    table = pd.DataFrame([rows[p] for p in paths if p in rows],
                         columns=[*COLUMNS_BEFORE, *tasks, *COLUMNS_AFTER])
    table[tasks] = table[tasks].fillna("")
    table["passed"] = table["passed"].astype(int)
    return table


def _raw_text(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_NOTEBOOK_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def add_grade_command(subparsers) -> None:
    """Register ``crmlab grade`` (the command is :mod:`crmlab.cli.grade`)."""
    from crmlab.cli.grade import add_command

    add_command(subparsers)
