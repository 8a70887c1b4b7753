"""The report's own data inside the published file, and how a reader may trust it.

Why: every tool that reads published reports guesses numbers back out of print,
although the body that wrote the file had the exact data.  A file written by this
library therefore carries the canonical report JSON: a PDF as an associated file
(PDF/A-3 and Factur-X: an embedded file with ``/AFRelationship /Data`` listed in
the catalog's ``/AF`` and ``/Names /EmbeddedFiles``), a Word document as a custom
XML part.  This module names both, wraps and unwraps the XML, and decides what a
reader returns when it finds such data:

* valid, of the printed document's edition, and the printed tables agree: exactly
  the embedded report, with a note saying where it came from;
* anything else (not JSON, not a report, another edition, printed tables edited
  after export): the printed reading, with notes saying what was wrong with the
  embedded data, which is never trusted then.

The names (file name, XML namespace) are the contract other implementations use.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .converter import ReportShapeError
from .io import dumps, loads
from .model import Report
from .plugins import ReadingNote, ReadResult
from .violations import Location

__all__ = [
    "FILE_NAME",
    "MEDIA_TYPE",
    "XML_NAMESPACE",
    "from_xml",
    "payload",
    "to_xml",
    "trusted",
]

FILE_NAME = "disclosure-report.json"
"""The embedded file's name in a PDF (``/F`` and ``/UF`` of its file specification)."""
MEDIA_TYPE = "application/json"
XML_NAMESPACE = "urn:disclosure-schema:report:1"
"""The root element's namespace of the custom XML part in a Word document."""
MAX_PAYLOAD = 8 * 1024 * 1024
"""No report's JSON comes near this; a larger embedded file is not read."""

_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?<(?:\w+:)?report\b[^>]*xmlns(?::\w+)?=\"" + re.escape(XML_NAMESPACE) + r"\"[^>]*>"
    r"(?P<body>.*)</(?:\w+:)?report>\s*$",
    re.S,
)


def payload(report: Report) -> bytes:
    """The canonical JSON (:func:`disclosure_schema.dumps`) as UTF-8: what is embedded."""
    return dumps(report).encode("utf-8")


def to_xml(report: Report) -> bytes:
    """The custom XML part of a Word document: ``<report xmlns="…" edition=… year=…>JSON</report>``."""
    text = escape(dumps(report))
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<report xmlns="{XML_NAMESPACE}"'
    return f'{head} edition="{report.edition}" year="{report.year}">{text}</report>\n'.encode()


def from_xml(data: bytes) -> bytes | None:
    """The JSON inside a custom XML part of ours, or ``None`` when the part is someone else's.

    Parsed with a pattern, not an XML parser: the part is ours or ignored, and a
    pattern cannot be made to expand entities or nest without bound.
    """
    if len(data) > MAX_PAYLOAD or XML_NAMESPACE.encode() not in data[:4096]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return b""
    match = _ROOT.match(text)
    if match is None:
        return b""
    body = match.group("body")
    if "<" in body:
        return b""
    body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
    return body.replace("&amp;", "&").encode("utf-8")


def _note(code: str, where: str, zh: str, en: str, pointer: str | None = None) -> ReadingNote:
    return ReadingNote(f"embedded.{code}", where, zh, en, pointer)


def _texts(report: Report) -> dict[str, str]:
    """Each section's text without white space (layout), for telling an edited text from the embedded one."""
    return {key: "".join(_visible(block.text) for block in section.blocks) for key, section in report.sections.items()}


def _visible(text: str) -> str:
    """The characters a print can give back: no white space, no control characters, no U+FFFD."""
    return "".join(ch for ch in text if ch.isprintable() and not ch.isspace() and ch != "\ufffd")


