"""The ``crmlab`` command: ``crmlab rfm|abc|pyramid|... ...`` in a terminal, messages in Chinese.

One module per subcommand in this package (``crmlab/cli/rfm.py`` for ``crmlab rfm``, ...),
each with ``add_command(subparsers)``, which declares the arguments and sets ``run`` (args ->
exit code). :data:`COMMANDS` lists the modules in the order ``crmlab -h`` shows them, so a new
subcommand is a new module here plus one line in that tuple. What the subcommands share
(the Chinese argument parser, loading, printing, exit code 2 with a Chinese message and no
traceback) is in :mod:`crmlab.cli.common`. The work itself is done by crmlab's pure functions.
"""

from __future__ import annotations

from importlib import import_module

from crmlab.cli.common import PROG, ChineseArgumentParser, run_command, translate_argparse_message

__all__ = ["COMMANDS", "build_parser", "main", "translate_argparse_message"]

#: The subcommand modules of this package, one line each, in the order `crmlab -h` lists them.
COMMANDS = (
    "rfm",
    "abc",
    "pyramid",
    "migrate",
    "exercises",
    "grade",
    "handouts",
    "present",
)


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog=PROG, description="crmlab：客户关系管理分析工具（RFM 分级、ABC 分类、客户金字塔）。",
        epilog="例：crmlab rfm（用课程自带的旭东数据）；crmlab rfm 交易记录.xlsx --out 分级.xlsx")
    subparsers = parser.add_subparsers(title="子命令", metavar="命令", dest="command")
    for name in COMMANDS:
        import_module(f"crmlab.cli.{name}").add_command(subparsers)
    return parser


def main(argv=None) -> int:
    """Run ``crmlab`` with ``argv`` (default: the command line); return the exit code."""
    return run_command(build_parser(), argv)
