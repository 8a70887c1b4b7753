"""Drawing a :class:`~disclosure_schema_exporters.pdf_grid.Grid` with reportlab.

Every cell is a ``Paragraph`` with ``wordWrap='CJK'`` (plain strings do not wrap
Chinese), every cell's text is escaped, figures shrink to fit their column rather
than break across lines, and tables with header rows break across pages on the
grid itself, so that a page break may fall inside a merged row label.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from . import pdf_page
from .pdf_fonts import fallback_for
from .pdf_grid import Grid, Placed, Role, split

CELL_PADDING = 2.5
CAPTION_SHADE = "#DCE6F2"
"""The light blue of the Word template's sub-table captions (第二十条第（一）项)."""
SMALLEST_FIGURE = 5.0
CACHE_LIMIT = 4096
"""Cells remembered (see :func:`cell_paragraph`); past this the memory is emptied and starts again."""
MIN_ROWS = 4
"""Rows below the header a table part must have at a page foot; fewer and it starts on the next page."""


_UNFALLEN = frozenset("\n\t ")
"""Characters always set in the style's font."""


def markup(value: str, font: str | None = None) -> str:
    """Report text as reportlab markup that prints exactly the text (``<b>&amp;`` stays ``<b>&amp;``).

    With ``font`` (the style's font), runs of characters it has no glyph for are
    set in a fallback font that has them.
    """
    if font is None or not any(fallback_for(font, char) for char in set(value) - _UNFALLEN):
        return escape(value).replace("\n", "<br/>")  # (the usual case: one run in the style's font)
    runs: list[tuple[str | None, str]] = []
    for char in value:
        other = fallback_for(font, char) if font is not None and char not in "\n\t " else None
        if runs and runs[-1][0] == other:
            runs[-1] = (other, runs[-1][1] + char)
        else:
            runs.append((other, char))
    parts = []
    for other, text in runs:
        escaped = escape(text).replace("\n", "<br/>")
        parts.append(escaped if other is None else f'<font name="{other}">{escaped}</font>')
    return "".join(parts)


def table_flowable(layout: Grid, styles: pdf_page.Styles, fonts: Mapping[str, str], width: float) -> Any:
    """A table that may break across pages anywhere, even inside a merged row label.

    reportlab will not split a table inside a row span, so table 三 (whose
    三、本年度办理结果 spans 22 rows) would jump whole to the next page or not fit at
    all.  Tables with header rows are therefore split here, on the grid: each part
    repeats the header rows and the labels spanning the cut.  Table 二 has no
    header rows of its own (each sub-table carries its own) and is left to reportlab.
    """
    from reportlab.platypus import Flowable

    if layout.header_rows == 0:
        return drawn_table(layout, styles, fonts, width)

    class GridTable(Flowable):  # type: ignore[misc]
        def __init__(self, part: Grid) -> None:
            super().__init__()
            self.part = part
            self.table = drawn_table(part, styles, fonts, width)
            self.measured: tuple[float, float] | None = None

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            # measured again only for another space: the frame, split and keep-together ask for the same one
            if self.measured != (available_width, available_height):
                self.width, self.height = self.table.wrap(available_width, available_height)
                self.measured = (available_width, available_height)
            return self.width, self.height

        def draw(self) -> None:
            self.table.drawOn(self.canv, 0, 0)

        def split(self, available_width: float, available_height: float) -> list[Any]:
            self.wrap(available_width, available_height)
            # reportlab measures rows only until the available height is used up; the rest stay None
            heights: list[float | None] = list(self.table._rowHeights)
            rows, used = 0, 0.0
            for height in heights:
                if height is None or used + height > available_height:
                    break
                used += height
                rows += 1
            # never leave a table's header with fewer than MIN_ROWS rows at a page foot
            for at in range(min(rows, self.part.rows - 1), self.part.header_rows + MIN_ROWS - 1, -1):
                first, rest = split(self.part, at)
                head = GridTable(first)
                if head.wrap(available_width, available_height)[1] <= available_height:
                    return [head, GridTable(rest)]
            return []

    return GridTable(layout)


