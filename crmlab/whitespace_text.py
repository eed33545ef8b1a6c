"""Space-separated text files of transactions, such as the public CDNOW data (``CDNOW_master.txt``:
customer id, date as YYYYMMDD, number of CDs, amount in US dollars; no header row).

:func:`read_whitespace_text` turns such a file into a DataFrame that
:func:`crmlab.load_transactions` then checks row by row like any other source. A file with a
header row keeps its headers; a file without one gets 客户, 日期, (数量,) 金额 when its columns
look like CDNOW's. Anything else returns None, and the file is read as CSV as before.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

TEXT_SUFFIXES = (".txt", ".dat")
#: Columns of a headerless file, by its number of columns (CDNOW has four).
HEADERLESS_COLUMNS = {3: ["客户", "日期", "金额"], 4: ["客户", "日期", "数量", "金额"]}
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_YYYYMMDD = re.compile(r"(19|20)\d{6}")
SNIFF_LINES = 20


def is_whitespace_text(path) -> bool:
    """A .txt/.dat file whose first lines split on spaces into the same 3 or more fields and
    contain no comma, tab or semicolon."""
    path = Path(path)
    if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
        return False
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = [line for _, line in zip(range(SNIFF_LINES), handle) if line.strip()]
    if not lines or any(mark in line for line in lines for mark in ",\t;"):
        return False
    widths = {len(line.split()) for line in lines}
    return len(widths) == 1 and widths.pop() >= 3


def read_whitespace_text(path) -> tuple[pd.DataFrame, str] | None:
    """(frame, note) for a space-separated transactions file, or None if it is not one.

    Dates written as YYYYMMDD become YYYY-MM-DD text (so they are not taken for Excel serial
    numbers); every other cell stays the text it was.
    """
    if not is_whitespace_text(path):
        return None
    frame = pd.read_csv(path, sep=r"\s+", header=None, dtype=str, engine="python",
                        encoding="utf-8", encoding_errors="replace", skip_blank_lines=True)
    first = frame.iloc[0].tolist()
    header = not all(_NUMBER.fullmatch(str(cell)) for cell in first)
    if not header:
        columns = HEADERLESS_COLUMNS.get(frame.shape[1])
        if columns is None or not _YYYYMMDD.fullmatch(str(first[1])):
            return None
        frame.columns = columns
        note = (f"「{Path(path).name}」是以空格分隔、没有表头的文本，按 CDNOW 的列序读入："
                f"{'、'.join(columns)}（第 1 行就是第一笔交易）")
    else:
        frame = frame.iloc[1:].reset_index(drop=True)
        frame.columns = [str(c) for c in first]
        note = f"「{Path(path).name}」是以空格分隔的文本，已按空格分列读入"
    for column in frame.columns:
        values = frame[column]
        is_date = values.str.fullmatch(_YYYYMMDD.pattern).fillna(False)
        if is_date.mean() > 0.9:
            frame[column] = values.where(~is_date, values.str[:4] + "-" + values.str[4:6]
                                         + "-" + values.str[6:])
    frame.attrs["headerless"] = not header
    return frame, note


def as_file_report(report, name: str, headerless: bool):
    """The load report of a text file read through a DataFrame: the file's name, and for a file
    without a header row, row numbers that are the file's line numbers (one less)."""
    from dataclasses import replace

    shift = 1 if headerless else 0
    return replace(report, source=name,
                   rejected=[replace(r, row=r.row - shift) for r in report.rejected])
