"""Executing every notebook in notebooks/ and solutions/ (not saving them), one kernel each.

Target: the whole suite under 60 s. Each notebook runs in a temporary working directory,
like scripts/run_notebooks.py does.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from timing import Result

SECTION = "notebooks"
TARGET_SECONDS = 60.0
ROOT = Path(__file__).resolve().parent.parent


def run() -> list[Result]:
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        return [Result(SECTION, "all notebooks", 0, note="nbclient not installed")]
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    results, total = [], 0.0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        result = Result(SECTION, f"{path.parent.name}/{path.name}", len(nb.cells), note="cells")
        start = time.perf_counter()
        try:
            with tempfile.TemporaryDirectory() as workdir:
                NotebookClient(nb, timeout=600, kernel_name="python3",
                               resources={"metadata": {"path": workdir}}).execute()
        except Exception as exc:
            result.note = f"failed: {type(exc).__name__}"
        seconds = time.perf_counter() - start
        result.seconds = [seconds]
        total += seconds
        results.append(result)
    failed = sum(r.note.startswith("failed") for r in results)
    note = "OK (< 60 s)" if total < TARGET_SECONDS else "OVER 60 s"
    if failed:
        note += f"; {failed} notebook(s) stopped at an error, so this is a lower bound"
    results.append(Result(SECTION, f"all {len(paths)} notebooks", len(paths), [total], note=note))
    return results
