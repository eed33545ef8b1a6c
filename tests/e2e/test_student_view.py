"""The workbook as a student meets it after `make lab`: the start page, a Chinese JupyterLab,
quizzes whose explanations can be read in full, result tables without True/False/NaN.

The Chinese interface and the file-browser filter come from the settings crmlab installs into
its environment (jupyter/lab/settings/overrides.d/crmlab.json, jupyter/server/crmlab.json,
copied by `make` or installed as data files by `pip install .`), the same mechanism `make lab`
uses: the harness in conftest.py sets neither the language nor the filter.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote, unquote

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
START_PAGE = "开始学习.md"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}

_OPEN_PATH_JS = """
() => { const w = window.jupyterapp.shell.currentWidget;
        return w && w.context ? w.context.path : null; }
"""


@pytest.fixture(scope="session")
def workbook_root(lab_root):
    """The layout `make lab` serves: the start page, notebooks/, exercises/, and a developer
    folder (crmlab/) that the installed server settings hide from the file browser."""
    shutil.copy2(REPO / START_PAGE, lab_root / START_PAGE)
    for folder in ("notebooks", "exercises"):
        shutil.copytree(REPO / folder, lab_root / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (lab_root / "crmlab").mkdir(exist_ok=True)
    (lab_root / "crmlab" / "内部.py").write_text("# 学生不必看到\n", encoding="utf-8")
    return lab_root


@pytest.fixture
def student_page(lab_server, browser_context, workbook_root):
    """A fresh tab on `/lab/tree/开始学习.md`, as `make lab` opens it."""
    page = browser_context.new_page()
    page.set_default_timeout(60_000)
    url = lab_server.lab_url().replace("?token=", f"/tree/{quote(START_PAGE)}?token=")
    page.goto(url)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    try:
        yield page
    finally:
        page.close()


def _shot(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / f"student-{name}.png"))


def test_lab_lands_on_the_start_page_in_chinese(student_page, artifacts_dir):
    page = student_page
    rendered = page.locator(".jp-RenderedMarkdown").filter(has_text="从这里开始").first
    rendered.wait_for()
    _shot(page, artifacts_dir, "1-start-page")
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert "文件" in menus and "File" not in menus, menus
    assert page.get_by_text("Launcher", exact=True).count() == 0
    # the file browser: both rooms of the workbook, no developer folder
    listing = page.locator(".jp-DirListing-itemText").all_inner_texts()
    assert "notebooks" in listing and "exercises" in listing, listing
    assert "crmlab" not in listing, listing


def _link_path(href: str) -> str:
    return unquote(href).split("/files/", 1)[1].split("?")[0]


def test_start_page_links_reach_every_chapter_and_exercise(student_page, artifacts_dir):
    page = student_page
    start = page.locator(".jp-RenderedMarkdown").filter(has_text="从这里开始").first
    start.wait_for()
    links = start.locator("a[href*='/files/']")
    wanted = sorted(f"{folder}/{p.name}" for folder in ("notebooks", "exercises")
                    for p in (REPO / folder).glob("[0-9][0-9]_*.ipynb"))
    targets = [_link_path(links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert sorted(targets) == wanted
    start_id = page.evaluate("() => window.jupyterapp.shell.currentWidget.id")
    reached = []
    for i, target in enumerate(targets):
        page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", start_id)
        links.nth(i).click()
        page.wait_for_function(f"() => ({_OPEN_PATH_JS})() === {target!r}", timeout=60_000)
        if i == 0:
            _shot(page, artifacts_dir, "2-first-chapter")
        reached.append(page.evaluate(_OPEN_PATH_JS))
        page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
                         if (w.sessionContext) await w.sessionContext.shutdown(); w.dispose(); }""")
    assert reached == targets


@pytest.mark.xfail(reason="JupyterLab writes the running kernel's language_info (with the Python "
                   "version, e.g. 3.11.7) into the notebook when the kernel starts; the chapters "
                   "store only {'name': 'python'} (scripts/run_notebooks.py), so opening one marks "
                   "it modified. A stored full language_info helps only students on that same "
                   "Python version.", strict=False)
