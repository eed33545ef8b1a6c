"""Printable handouts: every chapter and exercise as an HTML page and an A4 PDF, with an index.

The pages are made from the stored notebooks by nbconvert's ``lab`` template, changed in three
ways: nothing is loaded from the network (no require.js, MathJax or mermaid: the workbook has no
formulas, and ``$`` stays a dollar sign), the text is set in a Chinese font (an installed Noto
Sans CJK / 思源黑体, else the font crmlab ships, copied next to the pages), and A4 print rules.
Explorers and quizzes appear as their still form (:mod:`crmlab.static_view`); every quiz's
answers are gathered on a last page of their own. The PDF is printed by headless Chromium (the
same engine students read the pages in), because it lays out CJK text, tables and the inline
plots exactly as the HTML page shows them.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crmlab.errors import CrmlabError
from crmlab.static_view import ANSWERS_MIME

ROOT = Path(__file__).resolve().parent.parent
FONT_FILE = "crmlab-sans-sc-gb2312.otf"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")

PRINT_CSS = """
@font-face { font-family: "crmlab-sans"; src: local("Noto Sans CJK SC"), local("Source Han Sans SC"),
  local("Microsoft YaHei"), local("PingFang SC"), url("fonts/FONT_FILE") format("opentype"); }
body, .jp-Notebook, .jp-RenderedHTMLCommon, .jp-RenderedText pre, table, code, pre {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "crmlab-sans", sans-serif !important; }
.jp-RenderedHTMLCommon { font-size: 11pt; line-height: 1.6; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0 !important; padding: 0 !important; }
  .jp-Cell { break-inside: avoid-page; }
  .jp-Cell.jp-MarkdownCell { break-inside: auto; }
  img { max-width: 100% !important; break-inside: avoid; }
  table { break-inside: auto; }
  .crmlab-answers { break-before: page; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
}
.jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output, .jp-Cell-outputArea {
  max-height: none !important; overflow: visible !important; }
