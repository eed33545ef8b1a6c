"""``crmlab grade``: the command itself lives with the grader, in :mod:`crmlab.grading`."""

from crmlab.grading import add_grade_command as add_command  # noqa: F401
