"""Reading a transactions workbook: crmlab.load_transactions against pandas.read_excel.

The workbook (``rows`` transactions from :mod:`generate`, Chinese headers, real date cells)
is written once into ``benchmarks/.cache``. ``load_transactions`` must give the same
customers, dates, amounts and order ids as ``pandas.read_excel`` with openpyxl, which is
checked before timing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from generate import HEADERS, make_transactions, write_workbook
from timing import Result, measure

SECTION = "xlsx"
CACHE = Path(__file__).resolve().parent / ".cache"


def workbook(rows: int) -> Path:
    path = CACHE / f"transactions_{rows}.xlsx"
    if not path.exists():
        write_workbook(make_transactions(rows, seed=7), path)
    return path


def same_result(path: Path) -> str:
    """'' when load_transactions and read_excel(openpyxl) agree on every cell, else why not."""
    import crmlab

    ours = crmlab.load_transactions(path)
    theirs = pd.read_excel(path, engine="openpyxl").rename(columns={v: k for k, v in HEADERS.items()})
    if len(ours) != len(theirs):
        return f"rows differ: {len(ours)} vs {len(theirs)}"
    for column in ("customer", "order_id"):
        if ours[column].tolist() != theirs[column].astype(str).tolist():
            return f"{column} differs"
    if not (ours["date"].to_numpy() == theirs["date"].astype("datetime64[ns]").to_numpy()).all():
        return "date differs"
    if not (ours["amount"].to_numpy() == theirs["amount"].to_numpy()).all():
        return "amount differs"
    return ""


def run(rows: int = 100_000, repeat: int = 5) -> list[Result]:
    import crmlab
    from crmlab.readers import Workbook

    path = workbook(rows)
    mismatch = same_result(path)
    methods = [
        ("pandas.read_excel openpyxl", lambda: pd.read_excel(path, engine="openpyxl"), "reference"),
        ("pandas.read_excel calamine", lambda: pd.read_excel(path, engine="calamine"), ""),
        ("crmlab readers (cells only)", lambda: Workbook(path).read("交易记录"), "zip checks + calamine"),
        ("crmlab.load_transactions", lambda: crmlab.load_transactions(path),
         "same result as openpyxl" if not mismatch else f"DIFFERENT: {mismatch}"),
    ]
    results = []
    for name, func, note in methods:
        slow = "openpyxl" in name
        seconds = measure(func, repeat=3 if slow else repeat, warmup=0 if slow else 1)
        results.append(Result(SECTION, name, rows, seconds, note=note))
    return results
