"""A catalogue of bad or awkward transaction files, generated (never committed as binaries).

Each :class:`Case` builds one file and says what a user expects from
``load_transactions``: it loads (with these rows used/rejected and these notes), or it
raises ``CrmlabError`` naming this sheet / Excel row / column.

Run ``python tests/bad_inputs.py OUTDIR`` to write every file into OUTDIR and look at them
in Excel; tests/test_bad_inputs.py builds them in a temporary folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HEADER = ["客户名称", "交易日期", "消费金额"]


def good_rows(n: int = 6) -> list[list]:
    """n valid rows: customers 甲/乙/丙 in turn, dates 2021-03-01.., amounts 100, 200, .."""
    names = ["甲", "乙", "丙"]
    return [[names[i % 3], dt.datetime(2021, 3, 1 + i), 100.0 * (i + 1)] for i in range(n)]


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
               number_formats: dict[str, str] | None = None) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    ws.cell(r, c, value)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def xlsx_bytes(rows: list[list] | None = None) -> bytes:
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        p = write_xlsx(Path(tmp) / "a.xlsx", {"Sheet1": rows or [HEADER] + good_rows()})
        return p.read_bytes()


def replace_zip_part(data: bytes, name: str, payload: bytes) -> bytes:
    """The same zip with one part's content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, payload if info.filename == name else src.read(info))
    return out.getvalue()


ENTITY_BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
               + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                          for i in range(1, 10))
               + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
               b'</sheetData></worksheet>')


def entity_bomb_xlsx(path: Path) -> Path:
    """A workbook whose sheet holds a 'billion laughs' entity bomb."""
    data = xlsx_bytes()
    path.write_bytes(replace_zip_part(data, "xl/worksheets/sheet1.xml", ENTITY_BOMB))
    return path


def zip_bomb_xlsx(path: Path, gigabytes: int = 1, lie_about_size: bool = False) -> Path:
    """A ~1 MB workbook whose sheet part inflates to ``gigabytes`` GB of spaces.

    The deflate stream is one compressed MB repeated (full flushes make blocks independent),
    so building it takes well under a second. With ``lie_about_size`` the zip headers
    declare 1 KB for that part.
    """
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    count = 1024 * gigabytes
    stream = block * count + b"\x03\x00"
    if lie_about_size:  # the CRC of the 1 KB the headers claim
        crc = zlib.crc32(chunk[:1024])
    else:
        crc = 0
        for _ in range(count):
            crc = zlib.crc32(chunk, crc)
    entries = []
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes())) as src:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                size = 1024 if lie_about_size else count * len(chunk)
                entries.append((info.filename, stream, size, crc))
            else:
                raw = src.read(info)
                c = zlib.compressobj(6, zlib.DEFLATED, -15)
                entries.append((info.filename, c.compress(raw) + c.flush(), len(raw), zlib.crc32(raw)))
    path.write_bytes(_raw_zip(entries))
    return path


def _raw_zip(entries) -> bytes:
    out, central = io.BytesIO(), io.BytesIO()
    for name, comp, size, crc in entries:
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), size,
                              len(n), 0) + n + comp)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                                  len(comp), size, len(n), 0, 0, 0, 0, 0, offset) + n)
    cd = central.getvalue()
    start = out.tell()
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), start, 0))
    return out.getvalue()


SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _xml_cell(ref: str, value) -> str:
    """One <c>: ("e", "#N/A") an error value, ("f", "SUM(..)") a formula never calculated,
    text as an inline string, anything else as a number."""
    from xml.sax.saxutils import escape
    if isinstance(value, tuple):
        kind, raw = value
        if kind == "e":
            return f'<c r="{ref}" t="e"><v>{raw}</v></c>'
        return f'<c r="{ref}"><f>{escape(raw)}</f></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def sheet_xml(rows: list[list], dimension: str | None = None) -> bytes:
    """A worksheet part written by hand (as some exporters do), ``dimension`` as declared."""
    body = "".join(f'<row r="{i}">' + "".join(_xml_cell(f"{chr(65 + j)}{i}", v) for j, v in enumerate(row)
                                              if v is not None and v != "") + "</row>"
                   for i, row in enumerate(rows, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {SHEET_NS}>{dim}<sheetData>{body}'
            "</sheetData></worksheet>").encode()


def raw_xlsx(rows: list[list], dimension: str | None = None):
    """A builder: a workbook whose sheet XML is ``sheet_xml(rows, dimension)``."""
    return lambda p: p.write_bytes(replace_zip_part(xlsx_bytes(), "xl/worksheets/sheet1.xml",
                                                    sheet_xml(rows, dimension)))


def mac_1904_xlsx(path: Path) -> Path:
    """A Mac-style workbook (1904 date system): a date cell and two bare serial numbers."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(HEADER)
    ws.append(["甲", dt.datetime(2021, 3, 5), 10])
    ws.append(["乙", 42798, 20])   # 2021-03-05 counted from 1904-01-01
    ws.append(["丙", 42798.5, 30])
    wb.save(path)
    return path


def encrypted_xlsx(path: Path) -> Path:
    import msoffcrypto.format.ooxml as ooxml  # test extra: msoffcrypto-tool
    plain = io.BytesIO(xlsx_bytes())
    with open(path, "wb") as out:
        ooxml.OOXMLFile(plain).encrypt("secret", out)
    return path


@dataclass
class Case:
    """One catalogue entry: how to build the file and what the user should see."""

    name: str
    filename: str
    build: Callable[[Path], object]
    kwargs: dict = field(default_factory=dict)
    # loads: rows used / rejected, (Excel row, column) of each reject, substrings of the notes
    used: int | None = None
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    check: Callable | None = None
    # errors: substring of the problem and the location fields expected on the error
    error: str | None = None
    where: dict = field(default_factory=dict)


def _xlsx(sheets, **kw):
    return lambda p: write_xlsx(p, sheets, **kw)


def _csv(rows, **kw):
    return lambda p: write_csv(p, rows, **kw)


def _bytes(data: bytes):
    return lambda p: p.write_bytes(data)


def _dates_equal(expected: str):
    def check(frame):
        assert (frame["date"] == dt.datetime.fromisoformat(expected)).all()
    return check


def _amounts(expected: list[float]):
    def check(frame):
        assert frame["amount"].tolist() == expected
    return check


def _reasons(*needles: str):
    def check(frame):
        reasons = [r.reason for r in frame.attrs["load_report"].rejected]
        assert len(reasons) == len(needles), reasons
        for needle, reason in zip(needles, reasons):
            assert needle in reason, (needle, reason)
    return check


def _all(*checks):
    def check(frame):
        for c in checks:
            assert c(frame) is not False
    return check


def _customers(expected: list[str]):
    def check(frame):
        assert sorted(frame["customer"].unique()) == expected
    return check


R = good_rows()
T = [HEADER] + R  # a valid table with its header on row 1

CASES: list[Case] = [
    # ---- layout ---------------------------------------------------------------------------
    Case("title_rows_above_header", "标题行.xlsx",
         _xlsx({"交易": [["旭东公司 3 月交易记录"], [], HEADER] + R + [["甲", "N/A", 5]]},
               merges={"交易": ["A1:C1"]}),
         used=6, rejected=[(10, "交易日期")], notes=["表头在第 3 行"]),
    Case("merged_header_cells", "合并表头.xlsx",
         _xlsx({"Sheet1": [["客户信息", None, "交易信息", None],
                           ["客户ID", "客户名称", "订单日期", "订单金额"]]
                + [[f"C{i % 3}", n, d, a] for i, (n, d, a) in enumerate(R)]},
               merges={"Sheet1": ["A1:B1", "C1:D1"]}),
         used=6, check=_customers(["C0", "C1", "C2"])),
    Case("header_merged_downwards", "纵向合并表头.xlsx",
         _xlsx({"Sheet1": [["客户", "交易信息", None], [None, "日期", "金额"]] + R},
               merges={"Sheet1": ["A1:A2", "B1:C1"]}),
         used=6, check=lambda f: f.attrs["load_report"].columns["customer"] == "客户"),
    Case("blank_rows_middle_and_end", "空行.xlsx",
         _xlsx({"Sheet1": [HEADER] + R[:3] + [[], []] + R[3:] + [[], [None, None, None]]}),
         used=6, notes=["跳过了 2 个空行"]),
    Case("csv_blank_lines", "空行.csv",
         _csv([HEADER, ["甲", "2021-03-01", "1"], [], ["乙", "2021-03-02", "2"], [], []]),
         used=2, notes=["跳过了 3 个空行"]),
    Case("blank_customer_cell", "缺客户.xlsx",
         _xlsx({"Sheet1": T + [[None, dt.datetime(2021, 3, 9), 50]]}),
         used=6, rejected=[(8, "客户名称")]),
    Case("totals_row_at_end", "合计行.xlsx",
         _xlsx({"Sheet1": T + [["合计", None, 2100]]}),
         used=6, rejected=[(8, "客户名称")]),
    # ---- dates ----------------------------------------------------------------------------
    Case("unparseable_dates", "坏日期.xlsx",
         _xlsx({"Sheet1": T + [["甲", "2021-13-45", 10], ["乙", "N/A", 20]]}),
         used=6, rejected=[(8, "交易日期"), (9, "交易日期")]),
    Case("text_dates_several_formats", "文字日期.csv",
         _csv([HEADER] + [["甲", d, "10"] for d in
                          ["2021-03-05", "2021/3/5", "2021年3月5日", "2021.3.5", "20210305",
                           "2021-03-05 14:30:00"]]),
         used=6, notes=["5 个日期是其他写法的文字"], check=_dates_equal("2021-03-05")),
    Case("excel_serial_dates", "序列号日期.xlsx",
         _xlsx({"Sheet1": [HEADER, ["甲", 44260, 10], ["乙", 44260.75, 20]]}),
         used=2, notes=["Excel 序列号"], check=_dates_equal("2021-03-05")),
    Case("excel_serial_dates_as_text", "序列号日期.csv",
         _csv([HEADER, ["甲", "44260", "10"], ["乙", "44260", "20"]]),
         used=2, check=_dates_equal("2021-03-05")),
    Case("date_cells_with_time", "带时刻.xlsx",
         _xlsx({"Sheet1": [HEADER, ["甲", dt.datetime(2021, 3, 5, 9, 30), 10],
                           ["乙", dt.datetime(2021, 3, 5), 20]]}),
         used=2, notes=["只保留了日期"], check=_dates_equal("2021-03-05")),
    Case("day_first_date_not_guessed", "日月顺序.csv",
         _csv([HEADER, ["甲", "2021-03-05", "10"], ["乙", "2021-03-06", "10"], ["丙", "05/03/2021", "10"]]),
         used=2, rejected=[(4, "交易日期")]),
    # ---- amounts --------------------------------------------------------------------------
    Case("amounts_as_text", "文字金额.csv",
         _csv([HEADER, ["甲", "2021-03-01", "¥1,200.00"], ["乙", "2021-03-01", "1200元"],
               ["丙", "2021-03-01", "１２００"], ["甲", "2021-03-01", "￥1,200"]]),
         used=4, notes=["4 个金额是文字", "¥", "元", "千分位逗号", "全角"],
         check=_amounts([1200.0] * 4)),
    Case("amount_not_a_number", "金额非数字.xlsx",
         _xlsx({"Sheet1": T + [["甲", dt.datetime(2021, 3, 9), "面议"]]}),
         used=6, rejected=[(8, "消费金额")]),
    Case("zero_and_negative_amounts", "退货.xlsx",
         _xlsx({"Sheet1": T + [["甲", dt.datetime(2021, 3, 9), 0], ["乙", dt.datetime(2021, 3, 9), -200]]}),
         used=7, rejected=[(8, "消费金额")], notes=["1 行金额为负数"],
         check=lambda f: f["amount"].sum() == 2100 - 200),
    # ---- names ----------------------------------------------------------------------------
    Case("names_differing_in_spaces", "空格客户名.csv",
         _csv([HEADER, ["张三", "2021-03-01", "1"], [" 张三", "2021-03-02", "1"],
               ["张三\u3000", "2021-03-03", "1"], ["ＡＢＣ公司", "2021-03-03", "1"], ["ABC公司", "2021-03-03", "1"]]),
         used=5, notes=["已当作同一客户", "有 2 个客户"], check=_customers(["ABC公司", "张三"])),
    # ---- encodings and file types ---------------------------------------------------------
    Case("csv_in_gbk", "GBK.csv", _csv(T[:1] + [[n, d.strftime("%Y-%m-%d"), a] for n, d, a in R],
                                      encoding="gbk"),
         used=6, notes=["GBK"]),
    Case("csv_semicolon_utf8_bom", "分号.csv",
         _csv([["customer_id", "date", "amount", "order_id"], ["1001", "2021-03-01", "5", "A1"],
               ["1002", "2021-03-02", "7", "A2"]], encoding="utf-8-sig", delimiter=";"),
         used=2, check=lambda f: f["order_id"].tolist() == ["A1", "A2"]),
    Case("csv_renamed_to_xlsx", "其实是CSV.xlsx",
         _csv([HEADER, ["甲", "2021-03-01", "5"]]), used=1, notes=["其实是 CSV"]),
    Case("explicit_column_names", "自定义列名.xlsx",
         _xlsx({"Sheet1": [["买家", "时间", "付款"], ["甲", dt.datetime(2021, 3, 1), 5]]}),
         kwargs={"customer": "买家", "date": "时间", "amount": "付款"}, used=1),
    Case("several_sheets_one_with_transactions", "多表一个交易.xlsx",
         _xlsx({"说明": [["本工作簿由系统导出"]], "交易记录": T, "汇总": [["客户", "合计"], ["甲", 1]]}),
         used=6, notes=["自动选用了「交易记录」"]),
    # ---- sheets whose XML readers get wrong (issue 15) --------------------------------------
    Case("declared_dimension_too_small", "尺寸声明错误.xlsx",
         raw_xlsx([HEADER] + [[f"客户{i % 38}", 44260 + i % 20, 10 + i] for i in range(143)], "A1:C2"),
         used=143),
    Case("spill_error_and_wrong_dimension", "溢出错误.xlsx",  # calamine refuses #SPILL!: openpyxl reads
         raw_xlsx([HEADER] + [[f"客户{i % 38}", 44260 + i % 20, 10 + i] for i in range(142)]
                  + [[("e", "#SPILL!"), 44270, 5]], "A1:C2"),
         used=142, rejected=[(144, "客户名称")], check=_reasons("#SPILL!")),
    Case("excel_error_values", "错误值.xlsx",
         raw_xlsx([HEADER] + [["甲", 44260, 10]] * 6 + [[("e", "#N/A"), 44261, 5], ["乙", ("e", "#REF!"), 5],
                                                       ["丙", 44262, ("e", "#DIV/0!")]]),
         used=6, rejected=[(8, "客户名称"), (9, "交易日期"), (10, "消费金额")],
         check=_reasons("#N/A", "#REF!", "#DIV/0!")),
    Case("formulas_never_calculated", "公式未计算.xlsx",
         raw_xlsx([HEADER] + [["甲", 44260 + i, ("f", f"10*{i + 1}")] for i in range(4)]),
         error="公式从未计算过", where={"row": 2, "column": "消费金额"}),
    Case("one_formula_never_calculated", "个别公式未计算.xlsx",
         raw_xlsx([HEADER] + [["甲", 44260 + i, 10] for i in range(4)] + [["乙", 44265, ("f", "C2+C3")]]),
         used=4, rejected=[(6, "消费金额")], check=_reasons("公式从未计算过")),
    Case("excel_errors_in_csv", "错误值.csv",
         _csv([HEADER] + [["甲", "2021-03-01", "10"]] * 4 + [["乙", "2021-03-02", "#N/A"], ["#REF!", "2021-03-02", "1"]]),
         used=4, rejected=[(6, "消费金额"), (7, "客户名称")], check=_reasons("#N/A", "#REF!")),
    # ---- totals, invisible characters --------------------------------------------------------
    Case("totals_rows_however_spaced", "合计行空格.xlsx",
         _xlsx({"Sheet1": T + [["合\u3000计", None, 2100], ["小  计", None, 700], ["总计：", None, 2100],
                               ["【合计】", None, 2100]]}),
         used=6, rejected=[(8, "客户名称"), (9, "客户名称"), (10, "客户名称"), (11, "客户名称")],
         notes=["剔除了 4 个合计/小计行"], check=_reasons(*["合计行"] * 4)),
    Case("invisible_characters_in_names", "不可见字符.csv",
         _csv([HEADER, ["张三", "2021-03-01", "1"], ["张三\u200b", "2021-03-02", "1"],
               ["\ufeff张三", "2021-03-03", "1"], ["张\u2060三", "2021-03-03", "1"], ["李四", "2021-03-03", "1"]]),
         used=5, notes=["合并的写法：'张三' ← '张三'、'张三\\u200b'、'\\ufeff张三'、'张\\u2060三'"],
         check=_customers(["张三", "李四"])),
    # ---- amounts: commas never rescale -------------------------------------------------------
    Case("decimal_comma_semicolon_csv", "欧洲格式.csv",
         _csv([HEADER, ["甲", "2021-03-01", "12,50"], ["乙", "2021-03-02", "1.234,56"],
               ["丙", "2021-03-03", "7"], ["甲", "2021-03-04", "0,99"]], delimiter=";"),
         used=4, notes=["逗号作小数点"], check=_amounts([12.5, 1234.56, 7.0, 0.99])),
    Case("decimal_comma_comma_csv_quoted", "小数逗号.csv",
         _csv([HEADER, ["甲", "2021-03-01", "12,50"], ["乙", "2021-03-02", "3,75"], ["丙", "2021-03-03", "1,5"]]),
         used=3, check=_amounts([12.5, 3.75, 1.5])),
    Case("thousands_column_with_a_stray_comma", "千分位.csv",
         _csv([HEADER, ["甲", "2021-03-01", "1,200"], ["乙", "2021-03-02", "12,345.50"],
               ["丙", "2021-03-03", "1,5"], ["甲", "2021-03-04", "800"]]),
         used=3, rejected=[(4, "消费金额")], check=_all(_amounts([1200.0, 12345.5, 800.0]),
                                                   _reasons("逗号位置不对"))),
    Case("semicolon_csv_with_ambiguous_commas", "分号千分位.csv",
         _csv([HEADER, ["甲", "2021-03-01", "1,200"], ["乙", "2021-03-02", "3,500"]], delimiter=";"),
         error="无法确定金额里的逗号", where={"row": 2, "column": "消费金额"}),
    Case("amounts_that_overflow", "超大金额.xlsx",
         _xlsx({"Sheet1": T + [["甲", dt.datetime(2021, 3, 9), 1.7e308], ["乙", dt.datetime(2021, 3, 9), 1.7e308]]}),
         used=6, rejected=[(8, "消费金额"), (9, "消费金额")], check=_reasons("大得不合理", "大得不合理")),
    # ---- impossible dates and ids -----------------------------------------------------------
    Case("phantom_1900_dates", "1900年.xlsx",
         _xlsx({"Sheet1": T + [["甲", 60, 10], ["乙", 1, 10], ["丙", dt.datetime(1921, 3, 5), 10]]}),
         used=6, rejected=[(8, "交易日期"), (9, "交易日期"), (10, "交易日期")],
         check=_reasons("1900-02-29", "早于 1990-01-01", "早于 1990-01-01")),
    Case("mac_1904_date_system", "Mac日期.xlsx", mac_1904_xlsx, used=3,
         notes=["1904 日期系统"], check=_dates_equal("2021-03-05")),
    Case("ids_in_scientific_notation", "科学计数法编号.csv",
         _csv([["会员ID", "交易日期", "消费金额"]] + [["6.22202E+18", "2021-03-01", "10"]] * 3),
         error="科学计数法", where={"row": 2, "column": "会员ID"}),
    Case("ids_of_19_digits_as_numbers", "长编号.xlsx",
         _xlsx({"Sheet1": [["会员ID", "交易日期", "消费金额"]]
                + [[6222021234567890000 + i, dt.datetime(2021, 3, 1), 10] for i in range(3)]}),
         error="Excel 已经把它四舍五入", where={"row": 2, "column": "会员ID"}),
    Case("ids_of_15_digits_are_exact", "15位编号.xlsx",
         _xlsx({"Sheet1": [["会员ID", "交易日期", "消费金额"]]
                + [[622202123456789 + i, dt.datetime(2021, 3, 1), 10] for i in range(3)]}),
         used=3, check=_customers(["622202123456789", "622202123456790", "622202123456791"])),
    # ---- right files accepted ------------------------------------------------------------------
    Case("tsv_with_commas_in_notes", "备注逗号.tsv",
         _csv([HEADER + ["备注"]] + [["甲", "2021-03-01", "10", "送货上门, 周末, 加急, 到付, 放门卫, 电话联系, 勿按门铃"],
                                     ["乙", "2021-03-02", "20", "地址：北京市, 海淀区, 中关村大街, 1 号, 3 层, 301 室"],
                                     ["丙", "2021-03-03", "30", "无, 无, 无, 无, 无"]], delimiter="\t"),
         used=3, check=_amounts([10.0, 20.0, 30.0])),
    Case("semicolon_csv_with_commas_in_address", "分号地址.csv",
         _csv([HEADER + ["地址"]] + [["甲", "2021-03-01", "10", "北京市, 海淀区, 中关村, 1 号, 2 单元, 301"],
                                     ["乙", "2021-03-02", "20", "上海市, 浦东新区, 世纪大道, 100 号, 5 层, 2"]],
              delimiter=";"),
         used=2, check=_amounts([10.0, 20.0])),
    Case("nul_byte_costs_its_line", "空字节.csv",
         lambda p: p.write_bytes("客户名称,交易日期,消费金额\n甲,2021-03-01,10\n乙,2021-03-02,2\x000\n"
                                 "丙,2021-03-03,30\n甲,2021-03-04,40\n".encode()),
         used=3, rejected=[(3, "（整行）")], check=_reasons("第 3 行含有空字节")),
    Case("header_below_row_30", "表头很靠下.xlsx",
         _xlsx({"Sheet1": [[f"说明第 {i} 行：本表由系统导出，请勿修改"] for i in range(1, 41)] + T}),
         used=6, notes=["表头在第 41 行"]),
    # ---- errors ---------------------------------------------------------------------------
    Case("missing_amount_column", "缺金额列.xlsx",
         _xlsx({"Sheet1": [["客户名称", "交易日期", "备注"], ["甲", dt.datetime(2021, 3, 1), "x"]]}),
         error="找不到「金额」列", where={"sheet": "Sheet1", "row": 1}),
    Case("two_date_columns", "两个日期列.xlsx",
         _xlsx({"Sheet1": [["客户", "订单日期", "交易日期", "金额"], ["甲", 1, 2, 3]]}),
         error="有两列都像「日期」", where={"sheet": "Sheet1", "row": 1}),
    Case("most_dates_unparseable", "大部分坏日期.csv",
         _csv([HEADER, ["甲", "2021-03-01", "1"], ["乙", "昨天", "1"], ["丙", "上周", "1"]]),
         error="3 行里有 2 行无法使用", where={"row": 3, "column": "交易日期"}),
    Case("transactions_on_or_after_today", "今天之后.xlsx",
         _xlsx({"Sheet1": T + [["甲", dt.datetime(2021, 4, 1), 10]]}),
         kwargs={"today": "2021-04-01"}, error="当天或之后",
         where={"sheet": "Sheet1", "row": 8, "column": "交易日期"}),
    Case("same_header_twice", "两列同名.xlsx",
         _xlsx({"Sheet1": [["客户", "日期", "金额", "备注", "金额"], ["甲", dt.datetime(2021, 3, 1), 5, "", 4]]}),
         error="有两列都像「金额」：「金额」（C 列）和「金额」（E 列）", where={"sheet": "Sheet1", "row": 1}),
    Case("same_header_twice_picked_by_letter", "两列同名选列.xlsx",
         _xlsx({"Sheet1": [["客户", "日期", "金额", "备注", "金额"], ["甲", dt.datetime(2021, 3, 1), 5, "", 4]]}),
         kwargs={"amount": "E"}, used=1, check=_amounts([4.0])),
    Case("empty_sheet", "空表.xlsx", _xlsx({"Sheet1": []}), error="工作表是空的",
         where={"sheet": "Sheet1"}),
    Case("header_only", "只有表头.xlsx", _xlsx({"Sheet1": [HEADER]}), error="没有任何数据行",
         where={"sheet": "Sheet1", "row": 1}),
    Case("several_sheets_no_choice", "多表.xlsx", _xlsx({"一月": T, "二月": T}),
         error="「一月」、「二月」"),
    Case("sheet_does_not_exist", "无此表.xlsx", _xlsx({"Sheet1": T}), kwargs={"sheet": "交易"},
         error="没有名为「交易」的工作表"),
    Case("file_does_not_exist", "不存在.xlsx", lambda p: None, error="找不到文件"),
    Case("empty_file", "零字节.xlsx", _bytes(b""), error="文件是空的"),
    Case("old_xls", "旧格式.xls", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
         error="旧版 Excel 97-2003"),
    Case("encrypted_workbook", "加密.xlsx", encrypted_xlsx, error="设置了打开密码"),
    Case("random_bytes", "随机.xlsx", _bytes(bytes((i * 7919 + 13) % 256 for i in range(4096))),
         error="既不是 Excel 工作簿"),
    Case("truncated_xlsx", "截断.xlsx", lambda p: p.write_bytes(xlsx_bytes()[:3000]),
         error="文件已损坏或不完整"),
    Case("zip_that_is_not_a_workbook", "压缩包.xlsx",
         lambda p: zipfile.ZipFile(p, "w").writestr("readme.txt", "hello"), error="不是 Excel 工作簿"),
    Case("opendocument_spreadsheet", "表格.ods",
         lambda p: zipfile.ZipFile(p, "w").writestr("mimetype", "application/vnd.oasis.opendocument"
                                                    ".spreadsheet"), error="OpenDocument"),
    Case("xml_entity_bomb", "实体炸弹.xlsx", entity_bomb_xlsx, error="XML 实体"),
]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python tests/bad_inputs.py 输出文件夹")
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        try:
            case.build(out / case.filename)
        except ImportError as exc:
            print(f"跳过 {case.filename}：{exc}")
    print(f"已生成 {len(os.listdir(out))} 个文件到 {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
