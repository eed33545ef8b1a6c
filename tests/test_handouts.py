"""The printable handouts (crmlab.handouts) and the still form of explorers and quizzes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from crmlab import handouts, static_view
from crmlab.quiz import Quiz

ROOT = Path(__file__).resolve().parent.parent


def small_notebook(path: Path) -> Path:
    """A notebook with a heading, a table, an explorer and a quiz, run in a real kernel."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 第 9 章　讲义测试\n\n客户分级让企业把资源用在刀刃上，$19,000-$58,900 是一段金额。"),
        nbformat.v4.new_code_cell(
            "import pandas as pd\nimport crmlab\nfrom crmlab.quiz import Quiz\n"
            "from crmlab.widgets.base import Explorer\nimport ipywidgets as w\n"
            "crmlab.setup(font='bundled')"),
        nbformat.v4.new_code_cell(
            "def compute(n):\n    return pd.DataFrame({'客户': ['甲', '乙'], '人数': [n, n + 1]})\n"
            "def draw(result, fig):\n    fig.add_subplot().bar(result['客户'], result['人数'])\n"
            "Explorer({'n': w.IntSlider(value=3, min=1, max=9, description='起始人数')}, compute, draw,"
            " title='初始状态探索器')"),
        nbformat.v4.new_code_cell(
            "Quiz.from_dicts([{'question': 'RFM 中的 R 越小说明什么？', 'options': ['很久没来', '最近刚来过'],"
            " 'answer': 1, 'explanation': 'R 是距今的天数。'}], title='小测验')"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    path.parent.mkdir(parents=True, exist_ok=True)
    for cell in nb.cells:  # as scripts/run_notebooks.py stores them: no live widget
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(static_view.WIDGET_VIEW, None)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handouts")
    source = small_notebook(folder / "09_讲义测试.ipynb")
    pdf = handouts.find_chromium() is not None
    made = handouts.build_handouts(folder / "out", [source], pdf=pdf)
    return folder / "out", made  # made[0].source stays in the folder for the CLI test


def test_page_loads_nothing_from_the_network(built):
    out, made = built
    page = made[0].html.read_text(encoding="utf-8")
    assert "<script src=" not in page
    assert "cdnjs" not in page and "mathjax" not in page.lower().replace("mathjax_", "")
    assert "$19,000-$58,900" in page  # a dollar sign, not maths
    assert '<html lang="zh"' in page


def test_explorer_and_quiz_show_their_still_form(built):
    out, made = built
    page = made[0].html.read_text(encoding="utf-8")
    assert "初始状态探索器" in page and "初始设置：起始人数 = 3" in page
    assert "<td>甲</td>" in page or ">甲<" in page
    assert "data:image/png;base64," in page
    assert "RFM 中的 R 越小说明什么？" in page
    still = page[page.index('<div class="crmlab-quiz">'):]
    still = still[:still.index("</div>")]
    assert "最近刚来过" in still and "R 是距今的天数。" not in still  # no answer beside the question
    answers = page.index("自测题答案")
    assert "答案：B" in page[answers:] and "R 是距今的天数。" in page[answers:]


def test_index_links_every_page(built):
    out, made = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert made[0].html.name in index and "第 9 章　讲义测试" in index
    assert (out / "fonts" / handouts.FONT_FILE).is_file()


@pytest.mark.skipif(shutil.which("pdftotext") is None or handouts.find_chromium() is None,
                    reason="需要 Chromium 与 poppler-utils（pdftotext、pdffonts）")
def test_pdf_has_chinese_text_and_embedded_fonts(built):
    out, made = built
    pdf = made[0].pdf
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "讲义测试" in text and "资源用在刀刃上" in text and "自测题答案" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("yes" in row[-5:-2] for row in rows), fonts  # every font embedded
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in size


def test_quiz_answers_travel_outside_the_visible_form():
    quiz = Quiz.from_dicts([{"question": "甲？", "options": ["对", "错", "都不是"], "answer": [0, 2],
                             "explanation": "因为如此。"}])
    still = static_view.quiz_still(quiz.title, quiz.questions)
    assert "甲？（可多选）" in still and "因为如此" not in still
    assert static_view.quiz_answers(quiz.title, quiz.questions)["answers"][0]["right"] == "A、C"


def test_missing_browser_is_said_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(handouts, "find_chromium", lambda: None)
    with pytest.raises(handouts.CrmlabError, match="Chromium"):
        handouts.build_handouts(tmp_path, [], pdf=True)


def test_cli_builds_the_pages_named(tmp_path, built, capsys):
    from crmlab.cli import main

    out, made = built
    assert main(["handouts", "--no-pdf", "--out", str(tmp_path / "h"), str(made[0].source)]) == 0
    assert (tmp_path / "h" / made[0].html.name).is_file()
    assert "已生成 1 份讲义" in capsys.readouterr().out
    assert main(["handouts", "--no-pdf", "--out", str(tmp_path / "h"), "没有这个.ipynb"]) == 2
    assert "找不到笔记本「没有这个.ipynb」" in capsys.readouterr().err


def test_a_chapter_and_its_exercise_of_the_same_name_get_two_pages(tmp_path):
    made = handouts.build_handouts(tmp_path / "out", [
        small_notebook(tmp_path / "notebooks" / "09_同名.ipynb"),
        small_notebook(tmp_path / "exercises" / "09_同名.ipynb")], pdf=False)
    assert [item.html.name for item in made] == ["09_同名.html", "练习_09_同名.html"]
