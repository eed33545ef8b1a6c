"""crmlab.grading: a folder of submitted notebooks -> who passed which task.

The class folder is built in tmp_path from the real chapter 1 solution and exercise notebooks:
one complete, one untouched, one with a wrong answer, one that raises, one not a notebook at
all. The expected table is worked out by reading those notebooks (see each fixture).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from crmlab import cli
from crmlab.checks import pyramid as pyramid_checks
from crmlab.errors import CrmlabError
from crmlab.grading import (ERROR, FAIL, OPEN, PASS, exercise_in_text, format_grades,
                            grade_folder, known_exercises, task_statuses, write_grades)

pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "01_客户金字塔练习.ipynb"
EXERCISE = ROOT / "exercises" / "01_客户金字塔练习.ipynb"
TASKS = list(pyramid_checks.TASKS)   # 1. 利润占比, 2. 平均利润, 3. 前 20%, 4. 鲸鱼曲线, 5. 最高点
TITLE = "第 1 章练习：客户金字塔与鲸鱼曲线"


def edited_solution(edit) -> str:
    """The chapter 1 solution notebook as text, with ``edit(source) -> source`` on every code cell."""
    notebook = json.loads(SOLUTION.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            cell["source"] = edit(source)
    return json.dumps(notebook, ensure_ascii=False)


def wrong_average(source: str) -> str:
    # task 2 asks for the average profit per customer; 0.0 is wrong, the rest stays right
    if source.startswith("平均利润 ="):
        return "平均利润 = 0.0"
    return source


def raise_in_whale(source: str) -> str:
    # the whale-curve answer cell (task 4, the 9th code cell) raises before defining 曲线, so its
    # check cell and the peak cell (task 5) fail with NameError too; tasks 1-3 ran before and pass
    if "曲线 = pd.DataFrame" in source:
        return 'raise RuntimeError("学生代码出错")\n' + source
    return source


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("第1章作业")
    shutil.copy(SOLUTION, folder / "01_完成.ipynb")
    shutil.copy(EXERCISE, folder / "02_没动.ipynb")
    (folder / "03_答错.ipynb").write_text(edited_solution(wrong_average), encoding="utf-8")
    (folder / "04_报错.ipynb").write_text(edited_solution(raise_in_whale), encoding="utf-8")
    (folder / "05_不是笔记本.ipynb").write_text("这是一份 Word 文档改了扩展名", encoding="utf-8")
    (folder / "说明.txt").write_text("不是 .ipynb，不检查", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def grades(class_folder) -> pd.DataFrame:
    return grade_folder(class_folder, timeout=120)


def test_the_table_says_who_passed_which_task(grades):
    assert list(grades.columns) == ["file", "exercise", *TASKS, "passed", "note"]
    assert list(grades["file"]) == ["01_完成.ipynb", "02_没动.ipynb", "03_答错.ipynb",
                                    "04_报错.ipynb", "05_不是笔记本.ipynb"]
    assert set(grades["exercise"]) == {TITLE}
    cells = grades.set_index("file")[TASKS]
    assert list(cells.loc["01_完成.ipynb"]) == [PASS] * 5
    assert list(cells.loc["02_没动.ipynb"]) == [OPEN] * 5
    assert list(cells.loc["03_答错.ipynb"]) == [PASS, FAIL, PASS, PASS, PASS]
    assert list(cells.loc["04_报错.ipynb"]) == [PASS, PASS, PASS, ERROR, ERROR]
    assert list(cells.loc["05_不是笔记本.ipynb"]) == [ERROR] * 5
    assert list(grades["passed"]) == [5, 0, 4, 3, 0]


def test_notes_say_what_went_wrong(grades):
    notes = grades.set_index("file")["note"]
    assert notes["01_完成.ipynb"] == "" and notes["02_没动.ipynb"] == "" and notes["03_答错.ipynb"] == ""
    assert "第 9 个代码格出错（RuntimeError：学生代码出错）" in notes["04_报错.ipynb"]
    assert "NameError" in notes["04_报错.ipynb"]          # the peak cell after it
    assert "不是有效的 Jupyter 笔记本" in notes["05_不是笔记本.ipynb"]


def test_printed_table_is_aligned_and_in_chinese(grades):
    text = format_grades(grades)
    lines = text.splitlines()
    assert lines[0] == f"【{TITLE}】共 5 份"
    header = lines[2]
    assert header.split() == ["学生文件", "1", "2", "3", "4", "5", "通过"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[4:9]}
    assert rows["03_答错.ipynb"] == [PASS, FAIL, PASS, PASS, PASS, "4/5"]
    assert rows["04_报错.ipynb"] == [PASS, PASS, PASS, ERROR, ERROR, "3/5"]
    from crmlab.textwidth import display_width
    assert len({display_width(line) for line in lines[2:9]}) == 1   # every row as wide as the header
    assert "题目：1. 各级客户的利润合计与利润占比" in text
    assert "05_不是笔记本.ipynb：不是有效的 Jupyter 笔记本" in text


def test_missing_or_empty_folder_is_a_chinese_error(tmp_path):
    with pytest.raises(CrmlabError, match="不存在"):
        grade_folder(tmp_path / "没有")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CrmlabError, match="没有笔记本文件"):
        grade_folder(tmp_path)
    with pytest.raises(CrmlabError, match="不是文件夹"):
        grade_folder(tmp_path / "a.txt")


def test_cli_bad_folder_exits_2(tmp_path, capsys):
    assert cli.main(["grade", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "没有笔记本文件" in err and "Traceback" not in err
    assert cli.main(["grade", str(tmp_path), "--out", str(tmp_path / "结果.docx")]) == 2
    assert ".csv 或 .xlsx" in capsys.readouterr().err


def test_cli_prints_and_writes_xlsx(tmp_path, capsys):
    folder = tmp_path / "交上来的"
    folder.mkdir()
    text = EXERCISE.read_text(encoding="utf-8")
    # cut off during upload: no longer a notebook, but it still names its exercise's checks
    (folder / "截断.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    out = tmp_path / "结果.xlsx"
    assert cli.main(["grade", str(folder), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"检查结果：「{folder}」，共 1 个笔记本"
    row = next(line for line in lines if line.startswith("截断.ipynb "))
    assert row.split() == ["截断.ipynb"] + [ERROR] * 5 + ["0/5"]
    assert any(line.startswith("  截断.ipynb：不是有效的 Jupyter 笔记本") for line in lines)
    from openpyxl import load_workbook
    sheet = load_workbook(out).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["学生文件", "练习", *TASKS, "通过题数", "说明"]
    assert rows[1][:8] == ["截断.ipynb", TITLE, ERROR, ERROR, ERROR, ERROR, ERROR, 0]
    assert rows[1][8].startswith("不是有效的 Jupyter 笔记本")


def test_csv_has_chinese_headers_and_a_bom(tmp_path):
    table = pd.DataFrame({"file": ["=甲.ipynb"], "exercise": ["练习"], "1. 题": [PASS],
                          "passed": [1], "note": [""]})
    path = write_grades(table, tmp_path / "结果.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "学生文件,练习,1. 题,通过题数,说明"
    assert lines[1] == "'=甲.ipynb,练习,✓,1,"     # a file name is never run as a formula


def test_task_statuses_from_the_progress_record():
    recorded = {"a": "passed", "b": "failed", "c": "open"}
    assert task_statuses(["a", "b", "c", "d"], recorded, had_error=False) == [PASS, FAIL, OPEN, OPEN]
    assert task_statuses(["a", "b", "c", "d"], recorded, had_error=True) == [PASS, FAIL, OPEN, ERROR]
    assert task_statuses(["a", "b"], None, had_error=False) == [ERROR, ERROR]


def test_every_exercise_notebook_is_recognised():
    exercises = known_exercises()
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        found = exercise_in_text(path.read_text(encoding="utf-8"), exercises)
        assert found is not None, path.name
    chapter1 = exercise_in_text(EXERCISE.read_text(encoding="utf-8"), exercises)
    assert chapter1.title == TITLE and list(chapter1.tasks) == TASKS
