"""The course's RFM in SQL (crmlab/rfm_sql.py) on DuckDB: worked examples and equality with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.rfm import rfm_segments, rfm_table

duckdb = pytest.importorskip("duckdb", reason="DuckDB 未安装（scale 附加依赖）")
from crmlab.rfm_sql import rfm_sql, rfm_sql_text  # noqa: E402
from rfm_sql_data import random_transactions  # noqa: E402


def pandas_tiers(tx, today="2021-04-01", threshold="mean"):
    return rfm_segments(rfm_table(tx, today), threshold).reset_index(drop=True)


def test_worked_example():
    # 甲: last 03-30 -> R 2, F 2, M 120; 乙: 03-01 -> R 31, F 1, M 50. Means R 16.5, F 1.5, M 85.
    tx = pd.DataFrame({"customer": ["甲", "乙", "甲"],
                       "date": pd.to_datetime(["2021-03-30", "2021-03-01", "2021-03-10"]),
                       "amount": [100.0, 50.0, 20.0]})
    got = rfm_sql(tx, "2021-04-01")
    assert got[["customer", "R", "F", "M"]].values.tolist() == [["乙", 31, 1, 50.0], ["甲", 2, 2, 120.0]]
    assert got["segment"].tolist() == ["一般挽留客户", "重要价值客户"]


@pytest.mark.parametrize("seed", range(6))
def test_equals_the_pandas_path_on_random_data(seed):
    tx = random_transactions(seed)
    got = rfm_sql(tx, "2021-04-01")
    pd.testing.assert_frame_equal(got, pandas_tiers(tx)[got.columns], check_dtype=False)


def test_ties_at_the_mean_are_high_as_in_pandas():
    # F: 1, 2, 3 -> mean 2 (乙 ties, 高); M: 10.10, 10.20, 10.30 -> mean 10.20 (乙 ties, 高)
    tx = pd.DataFrame({"customer": ["甲", "乙", "乙", "丙", "丙", "丙"],
                       "date": pd.to_datetime(["2021-03-01"] * 6),
                       "amount": [10.1, 10.0, 0.2, 10.0, 0.1, 0.2]})
    got = rfm_sql(tx, "2021-04-01")
    assert got.loc[got["customer"] == "乙", ["F_level", "M_level"]].values.tolist() == [["高", "高"]]
    pd.testing.assert_frame_equal(got, pandas_tiers(tx)[got.columns], check_dtype=False)


def test_order_ids_count_purchases_not_rows():
    # 甲's sale and its refund share order A1: one purchase, M 80
    tx = pd.DataFrame({"customer": ["甲", "甲", "乙"], "order_id": ["A1", "A1", "B1"],
                       "date": pd.to_datetime(["2021-03-05", "2021-03-06", "2021-03-07"]),
                       "amount": [100.0, -20.0, 10.0]})
    got = rfm_sql(tx, "2021-04-01")
    assert got[["customer", "F", "M"]].values.tolist() == [["乙", 1, 10.0], ["甲", 1, 80.0]]
    pd.testing.assert_frame_equal(got, pandas_tiers(tx)[got.columns], check_dtype=False)


def test_reads_parquet_and_csv_files_of_clean_transactions(tmp_path):
    tx = random_transactions(7)
    expected = pandas_tiers(tx)
    tx.to_csv(tmp_path / "tx.csv", index=False)
    got = rfm_sql(tmp_path / "tx.csv", "2021-04-01")
    pd.testing.assert_frame_equal(got, expected[got.columns], check_dtype=False)


def test_thresholds_given_by_hand():
    tx = random_transactions(3)
    cut = {"R": 10, "F": 3, "M": 1500.5}
    got = rfm_sql(tx, "2021-04-01", threshold=cut)
    pd.testing.assert_frame_equal(got, pandas_tiers(tx, threshold=cut)[got.columns], check_dtype=False)


def test_clear_words_for_what_it_cannot_do(tmp_path):
    with pytest.raises(CrmlabError, match="缺少列：amount"):
        rfm_sql(pd.DataFrame({"customer": ["甲"], "date": [pd.Timestamp("2021-03-01")]}), "2021-04-01")
    with pytest.raises(CrmlabError, match="中位数请用"):
        rfm_sql(random_transactions(1), "2021-04-01", threshold="median")
    (tmp_path / "a.xlsx").write_bytes(b"x")
    with pytest.raises(CrmlabError, match="只读 parquet 或 CSV"):
        rfm_sql(tmp_path / "a.xlsx", "2021-04-01")
    with pytest.raises(CrmlabError, match="不能直接写进 SQL"):
        rfm_sql_text("sales; DROP TABLE x", "2021-04-01")
