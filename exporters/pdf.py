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

import functools
import io
import os
import warnings
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from disclosure_schema import BlockKind, Report
from disclosure_schema.places import field_place
from disclosure_schema.text_hazards import printed

from . import pdf_data, pdf_page
from . import pdf_envelope as envelope
from .pdf_fonts import FontError, covers, fallback_for, register_fonts
from .pdf_grid import grid
from .pdf_tables import markup, table_flowable

__all__ = ["FontError", "MissingGlyphs", "PdfExporter", "export_bytes"]

HEADING_ROOM = 3 * pdf_page.BODY_LEADING
"""Room a heading needs below it on its page: itself and two lines of its text."""
TABLE_START_HEIGHT = 11 * pdf_page.BODY_LEADING
"""Room a table section needs on a page to start there: its heading, header rows and a few rows
(table 三's header alone is some four body lines tall)."""
SHORT_TAIL = 40
"""Characters of a 印发 line short enough for 印发机关 left and date right on one line."""


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
        original, report = report, printed(report)  # control and bidi controls left out of the print, warned of
        styles = pdf_page.make_styles(fonts)
        info = {"title": envelope.title(report), "author": report.issuer or "", "subject": report.spec.title}
        dated = report.signature_date or report.printed_date or report.publication_date
        doc = pdf_page.document(stream, fonts, dated, lambda canvas: pdf_data.attach(canvas, original), **info)
        for field, chars in missing_glyphs(report, fonts):
            warnings.warn(MissingGlyphs(field, chars, report.edition), stacklevel=2)
        flowables = keep_signature_with_text(list(story(report, styles, fonts, doc.width)))
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
    for text in envelope.paragraphs(envelope.opening(report)):
        yield para(text, styles.body)
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
                for text in envelope.paragraphs(block.text):  # several paragraphs typed into one field
                    yield para(text, styles.body)
        if spec.table is not None:
            yield Spacer(1, 4)
            yield table_flowable(grid(report.table(spec.table)), styles, fonts, width)
            yield Spacer(1, pdf_page.BODY_LEADING / 2)
    yield from signature(report, styles)
    yield from tail(report, styles, width)


class MissingGlyphs(UserWarning):
    """Characters of a field that no installed font can print: they would show as empty boxes."""

    def __init__(self, field: str, chars: str, edition: str = "2021") -> None:
        """``field`` is the JSON pointer of the text (kept as :attr:`field`); the message names it as a
        clerk does (``第一部分第1段``, ``发布机关``; ``section 1, paragraph 1``, ``issuer`` in English)."""
        self.field, self.chars = field, chars
        zh, en = field_place(field, "zh", edition), field_place(field, "en", edition)
        super().__init__(
            f"{zh}中的字符 {'、'.join(chars)} 在已安装的字体中都没有字形，PDF 中将显示为空白方框；"
            f"请安装含这些字符的字体（如 fonts-noto-cjk-extra、花园明朝）并用 --font 指定 "
            f"(no installed font has {' '.join(f'U+{ord(c):04X}' for c in chars)} of field {en})"
        )


def _text_fields(report: Report) -> Iterator[tuple[str, str]]:
    """Every printed text of the report with the name of its field (JSON pointer)."""
    import attrs

    for field in attrs.fields(Report):
        value = getattr(report, field.name)
        if isinstance(value, str):
            yield f"/{field.name}", value
    if report.contact is not None:
        for field in attrs.fields(type(report.contact)):
            value = getattr(report.contact, field.name)
            if isinstance(value, str):
                yield f"/contact/{field.name}", value
    for key, section in report.sections.items():
        if section.heading:
            yield f"/sections/{key}/heading", section.heading
        for index, block in enumerate(section.blocks):
            yield f"/sections/{key}/blocks/{index}", block.text


def missing_glyphs(report: Report, fonts: Mapping[str, str]) -> list[tuple[str, str]]:
    """Fields with characters neither the body font nor any installed fallback font can print."""
    body = fonts["body"]
    found = []
    for field, text in _text_fields(report):
        chars = "".join(ch for ch in dict.fromkeys(text) if _unprintable(body, ch))
        if chars:
            found.append((field, chars))
    return found


@functools.lru_cache(maxsize=65536)
def _unprintable(font: str, char: str) -> bool:
    """Whether ``char`` is a visible character that neither ``font`` nor any installed fallback has."""
    return char.isprintable() and not char.isspace() and fallback_for(font, char) is None and not covers(font, char)


