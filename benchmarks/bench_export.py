"""Export time per report: the xlsx, pdf and json exporters vs writing the same cells with bare openpyxl.

The baseline, measured in the same run, puts every cell of the three tables (a label
column and the values, one sheet per table) into a workbook with openpyxl and saves
it -- the least any spreadsheet export must do.  An exporter that is not installed
(or whose optional dependency is missing) is skipped, and the output says so.
"""

from __future__ import annotations

import argparse
import io

from common import ROOT, machine, per_call, table

import disclosure_schema as ds
from disclosure_schema.plugins import PluginError, exporter_names, get_exporter

EXPORTERS = ("xlsx", "pdf", "json")


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
    font = bare_reportlab_font()
    if font is None:
        skipped.append("bare reportlab: skipped (reportlab or the pdf exporter's fonts missing)")
    else:

        def bare_pdf() -> None:
            for report in reports:
                bare_reportlab(report, font)

        pdf_base = per_call(bare_pdf, min_seconds=args.seconds) / len(reports)
        pdf_row = next((row for row in rows if row[0] == "pdf exporter"), None)
        ratio = f"{float(pdf_row[1]) / (pdf_base * 1e3):.2f}x" if pdf_row else "-"
        rows.append(("bare reportlab table, same cells and font (pdf baseline)", f"{pdf_base * 1e3:.1f}",
                     f"{pdf_base / base:.2f}x"))
        rows.append(("pdf exporter / bare reportlab table", ratio, ""))
    print("export time per report (examples/huaian-2024.json and beifeng-2020.json, into memory)")
    print(table(rows))
    for line in skipped:
        print("skipped:", line)


if __name__ == "__main__":
    main()
