"""Table 5-2 of the course as data: the eight RFM segments, their 高/低 levels and strategies.

:data:`RFM_RULES` is the default rule table of :func:`crmlab.rfm.rfm_segments`; a caller may pass
a table of their own, which :func:`validate_rules` checks first (every 高/低 combination once,
distinct names). Also reachable as ``crmlab.rfm.RFM_RULES`` and ``crmlab.RFM_RULES``.
"""

from __future__ import annotations

import pandas as pd

from crmlab.errors import CrmlabError

HIGH, LOW = "高", "低"

# Table 5-2 of the course, strategies in short words of our own.
RFM_RULES = pd.DataFrame(
    [
        ("重要价值客户", HIGH, HIGH, HIGH, "VIP 待遇，专人专属服务"),
        ("重要发展客户", HIGH, LOW, HIGH, "用营销和促销活动吸引其多来购买"),
        ("重要保持客户", LOW, HIGH, HIGH, "主动联系、邀请参加活动，防止流失"),
        ("重要挽留客户", LOW, LOW, HIGH, "重点挽回，请其提意见、谈想法"),
        ("一般价值客户", HIGH, HIGH, LOW, "常规服务，推荐性价比高的产品"),
        ("一般发展客户", HIGH, LOW, LOW, "交叉销售，提高活跃度"),
        ("一般保持客户", LOW, HIGH, LOW, "推送近期活动信息"),
        ("一般挽留客户", LOW, LOW, LOW, "不额外投入，顺其自然"),
    ],
    columns=["segment", "R_level", "F_level", "M_level", "strategy"],
)

_RULE_COLUMNS = list(RFM_RULES.columns)
_LEVEL_COLUMNS = ["R_level", "F_level", "M_level"]


def validate_rules(rules: pd.DataFrame) -> pd.DataFrame:
    """Validate a tier rules table like :data:`RFM_RULES`; return it with stripped text.

    It needs the columns segment, R_level, F_level, M_level, strategy; levels are 高 or 低;
    each of the eight 高/低 combinations appears exactly once, with a distinct segment name.

    >>> len(validate_rules(RFM_RULES))
    8
    """
    hint = "规则表的格式请参照 crmlab.RFM_RULES：每种 高/低 组合一行，共 8 行。"
    if not isinstance(rules, pd.DataFrame):
        raise CrmlabError(f"规则表应当是一个 DataFrame，收到的是 {type(rules).__name__}", hint=hint)
    missing = [c for c in _RULE_COLUMNS if c not in rules.columns]
    if missing:
        raise CrmlabError(f"规则表缺少列：{', '.join(missing)}", hint=hint)
    table = rules[_RULE_COLUMNS].copy()
    for col in _RULE_COLUMNS:
        table[col] = table[col].astype(str).str.strip()
    for col in _LEVEL_COLUMNS:
        bad = table.loc[~table[col].isin([HIGH, LOW]), col]
        if len(bad):
            raise CrmlabError(f"规则表第 {bad.index[0]} 行的 {col} 是 {bad.iloc[0]!r}，只能是“高”或“低”",
                              hint=hint)
    key = table["R_level"] + table["F_level"] + table["M_level"]
    dup = key[key.duplicated()]
    if len(dup):
        raise CrmlabError(f"规则表里 R/F/M 等级组合“{dup.iloc[0]}”出现了不止一次", hint=hint)
    wanted = [r + f + m for r in (HIGH, LOW) for f in (HIGH, LOW) for m in (HIGH, LOW)]
    absent = [k for k in wanted if k not in set(key)]
    if absent:
        raise CrmlabError(f"规则表没有覆盖这些 R/F/M 等级组合：{'、'.join(absent)}", hint=hint)
    names = table["segment"]
    if names.duplicated().any() or (names == "").any():
        raise CrmlabError("规则表的 segment（客户等级名称）不能为空，也不能重复", hint=hint)
    return table.reset_index(drop=True)
