"""Exercise checks: compare a student's answer with crmlab's pure functions and hint in Chinese.

Each check takes the student's answer (the placeholder ``...`` means "not done yet") and a
:class:`Progress` record, and returns a :class:`CheckResult` that shows itself as one line:
``✓ ...``, ``✗ ...`` with a hint, or ``… 还没完成``. Checks never raise on a wrong answer.

One module per exercise notebook, each with its ``TASKS`` and a ``progress()`` maker:
:mod:`crmlab.checks.pyramid` (chapter 1: course pyramid, whale curve),
:mod:`crmlab.checks.selection` (chapter 2: weighted scores, mutual fit),
:mod:`crmlab.checks.tiering` (chapter 3: ABC, pyramid on the demo data),
:mod:`crmlab.checks.xudong` (exercise 04, the 旭东 RFM project; its checks are also importable
from here). Every check has one shape, the decorator :func:`crmlab.checks._core.check`.
"""

from __future__ import annotations

from crmlab.checks._core import CheckResult, Progress, is_placeholder
from crmlab.checks.xudong import (check_chart, check_clean, check_counts, check_excel,
                                  check_grouped, check_levels, check_means, check_read, check_rfm,
                                  check_segments, check_strategies)

__all__ = [
    "CheckResult", "Progress", "is_placeholder",
    "check_read", "check_clean", "check_grouped", "check_rfm", "check_means", "check_levels", "check_segments",
    "check_strategies", "check_counts", "check_chart", "check_excel",
]