pre { white-space: pre-wrap !important; word-break: break-all; }
.crmlab-still { border-left: 3px solid #4c72b0; padding-left: 8px; }
.crmlab-quiz { border-left: 3px solid #c44e52; padding-left: 8px; }
"""

# The lab template, minus everything it would fetch from the network.
TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style>{{ resources.crmlab_css }}</style>{%- endblock extra_css -%}
{%- block body_footer -%}{{ resources.crmlab_answers }}</body>{%- endblock body_footer -%}
"""


@dataclass(frozen=True)
class Handout:
    """One page of the handouts: the notebook it comes from and its files."""

    source: Path
    html: Path
    pdf: Path | None
    title: str


def default_sources(root: Path = ROOT) -> list[Path]:
    """The chapters (``notebooks/``) and then the exercises (``exercises/``), in file-name order."""
    return sorted((root / "notebooks").glob("[0-9]*.ipynb")) + sorted(
        (root / "exercises").glob("[0-9]*.ipynb"))


def page_name(source: Path) -> str:
    """The file name (without suffix) of a notebook's handout: an exercise's gets 练习_ in
    front, so that chapter 4 and exercise 4 (same notebook name) do not overwrite each other.

    >>> page_name(Path("exercises/04_旭东RFM实训.ipynb")), page_name(Path("notebooks/04_旭东RFM实训.ipynb"))
    ('练习_04_旭东RFM实训', '04_旭东RFM实训')
    """
    return f"练习_{source.stem}" if source.parent.name == "exercises" else source.stem


def notebook_title(nb) -> str:
    """The first Markdown heading of a notebook, without its ``#`` marks."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def answers_page(nb) -> str:
    """The answers of every quiz in ``nb``, as one HTML section (empty when there is no quiz)."""
    quizzes = [output["data"][ANSWERS_MIME] for cell in nb.cells
               for output in cell.get("outputs", []) if ANSWERS_MIME in output.get("data", {})]
    if not quizzes:
        return ""
    parts = ['<section class="crmlab-answers jp-RenderedHTMLCommon"><h2>自测题答案</h2>']
    for number, quiz in enumerate(quizzes, 1):
        parts.append(f"<h3>{number}. {html.escape(quiz['title'])}</h3><ol>")
        for item in quiz["answers"]:
            parts.append(f"<li>{html.escape(item['question'])}<br><b>答案：{item['right']}</b>"
                         f"　{html.escape(item['why'])}</li>")
        parts.append("</ol>")
    return "\n".join(parts + ["</section>"])


def notebook_html(path: Path) -> tuple[str, str]:
    """``(title, page)``: the stored notebook at ``path`` as one HTML page that loads nothing."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # live widget state: meaningless on paper
    exporter = HTMLExporter(extra_loaders=[DictLoader({"crmlab_handout.html.j2": TEMPLATE})],
                            template_file="crmlab_handout.html.j2",
                            exclude_input_prompt=True, exclude_output_prompt=True,
                            language_code="zh")  # ISO 639-1: nbconvert takes no region
    resources = {"crmlab_css": PRINT_CSS.replace("FONT_FILE", FONT_FILE),
                 "crmlab_answers": answers_page(nb)}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    title = notebook_title(nb) or path.stem
    return title, page


def find_chromium() -> str | None:
    """The path of a Chromium-family browser, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, pdf: Path, browser: str, timeout: float = 120) -> None:
    """Print the HTML file ``page`` to ``pdf`` (A4, no header or footer) with headless Chromium."""
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise CrmlabError(f"浏览器没能把「{page.name}」打印成 PDF",
                          hint="请确认 Chromium 能启动；只要 HTML 讲义时加 --no-pdf。"
                               f"（浏览器输出：{done.stderr.strip()[-300:]}）", file=str(page))


def index_page(handouts: list[Handout]) -> str:
    """The folder's start page: one line per handout, with its HTML and PDF."""
    rows = []
    for item in handouts:
        pdf = f'　<a href="{item.pdf.name}">PDF</a>' if item.pdf else ""
        rows.append(f'<li><a href="{item.html.name}">{html.escape(item.title)}</a>{pdf}</li>')
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<title>crmlab 讲义</title><style>" + PRINT_CSS.replace("FONT_FILE", FONT_FILE) +
            "body{max-width:46em;margin:2em auto;font-size:12pt}</style></head><body>"
            "<h1>crmlab 客户关系管理分析：讲义</h1>"
            "<p>每章一页网页、一份 A4 PDF。交互控件显示的是初始状态；自测题的答案在每份讲义的最后一页。</p>"
            "<ol>" + "".join(rows) + "</ol></body></html>")


def build_handouts(out_dir: Path | str, sources: list[Path] | None = None, *, pdf: bool = True,
                   progress=None) -> list[Handout]:
    """Write the handouts of ``sources`` (default: every chapter and exercise) into ``out_dir``.

    Returns one :class:`Handout` per notebook; ``out_dir/index.html`` links them all.
    """
    from crmlab.fonts import bundled_font_path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "fonts").mkdir(exist_ok=True)
    shutil.copyfile(bundled_font_path(), out / "fonts" / FONT_FILE)
    browser = find_chromium() if pdf else None
    if pdf and browser is None:
        raise CrmlabError("找不到 Chromium 浏览器，没法打印 PDF",
                          hint="请先安装 Chromium（Debian/Ubuntu：apt-get install chromium），"
                               "或加 --no-pdf 只生成网页讲义。")
    handouts = []
    for source in sources or default_sources():
        title, page = notebook_html(source)
        html_path = out / f"{page_name(source)}.html"
        html_path.write_text(page, encoding="utf-8")
        pdf_path = None
        if browser:
            pdf_path = out / f"{page_name(source)}.pdf"
            print_pdf(html_path, pdf_path, browser)
        handouts.append(Handout(source, html_path, pdf_path, title))
        if progress:
            progress(f"讲义：{html_path.name}" + (f"、{pdf_path.name}" if pdf_path else ""))
    (out / "index.html").write_text(index_page(handouts), encoding="utf-8")
    return handouts
