"""The course's RFM in SQL: one text (``crmlab/sql/rfm_tiers.sql``) for DuckDB and Spark SQL.

:func:`rfm_sql` runs it on DuckDB (embedded; the optional ``scale`` extra) over a parquet or
CSV file, or over a DataFrame, and returns the same frame as
``rfm_segments(rfm_table(transactions, today))`` on clean transactions (the loader's output,
or a parquet/CSV file of it): ``customer, R, F, M, R_level, F_level, M_level, segment,
strategy``. :func:`rfm_sql_text` gives the SQL itself, to read beside the Excel formulas and
the pandas code, or to run on a warehouse (Spark SQL runs it unchanged; for other dialects,
sqlglot can transpile it).

The SQL does no cleaning: blank customers, text amounts or dates after "today" are the
loader's business (``crmlab.load_transactions``); give it clean data.
"""

from __future__ import annotations

import importlib.resources
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.rfm import HIGH, LOW, RFM_RULES, check_rules, parse_today, rfm_thresholds

SQL_FILE = "rfm_tiers.sql"
OUTPUT_COLUMNS = ["customer", "R", "F", "M", "R_level", "F_level", "M_level", "segment",
                  "strategy"]  # the columns of rfm_segments(rfm_table(...)), in its order
_MEAN_CONDITIONS = {
    "r_high": "CAST(rfm.R AS DECIMAL(38, 0)) * totals.n <= totals.r_total",
    "f_high": "CAST(rfm.F AS DECIMAL(38, 0)) * totals.n >= totals.f_total",
    "m_high": "CAST(rfm.m_cents AS DECIMAL(38, 0)) * totals.n >= totals.m_total",
}
_DISTINCT_ORDERS = ("COUNT(DISTINCT order_id) + "
                    "SUM(CASE WHEN order_id IS NULL THEN 1 ELSE 0 END)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
#: DuckDB's memory cap in rfm_sql's own connection; past it DuckDB spills to a temp folder.
MEMORY_LIMIT = "2GB"
_COMBO = ("(CASE WHEN R_level = '低' THEN 4 ELSE 0 END) + (CASE WHEN F_level = '低' THEN 2 ELSE 0 END)"
          " + (CASE WHEN M_level = '低' THEN 1 ELSE 0 END)")


def _quoted(text: str) -> str:
    """A SQL string literal (single quotes doubled).

    >>> _quoted("O'Neil")
    "'O''Neil'"
    """
    return "'" + str(text).replace("'", "''") + "'"


def rules_sql(rules: pd.DataFrame) -> str:
    """The tier table as ``SELECT ... UNION ALL SELECT ...`` (portable: no VALUES syntax)."""
    table = check_rules(rules)
    rows = [f"    SELECT {_quoted(r.segment)} AS segment, {_quoted(r.R_level)} AS R_level, "
            f"{_quoted(r.F_level)} AS F_level, {_quoted(r.M_level)} AS M_level, "
            f"{_quoted(r.strategy)} AS strategy" for r in table.itertuples()]
    return "\n    UNION ALL\n".join(rows)


def _threshold_conditions(threshold) -> dict[str, str]:
    if isinstance(threshold, str) and threshold == "mean":
        return dict(_MEAN_CONDITIONS)
    if isinstance(threshold, dict):
        cut = rfm_thresholds(pd.DataFrame(), threshold)  # validates the three numbers
        return {"r_high": f"CAST(rfm.R AS DOUBLE) <= CAST({cut['R']!r} AS DOUBLE)",
                "f_high": f"CAST(rfm.F AS DOUBLE) >= CAST({cut['F']!r} AS DOUBLE)",
                "m_high": f"CAST(rfm.m_cents AS DOUBLE) / 100 >= CAST({cut['M']!r} AS DOUBLE)"}
    raise CrmlabError(f"SQL 版的阈值方式只能是平均值或手写的数字，收到的是 {threshold!r}",
                      hint='请用 threshold="mean"，或 {"R": 10, "F": 3, "M": 500} 这样的字典；'
                           '中位数请用 crmlab.rfm_segments。')


def rfm_sql_text(source: str = "transactions", today="2021-04-01", *, order_id: bool = False,
                 threshold="mean", rules: pd.DataFrame | None = None) -> str:
    """The RFM-and-tiers SQL for the table or view ``source`` and the date ``today``.

    >>> text = rfm_sql_text("sales", "2021-04-01")
    >>> "DATE '2021-04-01'" in text and "FROM sales" in text
    True
    """
    if not _NAME.match(source):
        raise CrmlabError(f"表名「{source}」不能直接写进 SQL",
                          hint="表名只能由字母、数字、下划线和点组成，例如 sales 或 shop.sales。")
    template = importlib.resources.files("crmlab.sql").joinpath(SQL_FILE).read_text("utf-8")
    body = template[template.index("WITH per_customer"):]  # the comment block is for readers
    return body.format(source=source, today=parse_today(today).strftime("%Y-%m-%d"),
                       frequency=_DISTINCT_ORDERS if order_id else "COUNT(*)",
                       rules=rules_sql(RFM_RULES if rules is None else rules),
                       **_threshold_conditions(threshold))


def _words(words, index: np.ndarray):
    """``words[index]`` as a text column that points at the few words (no string per row)."""
    return pd.Series(list(words)).array.take(index)


def _combo_of_rules(table: pd.DataFrame) -> np.ndarray:
    """Each rule's 高/低 combination as 0..7 (R 低 = 4, F 低 = 2, M 低 = 1), as in ``_COMBO``."""
    return sum((table[f"{m}_level"] == LOW).to_numpy() * bit
               for m, bit in (("R", 4), ("F", 2), ("M", 1)))


def _relation(connection, source):
    """Register ``source`` (DataFrame, parquet or CSV path) as the view ``transactions``."""
    if isinstance(source, pd.DataFrame):
        missing = [c for c in ("customer", "date", "amount") if c not in source.columns]
        if missing:
            raise CrmlabError(f"交易记录缺少列：{'、'.join(missing)}",
                              hint="请先用 crmlab.load_transactions(...) 读入，它给出 customer、date、amount 三列。")
        connection.register("transactions", source)
        return list(source.columns)
    path = Path(source)
    if not path.is_file():
        raise CrmlabError(f"找不到文件「{source}」", file=str(source), hint="请检查路径。")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        relation = connection.read_parquet(str(path))
    elif suffix in (".csv", ".txt"):
        relation = connection.read_csv(str(path), header=True)
    else:
        raise CrmlabError(f"SQL 版只读 parquet 或 CSV 文件，「{path.name}」是 {suffix or '没有扩展名'}",
                          file=str(source), hint="Excel 文件请用 crmlab.load_transactions 读入后再传 DataFrame。")
    relation.create_view("transactions")
    columns = [row[0] for row in connection.execute("DESCRIBE transactions").fetchall()]
    missing = [c for c in ("customer", "date", "amount") if c not in columns]
    if missing:
        raise CrmlabError(f"文件「{path.name}」缺少列：{'、'.join(missing)}", file=str(source),
                          hint="SQL 版读的是整理好的交易记录（customer、date、amount 三列，可加 order_id），"
                               "也就是 crmlab.load_transactions 的结果存成的 parquet 或 CSV。")
    return columns


def rfm_sql(source, today, *, threshold="mean", rules: pd.DataFrame | None = None,
            connection=None) -> pd.DataFrame:
    """RFM and the eight tiers computed by DuckDB from ``source`` (a DataFrame, or a parquet /
    CSV file of clean transactions); the same frame as ``rfm_segments(rfm_table(...))``.

    >>> tx = pd.DataFrame({"customer": ["甲", "乙", "甲"],
    ...                    "date": pd.to_datetime(["2021-03-30", "2021-03-01", "2021-03-10"]),
    ...                    "amount": [100.0, 50.0, 20.0]})
    >>> rfm_sql(tx, "2021-04-01")[["customer", "R", "F", "M", "segment"]]
      customer   R  F      M segment
    0        乙  31  1   50.0  一般挽留客户
    1        甲   2  2  120.0  重要价值客户
    """
    try:
        import duckdb
    except ImportError:
        raise CrmlabError("还没有安装 DuckDB，不能用 SQL 版计算",
                          hint='请运行 pip install -e ".[scale]"（或 pip install duckdb）。') from None
    own = connection is None
    if own:
        connection = duckdb.connect()
        # spill to disk rather than grow past what a lab PC has (DuckDB's default is 80 % of RAM)
        connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        connection.execute("SET preserve_insertion_order = false")
        connection.execute(f"SET temp_directory = {_quoted(tempfile.gettempdir() + '/crmlab-duckdb')}")
    try:
        columns = _relation(connection, source)
        table = check_rules(RFM_RULES if rules is None else rules)
        text = rfm_sql_text("transactions", today, order_id="order_id" in columns,
                            threshold=threshold, rules=table)
        # the text's own result, with the three levels packed into one small number: a hundred
        # million rows would otherwise bring back five text columns of new Python strings
        result = connection.execute(f"SELECT customer, R, F, m_cents, {_COMBO} AS combo "
                                    f"FROM ({text}) AS tiers").df()
    finally:
        if own:
            connection.close()
    if result.empty:
        raise CrmlabError("交易记录是空的，没有可以计算 R、F、M 的购买记录")
    result = result.sort_values("customer", kind="stable").reset_index(drop=True)
    combo = result["combo"].to_numpy(dtype=np.intp)
    out = pd.DataFrame({"customer": result["customer"], "R": result["R"].astype("int64"),
                        "F": result["F"].astype("int64"),
                        "M": result["m_cents"].to_numpy(dtype=np.int64) / 100})
    for bit, metric in ((4, "R"), (2, "F"), (1, "M")):
        out[f"{metric}_level"] = _words([HIGH, LOW], (combo & bit > 0).astype(np.intp))
    rule_of_combo = np.empty(8, dtype=np.intp)
    rule_of_combo[_combo_of_rules(table)] = np.arange(len(table))
    out["segment"] = _words(table["segment"], rule_of_combo[combo])
    out["strategy"] = _words(table["strategy"], rule_of_combo[combo])
    return out
