"""On a Linux machine without a CJK font, JupyterLab's own text (menus, Markdown) is Chinese,
not boxes: the crmlab-cjk-font extension (jupyter/labextensions/, installed with the
environment) offers the bundled font to the page as the last fallback.

Chromium runs in a subprocess whose fontconfig sees only DejaVu (no fonts-noto-cjk), once with
the extension and once with it disabled, so the check can fail. Screenshots:
test-artifacts/e2e/no-cjk-font-*.png.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[2]
START_PAGE = "开始学习.md"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

# Runs in its own process: Playwright's sync API cannot start a second browser in the test's.
PROBE = r"""
import json, sys
from playwright.sync_api import sync_playwright
url, shot, chromium, disable = sys.argv[1:5]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=chromium, headless=True,
                                args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    if disable == "True":  # the page as it is without crmlab's extension
        page.route("**/crmlab-cjk-font/**", lambda route: route.abort())
    page.goto(url)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90000)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    page.locator(".jp-RenderedMarkdown h1").first.wait_for(timeout=60000)
    page.evaluate("async () => { await document.fonts.ready; }")
    if disable != "True":  # the browser fetches the font once it lays out Chinese text: wait for it
        try:
            page.wait_for_function(
                "() => [...document.fonts].some(f => f.family.includes('crmlab Sans SC')"
                " && f.status === 'loaded')", timeout=30000)
        except Exception:
            pass  # not loaded: the assertions below say so
    page.wait_for_timeout(1500)
    page.screenshot(path=shot)
    loaded = page.evaluate(
        "() => [...document.fonts].filter(f => f.family.includes('crmlab Sans SC'))"
        ".map(f => f.status)")
    # Is "文" drawn in the menu's font, or as the same box as a character no font has?
    tofu = page.evaluate('''() => {
        const font = getComputedStyle(document.querySelector('.lm-MenuBar-itemLabel')).font;
        const draw = (text) => { const c = document.createElement('canvas'); c.width = 40;
            c.height = 40; const x = c.getContext('2d'); x.font = font; x.fillText(text, 4, 30);
            return c.toDataURL(); };
        return draw("\\u6587") === draw("\\u0378");
    }''')
    print(json.dumps({"bundled_font": loaded, "tofu": tofu}))
    browser.close()
"""


def _fontconfig(tmp_path: Path) -> Path:
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>
""", encoding="utf-8")
    return conf


@pytest.mark.parametrize("extension", [True, False], ids=["with-extension", "without"])
def test_chinese_text_without_a_cjk_font(extension, lab_server, lab_root, tmp_path, artifacts_dir):
    from conftest import CHROMIUM

    if not DEJAVU.is_dir():
        pytest.skip("没有 DejaVu 字体目录，无法模拟没有中文字体的机器")
    (lab_root / START_PAGE).write_text((REPO / START_PAGE).read_text(encoding="utf-8"),
                                       encoding="utf-8")
    env = {"FONTCONFIG_FILE": str(_fontconfig(tmp_path)), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    url = lab_server.lab_url().replace("?token=", f"/tree/{quote(START_PAGE)}?token=")
    if not extension:  # the page without the extension: JupyterLab's own switch
        url += "&disabled=crmlab-cjk-font"
    shot = artifacts_dir / f"no-cjk-font-{'with' if extension else 'without'}-extension.png"
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", PROBE, url, str(shot), str(CHROMIUM),
                               str(not extension)], capture_output=True, text=True, env=env,
                              timeout=240, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        # Inconclusive: Chinese drawn while the bundled font was never fetched, so the browser
        # found a CJK font the DejaVu-only fontconfig should hide. Seen only on the first browser
        # test of a fresh clone's run (2 of 3 runs; never on a rerun): try once more.
        if not (extension and seen["bundled_font"] and "loaded" not in seen["bundled_font"]
                and not seen["tofu"]):
            break
    else:  # inconclusive twice: no verdict rather than a pass that proves nothing
        fonts = subprocess.run(["fc-list"], capture_output=True, text=True, env=env, check=False)
        pytest.skip(f"浏览器在只有 DejaVu 的字体配置下仍找到了中文字体，本次无法判断: {seen}; "
                    f"fc-list: {fonts.stdout[-500:]}")
    if extension:  # the bundled font is loaded and "文" is a real glyph, not a box
        assert "loaded" in seen["bundled_font"] and not seen["tofu"], seen
    else:  # without the extension the same browser draws a box: the check can fail
        assert seen["bundled_font"] == [] and seen["tofu"], seen
