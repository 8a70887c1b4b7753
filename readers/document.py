"""The intermediate document every reader produces and the recognizer consumes.

Why: reading a file (text, HTML, Word, PDF) and recognising a report in it are two separate jobs.
Readers only turn bytes into lines of running text and tables of cells, each with its place in the
source; :mod:`disclosure_schema_readers.recognize` then finds the edition, envelope, sections and
table cells using the taxonomy alone.  Keeping this shape small and format-neutral lets every reader
share one recognizer, and lets the recognizer be tested with hand-built documents.
"""

from __future__ import annotations

import attrs

__all__ = ["Document", "Grid", "GridTooLarge", "Line", "SourceCell", "expand"]


@attrs.frozen
class SourceCell:
    """One table cell as published.

    ``text`` is the cell text as extracted (it may contain newlines); ``where`` names its place in the
    source ("line 57", "table 2 row 5 col 3", "page 3 table 1 r4c2").  Spans are as published:
    HTML and Word readers give them, text and PDF readers give 1.
    """

    text: str
    where: str
    rowspan: int = 1
    colspan: int = 1


@attrs.frozen
class Grid:
    """One table as published, spans not expanded (see :func:`expand`)."""

    rows: tuple[tuple[SourceCell, ...], ...]
    where: str


@attrs.frozen
class Line:
    """A paragraph or line of running text outside tables."""

    text: str
    where: str


Document = tuple[Line | Grid, ...]
"""A whole source file in reading order."""

#: Spans larger than this are clipped: a hostile or broken file must not make us allocate a huge matrix.
MAX_SPAN = 64
MAX_WIDTH = 128
"""Columns beyond this are dropped: the widest table of the format has 16 printed columns."""
MAX_POSITIONS = 1_000_000
"""A grid whose spans cover more positions than this is refused (:class:`GridTooLarge`)."""


class GridTooLarge(ValueError):
    """A grid's spans would cover more than :data:`MAX_POSITIONS` positions."""


def expand(grid: Grid) -> list[list[SourceCell | None]]:
    """Lay the cells of ``grid`` onto a rectangular matrix, honouring rowspan/colspan.

    The cell itself sits at its top-left position; positions it covers through a span are ``None``,
    as are positions no cell reaches (ragged rows).  Why ``None`` rather than a copy: a copied label
    would be read twice, and a copied number would be counted twice.
    """
    if all(cell.rowspan <= 1 and cell.colspan <= 1 for row in grid.rows for cell in row):
        return _unspanned(grid)
    nrows = len(grid.rows)
    taken: list[dict[int, SourceCell | None]] = [{} for _ in range(nrows)]  # per row: column -> cell (None: spanned)
    positions = 0
    width = 0
    for r, row in enumerate(grid.rows):
        here = taken[r]
        c = 0
        for cell in row:
            while c in here:
                c += 1
            if c >= MAX_WIDTH:
                break
            rs = max(1, min(cell.rowspan, MAX_SPAN, nrows - r))
            cs = max(1, min(cell.colspan, MAX_SPAN, MAX_WIDTH - c))
            for dr in range(rs):
                covered = taken[r + dr]
                before = len(covered)
                for dc in range(cs):
                    covered[c + dc] = None
                positions += len(covered) - before
            here[c] = cell
            if positions > MAX_POSITIONS:
                raise GridTooLarge(f"{grid.where}: spans cover more than {MAX_POSITIONS} positions")
            c += cs
            width = max(width, c)
    return [[here.get(c) for c in range(width)] for here in taken]


def _unspanned(grid: Grid) -> list[list[SourceCell | None]]:
    """:func:`expand` for a grid without spans (every text and most PDF grids): each row as printed,
    cut at :data:`MAX_WIDTH` and padded with ``None`` to the widest."""
    rows: list[list[SourceCell | None]] = [list(row[:MAX_WIDTH]) for row in grid.rows]
    if sum(map(len, rows)) > MAX_POSITIONS:
        raise GridTooLarge(f"{grid.where}: spans cover more than {MAX_POSITIONS} positions")
    width = max(map(len, rows), default=0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows
