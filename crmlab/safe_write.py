"""Writing CSV and xlsx files safely: atomic, never over the input, never as a formula.

* Atomic: the file is written to a temporary file in the same folder, then moved into place
  with ``os.replace``; if anything fails, the temporary file is removed and an existing file
  at the target path is left untouched.
* Refusing to overwrite the input: an output path that is the file the data came from is an
  error, so a typo cannot destroy the student's only copy.
* Formula injection (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return could be run as a formula by a spreadsheet. In CSV
  such text gets a leading single quote; in xlsx the cell is stored as a string, never as a
  formula.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pandas as pd

from crmlab.errors import CrmlabError, output_error

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix text that a spreadsheet would read as a formula with a single quote.

    >>> escape_formula("=1+1"), escape_formula("@SUM(A1)"), escape_formula("张三"), escape_formula(-5)
    ("'=1+1", "'@SUM(A1)", '张三', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _readable_like_a_new_file(path: Path) -> None:
    """mkstemp makes owner-only files (0600); give the result the mode a plain open() would."""
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~umask)


def check_not_input(path, input_path) -> None:
    """Raise CrmlabError when ``path`` is the same file as ``input_path`` (None: no input)."""
    if input_path is None:
        return
    out, src = Path(path), Path(input_path)
    same = False
    if out.exists() and src.exists():
        same = os.path.samefile(out, src)
    else:
        same = out.resolve() == src.resolve()
    if same:
        raise CrmlabError(f"输出文件就是读入的文件「{src.name}」，写入会覆盖原始数据", file=str(out),
                          hint="请换一个输出文件名，例如在原文件名后加上“_结果”。")


def check_target(path: Path) -> None:
    """Refuse a folder or a symlink that leads nowhere (a loop) as the output file."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            if isinstance(exc, FileNotFoundError):
                return  # a link to a file not yet there: writing replaces the link
            raise
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))


def check_folder(path) -> Path:
    """Return the folder ``path`` will be written in; CrmlabError when it does not exist."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise CrmlabError(f"输出文件夹不存在：{folder}", file=str(path),
                          hint="请先建好这个文件夹，或换一个已有的文件夹。")
    return folder


@contextlib.contextmanager
def atomic_path(path, *, input_path=None):
    """Yield a temporary path next to ``path``; move it to ``path`` only if the block succeeds.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("好")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('好', ['a.txt'])
    """
    given = path
    path = Path(path)
    try:
        check_target(path)
        check_not_input(path, input_path)
        folder = check_folder(path)
        handle, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp" + path.suffix,
                                            dir=folder)
    except (OSError, RuntimeError) as exc:  # RuntimeError: Python's "Symlink loop"
        raise output_error(given, exc) from None
    os.close(handle)
    tmp = Path(tmp_name)
    _readable_like_a_new_file(tmp)
    try:
        try:
            yield tmp
        except OSError as exc:  # disk full while writing, ...: named by the user's path
            raise output_error(given, exc) from None
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise CrmlabError("无法写入输出文件，它可能正在被 Excel 或其他程序打开", file=str(given),
                              hint="请关闭该文件后重试，或换一个输出文件名。") from None
        except OSError as exc:
            raise output_error(given, exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`escape_formula` applied to every text cell and header."""
    out = frame.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(escape_formula)
    out.columns = [escape_formula(c) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path, *, input_path=None) -> Path:
    """Write ``frame`` (without its index) as UTF-8 CSV with a BOM, so Excel shows Chinese right.

    Lines end in CRLF (as Excel writes CSV), which also makes the writer quote any cell that
    holds a line break or a bare carriage return, so such a cell cannot split a row.

    Text cells that look like formulas are escaped; the write is atomic; ``input_path``
    (the file the data came from) is never overwritten.
    """
    path = Path(path)
    with atomic_path(path, input_path=input_path) as tmp:
        escape_frame(frame).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path


def set_cell(cell, value) -> None:
    """Put ``value`` in an openpyxl cell; text always stays text (never a formula).

    >>> from openpyxl import Workbook
    >>> cell = Workbook().active["A1"]
    >>> set_cell(cell, "=HYPERLINK(1)")
    >>> cell.value, cell.data_type
    ('=HYPERLINK(1)', 's')
    """
    if value is not None and not isinstance(value, str) and pd.isna(value):
        value = None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif hasattr(value, "item") and not isinstance(value, str):  # numpy scalar -> Python
        value = value.item()
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def save_workbook(workbook, path, *, input_path=None) -> Path:
    """Save an openpyxl workbook atomically, refusing to overwrite ``input_path``."""
    path = Path(path)
    with atomic_path(path, input_path=input_path) as tmp:
        workbook.save(tmp)
    return path


def write_xlsx(frame: pd.DataFrame, path, *, sheet_name: str = "Sheet1", input_path=None) -> Path:
    """Write ``frame`` (without its index) as a one-sheet xlsx; text cells stay text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    for j, name in enumerate(frame.columns, start=1):
        set_cell(sheet.cell(row=1, column=j), str(name))
    for i, values in enumerate(frame.itertuples(index=False), start=2):
        for j, value in enumerate(values, start=1):
            set_cell(sheet.cell(row=i, column=j), value)
    sheet.freeze_panes = "A2"
    return save_workbook(workbook, path, input_path=input_path)


def write_table(frame: pd.DataFrame, path, *, input_path=None) -> Path:
    """Write ``frame`` as .csv or .xlsx, chosen by the file extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return write_csv(frame, path, input_path=input_path)
    if suffix == ".xlsx":
        return write_xlsx(frame, path, input_path=input_path)
    raise CrmlabError(f"不支持的输出文件类型：「{Path(path).name}」", file=str(path),
                      hint="输出文件名请以 .csv 或 .xlsx 结尾。")
