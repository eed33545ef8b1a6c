"""A one-line Chinese explanation above the traceback of the errors students meet most.

``crmlab.setup()`` calls :func:`install` in IPython/Jupyter. Then:

- a :class:`~crmlab.errors.CrmlabError` is shown as its short red Chinese message (no traceback,
  ``%tb`` shows it), as before;
- a ``KeyError`` for a column that does not exist says so and lists the columns that exist;
- a ``NameError`` says the name is not defined yet: run the cells above (or fix the spelling);
- subtracting text from a date (``今天 - 表["交易日期"]`` on a text column) says to convert with
  ``pd.to_datetime``;
- pandas' warning that the default engine for reading ``.xlsx`` will change says, in Chinese,
  that ``engine="openpyxl"`` silences it and the result is not affected.

The full traceback (or warning) still follows the Chinese line: nothing is hidden.
"""

from __future__ import annotations

import re
import sys

_DATE_TEXT = re.compile(r"unsupported operand type\(s\) for -: '(Timestamp|datetime\w*|DatetimeArray|"
                        r"str)' and '(str|Timestamp|datetime\w*|DatetimeArray)'"
                        # the same subtraction on a text column pandas keeps in Arrow (pyarrow)
                        r"|operation 'r?sub' not supported for dtype 'str' with object of type "
                        r"<class '(pandas\.Timestamp|datetime\.\w+)'>")


def _frame_columns(tb) -> tuple[list[str] | None, bool]:
    """The columns of the outermost DataFrame (or grouped DataFrame) a pandas method in the
    traceback was called on, and whether the lookup went through ``.loc`` (a row label, maybe)."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - crmlab needs pandas
        return None, False
    by_label = False
    while tb is not None:
        candidate = tb.tb_frame.f_locals.get("self")
        by_label = by_label or type(candidate).__name__ in ("_LocIndexer", "_AtIndexer")
        frame = getattr(candidate, "obj", candidate) if type(candidate).__name__.endswith(
            ("GroupBy", "Indexer")) else candidate
        if isinstance(frame, pd.DataFrame):
            return [str(c) for c in frame.columns], by_label
        tb = tb.tb_next
    return None, by_label


def _missing_names(value) -> list[str]:
    key = value.args[0] if value.args else ""
    if isinstance(key, str) and ("not in index" in key or "do not exist" in key):
        return re.findall(r"'([^']*)'", key)
    return [str(key)]


def hint_for(etype, value, tb=None) -> str | None:
    """The Chinese line for this error, or None when crmlab has nothing to add.

    >>> hint_for(NameError, NameError("name '交易' is not defined", name="交易"))
    '「交易」还没有定义：请先从上到下运行它上面的格子（重启内核后变量都会清空），也检查名字有没有写错。'
    >>> hint_for(TypeError, TypeError("unsupported operand type(s) for -: 'Timestamp' and 'str'"))[:12]
    '日期不能和文本相减：参与'
    """
    if issubclass(etype, NameError):
        name = getattr(value, "name", None) or "".join(re.findall(r"name '([^']*)'", str(value))[:1])
        return (f"「{name}」还没有定义：请先从上到下运行它上面的格子（重启内核后变量都会清空），"
                "也检查名字有没有写错。")
    if issubclass(etype, KeyError):
        columns, by_label = _frame_columns(tb)
        if columns is None:
            return None
        missing = "、".join(f"「{name}」" for name in _missing_names(value))
        what = "这个名字的行或列" if by_label else "这个名字的列"
        return (f"表里没有{missing}{what}。现有的列：{'、'.join(columns)}。"
                "请照着现有的名字写（空格、大小写、中英文括号都要一样）。")
    if issubclass(etype, TypeError) and _DATE_TEXT.search(str(value)):
        return ("日期不能和文本相减：参与相减的一边是文本（例如读成了文字的日期列）。"
                "请先用 pd.to_datetime(...) 把它转换成日期，再相减。")
    return None


def warning_hint(message) -> str | None:
    """The Chinese line for a warning students meet (pandas' reading-engine warning), or None."""
    text = str(message)
    if "default engine for reading" in text and "calamine" in text:
        return ("pandas 提醒：以后读取 .xlsx 的默认方式（引擎）会改变。读入的结果不受影响；"
                "在 pd.read_excel(...) 里写上 engine=\"openpyxl\"，这条提示就不会再出现。")
    return None


def show_error(shell, etype, value, tb, tb_offset=None):
    """IPython custom exception handler: CrmlabError briefly; others with a Chinese line first."""
    from crmlab.errors import CrmlabError

    if isinstance(value, CrmlabError):
        from crmlab.fonts import show_crmlab_error

        return show_crmlab_error(shell, etype, value, tb, tb_offset)
    hint = hint_for(etype, value, tb)
    if hint:
        import html

        from IPython.display import display

        display({"text/plain": f"crmlab 提示：{hint}",
                 "text/html": f'<div style="color:#b3261e"><b>crmlab 提示：</b>{html.escape(hint)}</div>'},
                raw=True)
    # IPython does not show what a custom handler returns when code runs: show the traceback here
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
    return []


def _install_warning_hint() -> None:
    import warnings

    if getattr(warnings.showwarning, "crmlab_hint", False):
        return
    original = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        hint = warning_hint(message)
        if hint:
            print(f"crmlab 提示：{hint}", file=sys.stderr if file is None else file)
        original(message, category, filename, lineno, file, line)

    show.crmlab_hint = True
    warnings.showwarning = show


def install(shell) -> None:
    """Show errors and the reading-engine warning with a Chinese line in this IPython shell."""
    from crmlab.errors import CrmlabError

    shell.set_custom_exc((CrmlabError, KeyError, NameError, TypeError), show_error)
    _install_warning_hint()
