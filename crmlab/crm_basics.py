"""Chapter 1 tables: CRM vs traditional marketing, churn reasons, retention economics, the salon
budget case and the six buyer roles.

Figures come from the chapter-1 slides (seed 000) and are typed once, in the function that
returns them, with a comment naming the seed. Where the slides do not add up (the salon's
sales shares total 110 %) or leave a figure out, crmlab shows it instead of fixing it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.errors import CrmlabError


def crm_vs_traditional() -> pd.DataFrame:
    """Seven differences between CRM and traditional marketing: ``dimension, traditional, crm``.

    Written in crmlab's own words after the seven points and the side-by-side table of seed 000.

    >>> crm_vs_traditional()["dimension"].tolist()[:3]
    ['关注理念', '工作重心', '工作目标']
    """
    rows = [
        ("关注理念", "用广告抓住大众的眼球，追求一次成交",
         "和客户建立长期互利的关系：陌生人变朋友，朋友变终身客户"),
        ("工作重心", "看客户的共同点，把同一种产品卖给尽量多的人（重数量）",
         "看每位客户的个性，为同一位客户找到下一件最合适的产品（重深度）"),
        ("工作目标", "不停地争取新客户",
         "从现有客户那里不停地获得新生意，这样更省钱"),
        ("营销技巧", "以讲解和推销为主，对所有人说同样的话",
         "以沟通为主，多听多学，按客户希望的时间、地点和方式提供信息"),
        ("工作手段", "企业自己预测需求、设计产品、安排生产，再想办法卖出去",
         "搭建和客户交流的平台，一起诊断需求、制定具体的购买计划并跟进到底"),
        ("实现路径", "把渠道看成产品从厂家流向消费者的通道",
         "把渠道看成客户挑选从哪里、向谁获得价值的过程，注重整合客户价值"),
        ("其他特征", "看重客户的普遍性，对所有客户一视同仁",
         "看重客户的差异性，区别对待，提供个性化服务（不只卖产品，还给建议和持续关怀）"),
    ]
    return pd.DataFrame(rows, columns=["dimension", "traditional", "crm"])


def churn_reasons() -> pd.DataFrame:
    """Why customers leave, from the course: ``category, reason, percent``.

    The seven reasons and percentages are the slide's; the grouping is crmlab's reading. The
    slide's three-column table (customer / company / other factors) was flattened into one line
    of text: read three cells to a row, left to right, the last cell (68 %, no grasp of the
    customer's needs) stands alone and is put under 企业因素, where its wording belongs; the
    text itself does not show its column. The seven percentages add up to 100.

    >>> int(churn_reasons()["percent"].sum())
    100
    """
    # seed 000_a16389bc50e78b56.txt, slide "客户流失": 客户因素 / 企业因素 / 其他因素
    rows = [
        ("客户因素", "客户去世", 1),
        ("客户因素", "失去联络", 3),
        ("企业因素", "产品价格", 9),
        ("企业因素", "投诉处理不当", 10),
        ("企业因素", "没有掌握客户需求、照顾不周", 68),
        ("其他因素", "竞争对手的活动", 4),
        ("其他因素", "客户身边的人影响了他的看法", 5),
    ]
    return pd.DataFrame(rows, columns=["category", "reason", "percent"])


def retention_economics(customers: int, acquisition_cost: float, retention_cost: float,
                        margin: float, retention: float, years: int) -> pd.DataFrame:
    """Profit of one cohort of won customers, and what replacing the lost ones would cost.

    Columns: ``year, active, lost, profit, cumulative_profit, retention_spend,
    replacement_cost``. Year 0: ``customers`` are won at ``acquisition_cost`` each (profit =
    -customers x acquisition_cost). Each later year a share ``retention`` stays (active = customers
    x retention ** year, the same survival as :func:`crmlab.lifetime_value.clv`); every active customer brings
    ``margin`` and costs ``retention_cost`` to keep, so profit = active x (margin -
    retention_cost). ``replacement_cost`` is what winning as many new customers as were lost that
    year would cost, to set against ``retention_spend``.

    >>> r = retention_economics(100, 50, 10, 40, 0.5, 2)
    >>> r[["year", "active", "profit", "cumulative_profit", "replacement_cost"]]
       year  active  profit  cumulative_profit  replacement_cost
    0     0   100.0 -5000.0            -5000.0               0.0
    1     1    50.0  1500.0            -3500.0            2500.0
    2     2    25.0   750.0            -2750.0            1250.0
    """
    numbers = {"customers": customers, "acquisition_cost": acquisition_cost,
               "retention_cost": retention_cost, "margin": margin, "retention": retention}
    try:
        values = {k: float(v) for k, v in numbers.items()}
    except (TypeError, ValueError):
        raise CrmlabError("客户数、获客成本、保留成本、毛利和保留率都必须是数字",
                          hint="例如 retention_economics(100, 500, 50, 300, 0.8, 5)。") from None
    if any(v < 0 for k, v in values.items() if k != "margin"):
        raise CrmlabError("客户数和各项成本不能是负数", hint="请检查输入。")
    if not 0 <= values["retention"] <= 1:
        raise CrmlabError(f"保留率 {retention!r} 必须在 0 到 1 之间",
                          hint="保留率是比例：每年留下 80% 的客户就写 0.8。")
    if not isinstance(years, (int, np.integer)) or years < 0:
        raise CrmlabError(f"年数 {years!r} 必须是 0 或正整数", hint="例如 years=5。")
    year = np.arange(years + 1)
    active = values["customers"] * values["retention"] ** year
    lost = np.concatenate([[0.0], -np.diff(active)])
    profit = active * (values["margin"] - values["retention_cost"])
    profit[0] = -values["customers"] * values["acquisition_cost"]
    spend = active * values["retention_cost"]
    spend[0] = 0.0
    return pd.DataFrame({"year": year, "active": active, "lost": lost, "profit": profit,
                         "cumulative_profit": np.cumsum(profit), "retention_spend": spend,
                         "replacement_cost": lost * values["acquisition_cost"]})


def salon_budget(middle_share: float | None = None) -> pd.DataFrame:
    """The beauty-salon case, as stated:
    ``group, customer_share, sales_share, budget_share, perks``.

    Shares are fractions as the case states them; the middle group's share of customers is not
    stated (NaN), unless ``middle_share`` supplies an assumed one. Check the arithmetic with
    :func:`check_salon_budget`.

    >>> salon_budget()[["customer_share", "sales_share", "budget_share"]].sum().round(2).tolist()
    [0.7, 1.1, 1.0]
    >>> salon_budget(middle_share=0.3)["customer_share"].round(2).tolist()
    [0.2, 0.3, 0.5]
    """
    # seed 000_a16389bc50e78b56.txt, "【案例】美容连锁店": half the marketing budget on the 20 %
    # of customers with 60 % of sales; 40 % of it on customers with 30 % of sales (their share of
    # customers is not given); 10 % of it on the 50 % of customers with 20 % of sales.
    rows = [
        ("重点顾客", 0.2, 0.6, 0.5, "分店折扣、个性化保健菜单、新品预告、购物赠礼、好友特价"),
        ("中间顾客", np.nan, 0.3, 0.4, "折扣机会、新品通知、礼券促销"),
        ("一般顾客", 0.5, 0.2, 0.1, "适当折扣、礼券促销"),
    ]
    salon = pd.DataFrame(rows, columns=["group", "customer_share", "sales_share", "budget_share",
                                        "perks"])
    if middle_share is not None:
        salon.loc[salon["customer_share"].isna(), "customer_share"] = float(middle_share)
    return salon


def check_salon_budget(salon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add up each share column of the salon case: ``share, stated_total, missing, adds_up, note``.

    Nothing is corrected: the sales shares add up to 110 % and the table says so; the customer
    shares miss one value, and the note gives what it would have to be for 100 %.

    >>> check_salon_budget()[["share", "stated_total", "adds_up"]]
                share  stated_total  adds_up
    0  customer_share           0.7    False
    1     sales_share           1.1    False
    2    budget_share           1.0     True
    """
    salon = salon_budget() if salon is None else salon
    names = {"customer_share": "顾客人数", "sales_share": "销售额", "budget_share": "营销费用"}
    rows = []
    for column, label in names.items():
        values = salon[column].astype(float)
        total = round(float(values.sum()), 10)
        missing = int(values.isna().sum())
        adds_up = missing == 0 and abs(total - 1) < 1e-9
        if missing:
            note = (f"{label}占比有 {missing} 项资料没有给出；已给出的合计 {total:.0%}，"
                    f"缺的那项要是 {1 - total:.0%} 才能凑满 100%")
        elif adds_up:
            note = f"{label}占比合计 100%，对得上"
        else:
            note = f"{label}占比合计 {total:.0%}，不是 100%：资料中的数字有误，这里不做修改"
        rows.append((column, total, missing, adds_up, note))
    return pd.DataFrame(rows, columns=["share", "stated_total", "missing", "adds_up", "note"])


def buyer_roles() -> pd.DataFrame:
    """The six kinds of buyer inside a corporate customer: ``role, focus, who``.

    After the table of seed 000, in crmlab's words. The extracted text runs the coach buyer's
    department into the next cell ("业务部或计划部采购部"), so its ``who`` is given as read.

    >>> len(buyer_roles())
    6
    """
    rows = [
        ("经济买家", "整体利益的平衡与最大化，拍板决定", "总经理"),
        ("技术买家", "方案是否可行、技术和效果如何；有建议权和否决权", "技术测量中心或质检部"),
        ("使用买家", "用起来是否方便、好操作；有使用权", "生产部"),
        ("财务买家", "负责付款，多看形式和手续；有参与权", "财务部"),
        ("教练买家", "是否符合公司采购标准；在内部推动采购（催化剂）", "业务部、计划部或采购部"),
        ("影响力买家", "通过推荐或反对来影响最后拍板的人", "负责人的亲戚、秘书、家人等"),
    ]
    return pd.DataFrame(rows, columns=["role", "focus", "who"])


def salon_budget_intensity(middle_customer_share: float = 0.3,
                           salon: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much budget each salon group gets per customer and per unit of sales:
    ``group, customer_share, sales_share, budget_share, sales_per_customer,
    budget_per_customer, budget_per_sales``.

    The case leaves the middle group's share of customers out; ``middle_customer_share`` fills
    it in (30 % makes the customer shares add up to 100 %). Every ratio is an index against the
    average: ``budget_per_customer`` = budget share / customer share (1 = the budget an average
    customer would get if the budget were spread evenly per head), ``budget_per_sales`` =
    budget share / sales share (1 = the budget an average 元 of sales would get), and
    ``sales_per_customer`` = sales share / customer share. The stated sales shares add up to
    110 %; nothing is rescaled here: dividing every sales share by 1.1 would multiply every
    ``budget_per_sales`` by 1.1 and keep their order.

    >>> t = salon_budget_intensity()
    >>> t[["group", "budget_per_customer", "budget_per_sales"]].round(2)
      group  budget_per_customer  budget_per_sales
    0  重点顾客                 2.50              0.83
    1  中间顾客                 1.33              1.33
    2  一般顾客                 0.20              0.50
    """
    try:
        middle = float(middle_customer_share)
    except (TypeError, ValueError):
        raise CrmlabError(f"中间顾客的人数占比 {middle_customer_share!r} 必须是数字",
                          hint="占比写成小数，例如 0.3 表示 30%。") from None
    if not 0 < middle <= 1:
        raise CrmlabError(f"中间顾客的人数占比 {middle_customer_share!r} 必须大于 0、不超过 1",
                          hint="占比写成小数，例如 0.3 表示 30%；为 0 时无法算“每位顾客”的预算。")
    table = (salon_budget() if salon is None else salon).copy()
    table["customer_share"] = table["customer_share"].astype(float).fillna(middle)
    shares = table[["customer_share", "sales_share", "budget_share"]].astype(float)
    return pd.DataFrame({
        "group": table["group"].to_numpy(),
        "customer_share": shares["customer_share"].to_numpy(),
        "sales_share": shares["sales_share"].to_numpy(),
        "budget_share": shares["budget_share"].to_numpy(),
        "sales_per_customer": (shares["sales_share"] / shares["customer_share"]).to_numpy(),
        "budget_per_customer": (shares["budget_share"] / shares["customer_share"]).to_numpy(),
        "budget_per_sales": (shares["budget_share"] / shares["sales_share"]).to_numpy(),
    })


BUDGET_EDGES = (8000, 12000)  # seed 003: Lenovo's imagined menu, ¥8,000 and ¥12,000


def budget_menu(budgets, edges=BUDGET_EDGES) -> pd.DataFrame:
    """Send each visitor's budget to an item of a "what is your budget?" menu: ``budget, item``.

    ``edges`` are the menu's boundaries in 元, ascending (default: the ¥8,000 / ¥12,000 of the
    Lenovo case in seed 003). The article says "below 8,000, between 8,000 and 12,000, above
    12,000" and leaves open where exactly 8,000 and 12,000 go; crmlab puts a budget equal to an
    edge in the higher item and says so in the label (含 = included).

    >>> budget_menu([5000, 8000, 11999, 12000])["item"].tolist()
    ['8,000 元以下', '8,000（含）～12,000 元', '8,000（含）～12,000 元', '12,000 元及以上']
    """
    edges = [float(e) for e in edges]
    if not edges or any(b <= a for a, b in zip(edges, edges[1:])):
        raise CrmlabError(f"菜单分界 {edges} 必须是从小到大、互不相同的金额",
                          hint="例如 edges=(8000, 12000)。")
    values = pd.to_numeric(pd.Series(budgets, dtype="object"), errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise CrmlabError("预算必须是不小于 0 的数字",
                          hint="检查输入的预算列表，例如 budget_menu([5000, 9000])。")
    text = [f"{e:,.0f}" for e in edges]
    labels = ([f"{text[0]} 元以下"]
              + [f"{a}（含）～{b} 元" for a, b in zip(text, text[1:])]
              + [f"{text[-1]} 元及以上"])
    position = np.searchsorted(np.array(edges), values.to_numpy(dtype=float), side="right")
    return pd.DataFrame({"budget": values.to_numpy(dtype=float),
                         "item": [labels[p] for p in position]})


def repeat_purchase_gap(online_rate: float = 0.59, times: float = 2.0) -> dict[str, float]:
    """What "a repeat-purchase rate of 59 %, more than twice that of bookstores" implies.

    Seed 003 says Amazon's customers come back at 59 %, "more than twice" the rate of
    traditional bookstores, and gives no bookstore figure, no year and no definition of the
    rate. All that follows is an upper bound: a bookstore rate below ``online_rate / times``.

    >>> repeat_purchase_gap()
    {'online_rate': 0.59, 'times': 2.0, 'bookstore_rate_below': 0.295}
    """
    rate, factor = float(online_rate), float(times)
    if not 0 <= rate <= 1 or factor <= 0:
        raise CrmlabError("回头率应在 0 到 1 之间，倍数应大于 0", hint="例如 repeat_purchase_gap(0.59, 2)。")
    return {"online_rate": rate, "times": factor, "bookstore_rate_below": round(rate / factor, 10)}


def size_versus_profit(customers: pd.DataFrame) -> pd.DataFrame:
    """Profit of customers of different size, after discount, order handling and service.

    In: ``customer, list_sales`` (元 at list price), ``gross_margin`` (share of list sales left
    after the cost of goods), ``discount`` (share of list price given away), ``orders``,
    ``cost_per_order`` (元 to take, pack and deliver one order), ``service_cost`` (元 a year of
    extra service: an account manager, special delivery, returns). Out: the same rows plus
    ``revenue`` = list_sales x (1 - discount), ``profit`` = list_sales x (gross_margin -
    discount) - orders x cost_per_order - service_cost (rounded to the fen), and ``profit_rate`` = profit / revenue.

    >>> t = pd.DataFrame({"customer": ["大", "小"], "list_sales": [1000.0, 100.0],
    ...                   "gross_margin": [0.3, 0.3], "discount": [0.2, 0.0], "orders": [10, 5],
    ...                   "cost_per_order": [2.0, 2.0], "service_cost": [30.0, 0.0]})
    >>> size_versus_profit(t)[["customer", "revenue", "profit", "profit_rate"]]
      customer  revenue  profit  profit_rate
    0        大    800.0    50.0       0.0625
    1        小    100.0    20.0       0.2000
    """
    needed = ["customer", "list_sales", "gross_margin", "discount", "orders", "cost_per_order",
              "service_cost"]
    missing = [c for c in needed if c not in customers.columns]
    if missing:
        raise CrmlabError(f"客户规模表缺少列：{'、'.join(missing)}",
                          hint=f"需要的列：{'、'.join(needed)}。")
    out = customers.copy()
    numbers = out[needed[1:]].astype(float)
    out["revenue"] = numbers["list_sales"] * (1 - numbers["discount"])
    out["profit"] = (numbers["list_sales"] * (numbers["gross_margin"] - numbers["discount"])
                     - numbers["orders"] * numbers["cost_per_order"]
                     - numbers["service_cost"]).round(2)  # 元, to the fen
    out["profit_rate"] = out["profit"] / out["revenue"]
    return out


def size_example() -> pd.DataFrame:
    """Three customers of the demo tea company 青禾茶业 (crmlab's illustration, not course
    figures), in the columns :func:`size_versus_profit` reads.

    The big one is a supermarket chain that asks for a 20 % discount and a dedicated account
    manager; the middle one an office-gift buyer at 5 % discount; the small one a household
    ordering often in small amounts. Same goods, same gross margin.

    >>> size_versus_profit(size_example())["profit"].tolist()
    [41000.0, 52600.0, 300.0]
    """
    return pd.DataFrame({
        "customer": ["连锁超市（大客户）", "企业礼品采购（中等客户）", "家庭散客（小客户）"],
        "list_sales": [600_000.0, 200_000.0, 6_000.0],
        "gross_margin": [0.35, 0.35, 0.35],
        "discount": [0.20, 0.05, 0.0],
        "orders": [150, 40, 30],
        "cost_per_order": [60.0, 60.0, 60.0],
        "service_cost": [40_000.0, 5_000.0, 0.0],
    })
