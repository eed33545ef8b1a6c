"""crmlab/transactions.py: the clean frame, row numbers, the reject rules and ``today``."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bad_inputs import write_csv, write_xlsx
from crmlab.errors import CrmlabError
from crmlab.report import load_report
from crmlab.transactions import load_transactions


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_dataframe_source_gives_the_contract():
    raw = frame(客户=["甲", "乙 ", "甲"], 日期=["2021-03-01", "2021/3/2", "2021年3月3日"],
                金额=["100", "¥2,000", 30.5], 订单编号=[1.0, 2.0, 3.0], 利润=[10, "", 3])
    out = load_transactions(raw)
    assert list(out.columns) == ["customer", "date", "amount", "order_id", "profit"]
    assert out["customer"].tolist() == ["甲", "乙", "甲"]
    assert out["date"].dt.day.tolist() == [1, 2, 3] and str(out["date"].dtype) == "datetime64[ns]"
    assert out["amount"].tolist() == [100.0, 2000.0, 30.5]
    assert out["order_id"].tolist() == ["1", "2", "3"]
    assert out["profit"].iloc[0] == 10.0 and pd.isna(out["profit"].iloc[1])  # empty profit kept
    assert raw["金额"].tolist() == ["100", "¥2,000", 30.5]  # input untouched


def test_dataframe_rows_count_as_if_the_header_were_row_1():
    raw = frame(客户=["甲", "乙", "丙"], 日期=["2021-03-01", "N/A", "2021-03-02"], 金额=[1, 2, 3])
    report = load_report(load_transactions(raw))
    assert [(r.row, r.column, r.value) for r in report.rejected] == [(3, "日期", "N/A")]


def test_excel_rows_count_title_and_blank_rows(tmp_path):
    rows = [["3 月交易"], [], ["客户", "日期", "金额"], ["甲", "2021-03-01", 1], [],
            ["乙", "2021-03-01", "x"], ["丙", "2021-03-02", 3]]
    report = load_report(load_transactions(write_xlsx(tmp_path / "a.xlsx", {"S": rows})))
    # header on row 3, the blank row 5 skipped, 'x' on row 6
    assert (report.rows_read, report.rows_used, report.header_row) == (3, 2, 3)
    assert [(r.row, r.reason) for r in report.rejected] == [(6, "金额不是数字：'x'")]
    assert "跳过了 1 个空行" in report.notes


def test_first_problem_in_a_row_is_reported():
    raw = frame(客户=[""] + ["甲"] * 3, 日期=["bad"] + ["2021-03-01"] * 3, 金额=["x"] + [1] * 3)
    (rejected,) = load_report(load_transactions(raw)).rejected
    assert (rejected.row, rejected.column, rejected.reason) == (2, "客户", "客户为空")


def test_half_rejected_loads_more_than_half_fails():
    half = frame(客户=["甲"] * 4, 日期=["2021-03-01", "x", "y", "2021-03-02"], 金额=[1, 2, 3, 4])
    assert len(load_transactions(half)) == 2
    most = frame(客户=["甲"] * 3, 日期=["2021-03-01", "x", "y"], 金额=[1, 2, 3])
    with pytest.raises(CrmlabError) as info:
        load_transactions(most)
    err = info.value
    assert "3 行里有 2 行无法使用" in err.problem and (err.row, err.column) == (3, "日期")


def test_today_rejects_the_whole_load_naming_the_row(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["客户", "日期", "金额"], ["甲", "2021-03-31", "1"],
                                          [], ["乙", "2021-04-01", "1"]])
    assert len(load_transactions(path, today="2021-04-02")) == 2
    with pytest.raises(CrmlabError) as info:
        load_transactions(path, today=dt.date(2021, 4, 1))
    err = info.value
    assert (err.file, err.sheet, err.row, err.column) == ("a.csv", None, 4, "日期")
    assert "有 1 笔交易" in err.problem


def test_unreadable_today():
    with pytest.raises(CrmlabError, match="今天"):
        load_transactions(frame(客户=["甲"], 日期=["2021-03-01"], 金额=[1]), today="明天")


def test_order_id_column_all_empty_is_ignored_partly_empty_rejects():
    empty = load_transactions(frame(客户=["甲"], 日期=["2021-03-01"], 金额=[1], 订单编号=[None]))
    assert "order_id" not in empty and "订单编号列「订单编号」全是空的，已忽略" in load_report(empty).notes
    part = load_transactions(frame(客户=["甲"] * 3, 日期=["2021-03-01"] * 3, 金额=[1] * 3,
                                   订单编号=["A", None, "B"]))
    assert part["order_id"].tolist() == ["A", "B"]


def test_explicit_column_names_and_sheet(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"说明": [["x"]], "数据": [["买家", "时间", "付款"],
                                                                     ["甲", dt.datetime(2021, 3, 1), 9]]})
    out = load_transactions(path, sheet="数据", customer="买家", date="时间", amount="付款")
    assert out["amount"].tolist() == [9.0]
    assert load_report(out).columns == {"customer": "买家", "date": "时间", "amount": "付款"}


def test_unknown_source_type():
    with pytest.raises(CrmlabError, match="不认识的数据来源"):
        load_transactions(42)


cell = st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 50000), st.floats(allow_nan=True),
                 st.sampled_from(["2021-03-01", "2021/3/5", "¥1,200", "0", "-3", "合计", " 甲 "]),
                 st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2200, 1, 1)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cell, cell, cell), min_size=1, max_size=8))
def test_any_cells_load_or_raise_crmlab_error(rows):
    raw = pd.DataFrame(rows, columns=["客户", "日期", "金额"], dtype=object)
    try:
        out = load_transactions(raw)
    except CrmlabError:
        return
    report = load_report(out)
    assert report.rows_read == report.rows_used + report.rows_rejected == len(rows) - sum(
        all(c is None or (isinstance(c, float) and c != c) or c == "" for c in row) for row in rows)
    assert out["amount"].ne(0).all() and out["date"].notna().all()


def test_dataframe_errors_name_no_header_row():
    with pytest.raises(CrmlabError) as info:
        load_transactions(frame(a=[1], b=[2]))
    assert info.value.row is None and info.value.file is None
    assert "找不到「客户」列" in str(info.value) and "「a」、「b」" in str(info.value)


def test_loading_a_clean_frame_again_changes_nothing():
    once = load_transactions(frame(客户=["甲"], 日期=["2021-03-01"], 金额=["¥5"]))
    twice = load_transactions(once)
    assert twice.equals(once) and load_report(twice).columns["amount"] == "amount"
