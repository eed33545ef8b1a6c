"""RFM aggregation on in-memory transactions: crmlab.rfm_table against pandas and peers.

Every method computes, per customer, the last purchase date, the number of purchases and
the total amount from the same frame. Peer libraries that are not installed are skipped
with a note. Their own definitions differ (lifetimes and pymc-marketing count purchase
days after the first one, and report mean spend), so they are compared on time only.
"""

from __future__ import annotations

import sys
import warnings

import pandas as pd

from timing import Result, measure, peak_memory

TODAY = pd.Timestamp("2021-04-01")
SECTION = "rfm"


def _naive(tx, sort=True):
    return tx.groupby("customer", sort=sort).agg(
        last=("date", "max"), F=("date", "size"), M=("amount", "sum"))


def methods(tx: pd.DataFrame) -> list[tuple[str, object, str]]:
    """(name, zero-argument callable or None, note) for every method on ``tx``."""
    import crmlab

    plain = tx[["customer", "date", "amount"]]
    out = [
        ("pandas groupby (naive)", lambda: _naive(plain), "reference"),
        ("pandas groupby sort=False", lambda: _naive(plain, sort=False), ""),
        ("crmlab.rfm_table", lambda: crmlab.rfm_table(plain, TODAY), "F = rows"),
        ("crmlab.rfm_table + order_id", lambda: crmlab.rfm_table(tx, TODAY), "F = distinct orders"),
    ]
    try:
        import crmlab._fast as fast
    except ImportError:  # an older crmlab without the one switch
        fast = None
    if fast is not None:
        def plain_path(frame):
            with fast.switched_off():
                return crmlab.rfm_table(frame, TODAY)
        out += [("crmlab.rfm_table, plain path", lambda: plain_path(plain), "crmlab._fast off"),
                ("crmlab.rfm_table + order_id, plain path", lambda: plain_path(tx), "crmlab._fast off")]
    if fast is not None and "pyarrow" in sys.modules:
        def numpy_path(frame):
            real = fast.arrow.can_group
            fast.arrow.can_group = lambda keys: False
            try:
                return crmlab.rfm_table(frame, TODAY)
            finally:
                fast.arrow.can_group = real
        out.append(("crmlab.rfm_table, numpy path", lambda: numpy_path(plain),
                    "as without pyarrow (students' pip install)"))
    try:
        import polars as pl

        frame = pl.from_pandas(plain)
        out.append(("polars group_by", lambda: frame.group_by("customer").agg(
            pl.col("date").max(), pl.len(), pl.col("amount").sum()), "frame converted before"))
    except ImportError:
        out.append(("polars group_by", None, "polars not installed"))
    try:
        import duckdb

        con = duckdb.connect()
        con.register("tx", plain)
        sql = "select customer, max(date), count(*), sum(amount) from tx group by customer"
        out.append(("duckdb SQL", lambda: con.execute(sql).df(), "result as pandas"))
    except ImportError:
        out.append(("duckdb SQL", None, "duckdb not installed"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from lifetimes.utils import summary_data_from_transaction_data

        def lifetimes_summary():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return summary_data_from_transaction_data(
                    plain, "customer", "date", monetary_value_col="amount",
                    observation_period_end=TODAY)
        out.append(("lifetimes summary_data_from_transaction_data", lifetimes_summary, ""))
    except ImportError:
        out.append(("lifetimes summary_data_from_transaction_data", None, "lifetimes not installed"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pymc_marketing.clv.utils import rfm_summary

        def pymc_summary():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return rfm_summary(plain, "customer", "date", monetary_value_col="amount",
                                   observation_period_end=TODAY)
        out.append(("pymc-marketing rfm_summary", pymc_summary, ""))
    except ImportError:
        out.append(("pymc-marketing rfm_summary", None, "pymc-marketing not installed"))
    return out


SLOW = ("lifetimes", "pymc")


def run(tx: pd.DataFrame, repeat: int = 5, memory: bool = True) -> list[Result]:
    rows = len(tx)
    results = []
    input_bytes = int(tx[["customer", "date", "amount"]].memory_usage(deep=True).sum())
    for name, func, note in methods(tx):
        result = Result(SECTION, name, rows, note=note)
        if func is None:
            results.append(result)
            continue
        slow = name.startswith(SLOW)
        try:
            result.seconds = measure(func, repeat=3 if slow else repeat, warmup=0 if slow else 1)
        except Exception as exc:  # a peer that breaks on this pandas is reported, not fatal
            result.note = f"failed: {type(exc).__name__}: {str(exc)[:60]}"
            results.append(result)
            continue
        if memory and name.startswith(("crmlab", "pandas")):
            result.peak_bytes = peak_memory(func)
            share = result.peak_bytes / input_bytes
            result.note = (result.note + "; " if result.note else "") + f"peak {share:.2f}x input"
        results.append(result)
    return results
