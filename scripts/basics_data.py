"""Chapter 0's two shop workbooks, written by ``scripts/make_data.py``: the lesson's café
``街角咖啡.xlsx`` and the exercise's bookshop ``青禾书店.xlsx`` (sheets 交易 and 客户), from the
hand-written tables below, small enough to check every figure by hand. Fixed document
properties and zip entry dates, so every run writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from xudong_data import FIXED_TIME, _write_zip_with_fixed_dates

# ---------------------------------------------------------------------------------------------
# Chapter 0: two small shops (the lesson's café, the exercise's bookshop)
# ---------------------------------------------------------------------------------------------

CAFE_FILE = "街角咖啡.xlsx"
BOOKSHOP_FILE = "青禾书店.xlsx"

# (order, customer, date, category, amount 元): small enough to check every figure by hand.
# The café (chapter 0 lesson), May 2024: 16 orders of 5 customers; three orders of exactly
# 30 元, so ">= 30" and "> 30" differ; the biggest spender (陈先生) is not the most frequent.
CAFE_ORDERS = [
    ("K001", "小林", "2024-05-02", "咖啡", 28), ("K002", "阿美", "2024-05-02", "甜点", 35),
    ("K003", "老周", "2024-05-03", "咖啡", 32), ("K004", "小林", "2024-05-04", "茶饮", 22),
    ("K005", "陈先生", "2024-05-04", "咖啡", 64), ("K006", "阿美", "2024-05-05", "咖啡", 30),
    ("K007", "王老师", "2024-05-06", "甜点", 18), ("K008", "老周", "2024-05-07", "咖啡", 32),
    ("K009", "小林", "2024-05-08", "咖啡", 28), ("K010", "陈先生", "2024-05-09", "甜点", 120),
    ("K011", "阿美", "2024-05-10", "茶饮", 26), ("K012", "老周", "2024-05-11", "咖啡", 32),
    ("K013", "小林", "2024-05-12", "甜点", 35), ("K014", "王老师", "2024-05-13", "咖啡", 30),
    ("K015", "阿美", "2024-05-14", "咖啡", 30), ("K016", "小林", "2024-05-15", "咖啡", 28),
]
# (customer, membership, channel); 大刘 has a card but bought nothing this month.
CAFE_CUSTOMERS = [
    ("小林", "银卡", "小程序"), ("阿美", "金卡", "门店"), ("老周", "普通", "门店"),
    ("陈先生", "普通", "小程序"), ("王老师", "银卡", "门店"), ("大刘", "普通", "小程序"),
]
# The bookshop (chapter 0 exercise), June 2024: 22 orders of 7 customers; two orders of
# exactly 100 元; the most frequent customer (周同学) is not the biggest spender.
BOOKSHOP_ORDERS = [
    ("B01", "李阿姨", "2024-06-01", "童书", 86), ("B02", "周同学", "2024-06-01", "文具", 12),
    ("B03", "孙老师", "2024-06-02", "文学", 158), ("B04", "郑先生", "2024-06-03", "文学", 45),
    ("B05", "小何", "2024-06-03", "文具", 8), ("B06", "李阿姨", "2024-06-05", "童书", 100),
    ("B07", "吴女士", "2024-06-06", "文学", 72), ("B08", "周同学", "2024-06-07", "文具", 25),
    ("B09", "钱爷爷", "2024-06-08", "文学", 230), ("B10", "孙老师", "2024-06-09", "童书", 64),
    ("B11", "小何", "2024-06-10", "文具", 15), ("B12", "郑先生", "2024-06-11", "文具", 30),
    ("B13", "李阿姨", "2024-06-12", "童书", 54), ("B14", "周同学", "2024-06-13", "文学", 39),
    ("B15", "吴女士", "2024-06-14", "童书", 100), ("B16", "小何", "2024-06-15", "文具", 6),
    ("B17", "孙老师", "2024-06-16", "文学", 88), ("B18", "周同学", "2024-06-18", "文具", 18),
    ("B19", "李阿姨", "2024-06-20", "文具", 22), ("B20", "郑先生", "2024-06-22", "文学", 120),
    ("B21", "小何", "2024-06-25", "童书", 40), ("B22", "周同学", "2024-06-28", "文学", 42),
]
BOOKSHOP_CUSTOMERS = [
    ("李阿姨", "金卡", "门店"), ("周同学", "普通", "小程序"), ("孙老师", "金卡", "门店"),
    ("郑先生", "银卡", "门店"), ("小何", "普通", "小程序"), ("吴女士", "银卡", "小程序"),
    ("钱爷爷", "普通", "门店"), ("赵小姐", "银卡", "小程序"),
]


def write_shop_xlsx(orders, customers, path: Path, shop: str) -> None:
    """One shop's workbook: sheet 交易 (订单编号, 客户, 日期, 品类, 金额) and sheet 客户
    (客户, 会员等级, 渠道); dates are Excel dates, fixed properties and zip dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sales = wb.active
    sales.title = "交易"
    sales.append(["订单编号", "客户", "日期", "品类", "金额"])
    for order_id, customer, date, category, amount in orders:
        sales.append([order_id, customer, dt.datetime.fromisoformat(date), category, amount])
    for row in sales.iter_rows(min_row=2):
        row[2].number_format = "yyyy-mm-dd"
    members = wb.create_sheet("客户")
    members.append(["客户", "会员等级", "渠道"])
    for row in customers:
        members.append(list(row))
    for sheet in (sales, members):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["C"].width = 12
        sheet.freeze_panes = "A2"
    wb.properties.creator = shop
    wb.properties.title = f"{shop}交易记录"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = shop
    buffer = io.BytesIO()
    wb.save(buffer)
    _write_zip_with_fixed_dates(buffer.getvalue(), path)


def write_basics_shops(out_dir: Path) -> list[Path]:
    """Chapter 0's two workbooks: the lesson's café and the exercise's bookshop."""
    cafe, bookshop = out_dir / CAFE_FILE, out_dir / BOOKSHOP_FILE
    write_shop_xlsx(CAFE_ORDERS, CAFE_CUSTOMERS, cafe, "街角咖啡")
    write_shop_xlsx(BOOKSHOP_ORDERS, BOOKSHOP_CUSTOMERS, bookshop, "青禾书店")
    return [cafe, bookshop]
