"""Projector mode in the browser: at 150 % zoom (a 1280-pixel-wide screen shows 853 CSS pixels)
and in Presentation Mode, plot text is at least as large as the notebook's body text after
``crmlab.setup(projector=True)``, and smaller without it (so the check can fail).
Screenshots: test-artifacts/e2e/projector-*.png.
"""

from __future__ import annotations

from urllib.parse import quote

import nbformat
import pytest

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
ZOOMED_VIEWPORT = {"width": 853, "height": 620}  # 1280 x 930 screen pixels at 150 % zoom
TICK_POINTS = {True: 14.0, False: 10.0}  # PROJECTOR_RC's tick labels; matplotlib's default


# the widest figure crmlab draws with pyplot: three RFM histograms side by side, 14 inches
PYPLOT_CELL = ("fig, axes = plt.subplots(1, 3, figsize=(14, 4.5), layout='constrained')\n"
               "for ax, name in zip(axes, ['R（天）', 'F（次）', 'M（元）']):\n"
               "    ax.bar(['高', '低'], [3, 5]); ax.set_title(name)\n"
               "print(fig.dpi)\nplt.show()")
# the widest explorer figure: chapter 4's toy purchases, two charts side by side, 14 inches
EXPLORER_CELL = ("import pandas as pd\nfrom crmlab.widgets.rfm import purchase_explorer\n"
                 "tx = pd.DataFrame({'customer': ['甲', '乙', '丙'], 'amount': [100.0, 200.0, 300.0],\n"
                 "                   'date': pd.to_datetime(['2021-03-01', '2021-03-10', '2021-03-20'])})\n"
                 "explorer = purchase_explorer(tx)\nprint(explorer.figure.dpi)\nexplorer.widget()")


def _plot_notebook(projector: bool, kind: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 投影测试\n\n正文的字应当和图里的字一样大，坐在后排也看得清。"),
        nbformat.v4.new_code_cell(f"import crmlab\ncrmlab.setup(projector={projector})\n"
                                  "import matplotlib.pyplot as plt"),
        nbformat.v4.new_code_cell(PYPLOT_CELL if kind == "pyplot" else EXPLORER_CELL),
    ]
    return nb


def _measure(page) -> dict:
    return page.evaluate("""() => {
        const img = document.querySelector('.jp-OutputArea-output img');
        const body = document.querySelector('.jp-RenderedMarkdown p');
        const dpi = parseFloat([...document.querySelectorAll('.jp-OutputArea-output pre')]
                               .map(p => p.innerText).find(t => /^\\d/.test(t.trim())));
        return {shown: img.getBoundingClientRect().width, natural: img.naturalWidth, dpi: dpi,
                body: parseFloat(getComputedStyle(body).fontSize)};
    }""")


@pytest.mark.parametrize("kind", ["pyplot", "explorer"])
@pytest.mark.parametrize("projector", [True, False], ids=["projector", "default"])
def test_plot_text_at_least_body_size_at_150_percent_zoom(projector, kind, lab_server, lab_root,
                                                         browser_context, artifacts_dir):
    name = f"projector-{kind}-{'on' if projector else 'off'}.ipynb"
    (lab_root / "demo").mkdir(exist_ok=True)
    nbformat.write(_plot_notebook(projector, kind), lab_root / "demo" / name)
    page = browser_context.new_page()
    page.set_viewport_size(ZOOMED_VIEWPORT)
    try:
        page.goto(lab_server.lab_url().replace("?token=", f"/tree/demo/{quote(name)}?token="))
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.wait_for_function("() => { const w = window.jupyterapp.shell.currentWidget;"
                               " return w && w.sessionContext && w.context; }", timeout=60_000)
        page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
            await w.context.ready; await w.sessionContext.ready;
            if (!window.jupyterapp.shell.leftCollapsed)
                window.jupyterapp.commands.execute('application:toggle-left-area');
            await window.jupyterapp.commands.execute('notebook:run-all-cells'); }""")
        page.wait_for_function("() => { const i = document.querySelector("
                               "'.jp-OutputArea-output img'); return i && i.complete"
                               " && i.naturalWidth > 0; }", timeout=90_000)
        sizes = {}
        for mode in ("zoom", "presentation"):
            if mode == "presentation":
                page.evaluate("() => window.jupyterapp.commands.execute("
                              "'application:toggle-presentation-mode')")
                page.wait_for_timeout(1000)
            m = _measure(page)
            tick_px = TICK_POINTS[projector] / 72 * m["dpi"] * m["shown"] / m["natural"]
            sizes[mode] = (round(tick_px, 1), m["body"])
            page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts_dir / f"projector-{kind}-{mode}-"
                                     f"{'on' if projector else 'off'}.png"))
        print(sizes)
        for mode, (tick, body) in sizes.items():
            if projector:
                assert tick >= body, f"{mode}: 图中刻度字 {tick}px 小于正文 {body}px"
            else:  # the check can fail: without projector mode the text is smaller
                assert tick < body, f"{mode}: {tick}px vs {body}px"
    finally:
        page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
            if (w && w.sessionContext) await w.sessionContext.shutdown(); }""")
        page.close()
