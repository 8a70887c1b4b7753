"""Drawing a :class:`~disclosure_schema_exporters.pdf_grid.Grid` with reportlab.

Every cell is a ``Paragraph`` with ``wordWrap='CJK'`` (plain strings do not wrap
Chinese), every cell's text is escaped, figures shrink to fit their column rather
than break across lines, and tables with header rows break across pages on the
grid itself, so that a page break may fall inside a merged row label.
"""

from __future__ import annotations

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
MIN_ROWS = 4
"""Rows below the header a table part must have at a page foot; fewer and it starts on the next page."""


def markup(value: str, font: str | None = None) -> str:
    """Report text as reportlab markup that prints exactly the text (``<b>&amp;`` stays ``<b>&amp;``).

    With ``font`` (the style's font), runs of characters it has no glyph for are
    set in a fallback font that has them.
    """
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

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width, self.height = self.table.wrap(available_width, available_height)
            return self.width, self.height

        def draw(self) -> None:
            self.table.drawOn(self.canv, 0, 0)

        def split(self, available_width: float, available_height: float) -> list[Any]:
            self.table.wrap(available_width, available_height)
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
    """A reportlab table for a grid: merged cells, repeated header rows, Chinese wrapping."""
    from reportlab.platypus import Table, TableStyle

    widths = [width * share for share in layout.widths]
    data: list[list[Any]] = [[""] * layout.columns for _ in range(layout.rows)]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts["body"]),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for cell in layout.cells:
        span_width = sum(widths[cell.col : cell.last_col + 1]) - 2 * CELL_PADDING
        data[cell.row][cell.col] = cell_flowable(cell, styles, fonts, span_width)
        if (cell.col, cell.row) != (cell.last_col, cell.last_row):
            commands.append(("SPAN", (cell.col, cell.row), (cell.last_col, cell.last_row)))
        if cell.role is Role.CAPTION:
            commands.append(("BACKGROUND", (cell.col, cell.row), (cell.last_col, cell.last_row), CAPTION_SHADE))
            # a caption stays with its header row and first data row
            commands.append(("NOSPLIT", (0, cell.row), (-1, min(cell.row + 2, layout.rows - 1))))
    return Table(data, colWidths=widths, repeatRows=layout.header_rows, style=TableStyle(commands),
                 hAlign="CENTER")


def cell_flowable(cell: Placed, styles: pdf_page.Styles, fonts: Mapping[str, str], width: float) -> Any:
    """A cell's paragraph; figures shrink to fit their column rather than break across lines."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    if cell.role is Role.NUMBER:
        size = pdf_page.TABLE_SIZE
        while size > SMALLEST_FIGURE and stringWidth(cell.text, fonts["body"], size) > width:
            size -= 0.5
        style = ParagraphStyle(f"figure-{size}", parent=styles.cell_center, fontSize=size, leading=size * 1.3)
        return Paragraph(markup(cell.text, style.fontName), style)
    style = {Role.NOTE: styles.note, Role.HEADER: styles.cell_center}.get(cell.role, styles.cell)
    return Paragraph(markup(cell.text, style.fontName), style)
