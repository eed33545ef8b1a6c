"""Copy crmlab's JupyterLab and Jupyter server settings into an environment (``make lab``).

A wheel install (``pip install .``, the Windows and offline routes) puts these files into the
environment itself through ``[tool.setuptools.data-files]`` in pyproject.toml. An editable
install (``pip install -e .``, what ``make`` does so that changes to crmlab/ take effect at
once) skips data files (a setuptools limitation), so the Makefile runs this script after it.

Usage: ``python scripts/install_jupyter_settings.py`` with the environment's python: the files
go under that interpreter's ``sys.prefix``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Folder under sys.prefix -> files of the repository; the same pairs as pyproject.toml's
#: [tool.setuptools.data-files] (tests/test_jupyter_settings.py checks that they agree).
DATA_FILES = {
    "share/jupyter/lab/settings/overrides.d": ["jupyter/lab/settings/overrides.d/crmlab.json"],
    "etc/jupyter": ["jupyter/server/jupyter_server_config.json"],
    "share/jupyter/labextensions/crmlab-cjk-font": [
        "jupyter/labextensions/crmlab-cjk-font/package.json"],
    "share/jupyter/labextensions/crmlab-cjk-font/static": [
        "jupyter/labextensions/crmlab-cjk-font/static/remoteEntry.js",
        "crmlab/fonts/crmlab-sans-sc-gb2312.otf",
    ],
}


def install(prefix: Path) -> list[Path]:
    written = []
    for folder, files in DATA_FILES.items():
        target = prefix / folder
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            written.append(Path(shutil.copy2(REPO / name, target / Path(name).name)))
    return written


if __name__ == "__main__":
    install(Path(sys.prefix))
