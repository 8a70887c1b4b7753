"""Batch validation: ``disclosure-schema validate DIR`` on N small reports, --jobs 2 vs --jobs 1.

Generates ``--count`` (default 100,000) compact report files into a temporary
directory (folders of 1000), then runs the real command line on the directory
with ``--format jsonl`` (every report fully read, parsed, checked and rendered),
once per job count, output to /dev/null.  Prints wall time, reports/s, the speed-up
of more jobs over one, and the peak memory of the largest process (which stays
flat as N grows).  Target: 100,000 reports fully checked in under a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine, table
from generate import write_reports


def run(script: str, directory: Path, jobs: int) -> tuple[float, int, dict[str, int]]:
    """Wall seconds, exit code, and the counts the jsonl output holds."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [script, "validate", str(directory), "--jobs", str(jobs), "--format", "jsonl", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    counts = {"reports": 0, "valid": 0}
    for line in process.stdout:  # a substring test, not json.loads: the reader must not compete for the cores
        counts["reports"] += 1
        counts["valid"] += b'"valid":true,' in line[:4096]
    code = process.wait()
    return time.perf_counter() - started, code, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to compare (default: 1 2)")
    parser.add_argument("--dir", help="generate under this directory (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    print(machine())
    script = shutil.which("disclosure-schema", path=str(Path(sys.executable).parent)) or "disclosure-schema"
    directory = Path(tempfile.mkdtemp(prefix="ds-batch-", dir=args.dir))
    try:
        started = time.perf_counter()
        write_reports(directory, args.count)
        os.sync()  # flush the new files now, not while a contender runs
        print(f"generated {args.count:,} reports in {time.perf_counter() - started:.1f} s under {directory}")
        rows = [("jobs", "wall s", "reports/s", "speed-up", "all valid")]
        first = None
        for jobs in args.jobs:
            seconds, code, counts = run(script, directory, jobs)
            first = first or seconds
            ok = code == 0 and counts["reports"] == counts["valid"] == args.count
            rows.append((str(jobs), f"{seconds:.1f}", f"{args.count / seconds:,.0f}", f"{first / seconds:.2f}x", "yes" if ok else "NO"))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"validate DIR --format jsonl on {args.count:,} reports ({os.cpu_count()} cores)")
        print(table(rows))
        print(f"peak memory of the largest process: {peak:.0f} MB")
        last = float(rows[-1][1])
        scaled = last * 100_000 / args.count
        print(f"100,000 reports at this rate: {scaled:.1f} s (target < 60 s: {'met' if scaled < 60 else 'NOT met'})")
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
