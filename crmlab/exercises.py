"""Generating the student notebooks in ``exercises/`` from the answer notebooks in ``solutions/``.

Each exercise is written once, with its answers, in ``solutions/``. The answers are marked the
otter-grader way and replaced by a Chinese placeholder in the generated exercise:

- a code block between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
  ``# 请在这里写你的代码`` plus ``name = ...`` for every name the block assigns at its top
  level, so later cells (the checks) still run and report "还没完成";
- a line ending in ``# SOLUTION``: ``name = expr  # SOLUTION`` becomes
  ``name = ...  # 请在这里写你的代码``; any other such line becomes ``...`` at the same
  indentation (it stays valid Python inside a function body or a loop);
- a markdown cell starting with ``**答案**`` keeps its first line's label and gets a prompt;
  text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` becomes a prompt;
- a cell tagged ``solution-only`` is dropped.

Outputs and execution counts are cleared, cell metadata is reduced to ``tags`` (a check cell
keeps its ``check`` tag, which grading relies on) and notebook metadata to the kernel spec, the
language name and ``crmlab.exercise_digest`` (a digest of the cells' types and text), so
generating twice gives identical bytes.

The digest is how :func:`generate` tells an untouched exercise from one a student has worked
in: it overwrites or removes only notebooks whose cells still match their digest, and keeps
every other one (a student's answers, a ``…-Copy1.ipynb``), saying so.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import re
from pathlib import Path

from crmlab.errors import CrmlabError

CODE_PROMPT = "# 请在这里写你的代码"
MARKDOWN_PROMPT = "（请在这里写下你的回答。）"
SOLUTION_ONLY_TAG = "solution-only"

_BEGIN = re.compile(r"^\s*#\s*BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*#\s*END SOLUTION\s*$")
_LINE = re.compile(r"^(?P<indent>\s*)(?P<code>.*?)\s*#\s*SOLUTION\s*$")
_MD_BLOCK = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->", re.S)
_MD_ANSWER = re.compile(r"^\s*\*\*答案\*\*")

_KEPT_NOTEBOOK_METADATA = ("kernelspec",)


def _assigned_names(code: str) -> list[str]:
    """Names bound at the top level of ``code``, in order of first assignment.

    >>> _assigned_names("a = 1\\nb, c = 2, 3\\nfor i in x:\\n    d = i\\nimport pandas as pd")
    ['a', 'b', 'c']
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []

    def collect(target: ast.AST) -> None:
        if isinstance(target, ast.Name):
            if target.id not in names:
                names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                collect(element)
        elif isinstance(target, ast.Starred):
            collect(target.value)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                collect(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            collect(node.target)
    return names


def _placeholder_block(indent: str, solution_lines: list[str]) -> list[str]:
    body = "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                     for line in solution_lines)
    lines = [f"{indent}{CODE_PROMPT}"]
    names = _assigned_names(body)
    lines += [f"{indent}{name} = ..." for name in names]
    if not names and indent:
        lines.append(f"{indent}...")  # keep an indented body syntactically valid
    return lines


def strip_code(source: str) -> str:
    """Replace the marked answers in one code cell by placeholders.

    >>> print(strip_code("x = 1\\n# BEGIN SOLUTION\\nrfm = make(x)\\n# END SOLUTION\\ncheck(rfm)"))
    x = 1
    # 请在这里写你的代码
    rfm = ...
    check(rfm)
    >>> print(strip_code("平均 = rfm.mean()  # SOLUTION"))
    平均 = ...  # 请在这里写你的代码
    """
    out: list[str] = []
    block: list[str] | None = None
    block_indent = ""
    for number, line in enumerate(source.splitlines(), start=1):
        if block is not None:
            if _END.match(line):
                out += _placeholder_block(block_indent, block)
                block = None
            elif _BEGIN.match(line):
                raise CrmlabError(f"第 {number} 行：上一个 # BEGIN SOLUTION 还没有 # END SOLUTION",
                                  hint="请检查答案块的首尾标记是否成对。")
            else:
                block.append(line)
            continue
        if _BEGIN.match(line):
            block = []
            block_indent = line[: len(line) - len(line.lstrip())]
            continue
        if _END.match(line):
            raise CrmlabError(f"第 {number} 行：# END SOLUTION 前面没有 # BEGIN SOLUTION",
                              hint="请检查答案块的首尾标记是否成对。")
        match = _LINE.match(line)
        if match:
            indent, code = match["indent"], match["code"]
            names = _assigned_names(code) if re.match(r"^[\w, ()\[\]*]+=[^=]", code) else []
            if names:
                dots = ", ".join("..." for _ in names)
                out.append(f"{indent}{', '.join(names)} = {dots}  {CODE_PROMPT}")
            else:
                out.append(f"{indent}...  {CODE_PROMPT}")
            continue
        out.append(line)
    if block is not None:
        raise CrmlabError("# BEGIN SOLUTION 没有对应的 # END SOLUTION",
                          hint="请在答案块末尾加上 # END SOLUTION。")
    return "\n".join(out)


def strip_markdown(source: str) -> str:
    """Replace a written answer by a prompt.

    >>> strip_markdown("**答案**：A 类客户最重要。")
    '**答案**：（请在这里写下你的回答。）'
    >>> strip_markdown("说明<!-- BEGIN SOLUTION -->秘密<!-- END SOLUTION -->")
    '说明（请在这里写下你的回答。）'
    """
    if _MD_ANSWER.match(source):
        return f"**答案**：{MARKDOWN_PROMPT}"
    return _MD_BLOCK.sub(MARKDOWN_PROMPT, source)


def _source_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def exercise_from_solution(notebook: dict) -> dict:
    """The exercise notebook (an nbformat dict) made from a solution notebook dict.

    The input is not changed. Cell ids are kept, so a cell keeps its id across regenerations.
    """
    exercise = {
        "cells": [],
        "metadata": {key: copy.deepcopy(notebook.get("metadata", {})[key])
                     for key in _KEPT_NOTEBOOK_METADATA if key in notebook.get("metadata", {})},
        "nbformat": notebook.get("nbformat", 4),
        "nbformat_minor": notebook.get("nbformat_minor", 5),
    }
    exercise["metadata"]["language_info"] = {"name": "python"}
    for cell in notebook.get("cells", []):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_ONLY_TAG in tags:
            continue
        new = {"cell_type": cell["cell_type"], "metadata": {"tags": tags} if tags else {}}
        if "id" in cell:
            new["id"] = cell["id"]
        text = _source_text(cell)
        if cell["cell_type"] == "code":
            new["source"] = strip_code(text)
            new["outputs"] = []
            new["execution_count"] = None
        elif cell["cell_type"] == "markdown":
            new["source"] = strip_markdown(text)
        else:
            new["source"] = text
        exercise["cells"].append(new)
    exercise["metadata"]["crmlab"] = {"exercise_digest": cells_digest(exercise["cells"])}
    return exercise


def cells_digest(cells: list) -> str:
    """A short digest of the cells' types and text (outputs, counts and ids do not count).

    >>> cells_digest([{"cell_type": "code", "source": ["x = 1\\n", "y"]}]) == \\
    ...     cells_digest([{"cell_type": "code", "source": "x = 1\\ny", "outputs": [1]}])
    True
    """
    text = json.dumps([[c.get("cell_type"), _source_text(c)] for c in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def untouched(path: Path) -> bool:
    """True when ``path`` is a generated exercise nobody has changed (its cells match its digest).

    A file that is not a notebook, or has no digest, counts as changed: it is never overwritten.
    """
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        stored = notebook["metadata"]["crmlab"]["exercise_digest"]
        return stored == cells_digest(notebook["cells"])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def notebook_text(notebook: dict) -> str:
    """Deterministic notebook JSON, written by nbformat (sorted keys, indent 1, validated)."""
    import nbformat

    return nbformat.writes(nbformat.from_dict(copy.deepcopy(notebook)), version=4) + "\n"


def generated_exercises(solutions_dir: str | Path) -> dict[str, str]:
    """File name -> exercise notebook text for every ``*.ipynb`` in ``solutions_dir``."""
    import json

    solutions = Path(solutions_dir)
    if not solutions.is_dir():
        raise CrmlabError(f"找不到答案目录「{solutions.name}」",
                          hint="请在项目根目录运行，或给出 solutions 目录的路径。")
    result = {}
    for path in sorted(solutions.glob("*.ipynb")):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CrmlabError(f"无法读取答案笔记本：{error}", file=path.name,
                              hint="请确认它是保存完整的 .ipynb 文件。") from None
        try:
            result[path.name] = notebook_text(exercise_from_solution(notebook))
        except CrmlabError as error:
            raise CrmlabError(error.problem, hint=error.hint, file=path.name) from None
    return result


def generate(solutions_dir: str | Path = "solutions",
             exercises_dir: str | Path = "exercises", kept: list | None = None) -> list[Path]:
    """Write the exercise notebooks generated from ``solutions_dir`` into ``exercises_dir``.

    Only files whose text changed are rewritten, and only when they are :func:`untouched`;
    a notebook without a solution is removed only when untouched (an unchanged copy). Every
    notebook someone has worked in is kept as it is: its path is in ``kept`` (a list given by
    the caller). Returns the paths written.
    """
    import os

    target = Path(exercises_dir)
    target.mkdir(parents=True, exist_ok=True)
    wanted = generated_exercises(solutions_dir)
    written = []
    for name, text in wanted.items():
        path = target / name
        if path.exists() and path.read_text(encoding="utf-8", errors="replace") == text:
            continue
        if path.exists() and not untouched(path):
            if kept is not None:
                kept.append(path)
            continue
        temporary = path.with_name(f".{name}.tmp")
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
        written.append(path)
    for stale in sorted(target.glob("*.ipynb")):
        if stale.name not in wanted:
            if untouched(stale):
                stale.unlink()
            elif kept is not None:
                kept.append(stale)
    return written


def stale_exercises(solutions_dir: str | Path = "solutions",
                    exercises_dir: str | Path = "exercises") -> list[str]:
    """Names of exercise notebooks that are missing, out of date or without a solution."""
    wanted = generated_exercises(solutions_dir)
    target = Path(exercises_dir)
    present = {p.name: p for p in target.glob("*.ipynb")} if target.is_dir() else {}
    stale = [name for name, text in wanted.items()
             if name not in present or present[name].read_text(encoding="utf-8") != text]
    return sorted(stale + [name for name in present if name not in wanted])


# ---------------------------------------------------------------- `crmlab exercises`


def add_exercises_command(subparsers) -> None:
    """Register ``crmlab exercises`` (listed in :data:`crmlab.cli.COMMANDS`)."""
    parser = subparsers.add_parser(
        "exercises", help="由 solutions/ 里的答案笔记本生成 exercises/ 里的练习笔记本",
        description="把答案笔记本中标记的答案换成占位符，清空输出，写入练习目录。")
    parser.add_argument("--solutions", default="solutions", metavar="目录",
                        help="答案笔记本所在目录（默认 solutions）")
    parser.add_argument("--exercises", default="exercises", metavar="目录",
                        help="练习笔记本的输出目录（默认 exercises）")
    parser.add_argument("--check", action="store_true",
                        help="只检查练习笔记本是否最新，不写文件；过期时退出码为 1")
    parser.set_defaults(run=run_exercises)


def run_exercises(args) -> int:
    if args.check:
        stale = stale_exercises(args.solutions, args.exercises)
        if stale:
            print(f"练习笔记本已过期：{'、'.join(stale)}。请运行 crmlab exercises（或 make exercises）。")
            return 1
        print("练习笔记本与答案一致。")
        return 0
    kept: list[Path] = []
    written = generate(args.solutions, args.exercises, kept)
    total = len(generated_exercises(args.solutions))
    wanted = generated_exercises(args.solutions)
    for path in kept:
        if path.name in wanted:
            print(f"没有覆盖「{path.name}」：它已被改动过（可能有学生的答案）。要换成新版本，"
                  f"请先把它改名或移走，再运行 crmlab exercises。")
        else:
            print(f"保留「{path.name}」：它不是由答案笔记本生成的，或已被改动过（不会删除学生的文件）。")
    if written:
        print(f"已更新 {len(written)} 个练习笔记本（共 {total} 个）：{'、'.join(p.name for p in written)}")
    else:
        print(f"{'其余' if kept else ''}练习笔记本已是最新（共 {total} 个）。")
    return 0
