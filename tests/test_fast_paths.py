"""The fast paths give exactly what the plain pandas code gives.

crmlab/grouping.py aggregates on integer codes (np.bincount, np.maximum.at) instead of a
pandas groupby on text; rfm_table uses it when it can. Hand-worked cases first, then random
data compared with the plain path (ties, order ids, one customer, refunds, Chinese names).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import grouping, rfm

TODAY = pd.Timestamp("2021-04-01")


# ---- grouping: hand-worked ------------------------------------------------------------------

def test_sorted_codes_sorts_like_groupby():
    keys = pd.Series(["乙", "A", "甲", "A", "b", "乙"])
    codes, uniques = grouping.sorted_codes(keys)
    # code point order: "A" (65) < "b" (98) < "乙" (U+4E59) < "甲" (U+7532)
    assert uniques.tolist() == ["A", "b", "乙", "甲"]
    assert codes.tolist() == [2, 0, 3, 0, 1, 2]


def test_sorted_codes_treat_a_trailing_nul_like_groupby():
    # numpy's fixed-width text would drop the NUL and make "a\0" equal to "a"; pandas keeps
    # them apart (pandas < 2.2 merges them in its hash table: then both paths merge them)
    keys = pd.Series(["a\0", "a", "a\0"])
    codes, uniques = grouping.sorted_codes(keys)
    expected = keys.groupby(keys).size()
    assert uniques.tolist() == expected.index.tolist()
    assert np.bincount(codes).tolist() == expected.tolist()


def test_sorted_codes_refuses_missing_and_numbers():
    assert grouping.sorted_codes(pd.Series(["a", None])) is None
    assert grouping.sorted_codes(pd.Series([1, 2])) is None


def test_group_max_on_dates():
    dates = pd.to_datetime(["2021-03-01", "2021-03-20", "2021-03-05", "2021-03-02"]).to_numpy()
    out = grouping.group_max(np.array([0, 0, 1, 1]), dates, 2)
    assert out.dtype == dates.dtype
    assert np.datetime_as_string(out, unit="D").tolist() == ["2021-03-20", "2021-03-05"]


def test_group_sum_rounds_a_tie_like_pandas():
    # 3.382 + 1.617 + 4.706 is 9.705 on paper, a tie at 2 decimals. Added left to right in
    # floats it is 9.705000000000002 (rounds to 9.71); pandas' compensated sum gives
    # 9.705 (rounds to 9.7, half to even). The fast path must agree with pandas.
    amounts = np.array([3.382, 1.617, 4.706])
    codes = np.zeros(3, dtype=np.intp)
    assert np.round(np.bincount(codes, weights=amounts), 2).tolist() == [9.71]
    assert pd.Series(amounts).groupby(codes).sum().round(2).tolist() == [9.7]
    assert grouping.group_sum_rounded(codes, amounts, 1).tolist() == [9.7]


def test_group_sum_refuses_missing_amounts():
    assert grouping.group_sum_rounded(np.array([0, 0]), np.array([1.0, np.nan]), 1) is None


def test_count_distinct_orders():
    # customer 0: orders a, a, b and a row without order id -> 3; customer 1: c -> 1
    orders = pd.Series(["a", "a", "b", None, "c"])
    assert grouping.group_count_distinct(np.array([0, 0, 0, 0, 1]), orders, 2).tolist() == [3, 1]


def test_count_distinct_when_customers_share_an_order_id():
    # order "x" appears for both customers: it counts once for each of them
    orders = pd.Series(["x", "x", "y", "x"])
    assert grouping.group_count_distinct(np.array([0, 0, 0, 1]), orders, 2).tolist() == [2, 1]


# ---- rfm_table: fast path == plain path -----------------------------------------------------


def both_paths(tx, monkeypatch, **kwargs):
    fast = rfm.rfm_table(tx, TODAY, **kwargs)
    with monkeypatch.context() as m:
        m.setattr(rfm, "FAST_PATH", False)
        plain = rfm.rfm_table(tx, TODAY, **kwargs)
    return fast, plain


def assert_same(fast, plain):
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)
    assert fast.attrs == plain.attrs


def test_rfm_table_worked_example(monkeypatch):
    tx = pd.DataFrame({
        "customer": ["乙", "甲", "乙", "丙", "甲"],
        "date": pd.to_datetime(["2021-03-01", "2021-03-30", "2021-03-25", "2021-03-31", "2021-03-30"]),
        "amount": [10.0, 20.5, 30.0, -5.0, 1.25],
        "order_id": ["o1", "o2", "o3", "o4", "o2"],
    })
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    # 丙: one refund on 3-31 -> R 1; 乙: last 3-25 -> R 7, two orders, 40; 甲: order o2 twice
    assert fast["customer"].tolist() == ["丙", "乙", "甲"]
    assert fast["R"].tolist() == [1, 7, 2]
    assert fast["F"].tolist() == [1, 2, 1]
    assert fast["M"].tolist() == [-5.0, 40.0, 21.75]


customers = st.sampled_from(["甲", "乙", "丙", "A01", "a01", "b", "Zoë", "客户 7", "a\0"])
order_ids = st.one_of(st.none(), st.sampled_from(["o1", "o2", "o3", "o4", "O-9", ""]))
rows = st.lists(
    st.tuples(customers,
              st.integers(min_value=1, max_value=40),          # days before today (ties likely)
              st.integers(min_value=-50_000, max_value=500_000),  # amount in thousandths of a yuan
              order_ids),
    min_size=1, max_size=60)


def frame_of(rows, with_orders):
    tx = pd.DataFrame({
        "customer": [r[0] for r in rows],
        "date": [TODAY - pd.Timedelta(days=r[1]) for r in rows],
        "amount": [r[2] / 1000 for r in rows],   # three decimals: sums can tie at x.xx5
    })
    if with_orders:
        tx["order_id"] = pd.Series([r[3] for r in rows], dtype=object)
    return tx


@settings(max_examples=150, deadline=None)
@given(rows=rows, with_orders=st.booleans())
def test_rfm_table_fast_equals_plain_on_random_data(rows, with_orders):
    tx = frame_of(rows, with_orders)
    fast = rfm.rfm_table(tx, TODAY)
    rfm.FAST_PATH = False
    try:
        plain = rfm.rfm_table(tx, TODAY)
    finally:
        rfm.FAST_PATH = True
    assert_same(fast, plain)


def test_rfm_table_one_customer(monkeypatch):
    tx = pd.DataFrame({"customer": ["甲"] * 3,
                       "date": pd.to_datetime(["2021-03-01", "2021-03-02", "2021-03-02"]),
                       "amount": [1.0, 2.0, 3.0], "order_id": ["a", "b", "b"]})
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast.to_dict("list") == {"customer": ["甲"], "R": [30], "F": [2], "M": [6.0]}


def test_rfm_table_cut_window_same_on_both_paths(monkeypatch):
    tx = pd.DataFrame({"customer": ["甲", "乙", "甲"],
                       "date": pd.to_datetime(["2021-03-01", "2021-04-01", "2021-04-03"]),
                       "amount": [1.0, 2.0, 3.0]})
    fast, plain = both_paths(tx, monkeypatch, cut_window=True)
    assert_same(fast, plain)
    assert fast.to_dict("list") == {"customer": ["甲"], "R": [31], "F": [1], "M": [1.0]}


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
def test_rfm_table_string_storages(storage, monkeypatch):
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    dtype = pd.StringDtype(storage)
    tx = pd.DataFrame({"customer": pd.array(["b", "a", "b", "c"], dtype=dtype),
                       "date": pd.to_datetime(["2021-03-01", "2021-03-02", "2021-03-03", "2021-03-04"]),
                       "amount": [1.0, 2.0, 3.0, 4.0],
                       "order_id": pd.array(["x", None, "y", "z"], dtype=dtype)})
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast["customer"].tolist() == ["a", "b", "c"]
    assert fast["F"].tolist() == [1, 2, 1]


def test_rfm_table_falls_back_for_number_ids(monkeypatch):
    tx = pd.DataFrame({"customer": [3, 1, 3], "date": pd.to_datetime(["2021-03-01"] * 3),
                       "amount": [1.0, 2.0, 3.0]})
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast["customer"].tolist() == [1, 3]


def test_descending_order_breaks_ties_by_name():
    # 5.0 first; the two 2.0 by name (a before b); -0.0 and 0.0 are equal, so by name too
    values = np.array([2.0, 5.0, 2.0, 0.0, -0.0])
    keys = pd.Series(["b", "c", "a", "e", "d"])
    assert grouping.descending_order(values, keys).tolist() == [1, 2, 0, 4, 3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["甲", "乙", "a", "B", "b "]),
                          st.integers(min_value=-3, max_value=3)), min_size=1, max_size=30))
def test_descending_order_equals_sort_values(pairs):
    frame = pd.DataFrame({"customer": [p[0] for p in pairs], "value": [p[1] / 2 for p in pairs]})
    expected = frame.sort_values(["value", "customer"], ascending=[False, True], kind="mergesort")
    order = grouping.descending_order(frame["value"].to_numpy(), frame["customer"])
    assert order.tolist() == expected.index.tolist()
    # the same table already sorted by customer takes the shortcut; same answer
    by_name = frame.sort_values("customer", kind="mergesort").reset_index(drop=True)
    expected = by_name.sort_values(["value", "customer"], ascending=[False, True], kind="mergesort")
    order = grouping.descending_order(by_name["value"].to_numpy(), by_name["customer"])
    assert order.tolist() == expected.index.tolist()


# ---- re-tiering: rfm_segments looks tiers up by number, rfm_scores counts ranks --------------

rfm_rows = st.lists(st.tuples(st.integers(1, 60), st.integers(1, 9), st.integers(-500, 90_000)),
                    min_size=1, max_size=40)


def rfm_of(rows):
    return pd.DataFrame({"customer": [f"c{i:02d}" for i in range(len(rows))],
                         "R": [r[0] for r in rows], "F": [r[1] for r in rows],
                         "M": [r[2] / 1000 for r in rows]})


@settings(max_examples=80, deadline=None)
@given(rows=rfm_rows, threshold=st.sampled_from(["mean", "median"]))
def test_rfm_segments_follow_the_rules_row_by_row(rows, threshold):
    table = rfm_of(rows)
    out = rfm.rfm_segments(table, threshold)
    cut = rfm.rfm_thresholds(table, threshold)
    rules = {(r.R_level, r.F_level, r.M_level): (r.segment, r.strategy)
             for r in rfm.RFM_RULES.itertuples()}
    for row in out.itertuples():
        levels = ("高" if row.R <= cut["R"] else "低", "高" if row.F >= cut["F"] else "低",
                  "高" if row.M >= cut["M"] else "低")
        assert (row.R_level, row.F_level, row.M_level) == levels
        assert (row.segment, row.strategy) == rules[levels]


def test_rfm_cells_spell_the_three_scores():
    table = pd.DataFrame({"customer": ["a", "b", "c"], "R": [1, 5, 9], "F": [4, 4, 1],
                          "M": [10.0, 30.0, 20.0]})
    # R: small is good (a=5, b=3, c=1); F: a and b share mid rank 2.5 -> 4, c -> 1; M: 1, 5, 3
    assert rfm.rfm_scores(table)["RFM_cell"].tolist() == ["541", "345", "113"]
    # 2 bins: score = floor(2 * (rank - 0.5) / 3) + 1, so ranks 1 | 2, 2.5, 3 -> 1 | 2
    assert rfm.rfm_scores(table, bins=2)["RFM_cell"].tolist() == ["221", "222", "112"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-5, 40), min_size=1, max_size=50), st.booleans())
def test_twice_average_rank_equals_pandas_rank(numbers, ascending):
    for values in (pd.Series(numbers), pd.Series(numbers, dtype=float)):   # counted / sorted
        expected = (values.rank(method="average", ascending=ascending) * 2).round().astype("int64")
        assert grouping.twice_average_rank(values, ascending).tolist() == expected.tolist()


def test_at_midnight():
    assert grouping.at_midnight(pd.Series(pd.to_datetime(["2021-03-01", "1969-12-31"])))
    assert not grouping.at_midnight(pd.Series(pd.to_datetime(["2021-03-01 00:00:00", "2021-03-01 00:00:01"])))
    assert not grouping.at_midnight(pd.Series(pd.to_datetime(["2021-03-01", None])))
    seconds = pd.Series(pd.to_datetime(["2021-03-01"])).astype("datetime64[s]")
    assert grouping.at_midnight(seconds)
