"""What the PDF reader takes from a page: its characters with their boxes and its straight drawn lines.

Why a format of its own: the characters and ruling lines can come from pypdfium2 (fast, the usual
path, :mod:`.pdf_source`) or from pdfplumber (a page pdfium cannot load, :mod:`.pdf_fallback`); the
table finder (:mod:`.pdf_rules`), the grid builder (:mod:`.pdf_grid`) and the text assembly
(:mod:`.pdf_text`) work on this shape alone and so give the same result whichever library read the page.

Coordinates are PDF points measured from the top-left corner of the page (``top`` grows downwards),
as pdfplumber gives them, so that the tolerances the reader has always used keep their meaning.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Char", "PageContent", "Segment"]


class Char(NamedTuple):
    """One printed character.

    ``top``/``bottom`` are the font's box (baseline plus descent, and that plus the font size), not
    the glyph's ink, so that characters of one line share a ``top`` whatever their shape.
    ``upright`` is false for text turned sideways.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool = True


class Segment(NamedTuple):
    """A straight stretch of a drawn path (a line, or a side of a rectangle), ends in any order."""

    x0: float
    top: float
    x1: float
    bottom: float


class PageContent(NamedTuple):
    """A page's characters in content order, its drawn segments, and how many characters lack a Unicode mapping."""

    chars: list[Char]
    segments: list[Segment]
    undecodable: int