def test_opening_a_chapter_does_not_mark_it_modified(student_page, workbook_root, artifacts_dir):
    """JupyterLab writes the kernel's language_info into the notebook when the kernel starts;
    a chapter stored with the same metadata stays unmodified (no "save changes?" on close)."""
    page = student_page
    path = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0]
    page.evaluate("async (p) => { window.__panel = await window.jupyterapp.commands.execute("
                  "'docmanager:open', {path: p}); }", f"notebooks/{path}")
    page.evaluate("""async () => { const w = window.__panel;
                     await w.context.ready; await w.sessionContext.ready; }""")
    page.wait_for_timeout(4000)  # kernel info arrives after the kernel is ready
    page.screenshot(path=str(artifacts_dir / "student-4-chapter-opened.png"))
    dirty = page.evaluate("() => window.__panel.context.model.dirty")
    metadata = page.evaluate("() => window.__panel.context.model.sharedModel.metadata")
    page.evaluate("""async () => { const w = window.__panel;
                     await w.sessionContext.shutdown(); w.dispose(); }""")
    assert not dirty, f"打开 {path} 就被标记为已修改；JupyterLab 写入的元数据：{metadata}"


def _quiz_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 自测题演示"),
        nbformat.v4.new_code_cell("import crmlab\ncrmlab.setup()\nfrom crmlab.quiz import Quiz"),
        nbformat.v4.new_code_cell(
            "Quiz.from_dicts([\n"
            "    {'question': '客户金字塔里哪一层的客户人数最多？', 'options': ["
            "'高端客户：人数最少，但贡献的利润往往最多，是企业最需要用心维护、绝不能流失的那一小部分客户', "
            "'小客户：人数最多，单个客户贡献的利润很少，有时甚至是负的，需要想办法降低服务成本', "
            "'重要客户'], 'answer': 1,\n"
            "     'explanation': '金字塔越往下人数越多：小客户位于最底层，人数最多，'"
            " + '但每位客户带来的利润很少。' * 6},\n"
            "    {'question': '哪些是 RFM 的指标？（多选）', 'options': ['最近一次购买', '购买频率',"
            " '客户年龄', '消费金额'], 'answer': [0, 1, 3], 'explanation': 'R、F、M。'},\n"
            "], title='自测题')"),
    ]
    return nb


def test_a_quiz_answer_shows_its_whole_explanation(lab_server, workbook_root, open_notebook,
                                                    artifacts_dir):
    (workbook_root / "demo").mkdir(exist_ok=True)
    nbformat.write(_quiz_notebook(), workbook_root / "demo" / "quiz.ipynb")
    nb = open_notebook("demo/quiz.ipynb")
    nb.run_all()
    page = nb.page
    quiz = page.locator(".crmlab-quiz").first
    quiz.wait_for()
    quiz.scroll_into_view_if_needed()
    radios = quiz.locator(".widget-radio-box label")
    assert radios.count() == 3
    boxes = [radios.nth(i).bounding_box() for i in range(3)]
    for upper, lower in zip(boxes, boxes[1:]):  # long options wrap and do not overlap
        assert upper["y"] + upper["height"] <= lower["y"] + 1, boxes
    radios.nth(0).click()
    quiz.get_by_role("button", name="提交").first.click()
    feedback = quiz.locator(".crmlab-quiz-feedback").first
    feedback.wait_for()
    feedback.scroll_into_view_if_needed()
    text = feedback.inner_text()
    assert text.startswith("✗ 不对。正确答案：小客户") and text.endswith("但每位客户带来的利润很少。")
    fits = feedback.evaluate("""el => { const cell = el.closest('.jp-Cell').getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return el.scrollWidth <= el.clientWidth + 1 && box.right <= cell.right + 1
               && box.height > 30; }""")
    assert fits, "说明文字没有完整显示（被截断或超出了单元格）"
    # the multi-answer question: checkboxes and one 可多选 note
    assert quiz.locator("input[type=checkbox]").count() == 4
    assert quiz.get_by_text("可多选").count() == 1
    feedback.screenshot(path=str(artifacts_dir / "student-3-quiz-feedback.png"))
    quiz.screenshot(path=str(artifacts_dir / "student-3-quiz.png"))
