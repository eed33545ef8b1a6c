"""Every number and claim the chapter 5 prose (notebooks/05_真实数据上的RFM.ipynb) states in words,
recomputed from the CDNOW data by crmlab (the tables themselves are nbval-check-output cells).
Skipped with the reason when the CDNOW file is not installed (the realdata / test extras)."""

import pandas as pd
import pytest

from crmlab.errors import CrmlabError

try:
    from crmlab.cdnow import CDNOW_TODAY, cdnow_path, load_cdnow
    cdnow_path()
except CrmlabError:  # pragma: no cover - the test extra installs lifetimes' copy
    pytest.skip("CDNOW 数据没有安装（pip install -e '.[realdata]'）", allow_module_level=True)

import crmlab
from crmlab.migration import GONE, segment_migration
from crmlab.rfm_conventions import rfm_conventions


@pytest.fixture(scope="module")
def tx():
    return load_cdnow()


@pytest.fixture(scope="module")
def segmented(tx):
    return crmlab.rfm_segments(crmlab.rfm_table(tx, CDNOW_TODAY))


@pytest.fixture(scope="module")
def summary(segmented):
    return crmlab.tier_summary(segmented).set_index("segment")


def test_the_data_as_the_lesson_describes_it(tx):
    raw = pd.read_csv(cdnow_path(), sep=r"\s+", dtype=str)
    assert 60_000 < len(raw) < 70_000  # "将近七万笔购买"
    assert 20_000 < tx["customer"].nunique() < 30_000  # "两万多位客户"
    # the cohort: every customer's first line in the file is in Q1 1997 (after the 0-dollar lines
    # are rejected, a few customers' first *paid* purchase is later)
    firsts = pd.to_datetime(raw["date"], format="%Y%m%d").groupby(raw["customer_id"]).min()
    assert firsts.min() >= pd.Timestamp("1997-01-01") and firsts.max() <= pd.Timestamp("1997-03-31")
    assert tx["date"].max() == pd.Timestamp("1998-06-30") and CDNOW_TODAY == pd.Timestamp("1998-07-01")
    report = tx.attrs["load_report"]
    assert report.rows_rejected > 0
    assert set(report.rejected_frame()["原因"]) == {"金额为 0，不算一次购买"}  # "全部是金额为 0"
    assert raw["customer_id"].nunique() > tx["customer"].nunique()  # some customers only had zeros


def test_tiers_at_real_scale(segmented, summary):
    thresholds = segmented.attrs["thresholds"]
    assert 2.5 <= thresholds["F"] <= 3.5 and 100 <= thresholds["M"] < 200  # "约三次购买、一百多美元"
    assert summary["customers"].idxmax() == "一般挽留客户"
    assert summary.loc["一般挽留客户", "customer_share"] > 0.5  # "超过一半"
    assert 0.17 <= summary.loc["重要价值客户", "customer_share"] <= 0.23  # "约五分之一"
    assert 0.6 <= summary.loc["重要价值客户", "M_share"] <= 0.7  # "约三分之二"


def test_scores_bunch_where_values_tie(segmented):
    rfm = segmented[["customer", "R", "F", "M"]]
    scores = crmlab.rfm_scores(rfm)
    assert 0.45 <= (rfm["F"] == 1).mean() <= 0.55  # "约一半客户只买过一次"
    assert 1 not in set(scores["F_score"]) and set(scores.loc[rfm["F"] == 1, "F_score"]) == {2}
    counts = scores["R_score"].value_counts()
    assert counts.max() - counts.min() < 0.01 * len(scores)  # R: about equal fifths


def test_abc_top_tenth_brings_about_half(tx):
    abc = crmlab.abc_analysis(crmlab.customer_totals(tx))
    pareto = crmlab.pareto_table(abc).set_index("top_share")
    assert 0.45 <= pareto.loc[0.1, "value_share"] <= 0.55  # "前 10% 的客户就带来了约一半"


def test_a_class_customers_can_be_tiered_as_at_risk(tx, segmented):
    abc = crmlab.abc_analysis(crmlab.customer_totals(tx))
    both = abc[["customer", "class"]].merge(segmented[["customer", "segment"]], on="customer")
    a_tiers = set(both.loc[both["class"] == "A", "segment"])
    assert "重要挽留客户" in a_tiers and not a_tiers <= {"重要价值客户"}


def test_migration_claims(tx):
    moves = segment_migration(tx, "1998-04-01", "1998-07-01")
    shift = moves.attrs["thresholds"]
    assert shift[0]["R"] != shift[1]["R"] and shift[0]["M"] != shift[1]["M"]  # "R 和 M 平均值都变了"
    frozen = segment_migration(tx, "1998-04-01", "1998-07-01", freeze=True)
    assert (moves["segment_after"] != frozen["segment_after"]).sum() > 0
    ends = ["1997-07-01", "1997-10-01", "1998-01-01", "1998-04-01", "1998-07-01"]
    for before, after in zip(ends, ends[1:]):  # "每季度都有重要价值客户进了未再购买一列"
        quarter = segment_migration(tx, before, after)
        assert ((quarter["segment_before"] == "重要价值客户") & (quarter["segment_after"] == GONE)).any()


def test_other_softwares_definitions_on_cdnow(tx):
    table = rfm_conventions(tx, CDNOW_TODAY).set_index("customer")
    two, hundred = table.loc["00002"], table.loc["00100"]
    assert (two["F"], two["lt_frequency"], two["lt_monetary"], two["pm_frequency"]) == (2, 0, 0.0, 1)
    days_of_2 = tx.loc[tx["customer"] == "00002", "date"]
    assert days_of_2.nunique() == 1 and str(days_of_2.iloc[0].date()) == "1997-01-12"
    assert hundred["F"] == 3 and hundred["lt_recency"] != hundred["R"]
    assert (table["R"] == table["pm_recency"] + 1).all()  # "recency 加 1 天就等于 crmlab 的 R"
    assert (table["R"] != table["lt_recency"]).mean() > 0.99 and (table["F"] != table["lt_frequency"]).all()
    several_days = table["lt_frequency"] > 0
    assert ((table["M"] - table["pm_monetary"]).abs() > 0.005).eq(several_days).all()
    same_day = table["F"] != table["pm_frequency"]
    assert same_day.any()


def test_sql_equals_pandas_on_cdnow(tx, segmented):
    pytest.importorskip("duckdb")
    from crmlab.rfm_sql import rfm_sql

    assert rfm_sql(tx, CDNOW_TODAY).equals(segmented)
