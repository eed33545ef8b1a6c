"""Migration explorer: choose two period ends and a yardstick, see how customers moved.

Moving a control re-runs :func:`crmlab.migration.segment_migration` and redraws the
transition table (counts) and the heatmap of row shares in place.
"""

from __future__ import annotations

import pandas as pd

from crmlab.migration import migration_table, segment_migration
from crmlab.plots.migration import plot_migration_heatmap
from crmlab.widgets.base import Captioned, Explorer, choice_buttons, choice_dropdown

YARDSTICKS = [("各期平均值", "mean"), ("各期中位数", "median"), ("沿用上期平均值", "frozen")]


def period_ends(transactions: pd.DataFrame, months: int = 3) -> list[pd.Timestamp]:
    """Month starts inside the data, every ``months`` months, usable as period ends.

    >>> tx = pd.DataFrame({"date": pd.to_datetime(["2023-01-03", "2023-12-31"])})
    >>> [d.strftime("%Y-%m-%d") for d in period_ends(tx)]
    ['2023-04-01', '2023-07-01', '2023-10-01', '2024-01-01']
    """
    first = transactions["date"].min().to_period("M").to_timestamp()
    last = transactions["date"].max()
    ends = pd.date_range(first, last + pd.offsets.MonthBegin(1), freq=f"{months}MS")
    return [end for end in ends[1:]]


def migration_explorer(transactions: pd.DataFrame, months: int = 3) -> Explorer:
    """Controls: ``before`` and ``after`` (period ends, ``months`` apart at least) and
    ``yardstick`` (each period's mean, each period's median, or the first period's mean
    frozen). ``result`` is the :func:`~crmlab.migration.migration_table` of the move.
    """
    ends = period_ends(transactions, months)
    if len(ends) < 2:
        from crmlab.errors import CrmlabError
        raise CrmlabError(f"数据只跨不到两个 {months} 个月的时期，看不出迁移",
                          hint="请用更长时间的交易记录，或把 months 调小。")
    labels = [(f"{end - pd.Timedelta(days=1):%Y-%m-%d} 止", end) for end in ends]
    controls = {
        "before": choice_dropdown("上期截至", labels[:-1], ends[-2]),
        "after": choice_dropdown("本期截至", labels[1:], ends[-1]),
        "yardstick": choice_buttons("高/低的标准", YARDSTICKS, "mean"),
    }

    def compute(before, after, yardstick):
        if after <= before:
            from crmlab.errors import CrmlabError
            raise CrmlabError(f"本期（{after - pd.Timedelta(days=1):%Y-%m-%d} 止）要在上期"
                              f"（{before - pd.Timedelta(days=1):%Y-%m-%d} 止）之后",
                              hint="请把“本期截至”往后调，或把“上期截至”往前调。")
        threshold = "median" if yardstick == "median" else "mean"
        moves = segment_migration(transactions, before, after, threshold=threshold,
                                  freeze=yardstick == "frozen")
        table = migration_table(moves)
        table.attrs["moves"] = moves
        return table

    def show(table):
        moves = table.attrs["moves"]
        (s1, e1), (s2, e2) = moves.attrs["periods"]
        day = pd.Timedelta(days=1)
        stayed = sum(int(table.loc[t, t]) for t in table.index if t in table.columns)
        caption = (f"上期 {s1:%Y-%m-%d}～{e1 - day:%Y-%m-%d}，本期 {s2:%Y-%m-%d}～{e2 - day:%Y-%m-%d}；"
                   f"{len(moves)} 位客户，其中 {stayed} 位留在原来的等级。行是上期等级，列是本期等级。")
        return Captioned(table.reset_index(), caption)

    def draw(table, fig):
        plot_migration_heatmap(table, fig.add_subplot())

    return Explorer(controls, compute, draw, show=show, figsize=(11, 7.5),
                    title="客户等级迁移：选两个时期，看客户在八类之间怎样流动")
