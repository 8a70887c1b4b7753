"""Start-up cost: ``import disclosure_schema`` and ``disclosure-schema validate one.json`` vs ``python -c pass``.

Each command runs as a fresh process (that is what a clerk or a script pays), ``--runs``
times; the median wall time is printed with its excess over the bare interpreter.
Target: validating one file in under 0.3 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, machine, table


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--file", default=str(ROOT / "examples" / "huaian-2024.json"))
    args = parser.parse_args()
    print(machine())
    script = shutil.which("disclosure-schema", path=str(Path(sys.executable).parent)) or "disclosure-schema"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import disclosure_schema'": [sys.executable, "-c", "import disclosure_schema"],
        f"disclosure-schema validate {Path(args.file).name}": [script, "validate", args.file],
    }
    results = {}
    for name, command in commands.items():
        wall(command)
        results[name] = statistics.median(wall(command) for _ in range(args.runs))
    bare = results["python -c pass"]
    rows = [("command", "median s", "over bare python")]
    rows += [(name, f"{t:.3f}", f"+{t - bare:.3f} s ({t / bare:.1f}x)") for name, t in results.items()]
    print(f"start-up, median of {args.runs} fresh processes")
    print(table(rows))
    validate = list(results.values())[-1]
    print(f"validate on one file: {validate:.3f} s (target < 0.3 s: {'met' if validate < 0.3 else 'NOT met'})")


if __name__ == "__main__":
    main()
