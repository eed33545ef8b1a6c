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
    """R, F, M per customer in plain pandas (independent of crmlab.rfm), levels against the mean.

    F counts distinct order numbers: the one refund row carries the order number of its sale."""
    grouped = xudong.groupby("customer")
    rfm = pd.DataFrame({
        "R": (TODAY - grouped["date"].max()).dt.days,
        "F": grouped["order_id"].nunique(),
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
    assert xudong.attrs["load_report"].rows_rejected == 1  # the 合计 row


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
    sales, refunds = xudong[xudong["amount"] > 0], xudong[xudong["amount"] < 0]
    assert sales["order_id"].is_unique
    assert len(refunds) == 1 and refunds["order_id"].isin(sales["order_id"]).all()
    assert not xudong["date"].is_monotonic_increasing  # an unsorted export
    assert xudong["date"].between("2021-03-01", "2021-03-31").all()
    assert (xudong["amount"] * 100).round(6).mod(1).eq(0).all()  # two decimals


def test_xudong_export_needs_cleaning_and_the_load_report_says_so(xudong):
    raw = pd.read_excel(datasets.xudong_path(), engine="openpyxl")
    assert raw.isna().all(axis=1).sum() == 1  # a blank row
    assert raw["客户名称"].iloc[-1] == "合计"
    assert raw["交易金额"].iloc[-1] == pytest.approx(raw["交易金额"].iloc[:-1].sum())
    names = raw["客户名称"].dropna()
    assert list(names[names != names.str.strip()]) == ["张伟 "]
    assert len(raw) == len(xudong) + 2  # the blank row and the 合计 row
    report = str(xudong.attrs["load_report"])
    assert "空行" in report and "合计" in report and "空格" in report and "退货" in report


def test_xudong_tiers_are_uneven_and_f_has_a_tie_at_the_mean(xudong_rfm):
    sizes = xudong_rfm["levels"].value_counts()
    assert sizes.iloc[0] >= sizes.iloc[1] + 3  # one clearly largest (低低低, 一般挽留客户)
    assert sizes.index[0] == "低低低"
    assert xudong_rfm["F"].mean() == 5 and xudong_rfm.loc["康乐药房", "F"] == 5
    strict = xudong_rfm["F"] > xudong_rfm["F"].mean()
    assert xudong_rfm.loc["康乐药房", "levels"][1] == "高" and not strict["康乐药房"]


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
        if customer.value is None or customer.value == "合计":  # the blank row, the 合计 row
            assert date.value is None and order_id.value is None
            continue
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


# --- exercise inputs: one place, followed by every loader ------------------------------------

def test_exercise_inputs_change_the_xudong_file_and_today(tmp_path):
    copy = tmp_path / "别的数据.xlsx"
    copy.write_bytes(datasets.xudong_path().read_bytes())
    with datasets.exercise_inputs(xudong_file=str(copy), xudong_today="2021-04-10"):
        assert datasets.xudong_path() == copy
        assert datasets.xudong_today() == pd.Timestamp("2021-04-10")
    assert datasets.xudong_path().name == "交易记录.xlsx" and datasets.xudong_today() == TODAY


def test_exercise_inputs_from_the_json_file_named_by_the_variable(tmp_path, monkeypatch):
    (tmp_path / "inputs.json").write_text(
        '{"xudong_file": "我的.xlsx", "xudong_today": "2021-05-01", '
        '"overtake_small": "新锐科技", "demo_period": ["2023-01-01", "2023-03-31"]}', encoding="utf-8")
    monkeypatch.setenv("CRMLAB_EXERCISE_INPUTS", str(tmp_path / "inputs.json"))
    assert datasets.xudong_path() == tmp_path / "我的.xlsx"  # relative to the JSON file
    assert datasets.xudong_today() == pd.Timestamp("2021-05-01")
    assert datasets.overtake_pair() == ("新锐科技", "鼎盛实业")
    assert datasets.exercise_demo_transactions()["date"].max() <= pd.Timestamp("2023-03-31")
    with datasets.exercise_inputs(xudong_today="2021-04-02"):  # in-process beats the file
        assert datasets.xudong_today() == pd.Timestamp("2021-04-02")


def test_exercise_inputs_refuse_unknown_keys_in_chinese(tmp_path, monkeypatch):
    with pytest.raises(CrmlabError, match="不认识的练习输入「today」"):
        with datasets.exercise_inputs(today="2021-04-10"):
            pass
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    monkeypatch.setenv("CRMLAB_EXERCISE_INPUTS", str(tmp_path / "bad.json"))
    with pytest.raises(CrmlabError, match="JSON 对象"):
        datasets.xudong_today()


def test_exercise_figures_and_parameters_differ_from_the_lessons():
    from crmlab.pyramid import course_pyramid
    from crmlab.widgets.selection import DEFAULT_WEIGHTS

    course = course_pyramid()
    exercise = datasets.exercise_pyramid()
    assert not set(exercise["customers"]) & set(course["customers"])
    assert datasets.selection_weights() != DEFAULT_WEIGHTS
    assert len(datasets.exercise_demo_transactions()) < len(datasets.load_demo_transactions())
