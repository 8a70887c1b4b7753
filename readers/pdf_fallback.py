"""A page PDFium cannot load, read through pdfplumber (pdfminer) instead.

Why: PDFium and pdfminer cope with different kinds of damage.  A file whose page tree or one page's
objects PDFium rejects may still be readable by pdfminer, as it was before the reader moved to
PDFium; only that page is taken from pdfplumber, at pdfplumber's speed, and in the same
:class:`~.pdf_page.PageContent` shape, so the rest of the reading is unchanged.  The file's streams
have already been checked for decompression bombs (:mod:`.pdf_streams`) before this runs.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

from .pdf_page import Char, PageContent, Segment
from .pdf_source import TooDense

__all__ = ["PlumberPages"]


class PlumberPages:
    """pdfplumber opened once, on the first page it is asked for; closed with :meth:`close`."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None

    def page(self, index: int, *, max_chars: int, max_rules: int) -> PageContent:
        """Page ``index`` (0-based); any pdfminer error propagates for the caller to report."""
        if self._pdf is None:
            import pdfplumber

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        page = self._pdf.pages[index]
        try:
            raw_chars: list[dict[str, Any]] = page.chars
            if len(raw_chars) > max_chars:
                raise TooDense("chars", len(raw_chars))
            rules = len(page.lines) + len(page.rects) + len(page.curves)
            if rules > max_rules:
                raise TooDense("rules", rules)
            chars = [
                Char(
                    str(c["text"]),
                    float(c["x0"]),
                    float(c["x1"]),
                    float(c["top"]),
                    float(c["bottom"]),
                    bool(c["upright"]),
                )
                for c in raw_chars
            ]
            segments = [
                Segment(float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["bottom"]))
                for e in page.edges
                if e.get("orientation") in ("h", "v")
            ]
            undecodable = sum(1 for c in chars if c.text.startswith("(cid:"))
        finally:
            page.close()
        return PageContent(chars, segments, undecodable)

    def close(self) -> None:
        if self._pdf is not None:
            with contextlib.suppress(Exception):  # closing re-walks the page tree, which may be what is broken
                self._pdf.close()
