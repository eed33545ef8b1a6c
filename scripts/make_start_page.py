"""Write 开始学习.md, the page `make lab` opens: how the workbook works, a link to every chapter
and every exercise (found in notebooks/ and exercises/, titled by their first heading).

Run it again after adding or renaming a chapter or exercise:
``.venv/bin/python scripts/make_start_page.py`` (``--check``: exit 1 when the page is stale).
tests/test_start_page.py fails while the page is stale.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
START_PAGE = "开始学习.md"
CHAPTER = re.compile(r"^(\d\d)_.*\.ipynb$")

INTRO = """\
# 从这里开始：客户关系管理数据分析工作簿

欢迎！这套工作簿用 Jupyter 笔记本学习客户关系管理（CRM）中的数据分析。它由两部分组成：

- **课文**（左边文件栏里的 `notebooks` 文件夹）：每章先讲道理，再用小数据一步步演示，
  有可以拖动的滑块、下拉框，章末有自测题。课文里已经带着运行结果，打开就能读。
- **练习**（`exercises` 文件夹）：每章一本。在标着“你的答案”的格子里写代码，
  运行后紧跟着的检查格会用中文告诉你对不对、错在哪里；最后一格列出哪些题已经完成。

**怎样运行一个格子**：点一下格子，按 `Shift` + `Enter`。从头到尾全部运行：菜单「运行」里的
“运行全部单元格”。第一个代码格 `crmlab.setup()` 要先运行，后面的格子才能显示中文图表。
笔记本会自动保存；想从头再做一遍练习，请老师重新发一份练习文件。

建议的顺序：读完一章课文，再做这一章的练习。

| 章 | 课文 | 练习 |
|---|---|---|
"""

OUTRO = """
**下一步**：做完练习后，可以用命令行在自己的数据上算 RFM（见 `README.md` 里的“命令行”一节）。
"""


def title(path: Path) -> str:
    """The notebook's first Markdown heading, without the leading '#'s."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def _numbered(folder: Path) -> dict[str, Path]:
    return {m.group(1): p for p in sorted(folder.glob("*.ipynb")) if (m := CHAPTER.match(p.name))}


def _link(path: Path, root: Path, text: str) -> str:
    relative = path.relative_to(root).as_posix()
    return f"[{text}]({quote(relative)})"


def start_page(root: Path = REPO) -> str:
    """The text of the start page for the notebooks and exercises under ``root``."""
    lessons, exercises = _numbered(root / "notebooks"), _numbered(root / "exercises")
    rows = []
    for number in sorted(set(lessons) | set(exercises)):
        lesson, exercise = lessons.get(number), exercises.get(number)
        rows.append("| {} | {} | {} |".format(
            int(number),
            _link(lesson, root, title(lesson)) if lesson else "",
            _link(exercise, root, title(exercise)) if exercise else ""))
    return INTRO + "\n".join(rows) + "\n" + OUTRO


def main(argv: list[str]) -> int:
    text, path = start_page(), REPO / START_PAGE
    if "--check" in argv:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{START_PAGE} 已过期：请运行 python scripts/make_start_page.py")
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"已写出 {START_PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
