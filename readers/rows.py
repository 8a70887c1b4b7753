"""What the row-matching stage hands on: rows of the official tables as printed, figures not yet parsed.

Why a stage boundary here: reading walks forward once -- source -> lines and grids (the readers)
-> rows matched to official labels (:mod:`tables` for grids, :mod:`inline` for running text) ->
values parsed and settled (:mod:`values`) -> report and notes (:mod:`recognize`).  Matching a row
and parsing its figures are different jobs: figures that run together (``693665``) can only be
split once every row of the table is known, because the table's own sums decide the split.  So the
matchers only record *which cells* a printed row fills and *the text printed for them*.
"""

from __future__ import annotations

import attrs

from disclosure_schema.taxonomy import Cell

__all__ = ["Figure", "PrintedRow", "TableReading"]


@attrs.frozen
class Figure:
    """The text printed for one or more cells, and where it is in the source."""

    text: str
    where: str


@attrs.frozen
class PrintedRow:
    """Figures printed for ``cells`` (in order): one :class:`Figure` per cell, or one run for all.

    Exactly one of ``figures``, ``run`` and ``problem`` says what was printed:

    * ``figures`` -- one entry per cell, ``None`` where the row prints nothing (a published blank);
    * ``run`` -- the figures of every cell run together in one text, to be split by the values stage;
    * ``problem`` -- why the figures cannot be placed in the cells (a row with fewer values than
      columns, say): ``(code, zh, en)``; the cells are then unread, never filled by guessing.
    """

    cells: tuple[Cell, ...]
    label: str
    """The row's label as printed (for notes)."""
    where: str
    """The label's place in the source."""
    figures: tuple[Figure | None, ...] | None = None
    run: Figure | None = None
    problem: tuple[str, str, str] | None = None
    unplaced: tuple[Figure, ...] = ()
    """With ``problem``: the figures the row printed but that could not be placed."""


@attrs.define
class TableReading:
    """What the row-matching stage found: printed rows in reading order, and which source items were tables."""

    rows: list[PrintedRow] = attrs.field(factory=list)
    table_grids: set[int] = attrs.field(factory=set)
    """``id()`` of every grid that held part of a table (the rest is running text)."""
    seen_rows: set[str] = attrs.field(factory=set)
    """``table/row`` keys for which a printed row was found."""
    unplaced: list[Figure] = attrs.field(factory=list)
    """Figures printed in a table row that could not be given to any cell (a group's one row, say)."""
    table_lines: set[int] = attrs.field(factory=set)
    """``id()`` of every line whose text was read as table cells run together (not section text)."""
