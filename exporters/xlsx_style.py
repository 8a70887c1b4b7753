"""How the report workbook looks: fonts, borders, widths, row heights, print set-up, safe text.

Kept apart from what goes where (:mod:`disclosure_schema.workbook`)
and from what is written (:mod:`disclosure_schema_exporters.xlsx`).  The
workbook is written with xlsxwriter (a cell is written once, with one format
holding its font, alignment, fill, border, number format and protection);
:class:`Sheet` takes the layout's one-based rows and columns.  xlsxwriter is
imported lazily so that importing the exporter package stays cheap.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from disclosure_schema.workbook import Box, Role

from .xlsx_sheet import MAX_CELL_CHARS, check_text

__all__ = [
    "CJK_UNITS",
    "FONT_NAME",
    "FONT_SIZE",
    "FORMULA_TRIGGERS",
    "LINE_POINTS",
    "MAX_CELL_CHARS",
    "MAX_ROW_POINTS",
    "Label",
    "Look",
    "Sheet",
    "Styles",
    "display_width",
    "fit_heights",
    "label",
    "label_look",
    "lines_needed",
]

FONT_NAME = "宋体"
"""SimSun, the typeface the template is set in; LibreOffice substitutes a CJK font where it is missing."""
FONT_SIZE = 10
CJK_UNITS = 1.85
"""Width of one CJK character of the 10-point font in Excel's column units (a digit is one unit)."""
LINE_POINTS = 14.0
"""Height of one line of 10-point CJK text, in points."""
MAX_ROW_POINTS = 409.0
"""Excel's limit for a row's height."""
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make spreadsheet programs treat text as a formula (lessons.md); text is never written as one."""
CELL_PADDING = 5 / 7
"""xlsxwriter adds Excel's cell padding (5 pixels of a 7-pixel digit) to a column width; taken off so the file
stores the width asked for, as openpyxl did."""
A4 = 9
"""The paper size code of A4 in SpreadsheetML."""

_ALIGN: Mapping[str, Mapping[str, Any]] = {
    "center": {"align": "center", "valign": "vcenter", "text_wrap": True},
    "left": {"align": "left", "valign": "vcenter", "text_wrap": True},
    "top_left": {"align": "left", "valign": "top", "text_wrap": True},
    "number": {"align": "right", "valign": "vcenter"},
}
_FILLS = {"caption": "#DCE6F2", "header": "#F2F2F2", "input": "#FFFFF0"}


class _CharWidths(dict[str, float]):
    """Width of each character met so far in column units, looked up once per character (labels repeat a few
    hundred characters across every export)."""

    def __missing__(self, ch: str) -> float:
        width = self[ch] = CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0
        return width


_CHAR_WIDTHS = _CharWidths()


def display_width(text: str) -> int:
    """Width in Excel's column units: wide (CJK) characters count about two."""
    return math.ceil(sum(map(_CHAR_WIDTHS.__getitem__, text)))


