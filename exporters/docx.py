"""The report as the official Word document (.docx), set like a 公文 (GB/T 9704-2012).

Clerks write and publish this report in Word or WPS; this exporter gives them the
document itself from checked data, so no figure is copied by hand.  What it holds,
in order: 文号, title, opening paragraph, sections 一 to 六 with their headings and
text, the three tables in the official template's layout, signing body and date,
and the 版记 (抄送, 印发).

Nothing of the layout is typed here: the tables come from the same grids as the
PDF's (:mod:`disclosure_schema_exporters.pdf_grid`, itself from
:mod:`disclosure_schema.presentation`), and the envelope strings from
:mod:`disclosure_schema_exporters.pdf_envelope`.  The canonical report JSON
travels inside the file as a custom XML part (:mod:`disclosure_schema.embedded`),
so a reader can take the exact data back.  python-docx is imported only when a
document is made.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, BinaryIO

from disclosure_schema import BlockKind, Report
from disclosure_schema import embedded as embedding
from disclosure_schema.text_hazards import printed

from . import docx_style as style
from . import pdf_envelope as envelope
from .pdf_grid import Grid, Role, grid

__all__ = ["DocxExporter", "export_bytes"]

FIRST_ROWS_KEPT = 4
"""Rows after the header a table must print with them on the page where it starts."""
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DocxExporter:
    """Writes the report as a Word document; option ``draft=True`` marks it as a draft (``export --force``)."""

    name = "docx"
    suffix = ".docx"
    media_type = MEDIA_TYPE

    def __init__(self) -> None:
        import docx  # noqa: F401  -- fail at plug-in load, where the loader names the extra to install

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None:
        """Write the document; unknown options are ignored, as for every exporter."""
        document = build(report, draft=bool(options.get("draft")))
        buffer = io.BytesIO()
        document.save(buffer)
        stream.write(buffer.getvalue())


def build(report: Report, *, draft: bool = False) -> Any:
    """The python-docx ``Document`` of the report."""
    import docx

    original, report = report, printed(report)  # control and bidi controls left out of the print, warned of
    document = docx.Document()
    style.set_up(document)
    dated = report.signature_date or report.printed_date or report.publication_date
    _properties(document, report, dated)
    body = _Body(document)
    if draft:
        body.paragraph(envelope.DRAFT_MARK, style.DRAFT)
    if report.document_number:
        body.paragraph(report.document_number, style.NUMBER)
    body.paragraph("\n".join(envelope.title_lines(report)), style.TITLE)
    for text in envelope.paragraphs(envelope.opening(report)):
        body.paragraph(text, style.BODY)
    for spec in report.spec.sections:
        section = report.sections.get(spec.key)
        if section is None and spec.table is None and report.sections:
            continue  # a text section the report omits is not invented (as in the PDF)
        heading = section.heading if section is not None and section.heading else spec.heading
        body.paragraph(heading, style.HEADING, keep_with_next=True)
        for block in section.blocks if section is not None else ():
            if block.kind is BlockKind.HEADING:
                body.paragraph(block.text, style.SUBHEADING, keep_with_next=True)
            else:
                for text in envelope.paragraphs(block.text):
                    body.paragraph(text, style.BODY)
        if spec.table is not None:
            body.table(grid(report.table(spec.table)))
    body.signature(report)
    body.tail(report)
    attach_data(document, original)  # the data exactly as given
    return document


def attach_data(document: Any, report: Report) -> None:
    """The canonical report JSON as a custom XML part (``/customXml/itemN.xml``) related from the document."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    number = 1
    while f"/customXml/item{number}.xml" in taken:
        number += 1
    part = Part(PackURI(f"/customXml/item{number}.xml"), "application/xml", embedding.to_xml(report), package)
    document.part.relate_to(part, RT.CUSTOM_XML)


def _properties(document: Any, report: Report, dated: dt.date | None) -> None:
    properties = document.core_properties
    properties.title = style.clean(envelope.title(report))
    properties.author = style.clean(report.issuer or "")
    properties.subject = report.spec.title
    properties.language = "zh-CN"
    moment = dt.datetime(dated.year, dated.month, dated.day) if dated else dt.datetime(2000, 1, 1)
    properties.created = properties.modified = moment
    properties.last_modified_by = "disclosure-schema"
    properties.revision = 1


