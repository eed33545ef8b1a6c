"""The notebook a graded run executes: the student's answers inside the exercise's own cells.

An exercise as generated from ``solutions/`` (:mod:`crmlab.exercises`) has three kinds of code
cells: *answer* cells (with the placeholder prompt: the student's work), *check* cells (tag
``check``: only calls of the exercise's check functions) and *fixed* cells (setup, examples).
:func:`graded_notebook` keeps the student's answer cells and any cells the student added, in
the student's order, and takes every check and fixed cell from the exercise instead of the
student's file (matched by cell id, which Jupyter keeps; by the check functions called when a
file has lost its ids), putting back the ones a student deleted. Each check call becomes a
call of :func:`crmlab.answers.save` that writes the answers' values out of the kernel; the
verdict is given later, in the grader, by the same check function (:class:`CheckCall`).
"""

from __future__ import annotations

import ast
import copy
import inspect
from dataclasses import dataclass

from crmlab.exercises import CODE_PROMPT

CHECK_TAG = "check"
ROLE_KEY = "crmlab_grade"
#: crmlab's method functions: an answer cell calling one where the task asks for pandas is noted
METHOD_FUNCTIONS = frozenset({
    "rfm_table", "rfm_thresholds", "rfm_segments", "rfm_scores", "tier_summary",
    "customer_totals", "abc_analysis", "pareto_table", "customer_pyramid", "whale_curve",
    "course_pyramid_shares", "pyramid_tiers", "weighted_scores", "mutual_fit", "overtake_year",
    "growth_projection", "clv", "clv_finite", "clv_cs_classes", "cpv_clv_classes",
    "abc_from_ranked", "pyramid_from_ranked", "classify_ranked", "write_rfm_workbook",
})


@dataclass(frozen=True)
class CheckCall:
    """One call of a check function in a check cell of the exercise.

    ``index`` numbers the calls in the exercise (0, 1, ...); ``function`` is the check's name in
    the exercise's checks module; ``answers`` pairs each answer parameter with the expression
    the cell passes for it (the progress record and the instructors' keyword-only overrides such
    as ``transactions=`` are left out: the grader supplies its own).
    """

    index: int
    function: str
    answers: tuple[tuple[str, str], ...]
    cell_id: str | None


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def cell_kind(cell: dict) -> str:
    """``check``, ``answer``, ``fixed`` for a code cell of a generated exercise; ``text`` otherwise."""
    if cell.get("cell_type") != "code":
        return "text"
    if CHECK_TAG in cell.get("metadata", {}).get("tags", []):
        return "check"
    return "answer" if CODE_PROMPT in _source(cell) else "fixed"


def _called_functions(source: str) -> list[str]:
    """Names of the functions called in ``source`` (``f(...)`` and ``x.f(...)``), in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.append(func.id)
            elif isinstance(func, ast.Attribute):
                names.append(func.attr)
    return names


def _names_in(expression: str) -> set[str]:
    """The variable names an expression reads (``rfm表`` in ``rfm表[["R"]]``)."""
    try:
        return {n.id for n in ast.walk(ast.parse(expression, mode="eval")) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


def _assigned(source: str) -> set[str]:
    """Names a cell assigns anywhere (``x = ...``, ``x[...] = ...``, ``x += ...``, ``for x in``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        targets = (node.targets if isinstance(node, ast.Assign) else
                   [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For)) else [])
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def check_calls(template: dict, module) -> list[CheckCall]:
    """Every call of ``module``'s check functions in the check cells of ``template``, in order."""
    calls: list[CheckCall] = []
    for cell in template.get("cells", []):
        if cell_kind(cell) != "check":
            continue
        source = _source(cell)
        tree = ast.parse(source)
        for statement in tree.body:
            for node in ast.walk(statement):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if not name or not name.startswith("check_") or not hasattr(module, name):
                    continue
                calls.append(CheckCall(len(calls), name, _answer_arguments(getattr(module, name), node, source),
                                       cell.get("id")))
    return calls


def _answer_arguments(function, call: ast.Call, source: str) -> tuple[tuple[str, str], ...]:
    # the signature the call meets (a decorated check: its wrapper's, not the body's)
    parameters = [p for p in inspect.signature(function, follow_wrapped=False).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    answers = []
    for parameter, argument in zip(parameters, call.args):
        if parameter.name != "progress":
            answers.append((parameter.name, ast.get_source_segment(source, argument)))
    named = {p.name for p in parameters}
    for keyword in call.keywords:
        if keyword.arg in named and keyword.arg != "progress":
            answers.append((keyword.arg, ast.get_source_segment(source, keyword.value)))
    return tuple(answers)


def save_source(calls: list[CheckCall], out_dir: str) -> str:
    """The code that replaces a check cell: save the answers of ``calls`` to ``out_dir``."""
    lines = ["import crmlab.answers as _crmlab_answers"]
    for call in calls:
        thunks = ", ".join(f"{name!r}: lambda: ({expression})" for name, expression in call.answers)
        lines.append(f"_crmlab_answers.save({call.index}, {{{thunks}}}, {out_dir!r})")
    return "\n".join(lines)


def _code_cell(source: str, role: dict) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {ROLE_KEY: role},
            "outputs": [], "source": source}


