"""The ``crmlab`` command: ``crmlab rfm|abc|pyramid ...`` in a terminal, messages in Chinese.

Each subcommand is one ``add_<name>_command(subparsers)`` function that declares its
arguments and sets ``run``; :data:`COMMANDS` lists them, so a new subcommand is one more
function in that tuple. The work itself is done by crmlab's pure functions; this module only
loads, prints and writes. Exit code 0 on success, 2 on a user-fixable problem (bad
arguments, bad file: :class:`~crmlab.errors.CrmlabError`), with the Chinese message on stderr
and no traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from crmlab.errors import CrmlabError
from crmlab.exercises import add_exercises_command  # `crmlab exercises`, owned by exercises.py
from crmlab.grading import add_grade_command  # `crmlab grade`, owned by grading.py

PROG = "crmlab"
OUTPUT_SUFFIXES = (".csv", ".xlsx")
RFM_CSV_COLUMNS = ["customer", "R", "F", "M", "R_level", "F_level", "M_level", "segment"]
ABC_CSV_COLUMNS = ["customer", "value", "share", "cum_share", "class"]
PYRAMID_CSV_COLUMNS = ["customer", "value", "share", "cum_share", "tier"]
THRESHOLD_NAMES = {"mean": "平均值", "median": "中位数"}


# ---------------------------------------------------------------- argparse, in Chinese

class _UsageError(Exception):
    def __init__(self, parser, message):
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Exit(Exception):
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
        raise _UsageError(self, translate_argparse_message(message))

    def exit(self, status=0, message=None):
        if message:
            print(message, file=sys.stderr, end="")
        raise _Exit(status)


# ---------------------------------------------------------------- shared steps

def _add_file_arguments(parser, *, file_required: bool) -> None:
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


def _check_out(args) -> None:
    """Fail before any work when --out has a wrong type or is the input file itself."""
    if args.out is None:
        return
    from crmlab.safe_write import check_folder, check_not_input

    if Path(args.out).suffix.lower() not in OUTPUT_SUFFIXES:
        raise CrmlabError(f"不支持的输出文件类型：「{args.out}」", hint="--out 的文件名请以 .csv 或 .xlsx 结尾。")
    check_not_input(args.out, args.file)
    check_folder(args.out)


def _load(args, today=None):
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


def _money(value) -> str:
    return f"{value:,.2f}"


def _percent(value) -> str:
    return f"{value:.1%}"


def _print_table(headers, rows, aligns) -> None:
    from crmlab.textwidth import format_table
    print(format_table(headers, rows, aligns))


def _write_csv(frame, columns, args) -> None:
    from crmlab.safe_write import write_csv
    write_csv(frame[columns], args.out, input_path=args.file)


def _written(args) -> None:
    if args.out:
        print(f"\n已写出：{args.out}")


# ---------------------------------------------------------------- crmlab rfm

def add_rfm_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "rfm", help="RFM 客户分级（表 5-3：每位客户的 R、F、M，高/低，八类客户）",
        description="按 RFM 模型给客户分级：R = 最后一次购买到“今天”的天数，F = 购买次数，"
                    "M = 消费总金额；各自与阈值比较分出高/低，组合成八类客户。")
    _add_file_arguments(parser, file_required=False)
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="R 计算到哪一天（不给：旭东数据用 2021-04-01，其他文件用最后一笔交易的次日）")
    parser.add_argument("--threshold", choices=["mean", "median"], default="mean",
                        help="高/低的分界：mean 平均值（课程默认）或 median 中位数")
    parser.add_argument("--formulas", action="store_true",
                        help="与 --out 结果.xlsx 一起用：表 5-3 写成 Excel 公式（MAXIFS、COUNTIF、SUMIF、IF），"
                             "改日期或交易记录后自动重算")
    parser.set_defaults(run=run_rfm)


def run_rfm(args) -> int:
    from crmlab.rfm import rfm_segments, rfm_table

    _check_out(args)
    if args.formulas and not (args.out and Path(args.out).suffix.lower() == ".xlsx"):
        raise CrmlabError("--formulas 只能和 .xlsx 输出一起用", hint="例如：crmlab rfm --out 结果.xlsx --formulas")
    today, why = _given_today(args)
    transactions = _load(args, today=today)
    if today is None:
        import pandas as pd
        today = transactions["date"].max().normalize() + pd.Timedelta(days=1)
        why = "没有给 --today，取最后一笔交易的次日"
    segmented = rfm_segments(rfm_table(transactions, today), args.threshold)
    if args.formulas:
        from crmlab.formula_workbook import write_rfm_formula_workbook
        write_rfm_formula_workbook(transactions, args.out, today, args.threshold, input_path=args.file)
    elif args.out and Path(args.out).suffix.lower() == ".xlsx":
        from crmlab.excel import write_rfm_workbook
        write_rfm_workbook(segmented, args.out, input_path=args.file)
    elif args.out:
        _write_csv(segmented, RFM_CSV_COLUMNS, args)
    name = "旭东交易记录（课程自带数据）" if args.file is None else f"「{args.file}」"
    print(f"RFM 客户分级：{name}")
    print(f"R 计算到：{today.date()}（{why}）")
    _print_rfm(segmented, THRESHOLD_NAMES[args.threshold])
    _written(args)
    return 0


def _given_today(args):
    """The "today" fixed before loading (--today, or 旭东's date for the bundled data) and why."""
    from crmlab.rfm import parse_today

    if args.today:
        return parse_today(args.today), "由 --today 指定"
    if args.file is None:
        from crmlab.datasets import XUDONG_TODAY
        return XUDONG_TODAY, "旭东案例约定的今天"
    return None, ""


def _print_rfm(segmented, threshold_name: str) -> None:
    """Thresholds, Table 5-3 with levels and tiers, then customers and money per tier."""
    from crmlab.rfm import RFM_RULES, tier_summary

    cut = segmented.attrs["thresholds"]
    print(f"阈值（{threshold_name}）：R ≤ {cut['R']:.2f} 天为高，"
          f"F ≥ {cut['F']:.2f} 次为高，M ≥ {_money(cut['M'])} 元为高\n")
    _print_table(
        ["客户", "R（天）", "F（次）", "M（元）", "R等级", "F等级", "M等级", "客户等级"],
        [[r.customer, r.R, r.F, _money(r.M), r.R_level, r.F_level, r.M_level, r.segment]
         for r in segmented.itertuples(index=False)],
        ["left", "right", "right", "right", "left", "left", "left", "left"])
    print()
    strategies = dict(zip(RFM_RULES["segment"], RFM_RULES["strategy"]))
    _print_table(
        ["客户等级", "客户数", "客户占比", "金额占比", "策略"],
        [[s.segment, s.customers, _percent(s.customer_share), _percent(s.M_share),
          strategies.get(s.segment, "")] for s in tier_summary(segmented).itertuples(index=False)],
        ["left", "right", "right", "right", "left"])


# ---------------------------------------------------------------- crmlab abc / pyramid

def add_abc_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "abc", help="ABC 分类（按消费金额把客户分成 A、B、C 三类）",
        description="把每位客户的消费金额从高到低排序，分成 A、B、C 三类。")
    _add_file_arguments(parser, file_required=True)
    parser.add_argument("--by", choices=["count", "value"], default="count",
                        help="count：按人数 20%% : 30%% : 50%%（默认）；value：按累计金额 70%% / 90%%")
    parser.set_defaults(run=run_abc)


