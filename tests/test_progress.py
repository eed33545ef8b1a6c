"""crmlab/progress.py: which reporter a load gets, and what the bars show."""

from __future__ import annotations

import io

import pytest

from crmlab.errors import CrmlabError
from crmlab.progress import LARGE_FILE_BYTES, Stages, TextBar, reporter


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_small_files_are_silent_even_on_a_terminal():
    report = reporter(None, size_bytes=LARGE_FILE_BYTES - 1, stream=FakeTerminal())
    report("读取工作表", 0.5)
    assert not isinstance(report, TextBar)


def test_large_file_on_a_terminal_gets_a_text_bar():
    term = FakeTerminal()
    report = reporter(None, size_bytes=LARGE_FILE_BYTES, stream=term)
    report("清洗：金额", 0.5)
    assert "[############............]  50%  清洗：金额" in term.getvalue()


def test_large_file_into_a_pipe_stays_silent():
    pipe = io.StringIO()  # not a terminal: a log file or a captured stderr
    reporter(None, size_bytes=10 * LARGE_FILE_BYTES, stream=pipe)("读取工作表", 0.5)
    assert pipe.getvalue() == ""


def test_false_silences_and_true_forces():
    term = FakeTerminal()
    reporter(False, size_bytes=10 * LARGE_FILE_BYTES, stream=term)("读取工作表", 0.5)
    assert term.getvalue() == ""
    pipe = io.StringIO()
    reporter(True, size_bytes=0, stream=pipe)("读取工作表", 0.25)
    assert " 25%  读取工作表" in pipe.getvalue()


def test_a_callable_gets_every_call():
    seen = []
    report = reporter(lambda stage, f: seen.append((stage, f)))
    report("检查文件", 0.0)
    report("完成", 1.0)
    assert seen == [("检查文件", 0.0), ("完成", 1.0)]


def test_bad_progress_value_is_explained_in_chinese():
    with pytest.raises(CrmlabError, match="progress 应当是"):
        reporter("yes")


def test_text_bar_finishes_the_line_with_the_time():
    out = io.StringIO()
    bar = TextBar(out)
    bar("读取工作表", 0.4)
    bar("完成", 1.0)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    assert "100%  完成（用时" in text


def test_stages_turn_shares_into_fractions():
    seen = []
    stages = Stages({"检查文件": 1, "读取工作表": 5, "清洗": 4}, lambda s, f: seen.append((s, f)))
    stages.enter("检查文件")
    stages.enter("读取工作表")
    stages.enter("清洗", "清洗：日期")
    stages.enter("清洗", "清洗：金额", within=0.5)
    stages.done()
    # shares 1 : 5 : 4 of 10 -> stages start at 0, 0.1 and 0.6; halfway through 清洗 is 0.8
    assert seen == [("检查文件", 0.0), ("读取工作表", 0.1), ("清洗：日期", 0.6), ("清洗：金额", 0.8),
                    ("完成", 1.0)]


def test_notebook_bar_html():
    from crmlab.progress import NotebookBar

    bar = NotebookBar.__new__(NotebookBar)  # without a running notebook: only the HTML
    bar.start = 0.0
    html = bar._render("清洗：金额", 0.5)
    assert '<progress value="50" max="100"' in html and "读取交易记录 50%　清洗：金额" in html


def test_a_stopped_load_ends_its_line():
    out = io.StringIO()
    stages = Stages({"读取工作表": 1, "清洗": 1}, TextBar(out))
    stages.enter("读取工作表")
    stages.close()  # e.g. the file turned out to be damaged
    assert out.getvalue().endswith("\n") and "100%" not in out.getvalue()


def test_load_transactions_reports_every_stage(tmp_path):
    import pandas as pd

    from crmlab import load_transactions

    path = tmp_path / "交易.csv"
    pd.DataFrame({"客户": ["甲", "乙"], "日期": ["2021-03-01", "2021-03-02"],
                  "金额": [10, 20]}).to_csv(path, index=False)
    seen = []
    load_transactions(path, progress=lambda stage, f: seen.append((stage, round(f, 3))))
    stages = [s for s, _ in seen]
    assert stages[:3] == ["检查文件", "读取文件", "识别表头和列"]
    assert stages[3:6] == ["清洗：客户", "清洗：日期", "清洗：金额"]
    assert stages[-2:] == ["核对", "完成"]
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0


def test_a_failed_load_still_closes_the_bar(tmp_path):
    from crmlab import load_transactions

    path = tmp_path / "坏.csv"
    path.write_text("客户,日期,金额\n甲,不是日期,abc\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CrmlabError):
        load_transactions(path, progress=TextBar(out))
    assert out.getvalue().endswith("\n")
