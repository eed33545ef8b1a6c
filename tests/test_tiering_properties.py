"""Property tests for the tierings: ABC and pyramid classes partition the customers, are
monotone in value, follow their cut rules, and do not depend on the input row order."""

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmlab.abc_classification import ABC_CLASSES, abc_analysis
from crmlab.pyramid import PYRAMID_TIERS, customer_pyramid

# values with ties, zeros and losses; the total must be positive for shares to exist
values_lists = st.lists(
    st.one_of(st.integers(-50, 1000).map(float),
              st.floats(-100, 1e6, allow_nan=False, allow_infinity=False)),
    min_size=1, max_size=40,
).filter(lambda vs: sum(vs) > 1e-6)

METHODS = [
    (lambda t: abc_analysis(t, value="v", by="count"), "class", ABC_CLASSES),
    (lambda t: abc_analysis(t, value="v", by="value"), "class", ABC_CLASSES),
    (lambda t: customer_pyramid(t, value="v", by="rank"), "tier", PYRAMID_TIERS),
    (lambda t: customer_pyramid(t, value="v", by="profit"), "tier", PYRAMID_TIERS),
]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def frame(values):
    return pd.DataFrame({"customer": [f"c{i:02d}" for i in range(len(values))], "v": values})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values_lists, st.randoms(use_true_random=False))
def test_classes_partition_the_customers_and_are_monotone(values, rnd):
    t = frame(values)
    for method, column, labels in METHODS:
        out = method(t)
        # a partition: every customer exactly once, every class one of the labels
        assert sorted(out["customer"]) == sorted(t["customer"])
        assert set(out[column]) <= set(labels)
        # monotone: a strictly higher value never gets a lower class
        level = {name: labels.index(c) for name, c in zip(out["customer"], out[column])}
        value = dict(zip(t["customer"], t["v"]))
        for a in value:
            for b in value:
                if value[a] > value[b]:
                    assert level[a] <= level[b]
        # the row order of the input does not matter
        order = list(range(len(t)))
        rnd.shuffle(order)
        pd.testing.assert_frame_equal(method(t.iloc[order]), out)


@SETTINGS
@given(values_lists)
def test_by_count_class_sizes_follow_the_cuts(values):
    n = len(values)
    out = abc_analysis(frame(values), value="v")
    counts = out["class"].value_counts().reindex(list(ABC_CLASSES), fill_value=0).tolist()
    a = math.floor(0.2 * n + 1e-9)
    b = math.floor(0.5 * n + 1e-9)
    assert counts == [a, b - a, n - b]


@SETTINGS
@given(values_lists)
def test_by_value_a_class_starts_below_its_cut(values):
    out = abc_analysis(frame(values), value="v", by="value")
    before = out["cum_share"] - out["share"]
    # every A customer starts below 70 % (the one crossing 70 % included); the first is always A
    assert (before[out["class"] == "A"] < 0.7 + 1e-9).all()
    assert out["class"].iloc[0] == "A"
    # every C customer starts at or above 90 % of the value
    assert (before[out["class"] == "C"] >= 0.9 - 1e-9).all()
    # shares add up to 1 whatever the signs
    assert abs(out["share"].sum() - 1) < 1e-9
