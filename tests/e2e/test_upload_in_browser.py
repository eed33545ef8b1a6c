"""The upload explorer as a student uses it: JupyterLab in Chromium, a real file chosen in the
widget's file picker, the load report and the tiers shown; a broken file explained in Chinese.

The file is the course's own 旭东 export (data/交易记录.xlsx: a blank row, a 合计 row, a refund),
handed to the FileUpload's <input type=file> as a browser would; it goes to the notebook's own
kernel only. Screenshots go to test-artifacts/e2e/.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "demo/e2e_upload.ipynb"
XUDONG = REPO / "data" / "交易记录.xlsx"
UPLOAD_BUTTON = ".jp-Notebook .widget-upload"
RED_LINE = '.widget-output div[style*="#a00"]'


@pytest.fixture(scope="module")
def upload_notebook(lab_root):
    (lab_root / "demo").mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import crmlab\nimport crmlab.widgets.upload\n\ncrmlab.setup();"),
                nbformat.v4.new_code_cell("crmlab.widgets.upload.upload_explorer()")]
    nbformat.write(nb, lab_root / NOTEBOOK)
    return NOTEBOOK


def _choose(page, path: Path) -> None:
    """Click the widget's 选择文件 button and pick ``path`` in the file dialog, as a student does."""
    with page.expect_file_chooser() as chooser:
        page.locator(UPLOAD_BUTTON).first.click()
    chooser.value.set_files(str(path))


def _output_text(page) -> str:
    return page.evaluate("() => [...document.querySelectorAll('.jp-Notebook .widget-output')]"
                         ".map(o => o.innerText).join('\\n')")


def test_a_real_file_uploaded_in_the_browser_shows_its_report_and_tiers(
        upload_notebook, open_notebook, artifacts_dir, tmp_path):
    nb = open_notebook(upload_notebook)
    assert nb.kernel, "笔记本没有启动内核"
    nb.run_all()
    page = nb.page
    page.locator(UPLOAD_BUTTON).first.wait_for(timeout=60_000)
    assert "请点上面的按钮" in _output_text(page)  # before any file: what to do, in Chinese

    _choose(page, XUDONG)
    page.wait_for_function("() => [...document.querySelectorAll('.jp-Notebook .widget-output')]"
                           ".some(o => o.innerText.includes('读取报告'))", timeout=60_000)
    page.wait_for_function("() => [...document.querySelectorAll('.jp-Notebook .widget-output img')]"
                           ".some(i => i.complete && i.naturalWidth > 0)", timeout=60_000)
    text = _output_text(page)
    page.locator(".jp-Notebook .jp-Cell").nth(1).screenshot(path=str(artifacts_dir / "upload-1-xudong.png"))
    assert "交易记录.xlsx" in text and "30 位客户" in text  # the 旭东 file has 30 customers
    assert "合计" in text and "剔除 1 行" in text  # the 合计 row rejected, and said so
    assert "重要价值客户" in text and "一般挽留客户" in text
    assert "/tmp" not in text and "crmlab-upload-" not in text  # no temp folder shown

    broken = tmp_path / "坏文件.csv"
    broken.write_text("名字,备注\n张三,你好\n", encoding="utf-8")
    _choose(page, broken)
    page.wait_for_selector(RED_LINE, timeout=60_000)
    message = page.locator(RED_LINE).first.inner_text()
    page.locator(".jp-Notebook .jp-Cell").nth(1).screenshot(path=str(artifacts_dir / "upload-2-broken.png"))
    assert "坏文件.csv" in message and "客户" in message, message  # names the file and the fix
    assert "Traceback" not in _output_text(page)
