"""Reading fidelity over the corpus of real published reports, and reading time per report by format.

For every report in ``tests/corpus/`` (and the reference reports in ``../shared/reference`` when
present) the installed reader for its suffix reads it, and each table cell is compared with the cell
a careful person reads from the source (``tests/corpus-cells/*.cells.json``): recovered exactly,
wrong (a different value, or a value where the report prints none), or left unread.  Cells the source itself leaves
ambiguous are not counted.  The verdict (``validate``: valid or invalid) is compared with the
expected one.  Times are CPU time per read, the median of ``--rounds`` rounds, beside a baseline
measured in the same run: ``disclosure_schema.loads`` of the report's canonical JSON.

Run: ``.venv/bin/python benchmarks/bench_fidelity.py [--rounds 5] [--list]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus_tools import Entry, Score, entries, score, verdict

import disclosure_schema as ds
from disclosure_schema.plugins import ReadError
from disclosure_schema.sources import read_report


def cpu_ms(function: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        function()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--list", action="store_true", help="one line per report")
    args = parser.parse_args()
    total = Score()
    verdicts_right = verdicts_known = 0
    refused: list[str] = []
    times: dict[str, list[float]] = defaultdict(list)
    baseline: list[float] = []
    corpus: list[Entry] = list(entries())
    for entry in corpus:
        truth = entry.truth()
        try:
            report = read_report(entry.source).report
        except ReadError as exc:
            refused.append(f"{entry.name}: {exc}")
            continue
        result = score(report, truth)
        total.add(result)
        expected_verdict = truth.get("expected", {}).get("verdict")
        ours = verdict(report)
        if expected_verdict is not None:
            verdicts_known += 1
            verdicts_right += ours == expected_verdict
        times[entry.format].append(cpu_ms(lambda e=entry: read_report(e.source), args.rounds))
        text = ds.dumps(report)
        baseline.append(cpu_ms(lambda t=text: ds.loads(t), args.rounds))
        if args.list:
            mark = "" if expected_verdict in (None, ours) else f"  VERDICT {ours} (expected {expected_verdict})"
            print(f"{entry.name:48} cells {result.expected:4}  exact {result.recovered:4}  wrong {result.wrong:3}  "
                  f"unread {result.unread:4}{mark}")
            for line in result.wrong_cells[:5]:
                print(f"    wrong: {line}")
    print(f"reports read: {len(corpus) - len(refused)} of {len(corpus)}")
    for line in refused:
        print(f"  refused: {line}")
    share = total.recovered / total.expected if total.expected else 0.0
    print(f"cells expected {total.expected}, recovered exactly {total.recovered} ({share:.1%}), "
          f"wrong {total.wrong}, unread {total.unread}")
    print(f"verdicts right: {verdicts_right} of {verdicts_known}")
    loads = statistics.median(baseline) if baseline else 0.0
    print(f"reading time per report (CPU ms, median of {args.rounds} rounds; baseline ds.loads of the same report: "
          f"{loads:.2f} ms)")
    for fmt, values in sorted(times.items()):
        print(f"  {fmt:5} {len(values):3} reports  median {statistics.median(values):7.1f} ms  "
              f"max {max(values):7.1f} ms  ({statistics.median(values) / loads if loads else 0:.0f}x loads)")


if __name__ == "__main__":
    main()
