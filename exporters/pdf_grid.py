"""The three tables as grids of printed cells, derived from the taxonomy alone.

This module knows the official layout (which label spans which rows and
columns) but nothing about reportlab: :mod:`disclosure_schema_exporters.pdf`
turns a :class:`Grid` into a drawn table.  Keeping the geometry apart makes it
testable without rendering and keeps every label coming from the declaration.

The one idea used three times: a list of label paths (column headers of table
三 and 四, row labels of table 三) is laid out as nested merged cells -- a label
shared by neighbours spans them, and the last label of a path that is shorter
than the deepest one stretches to fill the remaining levels.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal

import attrs

import disclosure_schema
from disclosure_schema.taxonomy import Column, Layout, Row, Table


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


Path = tuple[tuple[str, str], ...]
"""A path of (identity, text) pairs; identity tells two equal texts in different places apart."""


@attrs.frozen
class _Span:
    text: str
    first: int
    last: int
    level: int
    last_level: int


def nest(paths: Sequence[Path]) -> list[_Span]:
    """Lay out label paths as merged cells: positions along one axis, levels along the other."""
    depth = max(len(path) for path in paths)
    spans: list[_Span] = []
    for level in range(depth):
        position = 0
        while position < len(paths):
            path = paths[position]
            if level >= len(path):
                position += 1
                continue
            leaf = level == len(path) - 1
            end = position
            if not leaf:
                while (
                    end + 1 < len(paths)
                    and len(paths[end + 1]) - 1 > level
                    and paths[end + 1][: level + 1] == path[: level + 1]
                ):
                    end += 1
            spans.append(_Span(path[level][1], position, end, level, depth - 1 if leaf else level))
            position = end + 1
    return spans


def format_value(value: disclosure_schema.Value) -> str:
    """A cell as printed: blank for ``None``, digits for counts, plain decimals (never exponents) for money."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _headers(columns: Sequence[Column]) -> list[Path]:
    return [tuple([*(("h:" + "/".join(c.headers[: i + 1]), h) for i, h in enumerate(c.headers)), (c.key, c.text)])
            for c in columns]


def matrix(table: Table, data: disclosure_schema.TableData) -> Grid:
    """Table 三: note in the corner, three header rows of applicant columns, three levels of row labels."""
    columns = table.rows[0].columns
    column_paths = _headers(columns)
    row_paths: list[Path] = [tuple((node.key, node.text) for node in row.path) for row in table.rows]
    header_rows = max(len(p) for p in column_paths)
    label_columns = max(len(p) for p in row_paths)
    cells: list[Placed] = []
    if table.note:
        cells.append(Placed(table.note, Role.NOTE, 0, 0, label_columns - 1, header_rows - 1))
    for span in nest(column_paths):
        cells.append(Placed(span.text, Role.HEADER, label_columns + span.first, span.level,
                            label_columns + span.last, span.last_level))
    for span in nest(row_paths):
        cells.append(Placed(span.text, Role.LABEL, span.level, header_rows + span.first,
                            span.last_level, header_rows + span.last))
    for r, row in enumerate(table.rows):
        for c, column in enumerate(row.columns):
            text = format_value(data.get(row.key, column.key))
            cells.append(Placed(text, Role.NUMBER, label_columns + c, header_rows + r,
                                label_columns + c, header_rows + r))
    label_widths = (0.08, 0.13, 0.30)[-label_columns:] if label_columns <= 3 else (0.51 / label_columns,) * label_columns
    rest = (1 - sum(label_widths)) / len(columns)
    return Grid(label_columns + len(columns), header_rows + len(table.rows), tuple(cells), header_rows,
                (*label_widths, *(rest,) * len(columns)), label_columns)


def single_row(table: Table, data: disclosure_schema.TableData) -> Grid:
    """Table 四: every declared row becomes a column group; one printed row of figures."""
    paths: list[Path] = []
    keys: list[tuple[Row, Column]] = []
    for row in table.rows:
        for column in row.columns:
            paths.append((*((node.key, node.text) for node in row.path), (row.key + "/" + column.key, column.text)))
            keys.append((row, column))
    header_rows = max(len(p) for p in paths)
    cells = [Placed(s.text, Role.HEADER, s.first, s.level, s.last, s.last_level) for s in nest(paths)]
    for c, (row, column) in enumerate(keys):
        cells.append(Placed(format_value(data.get(row.key, column.key)), Role.NUMBER, c, header_rows, c, header_rows))
    return Grid(len(paths), header_rows + 1, tuple(cells), header_rows, (1 / len(paths),) * len(paths))


def subtables(table: Table, data: disclosure_schema.TableData) -> Grid:
    """Table 二: per 第二十条 item a caption row, a header row (信息内容 + columns), then its rows.

    The grid has as many value columns as the widest sub-table; in a narrower one
    the last column spans the rest, as in the Word template.
    """
    width = max(len(row.columns) for row in table.rows)
    cells: list[Placed] = []
    line = 0
    caption: str | None = None
    columns: tuple[Column, ...] | None = None
    for row in table.rows:
        if row.path[0].key != caption:
            caption = row.path[0].key
            cells.append(Placed(row.path[0].text, Role.CAPTION, 0, line, width, line))
            line += 1
            columns = None
        if row.columns != columns:
            columns = row.columns
            cells.append(Placed(table.row_header or "", Role.HEADER, 0, line, 0, line))
            cells.extend(_spread(Role.HEADER, [c.text for c in columns], line, width))
            line += 1
        label = " ".join(node.text for node in row.path[1:])
        cells.append(Placed(label, Role.LABEL, 0, line, 0, line))
        values = [format_value(data.get(row.key, c.key)) for c in row.columns]
        cells.extend(_spread(Role.NUMBER, values, line, width))
        line += 1
    return Grid(width + 1, line, tuple(cells), 0, (0.28, *((0.72 / width,) * width)), 1)


def _spread(role: Role, texts: Sequence[str], line: int, width: int) -> list[Placed]:
    placed = []
    for i, text in enumerate(texts):
        last = width if i == len(texts) - 1 else i + 1
        placed.append(Placed(text, role, i + 1, line, last, line))
    return placed


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


LAYOUTS = {Layout.SUBTABLES: subtables, Layout.MATRIX: matrix, Layout.SINGLE_ROW: single_row}


def grid(data: disclosure_schema.TableData) -> Grid:
    """The printed grid of a table of a report, in the layout its declaration names."""
    return LAYOUTS[data.spec.layout](data.spec, data)
