"""Running one graded notebook: the grader's side (:func:`run_notebook`) and the runner inside.

The grader writes the notebook to run (built by :mod:`crmlab.graded_notebook`: the student's
answer cells, the exercise's own setup and check cells, the check cells turned into cells
that save the answers as plain data, :mod:`crmlab.answers`) into a private run folder, and
starts ``python -m crmlab.notebook_run IN OUT TIMEOUT`` there, sealed off by
:mod:`crmlab.sandbox` when bubblewrap is available. That runner executes the notebook in a
fresh Jupyter kernel, keeps no cell output at all (whatever a notebook prints is dropped as it
arrives, so an endless print costs no memory), and writes one JSON line per event to its
stdout, a pipe the grader reads with a size cap, as it happens (a cell starts, a cell error,
the time limit, the kernel's death). The answers go to ``OUT/answer-K.json`` as each check
cell runs. Both survive a kernel that dies, hangs or is killed, so tasks checked before that
keep their result.

Measured (2 cores, two notebooks at once, each printing without end): the grader's peak RSS
116 MB, the runner's 263 MB, the kernel about 1 GB before the output cap's interrupt lands
(below the memory cap).

Nothing here decides a verdict: :mod:`crmlab.grading` reads the files after the sandbox is
gone and judges the answers with crmlab's checks in its own process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
MAX_EVENTS_BYTES = 1024 * 1024
MAX_ANSWERS_BYTES = 96 * 1024 * 1024  # all the answers of one notebook
MAX_CELL_OUTPUT_BYTES = 20 * 1024 * 1024  # printed by one cell before it is interrupted
STARTUP_SECONDS = 90  # allowance for starting the kernel, beyond the notebook's time limit
FINISH_SECONDS = 30  # allowance for the end of the run
TIMEOUT_NAME = "CrmlabGradeTimeout"
NOTEBOOK_NAME = "notebook.ipynb"
UNSEALED_MARK = "CRMLAB_GRADE_RUN"  # environment mark of an unsealed run's processes
INPUTS_NAME = "inputs.json"


_RUNNING: set = set()  # the runner processes started and not yet ended (for stop_all)
_RUNNING_LOCK = threading.Lock()


def stop_all() -> None:
    """End every notebook run still going (Ctrl+C in the grader): nothing of them is left."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for process in running:
        _end_group(process, wait=False)


@dataclass
class Run:
    """What happened when one notebook ran.

    ``events``: the runner's events, in order (dicts with ``event``: ``started``, ``error``,
    ``timeout``, ``died``, ``finished``, ...); ``sealed``: whether bubblewrap sealed it off;
    ``killed``: the grader had to kill it (it overran every allowance); ``out``: the folder
    with the answer files.
    """

    out: Path
    events: list[dict] = field(default_factory=list)
    sealed: bool = False
    killed: bool = False
    stderr_tail: str = ""


def run_notebook(notebook: dict, run_dir, timeout: float, *, memory_mb: int,
                 inputs: dict[str, Path] | None = None, font_list: Path | None = None,
                 hidden=()) -> Run:
    """Run ``notebook`` (an nbformat dict) from a private copy in ``run_dir``; never raises for it.

    ``inputs`` maps exercise input keys (e.g. ``"xudong_file"``) to the instructor's files or
    values; they reach the notebook through ``CRMLAB_EXERCISE_INPUTS``. ``hidden``: folders the
    sandbox must not show. The answers the notebook saved are in ``run.out`` (written by this
    process from the runner's events). The whole process tree is gone when this returns.
    """
    from crmlab import sandbox

    run_dir = Path(run_dir)
    run_in, run_out = run_dir / "in", run_dir / "out"
    run_in.mkdir(parents=True)
    run_out.mkdir()
    bwrap = sandbox.bubblewrap()
    in_path = sandbox.IN_DIR if bwrap else str(run_in)
    (run_in / NOTEBOOK_NAME).write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    env_extra = {}
    if inputs:
        mapped = {}
        for key, value in inputs.items():
            if isinstance(value, Path):
                shutil.copyfile(value, run_in / f"{key}{value.suffix}")
                mapped[key] = f"{in_path}/{key}{value.suffix}"
            else:
                mapped[key] = value
        (run_in / INPUTS_NAME).write_text(json.dumps(mapped, ensure_ascii=False), encoding="utf-8")
        env_extra["CRMLAB_EXERCISE_INPUTS"] = f"{in_path}/{INPUTS_NAME}"
    if font_list is not None:
        shutil.copyfile(font_list, run_in / font_list.name)
    command = [sys.executable, "-I", "-m", "crmlab.notebook_run", in_path,
               sandbox.OUT_DIR if bwrap else str(run_out), f"{timeout:g}"]
    if bwrap:
        command = sandbox.sandboxed_command(command, run_in, bwrap, env_extra, hidden)
        env, cwd = None, run_dir
    else:
        home = run_dir / "home"
        (home / "work").mkdir(parents=True)
        (run_dir / "tmp").mkdir()
        token = f"{os.getpid()}-{id(run_dir)}-{time.monotonic_ns()}"
        env = {**sandbox.sandbox_environment(str(home), str(run_dir / "tmp")), **env_extra,
               UNSEALED_MARK: token}
        cwd = home / "work"
        _become_subreaper()
    run = Run(out=run_out, sealed=bool(bwrap))
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=cwd, start_new_session=True,
                               preexec_fn=sandbox.limits(memory_mb))
    # the runner's stderr: only its last lines are kept, to say why a run could not start
    tail = threading.Thread(target=_keep_tail, args=(process.stderr, run), daemon=True)
    tail.start()
    with _RUNNING_LOCK:
        _RUNNING.add(process)

    def overran() -> None:
        run.killed = True
        _end_group(process, wait=False)

    timer = threading.Timer(STARTUP_SECONDS + timeout + FINISH_SECONDS, overran)
    timer.start()
    try:
        run.events = read_events(process.stdout, run_out)
    finally:
        timer.cancel()
        _end_group(process)
        if not bwrap:
            _end_orphans(token)
        tail.join(timeout=5)
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    return run


