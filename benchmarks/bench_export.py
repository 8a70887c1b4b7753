"""Export time per report: the xlsx, pdf and json exporters vs writing the same cells with bare openpyxl.

The baseline, measured in the same run, puts every cell of the three tables (a label
column and the values, one sheet per table) into a workbook with openpyxl and saves
it -- the least any spreadsheet export must do; the same cells written with bare
xlsxwriter (the library the xlsx exporter uses) are the xlsx exporter's own baseline.  An exporter that is not installed
(or whose optional dependency is missing) is skipped, and the output says so.
"""

from __future__ import annotations

import argparse
import io

from common import ROOT, machine, per_call, table

import disclosure_schema as ds
from disclosure_schema.plugins import PluginError, exporter_names, get_exporter

EXPORTERS = ("xlsx", "pdf", "json")


def bare_xlsxwriter(report: ds.Report) -> bytes:
    """The same cells as :func:`bare_openpyxl` (label, values; one sheet per table) written with xlsxwriter,
    the library the xlsx exporter writes with: the least an export with it must do."""
    import xlsxwriter

    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    for data in report.tables():
        sheet = book.add_worksheet(data.spec.number)
        for index, row in enumerate(data.spec.rows):
            sheet.write_string(index, 0, " ".join(node.text for node in row.path))
            for column, spec in enumerate(row.columns, start=1):
                value = data.get(row.key, spec.key)
                if value is not None:
                    sheet.write_number(index, column, value)
    book.close()
    return stream.getvalue()


def bare_openpyxl(report: ds.Report) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for data in report.tables():
        sheet = book.create_sheet(data.spec.number)
        for row in data.spec.rows:
            values = [data.get(row.key, column.key) for column in row.columns]
            sheet.append([" ".join(node.text for node in row.path), *values])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def print_xlsx_cpu(reports: list[ds.Report], seconds: float) -> None:
    """CPU time per report of the xlsx exporter and its baselines, interleaved rounds (median): on a machine
    whose cores other processes share, wall time grows with the load and CPU time much less."""
    import statistics
    import time

    exporter = get_exporter("xlsx")
    contenders = {
        "xlsx exporter": lambda report: exporter.export(report, io.BytesIO()),
        "bare xlsxwriter": bare_xlsxwriter,
        "bare openpyxl": bare_openpyxl,
    }
    spent: dict[str, list[float]] = {name: [] for name in contenders}
    deadline = time.process_time() + 3 * seconds
    while time.process_time() < deadline or len(spent["xlsx exporter"]) < 5:
        for name, function in contenders.items():
            started = time.process_time()
            for report in reports:
                function(report)
            spent[name].append((time.process_time() - started) / len(reports) * 1e3)
    ms = {name: statistics.median(times) for name, times in spent.items()}
    print(
        f"xlsx exporter CPU: {ms['xlsx exporter']:.1f} ms/report (median of {len(spent['xlsx exporter'])} rounds), "
        f"{ms['xlsx exporter'] / ms['bare xlsxwriter']:.2f}x bare xlsxwriter ({ms['bare xlsxwriter']:.1f} ms), "
        f"{ms['xlsx exporter'] / ms['bare openpyxl']:.2f}x bare openpyxl ({ms['bare openpyxl']:.1f} ms) "
        f"(target <= 15 ms: {'met' if ms['xlsx exporter'] <= 15 else 'NOT met'} in CPU time)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    print(machine())
    reports = [ds.load(ROOT / "examples" / name) for name in ("huaian-2024.json", "beifeng-2020.json")]

    def baseline() -> None:
        for report in reports:
            bare_openpyxl(report)

    base = per_call(baseline, min_seconds=args.seconds) / len(reports)
    rows = [("exporter", "ms/report", "vs bare openpyxl"), ("bare openpyxl (baseline)", f"{base * 1e3:.1f}", "1.0x")]
    xlsx_base = per_call(lambda: [bare_xlsxwriter(report) for report in reports], min_seconds=args.seconds) / len(reports)
    rows.append(("bare xlsxwriter, same cells (xlsx baseline)", f"{xlsx_base * 1e3:.1f}", f"{xlsx_base / base:.2f}x"))
    skipped = []
    for name in EXPORTERS:
        if name not in exporter_names():
            skipped.append(f"{name}: not installed (no entry point)")
            continue
        try:
            exporter = get_exporter(name)

            def run(exporter: ds.Exporter = exporter) -> None:
                for report in reports:
                    exporter.export(report, io.BytesIO())

            run()
        except (PluginError, ImportError) as exc:
            skipped.append(f"{name}: skipped ({exc})")
            continue
        seconds = per_call(run, min_seconds=args.seconds) / len(reports)
        rows.append((f"{name} exporter", f"{seconds * 1e3:.1f}", f"{seconds / base:.2f}x"))
    print("export time per report (examples/huaian-2024.json and beifeng-2020.json, into memory)")
    print(table(rows))
    xlsx_row = next((row for row in rows if row[0] == "xlsx exporter"), None)
    if xlsx_row is not None:
        xlsx_ms = float(xlsx_row[1])
        print(f"xlsx exporter: {xlsx_ms:.1f} ms/report wall, {xlsx_ms / (xlsx_base * 1e3):.2f}x bare xlsxwriter, "
              f"{xlsx_ms / (base * 1e3):.2f}x bare openpyxl (target <= 15 ms: {'met' if xlsx_ms <= 15 else 'NOT met'})")
        print_xlsx_cpu(reports, args.seconds)
    for line in skipped:
        print("skipped:", line)


if __name__ == "__main__":
    main()
