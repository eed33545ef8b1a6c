"""Run the exercise notebooks top to bottom: unfinished exercises must not raise, solutions must pass.

- every ``exercises/*.ipynb`` runs without an uncaught error and its checks report "还没完成"
  (never a failure: an untouched exercise is not wrong, only open);
- every ``solutions/*.ipynb`` runs without an error and every task of its progress record
  (the variable ``进度`` each notebook creates at the top) has passed.

Notebooks run in a temporary working folder, so they cannot depend on the repo layout.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))

# Appended as a last cell: prints each task's status as JSON for the test to read.
REPORT = ("import json as _json\n"
          "print(_json.dumps({t: 进度.status(t) for t in 进度.tasks}, ensure_ascii=False))")


def run(path: Path, tmp_path: Path) -> tuple[object, dict]:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT))
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    last = notebook.cells[-1].outputs
    statuses = json.loads("".join(o.get("text", "") for o in last if o.get("name") == "stdout"))
    return notebook, statuses


def outputs_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_there_is_an_exercise_for_every_solution():
    assert SOLUTIONS, "solutions/ has no notebooks"
    assert [p.name for p in EXERCISES] == [p.name for p in SOLUTIONS]


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_unfinished_exercise_runs_and_says_not_done(path, tmp_path):
    notebook, statuses = run(path, tmp_path)  # raises CellExecutionError on any uncaught error
    assert statuses and set(statuses.values()) == {"open"}, statuses
    text = outputs_text(notebook)
    assert "还没完成" in text and "Traceback" not in text


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_runs_and_every_check_passes(path, tmp_path):
    notebook, statuses = run(path, tmp_path)
    assert statuses and all(s == "passed" for s in statuses.values()), statuses
    text = outputs_text(notebook)
    assert "✗" not in text
    output_dir = str(Path(tempfile.gettempdir()) / "crmlab输出")
    for machine_path in (str(ROOT), str(tmp_path), output_dir):  # no machine paths in outputs
        assert machine_path not in text
