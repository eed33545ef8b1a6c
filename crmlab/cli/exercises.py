"""``crmlab exercises``: the command itself lives with the generator, in :mod:`crmlab.exercises`."""

from crmlab.exercises import add_exercises_command as add_command  # noqa: F401
