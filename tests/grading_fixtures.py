"""A small exercise for the grading tests, written out by hand: three tasks of the chapter 1 checks.

Its solution has the shape every exercise in ``solutions/`` has: a setup cell that imports the
checks module and makes the progress record, answer cells marked ``# BEGIN SOLUTION`` /
``# SOLUTION``, and each check call in a cell of its own tagged ``check``. The three tasks
(crmlab.checks.pyramid) are judged on the exercise's pyramid figures
(crmlab.datasets.exercise_pyramid), so the right answers are the course's arithmetic: profit per group = per-customer profit x customers, its share of the
total, the average per customer, the share of the top three groups.
"""

from __future__ import annotations

import json
from pathlib import Path

SETUP = ("import pandas as pd\nimport crmlab\nfrom crmlab.checks import pyramid as 金字塔练习\n"
         "进度 = 金字塔练习.progress()\n金字塔 = crmlab.datasets.exercise_pyramid()")
ANSWER_1 = ('# BEGIN SOLUTION\n'
            '利润表 = pd.DataFrame({"group": 金字塔["group"], "customers": 金字塔["customers"],\n'
            '                    "profit": 金字塔["profit_per_customer"] * 金字塔["customers"]})\n'
            '利润表["profit_share"] = 利润表["profit"] / 利润表["profit"].sum()\n# END SOLUTION')
ANSWER_2 = '平均利润 = 利润表["profit"].sum() / 利润表["customers"].sum()  # SOLUTION'
ANSWER_3 = '前三级利润占比 = 利润表["profit_share"].iloc[:3].sum()  # SOLUTION'
CELLS = [  # (id, kind, source); ids as Jupyter keeps them in a student's copy
    ("setup", "code", SETUP),
    ("intro", "markdown", "## 第 1 题"),
    ("answer-1", "code", ANSWER_1),
    ("check-1", "check", "金字塔练习.check_shares(利润表, 进度)"),
    ("answer-2", "code", ANSWER_2),
    ("check-2", "check", "金字塔练习.check_average(平均利润, 进度)"),
    ("answer-3", "code", ANSWER_3),
    ("check-3", "check", "金字塔练习.check_top_share(前三级利润占比, 进度)"),
    ("summary", "code", "进度"),
]
#: code cell numbers as a student counts them in the solution (markdown not counted)
CELL_NUMBER = {"setup": 1, "answer-1": 2, "check-1": 3, "answer-2": 4, "check-2": 5,
               "answer-3": 6, "check-3": 7, "summary": 8}


def notebook(cells) -> dict:
    """An nbformat 4.5 notebook dict from (id, kind, source) triples."""
    out = []
    for cell_id, kind, source in cells:
        if kind == "markdown":
            out.append({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source})
        else:
            out.append({"cell_type": "code", "id": cell_id, "execution_count": None, "outputs": [],
                        "metadata": {"tags": ["check"]} if kind == "check" else {}, "source": source})
    return {"cells": out, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                      "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def write_solutions(folder: Path) -> Path:
    """``folder/solutions/01_迷你练习.ipynb``; returns the solutions folder."""
    solutions = folder / "solutions"
    solutions.mkdir(parents=True, exist_ok=True)
    (solutions / "01_迷你练习.ipynb").write_text(json.dumps(notebook(CELLS), ensure_ascii=False),
                                             encoding="utf-8")
    return solutions


def exercise_cells():
    """The (id, kind, source) cells of the generated exercise: what a student starts from."""
    import tempfile

    from crmlab.exercises import generated_exercises

    with tempfile.TemporaryDirectory() as folder:
        text = generated_exercises(write_solutions(Path(folder)))["01_迷你练习.ipynb"]
    cells = json.loads(text)["cells"]
    return [(c["id"], "check" if "check" in c.get("metadata", {}).get("tags", []) else
             ("markdown" if c["cell_type"] == "markdown" else "code"),
             "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in cells]


def edited(cells, **changes):
    """``cells`` with the source of the cells named in ``changes`` (by id) replaced.

    A value ``(source, "after")`` inserts a new code cell after that cell instead.
    """
    out = []
    for cell_id, kind, source in cells:
        change = changes.get(cell_id.replace("-", "_"))
        if isinstance(change, tuple):
            out.append((cell_id, kind, source))
            out.append((f"{cell_id}-added", "code", change[0]))
        elif change is not None:
            out.append((cell_id, kind, change))
        else:
            out.append((cell_id, kind, source))
    return out


def write_student(folder: Path, name: str, cells) -> Path:
    path = folder / name
    path.write_text(json.dumps(notebook(cells), ensure_ascii=False), encoding="utf-8")
    return path
