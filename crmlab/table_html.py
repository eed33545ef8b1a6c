"""Result tables formatted for people: the HTML that :func:`crmlab.zh` tables show in Jupyter.

:func:`crmlab.zh` returns a :class:`ChineseTable` (a pandas DataFrame: every pandas operation
and every value stay as they are) whose HTML form is written here:

- no 0..n index (an unnamed integer index means nothing to a reader); a named index is shown;
- 是/否 instead of True/False, a dash instead of NaN or None;
- money (a header with 元 or 美元) with thousands separators, two decimals unless all are whole;
- shares (占比, 保留率, 增长率 ...) as percentages with one decimal;
- counts of people (客户数 ...) as whole numbers; other numbers with the decimals they need
  (at most three);
- text left-aligned, numbers right-aligned;
- ``$`` shown as a dollar sign: the table is marked ``mathjax_ignore`` for JupyterLab's MathJax.

The plain-text form (``repr``, what nbval compares besides the HTML) is pandas' own.
"""

from __future__ import annotations

import html
import math
import re
import numbers

import numpy as np
import pandas as pd

#: English column names whose values are shares of a whole (0.2 -> 20.0%).
SHARE_NAMES = frozenset({
    "share", "customer_share", "value_share", "M_share", "cum_share", "top_share",
    "cum_customer_share", "revenue_share", "profit_share", "cum_profit_share", "retention",
    "growth_rate", "sales_share", "budget_share", "by_rank", "by_profit",
})
#: Words in a Chinese header that mark a share, unless the header says (%) itself.
SHARE_WORDS = ("占比", "保留率", "增长率", "流失率", "比例")
#: English column names and Chinese headers that count people.
PEOPLE_NAMES = frozenset({"customers", "existing", "active", "lost"})
PEOPLE_HEADERS = frozenset({"客户数", "人数", "现有客户", "仍在的客户", "当年流失", "客户人数"})
MONEY_WORDS = ("元", "美元", "金额")
DASH = "–"
#: Text that is a number already formatted ("20.0%", "2,823,669.56", "100.00 元"): right-aligned.
FORMATTED_NUMBER = re.compile(r"[-+]?[\d,]+(\.\d+)?\s*(%|元|万元|美元|天|次|位)?")
MAX_DECIMALS = 3

#: Inline styles (JupyterLab's sanitizer keeps style attributes but drops <style> elements, and
#: its own stylesheet right-aligns every cell: an inline text-align wins over both).
ALIGN_STYLE = {"l": "text-align:left", "r": "text-align:right"}
HEADER_STYLE = "border-bottom:1px solid #888"


def column_kind(name, header, values: pd.Series) -> str:
    """How a column's values read: 'bool', 'share', 'money', 'people', 'number' or 'text'.

    ``name`` is the English column name (or None), ``header`` the Chinese header shown.

    >>> s = pd.Series([0.2, 0.5])
    >>> column_kind("cum_share", "累计占比", s), column_kind(None, "金额（元）", s)
    ('share', 'money')
    >>> column_kind(None, "占比（%）", s), column_kind("customers", "客户数", pd.Series([2.0]))
    ('number', 'people')
    >>> column_kind(None, "对得上", pd.Series([True, False])), column_kind(None, "x", pd.Series(["a"]))
    ('bool', 'text')
    """
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, (bool, np.bool_)) for v in present):
        return "bool"
    if not present or not all(_is_number(v) for v in present):
        return "text"
    text = str(header)
    if name in SHARE_NAMES or (any(w in text for w in SHARE_WORDS) and "%" not in text):
        return "share"
    if name in PEOPLE_NAMES or text in PEOPLE_HEADERS:
        return "people"
    if any(w in text for w in MONEY_WORDS):
        return "money"
    return "number"


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_))


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _decimals(values, most: int = MAX_DECIMALS) -> int:
    """The fewest decimals (up to ``most``) that show every value as it is."""
    for places in range(most + 1):
        if all(abs(round(float(v), places) - float(v)) < 1e-9 for v in values):
            return places
    return most


def formatter(kind: str, values: pd.Series):
    """A function value -> text for one column of the given kind."""
    present = [v for v in values if not _missing(v)]
    if kind == "bool":
        return lambda v: "是" if v else "否"
    if kind == "share":
        return lambda v: f"{float(v):.1%}"
    if kind == "people":
        return lambda v: f"{round(float(v)):,}"
    if kind == "money":
        places = 0 if _decimals(present, 2) == 0 else 2
        return lambda v: f"{float(v):,.{places}f}"
    if kind == "number":
        if all(isinstance(v, numbers.Integral) for v in present):
            return lambda v: f"{int(v):,}" if abs(int(v)) >= 10000 else str(int(v))
        places = _decimals(present)
        return lambda v: f"{float(v):,.{places}f}" if abs(float(v)) >= 10000 \
            else f"{float(v):.{places}f}"
    return str


