"""Spotting an answer typed in by hand: ``平均利润 = 684.88`` instead of code that computes it.

In a notebook a check is called in a cell of its own (``check_average(平均利润, 进度)``). The
check looks at that cell's source in IPython's input history (``In``) to learn which variable
holds the answer, then at the latest earlier cell that assigns it. If every assignment there
is a literal (numbers, text, lists or dicts of them, ``pd.Series({...})`` of them, arithmetic
on them) and nothing else changes the variable (no ``+=``, no loop over it), the answer was
typed, not computed: it would stay the same on other data, so the check refuses it.

Outside IPython (a script, the tests, grading outside the student's kernel) there is no
history and nothing is refused here; grading catches typed answers by re-running the notebook
on other inputs.
"""

from __future__ import annotations

import ast
import sys

#: Calls that only wrap literal values (pd.Series({...}), float("1.5"), ...).
_WRAPPERS = {"Series", "DataFrame", "dict", "list", "tuple", "set", "float", "int", "round", "array"}


def is_literal(node: ast.AST) -> bool:
    """True when ``node`` is built only from constants.

    >>> is_literal(ast.parse("{'R': 17.9, 'F': 5}", mode="eval").body)
    True
    >>> is_literal(ast.parse("1454610 / 2126", mode="eval").body)
    True
    >>> is_literal(ast.parse("表['R'].mean()", mode="eval").body)
    False
    """
    if isinstance(node, ast.Constant):
        return node.value is not Ellipsis
    if isinstance(node, ast.UnaryOp):
        return is_literal(node.operand)
    if isinstance(node, ast.BinOp):
        return is_literal(node.left) and is_literal(node.right)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and is_literal(k) for k in node.keys) and all(map(is_literal, node.values))
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        return (name in _WRAPPERS and all(map(is_literal, node.args))
                and all(is_literal(k.value) for k in node.keywords))
    return False


def answer_name(cell: str, check_name: str) -> str | None:
    """The variable passed first to ``check_name(...)`` in ``cell``, or None.

    >>> answer_name("金字塔练习.check_average(平均利润, 进度)", "check_average")
    '平均利润'
    """
    try:
        tree = ast.parse(cell)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == check_name:
                return node.args[0].id
    return None


def _bindings(tree: ast.Module, name: str) -> list[tuple[ast.AST, bool]]:
    """(node, at top level) for every statement in ``tree`` that binds ``name``."""
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets = [node.target]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
        elif isinstance(node, ast.NamedExpr):
            targets = [node.target]
        names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        if name in names:
            found.append((node, id(node) in top))
    return found


def typed_in(history: list[str], check_name: str) -> str | None:
    """The name of the answer if the latest cell (before the last, the check) assigning it only
    assigns literals to it; else None.

    >>> typed_in(["平均利润 = 684.88", "check_average(平均利润, 进度)"], "check_average")
    '平均利润'
    >>> typed_in(["年 = 0\\nwhile 年 < 3:\\n    年 += 1", "check_overtake(年, 进度)"], "check_overtake")
    """
    if not history:
        return None
    name = answer_name(history[-1], check_name)
    if name is None:
        return None
    for cell in reversed(history[:-1]):
        try:
            tree = ast.parse(cell)
        except SyntaxError:
            continue
        bindings = _bindings(tree, name)
        if not bindings:
            continue
        plain = all(top and isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name) for node, top in bindings)
        if plain and all(is_literal(node.value) for node, _top in bindings):
            return name
        return None
    return None


def _history() -> list[str]:
    if "IPython" not in sys.modules:
        return []
    from IPython import get_ipython

    shell = get_ipython()
    history = shell.user_ns.get("In") if shell is not None else None
    return list(history) if isinstance(history, list) else []


def typed_literal_message(check_name: str, history: list[str] | None = None) -> str | None:
    """The Chinese refusal when the answer to ``check_name`` was typed in, else None."""
    name = typed_in(_history() if history is None else history, check_name)
    if name is None:
        return None
    return (f"「{name}」是直接写进去的数值，不是用代码算出来的。请写出计算它的代码（用上面读入的数据）："
            "老师评分时会换一份数据重新运行笔记本，写死的数值就不对了。")
