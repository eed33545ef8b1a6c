"""``crmlab migrate``: how customers moved between the eight tiers from one period to the next."""

from __future__ import annotations

from crmlab.cli.common import add_file_arguments, check_out, load, print_table, written

MOVES_CSV_COLUMNS = ["customer", "segment_before", "segment_after"]


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate", help="客户等级迁移：两期各自分级，看客户在八类之间怎样流动",
        description="把交易记录切成长度相同、前后相接的两期（第一期在 --before 之前，第二期从 --before 到 "
                    "--after 的前一天），每期按课程的 RFM 方法各自分成八类，列出从上期到本期的人数。"
                    "不给 FILE 时用课程自带的演示交易（2023 年全年）。",
        epilog="例：crmlab migrate --before 2023-07-01 --after 2023-10-01（演示数据，二季度 → 三季度）")
    add_file_arguments(parser, bundled="课程自带的演示交易记录（2023 年全年）")
    parser.add_argument("--before", required=True, metavar="YYYY-MM-DD",
                        help="第一期结束后的那一天（也是第一期的“今天”）")
    parser.add_argument("--after", required=True, metavar="YYYY-MM-DD",
                        help="第二期结束后的那一天（第二期的“今天”）")
    parser.add_argument("--threshold", choices=["mean", "median"], default="mean",
                        help="高/低的分界：mean 平均值（课程默认）或 median 中位数")
    parser.add_argument("--freeze", action="store_true",
                        help="第二期沿用第一期的阈值（免得阈值本身的变化被当成客户的迁移）")
    parser.set_defaults(run=run)


def run(args) -> int:
    import pandas as pd

    from crmlab.migration import migration_table, segment_migration, threshold_shift

    check_out(args)
    from crmlab.cli.ranked import demo_path, source_name

    transactions, name = load(args, bundled=demo_path), source_name(args)
    moves = segment_migration(transactions, args.before, args.after, threshold=args.threshold,
                              freeze=args.freeze)
    (s1, e1), (s2, e2) = moves.attrs["periods"]
    day = pd.Timedelta(days=1)
    print(f"客户等级迁移：{name}")
    print(f"上期：{s1:%Y-%m-%d} 至 {e1 - day:%Y-%m-%d}；本期：{s2:%Y-%m-%d} 至 {e2 - day:%Y-%m-%d}；"
          f"阈值：{'平均值' if args.threshold == 'mean' else '中位数'}"
          f"{'（本期沿用上期阈值）' if args.freeze else '（每期各自计算）'}\n")
    shift = threshold_shift(moves)
    print_table(["", "上期阈值", "本期阈值"],
                [[m, f"{shift.loc[m, '上期']:,.2f}", f"{shift.loc[m, '本期']:,.2f}"] for m in "RFM"],
                ["left", "right", "right"])
    table = migration_table(moves)
    print("\n行：上期等级；列：本期等级；格内为人数\n")
    print_table(["上期 \\ 本期", *table.columns],
                [[index, *[str(v) for v in row]] for index, row in zip(table.index, table.to_numpy())],
                ["left"] + ["right"] * len(table.columns))
    if args.out:  # one row per customer: where each one came from and went
        from crmlab.safe_write import write_table
        write_table(moves[MOVES_CSV_COLUMNS], args.out, input_path=args.file)
    written(args)
    return 0
