"""Execute notebooks in place and store deterministic outputs.

    python scripts/run_notebooks.py notebooks/01_*.ipynb ...   (default: notebooks/*.ipynb)

Each notebook runs with a temporary working directory (so it proves it needs no relative
paths), then its outputs are normalised: no timings, no widget state or random widget ids,
no interpreter version, and a check that no output shows a path of this machine.
"""

from __future__ import annotations

import pathlib
import re
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_PLACEHOLDER = "交互控件：在 JupyterLab 中运行本单元格即可操作。"
MACHINE_PATH = re.compile(r"(/root/|/home/\w+|/tmp/|/work/|[A-Z]:\\\\Users)")
INLINE_IMAGE = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")  # not text: never a path


def normalise(nb) -> list[str]:
    """Strip what changes from run to run; return problems found in outputs."""
    problems = []
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                data["text/plain"] = WIDGET_PLACEHOLDER
            text = str(output.get("text", "")) + str(data.get("text/plain", ""))
            text += INLINE_IMAGE.sub("", str(data.get("text/html", "")))
            if MACHINE_PATH.search(text):
                problems.append(f"cell {index}: output shows a machine path")
            if "missing from font" in text or "missing from current font" in text:
                problems.append(f"cell {index}: missing-glyph warning (Chinese drawn as boxes)")
            if output.get("output_type") == "error":
                problems.append(f"cell {index}: error {output.get('ename')}")
    return problems


def run(path: pathlib.Path, timeout: int = 300) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as workdir:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": workdir}}).execute()
    problems = normalise(nb)
    nbformat.write(nb, path)
    return problems


def main(argv: list[str]) -> int:
    paths = [pathlib.Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    failed = False
    for path in paths:
        problems = run(path)
        print(f"{path.name}: {'ok' if not problems else '; '.join(problems)}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
