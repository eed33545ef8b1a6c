"""crmlab/columns.py: header names, the header row, ranks and ambiguity."""

from __future__ import annotations

import pytest

from crmlab.columns import find_header, normalise_header, resolve_columns
from crmlab.errors import CrmlabError


@pytest.mark.parametrize("raw, expected", [
    ("金额", "金额"), (" 消费金额（元）", "消费金额"), ("金额(元)", "金额"),
    ("Customer_ID", "customer_id"), ("ＡＭＯＵＮＴ", "amount"), ("交易\u3000日期", "交易日期"),
])
def test_normalise_header(raw, expected):
    assert normalise_header(raw) == expected


def test_usual_names_in_any_order():
    headers = ["备注", "金额", "订单编号", "日期", "会员ID", "利润"]
    assert resolve_columns(headers, {}) == {"customer": 4, "date": 3, "amount": 1,
                                            "order_id": 2, "profit": 5}


def test_customer_id_beats_customer_name():
    assert resolve_columns(["客户名称", "客户编号", "日期", "金额"], {})["customer"] == 1


def test_english_names():
    cols = resolve_columns(["customer_id", "date", "amount", "order_id", "cost"], {})
    assert cols == {"customer": 0, "date": 1, "amount": 2, "order_id": 3, "cost": 4}


def test_explicit_names_win():
    cols = resolve_columns(["买家", "日期", "时间", "付款"], {"customer": "买家", "date": "时间",
                                                              "amount": "付款"})
    assert cols == {"customer": 0, "date": 2, "amount": 3}


def test_explicit_name_that_is_not_there():
    with pytest.raises(CrmlabError) as info:
        resolve_columns(["客户", "日期", "金额"], {"amount": "实收"}, file="a.xlsx", sheet="S",
                        header_row=3)
    err = info.value
    assert "「实收」" in err.problem and "「客户」、「日期」、「金额」" in err.hint
    assert (err.file, err.sheet, err.row) == ("a.xlsx", "S", 3)


def test_missing_required_column_lists_headers():
    with pytest.raises(CrmlabError) as info:
        resolve_columns(["客户", "金额"], {}, header_row=1)
    assert "找不到「日期」列" in info.value.problem and 'date="你的列名"' in info.value.hint


def test_two_amount_columns_are_ambiguous():
    with pytest.raises(CrmlabError, match="有两列都像「金额」"):
        resolve_columns(["客户", "日期", "金额", "交易金额"], {})


def test_same_column_for_two_roles():
    with pytest.raises(CrmlabError, match="两种用途"):
        resolve_columns(["客户", "日期", "金额"], {"customer": "金额"})


def test_header_below_title_and_blank_rows():
    rows = [["旭东公司"], [""], ["客户信息", "", ""], ["客户", "日期", "金额"], ["甲", 1, 2]]
    assert find_header(rows, {}) == 3


def test_header_with_only_two_known_names_is_still_found():
    assert find_header([["说明"], ["客户", "时间", "金额"]], {}) == 1


def test_no_header_at_all():
    assert find_header([["a", "b"], [1, 2]], {}) is None
