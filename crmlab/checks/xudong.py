"""Checks for exercise 04 (旭东 RFM 实训): each compares the student's answer with crmlab's pure
functions and, when it differs, names the customer / column that is off and the likely mistake.

Every check is ``check_x(answer, progress=None, *, transactions=None, today=None, raw=None)``.
By default the data are the exercise's inputs (:func:`crmlab.datasets.load_xudong`, the file
:func:`crmlab.datasets.xudong_path` as read by pandas, :func:`crmlab.datasets.xudong_today`),
which an instructor can change; tests pass a tiny hand-made ``transactions`` (clean: customer,
date, amount, optional order_id), ``raw`` (the file as read) and ``today``. A mistake is
diagnosed by recomputing with the mistaken rule, mostly by calling the same pure functions on
changed input (one row per purchase day for "F counted as days", swapped rules for "高/低
swapped for one letter"). The shared prelude is :func:`crmlab.checks._core.check`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crmlab.checks import xudong_rules as rules
from crmlab.checks._core import Progress, check, ok
from crmlab.checks.charts import NO_AXES_HINT, as_axes, bar_lengths, title_of
from crmlab.checks.frames import customer_problems, find_column, is_failure, student_frame
from crmlab.checks.xudong_rules import LETTERS, close, expected, merged, raw_file, transactions_of
from crmlab.rfm import RFM_RULES, rfm_segments, tier_summary

READ = "1. 读取交易记录"
CLEAN = "2. 清理数据"
GROUP = "3. 把同一客户的记录整理到一起"
RFM = "4. 计算每位客户的 R、F、M"
MEANS = "5. 计算 R、F、M 的平均值"
LEVELS = "6. 标记 R、F、M 的高 / 低"
SEGMENTS = "7. 确定八类客户等级"
STRATEGIES = "8. 给每类客户配上策略"
COUNTS = "9. 统计每类客户的人数"
CHART = "10. 画出各类客户人数图"
EXCEL = "11. 把结果保存为 Excel 文件"
TASKS = [READ, CLEAN, GROUP, RFM, MEANS, LEVELS, SEGMENTS, STRATEGIES, COUNTS, CHART, EXCEL]
_TOTAL_NAMES = ("合计", "总计", "小计")


def progress() -> Progress:
    """A fresh progress record listing the eleven tasks of the 旭东 exercise."""
    return Progress("项目实训：旭东公司 RFM 客户分级", list(TASKS))


# ----------------------------------------------------------------------------- tasks 1-3


@check(READ, "交易记录表")
def check_read(answer, *, transactions=None, today=None, raw=None):
    """Task 1: the file read with pandas, every row (the blank and 合计 rows too), dates as dates."""
    if not isinstance(answer, pd.DataFrame):
        return f"读入的交易记录应当是一个 DataFrame 表格，现在是 {type(answer).__name__}。"
    raw = raw_file() if raw is None else raw
    if len(answer) not in (len(raw), len(transactions_of(transactions))):
        return (f"读入了 {len(answer)} 行，文件里有 {len(raw)} 行（表头以下）。请用 pd.read_excel(路径) "
                "读取整张表：不要设置 nrows 或 skiprows，表头在第一行。")
    if find_column(answer, "customer") is None:
        return "表里找不到客户列（例如“客户名称”）。请确认表头在第一行，没有用 header=None 读取。"
    if not any(pd.api.types.is_datetime64_any_dtype(answer[c]) for c in answer.columns):
        return ("表里没有日期类型的列：交易日期被读成了文本。请用 pd.to_datetime(表['交易日期']) "
                "转换成日期，否则无法计算天数。")
    return ok(f"读入了文件的全部 {len(answer)} 行，日期列是日期类型。")


@check(CLEAN, "清理后的交易记录", after=[READ])
def check_clean(answer, *, transactions=None, today=None, raw=None):
    """Task 2: blank and 合计 rows dropped, names stripped, the refund kept (as crmlab's loader does)."""
    if not isinstance(answer, pd.DataFrame):
        return f"清理后的交易记录应当是一个 DataFrame 表格，现在是 {type(answer).__name__}。"
    tx = transactions_of(transactions)
    found = {role: find_column(answer, role) for role in ("customer", "amount")}
    if None in found.values():
        return f"表里找不到客户列或金额列。现有的列：{'、'.join(map(str, answer.columns))}。"
    names, amounts = answer[found["customer"]], pd.to_numeric(answer[found["amount"]], errors="coerce")
    if names.isna().any() or amounts.isna().any():
        return "表里还有空行（客户或金额是空的）：用 表.dropna() 去掉空行。"
    text = names.astype(str)
    if text.str.strip().isin(_TOTAL_NAMES).any():
        return "“合计”行还在：它不是一笔交易。用 表[表['客户名称'] != '合计'] 去掉它。"
    spaced = text[text != text.str.strip()]
    if len(spaced):
        return (f"客户名「{spaced.iloc[0]}」前后有多余的空格，会被当成另一位客户："
                "用 表['客户名称'].str.strip() 去掉空格，再存回这一列。")
    if int((amounts < 0).sum()) < int((tx["amount"] < 0).sum()):
        return ("退款（金额为负数的行）被删掉了。本题保留退款：它冲减这位客户的消费金额 M；"
                "算 F 时数不重复的订单编号，退款就不会被当成又一次购买。")
    if len(answer) != len(tx):
        return f"清理后有 {len(answer)} 行，应当有 {len(tx)} 行：只去掉空行和合计行，其余每一笔都要留下。"
    if not any(pd.api.types.is_datetime64_any_dtype(answer[c]) for c in answer.columns):
        return "交易日期不是日期类型：请用 pd.to_datetime(表['交易日期']) 转换。"
    if abs(float(amounts.sum()) - float(tx["amount"].sum())) > 0.011:
        return "金额合计与原始数据对不上：清理时不要改动金额（退款的负数也要保留）。"
    return ok(f"清理后有 {len(tx)} 笔记录、{tx['customer'].nunique()} 位客户：空行和合计行去掉了，"
              "客户名没有多余的空格，退款保留。")


@check(GROUP, "整理后的表", after=[CLEAN])
def check_grouped(answer, *, transactions=None, today=None, raw=None):
    """Task 3: a groupby object with one group per customer, or the rows sorted by customer."""
    tx = transactions_of(transactions)
    n_customers = tx["customer"].nunique()
    if hasattr(answer, "ngroups") and hasattr(answer, "obj"):
        if answer.ngroups != n_customers:
            return (f"分成了 {answer.ngroups} 组，但一共有 {n_customers} 位客户。请在清理后的表上只按客户列分组，"
                    "例如 清理后.groupby('客户名称')。")
        return ok(f"按客户分成了 {n_customers} 组。")
    frame = student_frame(answer, GROUP, ["customer"], "整理后的表")
    if is_failure(frame):
        return frame
    if len(frame) != len(tx):
        return (f"整理后的表有 {len(frame)} 行，应当还是清理后的全部 {len(tx)} 行"
                "（这一步只是排序，不要删行或汇总）。")
    names = frame["customer"]
    if int((names != names.shift()).sum()) != names.nunique():
        scattered = names[(names != names.shift())].value_counts()
        who = scattered.index[scattered.to_numpy() > 1][0]
        return (f"客户「{who}」的记录还没有排在一起。请按客户排序，例如 "
                "清理后.sort_values(['客户名称', '交易日期'])。")
    return ok(f"{n_customers} 位客户的记录都排在了一起。")


# ----------------------------------------------------------------------------- tasks 4-5


@check(RFM, "R、F、M 表", roles=["customer", "R", "F", "M"], after=[CLEAN, GROUP])
def check_rfm(student, *, transactions=None, today=None, raw=None):
    """Task 4: one row per customer with R (days to today), F (orders), M (total, refund netted)."""
    tx, today, want = expected(transactions, today)
    problem = customer_problems(student, want)
    if problem:
        return problem
    table = merged(student, want)
    problems = [p for p in (rules.diagnose_r(table, tx, today), rules.diagnose_f(table, tx, today),
                            rules.diagnose_m(table, tx, today)) if p]
    return " ".join(problems) if problems else ok(f"{len(want)} 位客户的 R、F、M 全部正确。")


def _as_thresholds(answer) -> dict | None:
    if isinstance(answer, pd.DataFrame):
        if len(answer) != 1:
            return None
        answer = answer.iloc[0]
    if not isinstance(answer, (pd.Series, dict)):
        return None
    items = dict(answer)
    probe = pd.DataFrame(columns=list(items))
    keys = {letter: find_column(probe, letter) for letter in LETTERS}
    return None if None in keys.values() else {letter: items[key] for letter, key in keys.items()}


@check(MEANS, "平均值", after=[RFM])
def check_means(answer, *, transactions=None, today=None, raw=None):
    """Task 5: the averages of R, F and M over all customers (a Series, dict or one-row table)."""
    got = _as_thresholds(answer)
    if got is None:
        return "没有认出 R、F、M 三个平均值。请给出一个带 R、F、M 三项的结果，例如 rfm表[['R', 'F', 'M']].mean()。"
    tx, _today, want = expected(transactions, today)
    mean, median = rules.thresholds(want, "mean"), rules.thresholds(want, "median")
    wrong = [m for m in LETTERS if not close(got[m], mean[m], 0.01)]
    if not wrong:
        return ok("，".join(f"{m} 的平均值 {mean[m]:.2f}" for m in LETTERS) + "。")
    if all(close(got[m], median[m], 0.01) for m in wrong):
        return f"{'、'.join(wrong)} 用的是中位数（median）。题目要求用平均值：请用 mean()。"
    if "M" in wrong and close(got["M"], tx["amount"].mean()):
        return ("M 的平均值是按每笔交易算的。阈值是“每位客户的 M”的平均值："
                "请在 R、F、M 表上求平均，而不是在交易记录上。")
    return (f"{'、'.join(wrong)} 的平均值不对。平均值是对 R、F、M 表按列求平均（每位客户算一次）。")


# ----------------------------------------------------------------------------- tasks 6-8


@check(LEVELS, "高 / 低 标记", after=[MEANS, RFM])
def check_levels(answer, *, transactions=None, today=None, raw=None):
    """Task 6: R_level, F_level, M_level (高/低) per customer against the averages."""
    student = rules.levels_of(answer, LEVELS, "你的表")
    if is_failure(student):
        return student
    _tx, _today, want = expected(transactions, today)
    problem = customer_problems(student, want)
    if problem:
        return problem
    notes = rules.diagnose_levels(student, want)
    return " ".join(notes) if notes else ok("每位客户的 R、F、M 高 / 低都标对了。")


@check(SEGMENTS, "客户等级", after=[LEVELS])
def check_segments(answer, *, transactions=None, today=None, raw=None):
    """Task 7: the tier (one of the eight names of Table 5-2) per customer."""
    student = student_frame(answer, SEGMENTS, ["customer", "segment"], "你的表")
    if is_failure(student):
        return student
    names = set(RFM_RULES["segment"])
    student["segment"] = student["segment"].astype(str).str.strip()
    unknown = student.loc[~student["segment"].isin(names), "segment"]
    if len(unknown):
        return f"“{unknown.iloc[0]}”不是八类客户等级之一。等级名称请用：{'、'.join(RFM_RULES['segment'])}。"
    _tx, _today, want = expected(transactions, today)
    problem = customer_problems(student, want)
    if problem:
        return problem
    table = merged(student, rfm_segments(want))
    right = table["segment"] == table["segment_want"]
    if right.all():
        return ok(f"{len(table)} 位客户的等级全部正确。")
    return rules.diagnose_segments(table, right, want, rules.levels_of(answer, SEGMENTS, "你的表"))


@check(STRATEGIES, "策略列", roles=["customer", "segment", "strategy"], after=[SEGMENTS])
def check_strategies(student, *, transactions=None, today=None, raw=None):
    """Task 8: each customer's strategy is the one crmlab.RFM_RULES gives for their tier."""
    rule = dict(zip(RFM_RULES["segment"], RFM_RULES["strategy"]))
    want = student["segment"].astype(str).str.strip().map(rule)
    right = (student["strategy"].astype(str).str.strip() == want).to_numpy()
    if right.all():
        return ok("每位客户都配上了所在等级的策略。")
    row = student.loc[~right].iloc[0]
    return (f"客户「{row['customer']}」（{row['segment']}）的策略不对。请把规则表按等级列合并进来，例如 "
            "分级.merge(规则[['segment', 'strategy']], on='segment')。")


# ----------------------------------------------------------------------------- tasks 9-11


def _counts_of(answer) -> pd.Series | None:
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame):
        seg = find_column(answer, "segment")
        numeric = [c for c in answer.columns if c != seg and pd.api.types.is_numeric_dtype(answer[c])]
        if not numeric:
            return None
        answer = answer[numeric[0]] if seg is None else pd.Series(answer[numeric[0]].to_numpy(),
                                                                  index=answer[seg].to_numpy())
    if isinstance(answer, pd.Series) and pd.api.types.is_numeric_dtype(answer):
        return answer.rename(index=lambda s: str(s).strip())
    return None


