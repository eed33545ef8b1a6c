"""The fast paths give exactly what the plain pandas code gives.

crmlab/_fast/codes.py aggregates on integer codes (np.bincount, np.maximum.at) instead of a
pandas groupby on text, crmlab/_fast/arrow.py in Arrow; rfm_table, rank_by_value and
rfm_scores use them when they can, unless the one switch crmlab._fast.ENABLED is off.
Hand-worked cases first, then random data compared with the plain path (ties, order ids, one
customer, refunds, Chinese names), in both of pandas' text storages.
"""

from __future__ import annotations

import sys
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import _fast, money, rfm
from crmlab.rfm import rfm_table
from crmlab.abc_classification import abc_analysis, rank_by_value
from crmlab.pyramid import customer_pyramid
from crmlab._fast import arrow as fast_arrow
from crmlab._fast import codes as fast_codes
from crmlab.errors import CrmlabError

TODAY = pd.Timestamp("2021-04-01")


# ---- _fast.codes: hand-worked ------------------------------------------------------------------

def test_sorted_codes_sorts_like_groupby():
    keys = pd.Series(["乙", "A", "甲", "A", "b", "乙"])
    codes, uniques = fast_codes.sorted_codes(keys)
    # code point order: "A" (65) < "b" (98) < "乙" (U+4E59) < "甲" (U+7532)
    assert uniques.tolist() == ["A", "b", "乙", "甲"]
    assert codes.tolist() == [2, 0, 3, 0, 1, 2]


def test_sorted_codes_treat_a_trailing_nul_like_groupby():
    # numpy's fixed-width text would drop the NUL and make "a\0" equal to "a"; pandas keeps
    # them apart (pandas < 2.2 merges them in its hash table: then both paths merge them)
    keys = pd.Series(["a\0", "a", "a\0"])
    codes, uniques = fast_codes.sorted_codes(keys)
    expected = keys.groupby(keys).size()
    assert uniques.tolist() == expected.index.tolist()
    assert np.bincount(codes).tolist() == expected.tolist()


def test_argsort_text_packs_long_ids_into_several_words():
    # 7 bits per character, 9 per word: 21-character ids take 3 words, compared in turn
    ids = ["C" + "0" * 19 + "2", "C" + "0" * 19 + "1", "C" + "0" * 20, "C" + "0" * 19, "B"]
    assert len(fast_codes._packed_code_points(np.array(ids))) == 3
    order = fast_codes._argsort_text(np.array(ids, dtype=object))
    assert [ids[i] for i in order] == sorted(ids)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=30, unique=True))
def test_argsort_text_orders_like_python_sorted(strings):
    # distinct keys as factorize hands them over: ASCII ids, Chinese, emoji above U+FFFF,
    # empty strings, prefixes, NULs
    order = fast_codes._argsort_text(np.array(strings, dtype=object))
    assert order.tolist() == sorted(range(len(strings)), key=strings.__getitem__)


def test_sorted_codes_refuses_missing_and_numbers():
    assert fast_codes.sorted_codes(pd.Series(["a", None])) is None
    assert fast_codes.sorted_codes(pd.Series([1, 2])) is None


def test_group_max_on_dates():
    dates = pd.to_datetime(["2021-03-01", "2021-03-20", "2021-03-05", "2021-03-02"]).to_numpy()
    out = fast_codes.group_max(np.array([0, 0, 1, 1]), dates, 2)
    assert out.dtype == dates.dtype
    assert np.datetime_as_string(out, unit="D").tolist() == ["2021-03-20", "2021-03-05"]


def test_money_is_added_exactly_whatever_the_order():
    # 3.382 + 1.617 + 4.706 is 9.705 on paper, a tie at 2 decimals. Added left to right in
    # floats it is 9.705000000000002, pandas' compensated sum gives 9.705: the two would round
    # apart. Added as millionths it is 9 705 000 exactly, and rounds (halves away) to 9.71.
    amounts = np.array([3.382, 1.617, 4.706])
    codes = np.zeros(3, dtype=np.intp)
    micros = money.to_micros(amounts)
    assert fast_codes.group_fen(codes, micros, 1).tolist() == [971]
    assert fast_codes.group_fen(codes, micros[::-1], 1).tolist() == [971]
    tx = pd.DataFrame({"customer": ["甲"] * 3, "date": pd.to_datetime(["2021-03-01"] * 3),
                       "amount": amounts})
    with _fast.switched_off():
        plain = rfm_table(tx, "2021-04-01")
    assert plain["M"].tolist() == [9.71] == rfm_table(tx, "2021-04-01")["M"].tolist()