def _keep_tail(stream, run: Run, keep: int = 2000) -> None:
    """Read ``stream`` to its end, keeping its last ``keep`` bytes in ``run.stderr_tail``."""
    last = b""
    while True:
        chunk = stream.read(65536)
        if not chunk:
            break
        last = (last + chunk)[-keep:]
    stream.close()
    run.stderr_tail = last.decode("utf-8", errors="replace")


def _become_subreaper() -> None:
    """Linux, unsealed runs: processes a notebook detaches (a new session, a double fork) become
    this process's children instead of init's, so :func:`_end_orphans` can find and end them."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _end_orphans(token: str) -> None:
    """Kill and reap the children of this process that carry ``token`` in their environment."""
    import signal

    me = str(os.getpid())
    for _ in range(3):  # an orphan's own children come to this process when it is killed
        _end_orphans_once(me, token, signal)


def _end_orphans_once(me: str, token: str, signal) -> None:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] != me:
                continue
            pid = int(stat.parent.name)
            if f"{UNSEALED_MARK}={token}".encode() not in (stat.parent / "environ").read_bytes().split(b"\0"):
                continue
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (OSError, ValueError, IndexError, ChildProcessError):
            continue


def _end_group(process: subprocess.Popen, wait: bool = True) -> None:
    """Kill ``process`` and its process group (the sandbox's PID namespace goes with it)."""
    import signal

    for kill in (lambda: os.killpg(process.pid, signal.SIGKILL), process.kill):
        try:
            kill()
        except (OSError, AttributeError):  # already gone; no killpg on Windows
            pass
    if wait:
        process.wait()


def read_events(stream, answers=None) -> list[dict]:
    """The runner's events, one JSON object a line, read from ``stream`` until it closes.

    Answer events (``{"event": "answer", "name": ..., "text": ...}``) are written to the folder
    ``answers`` as files, at most :data:`MAX_ANSWERS_BYTES` in all and each no longer than
    :data:`crmlab.answer_loading.MAX_ANSWER_BYTES`; of the other events at most
    :data:`MAX_EVENTS_BYTES` are kept. Longer lines and lines that are not events are read and
    dropped (the runner never blocks on a full pipe).
    """
    from crmlab.answer_loading import MAX_ANSWER_BYTES

    limit = MAX_ANSWER_BYTES + 4096
    kept, size, answer_bytes = [], 0, 0
    while True:
        line = stream.readline(limit)
        if not line:
            break
        if not line.endswith(b"\n"):  # too long: drop it to its end
            while line and not line.endswith(b"\n"):
                line = stream.readline(limit)
            continue
        is_answer = line.startswith(b'{"event": "answer"')
        if is_answer:
            answer_bytes += len(line)
            if answers is None or answer_bytes > MAX_ANSWERS_BYTES:
                continue
        else:
            size += len(line)
            if size > MAX_EVENTS_BYTES:
                continue
        try:
            event = json.loads(line.decode("utf-8"))
        except ValueError:
            continue
        if not isinstance(event, dict) or not isinstance(event.get("event"), str):
            continue
        if is_answer:
            name = str(event.get("name", ""))
            if re.fullmatch(r"answer-\d{1,6}\.json", name):
                (Path(answers) / name).write_text(str(event.get("text", "")), encoding="utf-8")
            continue
        kept.append(event)
    stream.close()
    return kept


# ---------------------------------------------------------------- the runner (in the sandbox)

def _client_class():
    import asyncio

    from nbclient import NotebookClient

    class DiscardingClient(NotebookClient):
        """A notebook client that keeps no output: memory stays flat whatever a cell prints.

        A cell that prints more than :data:`MAX_CELL_OUTPUT_BYTES` is interrupted (an endless
        ``print`` would otherwise run until the time limit, with the kernel's unsent messages
        piling up in its memory); ``on_output_cap(cell_index)`` is told once per cell.
        """

        on_output_cap = None
        _printed: dict = {}

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            size = len(str(content.get("text", ""))) + len(json.dumps(content.get("data", {}))) \
                if msg.get("msg_type") in ("stream", "display_data", "execute_result") else 0
            before = self._printed.get(cell_index, 0)
            self._printed[cell_index] = before + size
            if before <= MAX_CELL_OUTPUT_BYTES < before + size:
                if self.on_output_cap is not None:
                    self.on_output_cap(cell_index)
                asyncio.ensure_future(self.km.interrupt_kernel())
            return None

        def clear_output(self, outs, msg, cell_index):
            return None

        def handle_comm_msg(self, outs, msg, cell_index):
            return None

        def _update_display_id(self, display_id, msg):
            return None

    return DiscardingClient


def send_answers(out: Path, sent: dict, emit) -> None:
    """Send every answer file of ``out`` that is new or changed since the last call."""
    from crmlab.answer_loading import MAX_ANSWER_BYTES

    for path in sorted(out.glob("answer-*.json")):
        try:
            stat = path.stat()
            key = (stat.st_mtime_ns, stat.st_size)
            if sent.get(path.name) == key or stat.st_size > MAX_ANSWER_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        sent[path.name] = key
        emit(event="answer", name=path.name, text=text)


def execute(notebook_path: Path, events, timeout: float, out: Path | None = None) -> None:
    """Execute the graded notebook; write what happens, as it happens, to ``events``."""
    import nbformat

    def emit(**event) -> None:
        events.write(json.dumps(event, ensure_ascii=False) + "\n")
        events.flush()

    notebook = nbformat.reads(notebook_path.read_text(encoding="utf-8"), as_version=4)
    deadline = float("inf")  # the clock starts once the kernel is up
    roles = {i: dict(cell.metadata.get("crmlab_grade", {})) for i, cell in enumerate(notebook.cells)}

    def on_cell_error(cell, cell_index, execute_reply):
        content = execute_reply.get("content", {})
        value = str(content.get("evalue", "")).strip().splitlines()
        emit(event="error", cell=cell_index, **roles.get(cell_index, {}),
             ename=str(content.get("ename", "")), evalue=value[0][:200] if value else "")

    client = _client_class()(
        notebook, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
        error_on_timeout={"ename": TIMEOUT_NAME, "evalue": "", "traceback": []},
        timeout_func=lambda cell: max(1, int(min(timeout, deadline - time.monotonic())) + 1),
        on_cell_error=on_cell_error, resources={"metadata": {"path": os.getcwd()}},
        record_timing=False)
    client._printed = {}
    sent: dict = {}
    client.on_output_cap = lambda index: emit(event="output_cap", cell=index, **roles.get(index, {}))
    try:
        client.reset_execution_trackers()
        with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            emit(event="started")
            deadline = time.monotonic() + timeout
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                if time.monotonic() >= deadline:
                    emit(event="timeout", cell=index, **roles.get(index, {}))
                    break
                emit(event="cell", cell=index, **roles.get(index, {}))
                client.execute_cell(cell, index)
                cell.outputs = []
                if out is not None and roles.get(index, {}).get("kind") == "check":
                    send_answers(out, sent, emit)
        emit(event="finished")
    except Exception as problem:  # noqa: BLE001 - the kernel died, would not start, ...
        text = str(problem).strip().splitlines()
        emit(event="died", kind=type(problem).__name__, detail=text[0][:200] if text else "")
    if out is not None:
        send_answers(out, sent, emit)


def main(argv: list[str]) -> int:
    """``python -m crmlab.notebook_run IN OUT TIMEOUT`` (run by :func:`run_notebook` only)."""
    run_in, timeout = Path(argv[0]), float(argv[2])
    Path(argv[1]).mkdir(parents=True, exist_ok=True)
    config = Path(os.environ.get("MPLCONFIGDIR", Path.home() / ".config" / "matplotlib"))
    config.mkdir(parents=True, exist_ok=True)
    for cached in run_in.glob("fontlist-*.json"):  # a fresh HOME without a font scan
        shutil.copyfile(cached, config / cached.name)
    for folder in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):
        if os.environ.get(folder):
            Path(os.environ[folder]).mkdir(parents=True, exist_ok=True)
    # the events go to the grader through the original stdout; anything else printed here
    # (warnings, logs) goes where stderr goes
    events = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    execute(run_in / NOTEBOOK_NAME, events, timeout, Path(argv[1]))
    events.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
