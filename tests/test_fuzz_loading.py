"""Bounded fuzzing: mutated workbooks and CSVs either load or raise CrmlabError, nothing else.

Fixed seed and a fixed number of cases, so a failure reproduces; runs in a few seconds.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest

from bad_inputs import HEADER, good_rows, xlsx_bytes
from crmlab.errors import CrmlabError
from crmlab.report import load_report
from crmlab.transactions import load_transactions

SEED = 20210401
CASES_PER_KIND = 60

CSV_TEXT = ("旭东公司交易记录\n\n客户名称,交易日期,消费金额,订单编号\n"
            "甲,2021-03-01,\"¥1,200.00\",A1\n 乙,2021/3/2,300元,A2\n丙,44260,１２０,A3\n"
            "甲,2021年3月5日,-20,A4\n,N/A,abc,\n")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to eight random edits: flip, insert, delete, duplicate a slice, or truncate."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buf:
            break
        op = rng.choice(["flip", "insert", "delete", "duplicate", "truncate"])
        i = rng.randrange(len(buf))
        if op == "flip":
            buf[i] = rng.randrange(256)
        elif op == "insert":
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == "delete":
            del buf[i:i + rng.randint(1, 64)]
        elif op == "duplicate":
            buf[i:i] = buf[i:i + rng.randint(1, 256)]
        else:
            del buf[i:]
    return bytes(buf)


def mutate_inside_zip(data: bytes, rng: random.Random) -> bytes:
    """A well-formed zip whose sheet XML (or another part) has been mutated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        infos = src.infolist()
        victim = rng.choice([i.filename for i in infos] + ["xl/worksheets/sheet1.xml"] * 3)
        for info in infos:
            part = src.read(info)
            dst.writestr(info.filename, mutate(part, rng) if info.filename == victim else part)
    return out.getvalue()


def base_xlsx() -> bytes:
    rows = [["标题"], [], HEADER + ["订单编号"]] + [r + [f"A{i}"] for i, r in enumerate(good_rows())]
    rows += [["乙", "2021/3/9", "¥1,200"], ["丙", 44260, "abc"], [None, dt.datetime(2021, 3, 2), 5]]
    return xlsx_bytes(rows)


def fuzz_inputs():
    rng = random.Random(SEED)
    xlsx, csv_bytes = base_xlsx(), CSV_TEXT.encode("utf-8")
    for i in range(CASES_PER_KIND):
        yield f"csv-{i}.csv", mutate(csv_bytes, rng)
        yield f"gbk-{i}.csv", mutate(CSV_TEXT.replace("¥", "￥").encode("gbk"), rng)
        yield f"zipbytes-{i}.xlsx", mutate(xlsx, rng)
        yield f"xml-{i}.xlsx", mutate_inside_zip(xlsx, rng)


def test_base_files_load(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(base_xlsx())
    (tmp_path / "a.csv").write_text(CSV_TEXT, encoding="utf-8")
    assert load_report(load_transactions(tmp_path / "a.xlsx")).rows_read == 9
    assert load_report(load_transactions(tmp_path / "a.csv")).rows_read == 5


def test_mutated_files_load_or_raise_crmlab_error(tmp_path):
    outcomes = {"loaded": 0, "refused": 0}
    for name, data in fuzz_inputs():
        path = tmp_path / name
        path.write_bytes(data)
        try:
            frame = load_transactions(path)
        except CrmlabError as err:
            assert err.file == name and err.hint, (name, err)
            outcomes["refused"] += 1
        except Exception as exc:  # pragma: no cover - this is the failure being hunted
            pytest.fail(f"{name}: {type(exc).__name__}: {exc}")
        else:
            report = load_report(frame)
            assert report.rows_read == report.rows_used + report.rows_rejected, name
            assert list(frame.columns[:3]) == ["customer", "date", "amount"], name
            assert frame["amount"].notna().all() and frame["date"].notna().all(), name
            outcomes["loaded"] += 1
    # the fuzzer must exercise both paths, or it tests nothing
    assert outcomes["loaded"] > 10 and outcomes["refused"] > 10, outcomes