def drawn_table(layout: Grid, styles: pdf_page.Styles, fonts: Mapping[str, str], width: float) -> Any:
    """A reportlab table for a grid: merged cells, repeated header rows, Chinese wrapping.

    Every cell shares one cell style (body font, vertically centred, :data:`CELL_PADDING`
    all round) instead of having the table-wide commands applied to each cell's own
    style in turn, which was a third of making a table; the commands left (grid,
    spans, shading, captions kept together) apply to ranges, not to cell styles.
    """
    from reportlab.platypus import TableStyle
    from reportlab.platypus.tables import CellStyle

    widths = [width * share for share in layout.widths]
    data: list[list[Any]] = [[""] * layout.columns for _ in range(layout.rows)]
    shared = CellStyle("cell")
    shared.fontname = fonts["body"]
    shared.valign = "MIDDLE"
    shared.leftPadding = shared.rightPadding = shared.topPadding = shared.bottomPadding = CELL_PADDING
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    for cell in layout.cells:
        span_width = sum(widths[cell.col : cell.last_col + 1]) - 2 * CELL_PADDING
        data[cell.row][cell.col] = cell_flowable(cell, styles, fonts, span_width)
        if (cell.col, cell.row) != (cell.last_col, cell.last_row):
            commands.append(("SPAN", (cell.col, cell.row), (cell.last_col, cell.last_row)))
        if cell.role is Role.CAPTION:
            commands.append(("BACKGROUND", (cell.col, cell.row), (cell.last_col, cell.last_row), CAPTION_SHADE))
            # a caption stays with its header row and first data row
            commands.append(("NOSPLIT", (0, cell.row), (-1, min(cell.row + 2, layout.rows - 1))))
    return _table_class()(data, colWidths=widths, repeatRows=layout.header_rows, style=TableStyle(commands),
                          hAlign="CENTER", cellStyles=[[shared] * layout.columns for _ in range(layout.rows)])


@functools.cache
def _table_class() -> type:
    from reportlab.platypus import Table

    class CellTable(Table):  # type: ignore[misc]
        """A table that sets all its plain cells in one text object, after its backgrounds and rules.

        reportlab begins and ends a text object for every cell; here each plain cell
        (see :func:`cell_paragraph`) only moves the text origin to where reportlab
        would have put it: vertically centred in its row, inside its padding.
        """

        text: Any
        text_color: Any

        def draw(self) -> None:
            self.text = None
            super().draw()
            if self.text is not None:
                canvas = self.canv
                canvas.saveState()  # (the colour set in the text object stays with this state)
                canvas.drawText(self.text)
                canvas.restoreState()
                self.text = None

        def _drawCell(self, value: Any, style: Any, position: tuple[float, float], size: tuple[float, float]) -> None:
            cell = value[0] if isinstance(value, (tuple, list)) and len(value) == 1 else value
            if (not getattr(cell, "plain", False) or style.valign != "MIDDLE" or style.alignment != "LEFT"
                    or style.href or style.destination or cell.getSpaceBefore() or cell.getSpaceAfter()
                    or (self.text is not None and cell.blPara.textColor != self.text_color)):
                super()._drawCell(value, style, position, size)
                return
            (left, bottom), (width, height) = position, size
            _, tall = cell.wrapOn(self.canv, width - style.leftPadding - style.rightPadding,
                                  height - style.topPadding - style.bottomPadding)
            if self.text is None:
                self.text = self.canv.beginText()
                self.text_color = cell.blPara.textColor
                self.text.setFillColor(self.text_color)
            y = bottom + (height + style.bottomPadding - style.topPadding + tall) / 2.0 - tall
            cell.set_lines(self.text, left + style.leftPadding, y)

    return CellTable


def cell_flowable(cell: Placed, styles: pdf_page.Styles, fonts: Mapping[str, str], width: float) -> Any:
    """A cell's paragraph; figures shrink to fit their column rather than break across lines."""
    if cell.role is Role.NUMBER:
        return cell_paragraph(cell.text, figure_style(styles.cell_center, cell.text, width))
    style = {Role.NOTE: styles.note, Role.HEADER: styles.cell_center}.get(cell.role, styles.cell)
    return cell_paragraph(cell.text, style)