def test_group_fen_steps_aside_past_exact_float_sums():
    huge = np.array([2**52, 2**52], dtype=np.int64)
    assert fast_codes.group_fen(np.array([0, 0]), huge, 1) is None


def test_count_distinct_orders():
    # customer 0: orders a, a, b and a row without order id -> 3; customer 1: c -> 1
    orders = pd.Series(["a", "a", "b", None, "c"])
    assert fast_codes.group_count_distinct(np.array([0, 0, 0, 0, 1]), orders, 2).tolist() == [3, 1]


def test_count_distinct_when_customers_share_an_order_id():
    # order "x" appears for both customers: it counts once for each of them
    orders = pd.Series(["x", "x", "y", "x"])
    assert fast_codes.group_count_distinct(np.array([0, 0, 0, 1]), orders, 2).tolist() == [2, 1]


# ---- rfm_table: fast path == plain path -----------------------------------------------------


def both_paths(tx, monkeypatch, **kwargs):
    fast = rfm.rfm_table(tx, TODAY, **kwargs)
    with monkeypatch.context() as m:
        m.setattr(_fast, "ENABLED", False)
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


def text(values, storage):
    """Text stored the way pandas stores new text: in Python objects, or in Arrow."""
    try:
        dtype = pd.StringDtype(storage, na_value=np.nan)  # pandas 3's default "str"
    except TypeError:  # pandas 2
        dtype = pd.StringDtype(storage)
    return pd.array(values, dtype=dtype)


def frame_of(rows, with_orders, storage="python"):
    tx = pd.DataFrame({
        "customer": text([r[0] for r in rows], storage),
        "date": [TODAY - pd.Timedelta(days=r[1]) for r in rows],
        "amount": [r[2] / 1000 for r in rows],   # three decimals: sums can tie at x.xx5
    })
    if with_orders:
        tx["order_id"] = pd.Series([r[3] for r in rows], dtype=object)
    return tx


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@settings(max_examples=150, deadline=None)
@given(rows=rows, with_orders=st.booleans())
def test_rfm_table_fast_equals_plain_on_random_data(storage, rows, with_orders):
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    tx = frame_of(rows, with_orders, storage)
    fast = rfm.rfm_table(tx, TODAY)
    with _fast.switched_off():
        plain = rfm.rfm_table(tx, TODAY)
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
    assert fast_codes.descending_order(values, keys).tolist() == [1, 2, 0, 4, 3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["甲", "乙", "a", "B", "b "]),
                          st.integers(min_value=-3, max_value=3)), min_size=1, max_size=30))
def test_descending_order_equals_sort_values(pairs):
    frame = pd.DataFrame({"customer": [p[0] for p in pairs], "value": [p[1] / 2 for p in pairs]})
    expected = frame.sort_values(["value", "customer"], ascending=[False, True], kind="mergesort")
    order = fast_codes.descending_order(frame["value"].to_numpy(), frame["customer"])
    assert order.tolist() == expected.index.tolist()
    # the same table already sorted by customer takes the shortcut; same answer
    by_name = frame.sort_values("customer", kind="mergesort").reset_index(drop=True)
    expected = by_name.sort_values(["value", "customer"], ascending=[False, True], kind="mergesort")
    order = fast_codes.descending_order(by_name["value"].to_numpy(), by_name["customer"])
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
    values = pd.Series(numbers)
    expected = (values.rank(method="average", ascending=ascending) * 2).round().astype("int64")
    counted = fast_codes.twice_average_rank_counted(values, ascending)
    if max(numbers) - min(numbers) <= 4 * len(numbers):  # a small range of whole numbers
        assert counted.tolist() == expected.tolist()
    else:
        assert counted is None
    assert fast_codes.twice_average_rank_counted(values.astype(float), ascending) is None


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@pytest.mark.parametrize("unit", ["ns", "s"])
def test_times_of_day_count_as_their_day(storage, unit, monkeypatch):
    # 甲's last purchase is 3-30 at 23:59 -> R 2 (not 1, not 3); 乙's 3-31 at 00:00:01 -> R 1;
    # 丙 bought once, on 1969-12-31 at noon (before 1970: the day must floor, not round to 0)
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    tx = pd.DataFrame({
        "customer": text(["甲", "乙", "甲", "丙"], storage),
        "date": pd.to_datetime(["2021-03-30 23:59:00", "2021-03-31 00:00:01", "2021-03-01 08:00:00",
                                "1969-12-31 12:00:00"]).astype(f"datetime64[{unit}]"),
        "amount": [1.0, 2.0, 3.0, 4.0],
    })
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast.set_index("customer")["R"].to_dict() == {"丙": 18719, "乙": 1, "甲": 2}


