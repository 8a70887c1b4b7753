"""The page of a 公文 (GB/T 9704-2012) and the typography set on it.

A4, 版心 156 mm × 225 mm with 天头 37 mm and 订口 28 mm; body 三号 (16 pt) 仿宋 on a
28-point line; title 二号 (22 pt) 小标宋; page numbers 四号 (14 pt) in the form
``— 1 —`` 7 mm below the 版心, right on odd pages and left on even pages, one
character in from the edge.  Tables use 五号 (10.5 pt), as official templates do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import zlib
from collections.abc import Callable, Mapping
from typing import Any

import attrs

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
TOP = 37 * MM
LEFT = 28 * MM
TEXT_WIDTH = 156 * MM
TEXT_HEIGHT = 225 * MM
BODY_SIZE = 16.0
BODY_LEADING = 28.0
TITLE_SIZE = 22.0
TABLE_SIZE = 10.5
PAGE_NUMBER_SIZE = 14.0


@attrs.frozen
class Styles:
    """The paragraph styles of the document, each with its font set explicitly (never Helvetica)."""

    title: Any
    number: Any
    heading: Any
    subheading: Any
    body: Any
    signature: Any
    tail: Any
    tail_right: Any
    cell: Any
    cell_center: Any
    note: Any
    draft: Any


CLOSING_PUNCTUATION = "\uff0c\uff1b\uff1a\uff01\uff1f\u201d\u2019\u300b\u3009\u300d\u300f\u3011\uff0e"
"""，；：！？”’》〉」』】．: marks that must not begin a line of Chinese (GB/T 15834 避头)."""


def teach_line_breaking() -> None:
    """Add the Chinese closing marks reportlab's CJK line breaker does not know to its 避头 list.

    reportlab (4.x) keeps ``、`` and ``。`` off the start of a line but not ``，``
    or ``；`` or ``”``, so a paragraph can print a line that begins with a comma.
    The list is a global of :mod:`reportlab.lib.textsplit` (single-run paragraphs)
    copied into :mod:`reportlab.platypus.paragraph` (mixed runs); extending it only
    lets more characters hang at the end of the previous line.
    """
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):
        missing = "".join(ch for ch in CLOSING_PUNCTUATION if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def make_styles(fonts: Mapping[str, str]) -> Styles:
    """The document's styles for the registered fonts by role; made once per process and set of fonts
    (reportlab only reads them)."""
    return _styles(tuple(sorted(fonts.items())))


@functools.lru_cache(maxsize=16)
def _styles(font_items: tuple[tuple[str, str], ...]) -> Styles:
    fonts = dict(font_items)
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    def style(name: str, role: str, size: float, leading: float, **extra: Any) -> Any:
        return ParagraphStyle(name, fontName=fonts[role], fontSize=size, leading=leading, wordWrap="CJK", **extra)

    teach_line_breaking()
    indent = 2 * BODY_SIZE
    return Styles(
        title=style("title", "title", TITLE_SIZE, TITLE_SIZE * 1.6, alignment=TA_CENTER, spaceAfter=BODY_LEADING),
        number=style("number", "body", BODY_SIZE, BODY_LEADING, alignment=TA_CENTER, spaceAfter=BODY_LEADING),
        heading=style("heading", "heading", BODY_SIZE, BODY_LEADING, firstLineIndent=indent),
        subheading=style("subheading", "subheading", BODY_SIZE, BODY_LEADING, firstLineIndent=indent),
        body=style("body", "body", BODY_SIZE, BODY_LEADING, firstLineIndent=indent, alignment=TA_JUSTIFY),
        signature=style("signature", "body", BODY_SIZE, BODY_LEADING, alignment=TA_RIGHT, rightIndent=indent),
        tail=style("tail", "body", 14, 22, alignment=TA_LEFT),
        tail_right=style("tail_right", "body", 14, 22, alignment=TA_RIGHT),
        cell=style("cell", "body", TABLE_SIZE, TABLE_SIZE * 1.3, alignment=TA_LEFT),
        cell_center=style("cell_center", "body", TABLE_SIZE, TABLE_SIZE * 1.3, alignment=TA_CENTER),
        note=style("note", "body", 9, 12, alignment=TA_LEFT),
        draft=style("draft", "heading", BODY_SIZE, BODY_LEADING, alignment=TA_CENTER, textColor="#C00000",
                    spaceAfter=BODY_LEADING / 2),
    )


def page_number_drawer(font: str, dated: dt.date | None = None, first_page: Any = None) -> Any:
    """A reportlab page callback that prints ``— n —`` at the 公文 position.

    On the first page it also dates the file: the PDF is built in reportlab's
    invariant mode (same report, same bytes), whose timestamp is 2000-01-01; the
    document's own date (成文日期 or 印发日期) is the honest replacement.
    """

    def draw(canvas: Any, doc: Any) -> None:
        number = canvas.getPageNumber()
        if number == 1:
            compress_quickly(canvas)
        if number == 1 and dated is not None:
            _date_file(canvas, dated)
        if number == 1 and first_page is not None:
            first_page(canvas)
        text = f"\u2014 {number} \u2014"
        y = PAGE_HEIGHT - TOP - TEXT_HEIGHT - 7 * MM - PAGE_NUMBER_SIZE
        canvas.saveState()
        canvas.setFont(font, PAGE_NUMBER_SIZE)
        if number % 2:
            canvas.drawRightString(LEFT + TEXT_WIDTH - PAGE_NUMBER_SIZE, y, text)
        else:
            canvas.drawString(LEFT + PAGE_NUMBER_SIZE, y, text)
        canvas.restoreState()

    return draw


class QuickFlate:
    """A ``/FlateDecode`` stream filter that deflates with ISA-L (the ``isal`` package) when it is installed.

    Most of a report's PDF is its embedded font subsets, glyph outlines that hardly
    compress; with zlib's default level they took a fifth of an export.  ISA-L's best
    level gives standard deflate data a little larger (some 7 % on those outlines)
    ten times as fast; without ``isal`` this is zlib at its default level, as before.
    """

    pdfname = "FlateDecode"

    def encode(self, data: bytes | str) -> bytes:
        return _deflate()(data.encode("utf8") if isinstance(data, str) else data)

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


@functools.cache
def _deflate() -> Callable[[bytes], bytes]:
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib.compress
    return functools.partial(isal_zlib.compress, level=isal_zlib.ISAL_BEST_COMPRESSION)


def compress_quickly(canvas: Any) -> None:
    """Have every stream reportlab compresses itself (pages, font subsets, ToUnicode maps) use :class:`QuickFlate`.

    reportlab gives those streams its own zlib filter (and pages an ASCII85 one too)
    while compression is on; with it off they take the document's default filters,
    which here are :class:`QuickFlate`.  Streams that name their filters (the
    embedded report JSON) keep them.
    """
    canvas.setPageCompression(0)
    canvas._doc.defaultStreamFilters = [QuickFlate()]


def foot_spacer(*followers: Any) -> Any:
    """Empty space that pushes ``followers`` to the bottom of the page, where a 公文 prints its 版记.

    When they do not fit below what is already on the page, the space is none and
    they run on as they come (a 抄送 list may be of any length).
    """
    from reportlab.platypus import Flowable

    class FootSpacer(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            canvas = getattr(self, "canv", None)
            needed = 0.0
            for follower in followers:
                if canvas is not None:
                    _, height = follower.wrapOn(canvas, available_width, available_height)
                else:
                    _, height = follower.wrap(available_width, available_height)
                needed += height + follower.getSpaceBefore() + follower.getSpaceAfter()
            self.height = max(0.0, available_height - needed - 1)
            return available_width, self.height

        def draw(self) -> None:
            return None

    return FootSpacer()


def _date_file(canvas: Any, date: dt.date) -> None:
    # reportlab's private timestamp; should a later version keep it elsewhere, the file keeps the invariant date
    with contextlib.suppress(AttributeError, ImportError):
        from reportlab.lib.utils import TimeStamp

        stamp = TimeStamp(invariant=True)
        moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
        stamp.t = moment.timestamp()
        stamp.lt = moment.timetuple()
        stamp.YMDhms = tuple(stamp.lt)[:6]
        canvas._doc._timeStamp = stamp


def document(stream: Any, fonts: Mapping[str, str], dated: dt.date | None = None, first_page: Any = None,
             **info: str) -> Any:
    """A document template on the 公文 page, numbering every page; ``info`` goes to the PDF metadata.

    ``first_page(canvas)`` is called once, when the first page is drawn (to add document-level objects).
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    bottom = PAGE_HEIGHT - TOP - TEXT_HEIGHT
    frame = Frame(LEFT, bottom, TEXT_WIDTH, TEXT_HEIGHT, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    doc = BaseDocTemplate(
        stream,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=LEFT,
        rightMargin=PAGE_WIDTH - LEFT - TEXT_WIDTH,
        topMargin=TOP,
        bottomMargin=bottom,
        invariant=True,
        initialFontName=fonts["body"],
        creator="disclosure-schema",
        lang="zh-CN",
        **info,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number_drawer(fonts["body"], dated, first_page))])
    return doc
