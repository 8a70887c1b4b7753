"""The values stage: printed figures parsed into cell values, runs split, unread cells named.

Why a stage of its own: a cell is *blank* when the report prints nothing there (``None`` in the
report), and *unread* when the reader could not tell what it holds (a missing row, an unreadable
figure, a run of digits with more than one fitting split, a row with fewer values than columns).
The two must never be confused: an unread cell is not 0, so a sum that involves one cannot be
checked (:class:`disclosure_schema.model.Reading`).  This stage sees every printed row of the
report at once, which is what splitting run-together figures needs (the table's own sums decide).
"""

from __future__ import annotations

import attrs

from disclosure_schema.model import Value
from disclosure_schema.taxonomy import Cell, Edition

from .notes import Notes
from .numbers import parse_value
from .rows import Figure, TableReading
from .runs import Run, settle_runs

__all__ = ["CellValues", "read_values"]


@attrs.define
class CellValues:
    """Every cell the report prints, by JSON pointer, and every cell that could not be read."""

    values: dict[str, Value] = attrs.field(factory=dict)
    sources: dict[str, str] = attrs.field(factory=dict)
    """JSON pointer -> the ``where`` of the source text."""
    unread: dict[str, str] = attrs.field(factory=dict)
    """JSON pointer -> the ``where`` of the place it should have been read from."""
    settled: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """JSON pointer -> ids of the checks used to split a run of figures into this cell."""
    candidates: dict[str, frozenset[Value]] = attrs.field(factory=dict)
    """JSON pointer of a cell unread in an ambiguous run -> every value a fitting split gives it
    (a narrative figure none of them allows is a mismatch: :func:`.settle.figure_allowed`)."""

    def known(self, pointer: str) -> bool:
        return pointer in self.values or pointer in self.unread


def _place(cell: Cell) -> tuple[str, str]:
    return f"“{cell.row.text}”行“{cell.column.text}”栏", f"row {cell.row.text!r}, column {cell.column.text!r}"


def read_values(reading: TableReading, edition: Edition, notes: Notes, source: str) -> CellValues:
    """Parse every printed row of ``reading``; split runs; mark what was not read (see the module docstring)."""
    out = CellValues()
    runs: list[Run] = []
    for row in reading.rows:
        if row.cells and all(out.known(cell.pointer) for cell in row.cells):
            notes.add("cell.duplicate", row.where, f"“{row.label}”行出现多次，保留首次读到的值",
                      f"row {row.label!r} printed more than once; the first values are kept")
            continue
        if row.problem is not None:
            for cell in row.cells:
                _unread(out, cell, row.where)
        elif row.figures is not None:
            for cell, figure in zip(row.cells, row.figures, strict=True):
                _record(out, notes, cell, figure, row.where)
        elif row.run is not None:
            runs.append(Run(row.cells, row.run.text, row.run.where, row.label))
    for result in settle_runs(runs, edition, notes):
        for n, (cell, value) in enumerate(zip(result.run.cells, result.values or (None,) * len(result.run.cells),
                                              strict=True)):
            if out.known(cell.pointer):
                continue
            if result.values is None:
                _unread(out, cell, result.run.where)
                if result.options:
                    out.candidates[cell.pointer] = result.options[n]
            else:
                out.values[cell.pointer] = value
                out.sources[cell.pointer] = result.run.where
                if result.checks:
                    out.settled[cell.pointer] = result.checks
    _missing(reading, edition, out, notes, source)
    return out


def _record(out: CellValues, notes: Notes, cell: Cell, figure: Figure | None, where: str) -> None:
    if out.known(cell.pointer):
        return
    if figure is None:
        out.values[cell.pointer] = None
        out.sources[cell.pointer] = where
        return
    parsed = parse_value(figure.text, cell.column)
    if parsed.problem:
        zh_place, en_place = _place(cell)
        code, zh, en = parsed.problem
        if code == "cell.dash":
            out.values[cell.pointer] = None
            out.sources[cell.pointer] = figure.where
            notes.add(code, figure.where, f"{zh_place}：{zh}", f"{en_place}: {en}", cell.pointer)
            return
        _unread(out, cell, figure.where)
        notes.add(code, figure.where, f"{zh_place}：{zh}，未读取", f"{en_place}: {en}; not read", cell.pointer)
        return
    out.values[cell.pointer] = parsed.value
    out.sources[cell.pointer] = figure.where
    if parsed.normalised:
        zh_place, en_place = _place(cell)
        code, zh, en = parsed.normalised
        notes.add(code, figure.where, f"{zh_place}：{zh}", f"{en_place}: {en}", cell.pointer)


def _unread(out: CellValues, cell: Cell, where: str) -> None:
    if not out.known(cell.pointer):
        out.unread[cell.pointer] = where


def _missing(reading: TableReading, edition: Edition, out: CellValues, notes: Notes, source: str) -> None:
    """Tables and rows the report was not found to print: their cells are unread, not blank."""
    for table in edition.tables:
        found_any = any(k.startswith(table.key + "/") for k in reading.seen_rows)
        if not found_any:
            notes.add("table.missing", source, f"未找到表{table.number}，其单元格未读取",
                      f"table {table.number} not found; its cells are unread")
        for row in table.rows:
            key = f"{table.key}/{row.key}"
            if found_any and key not in reading.seen_rows:
                notes.add("row.missing", source, f"表{table.number}未找到“{row.text}”行，该行未读取",
                          f"table {table.number}: row {row.text!r} not found; not read", f"/{table.key}/{row.key}")
        for cell in table.cells:
            _unread(out, cell, source)
