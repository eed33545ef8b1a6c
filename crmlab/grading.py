"""Checking a folder of submitted exercise notebooks: who passed which task.

:func:`grade_folder` runs every ``.ipynb`` file of a folder from top to bottom in a fresh
Jupyter kernel (:mod:`crmlab.notebook_run`: a new temporary working folder, a time limit per
notebook) and reads the progress record (the variable ``进度`` every exercise creates, see
:mod:`crmlab.checks`). Saved outputs in the submitted file are never trusted: everything is run
again. A notebook that cannot be read, raises, hangs or kills its kernel gives 出错 for the
tasks it did not finish; the run goes on with the next one.

Student notebooks are untrusted code: they run with the rights of whoever runs the check.
Run it in a separate account or a virtual machine (see docs/instructor.md).

``crmlab grade FOLDER [--timeout 秒] [--out 结果.xlsx]`` prints the result as aligned tables.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crmlab.errors import CrmlabError
from crmlab.notebook_run import MAX_NOTEBOOK_BYTES, run_notebook

if TYPE_CHECKING:
    import pandas as pd

PASS, FAIL, OPEN, ERROR = "✓", "✗", "未完成", "出错"
#: progress status (crmlab.checks._core) -> the cell shown in the table
STATUS_CELLS = {"passed": PASS, "failed": FAIL, "open": OPEN}
DEFAULT_TIMEOUT = 120  # seconds per notebook
_CHECKS_IMPORT = re.compile(r"crmlab\.checks(?:\.([A-Za-z_]\w*)|\s+import\s+([A-Za-z_]\w*))")
# headers of the grade table when it is shown or saved (the frame itself keeps English names)
TASK_COLUMN_WIDTH = 13  # characters; a wrapped task name fits in three lines
HEADERS = {"file": "学生文件", "exercise": "练习", "passed": "通过题数", "note": "说明"}


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


def task_statuses(tasks, recorded: dict[str, str] | None, had_error: bool) -> list[str]:
    """One table cell per task: ✓ / ✗ / 未完成 from the progress record, 出错 where it broke.

    ``recorded`` maps task name -> progress status (passed / failed / open) for every task
    whose check ran; None when the notebook left no readable record. A task whose check never
    ran is 出错 when the notebook had an error, else 未完成.

    >>> task_statuses(["a", "b", "c"], {"a": "passed", "b": "failed"}, had_error=True)
    ['✓', '✗', '出错']
    >>> task_statuses(["a", "b"], {"a": "open"}, had_error=False)
    ['未完成', '未完成']
    >>> task_statuses(["a"], None, had_error=True)
    ['出错']
    """
    if recorded is None:
        return [ERROR] * len(tasks)
    return [STATUS_CELLS.get(recorded[task], ERROR) if task in recorded
            else (ERROR if had_error else OPEN) for task in tasks]


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
    import os

    return max(1, min(4, os.cpu_count() or 1))


def grade_folder(folder, *, timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None,
                 on_notebook=None) -> pd.DataFrame:
    """Run every submitted notebook in ``folder``; one row per notebook, one column per task.

    Columns: ``file`` (path relative to ``folder``), ``exercise`` (the exercise title, "" when
    it cannot be told), one column per task of every exercise met (in the checks' order; cells
    ✓ / ✗ / 未完成 / 出错, "" for another exercise's task), ``passed`` (number of ✓) and
    ``note`` (what went wrong, in Chinese; "" when nothing did). Rows are sorted by file.
    ``timeout`` is the time limit per notebook in seconds, ``jobs`` how many notebooks run at
    once (default :func:`default_jobs`); ``on_notebook(i, n, file)`` is called as each one
    starts. Raises CrmlabError when the folder is missing or has no notebooks.

    >>> grade_folder("没有这个文件夹")
    Traceback (most recent call last):
    crmlab.errors.CrmlabError: 要检查的文件夹「没有这个文件夹」不存在。请给出存放学生笔记本（.ipynb）的文件夹，例如 crmlab grade 作业/第4章。
    """
    import pandas as pd
    from concurrent.futures import ThreadPoolExecutor

    folder = Path(folder)
    paths = notebooks_in(folder)
    exercises = known_exercises()
    found = {path: exercise_in_text(_raw_text(path), exercises) for path in paths}
    named = {ex for ex in found.values() if ex is not None}
    only = next(iter(named)) if len(named) == 1 else None

    def run_one(numbered):
        i, path = numbered
        if on_notebook is not None:
            on_notebook(i, len(paths), path.relative_to(folder).as_posix())
        return run_notebook(path, timeout)

    # the kernels are separate processes: threads only wait for them
    pool = ThreadPoolExecutor(max_workers=jobs or default_jobs())
    try:
        runs = list(pool.map(run_one, enumerate(paths, start=1)))
    finally:  # on Ctrl+C: start no further notebook (running ones end within their time limit)
        pool.shutdown(wait=True, cancel_futures=True)
    rows = []
    for path, run in zip(paths, runs):
        exercise = found[path] or only
        notes = list(run.errors)
        if exercise is None:
            notes.insert(0, "看不出是哪一个练习（没有用到 crmlab.checks 的检查）")
        elif found[path] is None and run.recorded is None:
            notes.append(f"按同一文件夹里的其他笔记本算作「{exercise.title}」")
        cells = {}
        if exercise is not None:
            statuses = task_statuses(exercise.tasks, run.recorded, had_error=bool(run.errors))
            cells = dict(zip(exercise.tasks, statuses))
            if run.recorded is None and not run.errors:
                notes.append("运行结束时找不到进度记录（变量 进度）")
        rows.append({"file": path.relative_to(folder).as_posix(),
                     "exercise": exercise.title if exercise else "", **cells,
                     "passed": sum(v == PASS for v in cells.values()), "note": "；".join(notes)})
    tasks = [task for ex in exercises.values() if ex in named for task in ex.tasks]
    table = pd.DataFrame(rows, columns=["file", "exercise", *tasks, "passed", "note"])
    table[tasks] = table[tasks].fillna("")
    table["passed"] = table["passed"].astype(int)
    return table


def _raw_text(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_NOTEBOOK_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


# ---------------------------------------------------------------- showing and saving

def exercise_tables(table: pd.DataFrame):
    """Per exercise (in order of first appearance): its title, task names and rows of ``table``.

    Rows whose exercise is unknown come last under the title "".
    """
    exercises = {ex.title: ex for ex in known_exercises().values()}
    titles = list(dict.fromkeys(table["exercise"]))
    titles.sort(key=lambda title: title == "")
    for title in titles:
        tasks = list(exercises[title].tasks) if title in exercises else []
        yield title, tasks, table[table["exercise"] == title]


def _task_label(task: str, position: int) -> str:
    match = re.match(r"\s*(\d+)\s*[.．、]", task)
    return match.group(1) if match else str(position)


def format_grades(table: pd.DataFrame) -> str:
    """The grade table as aligned text: one block per exercise, tasks as numbered columns.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"file": ["甲.ipynb"], "exercise": ["项目实训：旭东公司 RFM 客户分级"],
    ...     "1. 读取交易记录": ["✓"], "passed": [1], "note": [""]})
    >>> print(format_grades(t).splitlines()[2])
    学生文件  1   2   3   4   5   6   7   8   9   10  11  通过
    """
    from crmlab.textwidth import format_table

    blocks = []
    for title, tasks, rows in exercise_tables(table):
        lines = [f"【{title or '无法判断是哪个练习'}】共 {len(rows)} 份", ""]
        labels = [_task_label(task, j) for j, task in enumerate(tasks, start=1)]
        body = [[r["file"], *[r.get(task, "") or ERROR for task in tasks],
                 f"{r['passed']}/{len(tasks)}"] for _, r in rows.iterrows()]
        lines.append(format_table([HEADERS["file"], *labels, "通过"], body,
                                  ["left"] + ["left"] * len(tasks) + ["right"]))
        if tasks:
            lines += ["", "题目：" + "；".join(tasks)]
        notes = [(r["file"], r["note"]) for _, r in rows.iterrows() if r["note"]]
        if notes:
            lines += ["", "说明："] + [f"  {name}：{note}" for name, note in notes]
        blocks.append("\n".join(lines))
    legend = (f"{PASS} = 通过；{FAIL} = 答案有错；{OPEN} = 答案还是占位符 ...；"
              f"{ERROR} = 笔记本报错、超时或打不开，这道题没有检查到")
    return "\n\n".join(blocks + [legend])


def write_grades(table: pd.DataFrame, path) -> Path:
    """Save the grade table as .xlsx (formatted sheet) or .csv (UTF-8 with BOM), Chinese headers."""
    path = Path(path)
    suffix = path.suffix.lower()
    tasks = [c for c in table.columns if c not in HEADERS]
    if suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Alignment
        from openpyxl.utils import get_column_letter

        from crmlab.excel import Column, write_sheet
        from crmlab.safe_write import save_workbook

        columns = [Column("file", HEADERS["file"], "@"), Column("exercise", HEADERS["exercise"], "@"),
                   *[Column(task, task, "@", "center") for task in tasks],
                   Column("passed", HEADERS["passed"], "0"), Column("note", HEADERS["note"], "@")]
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "检查结果"
        write_sheet(sheet, table, columns)
        # task names are long: narrow task columns, wrapped headers, first column kept in view
        for j in range(1, len(columns) + 1):
            sheet.cell(row=1, column=j).alignment = Alignment(horizontal="center", vertical="center",
                                                              wrap_text=True)
        for j in range(3, 3 + len(tasks)):
            sheet.column_dimensions[get_column_letter(j)].width = TASK_COLUMN_WIDTH
        sheet.row_dimensions[1].height = 48
        sheet.freeze_panes = "B2"
        sheet.page_setup.orientation = "landscape"  # printed: one page wide
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        return save_workbook(workbook, path)
    if suffix == ".csv":
        from crmlab.safe_write import write_csv

        return write_csv(table.rename(columns=HEADERS), path)
    raise CrmlabError(f"不支持的输出文件类型：「{path.name}」", file=str(path),
                      hint="--out 的文件名请以 .csv 或 .xlsx 结尾。")


# ---------------------------------------------------------------- `crmlab grade`

def add_grade_command(subparsers) -> None:
    """Register ``crmlab grade`` (listed in :data:`crmlab.cli.COMMANDS`)."""
    parser = subparsers.add_parser(
        "grade", help="检查一个文件夹里学生交上来的练习笔记本：谁的哪道题通过了",
        description="逐个重新运行文件夹（含子文件夹）里的 .ipynb 练习笔记本，读出每道题的检查结果。"
                    "注意：学生的笔记本是别人写的代码，会以你的身份运行；"
                    "请在单独的账户或虚拟机里使用（见 docs/instructor.md）。")
    parser.add_argument("folder", metavar="FOLDER", help="存放学生笔记本（.ipynb）的文件夹")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"每个笔记本最多运行多少秒（默认 {DEFAULT_TIMEOUT}），超时的题记为出错")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help=f"同时运行几个笔记本（默认 {default_jobs()}，即本机 CPU 核数，最多 4）")
    parser.add_argument("--out", metavar="PATH", help="把结果另存为 .xlsx 或 .csv（UTF-8，Excel 可直接打开）")
    parser.set_defaults(run=run_grade)


def run_grade(args) -> int:
    if args.timeout <= 0:
        raise CrmlabError(f"--timeout 应当大于 0，收到的是 {args.timeout:g}",
                          hint="例如 --timeout 120 表示每个笔记本最多运行 120 秒。")
    if args.jobs is not None and args.jobs < 1:
        raise CrmlabError(f"--jobs 应当至少是 1，收到的是 {args.jobs}",
                          hint="例如 --jobs 2 表示同时运行两个笔记本；不写则自动决定。")
    if args.out is not None:
        from crmlab.safe_write import check_folder

        if Path(args.out).suffix.lower() not in (".csv", ".xlsx"):
            raise CrmlabError(f"不支持的输出文件类型：「{args.out}」", hint="--out 的文件名请以 .csv 或 .xlsx 结尾。")
        check_folder(args.out)

    def show(i, n, name):
        print(f"开始运行（{i}/{n}）：{name}", file=sys.stderr, flush=True)

    table = grade_folder(args.folder, timeout=args.timeout, jobs=args.jobs, on_notebook=show)
    print(f"检查结果：「{args.folder}」，共 {len(table)} 个笔记本\n")
    print(format_grades(table))
    if args.out:
        write_grades(table, args.out)
        print(f"\n已写出：{args.out}")
    return 0
