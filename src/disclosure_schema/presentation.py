"""The official tables as grids: which label spans which rows and columns, where each figure goes.

The declaration says what a table holds (``Row.path``, ``Column.headers``,
``Layout``); this module turns it into the printed geometry the template uses,
once, for every format that draws a table (the XLSX workbook, the PDF) and
every reader that must find cells in one.  Coordinates are 0-based grid
positions; each user offsets them to its own sheet or page.

The one idea used three times: a list of label paths (the column headers of
tables 三 and 四, the row labels of table 三) is laid out as nested merged cells.
Neighbours sharing a label share one cell, and the last label of a path shorter
than the deepest one stretches over the remaining levels.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from functools import cache

import attrs

from .taxonomy import Cell, Layout, Table


class Role(enum.Enum):
    """What a label cell is; decides how it is styled."""

    CAPTION = "caption"
    """A sub-table caption of table 二 (第二十条第（一）项)."""
    HEADER = "header"
    NOTE = "note"
    """Table 三's 勾稽关系 line, in the top-left corner as the template prints it."""
    ROW_LABEL = "row_label"


@attrs.frozen
class LabelBox:
    """A printed label covering ``rows`` × ``columns`` grid positions from (``row``, ``column``)."""

    text: str
    role: Role
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@attrs.frozen
class CellSlot:
    """Where one figure goes; in table 二 a sub-table's last value spans what is left of the grid."""

    cell: Cell
    row: int
    column: int
    columns: int = 1


@attrs.frozen
class TableGrid:
    """One table laid out as the template prints it."""

    table: Table
    labels: tuple[LabelBox, ...]
    slots: tuple[CellSlot, ...]
    width: int
    height: int
    header_rows: int
    """Rows at the top to repeat on every page (0 for table 二, whose sub-tables have their own)."""
    label_columns: int
    """Columns at the left holding row labels (0 for table 四)."""


Path = tuple[tuple[str, str], ...]
"""A path of (identity, text) pairs; the identity tells equal texts in different places apart."""


@attrs.frozen
class _Span:
    text: str
    position: int
    count: int
    level: int
    levels: int


def _nest(paths: Sequence[Path]) -> list[_Span]:
    """Label paths as merged cells: ``position``/``count`` along the axis, ``level``/``levels`` across it."""
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
            end = position + 1
            if not leaf:
                while end < len(paths) and len(paths[end]) - 1 > level and paths[end][: level + 1] == path[: level + 1]:
                    end += 1
            spans.append(_Span(path[level][1], position, end - position, level, depth - level if leaf else 1))
            position = end
    return spans


def _column_paths(table: Table) -> list[Path]:
    columns = table.rows[0].columns
    return [
        (*((f"h:{'/'.join(c.headers[: i + 1])}", h) for i, h in enumerate(c.headers)), (c.key, c.text)) for c in columns
    ]


def _matrix(table: Table) -> TableGrid:
    column_paths = _column_paths(table)
    row_paths: list[Path] = [tuple((node.key, node.text) for node in row.path) for row in table.rows]
    header_rows = max(len(p) for p in column_paths)
    label_columns = max(len(p) for p in row_paths)
    labels = [LabelBox(table.note, Role.NOTE, 0, 0, header_rows, label_columns)] if table.note else []
    labels += [
        LabelBox(s.text, Role.HEADER, s.level, label_columns + s.position, s.levels, s.count) for s in _nest(column_paths)
    ]
    labels += [
        LabelBox(s.text, Role.ROW_LABEL, header_rows + s.position, s.level, s.count, s.levels) for s in _nest(row_paths)
    ]
    slots = [
        CellSlot(table.cell(row.key, column.key), header_rows + r, label_columns + c)
        for r, row in enumerate(table.rows)
        for c, column in enumerate(row.columns)
    ]
    width = label_columns + len(column_paths)
    return TableGrid(table, tuple(labels), tuple(slots), width, header_rows + len(table.rows), header_rows, label_columns)


def _single_row(table: Table) -> TableGrid:
    paths: list[Path] = []
    cells: list[Cell] = []
    for row in table.rows:
        for column in row.columns:
            paths.append((*((node.key, node.text) for node in row.path), (f"{row.key}/{column.key}", column.text)))
            cells.append(table.cell(row.key, column.key))
    header_rows = max(len(p) for p in paths)
    labels = tuple(LabelBox(s.text, Role.HEADER, s.level, s.position, s.levels, s.count) for s in _nest(paths))
    slots = tuple(CellSlot(cell, header_rows, index) for index, cell in enumerate(cells))
    return TableGrid(table, labels, slots, len(cells), header_rows + 1, header_rows, 0)


def _subtables(table: Table) -> TableGrid:
    """Per 第二十条 item a caption row, a header row (信息内容 + columns), then its rows.

    The grid has one label column and as many value columns as the widest
    sub-table; in a narrower one the last column spans the rest, as the Word
    template prints 本年处理决定数量 across the grid.
    """
    width = 1 + max(len(row.columns) for row in table.rows)
    labels: list[LabelBox] = []
    slots: list[CellSlot] = []
    line = 0
    caption = None
    for row in table.rows:
        if row.path[0] != caption:
            caption = row.path[0]
            labels.append(LabelBox(caption.text, Role.CAPTION, line, 0, 1, width))
            labels.append(LabelBox(table.row_header or "", Role.HEADER, line + 1, 0))
            labels += [
                LabelBox(column.text, Role.HEADER, line + 1, 1 + i, 1, _span(i, row.columns, width))
                for i, column in enumerate(row.columns)
            ]
            line += 2
        labels.append(LabelBox(row.text, Role.ROW_LABEL, line, 0))
        slots += [
            CellSlot(table.cell(row.key, column.key), line, 1 + i, _span(i, row.columns, width))
            for i, column in enumerate(row.columns)
        ]
        line += 1
    return TableGrid(table, tuple(labels), tuple(slots), width, line, 0, 1)


def _span(index: int, columns: Sequence[object], width: int) -> int:
    return width - 1 - index if index == len(columns) - 1 else 1


_BUILDERS: Mapping[Layout, Callable[[Table], TableGrid]] = {
    Layout.SUBTABLES: _subtables,
    Layout.MATRIX: _matrix,
    Layout.SINGLE_ROW: _single_row,
}


@cache
def table_grid(table: Table) -> TableGrid:
    """The printed grid of a table, in the layout its declaration names."""
    return _BUILDERS[table.layout](table)
