"""Hostile workbooks are refused quickly, before any XML is parsed, in bounded memory."""

from __future__ import annotations

import time
import tracemalloc
import zipfile

import pytest

from bad_inputs import entity_bomb_xlsx, zip_bomb_xlsx
from crmlab.errors import CrmlabError
from crmlab.transactions import load_transactions

# generous bounds: a refusal takes milliseconds and a few MB; parsing a bomb would take
# minutes and gigabytes
MAX_SECONDS = 10
MAX_PEAK_BYTES = 64 * 1024 * 1024


def refuse(path):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(CrmlabError) as info:
            load_transactions(path)
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < MAX_SECONDS
    assert peak < MAX_PEAK_BYTES
    return info.value


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    return zip_bomb_xlsx(tmp_path_factory.mktemp("bomb") / "bomb.xlsx")


def test_zip_bomb_is_small_on_disk_and_huge_inside(bomb):
    path = bomb
    assert path.stat().st_size < 5 * 1024 * 1024
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 1024 ** 3


def test_zip_bomb_is_refused(bomb):
    err = refuse(bomb)
    assert "压缩炸弹" in err.problem and err.file == "bomb.xlsx"


def test_zip_bomb_that_lies_about_its_size_is_refused(tmp_path):
    # the headers say 1 KB; reading stops at the declared size and the CRC check fails
    err = refuse(zip_bomb_xlsx(tmp_path / "liar.xlsx", lie_about_size=True))
    assert "压缩炸弹" in err.problem or "损坏" in err.problem


def test_xml_entity_bomb_is_refused(tmp_path):
    err = refuse(entity_bomb_xlsx(tmp_path / "lol.xlsx"))
    assert "XML 实体" in err.problem and err.file == "lol.xlsx"