def _tier_counts(transactions, today) -> pd.Series:
    summary = tier_summary(rfm_segments(expected(transactions, today)[2]))
    return pd.Series(summary["customers"].to_numpy(), index=summary["segment"])


@check(COUNTS, "各级人数", after=[SEGMENTS])
def check_counts(answer, *, transactions=None, today=None, raw=None):
    """Task 9: number of customers per tier (value_counts, a dict or a table segment + count)."""
    got = _counts_of(answer)
    if got is None:
        return "没有认出“等级 → 人数”。请用 表['segment'].value_counts() 这样的结果。"
    want = _tier_counts(transactions, today)
    unknown = [s for s in got.index if s not in want.index]
    if unknown:
        return f"“{unknown[0]}”不是八类客户等级之一。"
    total = int(got.sum())
    if total != int(want.sum()):
        return (f"人数合计是 {total}，应当等于客户总数 {int(want.sum())}。是不是数了交易笔数而不是客户？")
    got = got.reindex(want.index, fill_value=0)
    wrong = [s for s in want.index if int(got[s]) != int(want[s])]
    if wrong:
        return f"“{wrong[0]}”的人数不对。请在第 7 题的分级结果上数每个等级的客户数。"
    return ok(f"八类客户的人数都对了，合计 {total} 位客户。")


