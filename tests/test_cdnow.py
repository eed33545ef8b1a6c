"""Reading the CDNOW data (crmlab/cdnow.py) from a path, the environment or lifetimes' copy."""

import pandas as pd
import pytest

from crmlab import cdnow
from crmlab.errors import CrmlabError

# the format of CDNOW_master.txt: a header line, then id, yyyymmdd, number of CDs, dollars
TEXT = """ customer_id  date number_of_cds  dollar_value
 00001 19970101  1   11.77
 00002 19970112  1   12.00
 00002 19970112  5   77.00
 00003 19970102  2    0.00
"""


def test_reads_the_space_separated_file(tmp_path):
    path = tmp_path / "CDNOW_master.txt"
    path.write_text(TEXT)
    tx = cdnow.load_cdnow(path)
    assert tx[["customer", "amount"]].values.tolist() == [["00001", 11.77], ["00002", 12.0],
                                                          ["00002", 77.0]]
    assert tx["date"].tolist() == [pd.Timestamp("1997-01-01"), pd.Timestamp("1997-01-12"),
                                   pd.Timestamp("1997-01-12")]
    report = tx.attrs["load_report"]
    assert report.rows_read == 4 and [r.row for r in report.rejected] == [5]  # the 0-dollar line
    assert report.source == "CDNOW_master.txt"


def test_a_folder_or_the_environment_variable(tmp_path, monkeypatch):
    (tmp_path / "CDNOW_master.txt").write_text(TEXT)
    assert cdnow.cdnow_path(tmp_path).name == "CDNOW_master.txt"
    monkeypatch.setenv(cdnow.ENV_VAR, str(tmp_path))
    assert len(cdnow.load_cdnow()) == 3


def test_without_the_data_it_says_how_to_get_it(monkeypatch):
    monkeypatch.delenv(cdnow.ENV_VAR, raising=False)
    monkeypatch.setattr(cdnow, "_in_lifetimes", lambda: None)
    with pytest.raises(CrmlabError, match="crmlab 不自带") as caught:
        cdnow.cdnow_path()
    assert "realdata" in str(caught.value)
    with pytest.raises(CrmlabError, match="找不到 CDNOW 数据文件"):
        cdnow.cdnow_path("没有这个文件.txt")
