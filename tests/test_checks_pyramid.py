"""Tests for crmlab/checks/pyramid.py (exercise 01): known mistakes named, on the course's
figures (passed as ``pyramid=``) and on hand-made orders."""

from __future__ import annotations

import pandas as pd

from crmlab.checks import pyramid as ch1
from crmlab.pyramid import course_pyramid


# course figures: VIP 21 x 45,600 = 957,600; 大 85 x 9,480 = 805,800; 中级 319 x 1,820 = 580,580;
# 小 1,701 x -522 = -887,922; total 1,456,058 over 2,126 customers
COURSE = pd.DataFrame({"级别": ["VIP客户", "大客户", "中级客户", "小客户"],
                       "利润": [957_600.0, 805_800.0, 580_580.0, -887_922.0]})
PK = {"pyramid": course_pyramid()}


def test_course_shares_and_per_customer_mistake():
    right = COURSE.assign(利润占比=COURSE["利润"] / 1_456_058)
    assert ch1.check_shares(right, **PK).passed
    per_customer = right.assign(利润=[45_600.0, 9_480.0, 1_820.0, -522.0])
    assert "每位客户" in repr(ch1.check_shares(per_customer, **PK))
    assert "没有「小客户」" in repr(ch1.check_shares(right.iloc[:3], **PK))


def test_course_average_and_top_share():
    assert ch1.check_average(1_456_058 / 2_126, **PK).passed            # about 684.9, not the stated 399
    unweighted = (45_600 + 9_480 + 1_820 - 522) / 4
    assert "按人数加权" in repr(ch1.check_average(unweighted, **PK))
    assert ch1.check_top_share(2_343_980 / 1_456_058, **PK).passed      # about 161 %
    assert "人数占比" in repr(ch1.check_top_share(425 / 2_126, **PK))


# four customers: profit a 8, b -2, c 3, d 1 (total 10)
WHALE_TX = pd.DataFrame({"customer": list("abcd"), "amount": [10.0, 1.0, 5.0, 2.0],
                         "cost": [2.0, 3.0, 2.0, 1.0]})


def test_whale_curve_points_direction_and_peak():
    right = pd.DataFrame({"customer_share": [0.25, 0.5, 0.75, 1.0],
                          "value_share": [0.8, 1.1, 1.2, 1.0]})
    assert ch1.check_whale(right, transactions=WHALE_TX).passed
    with_origin = pd.concat([pd.DataFrame({"customer_share": [0.0], "value_share": [0.0]}), right])
    assert ch1.check_whale(with_origin, transactions=WHALE_TX).passed
    ascending = right.assign(value_share=[-0.2, -0.1, 0.2, 1.0])   # b, d, c, a
    assert "排序方向反了" in repr(ch1.check_whale(ascending, transactions=WHALE_TX))
    assert ch1.check_peak(1.2, transactions=WHALE_TX).passed
    assert "终点" in repr(ch1.check_peak(1.0, transactions=WHALE_TX))
