"""Batch validation: ``disclosure-schema validate DIR`` on N small reports, --jobs 2 vs --jobs 1 vs reading alone.

Generates ``--count`` (default 100,000) compact report files into a temporary
directory (folders of 1000), then runs the real command line on the directory with
``--format jsonl`` (every report fully read, parsed, checked and rendered), once per
job count, output read back line by line.  Baseline in the same run: one Python
process that walks the same directory and does ``open`` + ``read`` + ``json.loads``
of every file, nothing else.  Each contender runs in its own wrapper process, so its
wall time, CPU time (all its processes) and peak memory (the largest process) are its
own; ``--count-small`` reports a second, smaller run of ``--jobs 2`` so that memory can
be seen to stay flat as N grows.  Target (issue 10): 100,000 reports, ``--jobs 2``,
<= 10 s wall on 2 cores, memory flat.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import compile_bytecode, machine, table
from generate import write_reports

WRAPPER = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
reports = valid = 0
for line in process.stdout:  # a substring test, not json.loads: the reader must not compete for the cores
    reports += 1
    valid += b'"valid":true,' in line[:4096]
code = process.wait()
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "code": code, "reports": reports, "valid": valid}), file=sys.stderr)
"""

BASELINE = r"""
import json, os, sys
def walk(directory):
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_dir():
            yield from walk(entry.path)
        elif entry.name.endswith(".json"):
            yield entry.path
out = sys.stdout
for path in walk(sys.argv[1]):
    with open(path, "rb") as stream:
        document = json.loads(stream.read())
    out.write('{"valid":true,}\n' if "edition" in document else "{}\n")
"""


def measure(command: list[str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--count-small", type=int, default=10_000, help="a second --jobs 2 run on this many (0: none)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to compare (default: 1 2)")
    parser.add_argument("--dir", help="generate under this directory (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    print(machine())
    print(compile_bytecode())
    script = shutil.which("disclosure-schema", path=str(Path(sys.executable).parent)) or "disclosure-schema"
    directory = Path(tempfile.mkdtemp(prefix="ds-batch-", dir=args.dir))
    try:
        started = time.perf_counter()
        write_reports(directory, args.count)
        os.sync()  # flush the new files now, not while a contender runs
        print(f"generated {args.count:,} reports in {time.perf_counter() - started:.1f} s under {directory}")
        rows = [("contender", "files", "wall s", "CPU s", "reports/s", "peak MB", "all valid")]
        contenders: list[tuple[str, int, list[str]]] = [
            ("read + json.loads only (1 process)", args.count, [sys.executable, "-c", BASELINE, str(directory)])
        ]
        for jobs in args.jobs:
            command = [script, "validate", str(directory), "--jobs", str(jobs), "--format", "jsonl", "--no-progress"]
            contenders.append((f"validate DIR --jobs {jobs} --format jsonl", args.count, command))
        if args.count_small and args.count_small < args.count:
            small = directory / "0000"  # the first folders hold the first files
            folders = [str(directory / f"{i:04d}") for i in range(max(1, args.count_small // 1000))]
            command = [script, "validate", *folders, "--jobs", "2", "--format", "jsonl", "--no-progress"]
            contenders.append((f"validate --jobs 2, first {len(folders) * 1000:,} files only", len(folders) * 1000, command))
            del small
        walls = {}
        for name, count, command in contenders:
            result = measure(command)
            walls[name] = result["wall"]
            ok = result["code"] == 0 and result["reports"] == result["valid"] == count
            rows.append(
                (
                    name,
                    f"{count:,}",
                    f"{result['wall']:.1f}",
                    f"{result['cpu']:.1f}",
                    f"{count / result['wall']:,.0f}",
                    f"{result['peak_mb']:.0f}",
                    "yes" if ok else "NO",
                )
            )
        print(f"{args.count:,} report files ({os.cpu_count()} cores); wall and CPU time of each whole command")
        print(table(rows))
        base = walls[contenders[0][0]]
        for name, _, _ in contenders[1 : 1 + len(args.jobs)]:
            print(f"{name}: {walls[name]:.1f} s, {walls[name] / base:.2f}x read + json.loads")
        last = walls[contenders[len(args.jobs)][0]]
        scaled = last * 100_000 / args.count
        print(f"100,000 reports with --jobs {args.jobs[-1]}: {scaled:.1f} s (target <= 10 s: {'met' if scaled <= 10 else 'NOT met'})")
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