def run_abc(args) -> int:
    from crmlab.abc_classification import abc_analysis, customer_totals

    _check_out(args)
    result = abc_analysis(customer_totals(_load(args)), value="amount", by=args.by)
    if args.out:
        _write_ranked(result, ABC_CSV_COLUMNS, args, "ABC分类", "类别")
    basis = "人数" if args.by == "count" else "累计金额"
    print(f"ABC 分类：「{args.file}」，按{basis}划分\n")
    _print_ranked(result, "class", "类别")
    _print_counts(result, "class", "类别", ["A", "B", "C"])
    _written(args)
    return 0


def add_pyramid_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "pyramid", help="客户金字塔（高端、重要、普通、小客户）",
        description="按利润（没有利润或成本列时按消费金额）把客户分成四层金字塔。")
    _add_file_arguments(parser, file_required=True)
    parser.add_argument("--by", choices=["rank", "profit"], default="rank",
                        help="rank：按排名人数 5%% / 20%% / 50%%（默认）；profit：按累计利润 50%% / 80%% / 95%%")
    parser.set_defaults(run=run_pyramid)


def run_pyramid(args) -> int:
    from crmlab.abc_classification import customer_totals
    from crmlab.pyramid import customer_pyramid

    _check_out(args)
    totals = customer_totals(_load(args))
    value = "profit" if "profit" in totals.columns else "amount"
    result = customer_pyramid(totals, value=value, by=args.by)
    if args.out:
        _write_ranked(result, PYRAMID_CSV_COLUMNS, args, "客户金字塔", "层级")
    basis = "排名人数" if args.by == "rank" else "累计占比"
    print(f"客户金字塔：「{args.file}」，按{basis}划分")
    if value == "amount":
        print("注意：文件里没有利润或成本列，这里用消费金额代替利润。")
    print()
    _print_ranked(result, "tier", "层级")
    from crmlab.pyramid import PYRAMID_TIERS
    _print_counts(result, "tier", "层级", list(PYRAMID_TIERS))
    _written(args)
    return 0


