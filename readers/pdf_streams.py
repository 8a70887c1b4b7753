"""Find a "flate bomb": a compressed stream of a PDF that inflates far beyond any real report's.

Why before anything else: PDF libraries inflate content and font streams whole, so a few kilobytes
can become gigabytes in memory.  Every Flate stream but images (which the reader never decodes) is
inflated here once, with a cap, before a page is parsed.

Streams cannot live inside object streams, so a plain scan of the file's bytes finds every one of
them: ``stream`` after a dictionary, up to ``endstream`` (or ``/Length`` bytes when it is given
directly).  This takes a few milliseconds, against some 25 ms for walking the file's objects with
pdfminer.  An encrypted file's streams are ciphertext to a byte scan, so there the objects are walked
with pdfminer, which deciphers them (:func:`oversized_stream_deciphered`); a file whose encryption
the byte scan does not see (its ``/Encrypt`` key spelt with escapes) is caught when PDFium reports a
security handler, before any page is loaded.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from typing import Any

__all__ = ["encrypted", "oversized_stream", "oversized_stream_deciphered"]

_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,400}\]|/[A-Za-z0-9#]+)")
_NAME = re.compile(rb"/([A-Za-z0-9#]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_LENGTH = re.compile(rb"/Length\s+(\d{1,10})(?!\s+\d+\s+R)")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_DICT_WINDOW = 8_192
"""How far back from ``stream`` the object's dictionary is looked for; real ones are under 1 kB."""
_FLATE = {b"FlateDecode", b"Fl"}
_ASCII85 = {b"ASCII85Decode", b"A85"}
_ASCIIHEX = {b"ASCIIHexDecode", b"AHx"}


def encrypted(data: bytes) -> bool:
    """Whether the file names an encryption dictionary (its streams are then ciphertext)."""
    return _ENCRYPT.search(data) is not None


def oversized_stream(data: bytes, *, max_stream: int, max_total: int) -> str | None:
    """The object number (as text) of the first stream past the caps, or ``None`` if all fit."""
    total = 0
    for start, end in _streams(data):
        head = data[max(0, start - _DICT_WINDOW) : start]
        at = head.rfind(b"obj")
        dictionary = head[at + 3 :] if at >= 0 else head
        if b"/Image" in dictionary and _IMAGE.search(dictionary):
            continue
        filters = _filters(dictionary)
        if not filters & _FLATE:
            continue
        inflated = _inflated(_body(data, end, dictionary), filters, max_stream + 1)
        total += inflated
        if inflated > max_stream or total > max_total:
            number = _OBJ.search(head[max(0, at - 24) : at + 3]) if at >= 0 else None
            return number.group(1).decode() if number else f"@{start}"
    return None


def _streams(data: bytes) -> list[tuple[int, int]]:
    """Where each ``stream`` keyword starts and where its data starts (after the end of line)."""
    found: list[tuple[int, int]] = []
    at = data.find(b"stream")
    while at >= 0:
        if at == 0 or not data[at - 1 : at].isalpha():
            match = _STREAM.match(data, at)
            if match:
                found.append((at, match.end()))
        at = data.find(b"stream", at + 6)
    return found


def _filters(dictionary: bytes) -> set[bytes]:
    found = _FILTER.search(dictionary)
    return set(_NAME.findall(found.group(1))) if found else set()


def _body(data: bytes, start: int, dictionary: bytes) -> bytes:
    length = _LENGTH.search(dictionary)
    if length:
        end = start + int(length.group(1))
        if data[end : end + 12].lstrip().startswith(b"endstream"):
            return data[start:end]
    end = data.find(b"endstream", start)
    return data[start : end if end >= 0 else len(data)]


def _inflated(body: bytes, filters: set[bytes], cap: int) -> int:
    """How many bytes ``body`` inflates to, stopping just past the point where it no longer matters."""
    try:
        if filters & _ASCIIHEX:
            body = binascii.unhexlify(re.sub(rb"\s+", b"", body).split(b">", 1)[0])
        if filters & _ASCII85:
            text = re.sub(rb"\s+", b"", body)
            body = base64.a85decode(text.split(b"~>", 1)[0], adobe=False)
    except (ValueError, binascii.Error):
        return 0
    inflater = zlib.decompressobj()
    try:
        return len(inflater.decompress(body, cap))
    except zlib.error:
        return 0  # a broken stream: the PDF library stops inflating it where it breaks, as here


def oversized_stream_deciphered(pdf: Any, *, max_stream: int, max_total: int) -> str | None:
    """Like :func:`oversized_stream`, over the objects of a pdfminer document (which deciphers them)."""
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    image = LIT("Image")
    total = 0
    seen: set[int] = set()
    for xref in pdf.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = pdf.getobj(objid)
            except Exception:  # noqa: BLE001 - an object pdfminer cannot load is one it will not inflate either
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None or obj.get("Subtype") is image:
                continue
            inflated = _inflated_pdfminer(obj, max_stream) or 0
            total += inflated
            if inflated > max_stream or total > max_total:
                return str(objid)
    return None


def _inflated_pdfminer(stream: Any, max_stream: int) -> int | None:
    """How large ``stream`` inflates, capped at just over the limit; ``None`` if it has no Flate filter."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, LITERALS_ASCIIHEX_DECODE, LITERALS_FLATE_DECODE

    data = stream.rawdata
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _ in stream.get_filters():
        if name in LITERALS_FLATE_DECODE:
            try:
                return len(zlib.decompressobj().decompress(data, max_stream + 1))
            except zlib.error:
                return None
        try:
            if name in LITERALS_ASCII85_DECODE:
                data = ascii85decode(data)
            elif name in LITERALS_ASCIIHEX_DECODE:
                data = asciihexdecode(data)
            else:
                return None
        except (ValueError, TypeError):
            return None
    return None
