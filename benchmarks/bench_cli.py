"""`crmlab rfm` on the bundled 旭东 data, start to finish, in fresh processes.

References in the same run: a bare ``python -c pass`` (interpreter start-up) and
``python -c "import pandas"``. Also lists which heavy GUI/notebook packages the CLI path
imported (it should import none: no matplotlib, ipywidgets or jupyter).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import Result, measure

SECTION = "cli"
TARGET_SECONDS = 1.5
HEAVY = ("matplotlib", "ipywidgets", "IPython", "jupyter", "jupyterlab", "ipykernel", "notebook")

PROBE = """
import json, sys
from crmlab import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(json.loads({heavy!r})))
print('HEAVY=' + json.dumps(heavy))
"""


def cli_args(out_dir: str) -> list[str]:
    """``crmlab rfm`` on the bundled 旭东 data, also writing the CSV (the whole job)."""
    return ["rfm", "--out", str(Path(out_dir) / "rfm.csv")]


def heavy_imports(args: list[str]) -> list[str]:
    code = PROBE.replace("{heavy!r}", repr(json.dumps(HEAVY)))
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    line = [x for x in done.stdout.splitlines() if x.startswith("HEAVY=")]
    return json.loads(line[-1][6:]) if line else ["(probe failed: " + done.stderr[-200:] + ")"]


def run(repeat: int = 10) -> list[Result]:
    exe = Path(sys.executable).with_name("crmlab")
    results = []
    with tempfile.TemporaryDirectory() as out_dir:
        args = cli_args(out_dir)

        def call(command):
            done = subprocess.run(command, capture_output=True)
            if done.returncode:
                raise RuntimeError(done.stderr.decode(errors="replace")[-300:])

        methods = [
            ("python -c pass", [sys.executable, "-c", "pass"], "interpreter start-up"),
            ("python -c 'import pandas'", [sys.executable, "-c", "import pandas"], ""),
            ("python -c 'import crmlab'", [sys.executable, "-c", "import crmlab"], ""),
            ("crmlab rfm (bundled data)", [str(exe), *args], ""),
        ]
        for name, command, note in methods:
            result = Result(SECTION, name, 1, note=note)
            try:
                result.seconds = measure(lambda: call(command), repeat=repeat)
            except (RuntimeError, OSError) as exc:
                result.note = f"failed: {str(exc)[-80:]}"
            results.append(result)
        heavy = heavy_imports(args)
        results[-1].note = "heavy imports: " + (", ".join(heavy) if heavy else "none")
    return results
