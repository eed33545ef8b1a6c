"""Migration charts: what they draw, read back from the axes (Agg backend)."""

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
from matplotlib.patches import PathPatch, Rectangle  # noqa: E402

from crmlab.migration import GONE, NEW, migration_table  # noqa: E402
from crmlab.plots.migration import plot_migration_flow, plot_migration_heatmap  # noqa: E402

MOVES = pd.DataFrame({"customer": ["甲", "乙", "丙", "丁"],
                      "segment_before": ["重要价值客户", "重要价值客户", NEW, "一般挽留客户"],
                      "segment_after": ["重要价值客户", GONE, "一般发展客户", "一般发展客户"]})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    matplotlib.pyplot.close("all")


def test_heatmap_is_shaded_by_row_share():
    table = migration_table(MOVES)
    ax = plot_migration_heatmap(table)
    shaded = ax.images[0].get_array()
    row = list(table.index).index("重要价值客户")
    assert shaded[row, list(table.columns).index("重要价值客户")] == 0.5
    assert shaded[row, list(table.columns).index(GONE)] == 0.5
    texts = [t.get_text() for t in ax.texts]
    assert "1\n50%" in texts and "1\n100%" in texts
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "重要价值客户（2）"


def test_flow_has_a_bar_per_nonempty_tier_and_a_band_per_move():
    ax = plot_migration_flow(migration_table(MOVES))
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    bands = [p for p in ax.patches if isinstance(p, PathPatch)]
    assert len(bars) == 3 + 3  # left: 重要价值 / 一般挽留 / 新客户; right: 重要价值 / 一般发展 / 未再购买
    assert len(bands) == 4
    labels = {t.get_text() for t in ax.texts}
    assert {"重要价值客户 2", "新客户 1", "未再购买 1", "一般发展客户 2"} <= labels
