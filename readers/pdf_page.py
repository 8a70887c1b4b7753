"""What the PDF reader takes from a page: its characters with their boxes and its straight drawn lines.

Why a format of its own: the characters and ruling lines can come from pypdfium2 (fast, the usual
path, :mod:`.pdf_source`) or from pdfplumber (a page pdfium cannot load, :mod:`.pdf_fallback`); the
table finder (:mod:`.pdf_rules`), the grid builder (:mod:`.pdf_grid`) and the text assembly
(:mod:`.pdf_text`) work on this shape alone and so give the same result whichever library read the page.

Coordinates are PDF points measured from the top-left corner of the page (``top`` grows downwards),
as pdfplumber gives them, so that the tolerances the reader has always used keep their meaning.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

__all__ = ["Char", "PageContent", "PageSource", "PageUnreadable", "Segment", "TooDense"]


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


class TooDense(Exception):
    """A page holds more ``what`` (``"chars"`` or ``"rules"``) than allowed; ``count`` is how many were seen."""

    def __init__(self, what: str, count: int) -> None:
        super().__init__(f"{what}: {count}")
        self.what = what
        self.count = count


class PageUnreadable(Exception):
    """The library cannot load this page (the reader then tries the other one, or notes the page as lost)."""


class PageSource(Protocol):
    """An open PDF as the reader walks it: a page count and each page's content, then closed."""

    @property
    def page_count(self) -> int: ...

    def page(self, index: int, *, max_chars: int, max_rules: int) -> PageContent:
        """Page ``index`` (0-based); :class:`TooDense` past a limit, :class:`PageUnreadable` if it cannot be loaded."""
        ...

    def close(self) -> None: ...
