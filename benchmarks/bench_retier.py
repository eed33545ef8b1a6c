"""Re-tiering an already aggregated table: what a widget does when a slider moves.

A widget computes the RFM table (or the customer totals) once and calls the tiering
functions again on every change of threshold, cuts or weights. Target: under 30 ms each on
100,000 customers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timing import Result, measure

SECTION = "retier"
TARGET_SECONDS = 0.030


def customer_table(customers: int = 100_000, seed: int = 3) -> pd.DataFrame:
    """customer, R, F, M (+ amount = M, profit) for ``customers`` customers, sorted by customer."""
    rng = np.random.default_rng(seed)
    ids = np.char.add("C", np.char.zfill(np.arange(customers).astype("U7"), 7))
    m = np.round(rng.lognormal(np.log(2000), 1.0, customers), 2)
    return pd.DataFrame({
        "customer": pd.Series(ids.astype(object), dtype="str"),
        "R": rng.integers(1, 366, customers),
        "F": rng.geometric(0.12, customers),
        "M": m,
        "amount": m,
        "profit": np.round(m * rng.normal(0.2, 0.3, customers), 2),
    })


def run(customers: int = 100_000, repeat: int = 7) -> list[Result]:
    import crmlab

    table = customer_table(customers)
    rfm = table[["customer", "R", "F", "M"]]
    segmented = crmlab.rfm_segments(rfm)
    from crmlab.abc_classification import abc_from_ranked, rank_by_value
    from crmlab.pyramid import pyramid_from_ranked

    ranked = rank_by_value(table, "amount")
    cut = {"R": 30, "F": 5, "M": 3000.0}
    methods = [
        ("rfm_segments threshold=mean", lambda: crmlab.rfm_segments(rfm)),
        ("rfm_segments threshold=median", lambda: crmlab.rfm_segments(rfm, "median")),
        ("rfm_segments threshold=dict", lambda: crmlab.rfm_segments(rfm, cut)),
        ("tier_summary", lambda: crmlab.tier_summary(segmented)),
        ("rfm_scores bins=5", lambda: crmlab.rfm_scores(rfm)),
        # the ABC / pyramid explorers rank once (rank_by_value) and re-cut on every move
        ("abc_from_ranked by=count (explorer move)", lambda: abc_from_ranked(ranked)),
        ("abc_from_ranked by=value cuts=(0.6,0.85) (explorer move)",
         lambda: abc_from_ranked(ranked, by="value", cuts=(0.6, 0.85))),
        ("pyramid_from_ranked by=profit (explorer move)",
         lambda: pyramid_from_ranked(ranked, by="profit")),
    ]
    results = []
    for name, func in methods:
        seconds = measure(func, repeat=repeat)
        result = Result(SECTION, name, customers, seconds)
        result.note = "OK (< 30 ms)" if result.median < TARGET_SECONDS else "OVER 30 ms"
        results.append(result)
    return results
