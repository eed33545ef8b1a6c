"""Checks for the chapter 5 project (旭东 RFM 实训): each compares the student's answer with
crmlab's pure functions and, when it differs, names the customer / column that is off and the
likely mistake.

Every check takes the student's answer and ``progress=`` (a :class:`Progress`), and optionally
``transactions=`` (a clean frame: customer, date, amount) and ``today=`` so tests can use a tiny
hand-made data set; by default the 旭东 data and today = 2021-04-01 (Table 5-3). A mistake is
diagnosed by recomputing with the mistaken rule, mostly by calling the same pure functions on
changed input (e.g. one row per purchase day for "F counted as days", swapped rules for
"高/低 swapped for one letter").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crmlab.checks._core import Progress, failed, finish, is_placeholder, not_done, passed
from crmlab.checks.frames import customer_problems, find_column, is_failure, student_frame
from crmlab.rfm import RFM_RULES, parse_today, rfm_segments, rfm_table, rfm_thresholds, tier_summary

TODAY = "2021-04-01"

READ = "1. 读取交易记录"
GROUP = "2. 把同一客户的记录整理到一起"
RFM = "3. 计算每位客户的 R、F、M"
MEANS = "4. 计算 R、F、M 的平均值"
LEVELS = "5. 标记 R、F、M 的高 / 低"
SEGMENTS = "6. 确定八类客户等级"
STRATEGIES = "7. 给每类客户配上策略"
COUNTS = "8. 统计每类客户的人数"
CHART = "9. 画出各类客户人数图"
EXCEL = "10. 把结果保存为 Excel 文件"
TASKS = [READ, GROUP, RFM, MEANS, LEVELS, SEGMENTS, STRATEGIES, COUNTS, CHART, EXCEL]

LETTERS = ("R", "F", "M")
_FLIP = {"高": "低", "低": "高"}


def progress() -> Progress:
    """A fresh progress record listing the ten tasks of the 旭东 exercise."""
    return Progress("第 5 章项目实训：旭东公司 RFM 客户分级", list(TASKS))


def _transactions(transactions):
    if transactions is not None:
        return transactions
    from crmlab.datasets import load_xudong

    return load_xudong()


def _expected(transactions, today):
    tx = _transactions(transactions)
    return tx, rfm_table(tx, today)


def _close(a: pd.Series, b: pd.Series, tol: float = 0.011) -> pd.Series:
    """Element-wise: numbers equal within ``tol`` (NaN or text never equal)."""
    a = pd.to_numeric(pd.Series(a).reset_index(drop=True), errors="coerce").astype("float64")
    b = pd.to_numeric(pd.Series(b).reset_index(drop=True), errors="coerce").astype("float64")
    return pd.Series(np.isclose(a, b, rtol=0, atol=tol) & a.notna().to_numpy(), index=a.index)


def _merged(student: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    return expected.merge(student, on="customer", how="left", suffixes=("_want", ""))


def _first_wrong(merged: pd.DataFrame, column: str, ok: pd.Series) -> str:
    row = merged.loc[~ok.to_numpy()].iloc[0]
    return f"{int((~ok).sum())} 位客户的 {column} 不对，例如客户「{row['customer']}」的 {column} 是 {row[column]}"


# ----------------------------------------------------------------------------- task 1 and 2


def check_read(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 1: the transactions read with pandas: every row, a customer, a date and an amount column."""
    if is_placeholder(answer):
        return finish(not_done(READ, "交易记录表"), progress)
    frame = student_frame(answer, READ, [], "读入的交易记录")
    if is_failure(frame):
        return finish(frame, progress)
    tx = _transactions(transactions)
    if len(answer) != len(tx):
        return finish(failed(READ, f"读入了 {len(answer)} 行，数据文件里有 {len(tx)} 笔交易。"
                                   "请用 pd.read_excel(路径) 读取整张表：不要设置 nrows 或 skiprows，"
                                   "表头在第一行。"), progress)
    if find_column(answer, "customer") is None:
        return finish(failed(READ, "表里找不到客户列（例如“客户名称”）。请确认表头在第一行，"
                                   "没有用 header=None 读取。"), progress)
    dates = [c for c in answer.columns if pd.api.types.is_datetime64_any_dtype(answer[c])]
    if not dates:
        return finish(failed(READ, "表里没有日期类型的列：交易日期被读成了文本。请用 "
                                   "pd.to_datetime(表['交易日期']) 转换成日期，否则无法计算天数。"), progress)
    return finish(passed(READ, f"读入了全部 {len(tx)} 笔交易，日期列是日期类型。"), progress)