@dataclass
class GradedNotebook:
    """The notebook to run, and what the grader needs to read its answers.

    ``cell_tasks`` maps the number of each of the student's own code cells (1, 2, ... as the
    student sees them) to the index of the first check call after it; ``method_calls`` lists
    (student cell number, crmlab method function) for answers that call crmlab's own methods.
    """

    notebook: dict
    cell_checks: dict[int, int]
    method_calls: list[tuple[int, str]]


def graded_notebook(student: dict, template: dict, calls: list[CheckCall], out_dir: str) -> GradedNotebook:
    """The notebook to execute for ``student``, built on the exercise ``template`` (dicts)."""
    template_cells = [c for c in template.get("cells", []) if c.get("cell_type") == "code"]
    by_id = {c.get("id"): c for c in template_cells if c.get("id")}
    calls_by_cell: dict[str | None, list[CheckCall]] = {}
    for call in calls:
        calls_by_cell.setdefault(call.cell_id, []).append(call)
    check_by_function = {call.function: call.cell_id for call in calls}
    student_code = [c for c in student.get("cells", []) if c.get("cell_type") == "code"]
    ids_match = any(c.get("id") in by_id for c in student_code)

    answer_names = {name for call in calls for _, expression in call.answers
                    for name in _names_in(expression)}
    placed: list[tuple[dict | None, dict]] = []  # (template cell or None, cell to run)
    used: set[str] = set()
    method_calls: list[tuple[int, str]] = []
    for number, cell in enumerate(student_code, start=1):
        source = _source(cell)
        match = by_id.get(cell.get("id")) if ids_match else None
        if match is None and not ids_match:
            match = _match_by_content(source, template_cells, check_by_function, by_id, used)
        if match is not None and match.get("id") in used:
            match = None
        kind = cell_kind(match) if match is not None else "answer"
        if match is not None:
            used.add(match.get("id"))
        if kind == "check":
            placed.append((match, _code_cell(save_source(calls_by_cell.get(match.get("id"), []), out_dir),
                                             {"kind": "check"})))
        elif kind == "fixed":
            placed.append((match, _code_cell(_source(match), {"kind": "fixed"})))
        else:
            placed.append((match, _code_cell(source, {"kind": "student", "number": number})))
            before = set(_called_functions(_source(match))) if match is not None else set()
            if _assigned(source) & answer_names:  # only a cell that makes an answer is noted
                method_calls += [(number, name) for name in dict.fromkeys(_called_functions(source))
                                 if name in METHOD_FUNCTIONS and name not in before]
    _restore_missing(placed, template_cells, calls_by_cell, used, out_dir)
    cells = [cell for _, cell in placed]
    cell_checks, pending = {}, []
    for cell in cells:
        role = cell["metadata"][ROLE_KEY]
        if role["kind"] == "student":
            pending.append(role["number"])
        elif role["kind"] == "check":
            first = _first_call_index(cell)
            if first is not None:
                cell_checks.update({number: first for number in pending})
                pending = []
    notebook = {"cells": cells, "metadata": copy.deepcopy(template.get("metadata", {})),
                "nbformat": 4, "nbformat_minor": 5}
    for i, cell in enumerate(cells):
        cell["id"] = f"graded-{i}"
    return GradedNotebook(notebook, cell_checks, method_calls)


def _first_call_index(cell: dict) -> int | None:
    for line in _source(cell).splitlines():
        if line.startswith("_crmlab_answers.save("):
            return int(line[len("_crmlab_answers.save("):].split(",", 1)[0])
    return None


def _match_by_content(source, template_cells, check_by_function, by_id, used):
    """A template cell for a student cell of a file without cell ids (an old or re-typed copy)."""
    stripped = source.strip()
    for cell in template_cells:
        if cell_kind(cell) == "fixed" and _source(cell).strip() == stripped and cell.get("id") not in used:
            return cell
    for name in _called_functions(source):
        cell_id = check_by_function.get(name)
        if cell_id is not None and cell_id not in used and "BEGIN" not in source:
            candidate = by_id.get(cell_id)
            if candidate is not None and len(_called_functions(source)) <= len(_called_functions(_source(candidate))) + 1:
                return candidate
    return None


def _restore_missing(placed, template_cells, calls_by_cell, used, out_dir) -> None:
    """Put back the check and fixed cells the student deleted, after their predecessor."""
    previous = None
    for cell in template_cells:
        kind = cell_kind(cell)
        if cell.get("id") in used:
            previous = cell
            continue
        if kind == "answer":
            continue
        if kind == "check":
            new = _code_cell(save_source(calls_by_cell.get(cell.get("id"), []), out_dir), {"kind": "check"})
        else:
            new = _code_cell(_source(cell), {"kind": "fixed"})
        position = 0
        if previous is not None:
            positions = [i for i, (t, _) in enumerate(placed) if t is previous]
            position = positions[-1] + 1 if positions else len(placed)
        placed.insert(position, (cell, new))
        used.add(cell.get("id"))
        previous = cell
