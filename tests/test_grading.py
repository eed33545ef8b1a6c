"""crmlab.grading: a folder of submitted notebooks -> who passed which task, judged by the grader.

Most tests here need no kernel: the notebook the grader builds from a student's file and the
exercise (restored check and setup cells, answers saved as data), the notes made from a run's
events, names from file names, the --data check. One class folder of the small exercise of
``grading_fixtures`` (three tasks) goes through ``crmlab grade`` end to end; the attacks are in
test_grading_attacks.py.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from crmlab import cli
from crmlab.checks import pyramid as pyramid_checks
from crmlab.errors import CrmlabError
from crmlab.graded_notebook import ROLE_KEY, check_calls, graded_notebook
from crmlab.grade_judge import read_student_notebook, run_notes
from crmlab.grading import (ERROR, FAIL, OPEN, PASS, exercise_in_text, grade_folder,
                            known_exercises, student_of, write_grades)
from crmlab.notebook_run import TIMEOUT_NAME, Run

from grading_fixtures import CELLS, edited, exercise_cells, notebook, write_solutions, write_student

TASKS = list(pyramid_checks.TASKS)[:3]
TITLE = "第 1 章练习：客户金字塔与鲸鱼曲线"


def template():
    return notebook(exercise_cells())


def sources(graded):
    return [(cell["metadata"][ROLE_KEY]["kind"], cell["source"]) for cell in graded.notebook["cells"]]


# ---------------------------------------------------------------- the notebook the grader runs

def test_check_calls_name_the_answers_and_leave_out_progress_and_overrides():
    calls = check_calls(template(), pyramid_checks)
    assert [(c.function, c.answers) for c in calls] == [
        ("check_shares", (("answer", "利润表"),)), ("check_average", (("answer", "平均利润"),)),
        ("check_top_share", (("answer", "前三级利润占比"),))]
    with_override = notebook([("c", "check", "金字塔练习.check_whale(曲线, 进度, transactions=表)")])
    assert check_calls(with_override, pyramid_checks)[0].answers == (("answer", "曲线"),)


def test_edited_check_and_setup_cells_are_restored_and_deleted_ones_put_back():
    student = edited(CELLS, setup="进度 = None  # 改过的设置", check_1="print('✓ 通过')")
    student = [cell for cell in student if cell[0] != "check-2"]       # deleted
    calls = check_calls(template(), pyramid_checks)
    graded = graded_notebook(notebook(student), template(), calls, "/out")
    kinds = sources(graded)
    assert [k for k, _ in kinds] == ["fixed", "student", "check", "student", "check", "student", "check",
                                     "fixed"]
    assert kinds[0][1] == exercise_cells()[0][2]                         # the exercise's setup
    assert "改过的" not in json.dumps(graded.notebook, ensure_ascii=False)
    assert kinds[2][1].endswith("_crmlab_answers.save(0, {'answer': lambda: (利润表)}, '/out')")
    assert "save(1," in kinds[4][1]                                      # put back after answer 2
    assert kinds[1][1] == CELLS[2][2]                                    # the student's answer


def test_a_file_without_cell_ids_is_matched_by_its_check_calls():
    student = notebook(CELLS)
    for cell in student["cells"]:
        del cell["id"]
    student["nbformat_minor"] = 4
    calls = check_calls(template(), pyramid_checks)
    kinds = [k for k, _ in sources(graded_notebook(student, template(), calls, "/out"))]
    assert kinds == ["fixed", "student", "check", "student", "check", "student", "check", "fixed"]


def test_an_answer_calling_crmlabs_own_method_is_noted():
    student = edited(CELLS, answer_3="前三级利润占比 = crmlab.course_pyramid_shares()['profit_share'].iloc[:3].sum()")
    # a cell that only draws with crmlab (its result is no answer) is not noted
    student = edited(student, check_2=("图 = crmlab.plots.plot_course_pyramid(crmlab.course_pyramid_shares(金字塔))",
                                       "after"))
    graded = graded_notebook(notebook(student), template(), check_calls(template(), pyramid_checks), "/out")
    assert graded.method_calls == [(7, "course_pyramid_shares")]
    assert graded.cell_checks[7] == 2                                    # judged by the third check


# ---------------------------------------------------------------- notes from what happened

def events(*items):
    return Run(out=None, events=[{"event": "started"}, *items])


def test_notes_put_the_cause_first_and_say_each_thing_once():
    run = events({"event": "cell", "kind": "student", "number": 2},
                 {"event": "error", "kind": "student", "number": 2, "ename": "FileNotFoundError",
                  "evalue": "没有 交易记录.xlsx"},
                 *[{"event": "error", "kind": "student", "number": n, "ename": "NameError", "evalue": "x"}
                   for n in (4, 6, 8)],
                 {"event": "finished"})
    broke, notes = run_notes(run.events, run, 120, 2048)
    assert notes == ["第 2 个代码格出错（FileNotFoundError：没有 交易记录.xlsx）", "另有 3 个代码格出错"]
    assert not broke


def test_a_time_out_is_one_note_and_the_run_broke_off():
    run = events({"event": "cell", "kind": "student", "number": 5},
                 {"event": "error", "kind": "student", "number": 5, "ename": TIMEOUT_NAME, "evalue": ""},
                 {"event": "timeout", "kind": "student", "number": 6}, {"event": "finished"})
    broke, notes = run_notes(run.events, run, 30, 2048)
    assert broke and notes == ["超过时间限制 30 秒（停在第 5 个代码格），之后的题没有检查"]


def test_memory_and_death_are_named():
    run = events({"event": "cell", "kind": "student", "number": 3},
                 {"event": "error", "kind": "student", "number": 3, "ename": "MemoryError", "evalue": ""},
                 {"event": "cell", "kind": "student", "number": 4}, {"event": "died", "kind": "DeadKernelError"})
    broke, notes = run_notes(run.events, run, 30, 1024)
    assert broke and notes[0] == "第 3 个代码格用光了内存上限（1024 MB），被停止"
    assert notes[1].startswith("内核在第 4 个代码格崩溃")


def test_a_kernel_that_would_not_start_says_why():
    run = Run(out=None, events=[{"event": "died", "kind": "RuntimeError",
                                 "detail": "Kernel didn't respond in 60 seconds"}])
    broke, notes = run_notes(run.events, run, 30, 1024)
    assert broke and notes == ["内核没有启动起来（试了两次），笔记本没有运行"
                               "（RuntimeError：Kernel didn't respond in 60 seconds）"]


@pytest.mark.parametrize("first_try", ["no kernel", "started", "killed"])
def test_only_a_kernel_that_did_not_start_gets_one_more_try(first_try, tmp_path, monkeypatch):
    """No student code runs before the kernel is up, so a kernel that did not start (a busy
    lab PC, a port another kernel took) is started once more, in a fresh folder; a notebook
    that ran, or was stopped for overrunning, is never run twice."""
    from pathlib import Path

    from crmlab import grade_judge
    from crmlab.grading import exercise_templates

    exercises = known_exercises()
    templates = exercise_templates(write_solutions(tmp_path), exercises)
    path = write_student(tmp_path, "2021001_张三.ipynb", CELLS)
    tries = []

    def run_notebook(notebook, run_dir, timeout, **kwargs):
        Path(run_dir).mkdir(parents=True, exist_ok=True)
        tries.append(Path(run_dir))
        started = len(tries) > 1 or first_try == "started"
        return Run(out=Path(run_dir) / "out", events=[{"event": "started"}] if started else [],
                   killed=first_try == "killed")

    monkeypatch.setattr(grade_judge, "run_notebook", run_notebook)
    exercise = exercise_in_text(path.read_text(encoding="utf-8"), exercises)
    job = grade_judge.prepare(path, exercise, templates, tmp_path / "run-1", timeout=30,
                              memory_mb=1024, inputs=None, font_list=None)
    assert len(tries) == (2 if first_try == "no kernel" else 1)
    assert len(set(tries)) == len(tries) and job.run.out == tries[-1] / "out"


def test_broken_files_say_the_most_useful_reason():
    def reason(tmp, data: bytes):
        path = tmp / "x.ipynb"
        path.write_bytes(data)
        return read_student_notebook(path)[1]

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        assert reason(tmp, b'{"cells": [{"cell_type": "code", "sou').startswith("文件不完整")
        assert reason(tmp, b"PK\x03\x04\xff\xfe").startswith("文件不是 UTF-8 文本")
        assert reason(tmp, b"[1, 2]").startswith("文件是 JSON，但不是 Jupyter 笔记本")


# ---------------------------------------------------------------- names, folders, --data

def test_student_number_and_name_from_the_file_name():
    assert student_of("2021001_张三.ipynb") == ("2021001", "张三")
    assert student_of("S2021003-王五-Copy1.ipynb") == ("S2021003", "王五")
    assert student_of("第4章/2021002_李四/作业.ipynb") == ("2021002", "李四")
    assert student_of("作业.ipynb") is None


def test_missing_or_empty_folder_is_a_chinese_error(tmp_path):
    with pytest.raises(CrmlabError, match="不存在"):
        grade_folder(tmp_path / "没有")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CrmlabError, match="没有笔记本文件"):
        grade_folder(tmp_path)
    with pytest.raises(CrmlabError, match="不是文件夹"):
        grade_folder(tmp_path / "a.txt")


def test_data_without_the_columns_students_read_is_refused(tmp_path, capsys):
    (tmp_path / "2021001_张三.ipynb").write_text("{}", encoding="utf-8")
    data = tmp_path / "新数据.csv"
    data.write_text("客户,日期,金额\n甲,2024-06-01,10\n", encoding="utf-8")
    assert cli.main(["grade", str(tmp_path), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "「新数据.csv」的表头第 1 行缺少列：订单编号、客户名称、交易日期、交易金额" in err
    assert "Traceback" not in err
    assert cli.main(["grade", str(tmp_path), "--today", "2024/13/01"]) == 2
    assert "--today 的日期「2024/13/01」看不懂" in capsys.readouterr().err
    assert cli.main(["grade", str(tmp_path), "--out", str(tmp_path / "结果.docx")]) == 2
    assert ".csv 或 .xlsx" in capsys.readouterr().err
    inputs = tmp_path / "练习输入.json"
    inputs.write_text('{"demo_file": "没有这个.csv"}', encoding="utf-8")
    assert cli.main(["grade", str(tmp_path), "--inputs", str(inputs)]) == 2
    assert "--inputs 里 demo_file 的文件「没有这个.csv」找不到" in capsys.readouterr().err
    inputs.write_text('{"xudong_tday": "2024-07-01"}', encoding="utf-8")
    assert cli.main(["grade", str(tmp_path), "--inputs", str(inputs)]) == 2
    err = capsys.readouterr().err
    assert "xudong_tday" in err and "Traceback" not in err


def test_every_exercise_notebook_is_recognised():
    from pathlib import Path

    exercises = known_exercises()
    for path in sorted((Path(__file__).resolve().parents[1] / "exercises").glob("*.ipynb")):
        assert exercise_in_text(path.read_text(encoding="utf-8"), exercises) is not None, path.name


# ---------------------------------------------------------------- end to end

@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    pytest.importorskip("nbclient")
    root = tmp_path_factory.mktemp("第1章")
    solutions = write_solutions(root)
    folder = root / "交上来的"
    folder.mkdir()
    write_student(folder, "2021001_张三.ipynb", CELLS)
    write_student(folder, "2021002_李四.ipynb", exercise_cells())
    # task 2: 0.0 is not the average; the rest stays right
    write_student(folder, "2021003_王五.ipynb", edited(CELLS, answer_2="平均利润 = 0.0"))
    # the first answer raises: its task and the two that use 利润表 cannot be checked
    write_student(folder, "2021004_赵六.ipynb",
                  edited(CELLS, answer_1='raise RuntimeError("学生代码出错")'))
    (folder / "没写名字.ipynb").write_text('{"cells": [', encoding="utf-8")
    out, feedback = root / "结果.xlsx", root / "反馈"
    code = cli.main(["grade", str(folder), "--solutions", str(solutions), "--timeout", "60",
                     "--out", str(out), "--feedback", str(feedback)])
    return code, folder, out, feedback


def test_the_command_prints_saves_and_hands_back(graded_class, capsys):
    code, folder, out, feedback = graded_class
    assert code == 0
    from openpyxl import load_workbook

    rows = [[c.value for c in row] for row in load_workbook(out).active.iter_rows()]
    header = rows[0]
    assert header[:4] == ["学生文件", "学号", "姓名", "练习"] and header[4:7] == TASKS
    table = {row[2] or row[0]: row for row in rows[1:]}
    assert table["张三"][4:7] == [PASS] * 3
    assert table["李四"][4:7] == [OPEN] * 3
    assert table["王五"][4:7] == [PASS, FAIL, PASS]
    assert table["赵六"][4:7] == [ERROR] * 3
    note = table["赵六"][header.index("说明")]
    assert note == "第 2 个代码格出错（RuntimeError：学生代码出错）；另有 2 个代码格出错"
    broken = table["没写名字.ipynb"]
    assert broken[4:7] == [ERROR] * 3
    assert broken[header.index("说明")].startswith("文件不完整")
    assert "文件名不是「学号_姓名.ipynb」" in broken[header.index("说明")]
    text = (feedback / "2021003_王五_反馈.txt").read_text(encoding="utf-8-sig")
    assert "✗ 2. 重算平均每位客户的利润" in text and "平均利润 = 四级利润合计之和 ÷ 四级人数之和" in text
    assert sorted(p.name for p in feedback.iterdir()) == sorted(
        p.stem + "_反馈.txt" for p in folder.iterdir())


def test_csv_has_chinese_headers_and_a_bom(tmp_path):
    table = pd.DataFrame({"file": ["=甲.ipynb"], "student_id": ["1"], "name": ["甲"], "exercise": ["练习"],
                          "1. 题": [PASS], "passed": [1], "note": [""], "sealed": [""]})
    raw = write_grades(table, tmp_path / "结果.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "学生文件,学号,姓名,练习,1. 题,通过题数,说明,隔离"
    assert lines[1] == "'=甲.ipynb,1,甲,练习,✓,1,,"     # a file name is never run as a formula
