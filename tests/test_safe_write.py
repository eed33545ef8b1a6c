"""Tests for crmlab/safe_write.py: formula escaping, refusing the input path, atomic writes."""

from __future__ import annotations

import os
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from crmlab.errors import CrmlabError
from crmlab.safe_write import (
    atomic_path,
    escape_formula,
    save_workbook,
    write_csv,
    write_table,
    write_xlsx,
)

NASTY = ["=1+1", "+86 123", "-2+3", "@SUM(A1)", "\tx", "\rx", "张三", "a=b"]


@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+86", "'+86"), ("-2", "'-2"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("张三", "张三"), ("a=b", "a=b"), ("", ""),
])
def test_escape_formula(text, expected):
    assert escape_formula(text) == expected


def test_escape_leaves_numbers_alone():
    assert escape_formula(-5) == -5 and escape_formula(-2.5) == -2.5


def test_csv_has_bom_and_escaped_text(tmp_path):
    frame = pd.DataFrame({"customer": NASTY, "M": [-1.5] * len(NASTY)})
    path = write_csv(frame, tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(back["customer"][:4]) == ["'=1+1", "'+86 123", "'-2+3", "'@SUM(A1)"]
    assert list(back["customer"][6:]) == ["张三", "a=b"]
    assert (back["M"] == -1.5).all()  # numbers are numbers, not escaped text


def test_xlsx_text_is_never_a_formula(tmp_path):
    frame = pd.DataFrame({"customer": NASTY, "M": [1.0] * len(NASTY)})
    path = write_xlsx(frame, tmp_path / "out.xlsx")
    with zipfile.ZipFile(path) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(path).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["A5"].value == "@SUM(A1)" and sheet["A5"].data_type == "s"
    assert sheet["B2"].value == 1.0 and sheet["B2"].data_type == "n"


def test_output_equal_to_input_is_refused(tmp_path):
    source = tmp_path / "交易记录.csv"
    source.write_text("original", encoding="utf-8")
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(CrmlabError, match="覆盖"):
        write_csv(frame, source, input_path=source)
    # the same file reached by another spelling of the path
    with pytest.raises(CrmlabError, match="覆盖"):
        write_csv(frame, tmp_path / "." / "交易记录.csv", input_path=str(source))
    assert source.read_text(encoding="utf-8") == "original"


def test_crash_leaves_old_file_and_no_half_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_crash_while_saving_workbook(tmp_path):
    class Broken:
        def save(self, path):
            with open(path, "wb") as fh:
                fh.write(b"PK half")
            raise OSError("disk full")

    with pytest.raises(CrmlabError, match="无法写入输出文件"):  # a Chinese error, no traceback
        save_workbook(Broken(), tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_and_bad_suffix(tmp_path):
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(CrmlabError, match="文件夹不存在"):
        write_csv(frame, tmp_path / "nope" / "out.csv")
    with pytest.raises(CrmlabError, match=r"\.csv 或 \.xlsx"):
        write_table(frame, tmp_path / "out.txt")


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")
def test_written_file_is_readable_like_any_new_file(tmp_path):
    umask = os.umask(0o022)
    try:
        out = tmp_path / "x.csv"
        write_csv(pd.DataFrame({"a": [1]}), out)
        assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's owner-only 0600
    finally:
        os.umask(umask)


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.mkdir(), "这是一个文件夹"),
    (lambda p: (os.symlink(p.with_name("b.csv"), p), os.symlink(p, p.with_name("b.csv"))), "绕成了一个圈"),
])
def test_a_folder_or_a_symlink_loop_as_the_output_is_a_chinese_error(tmp_path, make, reason):
    target = tmp_path / "out.csv"
    make(target)
    for write in (write_csv, write_xlsx):
        with pytest.raises(CrmlabError) as info:
            write(pd.DataFrame({"a": [1]}), target)
        assert reason in info.value.problem and info.value.file == str(target)
        assert ".tmp" not in info.value.message and "Errno" not in info.value.message
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_write_that_fails_midway_names_the_users_path(tmp_path):
    import errno
    with pytest.raises(CrmlabError) as info, atomic_path(tmp_path / "结果.csv"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert info.value.problem == "无法写入输出文件：磁盘空间不够了"
    assert info.value.file == str(tmp_path / "结果.csv") and list(tmp_path.iterdir()) == []
