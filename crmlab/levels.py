"""Shared plumbing for the 高/低 matrices (CLV-CS, CPV-CLV, mutual fit): levels and rule tables.

A score is 高 when it is >= its threshold ("mean", "median" or a number), the same tie rule
as RFM; a rule table (business rules as data) maps a combination of levels to names and advice.

:func:`threshold_value` is the one definition of a threshold, also behind
:func:`crmlab.rfm.rfm_thresholds`. Rule lookup is deliberately not shared with RFM:
:func:`apply_rules` merges a small rule table (checked at lookup: a combination it lacks is an
error only if a customer has it) onto tables of tens of rows, keeping the caller's other
columns and refusing to overwrite theirs. RFM's eight tiers are checked once for completeness
(:func:`crmlab.rfm.check_rules`) and looked up by a 3-bit number per customer, because
``rfm_segments`` re-tiers a million customers for the benchmarks: measured here, the whole of
``rfm_segments`` took 0.25 s for 1,000,000 customers, a merge of the rule table on the three
level columns alone 0.89 s.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmlab.errors import CrmlabError


def numeric_column(table: pd.DataFrame, column: str, missing_hint: str = "") -> pd.Series:
    """The column as floats; a missing column or a non-number raises a Chinese CrmlabError."""
    if column not in table.columns:
        have = "、".join(str(c) for c in table.columns)
        raise CrmlabError(f"表中没有列「{column}」；现有的列：{have}", column=column,
                          hint=missing_hint or "请用参数指定要用的列名。")
    values = pd.to_numeric(table[column], errors="coerce")
    if values.isna().any():
        where = int(np.flatnonzero(values.isna().to_numpy())[0])
        raise CrmlabError(f"第 {where + 1} 条记录的「{column}」不是数字：{table[column].iloc[where]!r}",
                          column=column, hint="请填上数字，或先删除这一行。")
    return values.astype(float)


def threshold_value(values: pd.Series, threshold, column: str) -> float:
    """The threshold as a number: the mean, the median, or the number given.

    >>> values = pd.Series([1.0, 2.0, 6.0])
    >>> threshold_value(values, "mean", "x"), threshold_value(values, "median", "x"), threshold_value(values, 4, "x")
    (3.0, 2.0, 4.0)
    """
    if isinstance(threshold, str):
        if threshold == "mean":
            return float(values.mean())
        if threshold == "median":
            return float(values.median())
        raise CrmlabError(f"「{column}」的阈值 {threshold!r} 不认识",
                          hint='阈值可以是 "mean"（平均值）、"median"（中位数）或一个数字。')
    number = None
    if not isinstance(threshold, bool):  # True is not a threshold, though float(True) is 1.0
        try:
            number = float(threshold)
        except (TypeError, ValueError):
            pass
    if number is None or np.isnan(number):  # a NaN threshold would make everyone 低, silently
        raise CrmlabError(f"「{column}」的阈值 {threshold!r} 不是数字",
                          hint='阈值可以是 "mean"（平均值）、"median"（中位数）或一个数字。')
    return number


def high_low(values: pd.Series, threshold, column: str) -> np.ndarray:
    """高 where the value is >= the threshold, else 低.

    >>> high_low(pd.Series([1.0, 2.0, 3.0]), "mean", "x").tolist()
    ['低', '高', '高']
    """
    cut = threshold_value(values, threshold, column)
    return np.where(values.to_numpy() >= cut, "高", "低")


def check_two_cuts(cuts: Sequence[float]) -> tuple[float, float]:
    """Two increasing cuts splitting a score into 低 / 中 / 高."""
    try:
        low, high = (float(c) for c in cuts)
    except (TypeError, ValueError):
        raise CrmlabError(f"满意度分界点 {cuts!r} 应是两个数字",
                          hint="例如 (3, 4)：低于 3 为低，3 到 4 之间为中，4 及以上为高。") from None
    if not low < high:
        raise CrmlabError(f"满意度分界点 {cuts!r} 必须从小到大", hint="例如 (3, 4)。")
    return low, high


def apply_rules(frame: pd.DataFrame, rules: pd.DataFrame, keys: list[str],
                 wanted: list[str]) -> pd.DataFrame:
    """Add the ``wanted`` columns of ``rules`` to ``frame`` by matching the ``keys`` levels.

    A frame that already has every one of them (a second run) gets them anew; a frame that has
    only some of them (its own columns that happen to share a name) is refused rather than
    silently overwritten.
    """
    missing = [c for c in keys + wanted[:2] if c not in rules.columns]
    if missing:
        raise CrmlabError(f"规则表缺少列「{'、'.join(missing)}」",
                          hint="请以默认规则表为模板修改（复制后只改名称和策略）。")
    if rules.duplicated(keys).any():
        raise CrmlabError("规则表中有重复的等级组合", hint="每种高低组合只能出现一次。")
    take = [c for c in wanted if c in rules.columns]
    lookup = rules[keys + take]
    clash = [c for c in take if c in frame.columns]
    # all of them: a second run, redone; only some: the caller's own columns, kept safe
    if clash and len(clash) < len(take):
        raise CrmlabError(f"表中已有列「{'、'.join(clash)}」，分类结果会覆盖它",
                          column=clash[0],
                          hint=f"请先给这一列改名再分类，例如 表.rename(columns={{\"{clash[0]}\": "
                               f"\"原{clash[0]}\"}})。")
    frame = frame.drop(columns=clash)
    merged = frame.merge(lookup, on=keys, how="left", validate="many_to_one")
    merged.index = frame.index
    if merged[take[0]].isna().any():
        where = merged[merged[take[0]].isna()].iloc[0]
        combo = "、".join(f"{k}={where[k]}" for k in keys)
        raise CrmlabError(f"规则表里没有 {combo} 这种组合", hint="请在规则表中补上这一行。")
    return merged
