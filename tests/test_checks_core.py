"""Tests for what every check shares: the decorator in crmlab/checks/_core.py, the refusal of a
typed-in answer (crmlab/checks/typed.py), finding a chart's Axes (crmlab/checks/charts.py), and
that no check raises on an odd answer."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from crmlab.checks import pyramid as ch1
from crmlab.checks import selection as ch2
from crmlab.checks import tiering as ch3
from crmlab.checks import xudong
from crmlab.checks._core import FAILED, OPEN, PASSED, Progress, check, ok
from crmlab.checks.charts import as_axes, bar_lengths
from crmlab.checks.typed import typed_in, typed_literal_message


@check("1. 第一题", "答案")
def check_first(answer):
    return ok("对了。") if answer == 1 else "不对，应当是 1。"


@check("2. 第二题", "答案", after=["1. 第一题"])
def check_second(answer):
    return ok("对了。") if answer == 2 else "不对，应当是 2。"


def test_decorator_gives_open_passed_failed_and_records_them():
    progress = Progress("练习", ["1. 第一题", "2. 第二题"])
    assert check_first(..., progress).status == OPEN
    assert check_first(1, progress).status == PASSED
    assert progress.status("1. 第一题") == PASSED
    result = check_first(3, progress)
    assert result.status == FAILED and "应当是 1" in result.message
    assert check_first.task == "1. 第一题" and check_first.__name__ == "check_first"


def test_a_failure_after_a_wrong_or_unchecked_earlier_task_says_fix_that_first():
    progress = Progress("练习", ["1. 第一题", "2. 第二题"])
    assert "第 1 题还没有通过检查" in check_second(5, progress).message
    check_first(3, progress)
    message = check_second(5, progress).message
    assert "请先改正第 1 题" in message and "应当是 2" in message
    check_first(1, progress)
    assert "请先改正" not in check_second(5, progress).message
    assert check_second(2, progress).passed  # a right answer is right whatever came before
    assert "请先改正" not in check_second(5).message  # without a progress record nothing is known


@pytest.mark.parametrize("cells, name, expected", [
    (["平均利润 = 684.88"], "平均利润", True),
    (["平均利润 = 1456058 / 2126"], "平均利润", True),
    (["平均值 = pd.Series({'R': 17.9, 'F': 5, 'M': 2142.0})"], "平均值", True),
    (["平均值 = {'R': 17.9, 'F': 5, 'M': 2142.0}"], "平均值", True),
    (["入选 = ['甲', '乙', '丙', '丁', '戊']"], "入选", True),
    (["平均利润 = 利润表['profit'].sum() / 利润表['customers'].sum()"], "平均利润", False),
    (["年 = 0\nwhile 小 <= 大:\n    年 += 1"], "年", False),
    (["年 = 0\nfor 年 in range(10):\n    pass"], "年", False),
    (["平均利润 = 684.88", "平均利润 = 表['x'].mean()"], "平均利润", False),  # the latest assignment counts
    (["平均利润 = 表['x'].mean()", "print(1)"], "平均利润", False),
])
def test_typed_in_answers_are_recognised(cells, name, expected):
    history = ["", *cells, f"金字塔练习.check_average({name}, 进度)"]
    assert typed_in(history, "check_average") == (name if expected else None)
    assert typed_in(history, "check_peak") is None  # another check's cell: nothing to say


def test_typed_answer_message_is_chinese_and_names_the_variable():
    message = typed_literal_message("check_average", ["平均利润 = 684.88", "check_average(平均利润, 进度)"])
    assert "「平均利润」是直接写进去的数值" in message and "换一份数据" in message
    assert typed_literal_message("check_average", []) is None  # outside IPython: nothing refused


def test_as_axes_finds_the_axes_or_gives_a_chinese_hint():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = plt.barh(["甲", "乙"], [3, 5])
    ax = plt.gca()
    try:
        assert as_axes(bars) is ax and as_axes(ax.figure) is ax and as_axes([bars]) is ax
        assert as_axes(bars[0]) is ax  # one bar (an artist)
        assert bar_lengths(ax) == [3, 5]
        assert as_axes("图") is None and as_axes(None) is None
        assert "plt.gca()" in xudong.check_chart("图").message
    finally:
        plt.close("all")


# ------------------------------------------------------------------ no check ever raises

WEIRD_ANSWERS = [None, 0, "abc", [], {}, float("nan"), pd.DataFrame(), pd.Series(dtype=float),
                 pd.DataFrame({"x": [1]}),
                 pd.DataFrame({"customer": ["?"], "R": [float("nan")], "F": ["a"], "M": [None],
                               "segment": ["x"], "class": ["A"], "tier": ["小客户"], "fit": ["高攀"],
                               "score": [float("nan")], "group": ["VIP客户"], "profit": [1],
                               "profit_share": [1], "customer_share": [1], "value_share": [1],
                               "amount": [1]})]
ALL_CHECKS = [getattr(module, name) for module in (ch1, ch2, ch3, xudong)
              for name in sorted(vars(module)) if name.startswith("check_")]


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_odd_answers_get_a_chinese_message_not_an_exception(check):
    from test_checks_pyramid import WHALE_TX
    from test_checks_selection import CK
    from test_checks_tiering import ABC_TX
    from test_checks_xudong import KW

    fixtures = {"crmlab.checks.pyramid": {"transactions": WHALE_TX},
                "crmlab.checks.selection": CK,
                "crmlab.checks.tiering": {"transactions": ABC_TX},
                "crmlab.checks.xudong": KW}[check.__module__]
    accepted = inspect.signature(check).parameters
    kwargs = {key: value for key, value in fixtures.items() if key in accepted}
    for answer in WEIRD_ANSWERS:
        result = check(answer, **kwargs)
        assert result.status == FAILED, (answer, result)
        assert result.message