def figure_style(parent: Any, text: str, width: float) -> Any:
    """The centred style a figure is set in: 五号, or smaller (by half points) until it fits ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = pdf_page.TABLE_SIZE
    while size > SMALLEST_FIGURE and stringWidth(text, parent.fontName, size) > width:
        size -= 0.5
    return _figure_style(parent, size)


_FIGURE_STYLES: dict[tuple[Any, ...], Any] = {}


def _figure_style(parent: Any, size: float) -> Any:
    key = (*_style_key(parent), size)
    style = _FIGURE_STYLES.get(key)
    if style is None:
        from reportlab.lib.styles import ParagraphStyle

        if len(_FIGURE_STYLES) >= CACHE_LIMIT:
            _FIGURE_STYLES.clear()
        style = _FIGURE_STYLES[key] = ParagraphStyle(f"figure-{size}", parent=parent, fontSize=size, leading=size * 1.3)
    return style


def _style_key(style: Any) -> tuple[Any, ...]:
    """What of a cell style decides how its text is parsed and broken into lines (cell styles have no indents)."""
    return (style.name, style.fontName, style.fontSize, style.leading, style.alignment, style.wordWrap,
            style.leftIndent, style.rightIndent, style.firstLineIndent)


_PARSED: dict[tuple[Any, ...], tuple[str, list[Any]]] = {}
"""Cell text and style → (markup, reportlab fragments) of a single-run cell, parsed once per process."""
_BROKEN: dict[tuple[Any, ...], tuple[Any, float, bool]] = {}
"""Cell text, style and width → (lines, height, whether plain) of a single-run cell, broken into lines once per process."""


def cell_paragraph(text: str, style: Any) -> Any:
    """A table cell's ``Paragraph``, parsed and broken into lines once per text, style and width.

    A report's tables are the same labels (and mostly the same figures) report after
    report, and table 三 is measured once more for every cut tried at a page foot; a
    cell is therefore parsed and broken only the first time it is seen.  Only cells
    set in one run of one font are remembered (a cell with a fallback font for a rare
    character is set afresh): reportlab draws those from the remembered lines exactly
    as from fresh ones, so the page is the same.
    """
    key = (text, *_style_key(style))
    parsed = _PARSED.get(key)
    if parsed is not None:
        return _cell_class()(parsed[0], style, frags=parsed[1], key=key)
    marked = markup(text, style.fontName)
    paragraph = _cell_class()(marked, style, key=key)
    if len(paragraph.frags) == 1:
        if len(_PARSED) >= CACHE_LIMIT:
            _PARSED.clear()
        _PARSED[key] = (marked, paragraph.frags)
    else:
        paragraph.key = None
    return paragraph


@functools.cache
def _cell_class() -> type:
    from reportlab.platypus import Paragraph

    class CellParagraph(Paragraph):  # type: ignore[misc]
        blPara: Any
        width: float
        height: float
        key: tuple[Any, ...] | None
        plain: bool

        def __init__(self, text: str, style: Any, frags: list[Any] | None = None, key: tuple[Any, ...] | None = None):
            super().__init__(text, style, frags=frags)
            self.key = key
            self.plain = False

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            if self.plain and self.width == available_width:
                return self.width, self.height  # (measured for this width already: lines do not depend on height)
            self.plain = False
            if self.key is None:
                return super().wrap(available_width, available_height)  # type: ignore[no-any-return]
            key = (*self.key, available_width)
            broken = _BROKEN.get(key)
            if broken is None:
                result = super().wrap(available_width, available_height)
                if self.blPara.kind == 0:
                    if len(_BROKEN) >= CACHE_LIMIT:
                        _BROKEN.clear()
                    _BROKEN[key] = (self.blPara, self.height, _plain(self, self.blPara))
                    self.plain = _BROKEN[key][2]
                return result  # type: ignore[no-any-return]
            style = self.style
            self.width = available_width
            self._wrapWidths = [available_width - style.firstLineIndent - style.leftIndent - style.rightIndent,
                                available_width - style.leftIndent - style.rightIndent]
            self.blPara, self.height, self.plain = broken
            return self.width, self.height

        def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
            """Set the lines straight onto the page at the cell's place.

            reportlab draws every paragraph inside its own saved graphics state, moved
            to its place; for a cell of plain lines that is most of the cost of a table.
            The text is set where reportlab would set it (first baseline one font size
            below the top, each line on the leading, centred or flush as the style says),
            in the style's colour; anything else is drawn by reportlab itself.
            """
            if not getattr(self, "plain", False):
                super().drawOn(canvas, x, y, _sW)
                return
            x = self._hAlignAdjust(x, _sW)
            if canvas._fillColorObj is not self.blPara.textColor:  # (reportlab keeps it with the graphics state)
                canvas.setFillColor(self.blPara.textColor)
            text = canvas.beginText()
            self.set_lines(text, x, y)
            canvas.drawText(text)

        def set_lines(self, text: Any, x: float, y: float) -> None:
            """Add the lines to a text object, for a cell whose bottom left corner is at (x, y)."""
            para, leading = self.blPara, self.style.leading
            text.setTextOrigin(x, y + self.height - para.fontSize)
            if (text._fontname, text._fontsize, text._leading) != (para.fontName, para.fontSize, leading):
                text.setFont(para.fontName, para.fontSize, leading)
            share = _SHIFT[self.style.alignment]
            for extra, words in para.lines:
                shift = share * extra
                if abs(shift) > 1e-6:
                    text.setXPos(shift)
                text.textLine(" ".join(words))
                if abs(shift) > 1e-6:
                    text.setXPos(-shift)

    return CellParagraph


_SHIFT = {0: 0.0, 1: 0.5, 2: 1.0}
"""How much of a line's spare width goes before it, by alignment (reportlab's TA_LEFT, TA_CENTER, TA_RIGHT)."""


def _plain(paragraph: Any, para: Any) -> bool:
    """Whether a single-run paragraph is plain lines: no bullet, link, underline, border, background,
    indent or automatic leading, left, centred or right aligned, and no line squeezed to fit
    (which reportlab sets with word spacing)."""
    style = paragraph.style
    return (
        style.alignment in _SHIFT and not paragraph.bulletText and not getattr(para, "us_lines", None)
        and not getattr(para, "link", None) and not style.backColor and not style.borderWidth
        and not (style.leftIndent or style.rightIndent or style.firstLineIndent)
        and getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) in ("", "off")
        and all(extra > -1e-8 or (len(words) == 1 and "\xa0" not in words[0]) for extra, words in para.lines)
    )
