"""Recognising the customer / date / amount / order / profit / cost columns and the header row.

Header names are compared after normalising: full-width to half-width, spaces removed, lower
case, and a unit in brackets dropped, so ``"消费金额（元）"`` and ``" Amount "`` are recognised.
Names of a role come in ranks: a customer ID beats a customer name, so a sheet with both
``客户ID`` and ``客户名称`` uses the ID. Two columns of the same rank (``订单日期`` and
``交易日期``) are ambiguous: crmlab asks which one to use rather than guess.
"""

from __future__ import annotations

import re
import unicodedata

from crmlab.errors import CrmlabError
from crmlab.report import ROLE_LABELS
from crmlab.sheet_xml import column_index

# role -> ranks of recognised names (first rank wins); compared after normalise_header()
KNOWN_NAMES: dict[str, list[set[str]]] = {
    "customer": [
        {"客户id", "客户编号", "客户代码", "会员id", "会员编号", "会员号", "customerid", "customer_id",
         "custid", "cust_id"},
        {"客户", "客户名称", "客户名", "客户姓名", "会员", "会员名称", "customer", "customername",
         "customer_name"},
    ],
    "date": [{"日期", "交易日期", "订单日期", "订购日期", "购买日期", "消费日期", "下单日期", "交易时间",
              "下单时间", "date", "orderdate", "order_date", "transactiondate"}],
    "amount": [{"金额", "消费金额", "交易金额", "订单金额", "销售金额", "销售额", "实付金额", "amount",
                "sales", "revenue", "monetary"}],
    "order_id": [{"订单编号", "订单号", "订单id", "单号", "交易编号", "order_id", "orderid", "order"}],
    "profit": [{"利润", "毛利", "毛利润", "profit"}],
    "cost": [{"成本", "cost"}],
}
REQUIRED = ("customer", "date", "amount")
ROLES = tuple(KNOWN_NAMES)

HEADER_SCAN_ROWS = 1000  # a header is looked for in the first 1000 non-blank rows


def normalise_header(value) -> str:
    """The comparable form of a header cell.

    >>> normalise_header(" 消费金额（元） ")
    '消费金额'
    >>> normalise_header("Customer ID")
    'customerid'
    """
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    text = re.sub(r"\((元|人民币|rmb|cny|yuan|¥)\)$", "", text)
    return re.sub(r"\s+", "", text)


def _display(value) -> str:
    return str(value).strip()


def match_roles(headers: list, explicit: dict[str, str | None]) -> dict[str, list[tuple[int, int]]]:
    """For each role, the (rank, column index) of every header that could hold it."""
    normal = [normalise_header(h) if str(h).strip() else "" for h in headers]
    found: dict[str, list[tuple[int, int]]] = {}
    for role in ROLES:
        wanted = explicit.get(role)
        if wanted is not None:
            target = normalise_header(wanted)
            hits = [(0, j) for j, h in enumerate(headers) if _display(h) == str(wanted).strip()]
            hits = hits or [(0, j) for j, n in enumerate(normal) if n and n == target]
            letter = str(wanted).strip().upper().removeprefix("列")
            if not hits and re.fullmatch(r"[A-Z]{1,3}", letter) and column_index(letter) < len(headers):
                hits = [(0, column_index(letter))]  # an Excel column letter: the way out of twins
        else:
            hits = [(rank, j) for j, n in enumerate(normal) if n
                    for rank, names in enumerate(KNOWN_NAMES[role]) if n in names]
        if hits:
            found[role] = hits
    return found


def header_cells(rows: list, i: int) -> list:
    """Row ``i`` as a header; an empty cell takes the cell above it (a header merged downwards).

    >>> header_cells([["客户", "交易"], ["", "日期", "金额"]], 1)
    ['客户', '日期', '金额']
    """
    cells = list(rows[i])
    above = rows[i - 1] if i > 0 else []
    for j, value in enumerate(cells):
        if not str(value).strip() and j < len(above) and str(above[j]).strip():
            cells[j] = above[j]
    return cells


