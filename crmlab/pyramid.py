"""客户金字塔 (customer pyramid): four profit tiers, the whale curve, and the course's pyramid figures.

Table 5-1 of the course (seed 001) builds four tiers from an ABC-style ranking by profit:
高端客户 (top 5 % by rank), 重要客户 (6-20 %), 普通客户 (21-50 %) and 小客户 (the bottom 50 %),
or, by cumulative profit, the customers holding the first 50 %, the next 30 %, the next 15 % and
the last 5 % of profit. The ranking, tie and crossing rules are those of
:func:`crmlab.abc_classification.rank_by_value` and ``classify_ranked`` (one implementation for both methods).

The chapter-1 slides (seed 000) show a pyramid of 2,126 existing customers with per-customer
revenue, profit and return on investment. :func:`course_pyramid` types those figures once and
:func:`audit_course_pyramid` redoes their arithmetic, so the notebook can show what adds up
and what does not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.abc_classification import classify_ranked, rank_by_value
from crmlab.errors import CrmlabError

PYRAMID_TIERS = ("高端客户", "重要客户", "普通客户", "小客户")
PYRAMID_RANK_CUTS = (0.05, 0.2, 0.5)     # top 5 %, 6-20 %, 21-50 %, bottom 50 % (Table 5-1)
PYRAMID_PROFIT_CUTS = (0.5, 0.8, 0.95)   # cumulative profit 50 %, +30 %, +15 %, last 5 %


def pyramid_tiers() -> pd.DataFrame:
    """Table 5-1 in crmlab's words: ``tier, by_rank, by_profit, traits, strategy``, top tier first.

    >>> pyramid_tiers()[["tier", "by_rank", "by_profit"]]
           tier   by_rank      by_profit
    0  高端客户     前 5%  累计利润的前 50%
    1  重要客户   6%-20%  再往下的 30% 利润
    2  普通客户  21%-50%  再往下的 15% 利润
    3   小客户     后 50%   最后 5% 的利润
    """
    # seed 001_9a5c47c4bb703bd0.txt, 表5-1 基于ABC分类法的4级客户等级
    rows = [
        ("高端客户", "前 5%", "累计利润的前 50%",
         "最能赚钱，贡献了大部分利润；对价格不太敏感，肯花钱、愿意试新品，比较忠诚",
         "给最好的服务与关怀：完整的服务记录、充足的服务时间；建立详细档案，定期主动拜访"),
        ("重要客户", "6%-20%", "再往下的 30% 利润",
         "产品的中度或重度使用者；对价格较敏感、希望打折，忠诚度不如高端客户",
         "重点跟踪，不定期拜访听取意见，优惠活动第一时间通知，努力培养成高端客户"),
        ("普通客户", "21%-50%", "再往下的 15% 利润",
         "人数多，能消化产能；但消费水平、忠诚度和盈利能力都偏低",
         "不必盯住个人，而要盯住这一级的人数及其变化：人数骤减说明经营或营销出了问题"),
        ("小客户", "后 50%", "最后 5% 的利润",
         "人数最多但买得少、忠诚度低，大多只交易一次",
         "复购可能很低，不值得投入客户关系管理资源，提供基本服务即可"),
    ]
    return pd.DataFrame(rows, columns=["tier", "by_rank", "by_profit", "traits", "strategy"])


def customer_pyramid(table: pd.DataFrame, value: str = "profit", by: str = "rank") -> pd.DataFrame:
    """Four tiers: ``customer, rank, value, share, cum_share, tier`` (高端客户/重要客户/普通客户/小客户).

    In: one row per customer with ``customer`` and the numeric column ``value`` (default
    ``profit``, e.g. from :func:`crmlab.abc_classification.customer_totals`). ``by="rank"`` cuts by head
    count at 5 % / 20 % / 50 %; ``by="profit"`` by cumulative share of value at 50 % / 80 % / 95 %
    (the customer that crosses a cut stays in the higher tier). Sorted by rank.

    >>> t = pd.DataFrame({"customer": list("abcde"), "profit": [5.0, 60.0, 20.0, 10.0, 5.0]})
    >>> customer_pyramid(t, by="profit")
      customer  rank  value  share  cum_share  tier
    0        b     1   60.0   0.60       0.60  高端客户
    1        c     2   20.0   0.20       0.80  重要客户
    2        d     3   10.0   0.10       0.90  普通客户
    3        a     4    5.0   0.05       0.95  普通客户
    4        e     5    5.0   0.05       1.00   小客户
    """
    return pyramid_from_ranked(rank_by_value(table, value), by)


def pyramid_from_ranked(ranked: pd.DataFrame, by: str = "rank") -> pd.DataFrame:
    """The pyramid of customers already ranked by
    :func:`crmlab.abc_classification.rank_by_value` (same output as :func:`customer_pyramid`);
    a widget that only switches ``by`` ranks once and calls this."""
    if by == "rank":
        tiers = classify_ranked(ranked, "count", PYRAMID_RANK_CUTS, PYRAMID_TIERS)
    elif by == "profit":
        tiers = classify_ranked(ranked, "value", PYRAMID_PROFIT_CUTS, PYRAMID_TIERS)
    else:
        raise CrmlabError(f"不认识的金字塔分层方式 by={by!r}",
                          hint='请用 by="rank"（按利润排名的人数比例）或 by="profit"（按累计利润占比）。')
    return tiers.rename(columns={"label": "tier"})


def whale_curve(table: pd.DataFrame, value: str = "profit") -> pd.DataFrame:
    """Cumulative share of profit against share of customers:
    ``rank, customer, customer_share, value_share``.

    In: one row per customer with ``customer`` and ``value``. Out: n + 1 rows; the first is the
    origin (rank 0, customer empty, 0, 0), then one row per customer from the most to the least
    profitable. ``value_share`` ends at 1 and rises above 1 when some customers lose money: the
    hump of the "whale".

    >>> t = pd.DataFrame({"customer": ["a", "b", "c", "d"], "profit": [8.0, -2.0, 3.0, 1.0]})
    >>> whale_curve(t)
       rank customer  customer_share  value_share
    0     0                     0.00          0.0
    1     1        a            0.25          0.8
    2     2        c            0.50          1.1
    3     3        d            0.75          1.2
    4     4        b            1.00          1.0
    """
    ranked = rank_by_value(table, value)
    n = len(ranked)
    origin = pd.DataFrame({"rank": [0], "customer": [""], "customer_share": [0.0],
                           "value_share": [0.0]})
    rest = pd.DataFrame({"rank": ranked["rank"].to_numpy(),
                         "customer": ranked["customer"].to_numpy(),
                         "customer_share": ranked["rank"].to_numpy() / n,
                         "value_share": ranked["cum_share"].to_numpy()})
    return pd.concat([origin, rest], ignore_index=True)


def course_pyramid() -> pd.DataFrame:
    """The course's customer pyramid, as typed from seed 000 (chapter-1 slides): one row per group.

    Columns: ``group`` (the slide's name), ``existing`` (True for the four groups of current
    customers), ``customers`` (count), ``sales_range`` (the purchase band per customer, text as
    on the slide; the slide gives no period), ``revenue_per_customer``, ``profit_per_customer``
    (US$ per customer) and ``roi`` (return on investment, a fraction). Groups without figures
    have NaN.

    What the slide does not say is recorded, not guessed (:func:`course_pyramid_gaps`): the VIP
    band shows only "$58,900" (read as "58,900 and more"); the three non-customer groups are
    paired with the counts 154 / 250 / 1,000 in the order the extracted text lists them; the
    slide never says what investment the ROI is measured against.

    >>> course_pyramid()[["group", "customers"]].head(2)
      group  customers
    0  VIP客户         21
    1   大客户         85
    """
    # seed 000_a16389bc50e78b56.txt, slide 12 "不同客户创造的利润分布图" (typed once, here)
    rows = [
        # group,       existing, customers, sales band,          revenue,  profit, roi
        ("VIP客户",     True,     21,    "$58,900 及以上",      114_000, 45_600, 1.14),
        ("大客户",      True,     85,    "$19,000-$58,900",     31_600,  9_480,  1.39),
        ("中级客户",    True,     319,   "$4,820-$19,000",      9_100,   1_820,  0.74),
        ("小客户",      True,     1_701, "$1-$4,820",           1_160,   -522,   -0.53),
        ("不积极的客户", False,    154,   None,                  np.nan,  np.nan, np.nan),
        ("潜在客户",    False,    250,   None,                  np.nan,  np.nan, np.nan),
        ("需置疑的客户", False,    1_000, None,                  np.nan,  np.nan, np.nan),
    ]
    frame = pd.DataFrame(rows, columns=["group", "existing", "customers", "sales_range",
                                        "revenue_per_customer", "profit_per_customer", "roi"])
    frame["revenue_per_customer"] = frame["revenue_per_customer"].astype(float)
    frame["profit_per_customer"] = frame["profit_per_customer"].astype(float)
    return frame


def course_pyramid_gaps() -> pd.DataFrame:
    """What the course pyramid slide leaves open, for the notebook to show:
    ``item, gap, crmlab_reading``.

    >>> len(course_pyramid_gaps())
    4
    """
    rows = [
        ("VIP客户的成交额区间", "图中只写了 $58,900，没有上限", "理解为每客户 $58,900 及以上"),
        ("不积极 / 潜在 / 需置疑客户的人数", "文字提取后人数和名称分开了，只能按出现顺序配对",
         "依次为 154、250、1,000 位；它们不在 2,126 位现有客户之内"),
        ("投资回报率的算法", "没有说明回报率是用什么投资额算的",
         "按 利润 ÷ 投资 倒推各级投资，仅用于核对"),
        ("平均每客户利润 $399", "与各级利润按人数加权的结果（约 $685）对不上，资料没有解释",
         "两种数字都列出，不替资料改数"),
    ]
    return pd.DataFrame(rows, columns=["item", "gap", "crmlab_reading"])


def course_pyramid_stated() -> dict:
    """The slide's own totals for all existing customers (seed 000, slide 12).

    >>> course_pyramid_stated()["customers"]
    2126
    """
    # seed 000_a16389bc50e78b56.txt: "2,126个现有客户 销售收入$4,680/客户 利润$399/客户 投资回报率9%",
    # and the headline "20%的客户创造超过100%的利润"
    return {"customers": 2_126, "revenue_per_customer": 4_680.0, "profit_per_customer": 399.0,
            "roi": 0.09, "headline_customer_share": 0.20, "headline_profit_share": 1.00}


def course_pyramid_shares(pyramid: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the course figures imply per group of existing customers.

    Columns: ``group, customers, customer_share, cum_customer_share, revenue, revenue_share,
    profit, profit_share, cum_profit_share, implied_investment_per_customer`` where revenue and
    profit are group totals (per-customer figure x count), shares are of the four groups' sums,
    and the implied investment is profit / ROI (what the slide's ROI would be measured against).

    >>> s = course_pyramid_shares()
    >>> int(s["customers"].sum()), round(float(s["profit_share"].iloc[3]), 2)
    (2126, -0.61)
    """
    frame = (course_pyramid() if pyramid is None else pyramid)
    frame = frame[frame["existing"]].reset_index(drop=True)
    out = pd.DataFrame({"group": frame["group"], "customers": frame["customers"]})
    out["customer_share"] = out["customers"] / out["customers"].sum()
    out["cum_customer_share"] = out["customer_share"].cumsum()
    out["revenue"] = frame["revenue_per_customer"] * frame["customers"]
    out["revenue_share"] = out["revenue"] / out["revenue"].sum()
    out["profit"] = frame["profit_per_customer"] * frame["customers"]
    out["profit_share"] = out["profit"] / out["profit"].sum()
    out["cum_profit_share"] = out["profit_share"].cumsum()
    out["implied_investment_per_customer"] = frame["profit_per_customer"] / frame["roi"]
    return out


