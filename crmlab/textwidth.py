"""Aligning Chinese text in a terminal: a Chinese character takes two columns, not one.

Python's ``str.ljust`` counts characters, so a column of Chinese names comes out ragged.
These helpers count display columns (Unicode east-asian width: W and F are two columns,
combining marks zero) and build a plain aligned table for the CLI.
"""

from __future__ import annotations

import unicodedata


def display_width(text) -> int:
    """Columns ``text`` takes in a terminal.

    >>> display_width("abc"), display_width("重要价值客户"), display_width("R（天）")
    (3, 12, 7)
    """
    width = 0
    for char in str(text):
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text, width: int, align: str = "left") -> str:
    """``text`` padded with spaces to ``width`` display columns (align "left" or "right").

    >>> pad("甲", 4) + "|", pad("7", 4, "right") + "|"
    ('甲  |', '   7|')
    """
    text = str(text)
    gap = " " * max(0, width - display_width(text))
    return gap + text if align == "right" else text + gap


def format_table(headers, rows, aligns=None, sep: str = "  ") -> str:
    """An aligned text table: a header line, a rule, one line per row.

    ``aligns`` gives "left" or "right" per column (default: all left).

    >>> print(format_table(["客户", "R"], [["甲", 2], ["乙乙乙", 31]], ["left", "right"]))
    客户     R
    ------  --
    甲       2
    乙乙乙  31
    """
    headers = [str(h) for h in headers]
    rows = [[str(v) for v in row] for row in rows]
    aligns = list(aligns) if aligns is not None else ["left"] * len(headers)
    widths = [max([display_width(h)] + [display_width(r[j]) for r in rows])
              for j, h in enumerate(headers)]
    lines = [sep.join(pad(h, w, a) for h, w, a in zip(headers, widths, aligns)).rstrip(),
             sep.join("-" * w for w in widths)]
    lines += [sep.join(pad(v, w, a) for v, w, a in zip(row, widths, aligns)).rstrip() for row in rows]
    return "\n".join(lines)
