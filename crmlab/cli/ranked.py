"""Printing and writing a ranked customer table, shared by ``crmlab abc`` and ``crmlab pyramid``."""

from __future__ import annotations

from pathlib import Path

from crmlab.cli.common import money, percent, print_cut, print_table, rows_to_print, write_csv


def demo_path():
    """The bundled demo transactions (700 customers, 2023), used when no FILE is given."""
    from crmlab.datasets import DEMO_TRANSACTIONS_FILE, data_path
    return data_path(DEMO_TRANSACTIONS_FILE)


def source_name(args) -> str:
    return "演示交易记录（课程自带数据）" if args.file is None else f"「{args.file}」"


def value_header(args) -> str:
    """数值（元） for the bundled data (in 元); a neutral 数值 for a user's file, whose money may
    be in another currency (the public CDNOW data is in US dollars)."""
    return "数值（元）" if args.file is None else "数值"


def print_ranked(result, label_column, label_header, args) -> None:
    rows = rows_to_print(args, len(result))
    if not rows:
        return
    print_table(
        ["排名", "客户", value_header(args), "占比", "累计占比", label_header],
        [[r["rank"], r["customer"], money(r["value"]), percent(r["share"]),
          percent(r["cum_share"]), r[label_column]] for _, r in result.head(rows).iterrows()],
        ["right", "left", "right", "right", "right", "left"])
    print_cut(rows, len(result))


def print_counts(result, label_column, labels, args) -> None:
    counts = result[label_column].value_counts()
    if not args.summary:
        print()
    print("，".join(f"{label}：{int(counts.get(label, 0))} 位" for label in labels))


def write_ranked(result, columns, args, sheet_name, label_header) -> None:
    if Path(args.out).suffix.lower() == ".xlsx":
        from crmlab.excel import Column, write_table_workbook
        write_table_workbook(result, args.out, [
            Column("rank", "排名", "0"), Column("customer", "客户", "@"),
            Column("value", value_header(args), "#,##0.00"), Column("share", "占比", "0.0%"),
            Column("cum_share", "累计占比", "0.0%"), Column(columns[-1], label_header, "@"),
        ], sheet_name=sheet_name, input_path=args.file)
    else:
        write_csv(result, columns, args)
