"""Tables printed without ruling lines, rebuilt from the positions of their text alone.

Why: a web page whose tables have no borders (``border:none``; common on re-published and crawled
pages) prints to PDF without a single line, and so do many typeset reports.  The running text then
holds each table row as a line of figures, with the row's label beside them or -- where a narrow
label column wraps it -- over several lines above and below them.  Read as lines, a wrapped label
(``行政规`` / ``范性文 5 12 8`` / ``件``) matches nothing and the row is lost.

What is rebuilt, and only where it is certain:

* a *figure line* is a line whose cells (text runs apart by more than :data:`_CELL_GAP` font sizes)
  are figures (a count, ``1,234``, a dash or slash for a blank), at most one text cell before them;
* a *block* is a run of figure lines and *label lines* (one cell, wholly left of the block's first
  figure column) with no wider vertical gap than a line's spacing; any other line ends it;
* the label lines are shared out between the figure lines in order, as the cells were aligned: each
  row's label block centred on its figures (a browser's ``valign=center``), or starting on their line
  (top), or ending on it (bottom).  The block becomes a table only when exactly one of these
  share-outs uses every label line; otherwise its lines stay running text (the recognizer then notes
  the rows it did not find, unread).

A row's figures are given in the order printed, never placed into columns by position: a row with
fewer figures than the table has columns arrives short, and the recognizer leaves it unread with a
note (a blank cell and a missing one look the same without lines).  Labels a row prints with no
figures at all (a row of blank cells) are not rows here either: they cannot be told from a wrapped
label's line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median
from typing import NamedTuple

from .document import Grid, Line, SourceCell
from .pdf_page import Char
from .pdf_text import join_wrapped, tidy

__all__ = ["TextRow", "unruled_tables"]

_LINE_TOLERANCE = 3.0
"""Characters whose tops differ by at most this many points are one line (as in :mod:`.pdf_text`)."""
_CELL_GAP = 0.9
"""Font sizes of empty space that part two cells of a line (a word space is about a third of one)."""
_WORD_GAP = 0.2
"""Font sizes of empty space inside a cell that print as a space (``1 5`` is not ``15``)."""
_BLOCK_GAP = 0.75
"""Font sizes of vertical space between two lines of one table (more: a paragraph break)."""
_ALIGN_TOLERANCE = 0.3
"""Font sizes by which a label block and its figures may miss the alignment (two fonts' boxes differ)."""
_MAX_BLOCK_LINES = 400
"""Lines of one block at most: the share-out is linear, but a page of figures is no report table."""
_FIGURE = re.compile(r"[-－]?[0-9０-９][0-9０-９,，.． ]*|[-－—–/／]{1,2}")
"""A cell that is a figure: a number (separators, a space inside kept for the recognizer to judge) or a blank mark."""


class TextRow(NamedTuple):
    """A printed line: its characters and the cells they form."""

    top: float
    bottom: float
    chars: list[Char]
    cells: list[tuple[float, float, str]]
    """``(x0, x1, text)`` of each run of characters apart from the next by more than a cell gap."""


def _rows(chars: Sequence[Char]) -> list[TextRow]:
    ordered = sorted((c for c in chars if c.upright), key=lambda c: c.top)
    groups: list[list[Char]] = []
    for char in ordered:
        if groups and char.top - groups[-1][-1].top <= _LINE_TOLERANCE:
            groups[-1].append(char)
        else:
            groups.append([char])
    return [_row(group) for group in groups]


def _row(chars: list[Char]) -> TextRow:
    by_x = sorted(chars, key=lambda c: c.x0)
    cells: list[tuple[float, float, str]] = []
    x0 = x1 = 0.0
    text = ""
    for char in by_x:
        size = char.bottom - char.top
        if char.text.isspace():
            continue
        gap = char.x0 - x1
        if text and (gap > _CELL_GAP * size or (gap > _WORD_GAP * size and _digit(text[-1]) != _digit(char.text))):
            cells.append((x0, x1, tidy(text)))
            text = ""
        if not text:
            x0 = char.x0
        elif char.x0 - x1 > _WORD_GAP * size:
            text += " "
        text += char.text
        x1 = max(x1, char.x1) if text != char.text else char.x1
    if text:
        cells.append((x0, x1, tidy(text)))
    return TextRow(min(c.top for c in chars), max(c.bottom for c in chars), chars, cells)


def _digit(char: str) -> bool:
    return char.isdigit() or char in ",，.．"


def _figures(row: TextRow, size: float) -> int:
    """How many figure cells end the row, if it is a figure line (else 0)."""
    cells = row.cells
    count = 0
    while count < len(cells) and _FIGURE.fullmatch(cells[len(cells) - 1 - count][2]):
        count += 1
    labels = len(cells) - count
    if labels > 1 or count == 0:
        return 0
    if labels == 0 and sum(any(ch.isdigit() for ch in cell[2]) for cell in cells) < 2:
        return 0  # a page number (``- 3 -``), not a row
    if labels == 1 and count == 1 and cells[1][0] - cells[0][1] <= _CELL_GAP * size:
        return 0  # one number after text, close by: a line of a paragraph more likely than a row
    return count


class _Block(NamedTuple):
    rows: list[TextRow]
    figures: dict[int, int]
    """Index in ``rows`` of each figure line, and how many figures it ends with."""


def _blocks(rows: list[TextRow], size: float) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    while i < len(rows):
        if not _figures(rows[i], size):
            i += 1
            continue
        first = i
        left = rows[i].cells[-_figures(rows[i], size)][0]
        start = i
        while start > 0 and _label_line(rows[start - 1], left) and _near(rows[start - 1], rows[start], size):
            start -= 1
        end = i + 1
        while end < len(rows) and end - start < _MAX_BLOCK_LINES and _near(rows[end - 1], rows[end], size):
            count = _figures(rows[end], size)
            if count:
                left = min(left, rows[end].cells[-count][0])
            elif not _label_line(rows[end], left):
                break
            end += 1
        members = rows[start:end]
        figures = {k - start: _figures(rows[k], size) for k in range(first, end) if _figures(rows[k], size)}
        if all(_label_line(members[k], left) for k in range(len(members)) if k not in figures):
            blocks.append(_Block(members, figures))
        i = end
    return blocks


def _label_line(row: TextRow, left: float) -> bool:
    return len(row.cells) == 1 and row.cells[0][1] < left and not _FIGURE.fullmatch(row.cells[0][2])


def _near(above: TextRow, below: TextRow, size: float) -> bool:
    return below.top - above.bottom <= _BLOCK_GAP * size


def _share(block: _Block, align: str, tolerance: float) -> list[list[int]] | None:
    """Each figure line's label lines (indices in the block) under ``align``, or ``None`` if the lines do not fit."""
    rows = block.rows
    labels = [k for k in range(len(rows)) if k not in block.figures or len(rows[k].cells) > block.figures[k]]
    if not labels:
        return [[] for _ in block.figures]
    shares: list[list[int]] = []
    at = 0
    for f in sorted(block.figures):
        figure = rows[f]
        middle = (figure.top + figure.bottom) / 2
        chosen: list[int] | None = None
        for end in range(at, len(labels)):
            group = labels[at : end + 1]
            top, bottom = rows[group[0]].top, rows[group[-1]].bottom
            if top > figure.bottom:
                break
            if align == "center":
                fits = abs((top + bottom) / 2 - middle) <= tolerance
            elif align == "top":
                fits = abs(top - figure.top) <= tolerance
            else:
                fits = abs(bottom - figure.bottom) <= tolerance
            own = f not in labels or f in group
            if fits and own:
                chosen = group
                break
        if chosen is None:
            if f in labels[at:] or (at < len(labels) and rows[labels[at]].top <= figure.bottom):
                return None  # a label line on or above this figure line that no share-out takes
            shares.append([])
            continue
        shares.append(chosen)
        at += len(chosen)
    return shares if at == len(labels) else None


def _grid(block: _Block, shares: list[list[int]], page: int, number: int) -> Grid:
    where = f"page {page} unruled table {number}"
    out: list[tuple[SourceCell, ...]] = []
    labelled = any(shares)
    for r, (f, group) in enumerate(zip(sorted(block.figures), shares, strict=True), start=1):
        row = block.rows[f]
        count = block.figures[f]
        cells: list[SourceCell] = []
        if labelled:
            parts = [block.rows[k].cells[0][2] for k in group]
            cells.append(SourceCell(join_wrapped(parts), f"{where} r{r}c1"))
        start = len(cells) + 1
        cells.extend(SourceCell(text, f"{where} r{r}c{start + j}") for j, (_, _, text) in enumerate(row.cells[-count:]))
        out.append(tuple(cells))
    return Grid(tuple(out), where)


def unruled_tables(chars: Sequence[Char], page: int) -> tuple[list[tuple[float, Grid]], list[Char]]:
    """The tables among ``chars`` printed without lines, each with the height it starts at, and the other characters.

    Why a block is left as running text: see the module's docstring.
    """
    rows = _rows(chars)
    if not rows:
        return [], list(chars)
    sizes = [c.bottom - c.top for c in chars if c.upright and not c.text.isspace()]
    size = median(sizes) if sizes else 12.0
    grids: list[tuple[float, Grid]] = []
    taken: set[int] = set()
    for block in _blocks(rows, size):
        found = {align: _share(block, align, _ALIGN_TOLERANCE * size) for align in ("center", "top", "bottom")}
        shares = {repr(s): s for s in found.values() if s is not None}
        if len(shares) != 1:
            continue
        (share,) = shares.values()
        grids.append((block.rows[0].top, _grid(block, share, page, len(grids) + 1)))
        taken.update(id(c) for row in block.rows for c in row.chars)
    if not grids:
        return [], list(chars)
    return grids, [c for c in chars if id(c) not in taken]
