"""Tests for crmlab/exercises.py: solutions/ -> exercises/ on tiny in-memory notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crmlab.errors import CrmlabError
from crmlab.exercises import (CODE_PROMPT, cells_digest, exercise_from_solution, generate,
                              generated_exercises, strip_code, strip_markdown, untouched)

ROOT = Path(__file__).resolve().parents[1]


def notebook(*cells):
    return {
        "cells": list(cells),
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"},
                     "language_info": {"name": "python", "version": "3.12.1"},
                     "widgets": {"state": "noise"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def code(source, cell_id="c1", tags=None):
    return {"cell_type": "code", "id": cell_id, "source": source,
            "metadata": {"tags": tags} if tags else {"collapsed": True},
            "execution_count": 7,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "42\n"}]}


def markdown(source, cell_id="m1"):
    return {"cell_type": "markdown", "id": cell_id, "source": source, "metadata": {}}


def test_block_becomes_prompt_and_placeholders_for_assigned_names():
    source = ("import pandas as pd\n"
              "# BEGIN SOLUTION\n"
              "表 = pd.read_excel(路径)\n"
              "分组 = 表.groupby('客户')\n"
              "表 = 表.sort_values('客户')\n"
              "# END SOLUTION\n"
              "checks.check_rfm(表)")
    assert strip_code(source) == ("import pandas as pd\n"
                                  f"{CODE_PROMPT}\n"
                                  "表 = ...\n"
                                  "分组 = ...\n"
                                  "checks.check_rfm(表)")


def test_solution_lines_keep_the_name_and_indentation():
    source = ("平均 = rfm[['R', 'F', 'M']].mean()  # SOLUTION\n"
              "a, b = 1, 2 # SOLUTION\n"
              "for x in y:\n"
              "    print(x)  # SOLUTION\n"
              "done = True")
    assert strip_code(source).splitlines() == [
        f"平均 = ...  {CODE_PROMPT}",
        f"a, b = ..., ...  {CODE_PROMPT}",
        "for x in y:",
        f"    ...  {CODE_PROMPT}",
        "done = True",
    ]


def test_indented_block_without_assignment_stays_valid_python():
    source = "def f():\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n"
    stripped = strip_code(source)
    compile(stripped, "<cell>", "exec")  # would raise if the body were empty
    assert "return 1" not in stripped


@pytest.mark.parametrize("source", ["# BEGIN SOLUTION\nx = 1",
                                    "x = 1\n# END SOLUTION",
                                    "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION"])
def test_unbalanced_markers_are_reported_in_chinese(source):
    with pytest.raises(CrmlabError, match="SOLUTION"):
        strip_code(source)


def test_markdown_answers_become_prompts():
    assert strip_markdown("**答案**：A 类客户带来了大部分利润。\n第二行") == "**答案**：（请在这里写下你的回答。）"
    assert strip_markdown("前言\n<!-- BEGIN SOLUTION -->\n答案\n<!-- END SOLUTION -->\n后记") == \
        "前言\n（请在这里写下你的回答。）\n后记"
    assert strip_markdown("普通说明，不是答案") == "普通说明，不是答案"


def test_notebook_outputs_counts_metadata_cleared_and_input_untouched():
    solution = notebook(markdown("# 标题"), code("x = 1  # SOLUTION", "c1", tags=["keep"]),
                        code("print('only in solutions')", "c2", tags=["solution-only"]),
                        markdown("**答案**：秘密", "m2"))
    before = json.dumps(solution, sort_keys=True)
    exercise = exercise_from_solution(solution)
    assert json.dumps(solution, sort_keys=True) == before
    assert [cell["id"] for cell in exercise["cells"]] == ["m1", "c1", "m2"]
    cell = exercise["cells"][1]
    assert cell["outputs"] == [] and cell["execution_count"] is None
    assert cell["metadata"] == {"tags": ["keep"]}
    assert exercise["metadata"] == {"kernelspec": solution["metadata"]["kernelspec"],
                                    "language_info": {"name": "python"},
                                    "crmlab": {"exercise_digest": cells_digest(exercise["cells"])}}
    assert "秘密" not in json.dumps(exercise, ensure_ascii=False)


def test_generate_writes_identical_bytes_twice_and_removes_stale(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    exercises.mkdir()
    (solutions / "01_练习.ipynb").write_text(
        json.dumps(notebook(code("y = 2 * 3  # SOLUTION"))), encoding="utf-8")
    written = generate(solutions, exercises)
    assert [p.name for p in written] == ["01_练习.ipynb"]
    assert sorted(p.name for p in exercises.iterdir()) == ["01_练习.ipynb"]
    # an untouched copy of an exercise whose solution is gone is removed
    (exercises / "old.ipynb").write_bytes((exercises / "01_练习.ipynb").read_bytes())
    assert generate(solutions, exercises) == []
    assert sorted(p.name for p in exercises.iterdir()) == ["01_练习.ipynb"]
    first = (exercises / "01_练习.ipynb").read_bytes()
    assert generate(solutions, exercises) == []
    assert (exercises / "01_练习.ipynb").read_bytes() == first
    text = first.decode("utf-8")
    assert "2 * 3" not in text and "y = ..." in text


def test_missing_solutions_dir_is_a_chinese_error(tmp_path):
    with pytest.raises(CrmlabError, match="找不到答案目录"):
        generated_exercises(tmp_path / "nope")


def test_exercises_folder_matches_solutions():
    """Fails when exercises/ has drifted from solutions/: run `make exercises`."""
    wanted = generated_exercises(ROOT / "solutions")
    assert wanted, "solutions/ has no notebooks"
    present = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "exercises").glob("*.ipynb")}
    assert sorted(present) == sorted(wanted), "exercises/ 与 solutions/ 不一致：请运行 make exercises"
    for name, text in wanted.items():
        assert present[name] == text, f"{name} 已过期：请运行 make exercises"


def test_cli_generates_and_checks(tmp_path, capsys):
    from crmlab.cli import main

    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    (solutions / "练习.ipynb").write_text(json.dumps(notebook(code("z = 1  # SOLUTION"))),
                                         encoding="utf-8")
    args = ["exercises", "--solutions", str(solutions), "--exercises", str(exercises)]
    assert main([*args, "--check"]) == 1
    assert "已过期：练习.ipynb" in capsys.readouterr().out
    assert main(args) == 0
    assert "已更新 1 个练习笔记本" in capsys.readouterr().out
    assert main([*args, "--check"]) == 0
    assert main(["exercises", "--solutions", str(tmp_path / "无"), "--check"]) == 2
    assert "找不到答案目录" in capsys.readouterr().err


def student_edit(path: Path, answer: str) -> None:
    """What Jupyter saves after a student typed ``answer`` into the first code cell and ran it."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in saved["cells"] if c["cell_type"] == "code")
    cell["source"] = answer.splitlines(keepends=True)
    cell["outputs"], cell["execution_count"] = [{"output_type": "stream", "name": "stdout", "text": "6\n"}], 1
    path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")