def find_header(rows: list, explicit: dict[str, str | None]) -> int | None:
    """Index of the header row: the first of the top rows that names most of customer/date/amount.

    >>> find_header([["旭东公司交易记录"], [], ["客户", "日期", "金额"], ["A", "2021-03-01", 5]], {})
    2
    """
    best, best_score, seen = None, 0, 0
    for i, row in enumerate(rows):
        if not any(str(c).strip() for c in row):
            continue
        seen += 1
        if seen > HEADER_SCAN_ROWS:
            break
        found = match_roles(header_cells(rows, i), explicit)
        score = sum(1 for role in REQUIRED if role in found)
        if score > best_score:
            best, best_score = i, score
        if score == len(REQUIRED):
            break
    return best


def resolve_columns(headers: list, explicit: dict[str, str | None], *, file=None, sheet=None,
                    header_row: int | None = None) -> dict[str, int]:
    """Map each role to one column index; a missing or ambiguous required one is a CrmlabError.

    >>> resolve_columns(["客户名称", "交易日期", "金额（元）", "备注"], {})
    {'customer': 0, 'date': 1, 'amount': 2}
    >>> resolve_columns(["客户", "订单日期", "交易日期", "金额"], {})
    Traceback (most recent call last):
    ...
    crmlab.errors.CrmlabError: 有两列都像「日期」：「订单日期」（B 列）和「交易日期」（C 列），不知道该用哪一列。请指明用哪一列：命令行 --date 订单日期，或 Python 里 load_transactions(..., date="订单日期")。
    """
    found = match_roles(headers, explicit)
    names = [_display(h) for h in headers]
    chosen: dict[str, int] = {}
    for role in ROLES:
        label = ROLE_LABELS[role]
        hits = found.get(role)
        wanted = explicit.get(role)
        if not hits:
            if wanted is not None:
                raise CrmlabError(f"找不到您指定的{label}列「{wanted}」",
                                  hint="表头里的列有：" + _list(names) + "。请检查拼写。",
                                  file=file, sheet=sheet, row=header_row)
            if role in REQUIRED:
                raise CrmlabError(f"找不到「{label}」列",
                                  hint="表头里的列有：" + _list(names) + "。请把表示"
                                  f"{label}的那一列的表头改成「{label}」，或指明列名，例如 "
                                  f"命令行 --{role} 你的列名，或 Python 里 load_transactions(..., {role}=\"你的列名\")。",
                                  file=file, sheet=sheet, row=header_row)
            continue
        top = min(rank for rank, _ in hits)
        best = sorted({j for rank, j in hits if rank == top})
        if len(best) > 1:
            pair = "和".join(f"「{names[j]}」（{column_letter(j)} 列）" for j in best[:3])
            if len({names[j] for j in best}) < len(best):  # same header twice: the name cannot tell
                hint = (f"两列的表头一模一样，用名字指明不了：请用列字母指明，例如 命令行 --{role} "
                        f"{column_letter(best[0])}，或 Python 里 load_transactions(..., {role}=\"{column_letter(best[0])}\")；"
                        "也可以在 Excel 里把其中一列的表头改个名字后再读取。")
            else:
                hint = (f"请指明用哪一列：命令行 --{role} {names[best[0]]}，"
                        f"或 Python 里 load_transactions(..., {role}=\"{names[best[0]]}\")。")
            raise CrmlabError(f"有两列都像「{label}」：{pair}，不知道该用哪一列", hint=hint,
                              file=file, sheet=sheet, row=header_row)
        chosen[role] = best[0]
    used = list(chosen.values())
    if len(set(used)) < len(used):
        raise CrmlabError("同一列被指定成了两种用途", hint="请检查 customer=、date=、amount= 等参数。",
                          file=file, sheet=sheet, row=header_row)
    return chosen


def shown_cells(row: list) -> str:
    """A row's non-empty cells as 「a」、「b」 for a message."""
    return _list([_display(c) for c in row])


def column_letter(index: int) -> str:
    """The Excel column letter of a 0-based index: 0 -> 'A', 26 -> 'AA'.

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _list(names: list[str]) -> str:
    shown = [f"「{n}」" for n in names if n][:12]
    return "、".join(shown) if shown else "（空）"
