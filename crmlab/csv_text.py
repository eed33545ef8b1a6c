"""Text files as rows: decoding (UTF-8, UTF-16, GBK/GB18030), stray NUL bytes, the delimiter.

Used by :class:`crmlab.readers.Workbook` for CSV/TSV files; ``rows[i]`` is line ``i + 1``.
"""

from __future__ import annotations

import csv
import io
import mmap
from pathlib import Path

import numpy as np

from crmlab.errors import CrmlabError


def _error(problem: str, hint: str, file: str) -> CrmlabError:
    return CrmlabError(problem, hint=hint, file=file)


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030.

    >>> decode_text("客户,金额".encode("gbk"), "a.csv")
    ('客户,金额', 'gb18030')
    """
    not_text = _error("这个文件既不是 Excel 工作簿（.xlsx），也不是 CSV 文本，无法读取",
                      "请确认选对了文件；从系统导出时请选择 .xlsx 或 CSV 格式。", file)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise not_text from None
    if b"\x00" in data:
        raise not_text
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n")
        if controls > max(2, len(text[:20000]) // 200):
            raise not_text
        return text, ("utf-8" if encoding == "utf-8-sig" else encoding)
    raise not_text


def parse_csv(text: str, file: str) -> list:
    """Split CSV text into rows of strings; ``rows[i]`` is line ``i + 1`` (blank lines kept).

    >>> parse_csv("客户;金额\\n张三;1,5\\n", "a.csv")
    [['客户', '金额'], ['张三', '1,5']]
    """
    return split_csv(text, file, detect_delimiter(text))[0]


def split_csv(text: str, file: str, delimiter: str) -> tuple[list, list]:
    """Rows of strings, and for each row the (first, last) line numbers it came from."""
    rows, lines, last = [], [], 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
            lines.append((last + 1, reader.line_num))
            last = reader.line_num
    except csv.Error as exc:
        raise _error(f"CSV 文件第 {reader.line_num} 行格式有误，无法拆分成列（{exc}）",
                     "请在 Excel 中打开后另存为「CSV UTF-8」或 .xlsx 再读取。", file) from None
    return rows, lines


DELIMITERS = (",", "\t", ";", "|")
SAMPLE_LINES = 200


def detect_delimiter(text: str) -> str:
    """The delimiter that gives a recognised header and a steady column count in the first lines.

    Counting characters alone is fooled by a notes or address column full of commas; here each
    candidate splits a sample, and the one whose header names most of 客户/日期/金额 wins, then
    the one whose rows most often have the header's number of columns.

    >>> detect_delimiter("客户\\t日期\\t金额\\t备注\\n甲\\t2021-03-01\\t5\\t送货上门, 周末, 加急\\n")
    '\\t'
    """
    from crmlab.columns import REQUIRED, find_header, header_cells, match_roles

    sample = text[:200_000].splitlines()[:SAMPLE_LINES]
    best, best_score = ",", None
    for sep in DELIMITERS:
        try:
            rows = list(csv.reader(sample, delimiter=sep))
        except csv.Error:
            continue
        filled = [r for r in rows if any(c.strip() for c in r)]
        if not filled:
            continue
        header = find_header(rows, {})
        roles = 0
        width = max(len(r) for r in filled)
        if header is not None:
            found = match_roles(header_cells(rows, header), {})
            roles = sum(1 for role in REQUIRED if role in found)
            width = len(rows[header])
        below = [r for r in filled[filled.index(rows[header]) + 1:]] if header is not None else filled
        steady = sum(1 for r in below if len(r) == width) / max(len(below), 1)
        score = (roles, width > 1, steady, width)
        if best_score is None or score > best_score:
            best, best_score = sep, score
    return best


NUL_SHARE = 0.01  # more NUL bytes than this and the file is not text (UTF-16 without BOM, binary)


def strip_nul(data: bytes) -> tuple[bytes, list[int]]:
    """Drop stray NUL bytes and say on which lines they were (a damaged line, not a damaged file).

    >>> strip_nul(b"a,b\\nc\\x00,d\\n")
    (b'a,b\\nc,d\\n', [2])
    """
    if b"\x00" not in data or data.startswith((b"\xff\xfe", b"\xfe\xff")) or \
            data.count(b"\x00") > max(16, NUL_SHARE * len(data)):
        return data, []
    lines = [i for i, line in enumerate(data.split(b"\n"), start=1) if b"\x00" in line]
    return data.replace(b"\x00", b""), lines


COLUMNS_FROM_BYTES = 1024 * 1024  # from 1 MB a CSV is split by pandas' C parser into columns
HEAD_ROWS = 2000                  # rows kept as lists for finding the header


def large_head(path: Path, from_bytes: int, head_bytes: int) -> bytes | None:
    """The first ``head_bytes`` of a CSV of ``from_bytes`` or more, cut after a line break (a
    newline byte is never part of a character in UTF-8 or GB18030), looked at through a memory
    map rather than read whole. None for a smaller file, UTF-16 (its BOM) or a file with a NUL
    byte anywhere: those are read whole."""
    if path.stat().st_size < max(from_bytes, 1):  # (an empty file cannot be mapped)
        return None
    with open(path, "rb") as handle:
        try:
            view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system that cannot map files: read it whole
            return None
        with view:
            if view[:2] in (b"\xff\xfe", b"\xfe\xff") or view.find(b"\x00") != -1:
                return None
            if len(view) <= head_bytes:
                return view[:]
            cut = view.rfind(b"\n", 0, head_bytes)
            return view[:cut + 1] if cut > 0 else view[:]


def _open(source):
    return io.BytesIO(source) if isinstance(source, bytes) else source


def csv_columns(source, encoding: str, delimiter: str, width: int, skip: int,
                numeric: set[int] = frozenset()):
    """The rows of a CSV below line ``skip`` as a DataFrame, or None when pandas' C parser cannot
    split it the way :mod:`csv` does (a row longer than ``width`` cells, ...).

    Row ``i`` is line ``skip + i + 1`` (blank lines are kept). Text columns are str, in Arrow
    when pandas keeps text there (pyarrow installed); a missing cell is NaN or "". The columns in
    ``numeric`` are read as float64 (NaN for an empty cell) when every cell is a plain number,
    else as text like the others.
    """
    import pandas as pd

    if width < 2:
        return None
    arrow = getattr(pd.Series([""], dtype=str).dtype, "storage", "") == "pyarrow"  # pandas 3 + pyarrow
    if arrow:
        import pyarrow as pa
    for numbers in (numeric, frozenset()):
        dtype = {j: ("float64" if j in numbers else pd.ArrowDtype(pa.large_string()) if arrow else object)
                 for j in range(width)}
        try:
            frame = pd.read_csv(_open(source), dtype=dtype, na_values={j: [""] for j in numbers},
                                sep=delimiter, header=None, names=list(range(width)), skiprows=skip,
                                encoding="utf-8-sig" if encoding == "utf-8" else encoding,
                                keep_default_na=False, skip_blank_lines=False, engine="c",
                                quoting=csv.QUOTE_MINIMAL, doublequote=True)
            for j in range(width):  # Arrow text as pandas' own str, which is large_string: no copy
                if arrow and j not in numbers:
                    frame[j] = pd.array(pa.array(frame[j].array), dtype=pd.StringDtype("pyarrow", na_value=np.nan))
            return frame
        except ValueError as exc:
            if numbers and "float" in str(exc):
                continue  # a cell that is not a plain number: read the column as text
            return None
        except (pd.errors.ParserError, UnicodeDecodeError, MemoryError):
            return None
    return None
