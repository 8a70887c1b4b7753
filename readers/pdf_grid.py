"""A page's characters and ruled tables as the reader's lines and grids, in reading order.

Why this shape: published reports are mostly Word files printed to PDF, with the three tables drawn
as ruled grids.  Each table's rows and columns are rebuilt from its cell rectangles (so a label
spanning rows keeps its ``rowspan`` instead of leaving holes, and a cell whose border was not drawn
still keeps its text), and every character outside the tables is given as lines of running text.
Some publishers draw a frame around a whole page, which makes the running text look like a
one-column table; such rows are given back as lines.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

import attrs

from disclosure_schema.taxonomy import EDITIONS

from .document import Grid, Line, SourceCell
from .pdf_page import Char
from .pdf_rules import Table
from .pdf_text import PAGE_NUMBER as _PAGE_NUMBER
from .pdf_text import cell_text, join_wrapped, text_lines, tidy
from .pdf_unruled import lead_lines, unruled_tables

__all__ = ["EDGE_TOLERANCE", "PageReading", "page_items", "page_reading"]

EDGE_TOLERANCE = 1.5
"""Cell sides closer than this are one column (or row) boundary."""


_FIGURE_CHARS = frozenset("0123456789,.-")
"""What a figure wrapped inside its cell may be made of."""
_MAX_CELL_PADDING = 5.7
"""Points between a cell's side and its text at most, for telling a wrapped figure: Word's and
LibreOffice's default cell margin is 0.19 cm (5.4 points).  A table whose text is all centred shows
wider gaps; taking those as padding would call two short figures one."""


@cache
def _table_labels() -> frozenset[str]:
    """Every label the taxonomy prints inside a table, whitespace removed: what a banner row may be."""
    labels: set[str] = set()
    for edition in EDITIONS.values():
        for table in edition.tables:
            labels.update(x for x in (table.note, table.row_header) if x)
            for row in table.rows:
                labels.update(label.text for label in row.path)
                for column in row.columns:
                    labels.add(column.text)
                    labels.update(column.headers)
    return frozenset("".join(label.split()) for label in labels)


def _edges(values: Iterable[float]) -> list[float]:
    """Coordinates clustered within the tolerance: the table's column (or row) boundaries."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _slot(edges: Sequence[float], value: float) -> int:
    """The index of the band between ``edges`` that ``value`` falls in, clamped to the table."""
    return min(max(bisect_right(edges, value) - 1, 0), len(edges) - 2)


def _nearest(edges: Sequence[float], value: float) -> int:
    """The index of the edge nearest ``value`` (the lower one on a tie); ``edges`` are sorted."""
    i = bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges) or abs(edges[i - 1] - value) <= abs(edges[i] - value):
        return i - 1
    return i


@attrs.define
class _Slot:
    """A cell of the rebuilt grid, while its characters are collected."""

    row: int
    col: int
    rowspan: int
    colspan: int
    top: float
    chars: list[Char] = attrs.Factory(list)
    drawn: bool = True
    """Whether a ruled rectangle makes this cell (``False``: a band no rectangle covers)."""
    _lines: list[str] | None = None

    def lines(self) -> list[str]:
        """The cell's printed lines, tidied (worked out once, when every character has been taken)."""
        if self._lines is None:
            text = cell_text(self.chars) if self.chars else ""
            self._lines = [line for line in (tidy(x) for x in text.splitlines()) if line]
        return self._lines


@attrs.frozen
class _Placed:
    """An item of the page with the height it starts at, for reading order."""

    top: float
    order: int
    item: Line | Grid


