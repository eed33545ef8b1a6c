"""Checks for chapter 0's exercise (数据分析入门练习, the 青禾书店 workbook): reading a sheet,
shape, sorting, filtering, grouping, merging, a second grouping, a bar chart and saving.

Every check takes the student's answer and ``progress``; the expected answer is computed from
the workbook :func:`crmlab.datasets.bookshop_path` names (an instructor's override through the
exercise inputs, key ``bookshop_file``), or from ``path=`` in tests. A wrong answer gets the
likely mistake in Chinese (``>`` for ``>=``, ``count`` or ``mean`` for ``sum``, the rows and
columns swapped, the transactions merged instead of the totals, the row numbers saved ...).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crmlab.checks._core import Progress, check, ok
from crmlab.checks.charts import NO_AXES_HINT, as_axes
from crmlab.checks.frames import find_column

BIG_ORDER = 100  # task 4: orders of at least this many 元

READ = "1. 读取交易表"
SHAPE = "2. 看一看：行数和列数"
SORT = "3. 按金额从大到小排序"
FILTER = "4. 筛选金额至少 100 元的订单"
TOTALS = "5. 每位客户的消费额"
MERGE = "6. 合并会员等级"
LEVELS = "7. 各会员等级的消费额"
CHART = "8. 画出每位客户的消费额"
SAVE = "9. 保存为 Excel"
TASKS = [READ, SHAPE, SORT, FILTER, TOTALS, MERGE, LEVELS, CHART, SAVE]

_VALUE_NAMES = ("金额", "消费额", "总额", "消费金额", "消费总额", "总金额", "amount", "sum", "total")


def progress() -> Progress:
    """A fresh progress record listing the nine tasks of exercise 00."""
    return Progress("第 0 章练习：青禾书店的数据", list(TASKS))


def _path(path=None) -> Path:
    if path is not None:
        return Path(path)
    from crmlab.datasets import bookshop_path

    return bookshop_path()


def _sheet(path, sheet: str) -> pd.DataFrame:
    return pd.read_excel(_path(path), sheet_name=sheet, engine="openpyxl")


def _totals(path=None) -> pd.Series:
    sales = _sheet(path, "交易")
    return sales.groupby("客户")["金额"].sum()


def _as_series(answer, index_name: str) -> pd.Series | str:
    """A per-group answer (a Series, or a table with the group column and one number column)
    as a Series indexed by group; or the hint when it cannot be read."""
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.Series):
        return answer
    if not isinstance(answer, pd.DataFrame):
        return (f"答案应当是每个{index_name}一个数的表（Series、DataFrame 或字典），收到的是 "
                f"{type(answer).__name__}。例如：表.groupby(\"{index_name}\")[\"金额\"].sum()。")
    frame = answer
    key = index_name if index_name in frame.columns else (
        find_column(frame, "customer") if index_name == "客户" else None)
    if key is None:
        frame = frame.reset_index()
        key = index_name if index_name in frame.columns else None
    if key is None:
        return f"表里找不到“{index_name}”列。现有的列：{'、'.join(map(str, answer.columns))}。"
    named = [c for c in frame.columns if str(c).strip().lower() in _VALUE_NAMES]
    numbers = [c for c in frame.columns if c != key and pd.api.types.is_numeric_dtype(frame[c])]
    column = named[0] if named else (numbers[0] if len(numbers) == 1 else None)
    if column is None:
        return "认不出哪一列是金额。请只留下“" + index_name + "”和金额两列，或把金额列命名为“消费额”。"
    return frame.set_index(key)[column]


def _same(got: pd.Series, want: pd.Series) -> bool:
    got = pd.to_numeric(got, errors="coerce")
    if set(map(str, got.index)) != set(map(str, want.index)):
        return False
    got = got.set_axis(got.index.map(str)).reindex(want.index.map(str))
    return bool(np.allclose(got.to_numpy(float), want.to_numpy(float), atol=0.01))


# ----------------------------------------------------------------------------- tasks 1-4


@check(READ, "交易表", computed=False)
def check_read(answer, *, path=None):
    """Task 1: sheet 交易 read with pd.read_excel, every row, header in the first row."""
    want = _sheet(path, "交易")
    if not isinstance(answer, pd.DataFrame):
        return f"“交易”应当是 pd.read_excel 读出的表格（DataFrame），收到的是 {type(answer).__name__}。"
    if set(answer.columns) == set(_sheet(path, "客户").columns):
        return "读到的是“客户”工作表。请写 sheet_name=\"交易\"。"
    if "客户" not in answer.columns or "金额" not in answer.columns:
        return ("表里没有“客户”和“金额”列：表头没有被读成列名。现有的列："
                + "、".join(map(str, answer.columns)) + "。请不要写 header=None。")
    if len(answer) != len(want):
        return (f"读入了 {len(answer)} 行，“交易”工作表里有 {len(want)} 笔交易。"
                "请读整张表：不要设置 nrows 或 skiprows。")
    return ok(f"读入了全部 {len(want)} 笔交易，{want.shape[1]} 列。")


@check(SHAPE, "行数和列数", after=(READ,))
def check_shape(answer, *, path=None):
    """Task 2: 交易.shape, the pair (rows, columns)."""
    rows, columns = _sheet(path, "交易").shape
    if isinstance(answer, (int, np.integer)):
        if answer == rows * columns:
            return "这是格子的总数（行数 × 列数）。题目要两个数：行数和列数，用 交易.shape。"
        return "题目要两个数：行数和列数。用 交易.shape 得到 (行数, 列数)。"
    try:
        pair = tuple(int(x) for x in answer)
    except (TypeError, ValueError):
        return f"答案应当是 (行数, 列数) 两个数，收到的是 {type(answer).__name__}。用 交易.shape。"
    if pair == (rows, columns):
        return ok(f"{rows} 行、{columns} 列。")
    if pair == (columns, rows):
        return "行数和列数写反了：shape 先写行数、再写列数。"
    return f"不对：请用 交易.shape，它给出 (行数, 列数)。"


@check(SORT, "排好序的表", after=(READ,))
def check_sorted(answer, *, path=None):
    """Task 3: every order, the largest amount first."""
    want = _sheet(path, "交易")
    if not isinstance(answer, pd.DataFrame) or "金额" not in answer.columns:
        return "答案应当是一张带“金额”列的表。用 交易.sort_values(\"金额\", ascending=False)。"
    if len(answer) != len(want):
        return f"排序后应当还是全部 {len(want)} 笔交易，现在有 {len(answer)} 行：排序不删行。"
    amounts = pd.to_numeric(answer["金额"], errors="coerce")
    if amounts.is_monotonic_decreasing:
        return ok(f"{len(want)} 笔交易按金额从大到小排好了，最大一笔 {amounts.iloc[0]:g} 元。")
    if amounts.is_monotonic_increasing:
        return "顺序反了：现在是从小到大。加上 ascending=False 就是从大到小。"
    return "金额没有从大到小排列。是不是按别的列排了？用 交易.sort_values(\"金额\", ascending=False)。"


@check(FILTER, "筛选后的表", after=(READ,))
def check_filter(answer, *, path=None):
    """Task 4: the orders of at least BIG_ORDER 元 (>=, so an order of exactly BIG_ORDER counts)."""
    sales = _sheet(path, "交易")
    want = sales[sales["金额"] >= BIG_ORDER]
    if not isinstance(answer, pd.DataFrame) or "金额" not in answer.columns:
        return f"答案应当是一张带“金额”列的表：交易[交易[\"金额\"] >= {BIG_ORDER}]。"
    amounts = pd.to_numeric(answer["金额"], errors="coerce")
    if len(answer) == len(sales):
        return f"表里还是全部 {len(sales)} 笔交易：还没有筛选。写成 交易[条件]，条件是 交易[\"金额\"] >= {BIG_ORDER}。"
    if (amounts < BIG_ORDER).any():
        return f"结果里有不到 {BIG_ORDER} 元的订单（例如 {amounts[amounts < BIG_ORDER].iloc[0]:g} 元）。条件是 金额 >= {BIG_ORDER}。"
    exactly = int((sales["金额"] == BIG_ORDER).sum())
    if len(answer) == len(want) - exactly and exactly:
        return (f"少了正好 {BIG_ORDER} 元的 {exactly} 笔订单：“至少 {BIG_ORDER} 元”包括 {BIG_ORDER}，"
                "请用 >=，不要用 >。")
    if len(answer) != len(want):
        return f"应当有 {len(want)} 笔订单，你的表有 {len(answer)} 行。条件是 交易[\"金额\"] >= {BIG_ORDER}。"
    return ok(f"{len(want)} 笔订单金额至少 {BIG_ORDER} 元。")


# ----------------------------------------------------------------------------- tasks 5-7


@check(TOTALS, "每位客户的消费额", after=(READ,))
def check_totals(answer, *, path=None):
    """Task 5: the total amount per customer (a Series by customer, or a table)."""
    if np.isscalar(answer):
        return "这是一个数，不是每位客户一个数。先按客户分组：交易.groupby(\"客户\")[\"金额\"].sum()。"
    got = _as_series(answer, "客户")
    if isinstance(got, str):
        return got
    sales = _sheet(path, "交易")
    want = sales.groupby("客户")["金额"].sum()
    if _same(got, want):
        return ok(f"{len(want)} 位客户的消费额都对。")
    if set(map(str, got.index)) == set(sales["品类"].astype(str)):
        return "这是按品类分的组。题目要每位客户：groupby(\"客户\")。"
    by_customer = sales.groupby("客户")["金额"]
    for name, how in (("count", "数的是笔数（count）"), ("mean", "是每笔平均（mean）"),
                      ("max", "是最大的一笔（max）")):
        if _same(got, getattr(by_customer, name)()):
            return f"每位客户的数{how}。题目要一共花了多少钱：用 sum 求和。"
    if len(got) != len(want):
        return f"应当有 {len(want)} 位客户各一个数，你的答案有 {len(got)} 个。"
    return "有的客户消费额不对。消费额是这位客户所有订单金额的和：groupby(\"客户\")[\"金额\"].sum()。"


@check(MERGE, "合并后的表", after=(TOTALS,))
def check_merged(answer, *, path=None):
    """Task 6: the per-customer totals with each customer's 会员等级 (one row per customer)."""
    sales, members = _sheet(path, "交易"), _sheet(path, "客户")
    want = sales.groupby("客户")["金额"].sum()
    if not isinstance(answer, pd.DataFrame):
        return "答案应当是一张表。先把消费额变成表（reset_index()），再 merge(客户表, on=\"客户\", how=\"left\")。"
    if "会员等级" not in answer.columns:
        return "表里没有“会员等级”列：还没有和“客户”表合并。用 .merge(客户表, on=\"客户\", how=\"left\")。"
    if len(answer) == len(sales):
        return ("合并后有 {} 行，和交易笔数一样：合并的是交易表。题目要每位客户一行：先用第 5 题的消费额，"
                "再 merge。").format(len(answer))
    if "客户" not in answer.columns:
        return "表里没有“客户”列。合并前先 reset_index()，让客户名称成为普通的一列。"
    if len(answer) != len(want):
        if len(answer) == len(members):
            return ("表里有 {} 行，连没有消费的客户也在里面。题目要左边是消费额表："
                    "消费额表.merge(客户表, on=\"客户\", how=\"left\")。").format(len(answer))
        return f"应当每位有消费的客户一行，共 {len(want)} 行；你的表有 {len(answer)} 行。"
    levels = members.set_index("客户")["会员等级"]
    got_levels = answer.set_index("客户")["会员等级"]
    if not (got_levels.reindex(levels.index.intersection(got_levels.index)).astype(str)
            == levels.reindex(levels.index.intersection(got_levels.index)).astype(str)).all():
        return "有的客户会员等级对错了人：请按“客户”列合并（on=\"客户\"）。"
    totals = _as_series(answer.drop(columns=[c for c in ("会员等级", "渠道") if c in answer.columns]), "客户")
    if isinstance(totals, str) or not _same(totals, want):
        return "消费额不对：请用第 5 题（每位客户的消费额）的结果来合并。"
    return ok(f"{len(want)} 位客户都带上了会员等级。")


