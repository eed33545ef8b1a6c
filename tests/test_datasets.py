"""Tests for crmlab/datasets.py and the data files made by scripts/make_data.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import crmlab
from crmlab import datasets
from crmlab.errors import CrmlabError

REPO = Path(__file__).resolve().parent.parent
TODAY = pd.Timestamp("2021-04-01")


@pytest.fixture(scope="module")
def xudong():
    return datasets.load_xudong()


@pytest.fixture(scope="module")
def demo_tx():
    return datasets.load_demo_transactions()


@pytest.fixture(scope="module")
def xudong_rfm(xudong):
    """R, F, M per customer in plain pandas (independent of crmlab.rfm), levels against the mean."""
    grouped = xudong.groupby("customer")
    rfm = pd.DataFrame({
        "R": (TODAY - grouped["date"].max()).dt.days,
        "F": grouped.size(),
        "M": grouped["amount"].sum().round(2),
    })
    rfm["levels"] = (
        (rfm["R"] <= rfm["R"].mean()).map({True: "高", False: "低"})
        + (rfm["F"] >= rfm["F"].mean()).map({True: "高", False: "低"})
        + (rfm["M"] >= rfm["M"].mean()).map({True: "高", False: "低"})
    )
    return rfm


# --- loaders: documented columns and dtypes -------------------------------------------------

def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series) and series.map(type).eq(str).all()


def test_load_xudong_columns_and_dtypes(xudong):
    assert {"customer", "date", "amount", "order_id"} <= set(xudong.columns)
    assert _is_text(xudong["customer"]) and _is_text(xudong["order_id"])
    assert pd.api.types.is_datetime64_any_dtype(xudong["date"])
    assert (xudong["date"] == xudong["date"].dt.normalize()).all()  # midnight
    assert xudong["amount"].dtype == float
    assert (xudong["customer"] == xudong["customer"].str.strip()).all()
    assert xudong.attrs["load_report"].rows_rejected == 0


def test_load_demo_transactions_columns_and_dtypes(demo_tx):
    tx = demo_tx
    assert list(tx.columns) == ["customer", "date", "amount", "order_id", "cost"]
    assert _is_text(tx["order_id"]) and _is_text(tx["customer"])
    assert pd.api.types.is_datetime64_any_dtype(tx["date"])
    assert tx["amount"].dtype == float and tx["cost"].dtype == float
    assert tx["order_id"].is_unique
    assert tx["date"].min() >= pd.Timestamp("2023-01-01")
    assert tx["date"].max() <= pd.Timestamp("2023-12-31")
    assert tx["customer"].str.fullmatch(r"C\d{4}").all()
    assert (tx["amount"] > 0).all()
    assert tx.attrs["load_report"].rows_rejected == 0


def test_load_demo_customers_columns_and_ranges(demo_tx):
    customers = datasets.load_demo_customers()
    assert list(customers.columns) == ["customer", "name", "satisfaction", "perceived_value",
                                       "retention", "annual_margin"]
    assert customers["customer"].is_unique and customers["name"].is_unique
    assert _is_text(customers["name"])
    assert customers["satisfaction"].between(1, 5).all()
    assert customers["perceived_value"].between(0, 100).all()
    assert customers["retention"].between(0, 1, inclusive="neither").all()
    assert customers["annual_margin"].dtype == float
    assert (customers["annual_margin"] < 0).any() and (customers["annual_margin"] > 0).any()
    assert set(customers["customer"]) == set(demo_tx["customer"])
    assert 800 <= len(customers) <= 1500


def test_load_candidates_columns_and_ranges():
    candidates = datasets.load_candidates()
    assert list(candidates.columns) == [
        "customer", "annual_purchase", "purchasing_power", "willingness", "credit",
        "price_sensitivity", "cooperation", "growth_rate", "serving_cost", "capability",
        "gross_margin", "bad_debt_rate"]
    assert 10 <= len(candidates) <= 20 and candidates["customer"].is_unique
    for column in ["purchasing_power", "willingness", "credit", "price_sensitivity",
                   "cooperation", "capability"]:
        assert candidates[column].between(1, 10).all(), column
    # growth is a fraction: the file says 45 (percent) for 云帆软件
    assert candidates.set_index("customer").loc["云帆软件", "growth_rate"] == pytest.approx(0.45)
    assert candidates["growth_rate"].abs().max() < 1


def test_every_loader_column_has_a_chinese_header(xudong, demo_tx):
    frames = [xudong, demo_tx, datasets.load_demo_customers(),
              datasets.load_candidates()]
    for frame in frames:
        for label in crmlab.zh(frame).columns:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in label), label


def test_loaders_are_exported_lazily_from_the_package():
    assert crmlab.load_candidates is datasets.load_candidates
    assert crmlab.xudong_path() == datasets.xudong_path()


# --- 旭东: the properties the exercise relies on ---------------------------------------------

def test_xudong_file_shape(xudong):
    assert 20 <= xudong["customer"].nunique() <= 40
    assert 100 <= len(xudong) <= 300
    assert xudong["order_id"].is_unique  # F by rows == F by orders
    assert not xudong["date"].is_monotonic_increasing  # an unsorted export
    assert xudong["date"].between("2021-03-01", "2021-03-31").all()
    assert (xudong["amount"] > 0).all()
    assert (xudong["amount"] * 100).round(6).mod(1).eq(0).all()  # two decimals


def test_xudong_has_every_rfm_tier_with_mean_thresholds(xudong_rfm):
    all_levels = {r + f + m for r in "高低" for f in "高低" for m in "高低"}
    assert set(xudong_rfm["levels"]) == all_levels


def test_xudong_special_customers(xudong, xudong_rfm):
    assert (xudong_rfm["F"] == 1).any()
    assert (xudong_rfm["R"] == 1).any()  # bought on 2021-03-31
    # designed cases: 周杰 bought once; 孙婷 (one purchase) and 马超 (128.50 + 259.50) tie on M
    assert xudong_rfm.loc["周杰", "F"] == 1
    assert xudong_rfm.loc["孙婷", "M"] == xudong_rfm.loc["马超", "M"] == 388.00
    assert xudong_rfm.loc["鸿运便利店", "R"] == 1
    assert xudong.loc[xudong["customer"] == "鸿运便利店", "date"].max() == pd.Timestamp("2021-03-31")


def test_xudong_tiers_agree_with_crmlab_rfm(xudong, xudong_rfm):
    segmented = crmlab.rfm_segments(crmlab.rfm_table(xudong, TODAY))
    summary = crmlab.tier_summary(segmented)
    assert (summary["customers"] >= 1).all() and len(summary) == 8
    by_customer = segmented.set_index("customer")
    levels = by_customer["R_level"] + by_customer["F_level"] + by_customer["M_level"]
    assert levels.to_dict() == xudong_rfm["levels"].to_dict()


def test_xudong_workbook_has_real_excel_dates_and_one_header_row():
    wb = openpyxl.load_workbook(datasets.xudong_path())
    assert wb.sheetnames == ["交易记录"]
    ws = wb["交易记录"]
    assert [cell.value for cell in ws[1]] == ["订单编号", "客户名称", "交易日期", "交易金额"]
    for order_id, customer, date, amount in ws.iter_rows(min_row=2):
        assert date.is_date and date.number_format == "yyyy-mm-dd"
        assert isinstance(amount.value, (int, float)) and amount.number_format == "0.00"
        assert isinstance(customer.value, str) and isinstance(order_id.value, str)


# --- demo data: what the lessons show ---------------------------------------------------------

def test_demo_spend_is_heavy_tailed_and_some_customers_lose_money(demo_tx):
    tx = demo_tx
    spend = tx.groupby("customer")["amount"].sum().sort_values(ascending=False)
    top_fifth = spend.iloc[: len(spend) // 5].sum() / spend.sum()
    assert 0.6 <= top_fifth <= 0.9
    profit = (tx["amount"] - tx["cost"]).groupby(tx["customer"]).sum().sort_values(ascending=False)
    assert (profit < 0).any()
    assert profit.cumsum().max() / profit.sum() > 1.1  # the whale curve rises above 100%


# --- finding files ----------------------------------------------------------------------------

def test_missing_data_file_is_a_chinese_crmlab_error():
    with pytest.raises(CrmlabError, match="找不到") as info:
        datasets.data_path("没有这个文件.csv")
    assert "make data" in info.value.hint and info.value.file == "没有这个文件.csv"


def test_falls_back_to_repo_data_folder_when_crmlab_data_is_not_a_package(monkeypatch):
    def no_package(name):
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(datasets.importlib.resources, "files", no_package)
    assert datasets.xudong_path() == REPO / "data" / "交易记录.xlsx"


# --- reproducibility --------------------------------------------------------------------------

def _cells(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
            for ws in wb.worksheets}


def test_regenerating_gives_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_data.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for name in ["演示交易.csv", "演示客户.csv", "候选客户.csv"]:
        assert (tmp_path / name).read_bytes() == (REPO / "data" / name).read_bytes(), name
    assert _cells(tmp_path / "交易记录.xlsx") == _cells(REPO / "data" / "交易记录.xlsx")