# ---- _fast.arrow: ids that pandas keeps in Arrow ------------------------------------------


def arrow_frame():
    pytest.importorskip("pyarrow")
    return pd.DataFrame({
        "customer": text(["乙", "甲", "乙", "丙", "甲"], "pyarrow"),
        "date": pd.to_datetime(["2021-03-01", "2021-03-30", "2021-03-25", "2021-03-31", "2021-03-30"]),
        "amount": [10.0, 20.5, 30.0, -5.0, 1.25],
    })


def test_arrow_path_worked_example():
    tx = arrow_frame()
    assert fast_arrow.is_arrow_text(tx["customer"])
    found = fast_arrow.per_customer(tx["customer"], tx["date"].to_numpy(),
                                    money.to_micros(tx["amount"]))
    assert found is not None  # the path is taken, not skipped
    customers, last, frequency, monetary = found
    # 丙 (U+4E19) < 乙 (U+4E59) < 甲 (U+7532); 乙: 3-01 and 3-25, 40.0; 甲: two rows on 3-30
    assert list(customers) == ["丙", "乙", "甲"]
    assert np.datetime_as_string(last, unit="D").tolist() == ["2021-03-31", "2021-03-25", "2021-03-30"]
    assert frequency.tolist() == [1, 2, 2]
    assert monetary.tolist() == [-5.0, 40.0, 21.75]


def test_arrow_path_same_table_as_plain(monkeypatch):
    tx = arrow_frame()
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast["R"].tolist() == [1, 7, 2]


def test_arrow_path_adds_a_rounding_tie_exactly(monkeypatch):
    # 3.382 + 1.617 + 4.706 = 9.705: a tie at 2 decimals, which floats added in different
    # orders would round apart; as exact millionths it is 9.71 on every path
    tx = arrow_frame().iloc[:3].assign(customer=text(["甲"] * 3, "pyarrow"),
                                       amount=[3.382, 1.617, 4.706])
    found = fast_arrow.per_customer(tx["customer"], tx["date"].to_numpy(),
                                    money.to_micros(tx["amount"]))
    assert found is not None and found[3].tolist() == [9.71]
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast["M"].tolist() == [9.71]


def test_arrow_path_refuses_missing_ids():
    tx = arrow_frame()
    tx["customer"] = text(["乙", None, "乙", "丙", "甲"], "pyarrow")
    assert fast_arrow.per_customer(tx["customer"], tx["date"].to_numpy(),
                                   money.to_micros(tx["amount"])) is None
    with pytest.raises(CrmlabError, match="1 行客户为空"):
        rfm.rfm_table(tx, TODAY)


def test_arrow_path_large_string_ids(monkeypatch):
    pa = pytest.importorskip("pyarrow")
    tx = arrow_frame()
    tx["customer"] = tx["customer"].astype(pd.ArrowDtype(pa.large_string()))
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast["customer"].tolist() == ["丙", "乙", "甲"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=30, unique=True))
def test_argsort_utf8_orders_like_python_sorted(strings):
    # distinct ids as group_by hands them over; NULs, emoji, one length or many, over 32 bytes
    pa = pytest.importorskip("pyarrow")
    order = fast_arrow.argsort_utf8(pa.array(strings))
    assert order.tolist() == sorted(range(len(strings)), key=strings.__getitem__)


def test_argsort_utf8_worked_example():
    pa = pytest.importorskip("pyarrow")
    ids = ["乙", "b", "", "a\0", "a", "甲乙"]
    # "" < "a" < "a\0" (a prefix first, NUL or not) < "b" < 乙 (U+4E59) < 甲乙 (U+7532)
    assert fast_arrow.argsort_utf8(pa.array(ids)).tolist() == [2, 4, 3, 1, 0, 5]


def test_argsort_utf8_on_ids_of_one_length():
    pa = pytest.importorskip("pyarrow")
    ids = ["C0000012", "C0000002", "B0000099", "C0000010"]
    order = fast_arrow.argsort_utf8(pa.array(ids).slice(1))  # a slice: offsets start at 1
    assert [ids[1:][i] for i in order] == ["B0000099", "C0000002", "C0000010"]


def test_arrow_path_ids_in_two_chunks(monkeypatch):
    # pd.concat of two Arrow-backed columns keeps two chunks of ids
    first, second = arrow_frame().iloc[:2], arrow_frame().iloc[2:]
    tx = pd.concat([first, second], ignore_index=True)
    assert tx["customer"].array._pa_array.num_chunks == 2
    fast, plain = both_paths(tx, monkeypatch)
    assert_same(fast, plain)
    assert fast["F"].tolist() == [1, 2, 2]


