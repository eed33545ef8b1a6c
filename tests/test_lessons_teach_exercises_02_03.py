"""Issue 13, item 1, for exercises 02 and 03: every method and function a solution calls is
called in a code cell of its lesson first (the checks, the progress record and the exercise's
inputs from crmlab.datasets excepted: those belong to the exercise, not to what it teaches)."""

import json
import re
from pathlib import Path

import pytest

import crmlab.datasets

ROOT = Path(__file__).resolve().parent.parent
PAIRS = {
    "02": ("solutions/02_客户选择练习.ipynb", "notebooks/02_客户选择.ipynb"),
    "03": ("solutions/03_客户分级练习.ipynb", "notebooks/03_客户分级方法.ipynb"),
}
CALL = re.compile(r"(?:\.|\b)([A-Za-z_][A-Za-z0-9_]*)\s*\(")
KEYWORD = re.compile(r"\b([A-Za-z_]+)\s*=(?!=)")
NOT_TAUGHT_HERE = re.compile(r"^(check_\w+|progress)$")   # the exercise's own checks
EXERCISE_INPUTS = {name for name in dir(crmlab.datasets) if not name.startswith("_")}


def code(path: str) -> str:
    cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize("chapter", sorted(PAIRS))
def test_every_call_and_keyword_of_the_solution_is_shown_in_the_lesson(chapter):
    solution, lesson = (code(p) for p in PAIRS[chapter])
    shown_calls = set(CALL.findall(lesson))
    shown_keywords = set(KEYWORD.findall(lesson))
    calls = {name for name in CALL.findall(solution)
             if not NOT_TAUGHT_HERE.match(name) and name not in EXERCISE_INPUTS}
    keywords = {name for name in KEYWORD.findall(solution) if name.isascii()}
    assert calls <= shown_calls, sorted(calls - shown_calls)
    assert keywords <= shown_keywords, sorted(keywords - shown_keywords)


def test_the_pattern_sees_a_missing_call():
    assert set(CALL.findall("x.pivot_table(a)")) - set(CALL.findall("x.sum()")) == {"pivot_table"}
