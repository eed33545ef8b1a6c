"""Chapter 0: the figures its prose, its exercise's written answer and its teacher notes state
are the ones the two shop workbooks give; the workbooks are what scripts/make_data.py writes."""

import json
import pathlib
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from crmlab import datasets

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _text(path):
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


LESSON = _text(ROOT / "notebooks" / "00_Python与数据分析入门.ipynb")
SOLUTION = _text(ROOT / "solutions" / "00_数据分析入门练习.ipynb")
NOTES = _text(ROOT / "docs" / "teacher_notes" / "00.md")


@pytest.fixture(scope="module")
def cafe():
    return pd.read_excel(datasets.cafe_path(), sheet_name="交易", engine="openpyxl")


@pytest.fixture(scope="module")
def bookshop():
    return pd.read_excel(datasets.bookshop_path(), sheet_name="交易", engine="openpyxl")


def test_cafe_figures_in_the_lesson(cafe):
    assert cafe.shape == (16, 5) and "16 笔交易，5 列" in LESSON
    assert (cafe["金额"] == 30).sum() == 3 and "有三笔正好 30 元" in LESSON
    totals = cafe.groupby("客户")["金额"].agg(["sum", "count", "max"])
    assert totals["count"].idxmax() == "小林" and totals.loc["小林", "count"] == 5
    assert totals["sum"].idxmax() == "陈先生" and totals.loc["陈先生", "sum"] == 184
    assert totals.loc["陈先生", "count"] == 2 and totals.loc["陈先生", "max"] == 120
    assert "小林来得最勤（5 笔），但花钱最多的是陈先生（184 元，只来了 2 次，其中一个 120 元的蛋糕）" in LESSON


def test_cafe_figures_in_the_teacher_notes(cafe):
    assert (cafe["金额"] >= 30).sum() == 10 and (cafe["金额"] > 30).sum() == 7
    assert "`>= 30` 得 10 笔，`> 30` 得 7 笔" in NOTES
    assert cafe.loc[cafe["客户"] == "小林", "金额"].sum() == 141 and "141 元" in NOTES
    members = pd.read_excel(datasets.cafe_path(), sheet_name="客户", engine="openpyxl")
    assert set(members["客户"]) - set(cafe["客户"]) == {"大刘"}


def test_bookshop_figures_in_the_written_answer_and_notes(bookshop):
    totals = bookshop.groupby("客户")["金额"].agg(["sum", "count", "max"])
    assert totals["count"].idxmax() == "周同学" and totals.loc["周同学", ["count", "sum"]].tolist() == [5, 136]
    assert totals["sum"].idxmax() == "孙老师" and totals.loc["孙老师", ["count", "sum"]].tolist() == [3, 310]
    assert totals.loc["钱爷爷", "max"] == 230
    exactly = bookshop[bookshop["金额"] == 100]
    assert sorted(exactly["客户"]) == ["吴女士", "李阿姨"]
    assert "周同学（5 笔）" in SOLUTION and "孙老师" in SOLUTION and "两笔订单" in SOLUTION
    assert "周同学（5 笔，136 元）" in NOTES and "孙老师（3 笔，310 元）" in NOTES
    assert "230 元的钱爷爷" in NOTES and "2 笔订单（李阿姨、吴女士各一笔）" in NOTES


def test_lesson_and_exercise_use_different_shops(cafe, bookshop):
    assert not set(cafe["客户"]) & set(bookshop["客户"])
    assert len(bookshop) == 22 and bookshop["客户"].nunique() == 7


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_make_data_writes_the_committed_shop_workbooks(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_data.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("街角咖啡.xlsx", "青禾书店.xlsx"):
        assert _cells(tmp_path / name) == _cells(ROOT / "data" / name), name
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
