"""Measuring helpers for the benchmarks: median wall time, peak traced memory, result rows."""

from __future__ import annotations

import ctypes
import gc
import statistics
import time
import tracemalloc
from dataclasses import dataclass, field


@dataclass
class Result:
    """One measured method: ``seconds`` are the single runs, ``median`` their median."""

    section: str
    method: str
    rows: int
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def measure(func, repeat: int = 5, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``func()`` after ``warmup`` unmeasured calls."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def peak_memory(func) -> int:
    """Peak bytes allocated while ``func()`` runs, above the start.

    numpy and pandas report their buffers to tracemalloc. Arrow allocates from its own pool,
    which tracemalloc does not see: when pyarrow is loaded, ``func()`` runs on a proxy of that
    pool with statistics of its own, and its peak is added (an upper bound: the two peaks
    need not coincide). Memory of polars/duckdb is not counted, so only use this for
    numpy/pandas/pyarrow code.
    """
    import sys

    pa = sys.modules.get("pyarrow")
    gc.collect()
    pool = previous = None
    if pa is not None:
        previous = pa.default_memory_pool()
        pool = pa.proxy_memory_pool(previous)
        # never freed on purpose: buffers allocated through it may outlive it, and freeing
        # them after the pool (at the latest when Python exits) crashes the process
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(pool))
        pa.set_memory_pool(pool)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        func()
        traced = tracemalloc.get_traced_memory()[1] - base
        return traced + (pool.max_memory() if pool is not None else 0)
    finally:
        tracemalloc.stop()
        if pa is not None:
            pa.set_memory_pool(previous)


def print_table(results: list[Result], references: dict[str, str], markdown: bool = False) -> str:
    """A table: section, method, rows, median, and the ratio to each section's reference.

    ``references`` maps a section to the method whose median is 1.00x in it (per row count).
    """
    refs = {}
    for r in results:
        if references.get(r.section) == r.method and r.seconds:
            refs[(r.section, r.rows)] = r.median
    header = ["section", "method", "rows", "median", "vs ref", "peak mem", "note"]
    lines = []
    for r in results:
        ref = refs.get((r.section, r.rows))
        ratio = f"{r.median / ref:.2f}x" if ref and r.seconds else ""
        median = _seconds(r.median) if r.seconds else "skipped"
        mem = f"{r.peak_bytes / 2**20:.0f} MB" if r.peak_bytes is not None else ""
        lines.append([r.section, r.method, _rows(r.rows), median, ratio, mem, r.note])
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
        fmt = lambda row: "  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip()  # noqa: E731
        out = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(line) for line in lines]
    text = "\n".join(out)
    print(text)
    return text


def _seconds(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def _rows(n: int) -> str:
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if n >= size and n % size == 0:
            return f"{n // size}{unit}"
    return str(n)
