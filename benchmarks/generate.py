"""Seeded synthetic transactions for the benchmarks (10k / 100k / 1M / 5M rows).

``make_transactions(rows)`` returns a clean-transactions frame (the contract in
docs/architecture.md): ``customer`` (str id such as ``"C0000042"``), ``date``
(datetime64, midnight), ``amount`` (float, 2 decimals) and ``order_id`` (str). There are
about ten rows per customer; how often a customer buys is skewed (a few buy a lot, many
buy once or twice), and a few orders have two lines, so F by order differs from F by row.
The same ``rows`` and ``seed`` always give the same frame.

``write_workbook(frame, path)`` writes it as an .xlsx with Chinese headers, the way a
student's export from a sales system looks.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "5M": 5_000_000}
HEADERS = {"customer": "客户编号", "order_id": "订单编号", "date": "交易日期", "amount": "交易金额"}
FIRST_DAY = np.datetime64("2020-04-01")
DAYS = 365


def make_transactions(rows: int, *, seed: int = 0, customers: int | None = None) -> pd.DataFrame:
    """``rows`` purchases of ``rows // 10`` customers (or ``customers``), columns
    ``customer, date, amount, order_id``, in time order.

    >>> frame = make_transactions(1_000, seed=1)
    >>> list(frame.columns), len(frame), frame["customer"].nunique() <= 100
    (['customer', 'date', 'amount', 'order_id'], 1000, True)
    """
    rng = np.random.default_rng(seed)
    n_customers = customers or max(1, rows // 10)
    # an order has one line, sometimes two (about 1 in 20): F by order_id < F by row
    lines = np.where(rng.random(rows) < 0.05, 2, 1)
    n_orders = int(np.searchsorted(np.cumsum(lines), rows)) + 1
    lines = lines[:n_orders]
    lines[-1] -= lines.sum() - rows
    # how often each customer orders: gamma-distributed propensity (skewed, like real shops)
    propensity = rng.gamma(shape=1.5, scale=1.0, size=n_customers)
    who = rng.choice(n_customers, size=n_orders, p=propensity / propensity.sum())
    day = np.sort(rng.integers(0, DAYS, size=n_orders))
    order_number = np.arange(1, n_orders + 1)
    who, day, order_number = (np.repeat(a, lines) for a in (who, day, order_number))
    # a line is log-normal around 200 元, drawn in fen so the amounts have 2 decimals
    cents = np.round(rng.lognormal(mean=np.log(200), sigma=0.8, size=rows) * 100)
    ids = np.char.add("C", np.char.zfill(who.astype("U7"), 7))
    orders = np.char.add("O", np.char.zfill(order_number.astype("U8"), 8))
    return pd.DataFrame(
        {
            "customer": pd.array(ids.astype(object), dtype="str"),
            "date": (FIRST_DAY + day.astype("timedelta64[D]")).astype("datetime64[ns]"),
            "amount": cents / 100,
            "order_id": pd.array(orders.astype(object), dtype="str"),
        }
    )


def write_workbook(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` as an .xlsx (one sheet 交易记录, Chinese headers, real date cells)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("交易记录")
    columns = [c for c in HEADERS if c in frame.columns]
    sheet.append([HEADERS[c] for c in columns])
    values = {c: frame[c].tolist() for c in columns}
    if "date" in values:
        values["date"] = [d.to_pydatetime() for d in frame["date"]]
    for row in zip(*(values[c] for c in columns)):
        sheet.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
