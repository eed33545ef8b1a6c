"""The upload explorer: a student's own file, its load report, its tiers, errors in Chinese."""

import io

import pandas as pd
import pytest

from crmlab.errors import CrmlabError
from crmlab.widgets import upload
from crmlab.widgets.upload import MAX_UPLOAD_BYTES, analyse_file, upload_explorer


def workbook(rows) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=["客户", "日期", "金额"]).to_excel(buffer, index=False)
    return buffer.getvalue()


# 甲: 03-01 10 and 03-20 30 -> R 11 (today 03-31, the day after the last purchase), F 2, M 40
# 乙: 03-30 20 -> R 1, F 1, M 20; a bad date (Excel row 4) and a 合计 row (row 5) are rejected
ROWS = [["甲", "2021-03-01", 10], ["乙", "2021-03-30", 20], ["甲", "坏日期", 5],
        ["合计", "2021-03-30", 35], ["甲", "2021-03-20", 30]]


def test_the_file_is_read_reported_and_tiered():
    result = analyse_file("我的店.xlsx", workbook(ROWS))
    assert result.today == pd.Timestamp("2021-03-31")
    assert result.report.rows_read == 5 and len(result.report.rejected) == 2
    assert "我的店.xlsx" in str(result.report) and "crmlab-upload" not in str(result.report)
    tiers = result.tiers.set_index("customer")
    assert tiers.loc["甲", ["R", "F", "M"]].tolist() == [11, 2, 40.0]
    assert tiers.loc["乙", ["R", "F", "M"]].tolist() == [1, 1, 20.0]
    assert int(result.summary["customers"].sum()) == 2


def test_errors_name_the_file_as_uploaded():
    with pytest.raises(CrmlabError) as caught:
        analyse_file("坏.csv", b"\x00\x01\x02garbage")
    assert "文件「坏.csv」" in str(caught.value) and "crmlab-upload" not in str(caught.value)
    with pytest.raises(CrmlabError, match="不是 .xlsx 或 .csv"):
        analyse_file("旧表.xls", b"x")


def test_a_file_over_the_limit_points_to_the_other_ways(monkeypatch):
    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(CrmlabError, match="超过了上传的上限") as caught:
        analyse_file("大.csv", b"x" * 11)
    assert "crmlab.load_transactions" in str(caught.value)
    assert MAX_UPLOAD_BYTES == 10 * 2**20


def test_explorer_waits_for_a_file_then_follows_it(no_png, chinese_fonts):
    explorer = upload_explorer()
    assert explorer.result is None and not explorer.message
    explorer.controls["upload"].value = ({"name": "我的店.xlsx", "type": "", "size": 0,
                                          "content": memoryview(workbook(ROWS)),
                                          "last_modified": pd.Timestamp("2021-04-01", tz="UTC").to_pydatetime()},)
    assert explorer.result.name == "我的店.xlsx" and explorer.figure is not None
    explorer.controls["threshold"].value = "median"
    assert explorer.result.tiers.attrs["thresholds"]["R"] == 6.0  # median of 11 and 1
    explorer.controls["upload"].value = ({"name": "坏.csv", "type": "", "size": 0,
                                          "content": memoryview(b"\x00\x01garbage"),
                                          "last_modified": pd.Timestamp("2021-04-01", tz="UTC").to_pydatetime()},)
    assert "文件「坏.csv」" in explorer.message
