"""Export time per report: the xlsx, pdf and json exporters vs writing the same cells with bare openpyxl.

The baseline, measured in the same run, puts every cell of the three tables (a label
column and the values, one sheet per table) into a workbook with openpyxl and saves
it -- the least any spreadsheet export must do; the same cells written with bare
xlsxwriter (the library the xlsx exporter uses) are the xlsx exporter's own baseline.  An exporter that is not installed
(or whose optional dependency is missing) is skipped, and the output says so.  The pdf exporter's baseline is a
bare reportlab table of the same cells in the same embedded CJK font (:func:`bare_reportlab`), compared in CPU
time over interleaved rounds (:func:`pdf_and_json_cpu`).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable

from common import ROOT, machine, per_call, table
from generate import make_report

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


def bare_reportlab_font() -> str | None:
    """Register, once and outside the timing, the TrueType file the PDF exporter sets its body in.

    ``None`` when reportlab or the exporter's fonts are missing (the baseline is then skipped).
    """
    try:
        from disclosure_schema_exporters.pdf_fonts import find_fonts
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
    except ImportError:
        return None
    choice = find_fonts()["body"]
    pdfmetrics.registerFont(TTFont("bench-body", str(choice.path), subfontIndex=choice.index))
    return "bench-body"


def bare_reportlab(report: ds.Report, font: str) -> bytes:
    """The least a PDF export must do: each table's cells (label, values) as a plain reportlab table
    in the exporter's CJK font, embedded (subset) in an A4 document built into memory."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    stream = io.BytesIO()
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7),
                        ("GRID", (0, 0), (-1, -1), 0.5, "black")])
    story = []
    for data in report.tables():
        rows = [[" ".join(node.text for node in row.path), *(data.get(row.key, c.key) for c in row.columns)]
                for row in data.spec.rows]
        story.append(Table([[str("" if v is None else v) for v in row] for row in rows], style=style))
    SimpleDocTemplate(stream, pagesize=A4, invariant=True).build(story)
    return stream.getvalue()


PDF_TARGET_MS = 40.0
JSON_TARGET_MS = 1.0
"""Issue 10's budgets per report for the pdf and json exporters."""


def interleaved_cpu(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """CPU seconds per call of each contender: the median of ``rounds`` rounds, each running every
    contender once in turn (so that load on a shared machine falls on all of them alike)."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for function in contenders.values():
        function()  # warm imports, font registration, caches
    for _ in range(rounds):
        for name, function in contenders.items():
            started = time.process_time()
            function()
            times[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def pdf_and_json_cpu(examples: list[ds.Report], rounds: int, generated: int) -> None:
    """The pdf exporter against a bare reportlab table with the same cells and font, and the json
    exporter, in CPU time: on the examples, and on generated reports each exported once per round
    (figures the exporter has not set before, so no cell is remembered from an earlier round)."""
    font = bare_reportlab_font()
    names = exporter_names()
    if font is None or "pdf" not in names or "json" not in names:
        print("skipped: pdf/json CPU comparison (reportlab, the pdf exporter's fonts or an exporter missing)")
        return
    pdf, json = get_exporter("pdf"), get_exporter("json")
    rng = random.Random(10)
    fresh_sets = [[make_report(rng, rng.choice(("2019", "2021"))) for _ in range(generated)] for _ in range(rounds + 1)]
    fresh = iter(fresh_sets)
    fresh_reports: list[ds.Report] = []

    def each(function: Callable[[ds.Report], object], reports: list[ds.Report]) -> Callable[[], None]:
        def run() -> None:
            for report in reports:
                function(report)
        return run

    def pdf_fresh() -> None:
        fresh_reports[:] = next(fresh)
        for report in fresh_reports:
            pdf.export(report, io.BytesIO())

    def bare_fresh() -> None:
        for report in fresh_reports:  # the same reports as pdf_fresh just set
            bare_reportlab(report, font)

    contenders: dict[str, Callable[[], object]] = {
        "bare reportlab table, same cells and font (baseline)": each(lambda r: bare_reportlab(r, font), examples),
        "pdf exporter": each(lambda r: pdf.export(r, io.BytesIO()), examples),
        "json exporter": each(lambda r: json.export(r, io.BytesIO()), examples),
        "generated: bare reportlab table (baseline)": bare_fresh,
        "generated: pdf exporter": pdf_fresh,
    }
    order = ["generated: pdf exporter", "generated: bare reportlab table (baseline)"]
    contenders = {**{k: v for k, v in contenders.items() if k not in order}, **{k: contenders[k] for k in order}}
    seconds = interleaved_cpu(contenders, rounds)
    per = {name: value / (generated if name.startswith("generated") else len(examples)) for name, value in seconds.items()}
    base, fresh_base = per["bare reportlab table, same cells and font (baseline)"], per["generated: bare reportlab table (baseline)"]
    print(f"pdf and json exporters, CPU ms per report (median of {rounds} interleaved rounds): the examples, and "
          f"{generated} generated reports per round, each exported once")
    rows = [("contender", "CPU ms/report", "vs bare reportlab table")]
    for name, value in per.items():
        ratio = value / (fresh_base if name.startswith("generated") else base)
        rows.append((name, f"{value * 1e3:.2f}", f"{ratio:.2f}x"))
    print(table(rows))
    for label, value, target in (("pdf exporter", per["pdf exporter"], PDF_TARGET_MS),
                                 ("pdf exporter, generated reports", per["generated: pdf exporter"], PDF_TARGET_MS),
                                 ("json exporter", per["json exporter"], JSON_TARGET_MS)):
        verdict = "met" if value * 1e3 <= target else "NOT met"
        print(f"{label}: {value * 1e3:.1f} ms CPU/report (target <= {target:g} ms: {verdict})")


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
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds of the pdf/json CPU comparison")
    parser.add_argument("--generated", type=int, default=20,
                        help="generated reports (figures never seen before) for the pdf/json CPU comparison")
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
    print()
    pdf_and_json_cpu(reports, args.rounds, args.generated)


if __name__ == "__main__":
    main()
