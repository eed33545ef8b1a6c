"""The 旭东 checks' expected answers and their diagnoses of the known mistakes.

Expected answers always come from crmlab's pure functions (:func:`crmlab.rfm.rfm_table`,
:func:`crmlab.rfm.rfm_segments`) on the exercise's inputs (:mod:`crmlab.datasets`); a mistake
is recognised by recomputing with the mistaken rule and comparing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.checks._core import failed
from crmlab.checks.frames import student_frame
from crmlab.rfm import RFM_RULES, parse_today, rfm_segments, rfm_table, rfm_thresholds

LETTERS = ("R", "F", "M")
_FLIP = {"高": "低", "低": "高"}


# ----------------------------------------------------------------------------- the inputs


def transactions_of(transactions) -> pd.DataFrame:
    """The clean transactions: the given frame, or the exercise's (crmlab.datasets.load_xudong)."""
    if transactions is not None:
        return transactions
    from crmlab.datasets import load_xudong

    return load_xudong()


def today_of(today) -> pd.Timestamp:
    if today is not None:
        return parse_today(today)
    from crmlab.datasets import xudong_today

    return xudong_today()


def raw_file() -> pd.DataFrame:
    """The exercise's file as ``pd.read_excel`` reads it (blank and 合计 rows included)."""
    from crmlab.datasets import xudong_path

    path = xudong_path()
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, encoding="utf-8-sig")
    return pd.read_excel(path, engine="openpyxl")


def expected(transactions, today):
    """(clean transactions, today, the right R/F/M table)."""
    tx, day = transactions_of(transactions), today_of(today)
    return tx, day, rfm_table(tx, day)


def thresholds(rfm: pd.DataFrame, how: str) -> dict:
    return rfm_thresholds(rfm, how)


def close(a, b, tol: float = 0.011) -> bool:
    """Two numbers equal within ``tol`` (text or NaN never equal)."""
    return bool(close_each(pd.Series([a]), pd.Series([b]), tol).all())


def close_each(a, b, tol: float = 0.011) -> pd.Series:
    """Element-wise: numbers equal within ``tol`` (NaN or text never equal)."""
    a = pd.to_numeric(pd.Series(a).reset_index(drop=True), errors="coerce").astype("float64")
    b = pd.to_numeric(pd.Series(b).reset_index(drop=True), errors="coerce").astype("float64")
    return pd.Series(np.isclose(a, b, rtol=0, atol=tol) & a.notna().to_numpy(), index=a.index)


def merged(student: pd.DataFrame, want: pd.DataFrame) -> pd.DataFrame:
    return want.merge(student, on="customer", how="left", suffixes=("_want", ""))


def _first_wrong(table: pd.DataFrame, column: str, right: pd.Series) -> str:
    row = table.loc[~right.to_numpy()].iloc[0]
    return (f"{int((~right).sum())} 位客户的 {column} 不对，例如客户「{row['customer']}」的 {column} "
            f"是 {row[column]}")


def _same(table: pd.DataFrame, other: pd.DataFrame, column: str, tol: float) -> bool:
    wanted = table[["customer"]].merge(other, on="customer", how="left")[column]
    return bool(close_each(table[column], wanted, tol).all())


# ----------------------------------------------------------------------------- R, F, M