def _print_ranked(result, label_column, label_header) -> None:
    _print_table(
        ["排名", "客户", "数值（元）", "占比", "累计占比", label_header],
        [[r["rank"], r["customer"], _money(r["value"]), _percent(r["share"]),
          _percent(r["cum_share"]), r[label_column]] for _, r in result.iterrows()],
        ["right", "left", "right", "right", "right", "left"])


def _print_counts(result, label_column, label_header, labels) -> None:
    counts = result[label_column].value_counts()
    print()
    print("，".join(f"{label}：{int(counts.get(label, 0))} 位" for label in labels))


def _write_ranked(result, columns, args, sheet_name, label_header) -> None:
    if Path(args.out).suffix.lower() == ".xlsx":
        from crmlab.excel import Column, write_table_workbook
        write_table_workbook(result, args.out, [
            Column("rank", "排名", "0"), Column("customer", "客户", "@"),
            Column("value", "数值（元）", "#,##0.00"), Column("share", "占比", "0.0%"),
            Column("cum_share", "累计占比", "0.0%"), Column(columns[-1], label_header, "@"),
        ], sheet_name=sheet_name, input_path=args.file)
    else:
        _write_csv(result, columns, args)


# ---------------------------------------------------------------- main

#: One function per subcommand; each adds its parser and sets ``run`` (args -> exit code).
COMMANDS = (add_rfm_command, add_abc_command, add_pyramid_command, add_exercises_command,
            add_grade_command)


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog=PROG, description="crmlab：客户关系管理分析工具（RFM 分级、ABC 分类、客户金字塔）。",
        epilog="例：crmlab rfm（用课程自带的旭东数据）；crmlab rfm 交易记录.xlsx --out 分级.xlsx")
    subparsers = parser.add_subparsers(title="子命令", metavar="命令", dest="command")
    for add_command in COMMANDS:
        add_command(subparsers)
    return parser


def main(argv=None) -> int:
    """Run ``crmlab`` with ``argv`` (default: the command line); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if getattr(args, "run", None) is None:
            parser.print_help(sys.stderr)
            print("\ncrmlab：请给出一个子命令，例如 crmlab rfm", file=sys.stderr)
            return 2
        return args.run(args)
    except _Exit as done:
        return done.status
    except _UsageError as problem:
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
