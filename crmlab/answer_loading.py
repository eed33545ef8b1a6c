"""Reading back, in the grader, the answers :mod:`crmlab.answers` wrote in a student's kernel.

Only the json module reads the file, and only the kinds :func:`crmlab.answers.encode` writes
are rebuilt (pandas frames and series, a groupby's size, a chart's bars and labels as a
matplotlib Axes, files sent with their paths): never ``pickle``, so nothing of the student's
code runs in the grader. Anything else in the file makes it an :class:`AnswerError`.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path, PurePath

MAX_DEPTH = 6
MAX_FILE_BYTES = 8 * 1024 * 1024  # as crmlab.answers
MAX_ANSWER_BYTES = 32 * 1024 * 1024  # one answer file the grader agrees to read


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
        stamps = pd.Series(pd.to_datetime([pd.NaT if v is None else int(v) for v in values], unit="ns"))
        unit = str(data.get("unit", "ns"))
        return stamps.astype(f"datetime64[{unit}]") if unit in ("s", "ms", "us", "ns") else stamps
    if kind == "timedelta":
        spans = pd.Series(pd.to_timedelta([pd.NaT if v is None else int(v) for v in values], unit="ns"))
        unit = str(data.get("unit", "ns"))
        return spans.astype(f"timedelta64[{unit}]") if unit in ("s", "ms", "us", "ns") else spans
    if kind == "str":  # pandas' own text dtype when it was one (pandas 3's default), else object
        texts = [v if v is None else str(v) for v in values]
        return pd.Series(texts, dtype="str" if data.get("string") else object)
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
    bars = [[float(v) for v in bar] for bar in data.get("bars", [])]
    if bars and data.get("orientation") == "vertical":  # a BarContainer, as plt.bar makes
        axes.bar([x for x, _, _, _ in bars], [h for _, _, _, h in bars], [w for _, _, w, _ in bars],
                 [y for _, y, _, _ in bars], align="edge")
    elif bars and data.get("orientation") == "horizontal":
        axes.barh([y for _, y, _, _ in bars], [w for _, _, w, _ in bars], [h for _, _, _, h in bars],
                  [x for x, _, _, _ in bars], align="edge")
    else:
        for x, y, width, height in bars:
            axes.add_patch(Rectangle((x, y), width, height))
    for name, setter, setlim in (("xticks", axes.set_xticks, axes.set_xlim),
                                 ("yticks", axes.set_yticks, axes.set_ylim)):
        ticks = data.get(name) or []
        setter([float(t[0]) for t in ticks], [str(t[1]) for t in ticks])
        if data.get(name[0] + "lim"):
            setlim(*[float(v) for v in data[name[0] + "lim"]])
    axes.set_title(str(data.get("title", "")))
    if data.get("title_left"):
        axes.set_title(str(data["title_left"]), loc="left")
    if data.get("title_right"):
        axes.set_title(str(data["title_right"]), loc="right")
    if data.get("suptitle"):
        figure.suptitle(str(data["suptitle"]))
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
            # a file saved in the kernel's working folder goes to files_folder/cwd, the folder a
            # check runs in (see crmlab.grade_judge), and keeps its relative name; any other
            # file goes to a folder of its own and is named by its new absolute path
            name = PurePath(text.replace("\\", "/")).name or "file"
            if data.get("in_cwd"):
                folder = Path(files_folder) / "cwd"
            else:
                folder = Path(files_folder) / f"elsewhere-{len(list(Path(files_folder).glob('elsewhere-*')))}"
            folder.mkdir(parents=True, exist_ok=True)
            saved = folder / name
            saved.write_bytes(base64.b64decode(str(data["content"]))[:MAX_FILE_BYTES])
            if data.get("in_cwd") and not PurePath(text).is_absolute():
                return Path(text) if kind == "path" else text
            return saved if kind == "path" else str(saved)
        return Path(text) if kind == "path" else text
    if kind == "frame":
        columns = [_uncolumn(c) for c in data["columns"]]
        index = _unindex(data["index"])
        frame = pd.DataFrame({j: column.to_numpy() if column.dtype != object else column
                              for j, column in enumerate(columns)})
        frame.columns = pd.Index([_unscalar(c.get("name")) for c in data["columns"]])
        if len(index) == len(frame):
            frame.index = index
        return frame
    if kind == "series":
        values = _uncolumn(data["values"])
        index = _unindex(data["index"])
        series = pd.Series(values.to_numpy() if values.dtype != object else values.tolist(),
                           name=_unscalar(data.get("name")), dtype=values.dtype)
        if len(index) == len(series):
            series.index = index
        return series
    if kind == "index":
        return _unindex(data)
    if kind == "array":
        return _uncolumn(data["values"]).to_numpy()
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