def lines_needed(text: str, width_units: float) -> int:
    """How many wrapped lines ``text`` takes in a cell ``width_units`` wide."""
    usable = max(width_units - 1.5, 2.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


class Look(NamedTuple):
    """How a cell looks: ``font`` normal/bold/title, ``align`` a key of the alignments, ``fill`` caption/header/input."""

    font: str = "normal"
    align: str | None = None
    fill: str | None = None
    border: bool = False
    number_format: str | None = None
    unlocked: bool = False


def label_look(box: Box, *, align: str | None = None, unlocked: bool = False) -> Look:
    """A label box's look by its role: the title large and unframed, captions and headers filled, all others framed."""
    if box.role is Role.TITLE:
        return Look(font="title", align="center")
    fill = {Role.CAPTION: "caption", Role.HEADER: "header"}.get(box.role)
    if align is None:
        if box.role in (Role.CAPTION, Role.NOTE):
            align = "left"
        elif box.role is Role.HEADER:
            align = "center"
        else:
            align = "center" if box.rows > 1 else "left"
    return Look(align=align, fill=fill, border=True, unlocked=unlocked)


class Label(NamedTuple):
    """A label box ready to write: zero-based corners, its text (checked by :func:`check_text`) and its look."""

    row: int
    column: int
    last_row: int
    last_column: int
    text: str
    look: Look


def label(box: Box, look: Look, where: str) -> Label:
    """The :class:`Label` of a box; raises ``ValueError`` naming ``where`` for text a workbook cannot store."""
    check_text(box.text, where)
    return Label(box.row - 1, box.column - 1, box.last_row - 1, box.last_column - 1, box.text, look)


class Styles:
    """The workbook's cell formats, one xlsxwriter ``Format`` per distinct :class:`Look`, built on first use."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._formats: dict[Look, Any] = {}

    def get(self, **look: Any) -> Any:
        """The format for ``Look(**look)``."""
        return self.format(Look(**look))

    def format(self, look: Look) -> Any:
        found = self._formats.get(look)
        if found is None:
            properties: dict[str, Any] = {
                "font_name": FONT_NAME,
                "font_size": FONT_SIZE + 4 if look.font == "title" else FONT_SIZE,
                "bold": look.font != "normal",
            }
            if look.align is not None:
                properties.update(_ALIGN[look.align])
            if look.fill is not None:
                properties.update(pattern=1, bg_color=_FILLS[look.fill])
            if look.border:
                properties.update(border=1, border_color="#000000")
            if look.number_format is not None:
                properties["num_format"] = look.number_format
            if look.unlocked:
                properties["locked"] = False
            found = self._formats[look] = self._workbook.add_format(properties)
        return found


class Sheet:
    """One worksheet being written: cells, merged boxes, widths, heights, panes and print set-up.

    Rows and columns are one-based, as in :mod:`disclosure_schema.workbook`.
    """

    def __init__(self, workbook: Any, name: str) -> None:
        from .xlsx_sheet import TextWorksheet

        self.ws = workbook.add_worksheet(name, TextWorksheet)

    def text(self, row: int, column: int, text: str, cell_format: Any, where: str | tuple[str, str]) -> None:
        """``text`` as an explicit string cell (never a formula); ``where`` names the field if it cannot be stored."""
        check_text(text, where)
        self.ws.write_text(row - 1, column - 1, text, cell_format)

    def number(self, row: int, column: int, value: float, cell_format: Any) -> None:
        self.ws.write_number(row - 1, column - 1, value, cell_format)

    def date(self, row: int, column: int, value: dt.date, cell_format: Any) -> None:
        self.ws.write_datetime(row - 1, column - 1, value, cell_format)

    def blank(self, row: int, column: int, cell_format: Any) -> None:
        self.ws.write_blank(row - 1, column - 1, None, cell_format)

    def formula(self, row: int, column: int, formula: str, cell_format: Any) -> None:
        """A live formula saved without a result (the reader then sums it; a spreadsheet program computes it)."""
        self.ws.write_formula(row - 1, column - 1, formula, cell_format, "")

    def box(self, box: Box, cell_format: Any) -> None:
        """Every cell a box covers in ``cell_format`` (so a merged range is framed on all its edges), merged if wider than one cell."""
        if box.rows > 1 or box.columns > 1:
            self.ws.merge_range(box.row - 1, box.column - 1, box.last_row - 1, box.last_column - 1, None, cell_format)
        else:
            self.blank(box.row, box.column, cell_format)

    def labels(self, labels: Iterable[Label], styles: Styles) -> None:
        """Label boxes: each framed on every cell and merged, its text (if any) in its first cell."""
        ws = self.ws
        for row, column, last_row, last_column, text, look in labels:
            cell_format = styles.format(look)
            if last_row > row or last_column > column:
                ws.merge_range(row, column, last_row, last_column, None, cell_format)
            elif not text:
                ws.write_blank(row, column, None, cell_format)
            if text:
                ws.write_text(row, column, text, cell_format)

    def widths(self, widths: Iterable[float], first: int = 1) -> None:
        for index, width in enumerate(widths, start=first - 1):
            self.ws.set_column(index, index, width - CELL_PADDING)

    def heights(self, heights: Mapping[int, float]) -> None:
        for row, height in heights.items():
            self.ws.set_row(row - 1, height)

    def freeze(self, row: int, column: int) -> None:
        """Freeze the rows above ``row`` and the columns left of ``column``."""
        self.ws.freeze_panes(row - 1, column - 1)

    def print_setup(self, *, landscape: bool, title_rows: tuple[int, int] | None) -> None:
        """A4, fit to one page wide, header rows repeated, centred horizontally."""
        self.ws.set_paper(A4)
        if landscape:
            self.ws.set_landscape()
        else:
            self.ws.set_portrait()
        self.ws.fit_to_pages(1, 0)
        self.ws.center_horizontally()
        self.ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        self.ws.set_header("", {"margin": 0.5})
        self.ws.set_footer("", {"margin": 0.5})
        if title_rows is not None:
            self.ws.repeat_rows(title_rows[0] - 1, title_rows[1] - 1)


def fit_heights(boxes: Iterable[Box], widths: Sequence[float], floor: Mapping[int, float] | None = None) -> dict[int, float]:
    """Row heights (points, by one-based row) so wrapped labels show in full: Excel does not grow rows under merged cells."""
    heights: dict[int, float] = dict(floor or {})
    pending = sorted(boxes, key=lambda box: box.rows)
    for box in pending:
        span = sum(widths[box.column - 1 : box.last_column])
        needed = min(lines_needed(box.text, span) * LINE_POINTS + 4, MAX_ROW_POINTS * box.rows)
        rows = range(box.row, box.last_row + 1)
        have = sum(heights.get(row, LINE_POINTS + 4) for row in rows)
        if needed > have:
            extra = (needed - have) / box.rows
            for row in rows:
                heights[row] = min(heights.get(row, LINE_POINTS + 4) + extra, MAX_ROW_POINTS)
    return {row: round(height, 1) for row, height in heights.items()}
