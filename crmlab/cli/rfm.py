"""``crmlab rfm``: RFM 客户分级 (Table 5-3) of a transactions file, or of 旭东 without one."""

from __future__ import annotations

from pathlib import Path

from crmlab.cli.common import add_file_arguments, check_out, load, money, parse_cli_date, percent
from crmlab.cli.common import print_cut, print_table, rows_to_print, write_csv, written
from crmlab.errors import CrmlabError

RFM_CSV_COLUMNS = ["customer", "R", "F", "M", "R_level", "F_level", "M_level", "segment"]
THRESHOLD_NAMES = {"mean": "平均值", "median": "中位数"}


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "rfm", help="RFM 客户分级（表 5-3：每位客户的 R、F、M，高/低，八类客户）",
        description="按 RFM 模型给客户分级：R = 最后一次购买到“今天”的天数，F = 购买次数，"
                    "M = 消费总金额；各自与阈值比较分出高/低，组合成八类客户。")
    add_file_arguments(parser)
    parser.add_argument("--today", metavar="DATE",
                        help="R 计算到哪一天，写法同交易记录里的日期（2021-04-01、2021/4/1、2021年4月1日、"
                             "20210401）；不给：旭东数据用 2021-04-01，其他文件用最后一笔交易的次日")
    parser.add_argument("--threshold", choices=["mean", "median"], default="mean",
                        help="高/低的分界：mean 平均值（课程默认）或 median 中位数")
    parser.add_argument("--formulas", action="store_true",
                        help="与 --out 结果.xlsx 一起用：表 5-3 写成 Excel 公式（MAXIFS、COUNTIF、SUMIF、IF），"
                             "改日期或交易记录后自动重算")
    parser.set_defaults(run=run)


def run(args) -> int:
    from crmlab.rfm import rfm_segments, rfm_table

    check_out(args)
    if args.formulas and not (args.out and Path(args.out).suffix.lower() == ".xlsx"):
        raise CrmlabError("--formulas 只能和 .xlsx 输出一起用", hint="例如：crmlab rfm --out 结果.xlsx --formulas")
    today, why = _given_today(args)
    transactions = load(args, today=today)
    if today is None:
        import pandas as pd
        today = transactions["date"].max().normalize() + pd.Timedelta(days=1)
        why = "没有给 --today，取最后一笔交易的次日"
    segmented = rfm_segments(rfm_table(transactions, today), args.threshold)
    if args.formulas:
        from crmlab.formula_workbook import write_rfm_formula_workbook
        _stage(f"正在写出带公式的工作簿（{len(transactions):,} 笔交易、{len(segmented):,} 位客户）……",
               len(transactions))
        write_rfm_formula_workbook(transactions, args.out, today, args.threshold, input_path=args.file)
        _stage("带公式的工作簿已写好。", len(transactions))
    elif args.out and Path(args.out).suffix.lower() == ".xlsx":
        from crmlab.excel import write_rfm_workbook
        write_rfm_workbook(segmented, args.out, input_path=args.file)
    elif args.out:
        write_csv(segmented, RFM_CSV_COLUMNS, args)
    name = "旭东交易记录（课程自带数据）" if args.file is None else f"「{args.file}」"
    print(f"RFM 客户分级：{name}")
    print(f"R 计算到：{today.date()}（{why}）")
    unit = "元" if args.file is None else ""  # a user's file may be in dollars (CDNOW)
    _print_rfm(segmented, THRESHOLD_NAMES[args.threshold], rows_to_print(args, len(segmented)),
               unit)
    written(args)
    return 0


#: From this many transactions on, --formulas says what it is doing (writing takes seconds).
FORMULAS_PROGRESS_FROM = 50_000


def _stage(message: str, size: int) -> None:
    import sys
    if size >= FORMULAS_PROGRESS_FROM:
        print(message, file=sys.stderr, flush=True)


def _given_today(args):
    """The "today" fixed before loading (--today, or 旭东's date for the bundled data) and why."""
    from crmlab.rfm import parse_today

    if args.today:
        return parse_today(parse_cli_date(args.today)), "由 --today 指定"
    if args.file is None:
        from crmlab.datasets import XUDONG_TODAY
        return XUDONG_TODAY, "旭东案例约定的今天"
    return None, ""


def _print_rfm(segmented, threshold_name: str, rows: int, unit: str) -> None:
    """Thresholds, the first ``rows`` rows of Table 5-3, then customers and money per tier."""
    from crmlab.rfm import RFM_RULES, tier_summary

    cut = segmented.attrs["thresholds"]
    after = f" {unit}" if unit else ""
    print(f"阈值（{threshold_name}）：R ≤ {cut['R']:.2f} 天为高，"
          f"F ≥ {cut['F']:.2f} 次为高，M ≥ {money(cut['M'])}{after} 为高\n")
    if rows:
        print_table(
            ["客户", "R（天）", "F（次）", f"M（{unit or '金额'}）", "R等级", "F等级", "M等级", "客户等级"],
            [[r.customer, r.R, r.F, money(r.M), r.R_level, r.F_level, r.M_level, r.segment]
             for r in segmented.head(rows).itertuples(index=False)],
            ["left", "right", "right", "right", "left", "left", "left", "left"])
        print_cut(rows, len(segmented))
        print()
    strategies = dict(zip(RFM_RULES["segment"], RFM_RULES["strategy"]))
    print_table(
        ["客户等级", "客户数", "客户占比", "金额占比", "策略"],
        [[s.segment, s.customers, percent(s.customer_share), percent(s.M_share),
          strategies.get(s.segment, "")] for s in tier_summary(segmented).itertuples(index=False)],
        ["left", "right", "right", "right", "left"])
