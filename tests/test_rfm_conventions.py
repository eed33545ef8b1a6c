"""crmlab's R, F, M against lifetimes' and PyMC-Marketing's definitions, worked out by hand.

Three customers, "today" 2021-04-01 (so both libraries' observation end is 2021-03-31):

- 甲 buys 10 + 20 on 03-01 (one purchase day), 50 on 03-11, 30 on 03-31.
  crmlab: R = 1, F = 4, M = 110.
  lifetimes: purchase days 03-01 (30), 03-11 (50), 03-31 (30): frequency 2, recency 30 days
  (03-01 to 03-31), T = 30, monetary = mean(50, 30) = 40.
  PyMC-Marketing: frequency 3, recency 0 (bought on the last day), monetary = 110 / 3 = 36.67.
- 乙 buys once, 40 on 03-21: crmlab R = 11, F = 1, M = 40; lifetimes 0, 0, T = 10, monetary 0;
  PyMC-Marketing 1, 10, 40.
- 丙 buys 5 on 02-01 and 7 on 04-05, after the observation end: that purchase is left out of
  the libraries' numbers; crmlab is given only the purchases up to today (as its loader does).
"""

import pandas as pd
import pytest

from crmlab.rfm_conventions import (convention_differences, lifetimes_summary, pymc_segment_inputs,
                                    rfm_conventions)

TODAY = "2021-04-01"


@pytest.fixture
def tx():
    return pd.DataFrame({
        "customer": ["甲", "甲", "甲", "甲", "乙", "丙"],
        "date": pd.to_datetime(["2021-03-01", "2021-03-01", "2021-03-11", "2021-03-31",
                                "2021-03-21", "2021-02-01"]),
        "amount": [10.0, 20.0, 50.0, 30.0, 40.0, 5.0]})


def test_lifetimes_definitions_by_hand(tx):
    late = pd.DataFrame({"customer": ["丙"], "date": pd.to_datetime(["2021-04-05"]), "amount": [7.0]})
    got = lifetimes_summary(pd.concat([tx, late]), TODAY).set_index("customer")
    assert got.loc["甲"].tolist() == [2, 30, 30, 40.0]
    assert got.loc["乙"].tolist() == [0, 0, 10, 0.0]
    assert got.loc["丙"].tolist() == [0, 0, 58, 0.0]  # 02-01 to 03-31; the 04-05 purchase is after the end


def test_pymc_segment_definitions_by_hand(tx):
    got = pymc_segment_inputs(tx, TODAY).set_index("customer")
    assert got.loc["甲"].tolist() == [3, 0, 36.67]
    assert got.loc["乙"].tolist() == [1, 10, 40.0]
    assert got.loc["丙"].tolist() == [1, 58, 5.0]


def test_side_by_side_and_the_counts_of_differences(tx):
    table = rfm_conventions(tx, TODAY).set_index("customer")
    assert table.loc["甲", ["R", "F", "M"]].tolist() == [1, 4, 110.0]
    assert table.loc["乙", ["R", "lt_recency", "pm_recency"]].tolist() == [11, 0, 10]
    counts = convention_differences(table)
    assert counts["客户人数"] == 3
    assert counts["F ≠ lifetimes 的 frequency"] == 3  # F - 1 at least, for everyone
    assert counts["F ≠ PyMC-Marketing 的 frequency（同一天多次购买）"] == 1  # only 甲 bought twice on one day
    assert counts["R ≠ PyMC-Marketing 的 recency + 1"] == 0
    assert counts["M ≠ PyMC-Marketing 的 monetary_value"] == 1  # 甲: total 110, mean per day 36.67
    assert counts["只买过一天的客户（lifetimes 的 frequency = 0）"] == 2


def test_no_library_is_imported():
    import subprocess
    import sys

    code = ("import sys, pandas as pd, crmlab.rfm_conventions as c; "
            "c.rfm_conventions(pd.DataFrame({'customer': ['a'], 'date': pd.to_datetime(['2021-03-01']), "
            "'amount': [1.0]}), '2021-04-01'); "
            "print('lifetimes' in sys.modules or 'pymc_marketing' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
