"""Reading time per report: the text and HTML readers on real published reports.

Inputs: ``shared/reference/reports/*.txt`` (text) and ``real/pingtan-2021.html`` (HTML).
Baselines in the same run: ``disclosure_schema.loads`` of the report's canonical JSON
(what reading costs when the report is already data), and, for HTML, parsing the
page with ``lxml.html`` alone.  A reader that is not installed is skipped, and the
output says so.  The reader is found by the suffix it declares, not by name.  The last
lines compare each reader with issue 10's target (:data:`TARGET_MS` per report).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from common import REFERENCE, machine, per_call, table

import disclosure_schema as ds
from disclosure_schema.plugins import PluginError, Reader, get_reader, reader_names

TARGET_MS = 10.0
"""Issue 10: reading a text or HTML report takes at most this long."""


def reader_for(suffix: str) -> tuple[str, Reader] | None:
    for name in reader_names():
        try:
            reader = get_reader(name)
        except PluginError:
            continue
        if suffix in reader.suffixes:
            return name, reader
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=9,
                        help="rounds per contender, the best kept: other jobs on a shared machine slow some rounds")
    args = parser.parse_args()
    print(machine())
    inputs = {
        ".txt": sorted((REFERENCE / "reports").glob("*.txt")),
        ".html": [REFERENCE / "real" / "pingtan-2021.html"],
    }
    rows = [("what", "files", "ms/report", "vs JSON loads")]
    skipped = []
    verdicts = []
    for suffix, files in inputs.items():
        files = [f for f in files if f.exists()]
        if not files:
            skipped.append(f"{suffix}: no reference files")
            continue
        found = reader_for(suffix)
        if found is None:
            skipped.append(f"{suffix}: no installed reader takes {suffix} (readers: {', '.join(reader_names()) or 'none'})")
            continue
        name, reader = found
        blobs = [(f.read_bytes(), str(f)) for f in files]
        readable = []
        for data, source in blobs:
            try:
                readable.append((data, source, ds.dumps(reader.read(data, source=source).report)))
            except ds.ReadError as exc:
                skipped.append(f"{Path(source).name}: the {name} reader cannot read it ({exc})")
        if not readable:
            continue

        def read(reader: Reader = reader, readable: list[tuple[bytes, str, str]] = readable) -> None:
            for data, source, _ in readable:
                reader.read(data, source=source)

        def json_baseline(readable: list[tuple[bytes, str, str]] = readable) -> None:
            for _, _, text in readable:
                ds.loads(text)

        seconds = per_call(read, min_seconds=args.seconds, repeats=args.repeats) / len(readable)
        base = per_call(json_baseline, min_seconds=args.seconds, repeats=args.repeats) / len(readable)
        rows.append((f"{name} reader ({suffix})", str(len(readable)), f"{seconds * 1e3:.2f}", f"{seconds / base:.0f}x"))
        rows.append(("  JSON loads of the same reports", str(len(readable)), f"{base * 1e3:.2f}", "1x"))
        met = "met" if seconds * 1e3 <= TARGET_MS else "NOT met"
        verdicts.append(f"{name} reader ({suffix}): {seconds * 1e3:.2f} ms/report (target <= {TARGET_MS:g} ms: {met})")
        if suffix == ".html":
            import lxml.html

            def lxml_only(readable: list[tuple[bytes, str, str]] = readable) -> None:
                for data, _, _ in readable:
                    lxml.html.fromstring(data)

            parse = per_call(lxml_only, min_seconds=args.seconds, repeats=args.repeats) / len(readable)
            rows.append(("  lxml.html parse alone", str(len(readable)), f"{parse * 1e3:.2f}", f"{parse / base:.0f}x"))
    print("reading time per report")
    if len(rows) > 1:
        print(table(rows))
    for line in verdicts:
        print(line)
    for line in skipped:
        print("skipped:", line)


if __name__ == "__main__":
    main()
