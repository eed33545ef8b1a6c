"""crmlab.answers: a student's answers written as plain JSON data and rebuilt in the grader.

Every value is small and written out here; what comes back must be equal to what went in (for a
chart: its bars, ticks, labels and title), and a file that is not in the format must be refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlab import answers
from crmlab.checks.charts import as_axes, bar_lengths, title_of


def round_trip(tmp_path, value):
    answers.save(0, {"answer": lambda: value}, tmp_path)
    files = tmp_path / "files"
    files.mkdir(exist_ok=True)
    return answers.load(tmp_path / "answer-0.json", files)["answer"]


def test_frames_keep_columns_kinds_values_and_index(tmp_path):
    frame = pd.DataFrame({
        "客户名称": ["张三", "李四", None],
        "R": [3, 10, 7],
        "M": [1.5, np.nan, 2.25],
        "交易日期": [pd.Timestamp("2021-03-01"), pd.NaT, pd.Timestamp("2021-03-31 12:00")],
        "间隔": pd.to_timedelta([1, 2, 3], unit="D"),
        "高": [True, False, True],
        "等级": pd.Categorical(["A", "B", "A"]),
    }, index=[5, 6, 7])
    back = round_trip(tmp_path, frame)
    pd.testing.assert_frame_equal(back, frame.astype({"等级": object}), check_index_type=False)


def test_series_scalars_and_containers(tmp_path):
    counts = pd.Series([3, 2], index=["重要价值客户", "一般挽留客户"], name="count")
    pd.testing.assert_series_equal(round_trip(tmp_path, counts), counts)
    assert round_trip(tmp_path, ...) is Ellipsis
    assert round_trip(tmp_path, np.float64(0.25)) == 0.25
    assert round_trip(tmp_path, float("inf")) == float("inf")
    assert round_trip(tmp_path, pd.Timestamp("2021-04-01")) == pd.Timestamp("2021-04-01")
    assert round_trip(tmp_path, ["宏达集团", 2, None]) == ["宏达集团", 2, None]
    assert round_trip(tmp_path, {"R": 1.5, "F": 2}) == {"R": 1.5, "F": 2}
    assert type(round_trip(tmp_path, object())).__name__ == "object"


def test_a_groupby_keeps_its_number_of_groups(tmp_path):
    frame = pd.DataFrame({"客户": ["a", "b", "a"], "金额": [1, 2, 3]})
    back = round_trip(tmp_path, frame.groupby("客户"))
    assert back.ngroups == 2
    pd.testing.assert_frame_equal(back.obj, frame)


def test_a_chart_comes_back_with_its_bars_and_title(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.barh(["重要价值客户", "一般挽留客户"], [3, 2])
    ax.set_title("各类客户人数")
    back = round_trip(tmp_path, ax)
    plt.close(fig)
    assert sorted(p.get_width() for p in back.patches) == [2, 3]
    assert back.get_title() == "各类客户人数"
    assert [t.get_text() for t in back.get_yticklabels()] == ["重要价值客户", "一般挽留客户"]
    # the rebuilt chart is read by the same code as a student's own
    assert bar_lengths(as_axes(back)) == [3, 2] and title_of(back) == "各类客户人数"


def test_a_saved_file_travels_with_its_path(tmp_path):
    saved = tmp_path / "kernel" / "旭东客户分级.xlsx"
    saved.parent.mkdir()
    saved.write_bytes(b"PK fake workbook")
    back = round_trip(tmp_path, saved)
    assert isinstance(back, Path) and back.name == "旭东客户分级.xlsx"
    assert back.read_bytes() == b"PK fake workbook" and back != saved
    assert round_trip(tmp_path, str(tmp_path / "没有.xlsx")) == str(tmp_path / "没有.xlsx")


def test_an_answer_that_raised_is_kept_as_its_error(tmp_path):
    answers.save(0, {"answer": lambda: 未定义的名字}, tmp_path)  # noqa: F821 - the point
    failed = answers.load(tmp_path / "answer-0.json", tmp_path)["answer"]
    assert isinstance(failed, answers.EvaluationFailed)
    assert failed.ename == "NameError" and "未定义的名字" in failed.evalue


@pytest.mark.parametrize("text", ['{"answers": {"answer": {"kind": "pickle", "data": "gASV"}}}',
                                  "not json", '{"全部": "passed"}',
                                  '{"answers": {"answer": {"kind": "frame", "columns": 1}}}'])
def test_anything_else_is_refused(tmp_path, text):
    path = tmp_path / "answer-0.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(answers.AnswerError):
        answers.load(path, tmp_path)


def test_an_oversized_answer_file_is_not_read(tmp_path, monkeypatch):
    from crmlab import answer_loading

    monkeypatch.setattr(answer_loading, "MAX_ANSWER_BYTES", 100)
    path = tmp_path / "answer-0.json"
    path.write_text(json.dumps({"answers": {"answer": {"kind": "scalar", "value": "x" * 200}}}),
                    encoding="utf-8")
    with pytest.raises(answers.AnswerError, match="超过"):
        answers.load(path, tmp_path)


@pytest.mark.parametrize("draw", ["container", "figure", "subplots", "equal"])
def test_every_way_of_drawing_bars_keeps_their_lengths_and_direction(tmp_path, draw):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    values = [2, 2, 2] if draw == "equal" else [5, 3, 1]
    bars = ax.barh(["甲", "乙", "丙"], values)
    fig.suptitle("人数")
    answer = {"container": bars, "figure": fig, "subplots": np.array([ax]), "equal": ax}[draw]
    back = round_trip(tmp_path, answer)
    plt.close(fig)
    axes = back.axes[0] if hasattr(back, "add_subplot") else back
    assert [c.orientation for c in axes.containers] == ["horizontal"]
    assert [p.get_width() for p in axes.patches] == values       # widths, even when all equal
    assert axes.figure._suptitle.get_text() == "人数"
