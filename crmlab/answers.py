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
MAX_ANSWER_BYTES = 32 * 1024 * 1024  # one answer file the grader agrees to read
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
        stamps = series.astype("datetime64[ns]")
        return {"kind": "datetime", "values": [None if pd.isna(v) else int(v.value) for v in stamps]}
    if pd.api.types.is_timedelta64_dtype(dtype):
        return {"kind": "timedelta", "values": [None if pd.isna(v) else int(v.value)
                                                for v in series.astype("timedelta64[ns]")]}
    if pd.api.types.is_string_dtype(dtype) and all(isinstance(v, str) or v is None or v is pd.NA
                                                   or (isinstance(v, float) and math.isnan(v))
                                                   for v in series.to_numpy()):
        return {"kind": "str", "values": [v if isinstance(v, str) else None for v in series.to_numpy()]}
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


def _chart(value) -> dict | None:
    """A matplotlib Axes or Figure reduced to bars, labels and title; None for anything else."""
    import sys

    if "matplotlib" not in sys.modules:
        return None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    if isinstance(value, Figure):
        if not value.axes:
            return {"kind": "chart", "figure": True, "empty": True}
        axes = value.axes[0]
    elif isinstance(value, Axes):
        axes = value
    else:
        return None
    bars = [[float(p.get_x()), float(p.get_y()), float(p.get_width()), float(p.get_height())]
            for p in axes.patches if isinstance(p, Rectangle)]

    def ticks(axis):
        return [[float(t.get_loc()), t.label1.get_text()] for t in axis.get_major_ticks()]

    return {"kind": "chart", "figure": isinstance(value, Figure), "bars": bars[:10_000],
            "title": axes.get_title(), "xlabel": axes.get_xlabel(), "ylabel": axes.get_ylabel(),
            "xticks": ticks(axes.xaxis)[:1000], "yticks": ticks(axes.yaxis)[:1000],
            "xlim": [float(v) for v in axes.get_xlim()], "ylim": [float(v) for v in axes.get_ylim()]}


def _file(text: str, was_path: bool) -> dict:
    data = {"kind": "path" if was_path else "str", "value": text}
    try:
        if len(text) < 4096 and os.path.isfile(text):
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
        return {"kind": "series", "name": _name(value.name), **_column(value.reset_index(drop=True)),
                "index": _index(value.index)}
    if isinstance(value, pd.Index):
        return {"kind": "index", **_index(value)}
    if isinstance(value, np.ndarray):
        return {"kind": "array", **_column(pd.Series(value.ravel()))}
    if hasattr(value, "ngroups") and isinstance(getattr(value, "obj", None), (pd.DataFrame, pd.Series)):
        return {"kind": "groupby", "ngroups": int(value.ngroups), "obj": encode(value.obj, depth + 1)}
    chart = _chart(value)
    if chart is not None:
        return chart
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

class AnswerError(Exception):
    """An answer file that cannot be read back (too big, not JSON, not in the format)."""


class EvaluationFailed:
    """An answer whose expression raised in the student's kernel (``ename``, ``evalue``)."""

    def __init__(self, ename: str, evalue: str):
        self.ename, self.evalue = ename, evalue

    def __repr__(self) -> str:
        return f"{self.ename}: {self.evalue}" if self.evalue else self.ename


def load(path, files_folder) -> dict:
    """The answers of one answer file: name -> rebuilt value (or :class:`EvaluationFailed`).

    Files sent along with a path are written into ``files_folder`` (a folder of the grader's
    own) under their base name, and the answer becomes that new path. Raises
    :class:`AnswerError` when the file is larger than :data:`MAX_ANSWER_BYTES` or malformed.
    """
    path = Path(path)
    if path.stat().st_size > MAX_ANSWER_BYTES:
        raise AnswerError(f"答案数据超过 {MAX_ANSWER_BYTES // 1024 // 1024} MB，没有检查")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        answers = record["answers"]
        return {str(name): decode(data, files_folder) for name, data in answers.items()}
    except AnswerError:
        raise
    except Exception as problem:  # noqa: BLE001 - whatever the kernel wrote, it is not valid
        raise AnswerError(f"答案数据无法读取（{type(problem).__name__}）") from None


def _unscalar(data):
    import pandas as pd

    if isinstance(data, dict):
        if "float" in data:
            return float(data["float"])
        if "datetime" in data:
            return pd.Timestamp(str(data["datetime"]))
        if "timedelta" in data:
            return pd.Timedelta(int(data["timedelta"]))
        return type(str(data.get("other", "object")), (), {})()
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    raise AnswerError("unknown scalar")