@check(CHART, "图（ax）", after=[COUNTS], computed=False)
def check_chart(answer, *, transactions=None, today=None, raw=None):
    """Task 10: a bar chart (any way drawn) whose bars are the customers per tier, with a title."""
    axes = as_axes(answer)
    if axes is None:
        return NO_AXES_HINT
    values = bar_lengths(axes)
    if not values:
        return "图里没有柱子。请画柱状图（bar 或 barh）。"
    want = _tier_counts(transactions, today)
    got = sorted(round(v, 6) for v in values if v > 0)
    if got != sorted(float(v) for v in want if v > 0):
        return (f"柱子的长短（{', '.join(f'{v:g}' for v in got)}）与各级客户人数对不上。请用第 9 题的人数画图。")
    if not title_of(axes):
        return "柱子都对了，再给图加一个标题吧：ax.set_title('...')（或 plt.title('...')）。"
    return ok("柱状图显示了各级客户人数。")


@check(EXCEL, "文件", after=[STRATEGIES], computed=False)
def check_excel(answer, *, transactions=None, today=None, raw=None):
    """Task 11: the .xlsx saved next to the notebook under the given name, with tier and strategy."""
    from crmlab.datasets import xudong_output_name

    name = xudong_output_name()
    if not isinstance(answer, (str, Path)):
        return f"文件应当是文件名（例如 \"{name}\"），现在是 {type(answer).__name__}。"
    path = Path(answer)
    if path.name != name:
        return f"文件名是「{path.name}」，题目要求的是「{name}」：交作业时老师按这个名字找文件。"
    if path.resolve().parent != Path.cwd().resolve():
        return (f"文件没有保存在练习笔记本所在的文件夹里，找起来不方便。请直接写 文件 = \"{name}\"，"
                "不要加别的文件夹。")
    if not path.is_file():
        return f"找不到文件「{name}」。请先用 带策略.to_excel(文件, index=False) 保存。"
    try:
        saved = pd.read_excel(path, engine="openpyxl")
    except Exception as error:  # noqa: BLE001 - any unreadable file is the student's to fix
        return f"文件「{name}」打不开：{error}。请重新保存。"
    inputs = {"transactions": transactions, "today": today}
    for inner in (check_segments, check_strategies):
        result = inner(saved, None, **inputs)
        if not result.passed:
            return f"文件「{name}」里的内容：{result.message}"
    return ok(f"已保存「{name}」（在练习笔记本旁边），{len(saved)} 位客户的等级和策略都在里面。")

