"""Characters and drawn lines of a PDF's pages through pypdfium2 (PDFium, the engine of Chrome's viewer).

Why pypdfium2: reading a report with pdfplumber (pdfminer, in pure Python) takes close to a second;
PDFium parses the same file in C in a few milliseconds.  This module asks it for exactly what the
reader needs, through its raw API so that no Python object is made per call:

* every character the page prints (``FPDFText_*``), with the font's box as pdfminer computes it
  (the loose box's left, right and bottom; the top at one font size above the bottom; for a font
  set vertically, whose loose box PDFium does not scale, a font-size square from the origin), so
  that lines and words are assembled as before;
* every straight stretch of every drawn path, in forms too (``FPDFPath_*``), whatever it is painted
  with: the ruling lines of a table, drawn as lines or as thin filled rectangles.

Characters PDFium adds itself (spaces and line breaks it infers, ``FPDFText_IsGenerated``) are left
out: pdfminer does not see them, and the reader makes its own words from the gaps.  A character whose
font has no Unicode mapping (``FPDFText_HasUnicodeMapError``; pdfminer's ``(cid:N)``) is counted and
given as U+FFFD.

Bounds: characters and drawn shapes are counted while they are taken, and taking stops with
:class:`TooDense` as soon as one passes its limit, so no page costs more than its limits allow.
PDFium's own failures come out as :class:`SourceError` with the kind of failure, never as a traceback.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from .pdf_page import Char, PageContent, PageUnreadable, Segment, TooDense

__all__ = ["PDFIUM_LOCK", "PageUnreadable", "PdfiumSource", "SourceError", "TooDense"]

PDFIUM_LOCK = threading.Lock()
"""PDFium is not thread-safe (pypdfium2 says so): a process reads one document at a time with it."""

_MAX_FORM_DEPTH = 8
"""Forms drawn inside forms: real pages nest two deep at most; a deeper or circular nesting is cut."""
_SEGMENTS_PER_SHAPE = 16
"""Path segments allowed per allowed shape: a ruling line is 2, a rectangle 5; a dense curve is a drawing."""
_EPSILON = 0.01
"""Points (or scale) below which two sizes are taken as equal."""
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
"""Expanded as pdfplumber expands them, so that words read the same."""


class SourceError(Exception):
    """PDFium could not open the file; ``kind`` is ``"encrypted"`` or ``"damaged"``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