def audit_course_pyramid(tolerance: float = 0.01) -> pd.DataFrame:
    """Redo the arithmetic of the course pyramid: ``check, stated, computed, agrees, note``.

    Each row compares a figure the slide states with what its other figures imply, within a
    relative ``tolerance`` (default 1 %). Findings: the counts add up to 2,126 and the
    per-customer revenues average to the stated $4,680; the per-customer profits do not average
    to the stated $399 (they give about $685), nor do the ROIs combine to the stated 9 %. The
    headline holds either way: the top three groups are 425 customers (20.0 %) and make more
    than all the profit.

    >>> c = audit_course_pyramid()
    >>> c[["check", "agrees"]]
                          check  agrees
    0                     现有客户人数    True
    1                  平均每客户销售收入    True
    2                   平均每客户利润   False
    3                  平均投资回报率   False
    4  前 20% 客户的利润占比（按各级利润合计）    True
    5  前 20% 客户的利润占比（按所述平均利润）    True
    """
    stated = course_pyramid_stated()
    shares = course_pyramid_shares()
    n = float(shares["customers"].sum())
    total_revenue = float(shares["revenue"].sum())
    total_profit = float(shares["profit"].sum())
    investment = float((shares["implied_investment_per_customer"] * shares["customers"]).sum())
    top = shares.iloc[:3]
    top_profit = float(top["profit"].sum())
    top_share = float(top["customers"].sum()) / n

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= tolerance * abs(b)

    rows = [
        ("现有客户人数", stated["customers"], n, close(n, stated["customers"]),
         "VIP、大、中级、小客户四级人数相加"),
        ("平均每客户销售收入", stated["revenue_per_customer"], total_revenue / n,
         close(total_revenue / n, stated["revenue_per_customer"]),
         "各级每客户收入 × 人数，合计后除以总人数"),
        ("平均每客户利润", stated["profit_per_customer"], total_profit / n,
         close(total_profit / n, stated["profit_per_customer"]),
         "各级每客户利润 × 人数，合计后除以总人数：与图中所写的数对不上，资料没有说明原因"),
        ("平均投资回报率", stated["roi"], total_profit / investment,
         close(total_profit / investment, stated["roi"]),
         "假设各级回报率 = 利润 ÷ 投资，倒推各级投资再合计；图中没有说明回报率的算法"),
        ("前 20% 客户的利润占比（按各级利润合计）", stated["headline_profit_share"],
         top_profit / total_profit, top_profit / total_profit > stated["headline_profit_share"],
         f"VIP、大、中级客户共 {int(top['customers'].sum())} 位，占 {top_share:.1%}；"
         "图中的说法是“超过 100%”，所以这里检查“大于”"),
        ("前 20% 客户的利润占比（按所述平均利润）", stated["headline_profit_share"],
         top_profit / (stated["profit_per_customer"] * n),
         top_profit / (stated["profit_per_customer"] * n) > stated["headline_profit_share"],
         "分母改用图中所写的 $399 × 2,126"),
    ]
    return pd.DataFrame(rows, columns=["check", "stated", "computed", "agrees", "note"])


check_course_pyramid = audit_course_pyramid  # the old name ("check" now means exercise checks)
