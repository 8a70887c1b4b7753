"""Start-up cost: ``disclosure-schema validate one.json`` and ``import disclosure_schema`` as fresh processes.

Each command runs as a fresh process (that is what a clerk or a script pays),
``--runs`` times, interleaved; the median wall time and the median CPU time (user +
system of the child) are printed.  Baselines in the same run: ``python -c pass`` and
a script that parses its argument with argparse and the file with json (what the
least a Python command line that reads the report must do).  The project's bytecode
is written first, as installing it does.  Target (issue 10): validating one file in
<= 0.12 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, compile_bytecode, machine, table

JSON_ARGPARSE = """
import argparse, json
parser = argparse.ArgumentParser()
parser.add_argument("file")
args = parser.parse_args()
with open(args.file, "rb") as stream:
    json.loads(stream.read())
"""


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--file", default=str(ROOT / "examples" / "huaian-2024.json"))
    args = parser.parse_args()
    print(machine())
    print(compile_bytecode())
    script = shutil.which("disclosure-schema", path=str(Path(sys.executable).parent)) or "disclosure-schema"
    name = Path(args.file).name
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        f"python script: argparse + json.loads({name})": [sys.executable, "-c", JSON_ARGPARSE, args.file],
        "python -c 'import disclosure_schema'": [sys.executable, "-c", "import disclosure_schema"],
        f"disclosure-schema validate {name}": [script, "validate", args.file],
    }
    walls: dict[str, list[float]] = {key: [] for key in commands}
    cpus: dict[str, list[float]] = {key: [] for key in commands}
    for command in commands.values():
        run(command)  # warm the file cache
    for _ in range(args.runs):
        for key, command in commands.items():
            wall, cpu = run(command)
            walls[key].append(wall)
            cpus[key].append(cpu)
    wall = {key: statistics.median(values) for key, values in walls.items()}
    cpu = {key: statistics.median(values) for key, values in cpus.items()}
    base = cpu[f"python script: argparse + json.loads({name})"]
    rows = [("command", "median wall s", "median CPU s", "CPU ÷ json+argparse script")]
    rows += [(key, f"{wall[key]:.3f}", f"{cpu[key]:.3f}", f"{cpu[key] / base:.2f}x") for key in commands]
    print(f"start-up, {args.runs} fresh processes each, interleaved")
    print(table(rows))
    validate = f"disclosure-schema validate {name}"
    print(
        f"validate on one file: {wall[validate]:.3f} s wall, {cpu[validate]:.3f} s CPU "
        f"(target <= 0.12 s: CPU {'met' if cpu[validate] <= 0.12 else 'NOT met'}, wall {'met' if wall[validate] <= 0.12 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
