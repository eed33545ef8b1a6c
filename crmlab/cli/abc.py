"""``crmlab abc``: ABC 分类 of customers by the money they spent."""

from __future__ import annotations

from crmlab.cli.common import add_file_arguments, check_out, load, written
from crmlab.cli.ranked import demo_path, source_name
from crmlab.cli.ranked import print_counts, print_ranked, write_ranked

ABC_CSV_COLUMNS = ["customer", "value", "share", "cum_share", "class"]


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "abc", help="ABC 分类（按消费金额把客户分成 A、B、C 三类）",
        description="把每位客户的消费金额从高到低排序，分成 A、B、C 三类。")
    add_file_arguments(parser, bundled="课程自带的演示交易记录（data/演示交易.csv）")
    parser.add_argument("--by", choices=["count", "value"], default="count",
                        help="count：按人数 20%% : 30%% : 50%%（默认）；value：按累计金额 70%% / 90%%")
    parser.set_defaults(run=run)


def run(args) -> int:
    from crmlab.abc_classification import abc_analysis, customer_totals

    check_out(args)
    result = abc_analysis(customer_totals(load(args, bundled=demo_path)), value="amount", by=args.by)
    if args.out:
        write_ranked(result, ABC_CSV_COLUMNS, args, "ABC分类", "类别")
    basis = "人数" if args.by == "count" else "累计金额"
    print(f"ABC 分类：{source_name(args)}，按{basis}划分\n")
    print_ranked(result, "class", "类别", args)
    print_counts(result, "class", ["A", "B", "C"], args)
    written(args)
    return 0