def _uncolumn(data: dict):
    import numpy as np
    import pandas as pd

    kind, values = data["kind"], list(data["values"])
    if kind == "bool":
        return pd.Series(np.array(values, dtype=bool))
    if kind == "int":
        return pd.Series(np.array([int(v) for v in values], dtype="int64"))
    if kind == "float":
        return pd.Series(np.array([np.nan if v is None else float(_unscalar(v)) for v in values],
                                  dtype="float64"))
    if kind == "datetime":
        return pd.Series(pd.to_datetime([pd.NaT if v is None else int(v) for v in values], unit="ns"))
    if kind == "timedelta":
        return pd.Series(pd.to_timedelta([pd.NaT if v is None else int(v) for v in values], unit="ns"))
    if kind == "str":
        return pd.Series([v if v is None else str(v) for v in values], dtype=object)
    if kind == "object":
        return pd.Series([_unscalar(v) for v in values], dtype=object)
    raise AnswerError(f"unknown column kind {kind!r}")


def _unindex(data: dict):
    import pandas as pd

    name = _unscalar(data.get("name"))
    if "range" in data:
        start, stop, step = (int(v) for v in data["range"])
        return pd.RangeIndex(start, stop, step or 1, name=name)
    return pd.Index(_uncolumn(data["values"]), name=name)


def _unchart(data: dict):
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    figure = Figure()
    if data.get("empty"):
        return figure
    axes = figure.add_subplot()
    for x, y, width, height in data.get("bars", []):
        axes.add_patch(Rectangle((float(x), float(y)), float(width), float(height)))
    for name, setter, setlim in (("xticks", axes.set_xticks, axes.set_xlim),
                                 ("yticks", axes.set_yticks, axes.set_ylim)):
        ticks = data.get(name) or []
        setter([float(t[0]) for t in ticks], [str(t[1]) for t in ticks])
        if data.get(name[0] + "lim"):
            setlim(*[float(v) for v in data[name[0] + "lim"]])
    axes.set_title(str(data.get("title", "")))
    axes.set_xlabel(str(data.get("xlabel", "")))
    axes.set_ylabel(str(data.get("ylabel", "")))
    return figure if data.get("figure") else axes


def decode(data: dict, files_folder, depth: int = 0):
    """The object described by :func:`encode`'s ``data`` (pandas / matplotlib / Python values)."""
    import numpy as np
    import pandas as pd

    if depth > MAX_DEPTH + 1:
        raise AnswerError("too deep")
    kind = data["kind"]
    if kind == "placeholder":
        return ...
    if kind == "error":
        return EvaluationFailed(str(data.get("ename", "Error")), str(data.get("evalue", "")))
    if kind == "scalar":
        return _unscalar(data["value"])
    if kind in ("str", "path"):
        text = str(data["value"])
        if "content" in data:
            folder = Path(files_folder) / f"file-{len(list(Path(files_folder).iterdir()))}"
            folder.mkdir(parents=True)
            name = PurePath(text.replace("\\", "/")).name or "file"
            saved = folder / name
            saved.write_bytes(base64.b64decode(str(data["content"]))[:MAX_FILE_BYTES])
            return saved if kind == "path" else str(saved)
        return Path(text) if kind == "path" else text
    if kind == "frame":
        columns = [_uncolumn(c) for c in data["columns"]]
        index = _unindex(data["index"])
        frame = pd.DataFrame({j: column.to_numpy() if column.dtype != object else column
                              for j, column in enumerate(columns)})
        frame.columns = pd.Index([_unscalar(c.get("name")) for c in data["columns"]], dtype=object)
        if len(index) == len(frame):
            frame.index = index
        return frame
    if kind == "series":
        values = _uncolumn(data)
        index = _unindex(data["index"])
        series = pd.Series(values.to_numpy() if values.dtype != object else values.tolist(),
                           name=_unscalar(data.get("name")), dtype=values.dtype)
        if len(index) == len(series):
            series.index = index
        return series
    if kind == "index":
        return _unindex(data)
    if kind == "array":
        return _uncolumn(data).to_numpy()
    if kind == "groupby":
        obj = decode(data["obj"], files_folder, depth + 1)
        return Grouped(int(data["ngroups"]), obj)
    if kind == "chart":
        return _unchart(data)
    if kind in ("list", "tuple"):
        items = [decode(v, files_folder, depth + 1) for v in data["items"]]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {_hashable(decode(k, files_folder, depth + 1)): decode(v, files_folder, depth + 1)
                for k, v in data["items"]}
    if kind == "other":
        return type(str(data.get("type", "object")), (), {})()
    del np
    raise AnswerError(f"unknown kind {kind!r}")


def _hashable(key):
    try:
        hash(key)
        return key
    except TypeError:
        return str(key)


class Grouped:
    """What the grader keeps of a student's groupby object: ``ngroups`` and the grouped ``obj``."""

    def __init__(self, ngroups: int, obj):
        self.ngroups, self.obj = ngroups, obj

    def __repr__(self) -> str:
        return f"<分组结果：{self.ngroups} 组>"
