"""Printing and writing a ranked customer table, shared by ``crmlab abc`` and ``crmlab pyramid``."""

from __future__ import annotations

from pathlib import Path

from crmlab.cli.common import money, percent, print_table, write_csv


def print_ranked(result, label_column, label_header) -> None:
    print_table(
        ["排名", "客户", "数值（元）", "占比", "累计占比", label_header],
        [[r["rank"], r["customer"], money(r["value"]), percent(r["share"]),
          percent(r["cum_share"]), r[label_column]] for _, r in result.iterrows()],
        ["right", "left", "right", "right", "right", "left"])


def print_counts(result, label_column, labels) -> None:
    counts = result[label_column].value_counts()
    print()
    print("，".join(f"{label}：{int(counts.get(label, 0))} 位" for label in labels))


def write_ranked(result, columns, args, sheet_name, label_header) -> None:
    if Path(args.out).suffix.lower() == ".xlsx":
        from crmlab.excel import Column, write_table_workbook
        write_table_workbook(result, args.out, [
            Column("rank", "排名", "0"), Column("customer", "客户", "@"),
            Column("value", "数值（元）", "#,##0.00"), Column("share", "占比", "0.0%"),
            Column("cum_share", "累计占比", "0.0%"), Column(columns[-1], label_header, "@"),
        ], sheet_name=sheet_name, input_path=args.file)
    else:
        write_csv(result, columns, args)
