"""客户终身价值 (CLV) and the two value matrices built on it: CLV-CS and CPV-CLV.

Convention for :func:`clv` and :func:`clv_finite` (the simple retention model):

* the customer is active now (year 0) and pays nothing yet;
* each year it stays with probability ``retention`` (r), so it is still active in year t with
  probability r**t;
* while active it brings ``margin`` (m, profit per year) at the *end* of each year;
* money in year t is discounted by (1 + d)**t with ``discount`` rate d.

Then CLV = sum over t >= 1 of m * r**t / (1 + d)**t = m * r / (1 + d - r), and over a finite
horizon of T years CLV_T = m * q * (1 - q**T) / (1 - q) with q = r / (1 + d).
(Some textbooks count the first margin at year 0, which gives m * (1 + d) / (1 + d - r).)

The matrices are business rules as data (like ``RFM_RULES``): :data:`CLV_CS_RULES` and
:data:`CPV_CLV_RULES` are tables a caller can replace. Where the course material is cut off
(the CLV-CS figure of seed 001 is missing; seed 000 names only classes I and II of the CPV-CLV
matrix), the names are crmlab's own and the ``name_source`` column says so.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.levels import apply_rules, check_two_cuts, high_low, numeric_column

COURSE = "课程资料"
CRMLAB_OWN = "crmlab 自拟（课程资料中缺失）"

# CLV 高/低 x satisfaction 高/中/低. Seed 001 says CLV-CS gives six classes "as in the figure",
# but the figure did not survive extraction: names and strategies below are crmlab's own.
CLV_CS_RULES = pd.DataFrame(
    [
        ("高", "高", "核心客户", "重点维护：专人服务、优先响应，邀请参与新品与共创", CRMLAB_OWN),
        ("高", "中", "待提升客户", "找出不满意之处并改进，防止价值流失", CRMLAB_OWN),
        ("高", "低", "高危客户", "立即沟通、处理投诉，制定挽留方案", CRMLAB_OWN),
        ("低", "高", "忠诚小客户", "低成本维持关系，尝试交叉销售、向上销售", CRMLAB_OWN),
        ("低", "中", "一般客户", "标准化服务，控制服务成本", CRMLAB_OWN),
        ("低", "低", "低价值客户", "只提供基本服务，不额外投入", CRMLAB_OWN),
    ],
    columns=["clv_level", "cs_level", "class_name", "strategy", "name_source"],
)

# Perceived value (CPV) 高/低 x lifetime value (CLV) 高/低. Seed 000 names I 鸡肋 (both low)
# and II 潜力股 (CPV low, CLV high) and is cut off before III and IV: those two are crmlab's.
CPV_CLV_RULES = pd.DataFrame(
    [
        ("I", "低", "低", "鸡肋", "一般不投入；老客户维持或解除关系。例外：产品导入期、换代期或衰退期，"
         "且短期投入能明显提高其感知价值和终身价值时，可以尝试", COURSE),
        ("II", "低", "高", "潜力股", "最可能成长为最有价值的客户：重点分析、重点投入，"
         "建立信任、改进服务，提高其感知价值", COURSE),
        ("III", "高", "低", "满意小客户", "客户认可但贡献有限：低成本维持，引导增购与推荐", CRMLAB_OWN),
        ("IV", "高", "高", "明星客户", "双方都满意且价值高：全力保持，提供个性化关怀", CRMLAB_OWN),
    ],
    columns=["class", "cpv_level", "clv_level", "class_name", "strategy", "name_source"],
)

CLV_CS_SATISFACTION_CUTS = (3.0, 4.0)   # on a 1-5 scale: < 3 低, 3 to < 4 中, >= 4 高

_CLV_COLUMN_HINT = ('终身价值可以先算出来再加一列，例如 表.assign(clv=clv(表["annual_margin"], '
                    '表["retention"], 0.1))；或用 clv_col= 指定已有的列名。')


def clv(margin, retention, discount):
    """Lifetime value with no horizon: CLV = m * r / (1 + d - r).

    ``margin`` m is the profit per active year, received at the end of each year; ``retention``
    r (0 to 1) the chance a customer stays another year; ``discount`` d the yearly discount rate.
    Numbers give a float; Series or arrays give the same shape back (a Series keeps its index;
    several Series are combined by position, not by index).

    >>> clv(100, 0.8, 0.1)
    266.66...
    >>> clv(pd.Series([100, 200]), 0.5, 0.0).tolist()
    [100.0, 200.0]
    """
    m, r, d = _check_clv_inputs(margin, retention, discount)
    return _shaped(m * r / (1 + d - r), margin, retention, discount)


def clv_finite(margin, retention, discount, years):
    """Lifetime value over ``years`` years: m * q * (1 - q**T) / (1 - q), q = r / (1 + d).

    Same convention as :func:`clv` (margin at the end of each year, survival r**t), summed for
    t = 1..T; as T grows it approaches :func:`clv`.

    >>> clv_finite(100, 0.5, 0.0, 2)      # 100 * 0.5 + 100 * 0.25
    75.0
    >>> round(clv_finite(100, 0.8, 0.1, 200), 2) == round(clv(100, 0.8, 0.1), 2)
    True
    """
    m, r, d = _check_clv_inputs(margin, retention, discount, horizon=True)
    t = np.asarray(years, dtype=float)
    if np.any(t < 0) or np.any(t != np.floor(t)):
        raise CrmlabError(f"年数 {years!r} 必须是 0 或正整数", hint="例如 years=5 表示计算 5 年。")
    q = r / (1 + d)
    # q == 1 only when r == 1 and d == 0: then every year brings m in full
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(q == 1, m * t, m * q * (1 - q ** t) / np.where(q == 1, 2.0, 1 - q))
    return _shaped(value, margin, retention, discount, years)


def clv_by_year(margin, retention, discount, years: int) -> pd.DataFrame:
    """One customer's lifetime value built up year by year, for years 0..``years``.

    ``year``; ``expected_value``, that year's discounted expected profit m * q**t with
    q = r / (1 + d) (0 in year 0); ``cumulative``, :func:`clv_finite` up to that year; and
    ``clv``, :func:`clv` with no horizon (the same on every row: what ``cumulative`` approaches).

    >>> clv_by_year(100, 0.5, 0.0, 2)
       year  expected_value  cumulative    clv
    0     0             0.0         0.0  100.0
    1     1            50.0        50.0  100.0
    2     2            25.0        75.0  100.0
    """
    year = np.arange(int(years) + 1)
    cumulative = clv_finite(margin, retention, discount, year)
    return pd.DataFrame({"year": year, "expected_value": np.diff(cumulative, prepend=0.0),
                         "cumulative": cumulative, "clv": clv(margin, retention, discount)})


def clv_cs_classes(table: pd.DataFrame, clv_col: str = "clv",
                   satisfaction_col: str = "satisfaction",
                   clv_threshold="mean",
                   satisfaction_cuts: Sequence[float] = CLV_CS_SATISFACTION_CUTS,
                   rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """CLV-CS six classes: the input columns + ``clv_level, cs_level, class_name, strategy,
    name_source``.

    In: one row per customer with a numeric lifetime value (``clv_col``) and satisfaction score
    (``satisfaction_col``). CLV is 高 when >= ``clv_threshold`` ("mean" by default, "median",
    or a number). Satisfaction is 低 below ``satisfaction_cuts[0]``, 高 at or above
    ``satisfaction_cuts[1]``, 中 in between (defaults 3 and 4, for a 1-5 score).
    ``rules`` (default :data:`CLV_CS_RULES`) maps the two levels to class name and strategy.
    (``class_name``, not ``segment`` or ``name``: those are often the input's own columns, such
    as RFM tiers or customer names, and an input column is never overwritten.)

    >>> t = pd.DataFrame({"customer": list("abcd"), "clv": [900.0, 100.0, 500.0, 100.0],
    ...                   "satisfaction": [4.5, 4.0, 2.0, 3.5]})
    >>> clv_cs_classes(t)[["customer", "clv_level", "cs_level", "class_name"]]
      customer clv_level cs_level class_name
    0        a         高        高    核心客户
    1        b         低        高   忠诚小客户
    2        c         高        低    高危客户
    3        d         低        中    一般客户
    """
    rules = CLV_CS_RULES if rules is None else rules
    clv_values = numeric_column(table, clv_col, _CLV_COLUMN_HINT)
    cs_values = numeric_column(table, satisfaction_col)
    low, high = check_two_cuts(satisfaction_cuts)
    out = table.copy()
    out["clv_level"] = high_low(clv_values, clv_threshold, clv_col)
    out["cs_level"] = np.where(cs_values >= high, "高", np.where(cs_values >= low, "中", "低"))
    return apply_rules(out, rules, ["clv_level", "cs_level"],
                       ["class_name", "strategy", "name_source"])


def cpv_clv_classes(table: pd.DataFrame, cpv_col: str = "perceived_value", clv_col: str = "clv",
                    cpv_threshold="mean", clv_threshold="mean",
                    rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """CPV-CLV four classes: the input columns +
    ``cpv_level, clv_level, class, class_name, strategy, name_source``.

    In: one row per customer with perceived value (``cpv_col``) and lifetime value
    (``clv_col``). Each is 高 when >= its threshold ("mean", "median" or a number). Classes
    I 鸡肋 and II 潜力股 are the course's; III and IV are named by crmlab (see ``name_source``).
    The name is ``class_name``, not ``name``, so a customer-name column ``name`` (as in
    :func:`crmlab.datasets.load_demo_customers`) survives.

    >>> t = pd.DataFrame({"customer": list("abcd"), "perceived_value": [1.0, 1.0, 9.0, 9.0],
    ...                   "clv": [10.0, 90.0, 10.0, 90.0]})
    >>> cpv_clv_classes(t)[["customer", "class", "class_name"]]
      customer class class_name
    0        a     I     鸡肋
    1        b    II    潜力股
    2        c   III  满意小客户
    3        d    IV   明星客户
    """
    rules = CPV_CLV_RULES if rules is None else rules
    cpv_values = numeric_column(table, cpv_col)
    clv_values = numeric_column(table, clv_col, _CLV_COLUMN_HINT)
    out = table.copy()
    out["cpv_level"] = high_low(cpv_values, cpv_threshold, cpv_col)
    out["clv_level"] = high_low(clv_values, clv_threshold, clv_col)
    return apply_rules(out, rules, ["cpv_level", "clv_level"],
                        ["class", "class_name", "strategy", "name_source"])


def _check_clv_inputs(margin, retention, discount, horizon=False):
    try:
        m = np.asarray(margin, dtype=float)
        r = np.asarray(retention, dtype=float)
        d = np.asarray(discount, dtype=float)
    except (TypeError, ValueError):
        raise CrmlabError("毛利、保留率和折现率都必须是数字",
                          hint="例如 clv(margin=100, retention=0.8, discount=0.1)。") from None
    if np.any(np.isnan(m)) or np.any(np.isnan(r)) or np.any(np.isnan(d)):
        raise CrmlabError("毛利、保留率或折现率中有空值", hint="请先补全数据。")
    if np.any((r < 0) | (r > 1)):
        raise CrmlabError(f"保留率 {retention!r} 必须在 0 到 1 之间",
                          hint="保留率是比例：每年留下 80% 的客户就写 0.8，不是 80。")
    if np.any(d < 0):
        raise CrmlabError(f"折现率 {discount!r} 不能是负数", hint="例如每年 10% 写 0.1。")
    if not horizon and np.any((r == 1) & (d == 0)):
        raise CrmlabError("保留率为 1 且折现率为 0 时，客户永远不流失，终身价值是无穷大",
                          hint="请给一个小于 1 的保留率，或一个正的折现率，或用 clv_finite 限定年数。")
    return m, r, d


def _shaped(value, *inputs):
    """Give back a float for plain numbers, a Series (with the first Series' index) for Series."""
    value = np.asarray(value, dtype=float)
    for item in inputs:
        if isinstance(item, pd.Series):
            return pd.Series(np.array(np.broadcast_to(value, item.shape)), index=item.index,
                             name="clv", dtype=float)
    if value.ndim == 0:
        return float(value)
    return value
