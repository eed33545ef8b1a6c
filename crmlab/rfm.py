"""RFM: recency, frequency and monetary value per customer, the eight tiers and the 1-5 scores.

The course (chapter 5, 旭东 project) computes, for every customer, R = days from the last
purchase to "today", F = number of purchases, M = total amount; splits each into 高/低 against
the average over all customers (for R a small value is 高) and names the 2 x 2 x 2 = 8 tiers of
Table 5-2. The tiers and their strategies are data (:data:`RFM_RULES`), so a caller can pass a
table of their own.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from crmlab import _fast, money
from crmlab.errors import CrmlabError, require_columns
from crmlab.cleaning import on_or_after
from crmlab.levels import threshold_value
from crmlab.summary import group_summary

HIGH, LOW = "高", "低"
METRICS = ("R", "F", "M")

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

def parse_today(today) -> pd.Timestamp:
    """Turn 'YYYY-MM-DD', a date, a datetime or a Timestamp into a midnight Timestamp.

    >>> parse_today("2021-04-01")
    Timestamp('2021-04-01 00:00:00')
    """
    hint = "请写成 2021-04-01 这样的日期（年-月-日）。"
    if isinstance(today, (pd.Timestamp, _dt.datetime, _dt.date)) and not pd.isna(today):
        stamp = pd.Timestamp(today)
    elif isinstance(today, str):
        text = today.strip()
        try:
            stamp = pd.Timestamp(_dt.date.fromisoformat(text[:10])) if len(text) == 10 else None
        except ValueError:
            stamp = None
        if stamp is None:
            raise CrmlabError(f"“今天”的日期无法识别：{today!r}", hint=hint)
    else:
        raise CrmlabError(f"“今天”的日期无法识别：{today!r}", hint=hint)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()


_CELLS_HINT = "请用 crmlab.load_transactions(...) 读入，它会逐行检查并剔除这样的行，并在读取报告里说明。"


def _check_empty(bad: pd.Series, column: str, what: str) -> None:
    if bad.any():
        raise CrmlabError(f"有 {int(bad.sum())} 行{what}（第一处在索引 {bad.idxmax()!r}）",
                          column=column, hint=_CELLS_HINT)


def _check_cells(transactions: pd.DataFrame, dates: pd.Series) -> None:
    """Empty dates and non-numeric amounts would silently skew R, F, M.

    Empty customers are checked where the customers are grouped: the fast path finds them
    while it numbers the customers (and steps aside), the plain path checks first
    (``_check_customers``).
    """
    _check_empty(dates.isna(), "date", "日期为空")
    amount = transactions["amount"]
    if not pd.api.types.is_numeric_dtype(amount) or pd.api.types.is_bool_dtype(amount):
        raise CrmlabError("“amount”列不是数字", column="amount", hint=_CELLS_HINT)
    if amount.isna().any():
        raise CrmlabError(f"有 {int(amount.isna().sum())} 行金额为空", column="amount", hint=_CELLS_HINT)


def _check_customers(transactions: pd.DataFrame) -> None:
    _check_empty(transactions["customer"].isna(), "customer", "客户为空")


def rfm_table(transactions: pd.DataFrame, today, *, cut_window: bool = False) -> pd.DataFrame:
    """Clean transactions (customer, date, amount, optional order_id) -> customer, R, F, M.

    One row per customer, sorted by customer. R (int) = days from the customer's last
    purchase to ``today`` (always >= 1); F (int) = number of rows, or of distinct ``order_id``
    when that column exists (a row without an order id counts as its own purchase; a refund row
    counts like any row, as the course's COUNTIF does, and nets into M);
    M (float) = total amount in whole fen, summed exactly and rounded with halves away from
    zero (:mod:`crmlab.money`: 1.005 元 is 1.01, as in Excel). A purchase dated on or after ``today``
    is an error, unless ``cut_window=True``: then those rows are dropped and
    ``attrs["dropped_rows"]`` / ``attrs["notes"]`` say so. ``attrs["today"]`` holds the date used.

    >>> tx = pd.DataFrame({"customer": ["甲", "乙", "甲"],
    ...                    "date": pd.to_datetime(["2021-03-30", "2021-03-01", "2021-03-10"]),
    ...                    "amount": [100.0, 50.0, 20.0]})
    >>> rfm_table(tx, "2021-04-01")
      customer   R  F      M
    0        乙  31  1   50.0
    1        甲   2  2  120.0
    """
    require_columns(transactions, ["customer", "date", "amount"], "交易记录")
    today = parse_today(today)
    if len(transactions) == 0:
        raise CrmlabError("交易记录是空的，没有可以计算 R、F、M 的购买记录",
                          hint="请检查文件是否选对了工作表，或读入时是否所有行都被剔除了。")
    dates = transactions["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        try:
            dates = pd.to_datetime(dates)
        except (ValueError, TypeError):
            raise CrmlabError("“date”列里有无法识别的日期", column="date",
                              hint="请先用 crmlab.load_transactions(...) 读入，它会逐行检查日期。") from None
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)
    # A time of day does not matter: "on or after today" compares with today's midnight, and
    # the last purchase day is the day of the last purchase time (taken per customer, below).
    _check_cells(transactions, dates)
    late = on_or_after(dates, today)  # the one rule, shared with the loader
    notes = []
    frame = transactions
    if late.any():
        n_late = int(late.sum())
        first = dates[late].min().date()
        if not cut_window:
            raise CrmlabError(
                f"有 {n_late} 笔交易的日期在“今天”（{today.date()}）当天或之后，最早一笔是 {first}",
                hint="R 是从最后一次购买到今天的天数，今天必须晚于所有交易。请把 today 改到更晚的日期，"
                     "或用 cut_window=True 只统计今天之前的交易。")
        frame = transactions.loc[~late]
        dates = dates[~late]
        notes.append(f"已去掉 {n_late} 笔日期在 {today.date()} 当天或之后的交易（cut_window=True）。")
        if len(frame) == 0:
            raise CrmlabError(f"所有交易都在“今天”（{today.date()}）当天或之后，去掉后没有剩下任何交易",
                              hint="请检查 today 是否写对了。")
    # the same numbers faster for big data (crmlab/_fast), or None: switched off, missing
    # customers, ids that are not text, odd dtypes
    per_customer = _fast.per_customer(frame, dates)
    if per_customer is None:
        _check_customers(transactions)
        per_customer = _per_customer_plain(frame, dates)
    customers, last, frequency, monetary = per_customer
    result = pd.DataFrame({
        "customer": customers,
        "R": _days_between(last, today),
        "F": frequency.astype("int64"),
        "M": monetary,
    })
    result.attrs["today"] = today
    result.attrs["dropped_rows"] = int(late.sum()) if cut_window else 0
    result.attrs["notes"] = notes
    return result


def _days_between(last: np.ndarray, today: pd.Timestamp) -> np.ndarray:
    """Whole days from each last purchase's day (any time of day) to ``today`` (midnight).

    >>> _days_between(np.array(["2021-03-30T15:00", "2021-03-31"], "M8[ns]"), pd.Timestamp("2021-04-01"))
    array([2, 1])
    """
    days = today.to_datetime64().astype("datetime64[D]") - last.astype("datetime64[D]")  # floors
    return days.astype("int64")


def _per_customer_plain(frame: pd.DataFrame, dates: pd.Series):
    """(customers, last purchase date, F, M rounded) sorted by customer, by a pandas groupby.

    The definition; :func:`crmlab._fast.per_customer` computes the same faster for big data.
    """
    data = pd.DataFrame({"customer": frame["customer"].to_numpy(), "date": dates.to_numpy(),
                         "micros": money.to_micros(frame["amount"].to_numpy(dtype=np.float64))})
    if "order_id" in frame.columns:
        orders = frame["order_id"].astype(object).to_numpy(copy=True)
        missing = pd.isna(orders)
        if missing.any():  # a missing order id counts as a purchase of its own
            orders[missing] = [object() for _ in range(int(missing.sum()))]  # equal to nothing
        data["order_id"] = orders
        count = ("order_id", "nunique")
    else:
        count = ("micros", "size")
    grouped = data.groupby("customer", sort=False).agg(last=("date", "max"), F=count,
                                                       micros=("micros", "sum"))
    grouped = grouped.sort_index(kind="stable")
    fen = money.fen_from_micros(grouped["micros"].to_numpy())  # exact; halves away from zero
    return (grouped.index.to_numpy(), grouped["last"].to_numpy(), grouped["F"].to_numpy(),
            money.yuan_from_fen(fen))


def rfm_thresholds(rfm: pd.DataFrame, threshold="mean") -> dict:
    """RFM table (R, F, M) -> {"R": .., "F": .., "M": ..}, the cut between 高 and 低.

    ``threshold`` is "mean" (the course's default), "median" or a dict given by hand; each
    metric's cut is :func:`crmlab.levels.threshold_value`, as for the other 高/低 matrices (RFM
    only adds the dict, one number per metric).

    >>> rfm = pd.DataFrame({"R": [1, 3, 8], "F": [1, 2, 6], "M": [10.0, 20.0, 60.0]})
    >>> rfm_thresholds(rfm)
    {'R': 4.0, 'F': 3.0, 'M': 30.0}
    >>> rfm_thresholds(rfm, "median")
    {'R': 3.0, 'F': 2.0, 'M': 20.0}
    """
    if isinstance(threshold, dict):
        missing = [m for m in METRICS if m not in threshold]
        if missing:
            raise CrmlabError(f"阈值字典缺少 {', '.join(missing)}",
                              hint='请写成 {"R": 10, "F": 3, "M": 500} 这样，三个都要给。')
        values = {}
        for m in METRICS:
            value = threshold[m]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or pd.isna(value):
                raise CrmlabError(f"阈值 {m} 应当是一个数字，收到的是 {value!r}",
                                  hint='请写成 {"R": 10, "F": 3, "M": 500} 这样。')
            values[m] = float(value)
        return values
    require_columns(rfm, list(METRICS), "RFM 表")
    if len(rfm) == 0:
        raise CrmlabError("RFM 表是空的，无法计算阈值", hint="请先用 rfm_table(...) 算出每位客户的 R、F、M。")
    if threshold in ("mean", "median"):  # the one definition, shared with the 高/低 matrices
        return {m: threshold_value(rfm[m], threshold, m) for m in METRICS}
    raise CrmlabError(f"阈值方式无法识别：{threshold!r}",
                      hint='请用 "mean"（平均值，课程默认）、"median"（中位数），'
                           '或写成 {"R": 10, "F": 3, "M": 500} 的字典。')


def check_rules(rules: pd.DataFrame) -> pd.DataFrame:
    """Validate a tier rules table like :data:`RFM_RULES`; return it with stripped text.

    It needs the columns segment, R_level, F_level, M_level, strategy; levels are 高 or 低;
    each of the eight 高/低 combinations appears exactly once, with a distinct segment name.

    >>> len(check_rules(RFM_RULES))
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


def rfm_segments(rfm: pd.DataFrame, threshold="mean", rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """RFM table (customer, R, F, M) -> the same plus R_level, F_level, M_level, segment, strategy.

    Levels are 高/低 against :func:`rfm_thresholds` (ties: F or M >= threshold is 高, R <=
    threshold is 高, since a recent purchase is good). The tier name and strategy come from
    ``rules`` (default :data:`RFM_RULES`). ``attrs["thresholds"]`` holds the thresholds used.

    >>> rfm = pd.DataFrame({"customer": ["甲", "乙"], "R": [2, 31], "F": [2, 1], "M": [120.0, 50.0]})
    >>> rfm_segments(rfm)[["customer", "R_level", "F_level", "M_level", "segment"]]
      customer R_level F_level M_level segment
    0        甲       高       高       高  重要价值客户
    1        乙       低       低       低  一般挽留客户
    """
    require_columns(rfm, ["customer", *METRICS], "RFM 表")
    table = check_rules(RFM_RULES if rules is None else rules)
    cut = rfm_thresholds(rfm, threshold)
    out = rfm.copy()
    low = {m: ~_high(rfm[m], cut[m], m, threshold) for m in METRICS}
    for m in METRICS:
        out[f"{m}_level"] = _pick([HIGH, LOW], low[m].astype(np.intp))
    # each 高/低 combination as a number 0..7 (R 低 = 4, F 低 = 2, M 低 = 1), for customers
    # and for the rules; then a customer's tier is a lookup, not a string match per row (the
    # other matrices merge their rule tables, crmlab/levels.py; the module notes there say why)
    combo = low["R"] * 4 + low["F"] * 2 + low["M"] * 1
    rule_combo = sum((table[f"{m}_level"] == LOW).to_numpy() * bit
                     for m, bit in zip(METRICS, (4, 2, 1)))
    rule_of_combo = np.empty(8, dtype=np.intp)
    rule_of_combo[rule_combo] = np.arange(len(table))
    out["segment"] = _pick(table["segment"], rule_of_combo[combo])
    out["strategy"] = _pick(table["strategy"], rule_of_combo[combo])
    out.attrs = dict(rfm.attrs)
    out.attrs["thresholds"] = cut
    return out


def _high(values: pd.Series, cut: float, metric: str, threshold) -> np.ndarray:
    """Whether each value is 高: R <= cut, F and M >= cut.

    Against the mean, a value equal to the mean is 高 exactly, not up to the float error of
    the mean: whole numbers (R, F, and M in whole fen) compare as ``x * n`` with the total,
    the way the SQL text does (``crmlab/sql/rfm_tiers.sql``).

    >>> _high(pd.Series([10.1, 10.2, 10.3]), 10.200000000000001, "M", "mean").tolist()
    [False, True, True]
    """
    whole = None
    if isinstance(threshold, str) and threshold == "mean":
        numbers = values.to_numpy()
        if metric == "M":
            whole = money.whole_fen(numbers)
        elif numbers.dtype.kind in "iu":
            whole = numbers.astype(np.int64)
    if whole is not None and len(whole) and np.abs(whole).max() < 2**62 // len(whole):
        scaled, total = whole * len(whole), whole.sum()
        return scaled <= total if metric == "R" else scaled >= total
    numbers = values.to_numpy(dtype=np.float64)
    return numbers <= cut if metric == "R" else numbers >= cut


def _pick(words, index: np.ndarray):
    """``words[index]`` as a text column, with the dtype pandas gives a column of these words."""
    return pd.Series(list(words)).array.take(index)


def _scores(values: pd.Series, bins: int, ascending: bool) -> pd.Series:
    # mid-rank percentile: p = (rank - 1/2) / n, score = floor(p * bins) + 1, in exact integers
    # (equal values share their average rank, so twice the rank is a whole number)
    twice = _fast.twice_average_rank(values, ascending)  # counted, for big data; or None
    if twice is None:
        twice = (values.rank(method="average", ascending=ascending) * 2).round().astype("int64")
    twice_rank = pd.Series(np.asarray(twice), index=values.index)
    n = len(values)
    return ((bins * (twice_rank - 1)) // (2 * n) + 1).astype("int64")


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """RFM table (R, F, M) -> the same plus R_score, F_score, M_score (1..bins) and RFM_cell.

    Higher is better (a small R scores high). The rule: rank the customers (equal values share
    their average rank), take the mid-rank percentile p = (rank - 0.5) / n and score
    floor(p * bins) + 1. So with 5 bins, n = 5 distinct values score 1..5, 10 customers fill
    each score twice, equal values always get the same score, and when nothing tells the
    customers apart (one customer, or all values equal) everyone gets the middle score 3
    rather than a misleading 1 or 5. ``RFM_cell`` joins the three scores, e.g. "535".

    >>> rfm = pd.DataFrame({"R": [1, 5, 9], "F": [4, 4, 1], "M": [10.0, 30.0, 20.0]})
    >>> rfm_scores(rfm)[["R_score", "F_score", "M_score", "RFM_cell"]]
       R_score  F_score  M_score RFM_cell
    0        5        4        1      541
    1        3        4        5      345
    2        1        1        3      113
    """
    require_columns(rfm, list(METRICS), "RFM 表")
    if isinstance(bins, bool) or not isinstance(bins, int) or not 2 <= bins <= 9:
        raise CrmlabError(f"分数档数 bins 应当是 2 到 9 之间的整数，收到的是 {bins!r}",
                          hint="课程用 5 档（5×5×5 = 125 个格子）：bins=5。")
    if len(rfm) == 0:
        raise CrmlabError("RFM 表是空的，无法打分", hint="请先用 rfm_table(...) 算出每位客户的 R、F、M。")
    out = rfm.copy()
    out["R_score"] = _scores(rfm["R"], bins, ascending=False)
    out["F_score"] = _scores(rfm["F"], bins, ascending=True)
    out["M_score"] = _scores(rfm["M"], bins, ascending=True)
    digits = [str(i) for i in range(1, bins + 1)]
    cells = [r + f + m for r in digits for f in digits for m in digits]   # "111" .. "555"
    index = ((out["R_score"] - 1) * bins + out["F_score"] - 1) * bins + out["M_score"] - 1
    out["RFM_cell"] = _pick(cells, index.to_numpy())
    return out


def tier_summary(segmented: pd.DataFrame, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Segmented RFM table (segment, M) -> segment, customers, customer_share, M_total, M_share.

    One row per tier in the order of ``rules`` (default :data:`RFM_RULES`); tiers without
    customers are kept with zeros. Shares are fractions of all customers / of the total M
    (:func:`crmlab.summary.group_summary`, the one summary behind every tier table).

    >>> seg = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户", "重要价值客户"],
    ...                     "M": [300.0, 100.0, 100.0]})
    >>> tier_summary(seg).head(2)
          segment  customers  customer_share  M_total  M_share
    0  重要价值客户          2        0.666667    400.0      0.8
    1  重要发展客户          0        0.000000      0.0      0.0
    """
    require_columns(segmented, ["segment", "M"], "分级后的 RFM 表")
    order = list(check_rules(RFM_RULES if rules is None else rules)["segment"])
    return group_summary(segmented, "segment", order, "M", total="M_total", share="M_share",
                         decimals=2)
