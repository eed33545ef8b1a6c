"""The attack suite of issue 16: submissions that try to fake a pass or harm the others.

One class folder of the small exercise of ``grading_fixtures`` (three tasks), graded once with a
short time limit and a 1 GB memory cap: two honest complete notebooks (one of them the
classmate the attacks aim at), an untouched one, and one notebook per attack. Each must get
the verdict an honest grader gives (what its answers deserve), and the honest ones keep 3/3.
The sealing attacks (other files, /proc, startup files in the real HOME) need bubblewrap;
without it the table must say 未隔离.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

from crmlab.grading import ERROR, OPEN, PASS, UNSEALED, format_grades, grade_folder, write_grades
from crmlab.sandbox import bubblewrap

from grading_fixtures import CELLS, exercise_cells, edited, write_solutions, write_student

pytest.importorskip("nbclient")

TIMEOUT = 20
MARKER = f"crmlab-attack-{uuid.uuid4().hex[:12]}"
STARTUP = Path.home() / ".ipython" / "profile_default" / "startup" / f"00-{MARKER}.py"
sealed = pytest.mark.skipif(bubblewrap() is None, reason="bubblewrap is not available here")


def attacks(folder: Path, instructor: Path, out: Path) -> dict[str, list]:
    """file name -> cells of each submission."""
    exercise = exercise_cells()
    classmate = folder / "2021002_同学.ipynb"
    record_passes = ("from crmlab.checks._core import CheckResult\n"
                     "for 题 in list(进度.tasks):\n    进度.record(CheckResult(题, 'passed', '对了'))")
    replace_checks = ("import crmlab.checks._core as core\n"
                      "for 名 in dir(金字塔练习):\n"
                      "    if 名.startswith('check_'):\n"
                      "        setattr(金字塔练习, 名, lambda *a, **k: core.passed('x', 'ok'))\n"
                      "core.is_placeholder = lambda answer: False")
    swap_json = ("import sys, types\nfake = types.ModuleType('json')\n"
                 "fake.dumps = lambda *a, **k: '{\"全部\": \"passed\"}'\nfake.loads = lambda *a, **k: {}\n"
                 "sys.modules['json'] = fake")
    harm = (f"import glob, os, shutil\n"
            f"seen = ' '.join(open(p, 'rb').read().decode(errors='ignore') for p in glob.glob('/proc/*/cmdline'))\n"
            f"targets = [{str(classmate)!r}, {str(out)!r}, {str(instructor)!r}, {str(folder)!r}]\n"
            f"for t in targets + [w for w in seen.replace(chr(0), ' ').split() if w.startswith('/')]:\n"
            f"    for action in (lambda: open(t, 'w').write('被改了'), lambda: os.remove(t),\n"
            f"                   lambda: shutil.rmtree(t)):\n"
            f"        try:\n            action()\n        except Exception:\n            pass")
    copy_classmate = (f"import json\nnb = json.load(open({str(classmate)!r}, encoding='utf-8'))\n"
                      "for c in nb['cells']:\n    if c['cell_type'] == 'code' and 'check_' not in ''.join(c['source']):\n"
                      "        exec(''.join(c['source']))")
    detached = (f"import subprocess, sys\n"
                f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)  # {MARKER}'],\n"
                f"                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")
    startup = (f"import pathlib\nfor home in (pathlib.Path.home(), pathlib.Path({str(Path.home())!r})):\n"
               f"    p = home / '.ipython' / 'profile_default' / 'startup' / '00-{MARKER}.py'\n"
               f"    try:\n        p.parent.mkdir(parents=True, exist_ok=True)\n"
               f"        p.write_text('利润表 = 平均利润 = 前三级利润占比 = 42')\n    except OSError:\n        pass")
    endless = "while True:\n    print('x' * 10000)"
    hang = "while True:\n    pass"
    memory = "def 吃内存():\n    块 = []\n    while True:\n        块.append(bytearray(50_000_000))\n吃内存()"
    die = "import os\nos._exit(1)"
    return {
        "2021001_诚实.ipynb": CELLS,
        "2021002_同学.ipynb": CELLS,
        "2021003_没动.ipynb": exercise,
        "2021004_记录通过.ipynb": edited(exercise, answer_3=(record_passes, "after")),
        "2021005_替换检查.ipynb": edited(exercise, setup=(replace_checks, "after"),
                                     check_1="print('✓ 全部通过')"),
        "2021006_换模块.ipynb": edited(exercise, setup=(swap_json, "after")),
        "2021007_伤人.ipynb": edited(CELLS, setup=(harm, "after")),
        "2021008_抄同学.ipynb": edited(exercise, answer_1=copy_classmate),
        "2021009_后台进程.ipynb": edited(CELLS, setup=(detached, "after")),
        "2021010_启动文件.ipynb": edited(exercise, setup=(startup, "after")),
        "2021011_启动文件之后.ipynb": exercise,
        "2021012_无限输出.ipynb": edited(CELLS, check_2=(endless, "after")),
        "2021015_死循环.ipynb": edited(CELLS, check_2=(hang, "after")),
        "2021013_吃内存.ipynb": edited(CELLS, check_1=(memory, "after")),
        "2021014_第二题后退出.ipynb": edited(CELLS, check_2=(die, "after")),
    }


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacks")
    solutions = write_solutions(root)
    folder = root / "交上来的"
    folder.mkdir()
    instructor = root / "老师的文件.txt"
    instructor.write_text("老师的东西", encoding="utf-8")
    out = root / "成绩.csv"
    for name, cells in attacks(folder, instructor, out).items():
        write_student(folder, name, cells)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    try:
        table = grade_folder(folder, timeout=TIMEOUT, jobs=2, memory_mb=1024, solutions=solutions)
        write_grades(table, out)
        if os.environ.get("CRMLAB_SHOW_ATTACKS"):
            print(format_grades(table), file=sys.stderr)
        yield table.set_index("name"), folder, before, instructor, out
    finally:
        STARTUP.unlink(missing_ok=True)


def row(table, name):
    cells = table.loc[name]
    return [cells[t] for t in table.columns if t[:1].isdigit()][:3], cells["note"]


def test_honest_work_passes_and_no_attack_changes_it(attacked):
    table, *_ = attacked
    for name in ("诚实", "同学"):
        assert row(table, name)[0] == [PASS] * 3
        assert row(table, name)[1] in ("", UNSEALED)
    assert row(table, "没动")[0] == [OPEN] * 3


def test_recorded_passes_replaced_checks_and_swapped_modules_fake_nothing(attacked):
    table, *_ = attacked
    assert row(table, "记录通过")[0] == [OPEN] * 3
    assert row(table, "替换检查")[0] == [OPEN] * 3
    # the fake json makes the answers unreadable: not checked, and certainly not passed
    assert PASS not in row(table, "换模块")[0]


def test_startup_files_and_detached_processes_do_not_outlive_their_notebook(attacked):
    table, *_ = attacked
    assert row(table, "启动文件之后")[0] == [OPEN] * 3
    assert row(table, "后台进程")[0] == [PASS] * 3
    assert processes_with(MARKER) == []


def processes_with(marker: str) -> list[str]:
    left = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                left.append(cmdline.parent.name)
        except OSError:
            pass
    return left


@sealed
def test_a_notebook_cannot_touch_other_files_or_copy_a_classmate(attacked):
    table, folder, before, instructor, out = attacked
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert instructor.read_text(encoding="utf-8") == "老师的东西"
    assert out.read_text(encoding="utf-8-sig").startswith("学生文件,学号,姓名")
    assert row(table, "伤人")[0] == [PASS] * 3           # its own answers are right
    assert PASS not in row(table, "抄同学")[0]           # the classmate's file is not in view
    assert not STARTUP.exists()
    assert set(table["sealed"]) == {"已隔离"}


def test_endless_output_memory_exhaustion_and_a_dying_kernel(attacked):
    table, *_ = attacked
    cells, note = row(table, "无限输出")
    assert cells == [PASS, PASS, PASS]                     # the printing cell is stopped, the rest runs
    assert note == "第 6 个代码格输出太多（超过 20 MB，可能是没有结束的循环在打印），被停止"
    cells, note = row(table, "死循环")
    assert cells == [PASS, PASS, ERROR]
    assert note == f"超过时间限制 {TIMEOUT} 秒（停在第 6 个代码格），之后的题没有检查"
    cells, note = row(table, "吃内存")
    assert cells == [PASS, PASS, PASS]                     # the hungry cell is stopped, the rest runs
    assert "第 4 个代码格用光了内存上限（1024 MB）" in note
    cells, note = row(table, "第二题后退出")
    assert cells == [PASS, PASS, ERROR]
    assert "内核在第 6 个代码格崩溃" in note


def test_without_bubblewrap_the_table_says_unsealed(tmp_path, monkeypatch):
    monkeypatch.setenv("CRMLAB_GRADE_UNSEALED", "1")
    bubblewrap.cache_clear()
    try:
        solutions = write_solutions(tmp_path)
        folder = tmp_path / "交上来的"
        folder.mkdir()
        write_student(folder, "2021001_诚实.ipynb", CELLS)
        marker = f"{MARKER}-unsealed"
        detached = (f"import subprocess, sys\n"
                    f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)  # {marker}'],\n"
                    f"                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")
        write_student(folder, "2021009_后台进程.ipynb", edited(CELLS, setup=(detached, "after")))
        table = grade_folder(folder, timeout=TIMEOUT, jobs=2, solutions=solutions)
    finally:
        monkeypatch.delenv("CRMLAB_GRADE_UNSEALED")
        bubblewrap.cache_clear()
    assert list(table["sealed"]) == [UNSEALED] * 2
    for i in (0, 1):
        assert [table.loc[i, t] for t in table.columns if t[:1].isdigit()][:3] == [PASS] * 3
    if sys.platform == "linux":  # detached processes are ended unsealed too (a subreaper)
        assert processes_with(marker) == []
