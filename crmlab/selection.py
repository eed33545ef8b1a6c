"""客户选择 (customer selection): weighted scoring, overall value in money, mutual fit, and growth
of small customers.

The chapter-2 material (seeds 002 and 004) asks which customers a company should choose:
score candidates on several criteria (demand = purchasing power + desire to buy, credit,
cost / price sensitivity, willingness to cooperate), check the mutual fit between a customer's
value and the company's ability to serve it ("门当户对"), and remember the IBM PC lesson: a small
customer that grows fast can overtake a large one that grows slowly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.levels import apply_rules, high_low, numeric_column, threshold_value

COURSE = "课程资料"
CRMLAB_OWN = "crmlab 自拟（课程资料中缺失）"

# The four factors to weigh when choosing customers (seed 004), in crmlab's words.
SELECTION_FACTORS = pd.DataFrame(
    [
        ("需求", "购买力与购买欲望两者都要有，需求才足够大，值得企业去服务"),
        ("信用", "信誉良好，按时付款，不拖欠"),
        ("成本与价格敏感度", "服务它花费少、不过分压价，企业能长期保持利润"),
        ("合作意愿", "愿意沟通配合、忠诚度高，想和企业长期合作"),
    ],
    columns=["factor", "meaning"],
)

# Customer value x the company's ability to serve it. The course (seeds 002, 004) names only
# the matching corner "门当户对"; the other three names are crmlab's own.
MUTUAL_FIT_RULES = pd.DataFrame(
    [
        ("高", "高", "门当户对", "价值高且企业有能力服务：优先选择，重点投入", COURSE),
        ("高", "低", "高攀", "客户很有价值但企业力不从心：先补足能力或寻找合作伙伴，不要勉强承接", CRMLAB_OWN),
        ("低", "高", "大材小用", "企业能力有余而客户价值不高：用标准化、低成本的方式服务", CRMLAB_OWN),
        ("低", "低", "暂不考虑", "价值和匹配度都低：暂不投入资源", CRMLAB_OWN),
    ],
    columns=["value_level", "ability_level", "fit", "advice", "name_source"],
)

_WEIGHT_TOLERANCE = 1e-6
OVERTAKE_MAX_YEARS = 200   # overtake_year looks no further ahead than this


def weighted_scores(candidates: pd.DataFrame, weights: Mapping[str, float],
                    lower_is_better: Sequence[str] = (), name: str = "customer") -> pd.DataFrame:
    """Weighted score: ``name`` column, one ``<criterion>_norm`` per criterion, ``score``, ``rank``.

    In: one row per candidate with a ``name`` column and one numeric column per criterion in
    ``weights`` (criterion -> weight; the weights must add up to 1). Each criterion is min-max
    normalised to 0..1 (best = 1); criteria in ``lower_is_better`` (e.g. price sensitivity,
    service cost) are flipped so that the lowest raw value gets 1. A criterion on which every
    candidate is equal cannot separate them: everyone gets 1 on it. ``score`` is the weighted
    sum (0..1); ``rank`` 1 is the best, equal scores share a rank; sorted by rank, then name.

    >>> c = pd.DataFrame({"customer": ["甲", "乙", "丙"], "demand": [100, 60, 20],
    ...                   "credit": [3, 5, 4], "price_sensitivity": [9, 1, 5]})
    >>> weighted_scores(c, {"demand": 0.5, "credit": 0.3, "price_sensitivity": 0.2},
    ...                 lower_is_better=["price_sensitivity"])
      customer  demand_norm  credit_norm  price_sensitivity_norm  score  rank
    0        乙          0.5          1.0                     1.0   0.75     1
    1        甲          1.0          0.0                     0.0   0.50     2
    2        丙          0.0          0.5                     0.5   0.25     3
    """
    if name not in candidates.columns:
        raise CrmlabError(f"候选客户表中没有名称列「{name}」", column=name,
                          hint="请用 name= 指定哪一列是客户名称。")
    if not weights:
        raise CrmlabError("没有给出任何评价指标的权重", hint='例如 {"需求": 0.5, "信用": 0.5}。')
    unknown = [c for c in weights if c not in candidates.columns]
    if unknown:
        have = "、".join(str(c) for c in candidates.columns if c != name)
        raise CrmlabError(f"权重里的指标「{'、'.join(map(str, unknown))}」在表中找不到；表中的指标有：{have}",
                          hint="请检查指标名称是否和列名完全一致。")
    stray = [c for c in lower_is_better if c not in weights]
    if stray:
        raise CrmlabError(f"「越低越好」的指标「{'、'.join(map(str, stray))}」没有权重",
                          hint="lower_is_better 里只能写 weights 中出现的指标。")
    try:
        w = {c: float(v) for c, v in weights.items()}
    except (TypeError, ValueError):
        raise CrmlabError(f"权重 {dict(weights)!r} 必须都是数字", hint="例如 0.3 表示 30%。") from None
    negative = [c for c, v in w.items() if not v >= 0]
    if negative:
        raise CrmlabError(f"指标「{'、'.join(map(str, negative))}」的权重是负数或空值",
                          hint="权重表示重要程度，应在 0 到 1 之间。")
    total = sum(w.values())
    if abs(total - 1) > _WEIGHT_TOLERANCE:
        raise CrmlabError(f"权重加起来是 {total:.4g}，不等于 1",
                          hint="请调整各项权重，使它们的和正好是 1（例如 0.5 + 0.3 + 0.2）。")
    if len(candidates) == 0:
        raise CrmlabError("候选客户表是空的", hint="请至少提供一位候选客户。")

    out = pd.DataFrame({name: candidates[name].astype(str).to_numpy()})
    score = np.zeros(len(candidates))
    for criterion, weight in w.items():
        raw = pd.to_numeric(candidates[criterion], errors="coerce").astype(float).to_numpy()
        if np.isnan(raw).any():
            where = int(np.flatnonzero(np.isnan(raw))[0])
            raise CrmlabError(f"候选客户「{out[name].iloc[where]}」的指标「{criterion}」不是数字："
                              f"{candidates[criterion].iloc[where]!r}", column=str(criterion),
                              hint="请为每位候选客户的每个指标填上数字。")
        spread = raw.max() - raw.min()
        if spread == 0:
            norm = np.ones_like(raw)
        else:
            norm = (raw - raw.min()) / spread
            if criterion in lower_is_better:
                norm = 1 - norm
        out[f"{criterion}_norm"] = norm
        score = score + weight * norm
    out["score"] = np.round(score, 12)
    out["rank"] = out["score"].rank(method="min", ascending=False).astype(int)
    out = out.sort_values(["rank", name], kind="mergesort").reset_index(drop=True)
    return out


def normalised_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Scale the weights so that they add up to 1, keeping their proportions.

    >>> normalised_weights({"a": 0.5, "b": 1.5})
    {'a': 0.25, 'b': 0.75}
    """
    total = sum(float(w) for w in weights.values())
    if not total > 0:
        raise CrmlabError("所有权重都是 0，无法按比例缩放",
                          hint="请至少给一个指标大于 0 的权重。")
    return {name: float(w) / total for name, w in weights.items()}