def check_grouped(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 2: a groupby object with one group per customer, or the rows sorted by customer."""
    if is_placeholder(answer):
        return finish(not_done(GROUP, "整理后的表"), progress)
    tx = _transactions(transactions)
    n_customers = tx["customer"].nunique()
    if hasattr(answer, "ngroups") and hasattr(answer, "obj"):
        if answer.ngroups != n_customers:
            return finish(failed(GROUP, f"分成了 {answer.ngroups} 组，但一共有 {n_customers} 位客户。"
                                        "请只按客户列分组，例如 表.groupby('客户名称')。"), progress)
        return finish(passed(GROUP, f"按客户分成了 {n_customers} 组。"), progress)
    frame = student_frame(answer, GROUP, ["customer"], "整理后的表")
    if is_failure(frame):
        return finish(frame, progress)
    if len(frame) != len(tx):
        return finish(failed(GROUP, f"整理后的表有 {len(frame)} 行，应当还是全部 {len(tx)} 笔交易"
                                    "（这一步只是排序，不要删行或汇总）。"), progress)
    names = frame["customer"]
    blocks = int((names != names.shift()).sum())
    if blocks != names.nunique():
        scattered = names[(names != names.shift())].value_counts()
        who = scattered.index[scattered.to_numpy() > 1][0]
        return finish(failed(GROUP, f"客户「{who}」的记录还没有排在一起。请按客户排序，例如 "
                                    "表.sort_values(['客户名称', '交易日期'])。"), progress)
    return finish(passed(GROUP, f"{n_customers} 位客户的记录都排在了一起。"), progress)


# ----------------------------------------------------------------------------- task 3: R, F, M


def _diagnose_r(merged: pd.DataFrame, tx: pd.DataFrame, today: pd.Timestamp) -> str | None:
    got, want = merged["R"], merged["R_want"]
    if _close(got, want, 0).all():
        return None
    if pd.api.types.is_timedelta64_dtype(got):
        return ("R 是“时间差”（例如 5 days），而不是天数。请用 .dt.days 把它变成整数天数。")
    if pd.api.types.is_datetime64_any_dtype(got):
        return ("R 是一个日期。R 应当是天数：用“今天”减去客户最后一次消费的日期，再取 .dt.days。")
    last_day = tx["date"].max().normalize()
    gap = (today - last_day).days
    if _close(got, want - gap, 0).all():
        extra = f"都少了 {gap} 天，" if gap > 0 else ""
        return (f"R {extra}像是算到了数据里的最后一天 {last_day.date()}。题目说“今天”是 "
                f"{today.date()}：R = {today.date()} 减去最后一次消费日期的天数。")
    if _close(got, want + 1, 0).all():
        return ("每位客户的 R 都多了 1 天：两头的日子都算进去了。R 就是两个日期相减得到的天数，"
                "不用再加 1。")
    if _close(got, want - 1, 0).all():
        return "每位客户的 R 都少了 1 天：R 就是“今天”减去最后一次消费日期的天数，不用再减 1。"
    if _close(got, -want, 0).all():
        return "R 是负数：减反了。应当用“今天”减去最后一次消费日期。"
    first = tx.groupby("customer")["date"].min()
    r_first = (today - merged["customer"].map(first)).dt.days
    if _close(got, r_first, 0).all():
        return ("R 用的是客户第一次消费的日期。R 是“最近一次”消费：请取每位客户日期的最大值（max）。")
    ok = _close(got, want, 0)
    return (_first_wrong(merged, "R", ok) + "。R 是从该客户最后一次消费到 "
            f"{today.date()} 的天数（整数，至少为 1）。")


def _diagnose_f(merged: pd.DataFrame, tx: pd.DataFrame, today) -> str | None:
    got, want = merged["F"], merged["F_want"]
    if _close(got, want, 0).all():
        return None
    days = tx.assign(date=tx["date"].dt.normalize()).drop_duplicates(["customer", "date"])
    by_days = merged[["customer"]].merge(
        rfm_table(days.drop(columns=["order_id"], errors="ignore"), today), on="customer")["F"]
    if _close(got, by_days, 0).all():
        return ("F 数的是“有消费的天数”（同一天的几笔只算了一次）。F 是消费次数：每一笔交易都要算，"
                "请用 count 或 size 数交易笔数，不要用 nunique 数日期。")
    if _close(got, pd.Series(len(tx), index=got.index), 0).all():
        return "每位客户的 F 都等于交易记录的总行数：没有按客户分组再数。请先 groupby 客户，再数每位客户的笔数。"
    if _close(got, merged["M_want"]).all():
        return "F 和 M 一样：F 把金额加起来了。F 是消费次数，请数交易笔数（count），而不是求和（sum）。"
    ok = _close(got, want, 0)
    return _first_wrong(merged, "F", ok) + "。F 是该客户在这段时间里的消费次数（交易笔数）。"


def _diagnose_m(merged: pd.DataFrame, tx: pd.DataFrame, today) -> str | None:
    got, want = merged["M"], merged["M_want"]
    if _close(got, want).all():
        return None
    rows = rfm_table(tx.drop(columns=["order_id"], errors="ignore"), today)
    per_row = merged[["customer"]].merge(rows, on="customer")
    if _close(got, per_row["M"] / per_row["F"]).all():
        return ("M 是每笔消费的平均金额（mean）。M 是这段时间的消费总额：请用 sum 求和。")
    largest = tx.groupby("customer")["amount"].max()
    if _close(got, merged["customer"].map(largest)).all():
        return "M 是单笔最大金额（max）。M 是消费总额：请用 sum 求和。"
    ok = _close(got, want)
    return _first_wrong(merged, "M", ok) + "。M 是该客户这段时间所有交易金额的总和（元）。"


def check_rfm(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 3 (Table 5-3): one row per customer with R (days to today), F (purchases), M (total)."""
    if is_placeholder(answer):
        return finish(not_done(RFM, "R、F、M 表"), progress)
    student = student_frame(answer, RFM, ["customer", "R", "F", "M"], "你的 R、F、M 表")
    if is_failure(student):
        return finish(student, progress)
    today = parse_today(today)
    tx, expected = _expected(transactions, today)
    problem = customer_problems(student, expected)
    if problem:
        return finish(failed(RFM, problem), progress)
    merged = _merged(student, expected)
    problems = [p for p in (_diagnose_r(merged, tx, today), _diagnose_f(merged, tx, today),
                            _diagnose_m(merged, tx, today)) if p]
    if problems:
        return finish(failed(RFM, " ".join(problems)), progress)
    return finish(passed(RFM, f"{len(expected)} 位客户的 R、F、M 全部正确。"), progress)


# ----------------------------------------------------------------------------- task 4: means


def _as_thresholds(answer) -> dict | None:
    if isinstance(answer, pd.DataFrame):
        if len(answer) != 1:
            return None
        answer = answer.iloc[0]
    if isinstance(answer, (pd.Series, dict)):
        items = dict(answer)
        out = {}
        probe = pd.DataFrame(columns=list(items))
        for letter in LETTERS:
            key = find_column(probe, letter)
            if key is None:
                return None
            out[letter] = items[key]
        return out
    return None


def check_means(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 4: the averages of R, F and M over all customers (a Series, dict or one-row table)."""
    if is_placeholder(answer):
        return finish(not_done(MEANS, "平均值"), progress)
    got = _as_thresholds(answer)
    if got is None:
        return finish(failed(MEANS, "没有认出 R、F、M 三个平均值。请给出一个带 R、F、M 三项的结果，例如 "
                                    "rfm表[['R', 'F', 'M']].mean()。"), progress)
    tx, expected = _expected(transactions, today)
    mean, median = rfm_thresholds(expected, "mean"), rfm_thresholds(expected, "median")
    wrong = [m for m in LETTERS if not _close(pd.Series([got[m]]), pd.Series([mean[m]]), 0.01).all()]
    if not wrong:
        text = "，".join(f"{m} 的平均值 {mean[m]:.2f}" for m in LETTERS)
        return finish(passed(MEANS, text + "。"), progress)
    if all(_close(pd.Series([got[m]]), pd.Series([median[m]]), 0.01).all() for m in wrong):
        return finish(failed(MEANS, f"{'、'.join(wrong)} 用的是中位数（median）。题目要求用平均值：请用 mean()。"),
                      progress)
    if "M" in wrong and _close(pd.Series([got["M"]]), pd.Series([tx["amount"].mean()])).all():
        return finish(failed(MEANS, "M 的平均值是按每笔交易算的。阈值是“每位客户的 M”的平均值："
                                    "请在 R、F、M 表上求平均，而不是在交易记录上。"), progress)
    return finish(failed(MEANS, f"{'、'.join(wrong)} 的平均值不对。平均值是对所有客户的 R、F、M 表按列求平均"
                                "（每位客户算一次）。"), progress)


# ----------------------------------------------------------------------------- task 5-7


def _levels_of(answer, task, roles, what):
    student = student_frame(answer, task, ["customer", *roles], what)
    if is_failure(student):
        return student
    for role in roles:
        if role.endswith("_level"):
            values = student[role].astype(str).str.strip()
            bad = values[~values.isin(["高", "低"])]
            if len(bad):
                return failed(task, f"{role} 列里有“{bad.iloc[0]}”。高 / 低 列只能填“高”或“低”。")
            student[role] = values
    return student


def _diagnose_levels(merged: pd.DataFrame, median: pd.DataFrame) -> list[str]:
    notes = []
    for letter in LETTERS:
        col = f"{letter}_level"
        got, want = merged[col], merged[f"{col}_want"]
        if (got == want).all():
            continue
        if (got == want.map(_FLIP)).all():
            if letter == "R":
                notes.append("R 的高 / 低正好反了：R 是距今天数，数值越小说明越近来消费过，应当记为“高”"
                             "（R ≤ 平均值为高）。")
            else:
                notes.append(f"{letter} 的高 / 低正好反了：{letter} ≥ 平均值才是“高”。")
        elif (got == median[col].to_numpy()).all():
            notes.append(f"{letter} 的高 / 低是按中位数分的。题目要求与平均值比较。")
        else:
            wrong = merged.loc[(got != want).to_numpy(), "customer"]
            notes.append(f"{len(wrong)} 位客户的 {letter} 高 / 低不对，例如客户「{wrong.iloc[0]}」。"
                         f"{letter} 与平均值比较：" + ("R ≤ 平均值为高。" if letter == "R" else
                                                     f"{letter} ≥ 平均值为高。"))
    return notes


def check_levels(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 5: R_level, F_level, M_level (高/低) per customer against the averages."""
    if is_placeholder(answer):
        return finish(not_done(LEVELS, "高 / 低 标记"), progress)
    roles = ["R_level", "F_level", "M_level"]
    student = _levels_of(answer, LEVELS, roles, "你的表")
    if is_failure(student):
        return finish(student, progress)
    tx, expected = _expected(transactions, today)
    problem = customer_problems(student, expected)
    if problem:
        return finish(failed(LEVELS, problem), progress)
    want = rfm_segments(expected)
    median = rfm_segments(expected, "median").set_index("customer").loc[want["customer"]]
    merged = _merged(student, want)
    notes = _diagnose_levels(merged, median)
    if notes:
        return finish(failed(LEVELS, " ".join(notes)), progress)
    return finish(passed(LEVELS, "每位客户的 R、F、M 高 / 低都标对了。"), progress)


def _swapped_rules(letter: str) -> pd.DataFrame:
    rules = RFM_RULES.copy()
    rules[f"{letter}_level"] = rules[f"{letter}_level"].map(_FLIP)
    return rules


def check_segments(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 6: the tier (one of the eight names of Table 5-2) per customer."""
    if is_placeholder(answer):
        return finish(not_done(SEGMENTS, "客户等级"), progress)
    student = student_frame(answer, SEGMENTS, ["customer", "segment"], "你的表")
    if is_failure(student):
        return finish(student, progress)
    names = set(RFM_RULES["segment"])
    student["segment"] = student["segment"].astype(str).str.strip()
    unknown = student.loc[~student["segment"].isin(names), "segment"]
    if len(unknown):
        return finish(failed(SEGMENTS, f"“{unknown.iloc[0]}”不是八类客户等级之一。等级名称请用："
                                       f"{'、'.join(RFM_RULES['segment'])}。"), progress)
    tx, expected = _expected(transactions, today)
    problem = customer_problems(student, expected)
    if problem:
        return finish(failed(SEGMENTS, problem), progress)
    merged = _merged(student, rfm_segments(expected))
    ok = merged["segment"] == merged["segment_want"]
    if ok.all():
        return finish(passed(SEGMENTS, f"{len(merged)} 位客户的等级全部正确。"), progress)
    levels = _levels_of(answer, SEGMENTS, ["R_level", "F_level", "M_level"], "你的表")
    if not is_failure(levels) and not customer_problems(levels, expected):
        want = rfm_segments(expected)
        median = rfm_segments(expected, "median").set_index("customer").loc[want["customer"]]
        notes = _diagnose_levels(_merged(levels, want), median)
        if notes:  # the tiers are wrong because the 高/低 marks are
            return finish(failed(SEGMENTS, " ".join(notes)), progress)
    for letter in LETTERS:
        swapped = merged[["customer"]].merge(rfm_segments(expected, rules=_swapped_rules(letter)),
                                             on="customer")["segment"]
        if (merged["segment"].to_numpy() == swapped.to_numpy()).all():
            return finish(failed(SEGMENTS, f"对照表 5-2 时把 {letter} 的高 / 低看反了。例如 "
                                           f"重要价值客户是 R 高、F 高、M 高；请核对 {letter} 那一列。"), progress)
    median = merged[["customer"]].merge(rfm_segments(expected, "median"), on="customer")["segment"]
    if (merged["segment"].to_numpy() == median.to_numpy()).all():
        return finish(failed(SEGMENTS, "等级是按中位数划分高 / 低得到的。题目要求与平均值比较。"), progress)
    row = merged.loc[~ok].iloc[0]
    return finish(failed(SEGMENTS, f"{int((~ok).sum())} 位客户的等级不对，例如客户「{row['customer']}」"
                                   f"被分成了“{row['segment']}”。请先确认第 5 步的高 / 低，再按表 5-2 "
                                   "（R、F、M 三个高 / 低的组合）查等级。"), progress)


def check_strategies(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 7: each customer's strategy is the one crmlab.RFM_RULES gives for their tier."""
    if is_placeholder(answer):
        return finish(not_done(STRATEGIES, "策略列"), progress)
    student = student_frame(answer, STRATEGIES, ["customer", "segment", "strategy"], "你的表")
    if is_failure(student):
        return finish(student, progress)
    rule = dict(zip(RFM_RULES["segment"], RFM_RULES["strategy"]))
    want = student["segment"].astype(str).str.strip().map(rule)
    got = student["strategy"].astype(str).str.strip()
    ok = (got == want).to_numpy()
    if ok.all():
        return finish(passed(STRATEGIES, "每位客户都配上了所在等级的策略。"), progress)
    row = student.loc[~ok].iloc[0]
    return finish(failed(STRATEGIES, f"客户「{row['customer']}」（{row['segment']}）的策略不对。"
                                     "请把 crmlab.RFM_RULES 按等级列合并进来，例如 "
                                     "表.merge(RFM_RULES[['segment', 'strategy']], on='segment')。"), progress)


# ----------------------------------------------------------------------------- task 8-10


def _counts_of(answer) -> pd.Series | None:
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame):
        seg = find_column(answer, "segment")
        numeric = [c for c in answer.columns if c != seg and pd.api.types.is_numeric_dtype(answer[c])]
        if seg is None and len(numeric) >= 1:
            answer = answer[numeric[0]]
        elif seg is not None and numeric:
            answer = pd.Series(answer[numeric[0]].to_numpy(), index=answer[seg].to_numpy())
        else:
            return None
    if isinstance(answer, pd.Series) and pd.api.types.is_numeric_dtype(answer):
        return answer.rename(index=lambda s: str(s).strip())
    return None


def check_counts(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 8: number of customers per tier (value_counts, a dict or a table segment + count)."""
    if is_placeholder(answer):
        return finish(not_done(COUNTS, "各级人数"), progress)
    got = _counts_of(answer)
    if got is None:
        return finish(failed(COUNTS, "没有认出“等级 → 人数”。请用 表['segment'].value_counts() 这样的结果。"),
                      progress)
    tx, expected = _expected(transactions, today)
    summary = tier_summary(rfm_segments(expected))
    want = pd.Series(summary["customers"].to_numpy(), index=summary["segment"])
    unknown = [s for s in got.index if s not in want.index]
    if unknown:
        return finish(failed(COUNTS, f"“{unknown[0]}”不是八类客户等级之一。"), progress)
    total = int(got.sum())
    if total != int(want.sum()):
        return finish(failed(COUNTS, f"人数合计是 {total}，应当等于客户总数 {int(want.sum())}。"
                                     "是不是数了交易笔数而不是客户？"), progress)
    got = got.reindex(want.index, fill_value=0)
    wrong = [s for s in want.index if int(got[s]) != int(want[s])]
    if wrong:
        return finish(failed(COUNTS, f"“{wrong[0]}”的人数不对。请在第 6 步分级结果上数每个等级的客户数。"),
                      progress)
    return finish(passed(COUNTS, f"八类客户的人数都对了，合计 {total} 位客户。"), progress)


def _bar_values(answer):
    """Bar lengths of a matplotlib Axes (or Figure's first Axes), or None."""
    axes = answer
    if hasattr(answer, "axes") and isinstance(getattr(answer, "axes"), list):
        axes = answer.axes[0] if answer.axes else None
    if axes is None or not hasattr(axes, "patches"):
        return None, None
    from matplotlib.patches import Rectangle

    bars = [p for p in axes.patches if isinstance(p, Rectangle)]
    if not bars:
        return [], axes
    heights = [abs(b.get_height()) for b in bars]
    widths = [abs(b.get_width()) for b in bars]
    vertical = len(set(round(w, 9) for w in widths)) <= 1
    return (heights if vertical else widths), axes


def check_chart(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 9: a bar chart (Axes or Figure) whose bars are the customer counts per tier, with a title."""
    if is_placeholder(answer):
        return finish(not_done(CHART, "图（ax）"), progress)
    values, axes = _bar_values(answer)
    if values is None:
        return finish(failed(CHART, "请把画图函数返回的坐标轴交给检查，例如 ax = 数量.plot.bar() 或 "
                                    "fig, ax = plt.subplots() 之后的 ax。"), progress)
    if not values:
        return finish(failed(CHART, "图里没有柱子。请画柱状图（bar 或 barh）。"), progress)
    tx, expected = _expected(transactions, today)
    want = tier_summary(rfm_segments(expected))["customers"]
    got = sorted(round(v, 6) for v in values if v > 0)
    if got != sorted(float(v) for v in want if v > 0):
        return finish(failed(CHART, f"柱子的高度（{', '.join(f'{v:g}' for v in got)}）与各级客户人数对不上。"
                                    "请用第 8 步的人数画图。"), progress)
    if not axes.get_title():
        return finish(failed(CHART, "柱子都对了，再给图加一个标题吧：ax.set_title('...')。"), progress)
    return finish(passed(CHART, "柱状图显示了各级客户人数。"), progress)


def check_excel(answer, progress: Progress | None = None, *, transactions=None, today=TODAY):
    """Task 10: the saved .xlsx file has one row per customer with the right tier."""
    if is_placeholder(answer):
        return finish(not_done(EXCEL, "文件路径"), progress)
    if not isinstance(answer, (str, Path)):
        return finish(failed(EXCEL, f"文件应当是一个路径（例如 输出目录 / \"旭东客户分级.xlsx\"），"
                                    f"现在是 {type(answer).__name__}。"), progress)
    path = Path(answer)
    if path.suffix.lower() != ".xlsx":
        return finish(failed(EXCEL, f"文件「{path.name}」不是 .xlsx 文件。请保存成 .xlsx。"), progress)
    if not path.is_file():
        return finish(failed(EXCEL, f"找不到文件「{path.name}」。请先用 表.to_excel(路径, index=False) 保存。"),
                      progress)
    try:
        saved = pd.read_excel(path, engine="openpyxl")
    except Exception as error:  # noqa: BLE001 - any unreadable file is the student's to fix
        return finish(failed(EXCEL, f"文件「{path.name}」打不开：{error}。请重新保存。"), progress)
    result = check_segments(saved, None, transactions=transactions, today=today)
    if not result.passed:
        return finish(failed(EXCEL, f"文件「{path.name}」里的内容：{result.message}"), progress)
    return finish(passed(EXCEL, f"已保存「{path.name}」，{len(saved)} 位客户的等级都在里面。"), progress)