def diagnose_r(table: pd.DataFrame, tx: pd.DataFrame, today: pd.Timestamp) -> str | None:
    got, want = table["R"], table["R_want"]
    if close_each(got, want, 0).all():
        return None
    if pd.api.types.is_timedelta64_dtype(got):
        return "R 是“时间差”（例如 5 days），而不是天数。请用 .dt.days 把它变成整数天数。"
    if pd.api.types.is_datetime64_any_dtype(got):
        return "R 是一个日期。R 应当是天数：用“今天”减去客户最后一次消费的日期，再取 .dt.days。"
    last_day = tx["date"].max().normalize()
    gap = (today - last_day).days
    if close_each(got, want - gap, 0).all():
        extra = f"都少了 {gap} 天，" if gap > 0 else ""
        return (f"R {extra}像是算到了数据里的最后一天 {last_day.date()}。题目说“今天”是 "
                f"{today.date()}：R = {today.date()} 减去最后一次消费日期的天数。")
    if close_each(got, want + 1, 0).all():
        return "每位客户的 R 都多了 1 天：两头的日子都算进去了。R 就是两个日期相减得到的天数，不用再加 1。"
    if close_each(got, want - 1, 0).all():
        return "每位客户的 R 都少了 1 天：R 就是“今天”减去最后一次消费日期的天数，不用再减 1。"
    if close_each(got, -want, 0).all():
        return "R 是负数：减反了。应当用“今天”减去最后一次消费日期。"
    first = tx.groupby("customer")["date"].min()
    if close_each(got, (today - table["customer"].map(first)).dt.days, 0).all():
        return "R 用的是客户第一次消费的日期。R 是“最近一次”消费：请取每位客户日期的最大值（max）。"
    return (_first_wrong(table, "R", close_each(got, want, 0)) + "。R 是从该客户最后一次消费到 "
            f"{today.date()} 的天数（整数，至少为 1）。")


def diagnose_f(table: pd.DataFrame, tx: pd.DataFrame, today) -> str | None:
    got, want = table["F"], table["F_want"]
    if close_each(got, want, 0).all():
        return None
    by_rows = rfm_table(tx.drop(columns=["order_id"], errors="ignore"), today)
    if "order_id" in tx.columns and _same(table, by_rows, "F", 0):
        return ("F 把退款那一行也算成了一次购买（count 数的是行数）。F 是购买次数：请数不重复的订单编号，"
                "例如 分组['订单编号'].nunique()。")
    days = tx.assign(date=tx["date"].dt.normalize()).drop_duplicates(["customer", "date"])
    if _same(table, rfm_table(days.drop(columns=["order_id"], errors="ignore"), today), "F", 0):
        return ("F 数的是“有消费的天数”（同一天的几笔只算了一次）。F 是消费次数：每一笔交易都要算，"
                "请数订单编号，不要数日期。")
    if close_each(got, pd.Series(len(tx), index=got.index), 0).all():
        return "每位客户的 F 都等于交易记录的总行数：没有按客户分组再数。请先 groupby 客户，再数每位客户的笔数。"
    if close_each(got, table["M_want"]).all():
        return "F 和 M 一样：F 把金额加起来了。F 是消费次数，请数订单（nunique / count），而不是求和（sum）。"
    return _first_wrong(table, "F", close_each(got, want, 0)) + "。F 是该客户在这段时间里的购买次数（订单数）。"


def diagnose_m(table: pd.DataFrame, tx: pd.DataFrame, today) -> str | None:
    got, want = table["M"], table["M_want"]
    if close_each(got, want).all():
        return None
    if (tx["amount"] < 0).any() and _same(table, rfm_table(tx[tx["amount"] > 0], today), "M", 0.011):
        return "M 没有扣除退款：退款（负数金额）也要加进总额，sum() 会自动把它减掉。"
    if close_each(got, want / table["F_want"]).all():
        return "M 是每笔消费的平均金额（mean）。M 是这段时间的消费总额：请用 sum 求和。"
    largest = tx.groupby("customer")["amount"].max()
    if close_each(got, table["customer"].map(largest)).all():
        return "M 是单笔最大金额（max）。M 是消费总额：请用 sum 求和。"
    return _first_wrong(table, "M", close_each(got, want)) + "。M 是该客户这段时间所有交易金额的总和（元）。"


# ----------------------------------------------------------------------------- 高 / 低 and tiers


def levels_of(answer, task: str, what: str):
    """The student's customer and R/F/M 高/低 columns (contract names), or a failed result."""
    roles = ["R_level", "F_level", "M_level"]
    student = student_frame(answer, task, ["customer", *roles], what)
    if isinstance(student, pd.DataFrame):
        for role in roles:
            values = student[role].astype(str).str.strip()
            bad = values[~values.isin(["高", "低"])]
            if len(bad):
                return failed(task, f"{role} 列里有“{bad.iloc[0]}”。高 / 低 列只能填“高”或“低”。")
            student[role] = values
    return student