def test_generate_never_destroys_a_students_work(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    solution = solutions / "01_练习.ipynb"
    solution.write_text(json.dumps(notebook(code("y = 2 * 3  # SOLUTION"))), encoding="utf-8")
    generate(solutions, exercises)
    exercise = exercises / "01_练习.ipynb"
    assert untouched(exercise)
    copy = exercises / "01_练习-Copy1.ipynb"
    copy.write_bytes(exercise.read_bytes())
    student_edit(copy, "y = 6")
    student_edit(exercise, "y = 2 * 3")
    mine, theirs = exercise.read_bytes(), copy.read_bytes()
    assert not untouched(exercise) and not untouched(copy)
    # the solution changes: the edited exercise is not overwritten, the edited copy not deleted
    solution.write_text(json.dumps(notebook(code("y = 2 * 4  # SOLUTION"), markdown("新的说明"))),
                        encoding="utf-8")
    kept = []
    assert generate(solutions, exercises, kept) == []
    assert sorted(p.name for p in kept) == ["01_练习-Copy1.ipynb", "01_练习.ipynb"]
    assert exercise.read_bytes() == mine and copy.read_bytes() == theirs
    # once the student has moved their work away, the new version is written
    exercise.rename(exercises / "我的练习.ipynb")
    assert [p.name for p in generate(solutions, exercises)] == ["01_练习.ipynb"]
    assert "新的说明" in exercise.read_text(encoding="utf-8")
    assert (exercises / "我的练习.ipynb").read_bytes() == mine


def test_only_running_a_notebook_is_not_an_edit(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    (solutions / "练习.ipynb").write_text(json.dumps(notebook(code("y = 1  # SOLUTION"))), encoding="utf-8")
    generate(solutions, exercises)
    path = exercises / "练习.ipynb"
    student_edit(path, "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]))
    assert untouched(path)          # same text, only outputs: nothing of the student's to lose


def test_check_cells_keep_their_tag():
    exercise = exercise_from_solution(notebook(code("x = 1  # SOLUTION", "a"),
                                               code("checks.check_x(x, 进度)", "b", tags=["check"])))
    assert exercise["cells"][1]["metadata"] == {"tags": ["check"]}
    assert exercise["cells"][1]["source"] == "checks.check_x(x, 进度)"


def test_cli_says_which_notebooks_it_kept(tmp_path, capsys):
    from crmlab.cli import main

    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    exercises.mkdir()
    (solutions / "练习.ipynb").write_text(json.dumps(notebook(code("z = 1  # SOLUTION"))), encoding="utf-8")
    (exercises / "练习-Copy1.ipynb").write_text("{}", encoding="utf-8")
    assert main(["exercises", "--solutions", str(solutions), "--exercises", str(exercises)]) == 0
    out = capsys.readouterr().out
    assert "保留「练习-Copy1.ipynb」" in out and (exercises / "练习-Copy1.ipynb").exists()