@pytest.mark.parametrize("ids", [[3, 1, 3], ["b", 1, "b"], [b"b", b"a", b"b"]],
                         ids=["numbers", "numbers among text", "bytes"])
def test_object_ids_that_arrow_cannot_take(ids, monkeypatch):
    # an object column: Arrow refuses these ids, and the other paths decide (identically)
    tx = pd.DataFrame({"customer": pd.Series(ids, dtype=object),
                       "date": pd.to_datetime(["2021-03-01", "2021-03-02", "2021-03-03"]),
                       "amount": [1.0, 2.0, 3.0]})
    if "pyarrow" in sys.modules:
        assert fast_arrow.per_customer(tx["customer"], tx["date"].to_numpy(),
                                       money.to_micros(tx["amount"])) is None
    try:
        fast, plain = both_paths(tx, monkeypatch)
    except TypeError:  # pandas cannot sort numbers among text: neither path can
        with pytest.raises(TypeError), monkeypatch.context() as m:
            m.setattr(_fast, "ENABLED", False)
            rfm.rfm_table(tx, TODAY)
        return
    assert_same(fast, plain)
    assert fast["F"].tolist() == [1, 2]  # customer 1 (or b"a") once, customer 3 (b"b") twice
    if isinstance(ids[0], bytes):
        assert fast["customer"].tolist() == [b"a", b"b"]  # bytes stay bytes


# ---- the one switch: rfm_table, rank_by_value and rfm_scores, fast == plain ----------------


def test_switch_off_sends_every_method_to_its_plain_path(monkeypatch):
    tx = frame_of([("甲", 1, 1000, None), ("乙", 2, 2000, None)], with_orders=False)
    values = pd.Series([3, 1, 3])
    with _fast.switched_off():
        assert _fast.per_customer(tx, tx["date"]) is None
        assert _fast.descending_order(np.array([1.0, 2.0]), pd.Series(["a", "b"])) is None
        assert _fast.twice_average_rank(values, True) is None
    assert _fast.ENABLED  # switched back on
    assert _fast.twice_average_rank(values, True).tolist() == [5, 2, 5]  # ranks 2.5, 1, 2.5

    def refuse(*args, **kwargs):
        raise AssertionError("a fast path ran while switched off")

    for name in ("factorize_text", "descending_order", "twice_average_rank_counted"):
        monkeypatch.setattr(fast_codes, name, refuse)
    monkeypatch.setattr(fast_arrow, "per_customer", refuse)
    with _fast.switched_off():
        table = rfm.rfm_table(tx, TODAY)
        rfm.rfm_scores(table)
        abc_analysis(table, value="M")
    assert table["customer"].tolist() == ["乙", "甲"]


totals_rows = st.lists(st.tuples(st.sampled_from(["甲", "乙", "丙", "A01", "a01", "b", "Zoë", "a\0"]),
                                 st.integers(-3, 40)),
                       min_size=1, max_size=40, unique_by=lambda r: r[0])


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@settings(max_examples=80, deadline=None)
@given(rows=totals_rows, by=st.sampled_from(["count", "value"]))
def test_ranking_abc_and_pyramid_same_with_switch_off(storage, rows, by):
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    # a positive total, else there is no share to rank by (both paths refuse it alike)
    rows = rows + [("最大客户", 1000)]
    table = pd.DataFrame({"customer": text([r[0] for r in rows], storage),
                          "profit": [r[1] / 4 for r in rows]})
    fast = (rank_by_value(table, "profit"), abc_analysis(table, "profit", by=by),
            customer_pyramid(table, "profit", by="profit" if by == "value" else "rank"))
    with _fast.switched_off():
        plain = (rank_by_value(table, "profit"), abc_analysis(table, "profit", by=by),
                 customer_pyramid(table, "profit", by="profit" if by == "value" else "rank"))
    for a, b in zip(fast, plain):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
@settings(max_examples=80, deadline=None)
@given(rows=rfm_rows, bins=st.integers(2, 9))
def test_rfm_scores_same_with_switch_off(storage, rows, bins):
    if storage == "pyarrow":
        pytest.importorskip("pyarrow")
    table = rfm_of(rows).assign(customer=lambda t: text(t["customer"].tolist(), storage))
    fast = rfm.rfm_scores(table, bins)
    with _fast.switched_off():
        plain = rfm.rfm_scores(table, bins)
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)
