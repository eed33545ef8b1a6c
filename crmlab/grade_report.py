"""The grade table of :mod:`crmlab.grading` shown, saved and handed back.

:func:`format_grades` prints it as aligned text (one block per exercise), :func:`write_grades`
saves it as .xlsx or .csv (written to a temporary file and renamed, so a reader never sees half
a table), :func:`write_feedback` writes one text file per student: which tasks passed, and the
check's hint for every task that did not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from crmlab.errors import CrmlabError

if TYPE_CHECKING:
    import pandas as pd

PASS, FAIL, OPEN, ERROR = "✓", "✗", "未完成", "出错"
TASK_COLUMN_WIDTH = 13  # characters; a wrapped task name fits in three lines
# headers of the grade table when it is shown or saved (the frame itself keeps English names)
HEADERS = {"file": "学生文件", "student_id": "学号", "name": "姓名", "exercise": "练习",
           "passed": "通过题数", "note": "说明", "sealed": "隔离"}
SEALED, UNSEALED = "已隔离", "未隔离"  # the 隔离 column: sealed off by bubblewrap or not ("" = not run)


def exercise_tables(table: pd.DataFrame):
    """Per exercise (in order of first appearance): its title, task names and rows of ``table``.

    Rows whose exercise is unknown come last under the title "".
    """
    from crmlab.grading import known_exercises

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
    >>> from crmlab.checks import pyramid
    >>> t = pd.DataFrame({"file": ["1_甲.ipynb"], "student_id": ["1"], "name": ["甲"],
    ...     "exercise": [pyramid.progress().title], pyramid.TASKS[0]: ["✓"], "passed": [1],
    ...     "note": [""], "sealed": [""]})
    >>> print(format_grades(t).splitlines()[2])
    学号  姓名  1  2   3   4   5   通过
    """
    from crmlab.textwidth import format_table

    blocks = []
    for title, tasks, rows in exercise_tables(table):
        lines = [f"【{title or '无法判断是哪个练习'}】共 {len(rows)} 份", ""]
        labels = [_task_label(task, j) for j, task in enumerate(tasks, start=1)]
        body = [[r["student_id"] or r["file"], r["name"], *[r.get(task, "") or ERROR for task in tasks],
                 f"{r['passed']}/{len(tasks)}"] for _, r in rows.iterrows()]
        lines.append(format_table([HEADERS["student_id"], HEADERS["name"], *labels, "通过"], body,
                                  ["left", "left"] + ["left"] * len(tasks) + ["right"]))
        if tasks:
            lines += ["", "题目：" + "；".join(tasks)]
        notes = [(r["file"], r["note"]) for _, r in rows.iterrows() if r["note"]]
        if notes:
            lines += ["", "说明："] + [f"  {name}：{note}" for name, note in notes]
        blocks.append("\n".join(lines))
    legend = (f"{PASS} = 通过；{FAIL} = 答案有错；{OPEN} = 答案还是占位符 ...；"
              f"{ERROR} = 笔记本报错、超时或打不开，这道题没有检查到")
    unsealed = ("sealed" in table and (table["sealed"] == UNSEALED).any())
    warning = ([f"注意：{UNSEALED}：没有用 bubblewrap（bwrap）隔离，学生的笔记本以你的身份运行、"
                "能看到你的文件（见 docs/instructor.md）。"] if unsealed else [])
    return "\n\n".join(warning + blocks + [legend])


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

        columns = [Column("file", HEADERS["file"], "@"), Column("student_id", HEADERS["student_id"], "@"),
                   Column("name", HEADERS["name"], "@"), Column("exercise", HEADERS["exercise"], "@"),
                   *[Column(task, task, "@", "center") for task in tasks],
                   Column("passed", HEADERS["passed"], "0"), Column("note", HEADERS["note"], "@"),
                   Column("sealed", HEADERS["sealed"], "@")]
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "检查结果"
        write_sheet(sheet, table, columns)
        # task names are long: narrow task columns, wrapped headers, first column kept in view
        for j in range(1, len(columns) + 1):
            sheet.cell(row=1, column=j).alignment = Alignment(horizontal="center", vertical="center",
                                                              wrap_text=True)
        for j in range(5, 5 + len(tasks)):
            sheet.column_dimensions[get_column_letter(j)].width = TASK_COLUMN_WIDTH
        sheet.row_dimensions[1].height = 48
        sheet.freeze_panes = "D2"
        sheet.page_setup.orientation = "landscape"  # printed: one page wide
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        return save_workbook(workbook, path)
    if suffix == ".csv":
        from crmlab.safe_write import write_csv

        return write_csv(table.rename(columns=HEADERS), path)
    raise CrmlabError(f"不支持的输出文件类型：「{path.name}」", file=str(path),
                      hint="--out 的文件名请以 .csv 或 .xlsx 结尾。")




def feedback_text(row, tasks: list[str], messages: dict[str, str]) -> str:
    """One student's feedback: every task with its mark, the check's message for the others.

    >>> row = {"file": "1_甲.ipynb", "student_id": "1", "name": "甲", "exercise": "练习",
    ...        "passed": 1, "note": "", "a": "✓", "b": "✗"}
    >>> print(feedback_text(row, ["a", "b"], {"b": "b 不对：请用 sum。"}))
    学号：1　姓名：甲　文件：1_甲.ipynb
    练习：练习　通过 1 / 2 题
    <BLANKLINE>
    ✓ a
    ✗ b
      b 不对：请用 sum。
    """
    who = f"学号：{row['student_id']}　姓名：{row['name']}　" if row.get("student_id") else ""
    lines = [f"{who}文件：{row['file']}", f"练习：{row['exercise'] or '（看不出是哪个练习）'}　"
                                          f"通过 {row['passed']} / {len(tasks)} 题", ""]
    for task in tasks:
        mark = row.get(task, "") or ERROR
        lines.append(f"{mark} {task}")
        if mark != PASS and messages.get(task):
            lines.append(f"  {messages[task]}")
    if row.get("note"):
        lines += ["", f"说明：{row['note']}"]
    return "\n".join(lines)


def write_feedback(table: pd.DataFrame, messages: dict[str, dict[str, str]], folder) -> list[Path]:
    """One UTF-8 text file per row of ``table`` in ``folder`` (named after the notebook file).

    ``messages`` maps a row's file to {task: what the check said}. Each file is written to a
    temporary name and renamed.
    """
    import os

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for title, tasks, rows in exercise_tables(table):
        for _, row in rows.iterrows():
            name = str(row["file"])[: -len(Path(row["file"]).suffix) or None].replace("/", "_") + "_反馈.txt"
            path = folder / name
            temporary = path.with_name(f".{name}.tmp")
            temporary.write_text(feedback_text(row, tasks, messages.get(row["file"], {})) + "\n",
                                 encoding="utf-8-sig")
            os.replace(temporary, path)
            written.append(path)
    return written
