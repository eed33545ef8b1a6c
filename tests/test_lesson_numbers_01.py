"""The numbers written in chapter 1's prose are the numbers crmlab computes.

Each test computes a figure with crmlab, formats it the way the lesson writes it, and asserts the
lesson's markdown says exactly that (so a change in crmlab or in the prose that makes them
disagree fails here). Numbers printed by code cells are compared by nbval instead (cells tagged
``nbval-check-output``).
"""

import json
import pathlib

import pandas as pd
import pytest

import crmlab
from crmlab.crm_basics import (churn_reasons, repeat_purchase_gap, retention_economics,
                               salon_budget, salon_budget_intensity, size_example,
                               size_versus_profit)
from crmlab.pyramid import course_pyramid, course_pyramid_shares, whale_curve

LESSON = next((pathlib.Path(__file__).parent.parent / "notebooks").glob("01_*.ipynb"))


@pytest.fixture(scope="module")
def prose() -> str:
    cells = json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def code_cells() -> list[dict]:
    cells = json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def says(prose: str, text: str) -> None:
    assert text in prose, f"文字里找不到「{text}」"


def test_the_demo_company_figures(prose):
    tx = crmlab.load_demo_transactions()
    says(prose, f"{tx['customer'].nunique():,} 位客户下了 {len(tx):,} 张订单")
    assert tx["date"].dt.year.unique().tolist() == [2023]
    says(prose, "2023 年起")


def test_course_pyramid_figures(prose):
    pyramid = course_pyramid()
    says(prose, f"{int(pyramid.loc[pyramid['existing'], 'customers'].sum()):,} 位现有客户")
    shares = course_pyramid_shares()
    top = shares.iloc[:3]
    assert round(top["customers"].sum() / shares["customers"].sum(), 2) == 0.20
    says(prose, "约 20% 的客户创造了超过全部的利润")
    assert top["profit_share"].sum() > 1


def test_amazon(prose):
    gap = repeat_purchase_gap()
    says(prose, f"客户回头率是 {gap['online_rate']:.0%}")
    assert gap["bookstore_rate_below"] == pytest.approx(0.295)


def test_biggest_customer_is_not_the_most_valuable(prose):
    table = size_versus_profit(size_example())
    big, middle, small = table.itertuples()
    says(prose, f"连锁超市的采购额是企业礼品客户的 {big.list_sales / middle.list_sales:.0f} 倍")
    says(prose, f"只给青禾带来 {big.profit:,.0f} 元利润，少于企业礼品客户的 {middle.profit:,.0f} 元")
    says(prose, f"它的利润率约 {big.profit_rate:.1%}，企业礼品客户约 {middle.profit_rate:.1%}，"
                f"家庭散客只有 {small.profit_rate:.0%}")
    assert big.profit < middle.profit


def test_toy_whale_curve(prose, code_cells):
    # the lesson's small ledger, typed again here: 5 customers, 8 orders
    ledger = pd.DataFrame({
        "customer": ["王阿姨", "李老师", "王阿姨", "周先生", "星辰科技", "周先生", "陈女士", "李老师"],
        "amount": [260.0, 520.0, 180.0, 90.0, 1500.0, 60.0, 300.0, 240.0],
        "cost": [200.0, 380.0, 140.0, 110.0, 1050.0, 85.0, 330.0, 200.0],
    })
    assert any("小账本 = pd.DataFrame(" in "".join(c["source"])
               and repr(ledger["amount"].tolist()) in "".join(c["source"]) for c in code_cells)
    says(prose, f"只有 {ledger['customer'].nunique()} 位客户、{len(ledger)} 张订单的小账本")
    curve = whale_curve(crmlab.customer_totals(ledger))
    peak_rank = int(curve.loc[curve["value_share"].idxmax(), "rank"])
    says(prose, "前三位客户赚到的利润比全部利润还多；后两位客户在亏钱")
    assert peak_rank == 3 and len(curve) - 1 - peak_rank == 2
    # by hand: 450 + 180 + 100 = 730 of 655
    assert curve["value_share"].max() == pytest.approx(730 / 655)