def trusted(data: bytes, printed: ReadResult | None, *, where: str, kind: str,
            compare_text: bool = False) -> ReadResult | list[ReadingNote]:
    """What a reader returns given embedded ``data`` and its own reading of the printed document.

    ``kind`` names the carrier in messages (``PDF 附件``, ``Word 自定义 XML``).
    Returns the embedded report (with a note) when it can be trusted, otherwise
    the notes to add to the printed reading (``printed`` may be ``None`` when the
    print could not be read at all: the embedded report is then returned, with a
    note that the tables could not be compared).
    """
    if len(data) > MAX_PAYLOAD:
        return [_note("too_large", where, f"{kind}中的报告数据过大，未读取", f"the embedded report data ({kind}) is too large; ignored")]
    try:
        report = loads(data)
    except ReportShapeError as exc:
        first = exc.violations[0] if exc.violations else None
        detail = f"：{first.message()}" if first is not None else ""
        detail_en = f": {first.message('en')}" if first is not None else ""
        return [_note("invalid", where, f"{kind}中的报告数据无效，未采用，按打印内容读取{detail}",
                      f"the embedded report data ({kind}) is not a valid report and was not used; read from the print{detail_en}")]
    if printed is None:
        return ReadResult(report, (
            _note("used", where, f"报告数据取自文件内嵌的{kind}（打印的表格无法读取，未能核对）",
                  f"report data taken from the embedded {kind} (the printed tables could not be read to compare)"),
        ))
    seen = printed.report
    if (seen.edition, seen.year) != (report.edition, report.year):
        return [_note("other_edition", where,
                      f"{kind}中的报告数据为 {report.year} 年度、{report.edition} 版格式，与打印内容（{seen.year} 年度、"
                      f"{seen.edition} 版格式）不符，未采用",
                      f"the embedded report data ({kind}) is for {report.year}, edition {report.edition}, but the print is "
                      f"for {seen.year}, edition {seen.edition}; not used")]
    printed_values = list(seen.values())
    differing = [(cell, value, shown) for (cell, value), (_, shown) in zip(report.values(), printed_values, strict=True)
                 if shown != value]
    if differing:
        notes = [_note("disagrees", where,
                       f"文件内嵌的报告数据（{kind}）与打印的表格有 {len(differing)} 处不一致：文件可能在导出后被修改过，"
                       "内嵌数据未采用，按打印内容读取",
                       f"the embedded report data ({kind}) disagrees with the printed tables in {len(differing)} cells: "
                       "the file was probably edited after export; the embedded data was not used, the print was read")]
        for cell, embedded_value, printed_value in differing[:20]:
            location = Location.of(cell)
            notes.append(_note("cell_differs", where,
                               f"{location.words()}：打印 {_show(printed_value)}，内嵌数据 {_show(embedded_value)}",
                               f"{location.words('en')}: printed {_show(printed_value, 'en')}, "
                               f"embedded {_show(embedded_value, 'en')}",
                               cell.pointer))
        return notes
    if compare_text:
        # A carrier whose print gives the sections' text back exactly (Word): a text edited after
        # export must not be replaced silently by the embedded one.
        embedded_texts, printed_texts = _texts(report), _texts(seen)
        edited = [spec for spec in report.spec.sections
                  if spec.table is None and embedded_texts.get(spec.key, "") != printed_texts.get(spec.key, "")]
        if edited:
            names = "、".join(spec.heading for spec in edited)
            return [_note("text_differs", where,
                          f"文件内嵌的报告数据（{kind}）与打印的正文不一致（{names}）：文件可能在导出后被修改过，"
                          "内嵌数据未采用，按打印内容读取",
                          f"the embedded report data ({kind}) disagrees with the printed text ({names}): the file was "
                          "probably edited after export; the embedded data was not used, the print was read")]
    return ReadResult(report, (
        _note("used", where, f"报告数据取自文件内嵌的{kind}，与打印的表格一致",
              f"report data taken from the embedded {kind}; it agrees with the printed tables"),
    ))


def _show(value: object, lang: str = "zh") -> str:
    if value is None:
        return "blank" if lang == "en" else "空白"
    return str(value)