class _TableBuilder:
    """One ruled table as slots: every band of the grid belongs to exactly one cell."""

    def __init__(self, table: Table, max_slots: int):
        bboxes = table.cells
        self.bbox = table.bbox
        self.xs = _edges([b[0] for b in bboxes] + [b[2] for b in bboxes])
        self.ys = _edges([b[1] for b in bboxes] + [b[3] for b in bboxes])
        self.nrows, self.ncols = len(self.ys) - 1, len(self.xs) - 1
        self.slots: list[_Slot] = []
        if not 0 < self.nrows * self.ncols <= max_slots or self.nrows <= 0:
            self.nrows = self.ncols = 0  # no cells, or a drawing rather than a report table: its text is read as lines
            return
        self.owner: list[list[_Slot | None]] = [[None] * self.ncols for _ in range(self.nrows)]
        for x0, top, x1, bottom in sorted(bboxes, key=lambda b: (b[1], b[0])):
            c0, c1 = _nearest(self.xs, x0), _nearest(self.xs, x1)
            r0, r1 = _nearest(self.ys, top), _nearest(self.ys, bottom)
            if c1 <= c0 or r1 <= r0 or any(self.owner[r][c] for r in range(r0, r1) for c in range(c0, c1)):
                continue  # degenerate or overlapping rectangle: its bands go to their owners or become cells
            self._add(_Slot(r0, c0, r1 - r0, c1 - c0, self.ys[r0]))
        for r in range(self.nrows):  # bands no rectangle covers (a border not drawn) still hold text
            for c in range(self.ncols):
                if self.owner[r][c] is None:
                    self._add(_Slot(r, c, 1, 1, self.ys[r], drawn=False))

    @property
    def usable(self) -> bool:
        return self.nrows > 0 and self.ncols > 0

    def _add(self, slot: _Slot) -> None:
        self.slots.append(slot)
        for r in range(slot.row, slot.row + slot.rowspan):
            for c in range(slot.col, slot.col + slot.colspan):
                self.owner[r][c] = slot

    def contains(self, x: float, y: float, slack: float = 1.0) -> bool:
        """Whether a point is in the table; ``slack`` widens it sideways for punctuation hanging past the frame."""
        x0, top, x1, bottom = self.bbox
        return x0 - slack <= x <= x1 + slack and top - 1 <= y <= bottom + 1

    def take(self, char: Char, x: float, y: float) -> None:
        slot = self.owner[_slot(self.ys, y)][_slot(self.xs, x)]
        if slot is not None:
            slot.chars.append(char)

    def _figure(self, slot: _Slot, pad: float) -> str | None:
        """The figure of a cell too narrow for it, which wrapped it over lines (``17`` over ``8``); else ``None``.

        Why: table 四 has fifteen columns; on a portrait page a three-digit figure does not fit its
        cell and Word breaks it.  It is one figure when each line but the last is as full as the cell
        allows: the first character of the next line would not have fitted after it, the cell's
        padding (the smallest space between a cell's side and its text in this table, at most
        :data:`_MAX_CELL_PADDING`) taken off both sides.  Digits on separate lines that would have fitted on one stay apart (unread).
        """
        chars = slot.chars
        if len(chars) < 2 or not all(c.upright and c.text in _FIGURE_CHARS for c in chars):
            return None
        lines: list[list[Char]] = []
        for char in sorted(chars, key=lambda c: (c.top, c.x0)):
            if lines and abs(char.top - lines[-1][0].top) <= 3.0:
                lines[-1].append(char)
            else:
                lines.append([char])
        if len(lines) < 2:
            return None
        room = self.xs[slot.col + slot.colspan] - self.xs[slot.col] - 2 * pad
        for line, following in itertools.pairwise(lines):
            first = min(following, key=lambda c: c.x0)
            width = max(c.x1 for c in line) - min(c.x0 for c in line)
            if width + (first.x1 - first.x0) <= room - 0.5:
                return None
        return "".join(c.text for line in lines for c in sorted(line, key=lambda c: c.x0))

    def place(self, page: int, number: int) -> list[_Placed]:
        """The table as a Grid, with leading and trailing rows that are not table content as Lines.

        A one-column table is a frame around running text: all its rows are lines.  Otherwise a row
        at the top or bottom made of one cell across the whole width is a line unless it prints a
        label of the format (a 第二十条 caption, for instance, belongs to table 二).
        """
        rows: list[list[_Slot]] = [[] for _ in range(self.nrows)]
        for slot in sorted(self.slots, key=lambda s: (s.row, s.col)):
            rows[slot.row].append(slot)
        where = f"page {page} table {number}"

        def banner(row: list[_Slot]) -> bool:
            if self.ncols == 1:
                return True
            if len(row) != 1 or row[0].colspan != self.ncols or row[0].rowspan != 1:
                return False
            return "".join(join_wrapped(row[0].lines()).split()) not in _table_labels()

        head = 0
        while head < len(rows) and banner(rows[head]):
            head += 1
        tail = len(rows)
        while tail > head and banner(rows[tail - 1]):
            tail -= 1
        placed: list[_Placed] = []
        for index in (*range(head), *range(tail, len(rows))):
            for slot in rows[index]:
                for i, line in enumerate(slot.lines(), start=1):
                    placed.append(_Placed(slot.top, len(placed), Line(line, f"{where} row {index + 1} line {i}")))
        body = [_drawn_part(row) for row in rows[head:tail]]
        pad = min((min(c.x0 for c in slot.chars) - self.xs[slot.col] for row in body for slot in row if slot.chars),
                  default=0.0)
        if body:
            grid_rows = tuple(
                tuple(
                    SourceCell(
                        self._figure(slot, min(max(pad, 0.0), _MAX_CELL_PADDING)) or join_wrapped(slot.lines()),
                        f"{where} r{slot.row + 1}c{slot.col + 1}",
                        rowspan=min(slot.rowspan, tail - slot.row),
                        colspan=slot.colspan,
                    )
                    for slot in row
                )
                for row in body
            )
            placed.append(_Placed(self.ys[head], len(placed), Grid(grid_rows, where)))
        return sorted(placed, key=lambda p: (p.top, p.order))