def keep_signature_with_text(flowables: list[Any]) -> list[Any]:
    """The signature and date never stand alone at the top of a page: kept with the last paragraph above."""
    from reportlab.platypus import Paragraph

    marks = [i for i, f in enumerate(flowables) if getattr(f, "_signature", False)]
    if not marks:
        return flowables
    start = marks[0]
    before = start - 1
    while before >= 0 and not isinstance(flowables[before], Paragraph):
        before -= 1
    if before < 0:
        return flowables
    kept = signature_keeper(flowables[before : marks[-1] + 1])
    return [*flowables[:before], kept, *flowables[marks[-1] + 1 :]]


LINES_WITH_SIGNATURE = 2
"""Lines of the last paragraph that go to the next page with the signature when they cannot all stay."""


def signature_keeper(content: list[Any]) -> Any:
    """Keeps the last paragraph with the signature; a paragraph too long for that is split so that
    at least its last lines go with the signature (KeepTogether alone would give up and split anywhere)."""
    from reportlab.platypus import FrameBreak, KeepTogether

    class SignatureKeeper(KeepTogether):  # type: ignore[misc]
        def split(self, available_width: float, available_height: float) -> list[Any]:
            self.wrap(available_width, available_height)
            if self._H <= pdf_page.TEXT_HEIGHT:
                return list(super().split(available_width, available_height))
            paragraph, rest = self._content[0], self._content[1:]
            leading = paragraph.style.leading
            room = available_height
            while room > leading:
                parts = paragraph.split(available_width, room)
                if len(parts) == 2:  # (a paragraph that fits whole gives one part: leave lines for the signature)
                    _, tail_height = parts[1].wrap(available_width, pdf_page.TEXT_HEIGHT)
                    if tail_height >= LINES_WITH_SIGNATURE * leading - 0.5:
                        return [parts[0], signature_keeper([parts[1], *rest])]
                room -= leading
            if available_height < pdf_page.TEXT_HEIGHT - leading:
                return [FrameBreak(), signature_keeper(list(self._content))]  # try again on a fresh page
            return list(super().split(available_width, available_height))

    return SignatureKeeper(content)


def para(text: str, style: Any) -> Any:
    """A paragraph of report text in ``style``: escaped, with fallback fonts for missing glyphs."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text, style.fontName), style)


def signature(report: Report, styles: pdf_page.Styles) -> Iterator[Any]:
    """The signing body (if printed) and the 成文日期, right-aligned four characters in."""
    from reportlab.platypus import Spacer

    parts: list[Any] = []
    if report.signature or report.signature_date:
        parts.append(Spacer(1, pdf_page.BODY_LEADING))
    if report.signature:
        parts.append(para(report.signature, styles.signature))
    if report.signature_date:
        parts.append(para(envelope.chinese_date(report.signature_date), styles.signature))
    for part in parts:
        part._signature = True  # found by keep_signature_with_text
        yield part


def tail(report: Report, styles: pdf_page.Styles, width: float) -> Iterator[Any]:
    """The 版记: 抄送 and 印发 lines between rules, pushed to the foot of the last page.

    Paragraphs between rules rather than a table, so that a 抄送 list of any length
    wraps and runs on (a table row taller than a page cannot be set at all).
    """
    from reportlab.platypus import KeepTogether, Table, TableStyle
    from reportlab.platypus.flowables import HRFlowable

    copy_to, printed = envelope.copy_to_line(report), envelope.printed_line(report)
    if not (copy_to or printed):
        return
    parts: list[Any] = [HRFlowable(width="100%", thickness=1, color="black", spaceBefore=0, spaceAfter=2)]
    if copy_to:
        parts.append(para(copy_to, styles.tail))
        if printed:
            parts.append(HRFlowable(width="100%", thickness=0.5, color="black", spaceBefore=2, spaceAfter=2))
    if printed:
        left, right = printed
        if len(left) + len(right) <= SHORT_TAIL:
            row = Table([[para(left, styles.tail), para(right, styles.tail_right)]], colWidths=[width / 2, width / 2],
                        style=TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.tail.fontName),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                          ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
            parts.append(row)
        else:
            parts.extend([para(left, styles.tail), para(right, styles.tail_right)])
    parts.append(HRFlowable(width="100%", thickness=1, color="black", spaceBefore=2, spaceAfter=0))
    yield pdf_page.foot_spacer(*parts)
    yield KeepTogether(parts)


def export_bytes(report: Report, **options: Any) -> bytes:
    """The PDF as bytes (for tests and for callers without a file)."""
    buffer = io.BytesIO()
    PdfExporter().export(report, buffer, **options)
    return buffer.getvalue()
