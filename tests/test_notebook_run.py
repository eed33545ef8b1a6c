"""crmlab.notebook_run: one graded notebook run from a private copy; its events, as they happen.

Each notebook here is a few code cells written in the test, marked with the roles the grader
gives them (the student's cell number); the events expected follow from those cells.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from crmlab.notebook_run import TIMEOUT_NAME, read_events, run_notebook
from crmlab.graded_notebook import ROLE_KEY
from crmlab.sandbox import bubblewrap

pytest.importorskip("nbclient")


def graded(*sources) -> dict:
    cells = [{"cell_type": "code", "execution_count": None, "outputs": [], "id": f"c{n}",
              "metadata": {ROLE_KEY: {"kind": "student", "number": n}}, "source": source}
             for n, source in enumerate(sources, start=1)]
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def kinds(run, event):
    return [e for e in run.events if e["event"] == event]


def test_an_error_does_not_stop_later_cells_and_is_told_once(tmp_path):
    run = run_notebook(graded("x = 1", "1 / 0", "open('后面.txt', 'w').write('x')"), tmp_path / "run",
                       timeout=60, memory_mb=2048)
    errors = kinds(run, "error")
    assert [(e["number"], e["ename"], e["evalue"]) for e in errors] == \
        [(2, "ZeroDivisionError", "division by zero")]
    assert [e["number"] for e in kinds(run, "cell")] == [1, 2, 3]
    assert run.events[-1]["event"] == "finished" and not run.killed


def test_a_hang_is_interrupted_at_the_time_limit(tmp_path):
    run = run_notebook(graded("x = 1", "while True:\n    pass", "y = 2"), tmp_path / "run",
                       timeout=5, memory_mb=2048)
    assert [(e["number"], e["ename"]) for e in kinds(run, "error")] == [(2, TIMEOUT_NAME)]
    assert kinds(run, "timeout")[0]["number"] == 3         # the cell after it never ran


def test_a_kernel_that_dies_is_reported_with_the_cell_it_was_in(tmp_path):
    run = run_notebook(graded("x = 1", "import os\nos._exit(1)", "y = 2"), tmp_path / "run",
                       timeout=60, memory_mb=2048)
    assert kinds(run, "died") and kinds(run, "cell")[-1]["number"] == 2


def test_the_memory_cap_stops_a_cell_with_memory_error(tmp_path):
    run = run_notebook(graded("x = bytearray(3 * 1024 ** 3)", "y = 2"), tmp_path / "run",
                       timeout=60, memory_mb=1024)
    assert [(e["number"], e["ename"]) for e in kinds(run, "error")] == [(1, "MemoryError")]
    assert run.events[-1]["event"] == "finished"


def test_inputs_reach_the_kernel_and_the_home_is_fresh(tmp_path):
    data = tmp_path / "老师的数据.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    check = ("import json, os, pathlib\n"
             "inputs = json.load(open(os.environ['CRMLAB_EXERCISE_INPUTS'], encoding='utf-8'))\n"
             "assert open(inputs['xudong_file']).read() == 'a\\n1\\n', inputs\n"
             "assert inputs['xudong_today'] == '2024-07-01'\n"
             "startup = pathlib.Path(os.environ['IPYTHONDIR']) / 'profile_default' / 'startup'\n"
             "assert str(startup).startswith(str(pathlib.Path.home())), startup\n"
             "assert list(startup.glob('*.py')) == [], 'startup files'\n"
             "assert os.listdir('.') == [], os.listdir('.')")
    run = run_notebook(graded(check), tmp_path / "run", timeout=60, memory_mb=2048,
                       inputs={"xudong_file": data, "xudong_today": "2024-07-01"})
    assert kinds(run, "error") == [], kinds(run, "error")[0]["evalue"]
    assert run.events[-1]["event"] == "finished"


def test_events_are_read_with_a_cap_and_junk_skipped():
    lines = [json.dumps({"event": "started"}), "not json", json.dumps([1]),
             json.dumps({"event": "error", "number": 2})]
    stream = io.BytesIO(("\n".join(lines) + "\n").encode())
    assert read_events(stream) == [{"event": "started"}, {"event": "error", "number": 2}]


def test_a_cell_that_prints_without_end_is_stopped_and_the_next_runs(tmp_path):
    run = run_notebook(graded("while True:\n    print('x' * 10000)", "y = 2"), tmp_path / "run",
                       timeout=60, memory_mb=1536)
    assert [e["number"] for e in kinds(run, "output_cap")] == [1]
    assert [e["number"] for e in kinds(run, "cell")] == [1, 2]
    assert run.events[-1]["event"] == "finished" and not run.killed


@pytest.mark.skipif(bubblewrap() is None, reason="bubblewrap is not available here")
def test_sealed_nothing_of_the_host_is_writable_no_network_and_hidden_folders_are_empty(tmp_path):
    import sys

    import crmlab

    probe = (
        "import os, socket, sys\n"
        "for folder in (sys.prefix, os.path.dirname(crmlab_file), '/crmlab/in', '/usr', '/etc'):\n"
        "    try:\n"
        "        open(os.path.join(folder, '写得进去吗.txt'), 'w').write('x')\n"
        "        raise AssertionError('writable: ' + folder)\n"
        "    except OSError:\n"
        "        pass\n"
        "assert os.listdir('/usr/share/doc') == [], 'hidden folder visible'\n"
        "assert len([p for p in os.listdir('/proc') if p.isdigit()]) < 10, os.listdir('/proc')\n"
        "s = socket.socket()\n"
        "s.settimeout(2)\n"
        "try:\n"
        "    s.connect(('1.1.1.1', 80))\n"
        "    raise AssertionError('network')\n"
        "except OSError:\n"
        "    pass\n")
    source = f"crmlab_file = {crmlab.__file__!r}\n" + probe
    run = run_notebook(graded(source), tmp_path / "run", timeout=60, memory_mb=1536,
                       hidden=[Path("/usr/share/doc")])
    assert run.sealed
    assert kinds(run, "error") == [], kinds(run, "error")[0]["evalue"]
    assert Path(sys.prefix).is_dir() and not (Path(crmlab.__file__).parent / "写得进去吗.txt").exists()


def test_answers_travel_through_the_pipe_into_the_run_folder(tmp_path):
    from crmlab import sandbox

    out = sandbox.OUT_DIR if bubblewrap() else str(tmp_path / "run" / "out")
    save = ("import crmlab.answers as a\n"
            f"a.save(0, {{'answer': lambda: 41 + 1}}, {out!r})\n"
            f"a.save(1, {{'answer': lambda: '第二个'}}, {out!r})")
    nb = graded(save)
    nb["cells"][0]["metadata"][ROLE_KEY] = {"kind": "check"}
    run = run_notebook(nb, tmp_path / "run", timeout=60, memory_mb=1536)
    files = tmp_path / "run" / "files"
    files.mkdir()
    from crmlab.answer_loading import load

    assert load(run.out / "answer-0.json", files) == {"answer": 42}
    assert load(run.out / "answer-1.json", files) == {"answer": "第二个"}


def test_an_environment_under_tmp_or_home_is_bound_after_the_empty_tmp_and_home():
    # a clone in /home/老师/crmlab or /tmp/...: its .venv and crmlab must be mounted on top of the
    # sandbox's empty /tmp and /home, not covered by them (found grading from a fresh clone in /tmp)
    from crmlab import sandbox

    args = sandbox.sandboxed_command(["python"], Path("/nowhere"), "bwrap")
    tmpfs = max(args.index("/tmp"), args.index("/home"))
    for path in sandbox.environment_paths():
        if not str(path).startswith(("/usr/", "/etc/", "/opt/")):
            assert args.index(str(path)) > tmpfs, path
