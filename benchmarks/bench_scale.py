"""RFM at warehouse scale: crmlab on pandas, crmlab.rfm_sql on DuckDB, and polars, from parquet.

    make bench-scale                                 # 10,000,000 rows, in .venv-bench
    make bench-scale SCALE_ARGS="--rows 100M"        # 100,000,000 rows (1.3 GB of parquet)

Each engine runs in a process of its own, which reads the same parquet file and computes the
course's RFM and eight tiers (mean thresholds); the process reports its wall time (read +
compute) and its peak resident memory (``ru_maxrss``), so time and memory come from one run.
The parquet file is made once per size in ``benchmarks/.data/`` (git ignores it). Target:
the DuckDB path at 10^8 rows peaks under 3 GB, so an 8 GB lab PC runs it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
TODAY = "2024-01-01"
DUCKDB_TARGET_BYTES = 3 * 2**30

ENGINES = {
    "crmlab (pandas)": """
import pandas as pd, crmlab
tx = pd.read_parquet(PATH)
out = crmlab.rfm_segments(crmlab.rfm_table(tx, TODAY))
""",
    "crmlab.rfm_sql (DuckDB)": """
from crmlab.rfm_sql import rfm_sql
out = rfm_sql(PATH, TODAY)
""",
    "polars": """
import polars as pl
today = pl.lit(TODAY).str.to_date()
per = (pl.scan_parquet(PATH)
       .group_by("customer")
       .agg((today - pl.col("date").max().dt.date()).dt.total_days().alias("R"),
            pl.len().alias("F"), pl.col("amount").sum().round(2).alias("M")))
out = per.with_columns(
    pl.when(pl.col("R") <= pl.col("R").mean()).then(pl.lit("高")).otherwise(pl.lit("低")).alias("R_level"),
    pl.when(pl.col("F") >= pl.col("F").mean()).then(pl.lit("高")).otherwise(pl.lit("低")).alias("F_level"),
    pl.when(pl.col("M") >= pl.col("M").mean()).then(pl.lit("高")).otherwise(pl.lit("低")).alias("M_level"),
).collect()
""",
}

RUNNER = """
import json, resource, sys, time
PATH, TODAY = sys.argv[1], sys.argv[2]
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "customers": len(out)}}))
"""


def parse_rows(text: str) -> int:
    """'10M' -> 10_000_000, '100000' -> 100_000."""
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * scale)


def make_parquet(rows: int, seed: int = 1) -> Path:
    """About 10.5 purchases per customer over 2023, amounts in whole fen; written once."""
    import numpy as np
    import pandas as pd

    DATA.mkdir(exist_ok=True)
    path = DATA / f"transactions_{rows}.parquet"
    if path.is_file():
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    customers = max(rows * 2 // 21, 1)
    writer, chunk = None, 5_000_000
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        ids = rng.integers(0, customers, n)
        table = pa.table({
            "customer": pa.array(np.char.add("C", ids.astype(str))),
            "date": pa.array((np.datetime64("2023-01-01") + rng.integers(0, 365, n)).astype("datetime64[us]")),
            "amount": pa.array(rng.integers(100, 200_000, n) / 100),
        })
        writer = writer or pq.ParquetWriter(path.with_suffix(".tmp"), table.schema)
        writer.write_table(table)
    writer.close()
    path.with_suffix(".tmp").rename(path)
    return path


def run_engine(name: str, path: Path) -> dict:
    code = RUNNER.format(code=ENGINES[name])
    done = subprocess.run([sys.executable, "-c", code, str(path), TODAY], capture_output=True,
                          text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10M", help="rows of the parquet file (10M, 100M)")
    parser.add_argument("--only", action="append", choices=list(ENGINES), metavar="ENGINE",
                        help="run only this engine (repeatable): " + ", ".join(ENGINES))
    args = parser.parse_args(argv)
    rows = parse_rows(args.rows)
    start = time.perf_counter()
    path = make_parquet(rows)
    print(f"parquet: {path.name}, {path.stat().st_size / 2**20:,.0f} MB "
          f"(made or found in {time.perf_counter() - start:.1f} s)")
    print(f"{'engine':<26}{'rows':>14}{'seconds':>10}{'peak MB':>10}{'customers':>12}")
    failed = False
    for name in args.only or ENGINES:
        result = run_engine(name, path)
        if "error" in result:
            print(f"{name:<26}{rows:>14,}  skipped: {result['error']}")
            continue
        print(f"{name:<26}{rows:>14,}{result['seconds']:>10.1f}{result['peak'] / 2**20:>10,.0f}"
              f"{result['customers']:>12,}")
        if name.startswith("crmlab.rfm_sql") and rows >= 100_000_000:
            ok = result["peak"] < DUCKDB_TARGET_BYTES
            failed |= not ok
            print(f"  target: DuckDB peak under 3 GB at 10^8 rows: {'PASS' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