def _strict_levels(want: pd.DataFrame) -> pd.DataFrame:
    """高/低 with the ties on the wrong side: R < mean, F > mean, M > mean."""
    mean = rfm_thresholds(want, "mean")
    out = want[["customer"]].copy()
    for letter in LETTERS:
        high = want[letter] < mean[letter] if letter == "R" else want[letter] > mean[letter]
        out[f"{letter}_level"] = high.map({True: "高", False: "低"})
    return out


def diagnose_levels(student: pd.DataFrame, want: pd.DataFrame) -> list[str]:
    """One note per letter whose 高/低 are wrong, naming the mistake when it is a known one."""
    right = rfm_segments(want)
    table = merged(student, right)
    median = table[["customer"]].merge(rfm_segments(want, "median"), on="customer")
    strict = table[["customer"]].merge(_strict_levels(want), on="customer")
    mean = rfm_thresholds(want, "mean")
    notes = []
    for letter in LETTERS:
        col = f"{letter}_level"
        got, good = table[col].to_numpy(), table[f"{col}_want"].to_numpy()
        rule = "R ≤ 平均值为高" if letter == "R" else f"{letter} ≥ 平均值为高"
        if (got == good).all():
            continue
        if (got == pd.Series(good).map(_FLIP).to_numpy()).all():
            notes.append("R 的高 / 低正好反了：R 是距今天数，数值越小说明越近来消费过，应当记为“高”（R ≤ 平均值为高）。"
                         if letter == "R" else f"{letter} 的高 / 低正好反了：{letter} ≥ 平均值才是“高”。")
        elif (got == strict[col].to_numpy()).all():
            tie = table.loc[got != good, "customer"].iloc[0]
            sign = "<" if letter == "R" else ">"
            notes.append(f"{letter} 用了“{sign}”：正好等于平均值（{mean[letter]:g}）的客户，例如「{tie}」，"
                         f"也应当是“高”。{rule}，请用“{sign}=”。")
        elif (got == median[col].to_numpy()).all():
            notes.append(f"{letter} 的高 / 低是按中位数分的。题目要求与平均值比较。")
        else:
            wrong = table.loc[got != good, "customer"]
            notes.append(f"{len(wrong)} 位客户的 {letter} 高 / 低不对，例如客户「{wrong.iloc[0]}」。"
                         f"{letter} 与平均值比较：{rule}。")
    return notes


def _swapped_rules(letter: str) -> pd.DataFrame:
    swapped = RFM_RULES.copy()
    swapped[f"{letter}_level"] = swapped[f"{letter}_level"].map(_FLIP)
    return swapped


def diagnose_segments(table: pd.DataFrame, right: pd.Series, want: pd.DataFrame, levels) -> str:
    """Why tiers are wrong: wrong 高/低 (when the answer has them), a letter read reversed in
    Table 5-2, the median, or else the first wrong customer."""
    if isinstance(levels, pd.DataFrame):
        notes = diagnose_levels(levels, want)
        if notes:  # the tiers are wrong because the 高/低 marks are
            return " ".join(notes)
    for letter in LETTERS:
        swapped = table[["customer"]].merge(rfm_segments(want, rules=_swapped_rules(letter)), on="customer")
        if (table["segment"].to_numpy() == swapped["segment"].to_numpy()).all():
            return (f"对照表 5-2 时把 {letter} 的高 / 低看反了。例如 重要价值客户是 R 高、F 高、M 高；"
                    f"请核对 {letter} 那一列。")
    median = table[["customer"]].merge(rfm_segments(want, "median"), on="customer")["segment"]
    if (table["segment"].to_numpy() == median.to_numpy()).all():
        return "等级是按中位数划分高 / 低得到的。题目要求与平均值比较。"
    row = table.loc[~right.to_numpy()].iloc[0]
    return (f"{int((~right).sum())} 位客户的等级不对，例如客户「{row['customer']}」被分成了“{row['segment']}”。"
            "请先确认第 6 题的高 / 低，再按表 5-2（R、F、M 三个高 / 低的组合）查等级。")
