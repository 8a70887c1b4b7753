"""Lists for reviewers written as CSV or XLSX: one header, one row per item, nothing a spreadsheet runs.

The roster's publication table and the issue list (问题清单) are handed on to
people who open them in Excel or WPS.  Text from reports is hostile: a cell
starting ``=`` would become a formula in a CSV, and openpyxl stores any string
starting ``=`` as one.  So text cells are written as text explicitly (XLSX) or
with a leading ``'`` (CSV, the convention Excel shows as text), control
characters are replaced, and very long text is cut at Excel's cell limit.  The
file is written atomically.  XLSX needs openpyxl (the ``xlsx`` extra).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from .io import write_atomic

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CELL_LIMIT = 32767
"""Excel's most characters in one cell."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
FORMATS = ("csv", "xlsx")
WIDEST = 48
"""Widest column (in character widths); longer text wraps."""


class SpreadsheetError(Exception):
    """The list cannot be written as asked (unknown suffix, openpyxl missing)."""


def clean_text(text: str) -> str:
    """Text without control characters or lone surrogates, cut to :data:`CELL_LIMIT`."""
    text = _CONTROL.sub("\ufffd", text)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def csv_field(value: Any) -> str:
    """A CSV field: numbers as digits, text cleaned and defused (``'`` before a formula start)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    text = clean_text(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def format_for(path: str | os.PathLike[str], requested: str | None = None) -> str:
    """``csv`` or ``xlsx``, from ``requested`` or else the file's suffix."""
    kind = requested or os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    if kind not in FORMATS:
        raise SpreadsheetError(f"{os.fspath(path)}: 只能写成 .csv 或 .xlsx (write .csv or .xlsx)")
    return kind


def write_rows(path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Sheet1", kind: str | None = None) -> int:
    """Write ``header`` and ``rows`` to ``path`` (CSV with BOM, or XLSX); returns the number of rows."""
    fmt = format_for(path, kind)
    materialised = [list(row) for row in rows]
    if fmt == "csv":
        def write_csv(stream: BinaryIO) -> None:
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow([csv_field(h) for h in header])
            writer.writerows([csv_field(v) for v in row] for row in materialised)
            text.flush()
            text.detach()

        write_atomic(path, write_csv)
    else:
        write_atomic(path, lambda stream: _write_xlsx(stream, header, materialised, sheet))
    return len(materialised)


def _write_xlsx(stream: BinaryIO, header: Sequence[str], rows: list[list[Any]], sheet: str) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
    except ImportError as exc:
        raise SpreadsheetError("写 XLSX 需要 openpyxl：pip install 'disclosure-schema[xlsx]' (openpyxl is needed for XLSX)") from exc
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    for column, title in enumerate(header, start=1):
        cell = ws.cell(row=1, column=column)
        cell.value = clean_text(title)
        cell.data_type = "s"
        cell.font = Font(bold=True)
    widths = [min(WIDEST, max(6, _width(h))) for h in header]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if value is None:
                continue
            if isinstance(value, bool):
                value = "是" if value else "否"
            if isinstance(value, (int, Decimal)):
                cell.value = value
                cell.alignment = Alignment(vertical="top")
            else:
                cell.value = clean_text(str(value))
                cell.data_type = "s"  # stored as text even when it starts with "=": never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[c - 1] = min(WIDEST, max(widths[c - 1], _width(str(value))))
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = width + 2
    for r, row in enumerate(rows, start=2):
        # Spreadsheets do not grow a row for wrapped text written by a program: size it here.
        lines = max((-(-_width(str(v)) // widths[c]) for c, v in enumerate(row) if isinstance(v, str) and v), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = min(409, 15 * lines)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1  # every column on the page's width; as many pages down as needed
    ws.page_setup.fitToHeight = 0
    ws.auto_filter.ref = ws.dimensions
    book.save(stream)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:4000])