def _drawn_part(row: list[_Slot]) -> list[_Slot]:
    """The row without the empty bands after its last drawn cell: a row printed short, not blank cells.

    Why: Word prints a row with fewer cells than the table (``w:gridAfter``, a short row of a pasted
    table) with no rectangle after its last cell.  Those bands are not cells the report leaves blank;
    giving them as blank cells would fill the row left to right.  Without them the row is short, and
    the recognizer notes it and leaves it unread.  A band that holds text stays (a border not drawn).

    A browser draws the frame of the whole table (``<table border=1>``) around such rows: the room
    after two short rows is then one empty rectangle spanning both.  An empty cell spanning rows at a
    row's end is no cell of the format (no figure of it spans rows); it is left out the same way.
    """
    end = len(row)
    while end > 0 and not row[end - 1].chars and (not row[end - 1].drawn or row[end - 1].rowspan > 1):
        end -= 1
    return row[:end] if end else row


class PageReading(NamedTuple):
    """A page's items in reading order, whether it ends inside a table row, and the rest of the row the page before cut."""

    items: list[Line | Grid]
    cut: Grid | None
    """The table printed without lines inside whose last row the page ends (:class:`~.pdf_unruled.Unruled`)."""
    lead: str
    """With ``after_cut``: the label lines that open this page above its first table, joined (left out of ``items``)."""
    notes: tuple[tuple[str, str, str, str], ...] = ()
    """``(code, zh, en, where)`` of the reading notes the page's tables without lines call for."""
    plain: list[Line | Grid] | None = None
    """The items without any table rebuilt from positions (and no label taken for a cut row), where those
    differ: the reading to fall back on when the rebuilding is not complete (:attr:`complete`)."""
    complete: bool = True
    """Whether every line that prints a row of figures went into a table (ruled or rebuilt)."""


def page_items(chars: Sequence[Char], tables: Sequence[Table], number: int, *, max_slots: int) -> list[Line | Grid]:
    """Page ``number``'s lines and grids in reading order, each character in the table that holds it."""
    return page_reading(chars, tables, number, max_slots=max_slots).items


def page_reading(chars: Sequence[Char], tables: Sequence[Table], number: int, *, max_slots: int,
                 after_cut: bool = False) -> PageReading:
    """What :func:`page_items` gives, and what joins a table row cut by a page break (``after_cut``: the page
    before ended inside one)."""
    builders = [builder for builder in (_TableBuilder(table, max_slots) for table in tables) if builder.usable]
    outside: list[Char] = []
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        slack = max(1.0, 1.5 * (char.x1 - char.x0))  # punctuation hanging past the frame
        holder = next((b for b in builders if b.contains(x, y)), None) or next(
            (b for b in builders if b.contains(x, y, slack)), None
        )
        if holder is None:
            outside.append(char)
        else:
            holder.take(char, x, y)
    unruled = unruled_tables(outside, number)
    if not builders and not unruled.grids:
        return PageReading(_lines_only(chars, number), cut=None, lead="")
    ruled = [item for k, builder in enumerate(builders, start=1) for item in builder.place(number, k)]
    rest = unruled.rest
    lead = ""
    if after_cut:
        rows = unruled.lead
        if not rows and builders:
            first = min(builders, key=lambda b: b.bbox[1])
            rows = lead_lines(rest, (first.xs[0], first.xs[1]), first.bbox[1])
        if rows:
            lead = join_wrapped(row.cells[0][2] for row in rows)
            dropped = {id(c) for row in rows for c in row.chars}
            rest = [c for c in rest if id(c) not in dropped]
    items = _assemble(unruled.grids, rest, ruled, number)
    plain = _assemble([], outside, ruled, number) if unruled.grids or lead else None
    cut = unruled.grids[-1][1] if unruled.cut and all(b.bbox[1] < unruled.grids[-1][0] for b in builders) else None
    return PageReading(items, cut=cut, lead=lead, notes=tuple(unruled.notes), plain=plain, complete=unruled.complete)


def _assemble(grids: Sequence[tuple[float, Grid]], rest: Sequence[Char], ruled: Sequence[_Placed],
              number: int) -> list[Line | Grid]:
    """The page's items in reading order: tables without lines, lines of running text, ruled tables."""
    placed: list[_Placed] = []
    for top, grid in grids:
        placed.append(_Placed(top, len(placed), grid))
    lines = [(top, tidy(text)) for top, text in text_lines(rest)]
    lines = [(top, text) for top, text in lines if text and not _PAGE_NUMBER.match(text)]
    for i, (top, text) in enumerate(lines, start=1):
        placed.append(_Placed(top, len(placed), Line(text, f"page {number} line {i}")))
    for item in ruled:
        placed.append(attrs.evolve(item, order=len(placed)))
    placed.sort(key=lambda p: (p.top, p.order))
    return [p.item for p in placed]


def _lines_only(chars: Sequence[Char], number: int) -> list[Line | Grid]:
    """A page without tables: its running text."""
    lines = [text for text in (tidy(text) for _, text in text_lines(chars)) if text and not _PAGE_NUMBER.match(text)]
    return [Line(text, f"page {number} line {i}") for i, text in enumerate(lines, start=1)]
