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
#: A per-customer table up to this many rows is printed whole; a longer one is cut to its
#: first DEFAULT_TOP rows unless --top says otherwise (23,000 customers do not fit a terminal).
PRINT_ALL_UP_TO = 40
DEFAULT_TOP = 20


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
    (r"argument (--[\w-]+): ([^a-zA-Z].*)", r"\2"),  # crmlab's own Chinese message for an option
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

def add_file_arguments(parser, *, file_required: bool = False,
                       bundled: str = "课程自带的旭东交易记录") -> None:
    """FILE (optional unless ``file_required``: ``bundled`` data without it) and the options
    that say how to read it (--sheet, --customer, ...), --out, --rejected, and how much to print
    (--top, --summary)."""
    if file_required:
        parser.add_argument("file", metavar="FILE", help="交易记录文件（.xlsx、.csv 或以空格分隔的 .txt）")
    else:
        parser.add_argument("file", metavar="FILE", nargs="?",
                            help=f"交易记录文件（.xlsx、.csv 或以空格分隔的 .txt）；不给则用{bundled}")
    parser.add_argument("--sheet", metavar="NAME", help="读取哪个工作表（默认自动找含客户、日期、金额的那张）")
    parser.add_argument("--customer", metavar="COL", help="客户列的列名（默认自动识别）")
    parser.add_argument("--date", metavar="COL", help="日期列的列名（默认自动识别）")
    parser.add_argument("--amount", metavar="COL", help="金额列的列名（默认自动识别）")
    parser.add_argument("--out", metavar="PATH", help="把结果另存为 .csv（UTF-8，Excel 可直接打开）或 .xlsx")
    parser.add_argument("--rejected", metavar="PATH",
                        help="把读入时剔除的行（Excel 行号、列、内容、原因）另存为 .csv 或 .xlsx")
    parser.add_argument("--top", metavar="N", type=_positive_int,
                        help=f"每位客户一行的表只显示前 N 行（默认：不超过 {PRINT_ALL_UP_TO} 位客户时全部显示，"
                             f"否则显示前 {DEFAULT_TOP} 行；完整结果用 --out 保存）")
    parser.add_argument("--summary", action="store_true", help="只显示汇总，不显示每位客户一行的表")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--top 后面应当是正整数，收到的是 {text!r}")
    return value


def rows_to_print(args, total: int) -> int:
    """How many rows of a per-customer table to print: 0 with --summary, --top N, or the default.

    >>> import argparse as a
    >>> rows_to_print(a.Namespace(summary=False, top=None), 30), rows_to_print(a.Namespace(summary=False, top=None), 23000)
    (30, 20)
    >>> rows_to_print(a.Namespace(summary=True, top=5), 30), rows_to_print(a.Namespace(summary=False, top=5), 3)
    (0, 3)
    """
    if args.summary:
        return 0
    if args.top is not None:
        return min(args.top, total)
    return total if total <= PRINT_ALL_UP_TO else DEFAULT_TOP


def print_cut(shown: int, total: int) -> None:
    """Say that a per-customer table was cut, and how to see the rest."""
    if shown < total:
        print(f"……只显示了前 {shown} 行，共 {total} 位客户。完整结果请用 --out 结果.xlsx 保存，"
              f"或用 --top {total} 全部显示。")


def parse_cli_date(text: str, option: str = "--today"):
    """A date written in any form a date cell of a transactions file may take (2021-04-01,
    2021/4/1, 2021年4月1日, 20210401, an Excel serial number) -> a midnight Timestamp.

    >>> [str(parse_cli_date(t).date()) for t in ("2021-04-01", "2021/4/1", "2021年4月1日", "20210401")]
    ['2021-04-01', '2021-04-01', '2021-04-01', '2021-04-01']
    """
    import pandas as pd

    from crmlab.cleaning import parse_dates

    cell = text.strip()
    if re.fullmatch(r"\d{8}", cell):  # 20210401, as in CDNOW and many exports
        cell = f"{cell[:4]}-{cell[4:6]}-{cell[6:]}"
    values, reasons, _ = parse_dates(pd.Series([cell], dtype=object))
    if reasons.iloc[0] or pd.isna(values.iloc[0]):
        raise CrmlabError(f"{option} 的日期无法识别：{text!r}",
                          hint="请写成 2021-04-01、2021/4/1 或 2021年4月1日 这样的日期。")
    return pd.Timestamp(values.iloc[0]).normalize()


def check_out(args) -> None:
    """Fail before any work when --out or --rejected has a wrong type or is the input file."""
    from crmlab.safe_write import check_folder, check_not_input

    for option, path in (("--out", args.out), ("--rejected", getattr(args, "rejected", None))):
        if path is None:
            continue
        if Path(path).suffix.lower() not in OUTPUT_SUFFIXES:
            raise CrmlabError(f"不支持的输出文件类型：「{path}」",
                              hint=f"{option} 的文件名请以 .csv 或 .xlsx 结尾。")
        check_not_input(path, args.file)
        check_folder(path)
    if args.out and getattr(args, "rejected", None) and \
            Path(args.out).resolve() == Path(args.rejected).resolve():
        raise CrmlabError("--out 和 --rejected 不能是同一个文件", hint="请给剔除的行另起一个文件名。")


def load(args, today=None, bundled=None):
    """Load the transactions named on the command line (``bundled()``'s path, default 旭东,
    without FILE); print the load report; write the rejected rows when --rejected asks."""
    from crmlab.transactions import load_transactions

    source = args.file
    if source is None:
        from crmlab.datasets import xudong_path
        source = (bundled or xudong_path)()
    else:
        from crmlab.whitespace_text import as_file_report, read_whitespace_text
        text = read_whitespace_text(source)  # e.g. CDNOW_master.txt: columns split by spaces
        if text is not None:
            source, note = text
            print(note + "。")
    frame = load_transactions(source, sheet=args.sheet, customer=args.customer, date=args.date,
                              amount=args.amount, today=today)
    report = frame.attrs.get("load_report")
    if report is not None and not isinstance(source, (str, Path)):  # a space-separated text file
        report = as_file_report(report, Path(args.file).name, source.attrs.get("headerless"))
        frame.attrs["load_report"] = report
    if report is not None:
        print(str(report) + "\n")
    if getattr(args, "rejected", None):
        _write_rejected(report, args)
    return frame


def _write_rejected(report, args) -> None:
    import pandas as pd

    from crmlab.safe_write import write_table

    rejected = (report.rejected_frame() if report is not None
                else pd.DataFrame(columns=["行", "列", "内容", "原因"]))
    write_table(rejected, args.rejected, input_path=args.file)
    print(f"已写出剔除的 {len(rejected)} 行及原因：{args.rejected}\n")


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
