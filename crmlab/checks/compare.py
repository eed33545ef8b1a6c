"""Shared comparisons for the chapter 1-3 checks: a label per customer, or one number.

A wrong answer is compared with "mistaken" versions (each computed by calling crmlab's pure
functions with the mistaken rule); the first one it matches gives the hint.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd

from crmlab.checks._core import CheckResult, failed, is_placeholder, not_done, passed
from crmlab.checks.frames import customer_problems, is_failure, student_frame

# (how to compute the mistaken answer, the hint to give when the student's answer equals it)
Mistake = tuple[Callable[[], object], str]


def labels(answer, task: str, role: str, what: str, expected: pd.DataFrame, *,
           ok: str, rule: str, mistakes: Iterable[Mistake] = (), key: str = "customer") -> CheckResult:
    """Compare the student's ``role`` label per ``key`` with ``expected`` (columns key, role).

    Mistake callables return a frame with columns ``key`` and ``role``.
    """
    if is_placeholder(answer):
        return not_done(task, what)
    student = student_frame(answer, task, [key, role], what)
    if is_failure(student):
        return student
    student[role] = student[role].astype(str).str.strip()
    valid = set(expected[role].astype(str))
    unknown = student.loc[~student[role].isin(valid), role]
    if len(unknown):
        return failed(task, f"“{unknown.iloc[0]}”不是可用的取值；{role} 列只能是："
                            f"{'、'.join(sorted(valid))}。")
    exp = expected[[key, role]].rename(columns={key: "customer"})
    problem = customer_problems(student.rename(columns={key: "customer"}), exp)
    if problem:
        return failed(task, problem)
    merged = exp.merge(student.rename(columns={key: "customer"}), on="customer",
                       suffixes=("_want", ""))
    right = (merged[role] == merged[f"{role}_want"].astype(str)).to_numpy()
    if right.all():
        return passed(task, ok)
    for compute, hint in mistakes:
        wrong = compute()[[key, role]].rename(columns={key: "customer"})
        wrong = merged[["customer"]].merge(wrong, on="customer")[role].astype(str).to_numpy()
        if (merged[role].to_numpy() == wrong).all():
            return failed(task, hint)
    row = merged.loc[~right].iloc[0]
    return failed(task, f"{int((~right).sum())} 位客户的 {role} 不对，例如「{row['customer']}」被分到了"
                        f"“{row[role]}”。{rule}")


def _number(answer):
    if isinstance(answer, pd.Series) and len(answer) == 1:
        answer = answer.iloc[0]
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def number(answer, task: str, what: str, expected: float, *, ok: str, rule: str,
           mistakes: Iterable[tuple[Callable[[], float], str]] = (), rel: float = 1e-3,
           share: bool = False) -> CheckResult:
    """Compare one number (within ``rel``); a share may be given as 0.74 or as 74 (per cent)."""
    if is_placeholder(answer):
        return not_done(task, what)
    value = _number(answer)
    if value is None:
        return failed(task, f"{what}应当是一个数字，现在是 {type(answer).__name__}。")

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= rel * max(abs(b), 1e-12) or abs(a - b) < 1e-9

    if close(value, expected) or (share and close(value, expected * 100)):
        return passed(task, ok)
    for compute, hint in mistakes:
        wrong = compute()
        if close(value, wrong) or (share and close(value, wrong * 100)):
            return failed(task, hint)
    return failed(task, f"{what} {value:g} 不对。{rule}")
