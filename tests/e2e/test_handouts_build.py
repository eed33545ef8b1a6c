"""The real handouts: every chapter and exercise printed, read back as text (PDF) and HTML.

Lives with the browser tests because it needs Chromium to print, and runs once per `make test`.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import nbformat
import pytest

from crmlab import handouts

pytestmark = pytest.mark.skipif(
    handouts.find_chromium() is None or shutil.which("pdftotext") is None,
    reason="需要 Chromium 与 poppler-utils（pdftotext、pdffonts）")

EXPLORER_CALL = re.compile(r"_explorer\(")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return handouts.build_handouts(tmp_path_factory.mktemp("handouts"))


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def first_sentence(nb) -> str:
    """Twelve characters of the first paragraph under the first heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = [line for line in cell.source.splitlines()
                     if line.strip() and not line.startswith(("#", "|", "!", "<", "-", "*", "1."))]
            if lines:
                return re.sub(r"[*`_\[\]()]", "", lines[0])[:12]
    return ""


def test_every_chapter_and_exercise_is_printed_with_its_chinese(built):
    assert len(built) == len(handouts.default_sources()) >= 8
    for item in built:
        nb = nbformat.read(item.source, as_version=4)
        text = re.sub(r"\s+", "", pdf_text(item.pdf))
        assert re.sub(r"\s+", "", item.title) in text, item.source.name
        assert re.sub(r"\s+", "", first_sentence(nb)) in text, item.source.name
        fonts = subprocess.run(["pdffonts", str(item.pdf)], capture_output=True, text=True).stdout
        assert all(" yes " in line for line in fonts.splitlines()[2:]), fonts


def test_every_explorer_shows_its_starting_table_and_plot(built):
    for item in built:
        nb = nbformat.read(item.source, as_version=4)
        calls = sum(bool(EXPLORER_CALL.search(c.source)) for c in nb.cells if c.cell_type == "code"
                    and c.get("outputs"))
        page = item.html.read_text(encoding="utf-8")
        assert page.count('class="crmlab-still"') >= calls, item.source.name
        assert "<script src=" not in page, item.source.name


def test_quiz_answers_are_on_a_page_of_their_own(built):
    with_quiz = [item for item in built if "自测" in item.html.read_text(encoding="utf-8")
                 and item.source.parent.name == "notebooks"]
    assert with_quiz
    for item in with_quiz:
        assert "自测题答案" in pdf_text(item.pdf), item.source.name