def _all_formatted_numbers(values) -> bool:
    present = [v for v in values if not _missing(v)]
    return bool(present) and all(isinstance(v, str) and FORMATTED_NUMBER.fullmatch(v.strip())
                                 for v in present)


def _cell(tag: str, text: str, align: str, style: str = "") -> str:
    css = ALIGN_STYLE[align] + (f";{style}" if style else "")
    return f'<{tag} class="{align}" style="{css}">{html.escape(text)}</{tag}>'


def _meaningful_index(frame: pd.DataFrame) -> bool:
    """An index worth showing: named, or labels that are not plain integers."""
    index = frame.index
    if any(name is not None for name in index.names):
        return True
    return not pd.api.types.is_integer_dtype(index.dtype)


def _header_text(key) -> str:
    return " / ".join(str(part) for part in key) if isinstance(key, tuple) else str(key)


def to_html(frame: pd.DataFrame, names: dict | None = None, index: bool | None = None) -> str:
    """``frame`` as a formatted HTML table (see the module docstring).

    ``names`` maps a shown header to the English column name it came from (to pick the
    format); ``index=None`` shows the index only when it means something.

    >>> t = pd.DataFrame({"客户": ["甲", "乙"], "金额（元）": [114000.0, 2500.5],
    ...                   "累计占比": [0.6, float("nan")], "对得上": [True, False]})
    >>> import re
    >>> shown = to_html(t)
    >>> [re.sub("<[^>]+>", " ", row).split() for row in re.findall("<tr>(.*?)</tr>", shown)]
    [['客户', '金额（元）', '累计占比', '对得上'], ['甲', '114,000.00', '60.0%', '是'], ['乙', '2,500.50', '–', '否']]
    >>> re.findall('<td class="(.)"', shown)[:4]
    ['l', 'r', 'r', 'l']
    """
    names = names or {}
    show_index = _meaningful_index(frame) if index is None else index
    shown = frame.reset_index() if show_index else frame
    index_count = frame.index.nlevels if show_index else 0
    columns = []
    for position, key in enumerate(shown.columns):
        values = shown.iloc[:, position]
        kind = column_kind(names.get(key), _header_text(key), values)
        align = "r" if kind in ("share", "money", "people", "number") else "l"
        if kind == "text" and _all_formatted_numbers(values):
            align = "r"
        header = "" if str(key) in ("index", "level_0") and index_count else _header_text(key)
        columns.append((header, formatter(kind, values), align, position < index_count))
    head = "".join(_cell("th", header, align, HEADER_STYLE) for header, _, align, _ in columns)
    rows = []
    for row in shown.itertuples(index=False, name=None):
        cells = []
        for value, (_, fmt, align, is_index) in zip(row, columns):
            text = DASH if _missing(value) else fmt(value)
            cells.append(_cell("th" if is_index else "td", text, align,
                               "font-weight:normal" if is_index else ""))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<div class="crmlab-table mathjax_ignore tex2jax_ignore"><table><thead><tr>'
            + head + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


class ChineseTable(pd.DataFrame):
    """A DataFrame that Jupyter shows as a formatted HTML table (what :func:`crmlab.zh` returns).

    ``attrs["crmlab_names"]`` maps each shown header to its English name, to pick formats.
    """

    @property
    def _constructor(self):
        return ChineseTable

    @property
    def _constructor_sliced(self):
        return ChineseSeries

    def _repr_html_(self) -> str:
        return to_html(self, self.attrs.get("crmlab_names"))

    def to_html(self, *args, index: bool | None = None, **kwargs) -> str:  # noqa: D401
        """The formatted HTML table (``index=False`` hides the index); pandas' options ignored."""
        return to_html(self, self.attrs.get("crmlab_names"), index)


class ChineseSeries(pd.Series):
    """A Series that Jupyter shows as a formatted two-column HTML table."""

    @property
    def _constructor(self):
        return ChineseSeries

    @property
    def _constructor_expanddim(self):
        return ChineseTable

    def _repr_html_(self) -> str:
        frame = pd.DataFrame(self)
        if frame.columns[0] is None or frame.columns[0] == 0:
            frame.columns = ["值"]
        return to_html(frame, self.attrs.get("crmlab_names"))