class PdfiumSource:
    """An open PDF: its page count and, page by page, its :class:`PageContent`.

    :meth:`close` releases every PDFium handle; pages and text pages are closed as soon as they are read.
    """

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self._raw: Any = raw
        try:
            self._pdf: Any = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            kind = "encrypted" if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY) else "damaged"
            raise SourceError(kind, _reason(str(exc))) from exc
        except Exception as exc:  # anything else pypdfium2 may raise on a hostile file is damage too
            raise SourceError("damaged", str(exc) or type(exc).__name__) from exc

    def close(self) -> None:
        self._pdf.close()

    @property
    def page_count(self) -> int:
        return len(self._pdf)

    @property
    def encrypted(self) -> bool:
        """Whether the file has a security handler (PDFium opened it with the empty password)."""
        return bool(self._raw.FPDF_GetSecurityHandlerRevision(self._pdf.raw) != -1)

    def page(self, index: int, *, max_chars: int, max_rules: int) -> PageContent:
        """The characters and drawn segments of page ``index`` (0-based); :class:`TooDense` past a limit."""
        import pypdfium2 as pdfium

        try:
            page = self._pdf[index]
        except pdfium.PdfiumError as exc:
            raise PageUnreadable(str(exc)) from exc
        try:
            top = float(page.get_mediabox()[3])
            try:
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:
                raise PageUnreadable(str(exc)) from exc
            try:
                chars, undecodable = self._chars(textpage.raw, top, max_chars)
            finally:
                textpage.close()
            segments = self._segments(page.raw, top, max_rules, max_objects=max_chars + max_rules)
        finally:
            page.close()
        return PageContent(chars, segments, undecodable)

    # -- characters ------------------------------------------------------------------------------

    def _chars(self, textpage: Any, page_top: float, limit: int) -> tuple[list[Char], int]:
        raw = self._raw
        count = raw.FPDFText_CountChars(textpage)
        box = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        box_ref, matrix_ref = ctypes.byref(box), ctypes.byref(matrix)
        get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        get_box, get_size, get_matrix = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix
        map_error, get_origin = raw.FPDFText_HasUnicodeMapError, raw.FPDFText_GetCharOrigin
        ox, oy = ctypes.c_double(), ctypes.c_double()
        ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
        chars: list[Char] = []
        undecodable = 0
        for index in range(max(count, 0)):
            code = get_unicode(textpage, index)
            text = chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
            if text.isspace() and is_generated(textpage, index) == 1:
                continue
            if map_error(textpage, index) == 1:
                undecodable += 1
                text = "\ufffd"
            if len(chars) >= limit:
                raise TooDense("chars", count)  # PDFium's count, its inferred spaces included
            get_box(textpage, index, box_ref)
            get_matrix(textpage, index, matrix_ref)
            a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
            upright = a * d > 0 and b * c <= 0
            unscaled = get_size(textpage, index)
            size = unscaled * abs(d)
            width = box.right - box.left
            if abs(abs(d) - 1) > _EPSILON and abs(width - unscaled) < _EPSILON and abs(width - size) > _EPSILON:
                # set vertically (Identity-V): PDFium does not scale this loose box (it is one unscaled
                # font size wide); pdfminer's box is one font size square from the origin
                get_origin(textpage, index, ox_ref, oy_ref)
                x0, x1, bottom = ox.value, ox.value + size, page_top - oy.value
                top = bottom - size
            else:
                x0, x1, bottom = box.left, box.right, page_top - box.bottom
                top = bottom - size if upright else page_top - box.top
            chars.append(Char(_LIGATURES.get(text, text), x0, x1, top, bottom, upright))
        return chars, undecodable

    # -- drawn lines -----------------------------------------------------------------------------

    def _segments(self, page: Any, page_top: float, limit: int, *, max_objects: int) -> list[Segment]:
        """Straight segments of the page's paths; at most ``max_objects`` page objects are looked at."""
        raw = self._raw
        segments: list[Segment] = []
        state = {"shapes": 0, "points": 0, "objects": 0}
        point_limit = limit * _SEGMENTS_PER_SHAPE
        x, y = ctypes.c_float(), ctypes.c_float()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        matrix = raw.FS_MATRIX()
        matrix_ref = ctypes.byref(matrix)

        def walk(items: list[Any], outer: tuple[float, ...], depth: int) -> None:
            for obj in items:
                state["objects"] += 1
                kind = raw.FPDFPageObj_GetType(obj)
                if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                    continue
                if not raw.FPDFPageObj_GetMatrix(obj, matrix_ref):
                    continue
                m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                if kind == raw.FPDF_PAGEOBJ_FORM:
                    if depth < _MAX_FORM_DEPTH:
                        inner = raw.FPDFFormObj_CountObjects(obj)
                        if state["objects"] + inner > max_objects:
                            raise TooDense("rules", state["objects"] + inner)
                        walk([raw.FPDFFormObj_GetObject(obj, i) for i in range(max(inner, 0))], m, depth + 1)
                    continue
                n = raw.FPDFPath_CountSegments(obj)
                state["points"] += max(n, 0)
                if state["points"] > point_limit:
                    raise TooDense("rules", state["shapes"] + 1)
                self._path(obj, n, m, page_top, segments, state, (x, y, x_ref, y_ref))
                if state["shapes"] > limit:
                    raise TooDense("rules", state["shapes"])

        count = raw.FPDFPage_CountObjects(page)
        if count > max_objects:  # each object is a character's text or a shape, or both limits are passed
            raise TooDense("rules", count)
        walk([raw.FPDFPage_GetObject(page, i) for i in range(max(count, 0))], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
        return segments

    def _path(
        self,
        obj: Any,
        n: int,
        m: tuple[float, ...],
        page_top: float,
        segments: list[Segment],
        state: dict[str, int],
        point: tuple[Any, Any, Any, Any],
    ) -> None:
        """The straight segments of one path: line-tos and the closing of closed subpaths; curves are not rules."""
        raw = self._raw
        x, y, x_ref, y_ref = point
        a, b, c, d, e, f = m
        start = current = (0.0, 0.0)
        for i in range(n):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            if not segment or not raw.FPDFPathSegment_GetPoint(segment, x_ref, y_ref):
                continue
            px, py = x.value, y.value
            here = (a * px + c * py + e, page_top - (b * px + d * py + f))
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = current = here
                state["shapes"] += 1
                continue
            if kind == raw.FPDF_SEGMENT_LINETO:
                segments.append(Segment(current[0], current[1], here[0], here[1]))
            current = here
            if raw.FPDFPathSegment_GetClose(segment) and current != start:
                segments.append(Segment(current[0], current[1], start[0], start[1]))
                current = start


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix that applies ``inner`` and then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (
        a * oa + b * oc,
        a * ob + b * od,
        c * oa + d * oc,
        c * ob + d * od,
        e * oa + f * oc + oe,
        e * ob + f * od + of,
    )


def _reason(message: str) -> str:
    """PDFium's reason without pypdfium2's wrapping (``Failed to load document (PDFium: Data format error).``)."""
    if "(PDFium: " in message:
        return message.split("(PDFium: ", 1)[1].rstrip(").")
    return message
