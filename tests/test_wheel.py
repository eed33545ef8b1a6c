"""Build crmlab's wheel, install it into a temporary folder and use the data loaders from there.

This is what a student gets from ``pip install crmlab``: the data files must travel inside
the package (``crmlab.data``), not be found in the repo. The wheel is built from a copy of
the sources so the shared work tree gets no ``build/`` folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "README.md", "crmlab", "data", "jupyter"]  # jupyter: data-files

CHECK_INSTALLED = r"""
import sys
from pathlib import Path
site = Path(sys.argv[1]).resolve()
import crmlab
from crmlab import datasets
assert Path(crmlab.__file__).resolve().is_relative_to(site), crmlab.__file__
assert datasets.xudong_path().resolve().is_relative_to(site), datasets.xudong_path()
sizes = {
    "xudong": len(crmlab.load_xudong()),
    "demo_transactions": len(crmlab.load_demo_transactions()),
    "demo_customers": len(crmlab.load_demo_customers()),
    "candidates": len(crmlab.load_candidates()),
}
print(sizes)
"""


def _pip(*args: str, cwd: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet", "--disable-pip-version-check"],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(source),
         cwd=work)
    (built,) = (work / "dist").glob("crmlab-*.whl")
    return built


def test_installed_wheel_imports_from_its_folder_and_every_loader_works(wheel, tmp_path):
    site = tmp_path / "site"
    _pip("install", "--no-deps", "--no-compile", "--target", str(site), str(wheel), cwd=tmp_path)
    run = tmp_path / "elsewhere"  # not the repo: nothing may be found next to the sources
    run.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", CHECK_INSTALLED, str(site)], cwd=run, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("{'xudong': 151, 'demo_transactions': 6818, "
                                     "'demo_customers': 1000, 'candidates': 15}")


def test_wheel_ships_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in (REPO / "data").glob("*.*"):
        if data_file.suffix in {".xlsx", ".csv"}:
            assert f"crmlab/data/{data_file.name}" in names


def test_wheel_ships_every_subpackage(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    subpackages = sorted(p.parent.relative_to(REPO).as_posix()
                         for p in (REPO / "crmlab").glob("*/__init__.py"))
    missing = [pkg for pkg in subpackages if f"{pkg}/__init__.py" not in names]
    assert missing == []


def test_wheel_installs_the_jupyter_settings(wheel):
    """pip install . puts crmlab's JupyterLab and server settings into the environment."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"crmlab-0.1.0.data/data/share/jupyter/lab/settings/overrides.d/crmlab.json",
            "crmlab-0.1.0.data/data/etc/jupyter/jupyter_server_config.json",
            "crmlab-0.1.0.data/data/share/jupyter/labextensions/crmlab-cjk-font/static/remoteEntry.js",
            "crmlab-0.1.0.data/data/share/jupyter/labextensions/crmlab-cjk-font/static/"
            "crmlab-sans-sc-gb2312.otf"} <= names
