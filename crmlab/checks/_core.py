"""What every exercise check shares: the result it returns and the per-notebook progress record.

A check never raises on a student's answer. It returns a :class:`CheckResult` whose text is a
short simplified-Chinese message: ``✓ ...`` when the answer is right, ``✗ ...`` with a hint when
it is wrong, ``… 还没完成`` when the answer is still the placeholder ``...`` of the exercise.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field

PASSED, FAILED, OPEN = "passed", "failed", "open"
_MARK = {PASSED: "✓", FAILED: "✗", OPEN: "…"}
_COLOR = {PASSED: "#1a7f37", FAILED: "#b3261e", OPEN: "#7a5b00"}


@dataclass
class CheckResult:
    """The outcome of one check: ``task`` (its name in the progress list), ``status`` and text.

    >>> CheckResult("计算 R、F、M", PASSED, "R、F、M 全部正确。")
    ✓ 计算 R、F、M：R、F、M 全部正确。
    """

    task: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __repr__(self) -> str:
        return f"{_MARK[self.status]} {self.task}：{self.message}"

    def _repr_html_(self) -> str:
        return (f'<div style="color:{_COLOR[self.status]}"><b>{_MARK[self.status]} '
                f'{html.escape(self.task)}</b>：{html.escape(self.message)}</div>')


def passed(task: str, message: str) -> CheckResult:
    return CheckResult(task, PASSED, message)


def failed(task: str, message: str) -> CheckResult:
    return CheckResult(task, FAILED, message)


def not_done(task: str, what: str = "答案") -> CheckResult:
    return CheckResult(task, OPEN, f"还没完成：{what}还是占位符 ...，写好代码后再运行这一格。")


def is_placeholder(answer) -> bool:
    """True for the exercise placeholder ``...`` (Ellipsis).

    >>> is_placeholder(...), is_placeholder(0)
    (True, False)
    """
    return answer is Ellipsis


@dataclass
class Progress:
    """The record of one exercise notebook: which tasks are done, wrong or still open.

    Create it at the top of the notebook with the list of task names, pass it to every check
    (``progress=进度``) and show it in the last cell.

    >>> p = Progress("练习", ["第一题", "第二题"])
    >>> _ = p.record(CheckResult("第一题", PASSED, "对了。"))
    >>> p
    练习：已完成 1 / 2 题
      ✓ 第一题
      … 第二题（还没完成）
    >>> p.all_passed()
    False
    """

    title: str
    tasks: list[str]
    results: dict[str, CheckResult] = field(default_factory=dict)

    def record(self, result: CheckResult) -> CheckResult:
        if result.task not in self.tasks:
            self.tasks.append(result.task)
        self.results[result.task] = result
        return result

    def status(self, task: str) -> str:
        result = self.results.get(task)
        return result.status if result else OPEN

    def all_passed(self) -> bool:
        return all(self.status(task) == PASSED for task in self.tasks)

    def _lines(self) -> list[tuple[str, str]]:
        words = {PASSED: "", FAILED: "（有错误，请回到这一题）", OPEN: "（还没完成）"}
        return [(self.status(task), f"{task}{words[self.status(task)]}") for task in self.tasks]

    def __repr__(self) -> str:
        done = sum(self.status(task) == PASSED for task in self.tasks)
        head = f"{self.title}：已完成 {done} / {len(self.tasks)} 题"
        return "\n".join([head] + [f"  {_MARK[s]} {text}" for s, text in self._lines()])

    def _repr_html_(self) -> str:
        done = sum(self.status(task) == PASSED for task in self.tasks)
        items = "".join(f'<li style="color:{_COLOR[s]}">{_MARK[s]} {html.escape(text)}</li>'
                        for s, text in self._lines())
        return (f"<div><b>{html.escape(self.title)}</b>：已完成 {done} / {len(self.tasks)} 题"
                f'<ul style="list-style:none;padding-left:1em">{items}</ul></div>')


def finish(result: CheckResult, progress: Progress | None) -> CheckResult:
    """Record ``result`` in ``progress`` (when given) and return it."""
    if progress is not None:
        progress.record(result)
    return result


@dataclass(frozen=True)
class Ok:
    """What a check body returns for a right answer (a plain ``str`` is a failure's hint)."""

    message: str


def ok(message: str) -> Ok:
    return Ok(message)


def task_number(task: str) -> str:
    """The number a task is called by: ``"3. 计算 R、F、M"`` -> ``"第 3 题"``.

    >>> task_number("3. 计算 R、F、M")
    '第 3 题'
    """
    head = task.split(".", 1)[0].strip()
    return f"第 {head} 题" if head.isdigit() else f"「{task}」"


def _order_hint(result: CheckResult, after, progress: Progress | None) -> CheckResult:
    """Put "fix task N first" in front of a failure when an earlier task it builds on is not passed."""
    if progress is None or result.passed:
        return result
    for earlier in after:
        status = progress.status(earlier)
        if status != PASSED and earlier in progress.tasks:
            state = "还有错误" if status == FAILED else "还没有通过检查"
            return failed(result.task, f"这一题用到{task_number(earlier)}的结果，而{task_number(earlier)}"
                                       f"{state}：请先改正{task_number(earlier)}，再回来看这一题。"
                                       f"（这一题的提示：{result.message}）")
    return result


def check(task: str, what: str, *, roles: list[str] | None = None, after=(), computed: bool = True):
    """Decorator carrying the prelude every check shares; the body holds only the comparison.

    The wrapped check is called ``check(answer, progress=None, **inputs)``. In order:
    the placeholder ``...`` gives "还没完成"; with ``computed`` an answer the student typed in as
    a literal (seen in the notebook's source, :mod:`crmlab.checks.typed`) is refused; with
    ``roles`` the answer becomes the student's frame with contract column names
    (:func:`crmlab.checks.frames.student_frame`), or its failure; then the body runs with the
    answer and ``inputs``. The body returns :func:`ok` (right), a ``str`` (wrong: the hint) or a
    :class:`CheckResult`. A failure whose earlier tasks (``after``) are not passed in
    ``progress`` says to fix those first. The result is recorded in ``progress``.
    """
    def wrap(body):
        @functools.wraps(body)
        def run(answer, progress: Progress | None = None, **inputs) -> CheckResult:
            if is_placeholder(answer):
                return finish(not_done(task, what), progress)
            if computed:
                from crmlab.checks.typed import typed_literal_message

                typed = typed_literal_message(body.__name__)
                if typed:
                    return finish(failed(task, typed), progress)
            value = answer
            if roles is not None:
                from crmlab.checks.frames import student_frame

                value = student_frame(answer, task, roles, what)
            if not isinstance(value, CheckResult):
                value = body(value, **inputs)
            if isinstance(value, Ok):
                result = passed(task, value.message)
            elif isinstance(value, CheckResult):
                result = value
            else:
                result = failed(task, str(value))
            return finish(_order_hint(result, after, progress), progress)

        run.task = task
        return run

    return wrap
