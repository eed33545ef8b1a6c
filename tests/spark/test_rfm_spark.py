"""The same SQL text on Spark SQL (local mode) as on DuckDB, compared with crmlab's pandas RFM.

Runs in its own environment (`make test` builds `.venv-spark` with pyspark; Java from Debian's
default-jre-headless, which `.ci/run` installs), once, on one small random data set. Skips with
the reason where pyspark or Java is missing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark 未安装：Spark 测试只在 make test 的 .venv-spark 里运行")
if shutil.which("java") is None:
    pytest.skip("没有 Java（Debian：apt-get install default-jre-headless），跳过 Spark 测试",
                allow_module_level=True)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/rfm_sql_data.py
from rfm_sql_data import random_transactions  # noqa: E402

from crmlab.rfm import rfm_segments, rfm_table  # noqa: E402
from crmlab.rfm_sql import OUTPUT_COLUMNS, rfm_sql_text  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("crmlab-rfm")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    yield session
    session.stop()


def test_the_same_sql_text_gives_crmlabs_tiers_on_spark(spark):
    tx = random_transactions(11)
    frame = spark.createDataFrame(tx.assign(date=tx["date"].dt.date))  # a DATE column
    frame.createOrReplaceTempView("transactions")
    got = spark.sql(rfm_sql_text("transactions", "2021-04-01")).toPandas()
    got["M"] = got.pop("m_cents").astype("int64") / 100
    got = got.astype({"R": "int64", "F": "int64"})[OUTPUT_COLUMNS].sort_values("customer")
    expected = rfm_segments(rfm_table(tx, "2021-04-01"))[OUTPUT_COLUMNS]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False)
