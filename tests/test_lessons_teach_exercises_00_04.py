"""Teach before testing (issue 13): every method or function a solution of exercise 00 or 04
calls is called in a code cell of its lesson (chapter 0; for exercise 04, chapters 0 and 4)."""

import ast
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
# names that are the exercise's own plumbing, not pandas to learn
PLUMBING = {"progress", "setup", "xudong_path", "xudong_today", "bookshop_path", "RFM_RULES"}


def _code(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [("".join(c["source"]), c.get("metadata", {}).get("tags", []))
            for c in cells if c["cell_type"] == "code"]


def _called(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                names.add(func.attr)
            elif isinstance(func, ast.Name):
                names.add(func.id)
        elif isinstance(node, ast.Attribute) and node.attr in {"shape", "dt", "days", "str", "plot",
                                                                "columns", "dtypes"}:
            names.add(node.attr)
    return names


def _solution_calls(path):
    calls = set()
    for source, tags in _code(path):
        if "check" in tags or "solution-only" in tags:
            continue
        calls |= _called(source)
    return {name for name in calls - PLUMBING if not name.startswith("check_")}


@pytest.mark.parametrize("solution, lessons", [
    ("00_数据分析入门练习.ipynb", ["00_Python与数据分析入门.ipynb"]),
    ("04_旭东RFM实训.ipynb", ["00_Python与数据分析入门.ipynb", "04_旭东RFM实训.ipynb"]),
])
def test_every_call_of_the_solution_is_shown_in_a_lesson(solution, lessons):
    taught = set()
    for lesson in lessons:
        for source, _tags in _code(ROOT / "notebooks" / lesson):
            taught |= _called(source)
    missing = _solution_calls(ROOT / "solutions" / solution) - taught
    assert not missing, f"{solution} uses {sorted(missing)}, which no lesson cell shows"
