"""The three tables as grids of printed cells, derived from the taxonomy alone.

The official layout itself (which label spans which rows and columns) comes
from :mod:`disclosure_schema.presentation`, shared with the XLSX workbook; this
module puts the report's figures in it and adds what only print needs (column
widths, cutting a grid at a page break).  It knows nothing about reportlab:
:mod:`disclosure_schema_exporters.pdf` turns a :class:`Grid` into a drawn table.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

import disclosure_schema
from disclosure_schema import presentation
from disclosure_schema.taxonomy import Layout


class Role(enum.Enum):
    """How a printed cell is styled."""

    CAPTION = "caption"
    """A sub-table caption of table 二 (第二十条第（一）项), shaded like the template."""
    HEADER = "header"
    LABEL = "label"
    NUMBER = "number"
    NOTE = "note"


@attrs.frozen
class Placed:
    """One printed cell: its text and the grid rectangle it covers (inclusive)."""

    text: str
    role: Role
    col: int
    row: int
    last_col: int
    last_row: int


@attrs.frozen
class Grid:
    """A table ready to draw: size, placed cells, header rows to repeat, relative column widths."""

    columns: int
    rows: int
    cells: tuple[Placed, ...]
    header_rows: int
    widths: tuple[float, ...]
    """Relative widths summing to 1."""
    label_columns: int = 0


def format_value(value: disclosure_schema.Value) -> str:
    """A cell as printed: blank for ``None``, digits for counts, plain decimals (never exponents) for money."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


_ROLES = {
    presentation.Role.CAPTION: Role.CAPTION,
    presentation.Role.HEADER: Role.HEADER,
    presentation.Role.NOTE: Role.NOTE,
    presentation.Role.ROW_LABEL: Role.LABEL,
}


def _widths(layout: presentation.TableGrid) -> tuple[float, ...]:
    """Relative column widths: label columns by level (deepest widest), the figures sharing the rest."""
    values = layout.width - layout.label_columns
    if layout.table.layout is Layout.SUBTABLES:
        return (0.28, *((0.72 / values,) * values))
    labels = layout.label_columns
    label_widths = (0.08, 0.13, 0.30)[-labels:] if 0 < labels <= 3 else (0.51 / labels,) * labels if labels else ()
    rest = (1 - sum(label_widths)) / values
    return (*label_widths, *(rest,) * values)


def split(layout: Grid, at: int) -> tuple[Grid, Grid]:
    """Cut a grid before row ``at``: both parts keep the header rows, and a label spanning the cut
    is printed on both sides (official reports repeat 三、本年度办理结果 after a page break)."""
    if not layout.header_rows < at < layout.rows:
        raise ValueError(f"cannot split a grid of {layout.rows} rows ({layout.header_rows} header rows) at {at}")
    shift = at - layout.header_rows
    first: list[Placed] = []
    second: list[Placed] = []
    for cell in layout.cells:
        if cell.last_row < layout.header_rows:
            first.append(cell)
            second.append(cell)
            continue
        if cell.row < at:
            first.append(attrs.evolve(cell, last_row=min(cell.last_row, at - 1)))
        if cell.last_row >= at:
            second.append(attrs.evolve(cell, row=max(cell.row, at) - shift, last_row=cell.last_row - shift))
    return (
        attrs.evolve(layout, rows=at, cells=tuple(first)),
        attrs.evolve(layout, rows=layout.rows - shift, cells=tuple(second)),
    )


def grid(data: disclosure_schema.TableData) -> Grid:
    """The printed grid of a table of a report: the official layout, with the report's figures in place."""
    layout = presentation.table_grid(data.spec)
    cells = [
        Placed(b.text, _ROLES[b.role], b.column, b.row, b.column + b.columns - 1, b.row + b.rows - 1)
        for b in layout.labels
    ]
    cells += [
        Placed(format_value(data.values[s.cell.index]), Role.NUMBER, s.column, s.row, s.column + s.columns - 1, s.row)
        for s in layout.slots
    ]
    return Grid(layout.width, layout.height, tuple(cells), layout.header_rows, _widths(layout), layout.label_columns)
