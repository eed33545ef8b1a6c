"""The migration explorer: every control moved once, the table follows the pure functions."""

import pandas as pd
import pytest

from crmlab.migration import GONE, NEW, migration_table, segment_migration
from crmlab.widgets.migration import migration_explorer, period_ends

TX = pd.DataFrame({  # tests/test_migration.py works these moves out by hand
    "customer": ["甲", "乙", "丁", "乙", "乙", "甲", "丙"],
    "date": pd.to_datetime(["2021-01-25", "2021-01-02", "2021-01-28", "2021-03-01",
                            "2021-03-02", "2021-02-02", "2021-03-03"]),
    "amount": [500.0, 40.0, 60.0, 400.0, 400.0, 100.0, 100.0],
})


@pytest.fixture
def explorer(no_png, chinese_fonts):
    return migration_explorer(TX, months=1)


def test_starts_on_the_last_two_periods(explorer):
    assert [d.strftime("%m-%d") for d in period_ends(TX, 1)] == ["02-01", "03-01", "04-01"]
    expected = migration_table(segment_migration(TX, "2021-03-01", "2021-04-01"))
    pd.testing.assert_frame_equal(explorer.result, expected)
    assert explorer.figure is not None and not explorer.message


def test_every_control_moves_once(explorer):
    def expected(before, after, **options):
        return migration_table(segment_migration(TX, before, after, **options))

    explorer.controls["before"].value = pd.Timestamp("2021-02-01")
    pd.testing.assert_frame_equal(explorer.result, expected("2021-02-01", "2021-04-01"))
    explorer.controls["yardstick"].value = "frozen"
    pd.testing.assert_frame_equal(explorer.result, expected("2021-02-01", "2021-04-01", freeze=True))
    explorer.controls["yardstick"].value = "median"
    pd.testing.assert_frame_equal(explorer.result,
                                  expected("2021-02-01", "2021-04-01", threshold="median"))
    explorer.controls["after"].value = pd.Timestamp("2021-03-01")
    pd.testing.assert_frame_equal(explorer.result,
                                  expected("2021-02-01", "2021-03-01", threshold="median"))
    assert not explorer.message and explorer.figure is not None
    assert int(explorer.result.loc[NEW].sum()) + int(explorer.result[GONE].sum()) >= 1


def test_crossed_dates_keep_a_chinese_message(explorer):
    explorer.controls["before"].value = pd.Timestamp("2021-03-01")
    explorer.controls["after"].value = pd.Timestamp("2021-03-01")
    assert "要在上期" in explorer.message
