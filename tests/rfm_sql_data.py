"""Random clean transactions for comparing the SQL RFM with the pandas RFM (DuckDB and Spark)."""

import numpy as np
import pandas as pd


def random_transactions(seed: int, customers: int = 60, rows: int = 400) -> pd.DataFrame:
    """Clean transactions with one-purchase customers, refunds, a purchase on the last day
    before today, and amounts in whole fen (two decimals)."""
    rng = np.random.default_rng(seed)
    names = [f"客户{i:03d}" for i in range(customers)]
    who = np.concatenate([np.arange(customers), rng.integers(0, customers // 2, rows - customers)])
    days = rng.integers(0, 31, rows)
    days[0] = 30  # 2021-03-31, the day before today
    amounts = rng.integers(-5_000, 200_000, rows) / 100
    return pd.DataFrame({"customer": [names[i] for i in who],
                         "date": pd.Timestamp("2021-03-01") + pd.to_timedelta(days, unit="D"),
                         "amount": amounts})
