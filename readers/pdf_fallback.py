"""A page (or a whole file) PDFium cannot load, read through pdfplumber (pdfminer) instead.

Why: PDFium and pdfminer cope with different kinds of damage.  A file or a page PDFium rejects may
still be readable by pdfminer, as it was before the reader moved to PDFium; only what PDFium cannot
load is taken from pdfplumber, at pdfplumber's speed, in the same :class:`~.pdf_page.PageContent`
shape, so the rest of the reading is unchanged.  The file's streams
have already been checked for decompression bombs (:mod:`.pdf_streams`) before this runs.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

from .pdf_page import Char, PageContent, PageUnreadable, Segment, TooDense

__all__ = ["PlumberPages"]


class PlumberPages:
    """pdfplumber opened once, when first asked for; closed with :meth:`close`.

    Also a whole-file reader: where PDFium rejects the file as damaged but pdfminer opens it
    (:meth:`opens`), every page is read here, as the reader did before it moved to PDFium.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None

    def opens(self) -> bool:
        """Whether pdfminer can open the file and list its pages."""
        try:
            return self.page_count >= 0
        except Exception:  # noqa: BLE001 - any pdfminer failure means: it cannot
            return False

    @property
    def page_count(self) -> int:
        return len(self._open().pages)

    def _open(self) -> Any:
        if self._pdf is None:
            import pdfplumber

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        return self._pdf

    def page(self, index: int, *, max_chars: int, max_rules: int) -> PageContent:
        """Page ``index`` (0-based); :class:`PageUnreadable` if pdfminer cannot load it either."""
        try:
            pages = self._open().pages
        except Exception as exc:  # pdfminer raises anything on a broken file
            raise PageUnreadable(str(exc) or type(exc).__name__) from exc
        if index >= len(pages):
            raise PageUnreadable("pdfminer finds no such page")
        page = pages[index]
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
