"""Tests for crmlab/error_hints.py: a Chinese line above the traceback of common errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from crmlab.error_hints import hint_for, warning_hint


def _raised(code: str, **names):
    try:
        exec(code, {"pd": pd, **names})
    except Exception as error:  # noqa: BLE001 - the error is what the test looks at
        return type(error), error, error.__traceback__
    raise AssertionError("no error")


@pytest.mark.parametrize("code", ['表["客户"]', '表.groupby("客户")', '表[["客户名称", "客户"]]',
                                  '表.sort_values("客户")', '表.groupby("客户名称").agg(F=("客户", "nunique"))',
                                  '表.loc[:, "客户"]'])
def test_missing_column_lists_the_columns_that_exist(code):
    table = pd.DataFrame({"客户名称": ["甲"], "交易日期": ["2021-03-01"]})
    hint = hint_for(*_raised(code, 表=table))
    assert "「客户」" in hint and "现有的列：客户名称、交易日期" in hint
    assert ("行或列" in hint) == (".loc" in code)


def test_key_error_outside_a_table_gets_no_hint():
    assert hint_for(*_raised('{}["x"]')) is None
    assert hint_for(ZeroDivisionError, ZeroDivisionError()) is None


def test_name_error_says_run_the_cells_above():
    hint = hint_for(*_raised("交易.head()"))
    assert "「交易」还没有定义" in hint and "上面的格子" in hint


def test_date_minus_text_says_to_datetime():
    table = pd.DataFrame({"交易日期": ["2021-03-01"]})
    hint = hint_for(*_raised('pd.Timestamp("2021-04-01") - 表["交易日期"]', 表=table))
    assert "pd.to_datetime" in hint
    assert hint_for(*_raised('1 - "a"')) is None  # not about dates


def test_reading_engine_warning_is_explained():
    text = ("The default engine for reading 'xlsx' files will change from 'openpyxl' to 'calamine' "
            "in a future version. Pass engine='openpyxl' ...")
    assert 'engine="openpyxl"' in warning_hint(text)
    assert warning_hint("something else") is None


def test_in_ipython_the_hint_comes_first_and_the_traceback_stays():
    code = textwrap.dedent("""
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        shell.run_cell("from crmlab.fonts import _register_ipython_handler\\n"
                       "assert _register_ipython_handler()")
        shell.run_cell("import pandas as pd\\n表 = pd.DataFrame({'客户名称': ['甲']})")
        result = shell.run_cell("表['客户']")
        print("FAILED:", type(result.error_in_exec).__name__)
        result = shell.run_cell("还没有的变量")
        print("FAILED:", type(result.error_in_exec).__name__)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"})
    text = out.stdout + out.stderr
    first, _, rest = text.partition("FAILED:")
    assert "crmlab 提示：表里没有「客户」这个名字的列" in first
    assert first.index("crmlab 提示") < first.index("Traceback")  # the traceback is still shown
    assert rest.startswith(" KeyError")
    assert "crmlab 提示：「还没有的变量」还没有定义" in rest and "NameError" in rest
