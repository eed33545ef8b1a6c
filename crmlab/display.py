"""Chinese headers for the tables a student reads: one glossary, one call.

crmlab's functions return English column names (the code contract in
``docs/architecture.md``); a notebook shows them as ``crmlab.zh(frame)``, which looks every
header up in :data:`COLUMN_NAMES` and returns a :class:`~crmlab.table_html.ChineseTable`: a
DataFrame with the same values and dtypes, which Jupyter shows as an HTML table formatted for
reading (是/否, thousands separators, %, no 0..n index: see :mod:`crmlab.table_html`). The
frame passed in is not changed.
"""

from __future__ import annotations

import pandas as pd

from crmlab.table_html import ChineseSeries, ChineseTable

#: English column name -> Chinese header (with its unit where it has one), for every column a
#: crmlab function, data loader or explorer returns. Where a name means different things in
#: different tables, the header is the one that fits them all; override it per call with
#: ``zh(frame, column="...")``.
COLUMN_NAMES = {
    # clean transactions and the data loaders (crmlab.datasets)
    "customer": "客户",
    "date": "日期",
    "amount": "金额（元）",
    "order_id": "订单编号",
    "cost": "成本（元）",
    "profit": "利润（元）",
    "name": "名称",
    "satisfaction": "满意度（1-5）",
    "perceived_value": "感知价值（0-100）",
    "retention": "保留率",
    "annual_margin": "预计年利润（元）",
    "annual_purchase": "年采购额（万元）",
    "purchasing_power": "购买力",
    "willingness": "购买意愿",
    "credit": "信用",
    "price_sensitivity": "价格敏感度",
    "cooperation": "合作意愿",
    "growth_rate": "年增长率",
    "serving_cost": "服务成本（万元/年）",
    "capability": "我方服务能力",
    "gross_margin": "毛利率",
    "bad_debt_rate": "坏账率",
    "purchases": "采购额合计（万元）",
    "base_profit": "按今天规模的毛利（万元）",
    "growth_profit": "增长带来的毛利（万元）",
    "serving_cost_total": "服务成本合计（万元）",
    "credit_loss": "预计坏账（万元）",
    "overall_value": "综合价值（万元）",
    # RFM (crmlab.rfm)
    "R": "R（天）",
    "F": "F（次）",
    "M": "M（元）",
    "R_level": "R 等级",
    "F_level": "F 等级",
    "M_level": "M 等级",
    "segment": "客户等级",
    "strategy": "策略",
    "R_score": "R 分",
    "F_score": "F 分",
    "M_score": "M 分",
    "RFM_cell": "RFM 格子",
    "customers": "客户数",
    "customer_share": "客户数占比",
    "M_total": "消费金额合计（元）",
    "M_share": "金额占比",
    "mean_M": "平均 M（元）",
    # ABC analysis, pyramid, whale curve (crmlab.abc_classification, crmlab.pyramid)
    "rank": "排名",
    "value": "价值",
    "share": "占比",
    "cum_share": "累计占比",
    "class": "类别",
    "tier": "层级",
    "top_share": "前百分之几的客户",
    "value_share": "价值占比",
    "by_rank": "按排名",
    "by_profit": "按利润",
    "traits": "特点",
    # the course's customer pyramid (crmlab.pyramid; its money is in US dollars)
    "group": "客户分组",
    "existing": "现有客户",
    "sales_range": "每客户成交额区间",
    "revenue_per_customer": "每客户销售收入（美元）",
    "profit_per_customer": "每客户利润（美元）",
    "roi": "投资回报率",
    "cum_customer_share": "累计客户数占比",
    "revenue": "销售收入（美元）",
    "revenue_share": "收入占比",
    "profit_share": "利润占比",
    "cum_profit_share": "累计利润占比",
    "implied_investment_per_customer": "倒推的每客户投资（美元）",
    "item": "项目",
    "gap": "资料的缺口",
    "crmlab_reading": "crmlab 的读法",
    "check": "核对项目",
    "stated": "资料所写",
    "computed": "计算结果",
    "agrees": "对得上",
    "note": "说明",
    # customer value (crmlab.lifetime_value)
    "clv": "终身价值（元）",
    "clv_level": "终身价值等级",
    "cs_level": "满意度等级",
    "cpv_level": "感知价值等级",
    "class_name": "类别名称",
    "name_source": "名称来源",
    # customer selection (crmlab.selection)
    "score": "综合得分",
    "value_level": "客户价值等级",
    "ability_level": "我方能力等级",
    "fit": "匹配类型",
    "advice": "建议",
    "year": "年份",
    "factor": "因素",
    "meaning": "含义",
    "small": "小客户",
    "large": "大客户",
    # chapter 1 tables (crmlab.crm_basics) and their explorers
    "dimension": "比较方面",
    "traditional": "传统营销",
    "crm": "客户关系管理",
    "category": "原因类别",
    "reason": "流失原因",
    "percent": "占比（%）",
    "active": "仍在的客户",
    "lost": "当年流失",
    "cumulative_profit": "累计利润（元）",
    "retention_spend": "保留投入（元）",
    "replacement_cost": "补回流失客户的成本（元）",
    "expected_value": "当年期望利润（元）",
    "cumulative": "累计（元）",
    "sales_share": "销售额占比",
    "budget_share": "营销费用占比",
    "perks": "享受的待遇",
    "stated_total": "合计",
    "missing": "缺几项",
    "adds_up": "合计为 100%？",
    "role": "买家类型",
    "focus": "关注重点",
    "who": "通常是谁",
}

