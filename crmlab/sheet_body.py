"""The data rows below a sheet's header, and each column parsed once per distinct cell.

A workbook or a small CSV arrives as lists of rows; a large CSV as columns
(:func:`crmlab.csv_text.csv_columns`), coded per distinct cell when parsed. Either way
:meth:`SheetBody.parse` gives a :class:`ParsedColumn`: the parsed value and the reason (or
None) for each distinct cell, and which distinct cell each row holds. Nothing per row is built
until the load knows which rows it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmlab._fast.arrow import is_arrow_text
from crmlab.cells import FatalReason, weighted


@dataclass
class ParsedColumn:
    """Parsed ``values`` and reasons ``why`` (None: the cell is usable), one per distinct cell
    when ``codes`` is set (row ``i`` holds distinct cell ``codes[i]``), else one per row."""

    values: pd.Series
    why: pd.Series | None  # None: no cell has a reason
    codes: np.ndarray | None = None

    def bad(self) -> np.ndarray:
        """True for each row whose cell has a reason."""
        if self.why is None:
            return np.zeros(len(self.values) if self.codes is None else len(self.codes), dtype=bool)
        bad = self.why.notna().to_numpy()
        return bad if self.codes is None else bad[self.codes]

    def reason(self, row: int):
        if self.why is None:
            return None
        return self.why.iat[row if self.codes is None else int(self.codes[row])]

    def kept(self, keep: np.ndarray, dtype=None):
        """The values of the rows in ``keep`` (a boolean mask), as a pandas array of ``dtype``."""
        values = self.values if dtype is None else self.values.astype(dtype)
        if self.codes is None:
            return values.array if keep.all() else values.array[keep]
        return values.array.take(self.codes if keep.all() else self.codes[keep])


class SheetBody:
    """The data rows below the header, blank rows left out."""

    def __init__(self, raw, header: int, used: list[int], numeric: set[int]):
        self.frame = self.rows = None
        body = raw.load_body(header, numeric) if raw.load_body is not None else raw.rows[header + 1:]
        if isinstance(body, list):
            blank = np.array([row.count("") + row.count(None) == len(row) for row in body], dtype=bool)
            self.rows = [row for row, b in zip(body, blank) if not b]
        else:
            self.frame = body
            blank = np.zeros(len(body), dtype=bool)
            maybe = np.ones(len(body), dtype=bool)  # blank only if the used columns are empty ...
            for j in used:
                empty = _empty_cells(body.iloc[:, j]) if j < body.shape[1] else True
                if empty is None:  # a used column without an empty cell: no row is blank
                    maybe = None
                    break
                maybe &= empty
            candidates = np.flatnonzero(maybe) if maybe is not None else []
            if len(candidates):  # ... and then every other column too
                rows = body.iloc[candidates]
                blank[candidates] = np.logical_and.reduce([_empty(rows[c]) for c in rows])
            self.keep = ~blank
        self.n_blank = int(blank.sum())
        first = header + 2  # Excel row of the first row below the header
        self.excel_rows = (pd.RangeIndex(first, first + len(blank)) if self.n_blank == 0 else
                           pd.Index(np.arange(first, first + len(blank))[~blank]))
        self._kept_positions = None

    def cell(self, i: int, j: int):
        if self.frame is not None:
            if j >= self.frame.shape[1]:
                return ""
            if self._kept_positions is None:
                self._kept_positions = np.flatnonzero(self.keep)
            value = self.frame.iat[int(self._kept_positions[i]), j]
            if isinstance(value, float):
                return "" if value != value else (str(int(value)) if value.is_integer() else repr(value))
            return value
        row = self.rows[i]
        return row[j] if j < len(row) else ""

    def parse(self, j: int, parser, stop_on_fatal, as_is=None) -> tuple[ParsedColumn, list[str]]:
        """``parser`` on column ``j``; a large CSV's text column is parsed once per distinct cell.
        A large CSV's column is not parsed at all when ``as_is(cells)`` (checking all cells at
        once) says the parser would keep every cell as it is, with no reason and no note."""
        if self.frame is None:
            cells = pd.Series([row[j] if j < len(row) else "" for row in self.rows], dtype=object)
        elif j >= self.frame.shape[1]:
            cells = pd.Series([""] * len(self.excel_rows), dtype=object)
        else:
            column = self.frame.iloc[:, j]
            cells = column if self.n_blank == 0 else column[self.keep].reset_index(drop=True)
            if as_is is not None and as_is(cells):
                return ParsedColumn(cells, None), []
            if not pd.api.types.is_float_dtype(cells.dtype):
                return self._parse_distinct(cells, parser, stop_on_fatal)
        values, why, notes = parser(cells)
        stop_on_fatal(why, self.excel_rows)
        return ParsedColumn(values, why), notes

    def _parse_distinct(self, cells: pd.Series, parser, stop_on_fatal):
        codes, uniques = pd.factorize(cells, use_na_sentinel=False)  # in first-seen order, so a
        distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)  # note's example
        distinct[distinct.isna()] = ""  # is the first one; a missing cell (short row) is ""
        weights = pd.Series(np.bincount(codes, minlength=len(distinct)))
        with weighted(weights):
            values, why, notes = parser(distinct)
        fatal = np.array([isinstance(v, FatalReason) for v in why[why.notna()]], dtype=bool)
        if fatal.any():  # only then every row's reason is looked at
            fatal_cells = np.zeros(len(why), dtype=bool)
            fatal_cells[np.flatnonzero(why.notna().to_numpy())[fatal]] = True
            rows = np.flatnonzero(fatal_cells[codes])
            stop_on_fatal(pd.Series(why.to_numpy()[codes[rows]], index=rows, dtype=object),
                          self.excel_rows)
        return ParsedColumn(values.reset_index(drop=True), why.reset_index(drop=True), codes), notes


def _empty_cells(column: pd.Series) -> np.ndarray | None:
    """:func:`_empty` of a large CSV's column, or None when no cell is empty; Arrow text and
    numbers say so without a per-row array (Arrow: the null count and the shortest value)."""
    if is_arrow_text(column):
        import pyarrow as pa
        import pyarrow.compute as pc

        text = pa.chunked_array(pa.array(column.array))
        if len(text) == 0 or (text.null_count == 0 and pc.min(pc.binary_length(text)).as_py() > 0):
            return None
    elif column.dtype != object and not column.isna().any():
        return None
    empty = _empty(column)
    return empty if empty.any() else None


def _empty(column: pd.Series) -> np.ndarray:
    """True where a cell of a large CSV's column is empty ("" or missing)."""
    if column.dtype == object:
        values = column.to_numpy()
        return pd.isna(values) | (values == "")
    if is_arrow_text(column):
        return column.isna().to_numpy() | column.eq("").fillna(False).to_numpy(dtype=bool)
    return column.isna().to_numpy()
