"""A student's answers as plain data: taken out of the kernel, rebuilt in the grader.

Grading (:mod:`crmlab.grading`) never trusts what a student's kernel says about itself. In a
graded run every check cell is replaced by a cell that calls :func:`save`: it evaluates the
answer expressions of the check call (``rfm表`` in ``checks.check_rfm(rfm表, 进度)``) and
writes their values to a JSON file, as plain data only:

- numbers, text, ``None``, ``...`` (the placeholder), dates and time spans;
- lists, tuples, dicts and numpy arrays of these;
- a pandas DataFrame or Series: its columns with their kind (int, float, bool, str,
  datetime, timedelta, object) and values, and its index;
- a groupby object: its number of groups and the grouped table;
- a matplotlib chart (Axes or Figure): reduced to its bars (x, y, width, height), tick
  labels, axis labels and title;
- a file path (``str`` or ``Path``) naming an existing file: the path and the file's bytes
  (at most :data:`MAX_FILE_BYTES`), so the grader can read the file the student saved;
- anything else: only its type name.

:func:`load` turns such a file back into pandas / matplotlib objects in the grader's process,
with the json module only (never ``pickle``: unpickling what a student's kernel wrote would
run the student's code in the grader). The checks of :mod:`crmlab.checks` then judge the
rebuilt answers exactly as they judge a student's own objects.
"""

from __future__ import annotations

import base64
import json
import math
import os
from pathlib import Path, PurePath

FORMAT = 1
MAX_FILE_BYTES = 8 * 1024 * 1024  # a saved file sent along with its path
MAX_ANSWER_BYTES = 32 * 1024 * 1024  # one answer file the grader agrees to read (crmlab.answer_loading)
MAX_DEPTH = 6  # nesting of lists / dicts
MAX_ITEMS = 2_000_000  # values in one column or list
FILE_NAME = "answer-{index}.json"


# ---------------------------------------------------------------- in the student's kernel

def save(index: int, answers: dict, folder) -> None:
    """Evaluate each ``name -> thunk`` of ``answers`` and write the values to ``folder``.

    An expression that raises is written as an error (its exception name and first line), so
    the grader can tell "the answer is missing" from "the answer is wrong". Called by the check
    cells of a graded run; prints nothing.
    """
    record = {"format": FORMAT, "index": index, "answers": {}}
    for name, thunk in answers.items():
        try:
            record["answers"][name] = encode(thunk())
        except BaseException as problem:  # noqa: BLE001 - any failure is the student's to see
            if isinstance(problem, (KeyboardInterrupt, SystemExit)):
                raise
            text = str(problem).strip().splitlines()
            record["answers"][name] = {"kind": "error", "ename": type(problem).__name__,
                                       "evalue": text[0][:200] if text else ""}
    path = Path(folder) / FILE_NAME.format(index=index)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    os.replace(temporary, path)


