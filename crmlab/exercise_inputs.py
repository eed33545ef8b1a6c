"""The exercises' inputs in one place: defaults, an instructor's JSON file, in-process overrides.

Every exercise takes its data file, its "today" and its parameters through functions of
:mod:`crmlab.datasets`, which ask :func:`exercise_input` for a key. The value comes from,
first to last:

1. the innermost ``with exercise_inputs(key=value): ...`` block (in-process, for tests);
2. the JSON file named by the environment variable ``CRMLAB_EXERCISE_INPUTS`` (an object
   with some of the keys below; a relative path in ``xudong_file`` / ``demo_file`` is read
   from the JSON file's folder); ``crmlab grade --data/--today`` sets this variable;
3. :data:`DEFAULTS`.

The checks compute their expected answers through the same functions, so a changed input
keeps every check right. The keys are documented for instructors in ``docs/instructor.md``.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from crmlab.errors import CrmlabError

#: The environment variable naming an instructor's JSON file of exercise inputs.
VARIABLE = "CRMLAB_EXERCISE_INPUTS"

#: key -> default. Exercises 01-03 use figures or parameters that differ from their lessons'
#: on purpose, so that no answer a student must compute is printed in a lesson.
DEFAULTS: dict[str, object] = {
    # exercise 04 (旭东 RFM): the data file (None: crmlab's own), "today", the file task 10 saves
    "xudong_file": None,
    "xudong_today": "2021-04-01",
    "xudong_output": "旭东客户分级.xlsx",
    # exercise 01: another company's customer pyramid (invented figures, US$ per customer)
    "pyramid_figures": [
        {"group": "VIP客户", "customers": 35, "revenue_per_customer": 96_000, "profit_per_customer": 38_400},
        {"group": "大客户", "customers": 140, "revenue_per_customer": 27_000, "profit_per_customer": 8_100},
        {"group": "中级客户", "customers": 525, "revenue_per_customer": 7_800, "profit_per_customer": 1_170},
        {"group": "小客户", "customers": 2_800, "revenue_per_customer": 950, "profit_per_customer": -380},
    ],
    # exercises 01 (whale curve) and 03: the demo shop's orders (None: crmlab's own file) in a period
    "demo_file": None,
    "demo_period": ["2023-07-01", "2023-12-31"],
    # exercise 02: the weights of the five criteria and the pair of task 4
    "selection_weights": {"purchasing_power": 0.15, "willingness": 0.15, "credit": 0.35,
                          "price_sensitivity": 0.15, "cooperation": 0.20},
    "overtake_small": "盛世传媒",
    "overtake_large": "鼎盛实业",
    # exercise 02 task 3: the years the overall value (综合价值) counts (the lesson counts 3)
    "fit_years": 5,
    # exercise 05 (CDNOW): the data file (None: lifetimes' copy or $CRMLAB_CDNOW), the window of
    # tasks 1-5 (first and last day, both included) and the two period ends of task 6
    "cdnow_file": None,
    "cdnow_window": ["1997-07-01", "1997-12-31"],
    "cdnow_migration": ["1998-01-01", "1998-04-01"],
    # exercise 00: the shop workbook (None: crmlab's own 青禾书店.xlsx; sheets 交易 and 客户)
    "bookshop_file": None,
}
_PATH_KEYS = ("xudong_file", "demo_file", "cdnow_file", "bookshop_file")
_stack: list[dict] = []


def _unknown(keys, where: str) -> None:
    unknown = sorted(set(keys) - set(DEFAULTS))
    if unknown:
        raise CrmlabError(f"{where}里有不认识的练习输入「{unknown[0]}」",
                          hint="可用的键：" + "、".join(DEFAULTS) + "（见 docs/instructor.md）。",
                          file=where if where.endswith(".json") else None)


def _from_file() -> dict:
    name = os.environ.get(VARIABLE)
    if not name:
        return {}
    path = Path(name)
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CrmlabError(f"找不到环境变量 {VARIABLE} 指定的练习输入文件",
                          hint="请检查路径，或取消这个环境变量。", file=str(path)) from None
    except (OSError, ValueError) as error:
        raise CrmlabError(f"练习输入文件不是有效的 JSON：{error}",
                          hint='内容应当像 {"xudong_today": "2021-04-10"}。', file=str(path)) from None
    if not isinstance(values, dict):
        raise CrmlabError("练习输入文件应当是一个 JSON 对象（{...}）", file=str(path))
    _unknown(values, path.name)
    for key in _PATH_KEYS:
        if values.get(key) is not None and not Path(values[key]).is_absolute():
            values[key] = str(path.parent / values[key])
    return values


def exercise_input(key: str):
    """The current value of one exercise input (innermost override, JSON file, default).

    >>> exercise_input("xudong_today")
    '2021-04-01'
    >>> with exercise_inputs(xudong_today="2021-04-10"):
    ...     exercise_input("xudong_today")
    '2021-04-10'
    """
    if key not in DEFAULTS:
        _unknown([key], "exercise_input")
    for layer in reversed(_stack):
        if key in layer:
            return layer[key]
    from_file = _from_file()
    return from_file[key] if key in from_file else DEFAULTS[key]


@contextmanager
def exercise_inputs(**overrides):
    """Within the block, the exercises (and their checks) use these inputs instead.

    >>> with exercise_inputs(overtake_small="新锐科技"):
    ...     exercise_input("overtake_small")
    '新锐科技'
    """
    _unknown(overrides, "exercise_inputs(...)")
    _stack.append(dict(overrides))
    try:
        yield
    finally:
        _stack.pop()
