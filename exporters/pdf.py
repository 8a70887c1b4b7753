"""The report as the official document it is: an A4 PDF set like a 公文 (GB/T 9704-2012).

文号, title, opening paragraph, the six sections with their text and the three
tables in the official layout, signature date, and the 版记 (抄送, 印发).  Every
label comes from the taxonomy (:mod:`~disclosure_schema_exporters.pdf_grid`),
every font is an embedded TrueType CJK font
(:mod:`~disclosure_schema_exporters.pdf_fonts`), and every piece of report text
is escaped, because reportlab reads paragraph text as markup.  reportlab is
imported only when a PDF is made.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from disclosure_schema import BlockKind, Report

from . import pdf_data, pdf_page
from . import pdf_envelope as envelope
from .pdf_fonts import FontError, register_fonts
from .pdf_grid import grid
from .pdf_tables import markup, table_flowable

__all__ = ["FontError", "PdfExporter", "export_bytes"]

HEADING_ROOM = 3 * pdf_page.BODY_LEADING
"""Room a heading needs below it on its page: itself and two lines of its text."""
TABLE_START_HEIGHT = 7 * pdf_page.BODY_LEADING
"""Room a table section needs on a page to start there: its heading, header rows and a few rows."""


class PdfExporter:
    """Writes the report as a PDF; option ``font`` (a .ttf/.ttc path) overrides the fonts found,
    ``draft=True`` marks the document as a draft (``export --force``).  The canonical report JSON is
    embedded as an associated file (:mod:`~disclosure_schema_exporters.pdf_data`)."""

    name = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"

    def __init__(self) -> None:
        # Fail when the plug-in is loaded, not halfway through a file: the plug-in
        # loader turns this ImportError into a message naming the extra to install.
        import reportlab  # noqa: F401

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None:
        """Write the PDF; unknown options are ignored, as for every exporter."""
        font: str | os.PathLike[str] | None = options.get("font")
        fonts = register_fonts(font)
        styles = pdf_page.make_styles(fonts)
        info = {"title": envelope.title(report), "author": report.issuer or "", "subject": report.spec.title}
        dated = report.signature_date or report.printed_date or report.publication_date
        doc = pdf_page.document(stream, fonts, dated, lambda canvas: pdf_data.attach(canvas, report), **info)
        flowables = list(story(report, styles, fonts, doc.width))
        if options.get("draft"):
            flowables.insert(0, para(envelope.DRAFT_MARK, styles.draft))
        doc.build(flowables)


def story(report: Report, styles: pdf_page.Styles, fonts: Mapping[str, str], width: float) -> Iterator[Any]:
    """The flowables of the whole document, in reading order."""
    from reportlab.platypus import CondPageBreak, Paragraph, Spacer

    if report.document_number:
        yield para(report.document_number, styles.number)
    title = "<br/>".join(markup(line, styles.title.fontName) for line in envelope.title_lines(report))
    yield Paragraph(title, styles.title)
    opening = envelope.opening(report)
    if opening:
        yield para(opening, styles.body)
    for spec in report.spec.sections:
        section = report.sections.get(spec.key)
        if section is None and spec.table is None and report.sections:
            continue  # a text section the report omits (the seed has no 六) is not invented
        heading = section.heading if section is not None and section.heading else spec.heading
        # a heading must not be left alone at the foot of a page (keepWithNext would move a
        # heading and its whole long paragraph to the next page instead)
        yield CondPageBreak(TABLE_START_HEIGHT if spec.table is not None else HEADING_ROOM)
        yield para(heading, styles.heading)
        for block in section.blocks if section is not None else ():
            if block.kind is BlockKind.HEADING:
                yield CondPageBreak(HEADING_ROOM)
                yield para(block.text, styles.subheading)
            else:
                yield para(block.text, styles.body)
        if spec.table is not None:
            yield Spacer(1, 4)
            yield table_flowable(grid(report.table(spec.table)), styles, fonts, width)
            yield Spacer(1, pdf_page.BODY_LEADING / 2)
    yield from signature(report, styles)
    yield from tail(report, styles, width)


def para(text: str, style: Any) -> Any:
    """A paragraph of report text in ``style``: escaped, with fallback fonts for missing glyphs."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text, style.fontName), style)


def signature(report: Report, styles: pdf_page.Styles) -> Iterator[Any]:
    """The signing body (if printed) and the 成文日期, right-aligned four characters in."""
    from reportlab.platypus import Spacer

    if report.signature or report.signature_date:
        yield Spacer(1, pdf_page.BODY_LEADING)
    if report.signature:
        yield para(report.signature, styles.signature)
    if report.signature_date:
        yield para(envelope.chinese_date(report.signature_date), styles.signature)


def tail(report: Report, styles: pdf_page.Styles, width: float) -> Iterator[Any]:
    """The 版记: 抄送 and 印发 lines between rules, pushed to the foot of the last page."""
    from reportlab.platypus import Table, TableStyle

    copy_to, printed = envelope.copy_to_line(report), envelope.printed_line(report)
    rows: list[list[Any]] = []
    if copy_to:
        rows.append([para(copy_to, styles.tail), ""])
    if printed:
        rows.append([para(printed[0], styles.tail), para(printed[1], styles.tail_right)])
    if not rows:
        return
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.tail.fontName),
        ("LINEABOVE", (0, 0), (-1, 0), 1, "black"),
        ("LINEBELOW", (0, -1), (-1, -1), 1, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), pdf_page.BODY_SIZE),
        ("RIGHTPADDING", (0, 0), (-1, -1), pdf_page.BODY_SIZE),
    ]
    if copy_to:
        commands.append(("SPAN", (0, 0), (1, 0)))
        if printed:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"))
    table = Table(rows, colWidths=[width / 2, width / 2], style=TableStyle(commands))
    yield pdf_page.foot_spacer(table)
    yield table


def export_bytes(report: Report, **options: Any) -> bytes:
    """The PDF as bytes (for tests and for callers without a file)."""
    buffer = io.BytesIO()
    PdfExporter().export(report, buffer, **options)
    return buffer.getvalue()