def test_salon_shares_and_intensity(prose):
    says(prose, f"销售额 60% + 30% + 20% 却是 **{salon_budget()['sales_share'].sum():.0%}**")
    table = salon_budget_intensity(0.3)
    top, middle, low = table.itertuples()
    says(prose, f"一位重点顾客分到的预算是平均水平的 {top.budget_per_customer:.1f} 倍，"
                f"中间顾客约 {middle.budget_per_customer:.2f} 倍，一般顾客只有 {low.budget_per_customer:.1f} 倍")
    says(prose, f"（{top.sales_per_customer:.0f} 倍、{middle.sales_per_customer:.0f} 倍、"
                f"{low.sales_per_customer:.1f} 倍）")
    says(prose, f"中间一组最多（约 {middle.budget_per_sales:.2f}），重点顾客反而只有约 "
                f"{top.budget_per_sales:.2f}，一般顾客 {low.budget_per_sales:.1f}")
    # below this share of customers the middle group gets more per head than the top group
    threshold = salon_budget()["budget_share"].iloc[1] / top.budget_per_customer
    says(prose, f"如果它低于 {threshold:.0%}，按人头算中间顾客分到的预算就会超过重点顾客")
    just_below = salon_budget_intensity(threshold - 0.01)
    assert just_below["budget_per_customer"].idxmax() == 1


def test_churn_reading(prose):
    reasons = churn_reasons()
    by_category = reasons.groupby("category")["percent"].sum()
    largest = reasons.loc[reasons["percent"].idxmax()]
    assert largest["category"] == "企业因素" and largest["percent"] == 68
    says(prose, f"最后单独剩下的 {largest['percent']}% 一项归入企业因素")
    says(prose, f"企业因素就只剩 {by_category['企业因素'] - largest['percent']}%")


def test_retention_assumptions_match_the_cell(prose, code_cells):
    says(prose, "100 位新客户，每位获客成本 500 元，每年留住一位老客户花 50 元，每位客户每年带来毛利 300 元，"
                "每年有 80% 的客户留下")
    assert any("retention_economics(100, 500, 50, 300, 0.8, 5)" in "".join(c["source"])
               for c in code_cells)
    economics = retention_economics(100, 500, 50, 300, 0.8, 5)
    assert economics["cumulative_profit"].iloc[3] < 0 < economics["cumulative_profit"].iloc[4]


def test_the_old_mistakes_are_gone(prose):
    assert "| 决策者 | 一位 |" not in prose
    says(prose, "| 决策者 | 少 |")
    says(prose, "同时使投入大于收益")   # quoted as the source's slip, with the reading that fixes it
    says(prose, "合理的读法应是“收益大于投入”")


# --- docs/teacher_notes/01.md: the model answers' numbers ---

NOTES = pathlib.Path(__file__).parent.parent / "docs" / "teacher_notes" / "01.md"


@pytest.fixture(scope="module")
def notes() -> str:
    return NOTES.read_text(encoding="utf-8")


def test_notes_the_company_story_matches_the_lesson(notes, prose):
    tx = crmlab.load_demo_transactions()
    sentence = f"这一年 {tx['customer'].nunique():,} 位客户下了 {len(tx):,} 张订单"
    assert sentence in notes and sentence in prose
    for name in ("青禾茶业", "林舟", "杭州"):
        assert name in notes and name in prose


def test_notes_the_biggest_customer_answer(notes):
    chain = size_example()
    chain.loc[0, "discount"] = 0.25
    profit = size_versus_profit(chain)
    says(notes, f"从 41,000 元降到 {profit['profit'].iloc[0]:,.0f} 元（利润率约 {profit['profit_rate'].iloc[0]:.1%}）")
    base = size_example().iloc[0]
    fixed = base["orders"] * base["cost_per_order"] + base["service_cost"]
    break_even = base["gross_margin"] - fixed / base["list_sales"]
    says(notes, f"折扣再高到约 {break_even:.1%}，就开始亏本")
    middle = size_versus_profit(size_example())["profit"].iloc[1]
    beats_middle = base["gross_margin"] - (fixed + middle) / base["list_sales"]
    assert round(beats_middle, 3) == 0.181   # 18.1 %: "降到约 18%"
    says(notes, "折扣降到约 18%")
    service = base["list_sales"] * (base["gross_margin"] - base["discount"]) \
        - base["orders"] * base["cost_per_order"] - middle
    says(notes, f"专门服务费降到 {service:,.0f} 元以下")


