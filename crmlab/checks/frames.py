"""Reading a student's answer table: accepting the usual Chinese and English column names.

A student's RFM table may call its columns ``客户`` / ``客户名称`` / ``customer``, ``R`` / ``R值`` /
``最近一次消费（天）`` and so on, or keep the customer in the index after a ``groupby``. This
module maps those names onto crmlab's contract names (customer, R, F, M, R_level, F_level,
M_level, segment, strategy) and, when a column cannot be found, says which names it accepts.
"""

from __future__ import annotations

import re

import pandas as pd

from crmlab.checks._core import CheckResult, failed

# contract name -> accepted names (compared after _normalise)
ALIASES: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "客户", "客户名称", "客户名", "客户姓名", "姓名", "名称", "会员",
                 "会员名称", "客户编号", "客户id", "customerid", "name", "买家", "顾客"),
    "R": ("r", "r值", "recency", "最近一次消费", "最近消费", "最近一次消费间隔", "距今天数",
          "间隔天数", "最近购买", "最近一次购买"),
    "F": ("f", "f值", "frequency", "消费频率", "购买频率", "消费次数", "购买次数", "频率", "次数"),
    "M": ("m", "m值", "monetary", "消费金额", "购买金额", "消费总额", "总金额", "金额"),
    "R_level": ("rlevel", "r等级", "r高低", "r值高低", "r值等级", "r水平", "r评价"),
    "F_level": ("flevel", "f等级", "f高低", "f值高低", "f值等级", "f水平", "f评价"),
    "M_level": ("mlevel", "m等级", "m高低", "m值高低", "m值等级", "m水平", "m评价"),
    "segment": ("segment", "客户等级", "客户分级", "等级", "分级", "客户类型", "客户类别", "类型",
                "类别", "客户分类", "分类"),
    "strategy": ("strategy", "策略", "对应策略", "营销策略", "管理策略"),
    "amount": ("amount", "消费金额", "交易金额", "订单金额", "销售额", "销售金额", "金额", "总金额", "消费总额",
               "sales"),
    "profit": ("profit", "利润", "利润合计", "总利润", "毛利"),
    "class": ("class", "abc", "abc类", "abc类别", "abc分类", "类别", "分类", "类"),
    "tier": ("tier", "层级", "金字塔层级", "客户层级", "层", "金字塔", "等级"),
    "score": ("score", "得分", "综合得分", "加权得分", "总分", "分数"),
    "rank": ("rank", "排名", "名次"),
    "fit": ("fit", "匹配", "匹配类型", "象限", "类型", "配对"),
    "group": ("group", "级别", "客户级别", "客户群", "组别", "分组", "客户类型", "层级"),
    "profit_share": ("profit_share", "利润占比", "利润份额", "利润比例"),
    "customer_share": ("customer_share", "客户占比", "人数占比", "累计客户占比", "客户比例"),
    "value_share": ("value_share", "累计利润占比", "利润累计占比", "累计占比"),
}

_SHOWN = {
    "amount": "amount / 消费金额 / 销售额", "profit": "profit / 利润", "class": "class / 类别",
    "tier": "tier / 层级", "group": "group / 级别", "profit_share": "profit_share / 利润占比",
    "customer_share": "customer_share / 客户占比", "value_share": "value_share / 累计利润占比", "score": "score / 得分", "rank": "rank / 排名", "fit": "fit / 匹配类型",
    "customer": "customer / 客户 / 客户名称", "R": "R / R值 / 最近一次消费",
    "F": "F / F值 / 消费频率", "M": "M / M值 / 消费金额",
    "R_level": "R_level / R等级", "F_level": "F_level / F等级", "M_level": "M_level / M等级",
    "segment": "segment / 客户等级", "strategy": "strategy / 对应策略",
}


