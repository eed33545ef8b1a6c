"""Segment migration (crmlab/migration.py), worked out by hand on four customers.

Periods: before = 2021-02-01, after = 2021-03-04, so each period is 31 days:
first = 2021-01-01 .. 2021-01-31 (today 2021-02-01), second = 2021-02-01 .. 2021-03-03
(today 2021-03-04).

First period (R to 02-01, one purchase each, so F = 1 for all and F is 高 for all):
  甲 01-25  500 -> R  7, M 500      乙 01-02  40 -> R 30, M 40      丁 01-28 60 -> R 4, M 60
  means: R = 41/3 = 13.67, M = 600/3 = 200
  甲: R 高, M 高 -> 高高高 重要价值客户
  乙: R 低, M 低 -> 低高低 一般保持客户
  丁: R 高, M 低 -> 高高低 一般价值客户
Second period (R to 03-04):
  乙 03-01 400 + 03-02 400 -> R 2, F 2, M 800 (moves up)
  甲 02-02 100 -> R 30, F 1, M 100 (moves down)
  丙 03-03 100 -> R 1, F 1, M 100 (new)
  丁: no purchase (lost)
  means: R = 33/3 = 11, F = 4/3, M = 1000/3 = 333.33
  乙: R 高 F 高 M 高 -> 重要价值客户;  甲: R 低 F 低 M 低 -> 一般挽留客户;
  丙: R 高 F 低 M 低 -> 一般发展客户
Frozen thresholds (the first period's: R 13.67, F 1, M 200):
  甲: R 30 低, F 1 高, M 100 低 -> 一般保持客户 (not 一般挽留客户: the F mean moved)
  丙: R 1 高, F 1 高, M 100 低 -> 一般价值客户
"""

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.migration import (GONE, NEW, migration_shares, migration_table, periods,
                              segment_migration, threshold_shift)

TX = pd.DataFrame({
    "customer": ["甲", "乙", "丁", "乙", "乙", "甲", "丙"],
    "date": pd.to_datetime(["2021-01-25", "2021-01-02", "2021-01-28", "2021-03-01",
                            "2021-03-02", "2021-02-02", "2021-03-03"]),
    "amount": [500.0, 40.0, 60.0, 400.0, 400.0, 100.0, 100.0],
})


def moved(frozen=False):
    moves = segment_migration(TX, "2021-02-01", "2021-03-04", freeze=frozen)
    return dict(zip(moves["customer"], zip(moves["segment_before"], moves["segment_after"])))


def test_up_down_new_and_lost():
    assert moved() == {"甲": ("重要价值客户", "一般挽留客户"), "乙": ("一般保持客户", "重要价值客户"),
                       "丙": (NEW, "一般发展客户"), "丁": ("一般价值客户", GONE)}


def test_frozen_thresholds_judge_the_second_period_by_the_first():
    frozen = moved(frozen=True)
    assert frozen["甲"] == ("重要价值客户", "一般保持客户")
    assert frozen["丙"] == (NEW, "一般价值客户")
    moves = segment_migration(TX, "2021-02-01", "2021-03-04", freeze=True)
    shift = threshold_shift(moves)
    assert shift.loc["F", "上期"] == shift.loc["F", "本期"] == 1.0
    assert shift.loc["M", "本期"] == pytest.approx(200.0)


def test_table_and_row_shares():
    table = migration_table(segment_migration(TX, "2021-02-01", "2021-03-04"))
    assert table.shape == (9, 9) and int(table.to_numpy().sum()) == 4
    assert table.loc["重要价值客户", "一般挽留客户"] == 1
    assert table.loc[NEW, "一般发展客户"] == 1 and table.loc["一般价值客户", GONE] == 1
    shares = migration_shares(table)
    assert shares.loc["一般保持客户", "重要价值客户"] == 1.0
    assert shares.loc["重要发展客户"].sum() == 0.0  # nobody there: a row of zeros, not NaN


def test_periods_are_of_equal_length_and_in_order():
    (s1, e1), (s2, e2) = periods("2021-02-01", "2021-03-04")
    assert e1 - s1 == e2 - s2 == pd.Timedelta(days=31) and e1 == s2
    with pytest.raises(CrmlabError, match="应当晚于"):
        periods("2021-03-04", "2021-02-01")


def test_an_empty_period_is_named():
    with pytest.raises(CrmlabError, match="第一期（2020-11-01 至 2020-11-30）没有任何购买记录"):
        segment_migration(TX, "2020-12-01", "2020-12-31")


def test_cli_prints_the_table_and_saves_one_row_per_customer(tmp_path, capsys):
    from crmlab.cli import main

    source = tmp_path / "交易.csv"
    TX.rename(columns={"customer": "客户", "date": "日期", "amount": "金额"}).to_csv(
        source, index=False, encoding="utf-8-sig")
    out = tmp_path / "迁移.csv"
    assert main(["migrate", str(source), "--before", "2021-02-01", "--after", "2021-03-04",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "上期：2021-01-01 至 2021-01-31；本期：2021-02-01 至 2021-03-03" in printed
    saved = pd.read_csv(out, encoding="utf-8-sig")
    assert dict(zip(saved["customer"], saved["segment_after"]))["丁"] == GONE
    assert main(["migrate", str(source), "--before", "2021-03-04", "--after", "2021-02-01"]) == 2
    assert "应当晚于" in capsys.readouterr().err
