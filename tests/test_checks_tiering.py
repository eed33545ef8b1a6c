"""Tests for crmlab/checks/tiering.py (exercise 03): known mistakes named, on hand-made data."""

from __future__ import annotations

import pandas as pd

from crmlab.checks import tiering as ch3



# five customers; b buys twice. amount / cost / profit per customer:
# a 10/4/6, b 50/45/5, c 20/10/10, d 15/20/-5, e 5/1/4; total amount 100, total profit 20
ABC_TX = pd.DataFrame({"customer": ["a", "b", "b", "c", "d", "e"],
                       "amount": [10.0, 30.0, 20.0, 20.0, 15.0, 5.0],
                       "cost": [4.0, 25.0, 20.0, 10.0, 20.0, 1.0]})
ABC_TOTALS = pd.DataFrame({"customer": list("abcde"), "amount": [10.0, 50.0, 20.0, 15.0, 5.0],
                           "profit": [6.0, 5.0, 10.0, -5.0, 4.0]})


def test_tiering_totals_and_forgotten_cost():
    assert ch3.check_totals(ABC_TOTALS, transactions=ABC_TX).passed
    no_cost = ABC_TOTALS.assign(profit=ABC_TOTALS["amount"])
    assert "忘了减去成本" in repr(ch3.check_totals(no_cost, transactions=ABC_TX))
    assert "少了 1 位客户" in repr(ch3.check_totals(ABC_TOTALS.iloc[1:], transactions=ABC_TX))


def test_tiering_abc_right_reversed_and_by_value():
    # by amount, n = 5: rank 1 (b) is A (<= 20 %), rank 2 (c) is B (<= 50 %), d, a, e are C
    right = pd.DataFrame({"customer": list("bcdae"), "类别": list("ABCCC")})
    assert ch3.check_abc(right, transactions=ABC_TX).passed
    ascending = pd.DataFrame({"customer": list("eadcb"), "class": list("ABCCC")})
    assert "排序方向错了" in repr(ch3.check_abc(ascending, transactions=ABC_TX))
    typo = right.assign(类别=["A", "B", "C", "C", "D"])
    assert "“D”不是可用的取值" in repr(ch3.check_abc(typo, transactions=ABC_TX))


def test_tiering_a_share_fraction_or_percent_and_head_count_mistake():
    assert ch3.check_a_share(0.5, transactions=ABC_TX).passed      # b: 50 of 100
    assert ch3.check_a_share(50, transactions=ABC_TX).passed
    assert "人数占比" in repr(ch3.check_a_share(0.2, transactions=ABC_TX))   # 1 of 5 customers


# twenty customers k01..k20: profit 21 - i (k01 best), amount 10 * i (so by amount k20 is best)
PYR_TX = pd.DataFrame({"customer": [f"k{i:02d}" for i in range(1, 21)],
                       "amount": [10.0 * i for i in range(1, 21)],
                       "cost": [10.0 * i - (21 - i) for i in range(1, 21)]})


def pyramid_by_rank(order):
    tiers = ["高端客户"] + ["重要客户"] * 3 + ["普通客户"] * 6 + ["小客户"] * 10  # 5 %, 20 %, 50 %
    return pd.DataFrame({"customer": order, "tier": tiers})


def test_tiering_pyramid_by_profit_rank_and_by_amount_mistake():
    by_profit = [f"k{i:02d}" for i in range(1, 21)]
    assert ch3.check_pyramid(pyramid_by_rank(by_profit), transactions=PYR_TX).passed
    by_amount = by_profit[::-1]
    assert "按消费金额排的名" in repr(ch3.check_pyramid(pyramid_by_rank(by_amount), transactions=PYR_TX))


def test_tiering_small_customers_profit_share():
    # 小客户 k11..k20 make 10 + 9 + ... + 1 = 55 of 210
    assert ch3.check_small_profit(55 / 210, transactions=PYR_TX).passed
    assert ch3.check_small_profit(100 * 55 / 210, transactions=PYR_TX).passed
    assert "人数占比" in repr(ch3.check_small_profit(0.5, transactions=PYR_TX))


def test_tiering_other_correct_styles_pass():
    rows = []
    for name in sorted(set(ABC_TX["customer"])):  # a loop instead of groupby
        own = ABC_TX[ABC_TX["customer"] == name]
        rows.append({"客户": name, "消费金额": own["amount"].sum(),
                     "利润": (own["amount"] - own["cost"]).sum()})
    assert ch3.check_totals(pd.DataFrame(rows), transactions=ABC_TX).passed
    classes = {}
    ranked = ABC_TOTALS.sort_values("amount", ascending=False)["customer"].tolist()
    for rank, name in enumerate(ranked, start=1):
        classes[name] = "A" if rank <= 0.2 * len(ranked) else "B" if rank <= 0.5 * len(ranked) else "C"
    as_index = pd.Series(classes, name="class").rename_axis("customer").to_frame()  # customer in the index
    assert ch3.check_abc(as_index, transactions=ABC_TX).passed