def mutual_fit(table: pd.DataFrame, value_col: str, ability_col: str,
               value_threshold="mean", ability_threshold="mean",
               rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mutual fit quadrants: the input columns +
    ``value_level, ability_level, fit, advice, name_source``.

    In: one row per customer with the customer's overall value for the company (``value_col``:
    chapter 2 uses :func:`overall_value`'s money figure; a weighted score works the same way)
    and a score of the company's ability to meet that customer's needs (``ability_col``). Each is 高 when >= its threshold ("mean", "median" or a number);
    ``attrs["thresholds"]`` holds the two thresholds used, by column name.
    ``rules`` (default :data:`MUTUAL_FIT_RULES`) gives each quadrant its name and advice;
    "门当户对" (both high) is the course's name, the other three are crmlab's.

    >>> t = pd.DataFrame({"customer": list("abcd"), "value": [9, 9, 1, 1], "ability": [8, 2, 8, 2]})
    >>> mutual_fit(t, "value", "ability")[["customer", "fit"]]
      customer   fit
    0        a  门当户对
    1        b    高攀
    2        c  大材小用
    3        d  暂不考虑
    """
    rules = MUTUAL_FIT_RULES if rules is None else rules
    values = numeric_column(table, value_col)
    ability = numeric_column(table, ability_col)
    out = table.copy()
    out["value_level"] = high_low(values, value_threshold, value_col)
    out["ability_level"] = high_low(ability, ability_threshold, ability_col)
    fitted = apply_rules(out, rules, ["value_level", "ability_level"],
                         ["fit", "advice", "name_source"])
    fitted.attrs["thresholds"] = {value_col: threshold_value(values, value_threshold, value_col),
                                  ability_col: threshold_value(ability, ability_threshold,
                                                               ability_col)}
    return fitted


def mutual_fit_summary(fitted: pd.DataFrame, name: str = "customer",
                       rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per quadrant of :func:`mutual_fit` output, in the order of ``rules`` (default
    :data:`MUTUAL_FIT_RULES`): ``value_level, ability_level, fit, customers, names, advice``;
    ``names`` joins the customers' names with 、 (— when there are none).

    >>> t = mutual_fit(pd.DataFrame({"customer": ["a", "b"], "v": [1, 9], "c": [9, 9]}), "v", "c")
    >>> mutual_fit_summary(t)[["fit", "customers", "names"]].values.tolist()
    [['门当户对', 1, 'b'], ['高攀', 0, '—'], ['大材小用', 1, 'a'], ['暂不考虑', 0, '—']]
    """
    rules = MUTUAL_FIT_RULES if rules is None else rules
    groups = fitted.groupby("fit")[name]
    shown = rules[["value_level", "ability_level", "fit", "advice"]].copy()
    shown.insert(3, "customers", [int(groups.size().get(f, 0)) for f in shown["fit"]])
    shown.insert(4, "names", ["、".join(map(str, groups.get_group(f))) if f in groups.groups
                              else "—" for f in shown["fit"]])
    return shown.reset_index(drop=True)


#: The parts of a customer's overall value (综合价值) over a horizon, in the order of the course's
#: first step of 门当户对 (seed 002): purchases and their margin, growth, serving cost, credit risk.
#: The course's third item, intangible value (scale, word of mouth, information), has no money
#: figure in the material and is left out: a lesson discusses it in words.
OVERALL_VALUE_PARTS = ("base_profit", "growth_profit", "serving_cost_total", "credit_loss")


def overall_value(candidates: pd.DataFrame, years: int = 3, *, name: str = "customer",
                  purchase: str = "annual_purchase", growth: str = "growth_rate",
                  margin: str = "gross_margin", serving_cost: str = "serving_cost",
                  bad_debt: str = "bad_debt_rate") -> pd.DataFrame:
    """A customer's overall value (综合价值) in money over the next ``years`` years (this one first).

    In: one row per customer with ``purchase`` (purchases this year), ``growth`` (yearly growth
    of purchases, a fraction), ``margin`` (the company's gross margin on them, 0..1),
    ``serving_cost`` (cost to serve a year) and ``bad_debt`` (expected share of purchases never
    paid, 0..1: the credit risk). Money in any unit (the candidate table uses 万元).
    Purchases in year t (t = 0 .. years-1) are ``purchase * (1 + growth) ** t``. Out: ``name``,
    ``purchases`` (their sum), ``base_profit`` (years x this year's purchase x margin: what the
    customer is worth at today's size), ``growth_profit`` (margin on the purchases above
    today's size), ``serving_cost_total`` (years x serving cost), ``credit_loss`` (purchases x
    bad-debt rate: a purchase that is never paid loses its whole amount, not only the margin),
    ``overall_value`` = base_profit + growth_profit - serving_cost_total - credit_loss, and
    ``rank`` (1 = most valuable, ties share a rank); sorted by rank, then name. With
    ``years=1`` the value is this year's profit after credit risk.

    >>> c = pd.DataFrame({"customer": ["大", "小"], "annual_purchase": [500, 100],
    ...                   "growth_rate": [0.0, 0.1], "gross_margin": [0.1, 0.2],
    ...                   "serving_cost": [40, 5], "bad_debt_rate": [0.03, 0.02]})
    >>> v = overall_value(c, years=2)
    >>> v[["customer", "base_profit", "growth_profit", "serving_cost_total"]]
      customer  base_profit  growth_profit  serving_cost_total
    0        小         40.0            2.0                10.0
    1        大        100.0            0.0                80.0
    >>> v[["customer", "credit_loss", "overall_value", "rank"]]
      customer  credit_loss  overall_value  rank
    0        小          4.2           27.8     1
    1        大         30.0          -10.0     2
    """
    if not isinstance(years, (int, np.integer)) or isinstance(years, bool) or years < 1:
        raise CrmlabError(f"年数 {years!r} 必须是正整数", hint="例如 years=3 表示从今年起算 3 年。")
    if name not in candidates.columns:
        raise CrmlabError(f"客户表中没有名称列「{name}」", column=name,
                          hint="请用 name= 指定哪一列是客户名称。")
    if len(candidates) == 0:
        raise CrmlabError("客户表是空的", hint="请至少提供一位客户。")
    hint = "请用参数指定列名，例如 margin=\"毛利率\"。"
    size = numeric_column(candidates, purchase, hint)
    rate = numeric_column(candidates, growth, hint)
    gross = numeric_column(candidates, margin, hint)
    serve = numeric_column(candidates, serving_cost, hint)
    loss_rate = numeric_column(candidates, bad_debt, hint)
    _check_range(candidates, name, size, purchase, "采购额", 0, None, "采购额不能是负数。")
    _check_range(candidates, name, rate, growth, "增长率", -1, None,
                 "增长率是比例：每年增长 30% 写 0.3，不能小于等于 -1。", open_low=True)
    _check_range(candidates, name, gross, margin, "毛利率", 0, 1, "毛利率是比例：20% 写 0.2。")
    _check_range(candidates, name, serve, serving_cost, "服务成本", 0, None, "服务成本不能是负数。")
    _check_range(candidates, name, loss_rate, bad_debt, "坏账率", 0, 1, "坏账率是比例：2% 写 0.02。")

    t = np.arange(years)
    per_year = size.to_numpy()[:, None] * (1 + rate.to_numpy()[:, None]) ** t
    purchases = per_year.sum(axis=1)
    out = pd.DataFrame({name: candidates[name].astype(str).to_numpy()})
    out["purchases"] = purchases
    out["base_profit"] = years * size.to_numpy() * gross.to_numpy()
    out["growth_profit"] = (purchases - years * size.to_numpy()) * gross.to_numpy()
    out["serving_cost_total"] = years * serve.to_numpy()
    out["credit_loss"] = purchases * loss_rate.to_numpy()
    for column in ["purchases", *OVERALL_VALUE_PARTS]:
        out[column] = np.round(out[column].to_numpy(), 9)
    out["overall_value"] = np.round(out["base_profit"] + out["growth_profit"]
                                    - out["serving_cost_total"] - out["credit_loss"], 9)
    out["rank"] = out["overall_value"].rank(method="min", ascending=False).astype(int)
    return out.sort_values(["rank", name], kind="mergesort").reset_index(drop=True)


def _check_range(table: pd.DataFrame, name: str, values: pd.Series, column: str, what: str,
                 low: float, high: float | None, hint: str, open_low: bool = False) -> None:
    bad = (values <= low) if open_low else (values < low)
    if high is not None:
        bad = bad | (values > high)
    if bad.any():
        where = int(np.flatnonzero(bad.to_numpy())[0])
        raise CrmlabError(f"客户「{table[name].iloc[where]}」的{what}（列「{column}」）是 "
                          f"{values.iloc[where]:g}，超出了合理范围", column=column, hint=hint)


def growth_projection(value: float, rate: float, years: int) -> pd.DataFrame:
    """Compound growth year by year: ``year, value`` for year 0..years, value * (1 + rate) ** year.

    >>> growth_projection(100, 0.5, 2)
       year  value
    0     0  100.0
    1     1  150.0
    2     2  225.0
    """
    value, rate = _check_growth(value, rate, "")
    if not isinstance(years, (int, np.integer)) or years < 0:
        raise CrmlabError(f"年数 {years!r} 必须是 0 或正整数", hint="例如 years=10。")
    year = np.arange(years + 1)
    return pd.DataFrame({"year": year, "value": value * (1 + rate) ** year})


def overtake_year(small: float, small_rate: float, large: float, large_rate: float) -> int | None:
    """First whole year in which the small customer's business is larger than the large one's.

    Both grow at a constant yearly rate: small * (1 + small_rate) ** t vs large * (1 +
    large_rate) ** t. Returns 0 when the "small" one is already larger, None when it never
    overtakes (it grows no faster) or not within :data:`OVERTAKE_MAX_YEARS` (200) years. This is
    the IBM PC lesson: judging customers by today's size misses the ones that grow.

    >>> overtake_year(10, 0.5, 100, 0.05)     # 10 * 1.5**7 = 170.9 > 100 * 1.05**7 = 140.7
    7
    >>> overtake_year(10, 0.05, 100, 0.05) is None
    True
    """
    small, small_rate = _check_growth(small, small_rate, "小客户")
    large, large_rate = _check_growth(large, large_rate, "大客户")

    def ahead(t: int) -> bool:
        return small * (1 + small_rate) ** t > large * (1 + large_rate) ** t

    if ahead(0):
        return 0
    ratio = (1 + small_rate) / (1 + large_rate)
    if ratio <= 1:
        return None
    # solve small * g_s**t > large * g_l**t  <=>  t > ln(large / small) / ln(g_s / g_l)
    t = math.log(large / small) / math.log(ratio)
    if t >= OVERTAKE_MAX_YEARS:
        return None
    year = max(1, math.floor(t))
    while not ahead(year):  # the log formula can be off by one in floating point
        year += 1
        if year > OVERTAKE_MAX_YEARS:
            return None
    while year > 1 and ahead(year - 1):
        year -= 1
    return year


def _check_growth(value, rate, who: str) -> tuple[float, float]:
    try:
        value, rate = float(value), float(rate)
    except (TypeError, ValueError):
        raise CrmlabError(f"{who}的规模和增长率必须是数字", hint="例如规模 100、增长率 0.3（即 30%）。") from None
    if not value > 0:
        raise CrmlabError(f"{who}的规模 {value:g} 必须大于 0", hint="规模可以是年采购额等正数。")
    if not rate > -1:
        raise CrmlabError(f"{who}的增长率 {rate:g} 必须大于 -1",
                          hint="增长率是比例：每年增长 30% 写 0.3，每年减少 10% 写 -0.1。")
    return value, rate