@check(LEVELS, "各会员等级的消费额", after=(MERGE,))
def check_by_level(answer, *, path=None):
    """Task 7: the total amount per 会员等级 (over the customers who bought)."""
    sales, members = _sheet(path, "交易"), _sheet(path, "客户")
    per_customer = sales.groupby("客户")["金额"].sum().rename("金额").reset_index()
    merged = per_customer.merge(members, on="客户", how="left")
    want = merged.groupby("会员等级")["金额"].sum()
    if np.isscalar(answer):
        return "这是一个数。题目要每个会员等级一个数：合并.groupby(\"会员等级\")[...].sum()。"
    got = _as_series(answer, "会员等级")
    if isinstance(got, str):
        return got
    if _same(got, want):
        return ok("、".join(f"{k} {v:g} 元" for k, v in want.items()) + "。")
    if _same(got, merged.groupby("会员等级")["金额"].count()):
        return "数的是每个等级有几位客户（count）。题目要消费额：用 sum。"
    if _same(got, merged.groupby("会员等级")["金额"].mean()):
        return "这是每个等级的平均消费额（mean）。题目要合计：用 sum。"
    return "不对。按“会员等级”分组，对消费额求和：合并.groupby(\"会员等级\")[\"消费额\"].sum()。"


# ----------------------------------------------------------------------------- tasks 8-9