def _scalar(value):
    """A JSON-able form of one scalar value (None when it is missing)."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else float(value)
    if isinstance(value, float):
        return {"float": repr(value)} if not math.isfinite(value) else value
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat") and hasattr(value, "year"):
        return {"datetime": pd.Timestamp(value).tz_localize(None).isoformat()
                if pd.Timestamp(value).tzinfo else pd.Timestamp(value).isoformat()}
    if isinstance(value, (pd.Timedelta,)) or type(value).__name__ == "timedelta":
        return {"timedelta": int(pd.Timedelta(value).value)}
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return {"other": type(value).__name__}


def _column(values) -> dict:
    """One column (or index, or array): its kind and its values as JSON-able scalars."""
    import numpy as np
    import pandas as pd

    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    if len(series) > MAX_ITEMS:
        raise ValueError(f"too many values ({len(series)})")
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        series = series.astype(object)
        dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) and not series.isna().any():
        return {"kind": "bool", "values": [bool(v) for v in series.to_numpy()]}
    if pd.api.types.is_integer_dtype(dtype) and not series.isna().any():
        return {"kind": "int", "values": [int(v) for v in series.to_numpy()]}
    if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        numbers = series.astype("float64").to_numpy()
        return {"kind": "float", "values": [None if np.isnan(v) else _scalar(float(v)) for v in numbers]}
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        unit = np.datetime_data(series.dtype)[0]
        stamps = series.astype("datetime64[ns]")
        return {"kind": "datetime", "unit": unit,
                "values": [None if pd.isna(v) else int(v.value) for v in stamps]}
    if pd.api.types.is_timedelta64_dtype(dtype):
        return {"kind": "timedelta", "unit": np.datetime_data(series.dtype)[0],
                "values": [None if pd.isna(v) else int(v.value) for v in series.astype("timedelta64[ns]")]}
    if pd.api.types.is_string_dtype(dtype) and all(isinstance(v, str) or v is None or v is pd.NA
                                                   or (isinstance(v, float) and math.isnan(v))
                                                   for v in series.to_numpy()):
        return {"kind": "str", "string": isinstance(dtype, pd.StringDtype),
                "values": [v if isinstance(v, str) else None for v in series.to_numpy()]}
    return {"kind": "object", "values": [_scalar(v) for v in series.to_numpy()]}


def _index(index) -> dict:
    import pandas as pd

    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": _name(index.name)}
    if isinstance(index, pd.MultiIndex):
        index = index.to_flat_index().map(lambda t: " ".join(str(v) for v in t))
    return {"values": _column(pd.Series(index.to_numpy(), dtype=index.dtype)), "name": _name(index.name)}


def _name(name):
    """A column or index name as JSON (tuples of a MultiIndex are joined with spaces)."""
    if isinstance(name, tuple):
        return " ".join(str(v) for v in name)
    scalar = _scalar(name)
    return scalar if not isinstance(scalar, dict) or "datetime" in scalar else str(name)


def _axes_of(value):
    """The Axes behind a chart answer (Axes, Figure, BarContainer, a list / array of Axes), or None."""
    import sys

    if "matplotlib" not in sys.modules:
        return None
    from matplotlib.axes import Axes
    from matplotlib.container import Container
    from matplotlib.figure import Figure, SubFigure

    if isinstance(value, Axes):
        return value
    if isinstance(value, (Figure, SubFigure)):
        return next((ax for ax in value.axes if ax.patches), value.axes[0] if value.axes else None)
    if isinstance(value, Container):
        return next((a.axes for a in value if isinstance(getattr(a, "axes", None), Axes)), None)
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        items = value.ravel().tolist() if hasattr(value, "ravel") else list(value)
        if items and all(isinstance(item, Axes) for item in items):
            return next((ax for ax in items if ax.patches), items[0])
    return None


def _chart(value) -> dict | None:
    """A chart answer reduced to its bars, ticks, labels and titles; None for anything else."""
    axes = _axes_of(value)
    if axes is None:
        return None
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    bars = [[float(p.get_x()), float(p.get_y()), float(p.get_width()), float(p.get_height())]
            for p in axes.patches if isinstance(p, Rectangle)]
    orientations = sorted({str(getattr(c, "orientation", "")) for c in axes.containers} - {"", "None"})

    def ticks(axis):
        locations = list(axis.get_majorticklocs())[:1000]
        try:  # the labels as they would be drawn (a categorical axis has none before drawing)
            labels = axis.get_major_formatter().format_ticks(locations)
        except Exception:  # noqa: BLE001 - a formatter that cannot say: positions only
            labels = [""] * len(locations)
        return [[float(v), str(text)] for v, text in zip(locations, labels)]

    suptitle = getattr(axes.figure, "_suptitle", None) if axes.figure is not None else None
    return {"kind": "chart", "figure": isinstance(value, Figure), "bars": bars[:10_000],
            "orientation": orientations[0] if len(orientations) == 1 else "",
            "title": axes.get_title(), "title_left": axes.get_title("left"),
            "title_right": axes.get_title("right"),
            "suptitle": suptitle.get_text() if suptitle is not None else "",
            "xlabel": axes.get_xlabel(), "ylabel": axes.get_ylabel(),
            "xticks": ticks(axes.xaxis), "yticks": ticks(axes.yaxis),
            "xlim": [float(v) for v in axes.get_xlim()], "ylim": [float(v) for v in axes.get_ylim()]}


def _file(text: str, was_path: bool) -> dict:
    data = {"kind": "path" if was_path else "str", "value": text}
    try:
        if len(text) < 4096 and os.path.isfile(text):
            # where it is matters to a check (e.g. "saved next to the notebook")
            data["in_cwd"] = os.path.dirname(os.path.abspath(text)) == os.getcwd()
            size = os.path.getsize(text)
            data["size"] = size
            if size <= MAX_FILE_BYTES:
                with open(text, "rb") as handle:
                    data["content"] = base64.b64encode(handle.read(MAX_FILE_BYTES + 1)).decode("ascii")
    except (OSError, ValueError):
        pass
    return data


def encode(value, depth: int = 0) -> dict:
    """Plain JSON-able data describing ``value`` (see the module docstring)."""
    import numpy as np
    import pandas as pd

    if depth > MAX_DEPTH:
        return {"kind": "other", "type": type(value).__name__}
    if value is Ellipsis:
        return {"kind": "placeholder"}
    if isinstance(value, PurePath):
        return _file(str(value), was_path=True)
    if isinstance(value, str):
        return _file(value, was_path=False)
    if isinstance(value, pd.DataFrame):
        return {"kind": "frame", "columns": [{"name": _name(c), **_column(value.iloc[:, j])}
                                             for j, c in enumerate(value.columns)],
                "index": _index(value.index)}
    if isinstance(value, pd.Series):
        return {"kind": "series", "name": _name(value.name), "values": _column(value.reset_index(drop=True)),
                "index": _index(value.index)}
    if isinstance(value, pd.Index):
        return {"kind": "index", **_index(value)}
    chart = _chart(value)
    if chart is not None:
        return chart
    if isinstance(value, np.ndarray):
        return {"kind": "array", "values": _column(pd.Series(value.ravel()))}
    if hasattr(value, "ngroups") and isinstance(getattr(value, "obj", None), (pd.DataFrame, pd.Series)):
        return {"kind": "groupby", "ngroups": int(value.ngroups), "obj": encode(value.obj, depth + 1)}
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_ITEMS:
            return {"kind": "other", "type": type(value).__name__}
        return {"kind": type(value).__name__, "items": [encode(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            return {"kind": "other", "type": "dict"}
        return {"kind": "dict", "items": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    return {"kind": "scalar", "value": _scalar(value)}


# ---------------------------------------------------------------- in the grader

from crmlab.answer_loading import AnswerError, EvaluationFailed, Grouped, decode, load  # noqa: E402,F401
