"""What every ``crmlab`` subcommand shares: the Chinese argument parser, the file arguments,
loading, printing and writing, and :func:`run_command`, which turns a user-fixable problem
into a Chinese message on stderr and exit code 2, with no traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from crmlab.errors import CrmlabError

PROG = "crmlab"
OUTPUT_SUFFIXES = (".csv", ".xlsx")


# ---------------------------------------------------------------- argparse, in Chinese

class UsageError(Exception):
    """argparse found a bad command line; ``parser`` is the (sub)parser that complained."""

    def __init__(self, parser, message):
        super().__init__(message)
        self.parser = parser
        self.message = message


class ParserExit(Exception):
    """argparse wanted to exit (``-h``); ``status`` is the exit code."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class _ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# argparse's English messages -> Chinese (patterns cover Python 3.10 to 3.13)
_TRANSLATIONS = (
    (r"argument 命令: invalid choice: (.+?) \(choose from (.+)\)", r"没有子命令 \1，可选：\2"),
    (r"the following arguments are required: (.+)", r"缺少必须给出的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1 的取值 \2 不可用，可选：\3"),
    (r"argument (.+?): expected one argument", r"参数 \1 后面需要跟一个值"),
    (r"argument (.+?): invalid (.+?) value: (.+)", r"参数 \1 的值 \3 不合格"),
    (r"argument (.+?): not allowed with argument (.+)", r"参数 \1 不能和 \2 一起用"),
    (r"ambiguous option: (.+?) could match (.+)", r"选项 \1 不明确，可能是：\2"),
    (r"argument (.+?): ignored explicit argument (.+)", r"参数 \1 不需要值，却给了 \2"),
)


def translate_argparse_message(message: str) -> str:
    """argparse's English error -> a Chinese sentence (unknown messages are kept as they are).

    >>> translate_argparse_message("unrecognized arguments: --foo")
    '无法识别的参数：--foo'
    >>> translate_argparse_message("argument --threshold: invalid choice: 'avg' (choose from 'mean', 'median')")
    "参数 --threshold 的取值 'avg' 不可用，可选：'mean', 'median'"
    """
    for pattern, replacement in _TRANSLATIONS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser with Chinese help headings, that raises instead of calling sys.exit."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="显示本帮助并退出")

    def error(self, message):
        raise UsageError(self, translate_argparse_message(message))

    def exit(self, status=0, message=None):
        if message:
            print(message, file=sys.stderr, end="")
        raise ParserExit(status)


def run_command(parser: ChineseArgumentParser, argv) -> int:
    """Parse ``argv`` with ``parser`` and run the chosen subcommand; return the exit code.

    0 on success, 2 on a user-fixable problem (bad arguments, a bad file:
    :class:`~crmlab.errors.CrmlabError`, a file that cannot be read or written), with the
    Chinese message on stderr and no traceback.
    """
    try:
        args = parser.parse_args(argv)
        if getattr(args, "run", None) is None:
            parser.print_help(sys.stderr)
            print("\ncrmlab：请给出一个子命令，例如 crmlab rfm", file=sys.stderr)
            return 2
        return args.run(args)
    except ParserExit as done:
        return done.status
    except UsageError as problem:
        problem.parser.print_usage(sys.stderr)
        print(f"crmlab：参数有误：{problem.message}。用 -h 查看帮助。", file=sys.stderr)
        return 2
    except CrmlabError as problem:
        print(f"crmlab：{problem}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped reading (e.g. `crmlab rfm | head`)
        _silence_stdout()
        return 1
    except OSError as problem:  # disk full, no permission, ...: the user can fix it
        where = f"「{problem.filename}」" if problem.filename else ""
        print(f"crmlab：读写文件{where}失败：{problem.strerror or problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not complain again."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# ---------------------------------------------------------------- shared steps

def add_file_arguments(parser, *, file_required: bool) -> None:
    """FILE and the options that say how to read it (--sheet, --customer, ...) and --out."""
    if file_required:
        parser.add_argument("file", metavar="FILE", help="交易记录文件（.xlsx 或 .csv）")
    else:
        parser.add_argument("file", metavar="FILE", nargs="?",
                            help="交易记录文件（.xlsx 或 .csv）；不给则用课程自带的旭东交易记录")
    parser.add_argument("--sheet", metavar="NAME", help="读取哪个工作表（默认自动找含客户、日期、金额的那张）")
    parser.add_argument("--customer", metavar="COL", help="客户列的列名（默认自动识别）")
    parser.add_argument("--date", metavar="COL", help="日期列的列名（默认自动识别）")
    parser.add_argument("--amount", metavar="COL", help="金额列的列名（默认自动识别）")
    parser.add_argument("--out", metavar="PATH", help="把结果另存为 .csv（UTF-8，Excel 可直接打开）或 .xlsx")


def check_out(args) -> None:
    """Fail before any work when --out has a wrong type or is the input file itself."""
    if args.out is None:
        return
    from crmlab.safe_write import check_folder, check_not_input

    if Path(args.out).suffix.lower() not in OUTPUT_SUFFIXES:
        raise CrmlabError(f"不支持的输出文件类型：「{args.out}」", hint="--out 的文件名请以 .csv 或 .xlsx 结尾。")
    check_not_input(args.out, args.file)
    check_folder(args.out)


def load(args, today=None):
    """Load the transactions named on the command line; print the load report."""
    from crmlab.transactions import load_transactions

    source = args.file
    if source is None:
        from crmlab.datasets import xudong_path
        source = xudong_path()
    frame = load_transactions(source, sheet=args.sheet, customer=args.customer, date=args.date,
                              amount=args.amount, today=today)
    report = frame.attrs.get("load_report")
    if report is not None:
        print(str(report) + "\n")
    return frame


def money(value) -> str:
    return f"{value:,.2f}"


def percent(value) -> str:
    return f"{value:.1%}"


def print_table(headers, rows, aligns) -> None:
    from crmlab.textwidth import format_table
    print(format_table(headers, rows, aligns))


def write_csv(frame, columns, args) -> None:
    from crmlab.safe_write import write_csv as write
    write(frame[columns], args.out, input_path=args.file)


def written(args) -> None:
    if args.out:
        print(f"\n已写出：{args.out}")
