"""The numbers chapter 4's prose states about its small table are the ones crmlab computes.

The raw table is rebuilt here by hand (and compared with the one the notebook defines), the
results worked out in the comments, then each number is checked both against crmlab and
against the sentence of the notebook that states it."""

import json
import pathlib

import pandas as pd
import pytest

import crmlab

NOTEBOOK = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "04_旭东RFM实训.ipynb"
TODAY = "2021-04-01"


def _raw():
    return pd.DataFrame({
        "订单编号": ["T05", "T02", "T08", None, "T04", "T10", "T01", "T07", "T03", "T05", "T09", "T11", None],
        "客户名称": ["钱七", "王五", "张三", None, "李四", "钱七", "张三", "王五 ", "赵六", "钱七", "钱七",
                 "王五", "合计"],
        "交易日期": ["2021-03-20", "2021-03-05", "2021-03-28", None, "2021-03-15", "2021-03-27",
                 "2021-03-02", "2021-03-18", "2021-03-09", "2021-03-22", "2021-03-25", "2021-03-30", None],
        "交易金额": [900, 80, 450, None, 1200, 200, 300, 120, 60, -300, 700, 100, 3810],
    })


@pytest.fixture(scope="module")
def cells():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return nb["cells"]


@pytest.fixture(scope="module")
def prose(cells):
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def segmented():
    tx = crmlab.load_transactions(_raw(), today=TODAY)
    return crmlab.rfm_segments(crmlab.rfm_table(tx, TODAY)).set_index("customer")


def test_the_notebook_defines_the_same_raw_table(cells):
    source = next("".join(c["source"]) for c in cells
                  if c["cell_type"] == "code" and "原始 = pd.DataFrame" in "".join(c["source"]))
    namespace = {"pd": pd}
    exec(source.replace("\n原始\n", "\n").rsplit("\n原始", 1)[0], namespace)
    pd.testing.assert_frame_equal(namespace["原始"], _raw())


def test_cleaning_keeps_eleven_rows_of_five_customers_and_the_total_row_is_3810():
    raw = _raw()
    # 900 + 80 + 450 + 1200 + 200 + 300 + 120 + 60 - 300 + 700 + 100 = 3810
    assert raw["交易金额"].iloc[:-1].sum() == raw["交易金额"].iloc[-1] == 3810
    tx = crmlab.load_transactions(raw, today=TODAY)
    assert len(tx) == 11 and tx["customer"].nunique() == 5


def test_rfm_values_stated_in_the_prose(segmented, prose):
    # 张三: last 03-28 -> R 4, orders T01 T08 -> F 2, 300 + 450 -> M 750
    assert segmented.loc["张三", ["R", "F", "M"]].tolist() == [4, 2, 750.0]
    assert "R = 4 天" in prose and "F = 2" in prose and "M = 750 元" in prose
    # 钱七: T05 T09 T10 and the T05 refund: 3 orders, 900 + 700 + 200 - 300 = 1500
    assert segmented.loc["钱七", ["F", "M"]].tolist() == [3, 1500.0]
    assert "钱七有 4 行记录，但只有 3 个不同的订单" in prose
    assert "900 + 700 + 200 − 300 = 1500 元" in prose


def test_means_and_the_tie_at_the_f_mean(segmented, prose):
    means = crmlab.rfm_thresholds(segmented.reset_index(), "mean")
    # R (4 + 17 + 2 + 23 + 5) / 5 = 10.2; F (2 + 1 + 3 + 1 + 3) / 5 = 2.0; M 3810 / 5 = 762
    assert means == pytest.approx({"R": 10.2, "F": 2.0, "M": 762.0})
    assert "F 的平均值正好是 2.0，张三的 F 也是 2" in prose
    assert segmented.loc["张三", "F_level"] == "高"          # >= keeps the tie high
    assert segmented.loc["张三", "F"] == means["F"]


def test_tiers_stated_in_the_prose(segmented, prose):
    assert segmented.loc["李四", "segment"] == "重要挽留客户"
    assert "李四只来过一次但花了 1,200 元，被分为“重要挽留客户”" in prose
    empty = (crmlab.tier_summary(segmented.reset_index())["customers"] == 0).sum()
    assert empty == 4 and "八类里有四类是 0 位客户" in prose


def test_scores_stated_in_the_prose(segmented, prose):
    scores = crmlab.rfm_scores(segmented.reset_index()[["customer", "R", "F", "M"]]).set_index("customer")
    # M ranks 60 < 300 < 750 < 1200 < 1500 -> scores 1..5
    assert scores.loc[["赵六", "王五", "张三", "李四", "钱七"], "M_score"].tolist() == [1, 2, 3, 4, 5]
    # F = 1 twice: mean rank 1.5, p = 0.2 -> 2; F = 3 twice: mean rank 4.5, p = 0.8 -> 5
    assert scores.loc[["李四", "赵六"], "F_score"].tolist() == [2, 2]
    assert scores.loc[["王五", "钱七"], "F_score"].tolist() == [5, 5]
    assert "p = 0.2，得 2 分" in prose and "p = 0.8，得 5 分" in prose


def test_counting_rows_instead_of_orders_would_move_zhang_san():
    """The lesson's point about refunds: with count, 钱七's F is 4, the mean 2.2, 张三 drops to 低."""
    tx = crmlab.load_transactions(_raw(), today=TODAY).drop(columns=["order_id"])
    by_rows = crmlab.rfm_segments(crmlab.rfm_table(tx, TODAY)).set_index("customer")
    assert by_rows.loc["钱七", "F"] == 4
    assert by_rows.loc["张三", "F_level"] == "低"


def test_teacher_notes_widget_answer_for_zhao_liu():
    """docs/teacher_notes/04.md: 1,000 元 for 赵六 on 03-31 makes him 重要发展客户 and moves 张三."""
    from crmlab.widgets.rfm import add_purchase

    tx = crmlab.load_transactions(_raw(), today=TODAY)
    for data in (add_purchase(tx, "赵六", "2021-03-31", 1000.0),        # what the widget does
                 pd.concat([tx, pd.DataFrame({"customer": ["赵六"], "date": [pd.Timestamp("2021-03-31")],
                                              "amount": [1000.0], "order_id": ["T12"]})])):
        result = crmlab.rfm_segments(crmlab.rfm_table(data, TODAY)).set_index("customer")
        assert result.loc["赵六", ["R", "F", "M"]].tolist() == [1, 2, 1060.0]
        assert result.loc["赵六", "segment"] == "重要发展客户"
        assert result.loc["张三", "segment"] == "一般发展客户"
    thresholds = crmlab.rfm_thresholds(crmlab.rfm_table(add_purchase(tx, "赵六", "2021-03-31", 1000.0), TODAY))
    assert thresholds == pytest.approx({"R": 5.8, "F": 2.2, "M": 962.0})  # F by order id, as the lesson
    notes = (NOTEBOOK.parent.parent / "docs" / "teacher_notes" / "04.md").read_text(encoding="utf-8")
    assert "R 5.8、F 2.2、M 962" in notes and "重要发展客户" in notes
