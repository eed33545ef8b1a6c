"""Running one graded notebook sealed off from everything else: bubblewrap on Linux.

:func:`sandboxed_command` wraps the command that runs one notebook (``python -m
crmlab.notebook_run``) in Debian's ``bwrap`` (bubblewrap): new user, PID, network, IPC and
UTS namespaces, all capabilities dropped, the Python environment and crmlab read-only, a
private size-limited ``/tmp`` and HOME, and of the grader's files only two folders: the
run's inputs (read-only: the notebook to run, the exercise inputs, a matplotlib font cache)
and the run's output folder (where the answers are written). The submissions folder, the
other students' copies and the grade table are not in the sandbox's view; ``/proc`` shows
only the sandbox's own processes. With the network cut, the kernel's ZeroMQ link still works
because the notebook client runs inside the same sandbox (its own loopback interface).
When the first process of the sandbox ends, the kernel ends every process left in its PID
namespace, detached ones included.

:func:`limits` are applied to the sandbox's processes (Unix): a cap on the data memory of
each process (RLIMIT_DATA: RLIMIT_AS would break OpenBLAS, which reserves address space),
on the size of any file written, and on core dumps. Where bubblewrap is missing (Windows,
macOS, a Linux without it) the notebook still runs, unsealed, and the grade table says so
(未隔离).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

IN_DIR = "/crmlab/in"  # inside the sandbox: the run's inputs, read-only
OUT_DIR = "/crmlab/out"  # inside the sandbox: where the check cells write the answers (tmpfs)
HOME = "/home/student"
WORK_DIR = HOME + "/work"
TMP_BYTES = 256 * 1024 * 1024  # size of the private /tmp and of HOME (memory-backed)
OUT_BYTES = 96 * 1024 * 1024  # size of the answers folder
MAX_FILE_BYTES = 256 * 1024 * 1024  # any single file a notebook writes
MAX_PROCESSES = 256  # processes a notebook may add (against fork bombs)
DEFAULT_MEMORY_MB = 1536  # data memory per process (an exercise's kernel needs about 300)
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/opt")


@lru_cache(maxsize=1)
def bubblewrap() -> str | None:
    """Path of a ``bwrap`` that can create the namespaces here, or None (then: unsealed).

    ``CRMLAB_GRADE_UNSEALED=1`` in the environment turns the sandbox off on purpose.
    """
    if sys.platform != "linux" or os.environ.get("CRMLAB_GRADE_UNSEALED") == "1":
        return None
    found = shutil.which("bwrap")
    if found is None:
        return None
    try:
        probe = subprocess.run([found, *_namespace_args(), "--ro-bind", "/", "/", "true"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return found if probe.returncode == 0 else None


def _namespace_args() -> list[str]:
    return ["--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000",
            "--cap-drop", "ALL", "--die-with-parent", "--new-session"]


def environment_paths() -> list[Path]:
    """Folders the notebook needs to see read-only: Python, its packages, crmlab and its data."""
    import importlib.resources

    import crmlab

    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
             Path(sys.executable).resolve().parent.parent, Path(crmlab.__file__).resolve().parent}
    try:
        paths.add(Path(str(importlib.resources.files("crmlab.data"))).resolve())
    except (ModuleNotFoundError, TypeError):
        paths.add(Path(crmlab.__file__).resolve().parent.parent / "data")
    for entry in sys.path:  # editable installs and .pth entries
        if entry and Path(entry).is_dir() and "site-packages" in entry:
            paths.add(Path(entry).resolve())
    kept = sorted(p for p in paths if p.is_dir())
    # drop a path inside another one already bound
    return [p for p in kept if not any(q != p and q in p.parents for q in kept)]


def sandboxed_command(command: list[str], run_in: Path, bwrap: str,
                      env_extra: dict[str, str] | None = None, hidden=()) -> list[str]:
    """``command`` wrapped in bubblewrap, seeing ``run_in`` read-only at IN_DIR.

    Nothing of the host is writable: /tmp, HOME and OUT_DIR are size-limited tmpfs (what the
    notebook saves leaves the sandbox only through the runner's stdout). Folders in
    ``hidden`` (the submissions, the output files) are covered by an empty tmpfs when they lie
    inside a folder the sandbox sees. Its environment is :func:`sandbox_environment` plus
    ``env_extra``.
    """
    # mounts are made in order: the empty /tmp and /home first, so that an environment living
    # under them (a clone in /home/老师/crmlab, /tmp/...) is bound on top, not covered
    args = [bwrap, *_namespace_args(), "--proc", "/proc", "--dev", "/dev",
            "--size", str(TMP_BYTES), "--tmpfs", "/tmp",
            "--size", str(TMP_BYTES), "--tmpfs", "/home"]
    for folder in _SYSTEM_DIRS:
        args += ["--ro-bind-try", folder, folder]
    for path in environment_paths():
        if not any(str(path) == d or str(path).startswith(d + "/") for d in _SYSTEM_DIRS):
            args += ["--ro-bind", str(path), str(path)]
    args += ["--dir", HOME, "--dir", WORK_DIR,
             "--size", str(OUT_BYTES), "--tmpfs", OUT_DIR,
             "--ro-bind", str(run_in), IN_DIR]
    seen = [Path(d) for d in _SYSTEM_DIRS] + environment_paths()
    for folder in hidden:
        folder = Path(folder).resolve()
        if folder.is_dir() and any(folder == d or d in folder.parents for d in seen):
            args += ["--tmpfs", str(folder)]
    args += ["--chdir", WORK_DIR, "--clearenv"]
    for key, value in {**sandbox_environment(HOME, "/tmp"), **(env_extra or {})}.items():
        args += ["--setenv", key, value]
    return args + ["--", *command]


def sandbox_environment(home: str, tmp: str) -> dict[str, str]:
    """The whole environment a graded notebook gets: nothing of the instructor's account."""
    env = {"HOME": home, "TMPDIR": tmp, "TEMP": tmp, "TMP": tmp,
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{home}/.config/matplotlib",
           "IPYTHONDIR": f"{home}/.ipython", "JUPYTER_CONFIG_DIR": f"{home}/.jupyter",
           "JUPYTER_DATA_DIR": f"{home}/.local/share/jupyter",
           "JUPYTER_RUNTIME_DIR": f"{home}/.local/share/jupyter/runtime",
           "JUPYTER_PLATFORM_DIRS": "1"}
    if sys.platform == "win32":  # Python needs these to start on Windows
        for key in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE"):
            if key in os.environ:
                env[key] = os.environ[key]
        env["USERPROFILE"] = home
    return env


def limits(memory_mb: int):
    """A ``preexec_fn`` setting the per-process limits (Unix), or None where there are none."""
    try:
        import resource
    except ImportError:  # Windows
        return None

    # RLIMIT_NPROC counts every process of the user: only where they can be counted (Linux)
    processes = _processes_of_this_user() + MAX_PROCESSES if Path("/proc/self/status").exists() else None

    def apply() -> None:
        data = memory_mb * 1024 * 1024
        for name, value in (("RLIMIT_DATA", data), ("RLIMIT_FSIZE", MAX_FILE_BYTES), ("RLIMIT_CORE", 0),
                            ("RLIMIT_NPROC", processes)):
            if value is None:
                continue
            which = getattr(resource, name, None)
            if which is None:
                continue
            try:
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):
                pass

    return apply


def _processes_of_this_user() -> int:
    """How many processes this user runs now (RLIMIT_NPROC counts them all, not only ours)."""
    uid, count = os.getuid(), 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("Uid:"):
                    count += int(line.split()[1]) == uid
                    break
        except (OSError, ValueError, IndexError):
            pass
    return count


def font_cache(folder: Path) -> Path | None:
    """matplotlib's font list (fontlist-*.json) built once per grading run, copied into each HOME.

    A fresh HOME would otherwise make matplotlib rebuild it in every notebook (seconds).
    """
    try:
        import matplotlib
        from matplotlib import font_manager

        font_manager._load_fontmanager  # noqa: B018 - fails early on a matplotlib without it
        cache = Path(matplotlib.get_cachedir())
        found = sorted(cache.glob("fontlist-*.json"))
        if not found:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / found[-1].name
        shutil.copyfile(found[-1], target)
        return target
    except Exception:  # noqa: BLE001 - only a speed-up
        return None
