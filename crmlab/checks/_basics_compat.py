"""Temporary stand-in for ``checks._core.check`` / ``ok`` until that branch is merged."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from crmlab.checks._core import CheckResult, failed, finish, is_placeholder, not_done, passed


@dataclass(frozen=True)
class Ok:
    message: str


def ok(message: str) -> Ok:
    return Ok(message)


def check(task, what, *, roles=None, after=(), computed=True):
    def wrap(body):
        @functools.wraps(body)
        def run(answer, progress=None, **inputs):
            if is_placeholder(answer):
                return finish(not_done(task, what), progress)
            value = body(answer, **inputs)
            result = (passed(task, value.message) if isinstance(value, Ok) else
                      value if isinstance(value, CheckResult) else failed(task, str(value)))
            if progress is not None and not result.passed:
                for earlier in after:
                    if progress.status(earlier) != "passed" and earlier in progress.tasks:
                        number = earlier.split(".")[0]
                        result = failed(task, f"这一题用到第 {number} 题的结果，而第 {number} 题还没有通过检查："
                                              f"请先改正第 {number} 题。（这一题的提示：{result.message}）")
                        break
            return finish(result, progress)
        run.task = task
        return run
    return wrap