def _normalise(name) -> str:
    """Lower-case, without spaces, brackets' content, '_', '-' or '值' after a letter.

    >>> _normalise(" 最近一次消费（天） "), _normalise("R_level"), _normalise("M值(元)")
    ('最近一次消费', 'rlevel', 'm值')
    """
    text = re.sub(r"[（(\[【].*?[）)\]】]", "", str(name))
    return re.sub(r"[\s_\-：:]", "", text).lower()


def find_column(frame: pd.DataFrame, role: str):
    """The column of ``frame`` that plays ``role`` (a contract name), or None.

    >>> find_column(pd.DataFrame(columns=["客户名称", "R值", "F"]), "R")
    'R值'
    """
    wanted = {_normalise(alias) for alias in ALIASES[role]}
    for column in frame.columns:
        if _normalise(column) in wanted:
            return column
    return None


def describe(role: str) -> str:
    return _SHOWN[role]


def student_frame(answer, task: str, roles: list[str], what: str):
    """The student's answer as a DataFrame with contract column names, or a failed result.

    ``roles`` are the contract names needed (customer first when needed). A customer kept in
    the index (after ``groupby``) is moved back to a column. The customer is stripped text.
    """
    if answer is None:
        return failed(task, f"{what}是 None。常见原因：用了 inplace=True 的方法（例如 "
                            "df = df.sort_values(..., inplace=True)）再把结果赋值回去；"
                            "请去掉 inplace=True，或不要赋值。")
    if isinstance(answer, pd.Series):
        answer = answer.to_frame()
    if not isinstance(answer, pd.DataFrame):
        return failed(task, f"{what}应当是一个 DataFrame 表格，现在是 {type(answer).__name__}。")
    frame = answer
    if "customer" in roles and find_column(frame, "customer") is None:
        index_names = [n for n in frame.index.names if n is not None]
        if index_names or not pd.api.types.is_integer_dtype(frame.index):
            frame = frame.reset_index()
            if find_column(frame, "customer") is None:
                frame = frame.rename(columns={frame.columns[0]: "customer"})
    found, missing = {}, []
    for role in roles:
        column = find_column(frame, role)
        if column is None:
            missing.append(role)
        elif column in found.values():
            continue
        else:
            found[role] = column
    if missing:
        names = "；".join(describe(role) for role in missing)
        have = "、".join(map(str, frame.columns))
        return failed(task, f"{what}里找不到这些列：{names}。现有的列：{have}。"
                            "请把列名改成上面任一种写法。")
    out = pd.DataFrame({role: frame[column].to_numpy() for role, column in found.items()})
    if "customer" in out.columns:
        out["customer"] = out["customer"].astype(str).str.strip()
    return out


def is_failure(value) -> bool:
    return isinstance(value, CheckResult)


def customer_problems(student: pd.DataFrame, expected: pd.DataFrame, raw_names=None) -> str | None:
    """A message about duplicated, missing or extra customers, or None when the sets agree.

    ``raw_names`` are the student's customer names before stripping (to spot stray spaces).
    """
    names = student["customer"]
    dup = names[names.duplicated()]
    if len(dup):
        first = dup.iloc[0]
        times = int((names == first).sum())
        return (f"客户「{first}」在你的表里出现了 {times} 次，共有 {dup.nunique()} 位客户重复。"
                "每位客户应当只占一行：请按客户分组（groupby）后再汇总；也检查客户名前后有没有多余的空格。")
    want, have = set(expected["customer"]), set(names)
    missing, extra = sorted(want - have), sorted(have - want)
    if missing:
        return (f"少了 {len(missing)} 位客户，例如「{missing[0]}」。应当有 {len(want)} 位客户，"
                f"你的表有 {len(have)} 位。是不是读取时漏了行，或者分组前筛掉了一些记录？")
    if extra:
        return (f"多出 {len(extra)} 位数据里没有的客户，例如「{extra[0]}」。请检查客户名称是否被改动"
                "（多余空格、大小写），或是否把表头、合计行当成了客户。")
    return None