def test_notes_the_pyramid_answer(notes):
    from crmlab.pyramid import check_course_pyramid
    checks = check_course_pyramid()
    stated = checks.loc[checks["check"] == "平均每客户利润", "stated"].iloc[0]
    customers = int(course_pyramid().loc[lambda t: t["existing"], "customers"].sum())
    says(notes, f"{stated:.0f} × {customers:,} = {stated * customers:,.0f} 美元")
    says(notes, f"约 {checks['computed'].iloc[-1]:.0%}")


def test_notes_the_salon_and_retention_answers(notes):
    salon = salon_budget()
    salon.loc[1, "sales_share"] = 0.2
    table = salon_budget_intensity(0.3, salon)
    says(notes, f"中间一组分到 {table['budget_per_sales'].iloc[1]:.2f}")
    says(notes, f"约 {table['sales_per_customer'].iloc[1]:.2f} 倍")
    at = {r: retention_economics(100, 500, 50, 300, r, 5)["cumulative_profit"].iloc[-1]
          for r in (0.70, 0.705, 0.71, 0.75)}
    assert at[0.705] < 0 < at[0.71] and at[0.75] > 0
    says(notes, f"约 −{-at[0.70]:,.0f} 元")   # the notes write a true minus sign


def test_notes_the_demo_figures(notes):
    totals = crmlab.customer_totals(crmlab.load_demo_transactions())
    says(notes, f"（{(totals['profit'] < 0).mean():.1%}）的客户在亏钱")
    customers = crmlab.load_demo_customers()
    customers = customers.assign(clv=crmlab.clv(customers["annual_margin"], customers["retention"], 0.1))
    sizes = crmlab.cpv_clv_classes(customers)["class"].value_counts()
    assert sizes.idxmax() == "I"
    says(notes, f"I 类人数最多（{sizes['I']} 位）")


def test_halving_the_chains_service_cost_turns_the_comparison(prose, code_cells):
    assert any('例子.loc[0, "service_cost"] = 20000' in "".join(c["source"]) for c in code_cells)
    example = size_example()
    assert example.loc[0, "service_cost"] == 2 * 20000   # halved in the lesson
    example.loc[0, "service_cost"] = 20000
    profit = size_versus_profit(example)["profit"]
    assert profit.iloc[0] > profit.iloc[1]
    says(prose, "服务费减半后，连锁超市的利润就超过了企业礼品客户")


# --- issue 13: every pandas / numpy operation exercise 01 asks for is shown first in lesson 01 ---

def _operations(notebook: pathlib.Path) -> set[str]:
    """``np.x`` / ``pd.x`` functions and pandas methods (``.x`` that a DataFrame or Series has)
    used in the code cells of ``notebook``."""
    import re

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    found = set()
    for prefix, name in re.findall(r"(\bnp\.|\bpd\.|\.)([A-Za-z_]\w*)", text):
        if prefix in ("np.", "pd."):
            found.add(prefix + name)
        elif hasattr(pd.DataFrame, name) or hasattr(pd.Series, name):
            found.add("." + name)
    return found


def test_exercise_01_operations_are_shown_in_the_lesson():
    solution = next((LESSON.parent.parent / "solutions").glob("01_*.ipynb"))
    missing = _operations(solution) - _operations(LESSON)
    assert not missing, f"练习 01 用到、但第 1 章没有演示的操作：{sorted(missing)}"
    # the whale-curve steps of issue 13 in particular
    assert {".sort_values", ".cumsum", "np.arange", ".groupby", ".assign", ".max"} <= _operations(LESSON)
