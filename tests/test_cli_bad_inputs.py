"""The CLI on catalogue files (tests/bad_inputs.py): exit code 2, Chinese on stderr, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from bad_inputs import CASES

cli = pytest.importorskip("crmlab.cli")

CHINESE = re.compile(r"[\u4e00-\u9fff]")
PICKED = ["missing_amount_column", "two_date_columns", "most_dates_unparseable", "empty_sheet",
          "several_sheets_no_choice", "old_xls", "encrypted_workbook", "random_bytes",
          "truncated_xlsx", "xml_entity_bomb", "ids_in_scientific_notation", "formulas_never_calculated",
          "semicolon_csv_with_ambiguous_commas", "same_header_twice", "ids_of_19_digits_as_numbers"]
BY_NAME = {case.name: case for case in CASES}


@pytest.mark.parametrize("name", PICKED)
def test_cli_exits_2_with_a_chinese_message(name, tmp_path, capsys):
    case = BY_NAME[name]
    path = tmp_path / case.filename
    try:
        case.build(path)
    except ImportError as exc:
        pytest.skip(f"fixture needs {exc.name}")
    code = cli.main(["rfm", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert CHINESE.search(err) and case.error in err
    assert case.filename in err
    assert "Traceback" not in out + err


def test_cli_as_a_real_process_prints_no_traceback(tmp_path):
    case = BY_NAME["truncated_xlsx"]
    path = tmp_path / case.filename
    case.build(path)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "crmlab", "rfm", str(path)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)
    assert done.returncode == 2
    assert "文件已损坏或不完整" in done.stderr and "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.mkdir(), "这是一个文件夹"),
    (lambda p: (os.symlink(p.with_name("b.csv"), p), os.symlink(p, p.with_name("b.csv"))), "绕成了一个圈"),
])
def test_cli_output_problems_exit_2_naming_the_path_given(tmp_path, capsys, make, reason):
    out = tmp_path / "结果.csv"
    make(out)
    code = cli.main(["rfm", "--out", str(out)])
    stdout, err = capsys.readouterr()
    assert code == 2 and reason in err and str(out) in err
    assert "Traceback" not in stdout + err and ".tmp" not in err and "Errno" not in err
