"""``crmlab pyramid``: 客户金字塔 (高端、重要、普通、小客户) by profit, or by money spent."""

from __future__ import annotations

from crmlab.cli.common import add_file_arguments, check_out, load, written
from crmlab.cli.ranked import demo_path, source_name
from crmlab.cli.ranked import print_counts, print_ranked, write_ranked

PYRAMID_CSV_COLUMNS = ["customer", "value", "share", "cum_share", "tier"]


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "pyramid", help="客户金字塔（高端、重要、普通、小客户）",
        description="按利润（没有利润或成本列时按消费金额）把客户分成四层金字塔。")
    add_file_arguments(parser, bundled="课程自带的演示交易记录（data/演示交易.csv）")
    parser.add_argument("--by", choices=["rank", "profit"], default="rank",
                        help="rank：按排名人数 5%% / 20%% / 50%%（默认）；profit：按累计利润 50%% / 80%% / 95%%")
    parser.set_defaults(run=run)


def run(args) -> int:
    from crmlab.abc_classification import customer_totals
    from crmlab.pyramid import PYRAMID_TIERS, customer_pyramid

    check_out(args)
    totals = customer_totals(load(args, bundled=demo_path))
    value = "profit" if "profit" in totals.columns else "amount"
    result = customer_pyramid(totals, value=value, by=args.by)
    if args.out:
        write_ranked(result, PYRAMID_CSV_COLUMNS, args, "客户金字塔", "层级")
    basis = "排名人数" if args.by == "rank" else "累计占比"
    print(f"客户金字塔：{source_name(args)}，按{basis}划分")
    if value == "amount":
        print("注意：文件里没有利润或成本列，这里用消费金额代替利润。")
    print()
    print_ranked(result, "tier", "层级", args)
    print_counts(result, "tier", list(PYRAMID_TIERS), args)
    written(args)
    return 0
