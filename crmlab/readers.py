"""Turning a path into raw cells, safely.

The real file type is sniffed from the first bytes, not the extension: a zip is read as an
.xlsx workbook (python-calamine, openpyxl as fallback), text is read as CSV (UTF-8, UTF-8
with BOM, UTF-16, GBK/GB18030; comma, semicolon or tab). Old .xls files, password-protected
workbooks, damaged files and random bytes are refused with a Chinese explanation.

Before any XML is parsed the zip is checked: its declared sizes (a zip bomb inflates a tiny
file to gigabytes) and every XML part (no DOCTYPE, so no entity bomb), reading at most the
declared size of each part in small chunks, so memory stays bounded.

Cells are returned as rows of Python values (str, float, int, bool, date, datetime, "" for
empty); ``rows[i]`` is Excel row ``i + 1``.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from crmlab.csv_text import (COLUMNS_FROM_BYTES, HEAD_ROWS, csv_columns, decode_text,  # noqa: F401
                             detect_delimiter, large_head, parse_csv, split_csv, strip_nul)
from crmlab.errors import CrmlabError
from crmlab.sheet_xml import PartScan, WorkbookFacts, is_worksheet_part, workbook_facts

MAX_FILE_BYTES = 500 * 1024 * 1024          # refuse files above 500 MB
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024     # all parts of a workbook together, unzipped
MAX_RATIO = 200                             # unzipped / zipped, for parts above RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_SHEET_BYTES = 400 * 1024 * 1024        # one sheet's XML, unzipped (a full 1,048,576-row
                                            # Excel sheet of ~10 columns stays under it)
CHUNK = 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

SAVE_AS_HINT = "请在 Excel 中打开，另存为「Excel 工作簿 (*.xlsx)」或「CSV UTF-8」后再读取。"


@dataclass
class RawSheet:
    """Raw cells of one sheet (or a CSV file): ``rows[i]`` is Excel row ``i + 1``."""

    rows: list
    file: str | None
    sheet: str | None
    notes: list[str] = field(default_factory=list)
    date1904: bool = False            # serial dates count from 1904-01-01 (Mac workbooks)
    delimiter: str | None = None      # the CSV delimiter (";" hints at a decimal-comma locale)
    bad_rows: dict = field(default_factory=dict)  # row index -> why the reader could not read it
    # a large CSV: ``rows`` holds only the first HEAD_ROWS rows (enough to find the header);
    # ``load_body(header, numeric)`` then reads every row below the header, as columns
    # (:func:`crmlab.csv_text.csv_columns`) or, when pandas cannot split them, as full ``rows``
    load_body: object = None


def _error(problem: str, hint: str, file: str, sheet: str | None = None) -> CrmlabError:
    return CrmlabError(problem, hint=hint, file=file, sheet=sheet)


class Workbook:
    """An opened .xlsx or CSV file: ``sheet_names`` and ``read(name) -> RawSheet``.

    A CSV has one sheet whose name is ``None``.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.file = self.path.name
        self.notes: list[str] = []
        self._calamine = None
        self._openpyxl = None
        self._fh = None
        self._csv_rows = None
        self._facts = WorkbookFacts()
        self.kind = self._sniff()
        if self.kind == "xlsx":
            self._open_xlsx()
            self.sheet_names = list(self._sheet_names)
        else:
            self.sheet_names = [None]

    # ---- sniffing -------------------------------------------------------------------------
    def _sniff(self) -> str:
        path, name = self.path, self.file
        if not path.exists():
            folder = path.parent
            near = [p.name for pattern in ("*.xls*", "*.csv") for p in sorted(folder.glob(pattern))
                    ] if folder.is_dir() else []
            hint = "请检查文件名和所在文件夹。"
            if near:
                hint += "这个文件夹里有：" + "、".join(near[:8]) + "。"
            raise _error(f"找不到文件「{path}」", hint, name)
        if path.is_dir():
            raise _error("这是一个文件夹，不是文件", "请给出 .xlsx 或 .csv 文件的路径。", name)
        size = path.stat().st_size
        if size == 0:
            raise _error("文件是空的（0 字节）", "请重新从系统导出或重新复制这个文件。", name)
        if size > MAX_FILE_BYTES:
            raise _error(f"文件太大（{size / 1024 / 1024:.0f} MB，上限 500 MB）",
                         "请只导出需要的时间段或列。", name)
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head.startswith(ZIP_MAGIC):
            return "xlsx"
        if head.startswith(OLE_MAGIC):
            data = path.read_bytes()
            if "EncryptionInfo".encode("utf-16-le") in data or \
                    "EncryptedPackage".encode("utf-16-le") in data:
                raise _error("这个工作簿设置了打开密码，程序无法读取",
                             "请在 Excel 中输入密码打开，到「文件 → 信息 → 保护工作簿 → 用密码进行加密」"
                             "清空密码后另存为 .xlsx，再读取。", name)
            raise _error("这是旧版 Excel 97-2003 格式（.xls），crmlab 不读这种格式", SAVE_AS_HINT, name)
        return "csv"

    # ---- xlsx -----------------------------------------------------------------------------
    def _open_xlsx(self) -> None:
        self._facts = check_zip(self.path, self.file)
        if self.path.suffix.lower() not in (".xlsx", ".xlsm"):
            self.notes.append(f"文件扩展名是「{self.path.suffix}」，但内容是 Excel 工作簿，已按 .xlsx 读取")
        try:
            import python_calamine
            self._calamine = python_calamine.CalamineWorkbook.from_path(str(self.path))
            self._sheet_names = list(self._calamine.sheet_names)
            return
        except ImportError:
            pass
        except BaseException as exc:  # calamine may raise a Rust panic (a BaseException)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
        self._open_openpyxl()

    def _open_openpyxl(self) -> None:
        import openpyxl
        self._fh = open(self.path, "rb")  # ours, so it is closed even when openpyxl fails
        try:
            self._openpyxl = openpyxl.load_workbook(self._fh, read_only=True, data_only=True)
            self._sheet_names = list(self._openpyxl.sheetnames)
        except Exception as exc:
            self.close()
            raise _damaged(self.file, exc) from None

    def close(self) -> None:
        """Release the file; safe to call twice."""
        for attr in ("_calamine", "_openpyxl", "_fh"):
            handle = getattr(self, attr, None)
            if handle is not None:
                try:
                    handle.close()
                except BaseException as exc:  # a damaged file may fail to close too
                    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                        raise
                setattr(self, attr, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def read(self, sheet: str | None) -> RawSheet:
        if self.kind == "csv":
            return self._read_csv()
        if sheet not in self.sheet_names:
            raise _error(f"工作簿里没有名为「{sheet}」的工作表",
                         "现有的工作表是：" + "、".join(f"「{s}」" for s in self.sheet_names)
                         + "。请改用其中之一（命令行用 --sheet，Python 里用 sheet=）。", self.file)
        scan = self._facts.parts.get(sheet)
        rows = None
        if self._calamine is not None:
            try:
                rows = self._calamine.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                rows = None
        if rows is not None and scan is not None and len(rows) < scan.last_value_row:
            rows = None  # the reader missed rows the sheet has: read it again with openpyxl
        if rows is None:
            if self._openpyxl is None:
                self._open_openpyxl()
            if self._openpyxl is None:
                raise _damaged(self.file, RuntimeError("openpyxl"), sheet)
            try:
                ws = self._openpyxl[sheet]
                ws.reset_dimensions()  # read every <row>, never trust the declared <dimension>
                rows = [["" if v is None else v for v in row]
                        for row in ws.iter_rows(values_only=True)]
            except CrmlabError:
                raise
            except Exception as exc:
                raise _damaged(self.file, exc, sheet) from None
        if scan is not None:
            _check_row_count(rows, scan, self.file, sheet)
            _mark_cells(rows, scan)
        return RawSheet(rows, self.file, sheet, list(self.notes), date1904=self._facts.date1904)

    # ---- csv ------------------------------------------------------------------------------
    def _whole_csv(self, encoding: str, first: str, delimiter: str) -> list:
        """A large CSV's rows split by :mod:`csv`, when pandas could not split it. Its head chose
        the encoding; a file whose later lines need another one is read in that one only when
        the head reads the same in it (an English header over GBK names), else refused."""
        data, _ = strip_nul(self.path.read_bytes())
        try:
            text, whole = decode_text(data, self.file)
        except CrmlabError:  # no one encoding reads it all
            text, whole = "", None
        if whole != encoding:
            if whole is None or not text.startswith(first):
                line = data.count(b"\n", 0, _first_undecodable(data, encoding)) + 1
                raise _error(f"文件的编码前后不一致：开头是 {_CODEC_NAMES.get(encoding, encoding)}，"
                             f"第 {line} 行起不是", "这多半是两个不同编码的文件拼在了一起：请在 Excel 或 "
                             "WPS 中打开，另存为「CSV UTF-8」后再读取。", self.file)
            self._csv_rows.notes.append(f"文件编码是 {_CODEC_NAMES.get(whole, whole)}，已自动识别")
        return split_csv(text, self.file, delimiter)[0]

    def _read_csv(self) -> RawSheet:
        if self._csv_rows is not None:
            return self._csv_rows
        # a large file's head is enough to choose the encoding (UTF-16 aside): pandas decodes the
        # rest strictly, and a file that changes encoding further down goes to _whole_csv
        data = large_head(self.path, COLUMNS_FROM_BYTES, HEAD_BYTES)
        large = head_only = data is not None
        nul_lines = []
        if data is None:
            data, nul_lines = strip_nul(self.path.read_bytes())
            large = not nul_lines and len(data) >= COLUMNS_FROM_BYTES  # UTF-16 (or NUL bytes)
        text, encoding = decode_text(data, self.file)
        if self.path.suffix.lower() in (".xlsx", ".xls", ".xlsm"):
            self.notes.append(f"文件扩展名是「{self.path.suffix}」，但内容其实是 CSV 文本，已按 CSV 读取")
        if encoding in ("gb18030", "utf-16"):
            self.notes.append(f"文件编码是 {'GBK' if encoding == 'gb18030' else 'UTF-16'}，已自动识别")
        delimiter = detect_delimiter(text)
        if delimiter != ",":
            name = {"\t": "制表符（Tab）", ";": "分号", "|": "竖线"}[delimiter]
            self.notes.append(f"CSV 的分隔符是{name}，已自动识别")
        if large:
            head_lines = text[:2_000_000].splitlines()[:HEAD_ROWS]
            head = split_csv("\n".join(head_lines[:-1]), self.file, delimiter)[0]
            width = max((len(r) for r in head), default=0)
            source = text.encode("utf-8") if encoding == "utf-16" else self.path
            codec, first = ("utf-8" if encoding == "utf-16" else encoding), text[:200_000]
            del text, data

            def load_body(header: int, numeric: set[int]):
                frame = csv_columns(source, codec, delimiter, width, header + 1, numeric)
                if frame is not None:
                    return frame
                rows = self._whole_csv(encoding, first, delimiter)  # pandas could not split it
                return rows[header + 1:]

            self._csv_rows = RawSheet(head, self.file, None, list(self.notes), delimiter=delimiter,
                                      load_body=load_body)
            return self._csv_rows
        rows, lines = split_csv(text, self.file, delimiter)
        bad = {}
        if nul_lines:
            for i, (first, last) in enumerate(lines):
                hit = [n for n in nul_lines if first <= n <= last]
                if hit:
                    bad[i] = f"第 {hit[0]} 行含有空字节（\\0），文件在这里可能已损坏，这一行没有使用"
        self._csv_rows = RawSheet(rows, self.file, None, list(self.notes), delimiter=delimiter,
                                  bad_rows=bad)
        return self._csv_rows


_CODEC_NAMES = {"utf-8": "UTF-8", "gb18030": "GBK", "utf-16": "UTF-16"}


def _first_undecodable(data: bytes, encoding: str) -> int:
    try:
        data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


HEAD_BYTES = 8_000_000  # at least 2,000,000 characters of any encoding: the head rows and more


def _check_row_count(rows: list, scan: PartScan, file: str, sheet: str) -> None:
    """Every row that holds a value in the sheet's XML must be among the rows read."""
    if len(rows) < scan.last_value_row:
        raise _error(f"工作表有数据到第 {scan.last_value_row} 行，但只读到了 {len(rows)} 行",
                     "文件的结构不标准（多见于其他软件导出的文件）：请在 Excel 或 WPS 中打开，"
                     "另存为新的 .xlsx 后再读取。", file, sheet)


def _mark_cells(rows: list, scan: PartScan) -> None:
    """Put Excel error values and uncalculated formulas back where the reader left blanks."""
    for (r, c), value in scan.marks.items():
        row = rows[r]
        if not isinstance(row, list):
            row = rows[r] = list(row)
        if c >= len(row):
            row.extend([""] * (c + 1 - len(row)))
        row[c] = value


def _damaged(file: str, exc: BaseException, sheet: str | None = None) -> CrmlabError:
    return _error(f"文件已损坏或不完整，无法作为 Excel 工作簿读取（{type(exc).__name__}）",
                  "文件可能没下载完或复制时出错：请重新从系统导出，或在 Excel 中打开后另存为 .xlsx。",
                  file, sheet)


def check_zip(path: Path, file: str) -> WorkbookFacts:
    """Refuse zip bombs, XML entity bombs and zips that are not workbooks, before parsing.

    Reads each XML part in chunks up to its declared size (zipfile stops there and checks
    the CRC, so a part that lies about its size fails too); memory stays at a few MB. The same
    pass gathers what the cell readers lose (see :mod:`crmlab.sheet_xml`), returned as
    :class:`~crmlab.sheet_xml.WorkbookFacts`.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise _bomb(file)
            names = {i.filename for i in infos}
            if "mimetype" in names and b"opendocument" in zf.read("mimetype")[:100]:
                raise _error("这是 WPS/LibreOffice 的 OpenDocument 表格（.ods），crmlab 不读这种格式",
                             SAVE_AS_HINT, file)
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                raise _error("这是一个压缩包（zip），但不是 Excel 工作簿",
                             "请给出 .xlsx 或 .csv 文件；如果是 .zip，请先解压。", file)
            if "xl/workbook.bin" in names:
                raise _error("这是 Excel 二进制工作簿（.xlsb），crmlab 不读这种格式", SAVE_AS_HINT, file)
            total = sum(i.file_size for i in infos)
            if total > MAX_UNZIPPED_BYTES:
                raise _bomb(file)
            for info in infos:
                if is_worksheet_part(info.filename) and info.file_size > MAX_SHEET_BYTES:
                    raise _error(f"有一个工作表解压后有 {info.file_size / 2**20:.0f} MB，超过了 crmlab "
                                 f"能读的 {MAX_SHEET_BYTES // 2**20} MB（读进来会用掉好几 GB 内存）",
                                 "请只导出需要的时间段或列；或在 Excel 中另存为「CSV UTF-8」，"
                                 "CSV 文件可以读到 500 MB。", file)
                if info.file_size > RATIO_FLOOR and \
                        info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise _bomb(file)
            scans = {}
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    scan = PartScan() if is_worksheet_part(info.filename) else None
                    _scan_xml_part(zf, info, file, scan)
                    if scan is not None:
                        scans[info.filename] = scan
            return workbook_facts(zf, scans)
    except CrmlabError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, KeyError, RuntimeError) as exc:
        raise _damaged(file, exc) from None
    except Exception as exc:  # zlib.error and friends
        raise _damaged(file, exc) from None


def _scan_xml_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str,
                   scan: PartScan | None) -> None:
    tail = b""
    seen = 0
    with zf.open(info) as part:
        while True:
            chunk = part.read(CHUNK)
            if not chunk:
                break
            seen += len(chunk)
            if seen > info.file_size:
                raise _bomb(file)
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _error("工作簿里含有 XML 实体定义（DOCTYPE/ENTITY），正常的 Excel 文件不会有，"
                             "可能是恶意构造的文件，已拒绝读取",
                             "请在 Excel 中打开后另存为新的 .xlsx，或确认文件来源。", file)
            if scan is not None:
                scan.feed(chunk)
            tail = chunk[-16:]
    if scan is not None:
        scan.close()


def _bomb(file: str) -> CrmlabError:
    return _error("这个文件解压后会异常巨大（疑似压缩炸弹），已拒绝读取",
                  "正常的交易记录不会这样：请确认文件来源，或在 Excel 中打开后另存为新的 .xlsx。", file)
