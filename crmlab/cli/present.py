"""``crmlab present 3``: one chapter as an app on the projector (:mod:`crmlab.present`)."""

from __future__ import annotations


def add_command(subparsers) -> None:
    from crmlab.present import DEFAULT_PORT

    command = subparsers.add_parser(
        "present", help="把一章以应用模式放映（隐藏代码，控件可拖动）",
        description="用 Voilà 把一章变成网页应用：代码隐藏，图按投影模式放大。默认只有本机能打开。")
    command.add_argument("chapter", metavar="章", help="章号（例如 3）或笔记本路径")
    command.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")
    command.add_argument("--ip", default="127.0.0.1",
                         help="监听的地址（默认 127.0.0.1，只有本机能打开；0.0.0.0 让教室里的电脑也能打开）")
    command.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")
    command.set_defaults(run=run)


def run(args) -> int:
    from crmlab.present import present

    return present(args.chapter, port=args.port, ip=args.ip, browser=not args.no_browser)
