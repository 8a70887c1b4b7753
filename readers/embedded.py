"""Reading the report data a file carries (PDF associated file, Word custom XML part) before its print.

Why first: a report published with this library carries its exact data, so nobody
has to guess numbers back out of print.  Why not only: the print is what was
published; a document edited after export must not pass silently, so the printed
tables are still read and compared (:func:`disclosure_schema.embedded.trusted`).
This module finds the data in each kind of file, within bounds; the decision what
to return is the core's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from disclosure_schema import embedded as embedding
from disclosure_schema.plugins import ReadError, ReadResult

__all__ = ["MAX_NAME_TREE", "docx_custom_xml", "pdf_attachment", "prefer_embedded"]

MAX_NAME_TREE = 1_000
"""Name-tree nodes and file specifications looked at in one PDF (ours has one)."""


def prefer_embedded(data: bytes | None, read_print: Callable[[], ReadResult], *, source: str, kind: str,
                    compare_text: bool = False) -> ReadResult:
    """The embedded report when it is valid and agrees with the print, else the print with notes saying why not."""
    if data is None:
        return read_print()
    try:
        printed: ReadResult | None = read_print()
        failure: ReadError | None = None
    except ReadError as exc:
        printed, failure = None, exc
    outcome = embedding.trusted(data, printed, where=source, kind=kind, compare_text=compare_text)
    if isinstance(outcome, ReadResult):
        return outcome
    if printed is None:
        assert failure is not None
        raise ReadError([*outcome, *failure.notes]) from failure
    return attrs.evolve(printed, notes=(*outcome, *printed.notes))


def _text(value: Any) -> str:
    """A PDF text string (PDFDocEncoding or UTF-16 with a byte-order mark) as text."""
    if isinstance(value, str):
        return value
    if not isinstance(value, bytes):
        return ""
    if value.startswith((b"\xfe\xff", b"\xff\xfe")):
        return value.decode("utf-16", "replace")
    return value.decode("latin-1")


def _specs(pdf_document: Any) -> list[Any]:
    """File specifications from the catalog's ``/AF`` and ``/Names /EmbeddedFiles`` tree, bounded."""
    from pdfminer.pdftypes import resolve1

    catalog = pdf_document.catalog
    found: list[Any] = []
    associated = resolve1(catalog.get("AF"))
    if isinstance(associated, list):
        found.extend(associated[:MAX_NAME_TREE])
    names = resolve1(catalog.get("Names"))
    tree = resolve1(names.get("EmbeddedFiles")) if isinstance(names, dict) else None
    pending = [tree] if isinstance(tree, dict) else []
    visited = 0
    while pending and visited < MAX_NAME_TREE:
        node = pending.pop()
        visited += 1
        pairs = resolve1(node.get("Names"))
        if isinstance(pairs, list):
            found.extend(pairs[1::2][:MAX_NAME_TREE])
        kids = resolve1(node.get("Kids"))
        if isinstance(kids, list):
            pending.extend(kid for kid in (resolve1(k) for k in kids[:MAX_NAME_TREE]) if isinstance(kid, dict))
    return found[: 2 * MAX_NAME_TREE]


def pdf_attachment(pdf_document: Any) -> bytes | None:
    """The embedded report JSON of an open pdfminer document, or ``None`` when it carries none.

    Streams are inflated here only after the reader's bomb check has run over every stream.
    """
    from pdfminer.pdftypes import PDFStream, resolve1

    try:
        specs = _specs(pdf_document)
    except Exception:  # noqa: BLE001 -- a damaged catalog means no usable attachment; the print is read as usual
        return None
    for spec_ref in specs:
        try:
            spec = resolve1(spec_ref)
            if not isinstance(spec, dict):
                continue
            name = _text(resolve1(spec.get("UF"))) or _text(resolve1(spec.get("F")))
            if name != embedding.FILE_NAME:
                continue
            files = resolve1(spec.get("EF"))
            stream = resolve1(files.get("F") or files.get("UF")) if isinstance(files, dict) else None
            if not isinstance(stream, PDFStream):
                return b""
            data = stream.get_data()
        except Exception:  # noqa: BLE001 -- pdfminer raises anything for a broken object
            return b""
        return bytes(data[: embedding.MAX_PAYLOAD + 1])
    return None


def docx_custom_xml(word: Any) -> bytes | None:
    """The report JSON in a python-docx document's custom XML parts, or ``None`` when none is ours."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for relationship in list(word.part.rels.values()):
        if relationship.is_external or relationship.reltype != RT.CUSTOM_XML:
            continue
        found = embedding.from_xml(relationship.target_part.blob)
        if found is not None:
            return found
    return None