#: ``weighted_scores`` adds ``<criterion>_norm``: the criterion scaled to 0-1.
NORMALISED_SUFFIX = "_norm"


def header(name, extra: dict | None = None):
    """The Chinese header for one column name; a name crmlab does not know comes back unchanged.

    ``extra`` (name -> header) is looked up first. ``<criterion>_norm`` becomes the criterion's
    header followed by （归一化）.

    >>> header("cum_share"), header("credit_norm"), header("我的列")
    ('累计占比', '信用（归一化）', '我的列')
    """
    names = COLUMN_NAMES if not extra else {**COLUMN_NAMES, **extra}
    if not isinstance(name, str):
        return name
    if name in names:
        return names[name]
    base = name[: -len(NORMALISED_SUFFIX)]
    if name.endswith(NORMALISED_SUFFIX) and base in names:
        return f"{names[base]}（归一化）"
    return name


def zh(frame, **extra):
    """A copy of ``frame`` (a DataFrame or Series) with Chinese column headers and index names,
    shown in Jupyter as a formatted HTML table.

    Every column name and index name is looked up in :data:`COLUMN_NAMES`; names it does not
    know are left as they are. ``extra`` gives headers for this one call, e.g.
    ``zh(shares, profit="利润（美元）")``, and wins over the glossary. For a Series the index
    names and the Series' name are translated. Values are never changed; the result is a
    :class:`~crmlab.table_html.ChineseTable` (or ``ChineseSeries``), a pandas object whose
    HTML form reads 是/否, 20.0%, 114,000 and hides a meaningless 0..n index.

    >>> t = pd.DataFrame({"customer": ["甲", "乙"], "cum_share": [0.6, 1.0], "备注": ["", ""]})
    >>> list(zh(t).columns)
    ['客户', '累计占比', '备注']
    >>> list(zh(t, cum_share="累计金额占比").columns)
    ['客户', '累计金额占比', '备注']
    >>> zh(t.set_index("customer")).index.name
    '客户'
    """
    def rename(name):
        return header(name, extra)

    names = {}  # shown header -> English name, so the HTML form knows money from shares

    def remember(name):
        names[rename(name)] = name
        return rename(name)

    if isinstance(frame, pd.Series):
        shown = ChineseSeries(frame.copy())
        shown.index = shown.index.set_names([remember(name) for name in shown.index.names])
        shown.name = remember(shown.name)
    else:
        shown = ChineseTable(frame.copy())
        shown.index = shown.index.set_names([remember(name) for name in shown.index.names])
        if isinstance(shown.columns, pd.MultiIndex):
            shown.columns = pd.MultiIndex.from_tuples(
                [tuple(rename(part) for part in key) for key in shown.columns],
                names=[rename(name) for name in shown.columns.names])
        else:
            shown.columns = pd.Index([remember(name) for name in shown.columns],
                                     name=rename(shown.columns.name))
    shown.attrs = {**frame.attrs, "crmlab_names": names}
    return shown
