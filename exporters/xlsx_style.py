"""How the report workbook looks: fonts, borders, widths, row heights, print set-up, safe text.

Kept apart from what goes where (:mod:`disclosure_schema.workbook`)
and from what is written (:mod:`disclosure_schema_exporters.xlsx`).  Every
function takes openpyxl objects; openpyxl itself is imported lazily so that
importing the exporter package stays cheap.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from typing import Any

from disclosure_schema.workbook import Box, Role

FONT_NAME = "宋体"
"""SimSun, the typeface the template is set in; LibreOffice substitutes a CJK font where it is missing."""
FONT_SIZE = 10
CJK_UNITS = 1.85
"""Width of one CJK character of the 10-point font in Excel's column units (a digit is one unit)."""
LINE_POINTS = 14.0
"""Height of one line of 10-point CJK text, in points."""
MAX_ROW_POINTS = 409.0
"""Excel's limit for a row's height."""
MAX_CELL_CHARS = 32767
"""Excel's limit for the text of one cell."""
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make spreadsheet programs treat text as a formula (lessons.md)."""


def display_width(text: str) -> int:
    """Width in Excel's column units: wide (CJK) characters count about two."""
    return math.ceil(sum(CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text))


def lines_needed(text: str, width_units: float) -> int:
    """How many wrapped lines ``text`` takes in a cell ``width_units`` wide."""
    usable = max(width_units - 1.5, 2.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def put_text(ws: Any, row: int, column: int, text: str, where: str) -> Any:
    """Write ``text`` as an explicit string cell: it can never become a formula.

    ``where`` names the report field for the error raised when the text cannot
    be stored (Excel's 32767-character limit, control characters XML forbids).
    """
    from openpyxl.utils.exceptions import IllegalCharacterError

    if len(text) > MAX_CELL_CHARS:
        raise ValueError(
            f"{where}：{len(text)} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS} "
            f"({len(text)} characters, over Excel's limit of {MAX_CELL_CHARS} for one cell)"
        )
    cell = ws.cell(row=row, column=column)
    try:
        cell.value = text
    except IllegalCharacterError:
        raise ValueError(
            f"{where}：文字含有工作簿无法保存的控制字符 (the text holds control characters a workbook cannot store)"
        ) from None
    cell.data_type = "s"
    return cell


class Styles:
    """The workbook's styles, built once per export (openpyxl style objects are immutable values)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.title_font = Font(name=FONT_NAME, size=FONT_SIZE + 4, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.top_left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.number = Alignment(horizontal="right", vertical="center")
        self.caption_fill = PatternFill("solid", fgColor="DCE6F2")
        self.header_fill = PatternFill("solid", fgColor="F2F2F2")
        self.input_fill = PatternFill("solid", fgColor="FFFFF0")
        self.unlocked = Protection(locked=False)

    def label(self, ws: Any, box: Box) -> None:
        """Style a label box: font, alignment, fill; borders on every cell of its range."""
        cell = ws.cell(row=box.row, column=box.column)
        cell.font = self.title_font if box.role is Role.TITLE else self.font
        if box.role is Role.TITLE:
            cell.alignment = self.center
            return
        if box.role is Role.CAPTION:
            cell.alignment, cell.fill = self.left, self.caption_fill
        elif box.role is Role.HEADER:
            cell.alignment, cell.fill = self.center, self.header_fill
        elif box.role is Role.NOTE:
            cell.alignment = self.left
        else:
            cell.alignment = self.center if box.rows > 1 else self.left
        self.frame(ws, box)

    def frame(self, ws: Any, box: Box) -> None:
        """Thin borders on every cell a box covers, merged edges included (lessons.md)."""
        for row in range(box.row, box.last_row + 1):
            for column in range(box.column, box.last_column + 1):
                ws.cell(row=row, column=column).border = self.border


def merge(ws: Any, box: Box) -> None:
    if box.rows > 1 or box.columns > 1:
        ws.merge_cells(box.ref)


def set_widths(ws: Any, widths: Iterable[float]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def fit_heights(ws: Any, boxes: Iterable[Box], widths: list[float], floor: dict[int, float] | None = None) -> None:
    """Set row heights so wrapped labels show in full: Excel does not grow rows under merged cells."""
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
    for row, height in heights.items():
        ws.row_dimensions[row].height = round(height, 1)


def print_setup(ws: Any, *, landscape: bool, title_rows: tuple[int, int] | None) -> None:
    """A4, fit to one page wide, header rows repeated, centred horizontally."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