class _Body:
    """Appends paragraphs and tables to the document body in reading order."""

    def __init__(self, document: Any) -> None:
        self.document = document
        # python-docx's default template starts with no paragraph; nothing to remove

    def paragraph(self, text: str, name: str, *, keep_with_next: bool = False) -> Any:
        paragraph = self.document.add_paragraph(style=name)
        style.add_text(paragraph, text)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def table(self, layout: Grid) -> None:
        from docx.shared import Twips

        widths = [round(style.TEXT_WIDTH_TWIPS * share) for share in layout.widths]
        table = self.document.add_table(rows=layout.rows, cols=layout.columns)
        table.style = self.document.styles[style.TABLE_STYLE]
        style.fix_table(table, widths, layout.header_rows)
        cells = table._cells  # one per grid position, row by row: faster than table.cell(r, c)
        for placed in sorted(layout.cells, key=lambda c: (c.row, c.col)):
            cell = cells[placed.row * layout.columns + placed.col]
            if (placed.last_row, placed.last_col) != (placed.row, placed.col):
                cell = cell.merge(cells[placed.last_row * layout.columns + placed.last_col])
            cell.width = Twips(sum(widths[placed.col : placed.last_col + 1]))
            paragraph = cell.paragraphs[0]
            paragraph.style = self.document.styles[style.CELL]
            style.add_text(paragraph, placed.text)
            if placed.role in (Role.HEADER, Role.NUMBER, Role.CAPTION):
                style.center(paragraph)
            if placed.role is Role.NUMBER:
                style.fit_figure(paragraph, placed.text, sum(widths[placed.col : placed.last_col + 1]))
            if placed.role is Role.NOTE:
                style.small(paragraph)
            if placed.role is Role.CAPTION:
                style.shade(cell, style.CAPTION_FILL)
            style.middle(cell)
        style.fix_widths(table, widths)
        # the small table 二 stays whole with its heading; the others keep their header and first rows together
        keep = layout.rows - 1 if layout.header_rows == 0 else layout.header_rows + FIRST_ROWS_KEPT
        style.keep_with_next(table, min(keep, layout.rows - 1))
        # a paragraph after a table keeps Word from gluing the next table or heading to it
        self.document.add_paragraph(style=style.AFTER_TABLE)

    def signature(self, report: Report) -> None:
        """The signing body and 成文日期, kept on one page with the last lines above them."""
        lines = [text for text in (report.signature,) if text]
        if report.signature_date:
            lines.append(envelope.chinese_date(report.signature_date))
        if not lines:
            return
        body = self.document.paragraphs
        if body:
            # Word has no "keep with previous": the paragraphs above keep with the signature instead
            for paragraph in body[-2:]:
                if paragraph.style.name == style.BODY:
                    paragraph.paragraph_format.keep_with_next = True
                    paragraph.paragraph_format.keep_together = True
        spacer = self.paragraph("", style.BODY, keep_with_next=True)
        spacer.paragraph_format.first_line_indent = 0
        for index, text in enumerate(lines):
            self.paragraph(text, style.SIGNATURE, keep_with_next=index < len(lines) - 1)

    def tail(self, report: Report) -> None:
        """The 版记: 抄送 and 印发 lines between rules (paragraph borders, as Word's 公文 templates draw them)."""
        copy_to, printed = envelope.copy_to_line(report), envelope.printed_line(report)
        lines: list[tuple[str, bool]] = []
        if copy_to:
            lines.append((copy_to, False))
        if printed:
            lines.append(("\t".join(printed), True))
        for index, (text, tabbed) in enumerate(lines):
            paragraph = self.paragraph(text, style.TAIL, keep_with_next=index < len(lines) - 1)
            style.rule(paragraph, top=index == 0, bottom=True, thick=index in (0, len(lines) - 1))
            if tabbed:
                style.right_tab(paragraph)


def export_bytes(report: Report, **options: Any) -> bytes:
    """The document as bytes (for tests and callers without a file)."""
    buffer = io.BytesIO()
    DocxExporter().export(report, buffer, **options)
    return buffer.getvalue()