@check(CHART, "坐标轴 ax", after=(TOTALS,), computed=False)
def check_chart(answer, *, path=None):
    """Task 8: a bar chart of the totals (one bar per customer, heights = totals) with a title."""
    ax = as_axes(answer)
    if ax is None:
        return NO_AXES_HINT
    want = _totals(path)
    bars = list(ax.patches)
    vertical = sorted(round(abs(p.get_height()), 2) for p in bars)
    horizontal = sorted(round(abs(p.get_width()), 2) for p in bars)
    expected = sorted(round(float(v), 2) for v in want)
    if len(bars) != len(want):
        return f"图里有 {len(bars)} 根柱子，应当每位客户一根，共 {len(want)} 根。请画第 5 题的“每位客户”。"
    if vertical != expected and horizontal != expected:
        return "柱子的高度和每位客户的消费额对不上。请画第 5 题的结果：ax = 每位客户.plot.bar()。"
    if not ax.get_title().strip():
        return "图还没有标题。用 ax.set_title(\"……\") 加上标题。"
    return ok(f"{len(want)} 根柱子，标题“{ax.get_title()}”。")


@check(SAVE, "文件名", after=(MERGE,), computed=False)
def check_saved(answer, *, path=None):
    """Task 9: the merged table saved as an .xlsx next to the notebook, without the row numbers."""
    if not isinstance(answer, (str, Path)):
        return f"“文件”应当是文件名（文字），例如 \"客户消费.xlsx\"，收到的是 {type(answer).__name__}。"
    file = Path(answer)
    if file.suffix.lower() != ".xlsx":
        return "文件名应当以 .xlsx 结尾，才是 Excel 文件。"
    if file.is_absolute() and file.parent.resolve() != Path.cwd().resolve():
        return "文件不在笔记本所在的文件夹里。只写文件名（不写文件夹），例如 文件 = \"客户消费.xlsx\"。"
    if not file.is_file():
        return f"找不到文件“{file.name}”：请先运行 合并.to_excel(文件, index=False)。"
    saved = pd.read_excel(file, engine="openpyxl")
    if any(str(c).startswith("Unnamed") for c in saved.columns):
        return "文件里多了一列行号（Unnamed: 0）。保存时写 index=False。"
    want = _totals(path)
    if "会员等级" not in saved.columns or len(saved) != len(want):
        return f"文件里应当是第 6 题合并后的表：每位客户一行（{len(want)} 行），带“会员等级”列。"
    return ok(f"已保存“{file.name}”：{len(saved)} 行，在笔记本旁边。")
