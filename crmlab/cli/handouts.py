"""``crmlab handouts``: every chapter and exercise as an HTML page and an A4 PDF (:mod:`crmlab.handouts`)."""

from __future__ import annotations

import sys
from pathlib import Path


def add_command(subparsers) -> None:
    command = subparsers.add_parser(
        "handouts", help="把每一章和每份练习做成网页和 A4 PDF 讲义",
        description="把 notebooks/ 的每一章和 exercises/ 的每份练习做成离线可看的网页和 A4 PDF，"
                    "目录在 OUT/index.html。")
    command.add_argument("--out", default="handouts", metavar="文件夹",
                         help="讲义放在哪个文件夹（默认 handouts）")
    command.add_argument("--no-pdf", action="store_true", help="只生成网页，不打印 PDF（不需要 Chromium）")
    command.add_argument("notebooks", nargs="*", metavar="笔记本",
                         help="只做这几个笔记本（默认全部章和练习）")
    command.set_defaults(run=run)


def run(args) -> int:
    from crmlab.errors import CrmlabError
    from crmlab.handouts import build_handouts

    sources = [Path(p) for p in args.notebooks] or None
    for source in sources or []:
        if not source.is_file():
            raise CrmlabError(f"找不到笔记本「{source}」", hint="请检查路径，或不写笔记本、生成全部讲义。",
                              file=str(source))
    made = build_handouts(args.out, sources, pdf=not args.no_pdf,
                          progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(f"已生成 {len(made)} 份讲义，目录：{Path(args.out) / 'index.html'}")
    return 0
