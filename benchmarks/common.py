"""What the benchmarks share: a timer that repeats until it has a stable figure, and a table printer."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"

sys.path.insert(0, str(Path(__file__).resolve().parent))


def per_call(function: Callable[[], object], *, min_seconds: float = 1.0, repeats: int = 5) -> float:
    """Seconds per call of ``function``: the best of ``repeats`` rounds of at least ``min_seconds`` / repeats."""
    function()  # warm caches (plans, imports) before measuring
    calls = 1
    while True:
        started = time.perf_counter()
        for _ in range(calls):
            function()
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds / repeats:
            break
        calls *= 2
    rounds = [elapsed / calls]
    for _ in range(repeats - 1):
        started = time.perf_counter()
        for _ in range(calls):
            function()
        rounds.append((time.perf_counter() - started) / calls)
    return min(rounds)


def median_of(function: Callable[[], float], times: int) -> float:
    return statistics.median(function() for _ in range(times))


def table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> str:
    """Cores and load average: figures taken on a busy machine say so."""
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, load average {load:.2f} at start (other processes compete for the cores)"


def compile_bytecode() -> str:
    """Write the project's bytecode (``.pyc``) now, as ``pip install`` does for an installed package; says so.

    Why: a command measured as a fresh process pays for compiling every module it imports
    when no bytecode is cached, and an editable install under ``PYTHONDONTWRITEBYTECODE=1``
    (as on the machines these benchmarks run on) never caches it, so each start would
    compile the whole package again -- a cost no installed copy pays.
    """
    import compileall

    folders = [folder for folder in ("src", "readers", "exporters") if (ROOT / folder).is_dir()]
    for folder in folders:
        compileall.compile_dir(str(ROOT / folder), quiet=1)
    return f"bytecode written for {', '.join(f'{f}/' for f in folders)} first (as pip install does)"
