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
  (top), or ending on it (bottom); a few label lines before the first row or after the last may be
  text around the table (a heading's last line) and are tried both ways.  Where several share-outs
  fit, the labels decide: the one whose rows read most often as labels of the format, if every such
  one reads each row as the same label (:func:`_one`).  Otherwise, or where no row reads as a label
  of the format, the lines stay running text (the recognizer then notes the rows it did not find,
  unread).

Around that: the labels of row groups printed in columns of their own (table 三's ``三、本年度办理结果``
and ``（三）不予公开`` left of the rows' labels) are left as text (:func:`_without_groups`); a page's
header and footer in small print are not content; a row at the foot of a page may go on over the page
break (:attr:`Unruled.cut`, :attr:`Unruled.lead`, joined by :mod:`.pdf`); table 四 printed as a block of
figures per group takes its caption line.  Where a line that prints a row of figures is not rebuilt,
the page says so (:attr:`Unruled.complete`) and the PDF reader reads the whole document as running text,
as it did before, rather than half of a table from positions.

A row's figures are given in the order printed, never placed into columns by position: a row with
fewer figures than the table has columns arrives short, and the recognizer leaves it unread with a
note (a blank cell and a missing one look the same without lines).  A label of the format printed
alone beside the rows (a row of blank cells) is given as a row without figures, which the recognizer
leaves unread with a note: blank cells and cells not printed look the same without lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from statistics import median
from typing import NamedTuple

from disclosure_schema.taxonomy import EDITIONS

from .document import Grid, SourceCell
from .labels import LabelSet
from .pdf_page import Char
from .pdf_text import PAGE_NUMBER, join_wrapped, tidy

__all__ = ["TextRow", "Unruled", "lead_lines", "unruled_tables"]

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
_FURNITURE = 0.8
"""A line opening or closing the page printed smaller than this share of the body's size is the page's
furniture (a header or footer), not its content."""
_MAX_EDGE_LINES = 16
"""Label lines above a block's first figures (or below its last) that may be text around the table:
a heading's last line, a header's, the rest of a row cut by the page before (some 14 lines in a
narrow column)."""
_MAX_HEADER_LINES = 8
"""Lines above a block looked at for its caption (a caption and a header of up to seven lines)."""
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
    digits = sum(any(ch.isdigit() for ch in cell[2]) for cell in cells)
    if labels == 0 and digits < 2:
        # a page number (``- 3 -``), not a row; a figure alone is one only with a label around it (:func:`_lone`)
        return 1 if count == 1 and digits == 1 else 0
    if labels == 1 and count == 1 and cells[1][0] - cells[0][1] <= _CELL_GAP * size:
        return 0  # one number after text, close by: a line of a paragraph more likely than a row
    return count


def _without_groups(rows: list[TextRow], size: float) -> list[TextRow]:
    """The lines without the labels of row groups printed in columns of their own (their characters stay text).

    Why: table 三 prints ``三、本年度办理结果`` and ``（三）不予公开`` in columns left of the rows' own
    labels, each over the rows of its group.  A label cell with another label cell to its right on
    the same line is such a group label, and so is a cell of a line without figures right below one,
    starting where it starts (the rest of its lines).  The rows are read by their own labels.
    """
    starts = [next(x0 for x0, _, text in row.cells if _FIGURE.fullmatch(text)) for row in rows if _row_like(row)]
    if not starts:
        return rows
    left = min(starts)
    """Where the figures begin: a cell reaching past it heads figure columns (a table's header), no row label."""
    out: list[TextRow] = []
    above: dict[float, TextRow] = {}
    """Where a group label's column starts, and its last line so far."""
    for row in rows:
        words = [cell for cell in row.cells if not _FIGURE.fullmatch(cell[2])]
        figures = len(words) < len(row.cells)
        labels = [cell for cell in words if cell[1] < left]
        groups = [cell for cell in labels if any(other[0] > cell[1] for other in labels if other is not cell)]
        if not figures:
            groups += [cell for cell in labels if cell not in groups and any(
                abs(cell[0] - x0) <= _LINE_TOLERANCE and _near(last, row, size) for x0, last in above.items())]
        above = {x0: last for x0, last in above.items() if _near(last, row, size)}
        above.update((cell[0], row) for cell in groups)
        if not groups:
            out.append(row)
            continue
        kept = [c for c in row.chars
                if not any(x0 - 0.5 <= c.x0 and c.x1 <= x1 + 0.5 for x0, x1, _ in groups)]
        if kept:
            out.append(_row(kept))
    return out


def _row_like(row: TextRow) -> bool:
    """Whether a line ends in two or more figures (whatever precedes them): a table row, read or not."""
    count = 0
    while count < len(row.cells) and _FIGURE.fullmatch(row.cells[len(row.cells) - 1 - count][2]):
        count += 1
    return sum(any(ch.isdigit() for ch in cell[2]) for cell in row.cells[len(row.cells) - count :]) >= 2


class _Block(NamedTuple):
    rows: list[TextRow]
    figures: dict[int, int]
    """Index in ``rows`` of each figure line, and how many figures it ends with."""
    start: int
    """Index of the block's first line among the page's lines."""


def _blocks(rows: list[TextRow], size: float) -> list[_Block]:
    """The blocks of the page, each line looked at a bounded number of times."""
    counts = [_figures(row, size) for row in rows]
    blocks: list[_Block] = []
    i = done = 0
    while i < len(rows):
        if not counts[i]:
            i += 1
            continue
        first = i
        left = rows[i].cells[-counts[i]][0]
        start = i
        while (start > done and i - start < _MAX_EDGE_LINES and _label_line(rows[start - 1], left)
               and _near(rows[start - 1], rows[start], size)):
            start -= 1
        end = i + 1
        while end < len(rows) and end - start < _MAX_BLOCK_LINES and _near(rows[end - 1], rows[end], size):
            if counts[end]:
                left = min(left, rows[end].cells[-counts[end]][0])
            elif not _label_line(rows[end], left):
                break
            end += 1
        figures = {k - start: counts[k] for k in range(first, end) if counts[k]}
        if all(_label_line(rows[k], left) for k in range(start, end) if k - start not in figures):
            blocks.append(_Block(rows[start:end], figures, start))
        i = done = end
    return blocks


def _label_line(row: TextRow, left: float) -> bool:
    return len(row.cells) == 1 and row.cells[0][1] < left and not _FIGURE.fullmatch(row.cells[0][2])


def _near(above: TextRow, below: TextRow, size: float) -> bool:
    return below.top - above.bottom <= _BLOCK_GAP * size


class _Share(NamedTuple):
    """The label lines of each figure line (indices in the block), ``skipped`` leading and ``dropped``
    trailing label lines left out (running text around the table)."""

    skipped: int
    dropped: int
    rows: list[list[int]]


def _share(block: _Block, align: str, tolerance: float, *, cut_tail: bool) -> list[_Share]:
    """Every way the block's label lines share out between its figure lines under ``align``.

    Label lines above the first figures may be text before the table (a heading's last line, the
    rest of a row the page before cut), and those below the last figures text after it: each such
    split is tried (at most :data:`_MAX_EDGE_LINES` lines either way).  ``cut_tail``: the block ends
    its page, so the last row may go on over the page break and takes every label line left, from
    its figures down.
    """
    rows = block.rows
    labels = [k for k in range(len(rows)) if k not in block.figures or len(rows[k].cells) > block.figures[k]]
    first, last = rows[min(block.figures)], rows[max(block.figures)]
    above = min(_MAX_EDGE_LINES, sum(1 for k in labels if rows[k].bottom <= first.top + tolerance))
    below = 0 if cut_tail else min(_MAX_EDGE_LINES, sum(1 for k in labels if rows[k].top >= last.bottom - tolerance))
    found: list[_Share] = []
    for skip in range(above + 1):
        for drop in range(below + 1):
            shared = _share_from(block, labels[skip : len(labels) - drop], align, tolerance, cut_tail=cut_tail)
            if shared is not None:
                found.append(_Share(skip, drop, shared))
    return found


def _share_from(block: _Block, labels: list[int], align: str, tolerance: float, *,
                cut_tail: bool) -> list[list[int]] | None:
    """One share-out of ``labels`` (in order) under ``align``, or ``None``; linear in the block's lines."""
    rows = block.rows
    figures = sorted(block.figures)
    shares: list[list[int]] = []
    at = 0
    for n, f in enumerate(figures):
        figure = rows[f]
        end = len(labels)
        if n + 1 < len(figures):  # a row's label lies above the next row's figures
            below = rows[figures[n + 1]].top + tolerance
            end = at
            while end < len(labels) and rows[labels[end]].bottom <= below:
                end += 1
        group: list[int] | None
        if cut_tail and n == len(figures) - 1:
            group = labels[at:end] if at == end or rows[labels[at]].top <= figure.top + tolerance else None
        elif align == "center":
            group = _centred(rows, labels, at, end, f, tolerance)
        elif align == "top":
            following = rows[figures[n + 1]].top - tolerance if n + 1 < len(figures) else float("inf")
            stop = at
            while stop < end and rows[labels[stop]].top < following:
                stop += 1
            group = labels[at:stop]
            if group and abs(rows[group[0]].top - figure.top) > tolerance:
                group = None
        else:
            stop = at
            while stop < end and rows[labels[stop]].bottom <= figure.bottom + tolerance:
                stop += 1
            group = labels[at:stop]
            if group and abs(rows[group[-1]].bottom - figure.bottom) > tolerance:
                group = None
        own = f in block.figures and len(rows[f].cells) > block.figures[f]
        if group is None or (own and f not in group):
            return None
        shares.append(group)
        at += len(group)
    return shares if at == len(labels) else None


def _centred(rows: list[TextRow], labels: list[int], at: int, end: int, f: int, tolerance: float) -> list[int] | None:
    """The label lines from ``labels[at]`` (before ``labels[end]``) whose block is centred on figure line ``f``
    (``[]``: a row without a label, as table 四's figures)."""
    figure = rows[f]
    middle = (figure.top + figure.bottom) / 2
    for stop in range(at, end):
        top, bottom = rows[labels[at]].top, rows[labels[stop]].bottom
        if top > figure.bottom:
            break
        if abs((top + bottom) / 2 - middle) <= tolerance:
            return labels[at : stop + 1]
    if at == len(labels) or rows[labels[at]].top > figure.bottom:
        return []
    return None


def _captions(rows: list[TextRow], block: _Block, size: float) -> list[TextRow]:
    """The caption lines over a block of figures only (table 四 printed as a block per group): lines
    just above it, over its width, that print one label of the format alone (``行政复议``).

    Why: the figures of one group of table 四 are five counts like any other's; the caption says
    which group they are.  The header lines between (``结果维持`` …, run together without lines) are
    left as text.
    """
    cells = [cell for f, count in block.figures.items() for cell in block.rows[f].cells[-count:]]
    middles = sorted((x0 + x1) / 2 for x0, x1, _ in cells)
    count = max(block.figures.values())
    pitch = (middles[-1] - middles[0]) / (count - 1) if count > 1 else size
    left, right = middles[0] - pitch / 2 - _LINE_TOLERANCE, middles[-1] + pitch / 2 + _LINE_TOLERANCE
    start = block.start
    captions: list[TextRow] = []
    below = block.rows[0]
    for row in reversed(rows[max(0, start - _MAX_HEADER_LINES) : start]):
        if not _near(row, below, size) or not all(left <= x0 and x1 <= right for x0, x1, _ in row.cells):
            break
        if len(row.cells) == 1 and any(labels.match(row.cells[0][2]) for labels in _row_labels()):
            captions.insert(0, row)
        below = row
    return captions


def _grid(block: _Block, shares: list[list[int]], page: int, number: int, *,
          captions: Sequence[TextRow] = (), bare: Sequence[int] = ()) -> Grid:
    """The block as a grid: caption rows, then each figure line's row, and the ``bare`` label lines
    (rows printed without figures) as rows of their label alone, in the order printed."""
    where = f"page {page} unruled table {number}"
    width = max(block.figures.values())
    out: list[tuple[SourceCell, ...]] = [
        (SourceCell(caption.cells[0][2], f"{where} caption {k}", colspan=width),) for k, caption in enumerate(captions, 1)
    ]
    labelled = any(shares)
    order = sorted([*((f, group) for f, group in zip(sorted(block.figures), shares, strict=True)),
                    *((k, [k]) for k in bare)], key=lambda pair: block.rows[pair[1][0] if pair[1] else pair[0]].top)
    for r, (f, group) in enumerate(order, start=1):
        cells: list[SourceCell] = []
        if labelled:
            parts = [block.rows[k].cells[0][2] for k in group]
            cells.append(SourceCell(join_wrapped(parts), f"{where} r{r}c1"))
        count = block.figures.get(f, 0)
        start = len(cells) + 1
        figures = block.rows[f].cells[-count:] if count else []
        cells.extend(SourceCell(text, f"{where} r{r}c{start + j}") for j, (_, _, text) in enumerate(figures))
        out.append(tuple(cells))
    return Grid(tuple(out), where)


def _bare(block: _Block, share: _Share, cut_head: bool) -> list[int]:
    """The label lines left out around the rows that print a row label of the format alone: rows whose
    cells print nothing.  Without ruling lines, blank cells and cells not printed at all look the same,
    so such a row is given without figures (the recognizer leaves it unread, with a note), never as blanks."""
    labels = [k for k in range(len(block.rows)) if k not in block.figures]
    used = {k for group in share.rows for k in group}
    skipped = labels[: share.skipped] if not cut_head else []
    dropped = labels[len(labels) - share.dropped :] if share.dropped else []
    return [k for k in (*skipped, *dropped) if k not in used
            and any(labels_.match(block.rows[k].cells[0][2]) for labels_ in _row_labels())]


def _content(rows: list[TextRow], size: float) -> list[TextRow]:
    """The page's lines without its furniture: page numbers, and the lines in a smaller print that open
    or close the page (a browser's header and footer: the date, the title, the address, ``1/2``)."""
    rows = [row for row in rows if not (len(row.cells) == 1 and PAGE_NUMBER.match(row.cells[0][2]))]

    def small(row: TextRow) -> bool:
        return median(c.bottom - c.top for c in row.chars) < _FURNITURE * size

    start, end = 0, len(rows)
    while start < end and small(rows[start]):
        start += 1
    while end > start and small(rows[end - 1]):
        end -= 1
    return rows[start:end]


@cache
def _row_labels() -> tuple[LabelSet, ...]:
    """The row labels of each edition of the format, to match a share-out's labels against."""
    return tuple(LabelSet((label.text for table in edition.tables for row in table.rows for label in row.path),
                          edition=key) for key, edition in EDITIONS.items())


def _reading(block: _Block, share: _Share, cut: bool) -> tuple[str | None, ...]:
    """The label of the format each row's label under ``share`` reads as (``None``: none, or no label);
    with ``cut``, the last row's label may be the beginning of one (the page break cut it)."""
    found: list[str | None] = []
    for n, group in enumerate(share.rows, start=1):
        text = join_wrapped(block.rows[k].cells[0][2] for k in group)
        match = next((m for m in (labels.match(text) for labels in _row_labels()) if m is not None), None) if text else None
        if match is None and text and cut and n == len(share.rows):
            found.append(text if any(labels.prefix_of(text) for labels in _row_labels()) else None)
            continue
        found.append(match.official if match is not None else None)
    return tuple(found)


def _one(block: _Block, found: list[_Share], *, cut: bool) -> _Share | None:
    """The share-out to read the block by, or ``None`` where none is certain.

    Where the layout allows several (a one-line label beside two-line ones fits a centred and a
    top-aligned reading alike; a heading's last line may or may not open the first label), the one
    whose rows' labels are most often labels of the format -- when all that do so well read every row
    as the same label, they differ only in lines that change nothing, and the one taking the fewest
    lines out of the running text is kept.  Where labels are shared out, at least one must read as a
    label of the format: a block none of whose labels does is not taken for a table.
    """
    distinct = list({repr(share): share for share in found}.values())
    if not distinct:
        return None
    readings = [_reading(block, share, cut) for share in distinct]
    scores = [sum(1 for r in reading if r is not None) for reading in readings]
    best = max(scores)
    top = [k for k, score in enumerate(scores) if score == best]
    labelled = any(group for group in distinct[top[0]].rows)
    if (labelled and best == 0) or len({readings[k] for k in top}) != 1:
        return None
    return min((distinct[k] for k in top), key=lambda share: (share.skipped + share.dropped, share.skipped))


def _lone(block: _Block, share: _Share) -> bool:
    """Whether a figure printed alone on its line is left without a label: a stray number, not a row."""
    return any(not group and len(block.rows[f].cells) == 1
               for f, group in zip(sorted(block.figures), share.rows, strict=True))


def _used(block: _Block, share: _Share) -> list[int]:
    """The block's lines that make its table: the figure lines and the label lines shared out."""
    return sorted({*block.figures, *(k for group in share.rows for k in group)})


class Unruled(NamedTuple):
    """What :func:`unruled_tables` finds on a page."""

    grids: list[tuple[float, Grid]]
    """Each table, with the height it starts at."""
    rest: list[Char]
    """The characters of everything else (running text)."""
    cut: bool
    """Whether the page ends inside a table's last row (its label goes on at the top of the next page)."""
    lead: list[TextRow]
    """Label lines that open the page above a table's first row: the end of a row cut by the page break,
    if the page before ended inside one."""
    complete: bool
    """Whether every line ending in two or more figures went into a table: where one did not (a layout
    this module does not rebuild, such as group labels in columns of their own), reading the rest of
    the table from positions would hide those lines from the recognizer's reading of running text."""
    notes: list[tuple[str, str, str, str]]
    """``(code, zh, en, where)`` of what the reading should say: each table read from positions, each row
    printed without figures."""


def unruled_tables(chars: Sequence[Char], page: int) -> Unruled:
    """The tables among ``chars`` printed without lines, and the other characters.

    Why a block is left as running text: see the module's docstring.
    """
    rows = _rows(chars)
    nothing = Unruled([], list(chars), cut=False, lead=[], complete=True, notes=[])
    if not rows:
        return nothing
    size = _size(rows)
    rows = _without_groups(rows, size)
    grids: list[tuple[float, Grid]] = []
    taken: set[int] = set()
    cut = False
    lead: list[TextRow] = []
    notes: list[tuple[str, str, str, str]] = []
    content = _content(rows, size)
    for block in _blocks(rows, size):
        cut_head = bool(content) and block.rows[0] is content[0]
        cut_tail = bool(content) and block.rows[-1] is content[-1]
        found = [share for align in ("center", "top", "bottom")
                 for share in _share(block, align, _ALIGN_TOLERANCE * size, cut_tail=cut_tail)]
        share = _one(block, found, cut=cut_tail)
        if share is None:
            continue
        if _lone(block, share):
            continue
        used = _used(block, share)
        captions = [] if any(share.rows) else _captions(rows, block, size)
        bare = _bare(block, share, cut_head) if any(share.rows) else []
        used = sorted({*used, *bare})
        grid = _grid(block, share.rows, page, len(grids) + 1, captions=captions, bare=bare)
        grids.append((block.rows[used[0]].top, grid))
        notes.append(("unruled_table", f"第 {page} 页的表格没有框线，按文字位置读取（{len(grid.rows)} 行）",
                      f"a table on page {page} has no ruling lines; read from the positions of its text ({len(grid.rows)} rows)",
                      grid.where))
        for k in bare:
            label = block.rows[k].cells[0][2]
            notes.append(("row_without_figures",
                          f"第 {page} 页无框线表格的“{label}”行未印数值：没有框线时空白单元格与未印出的单元格无从区分，该行不作空白读取",
                          f"row {label!r} of a table without ruling lines on page {page} prints no figures: without "
                          "lines blank cells cannot be told from cells not printed, so the row is not read as blank",
                          grid.where))
        taken.update(id(c) for k in used for c in block.rows[k].chars)
        taken.update(id(c) for row in captions for c in row.chars)
        cut = cut or (cut_tail and bool(share.rows[-1]))
        lead = lead or (block.rows[: share.skipped] if cut_head else [])
    if not grids:
        return nothing
    complete = not any(_row_like(row) and not all(id(c) in taken for c in row.chars) for row in rows)
    return Unruled(grids, [c for c in chars if id(c) not in taken], cut, lead, complete, notes)


def _size(rows: list[TextRow]) -> float:
    """The body's font size: the median over the page's lines but its first and last (a header or a
    footer in small print may hold as many characters as a short page's body)."""
    body = rows[1:-1] if len(rows) > 2 else rows
    sizes = [c.bottom - c.top for row in body for c in row.chars if not c.text.isspace()]
    return median(sizes) if sizes else 12.0


def lead_lines(chars: Sequence[Char], band: tuple[float, float], top: float) -> list[TextRow]:
    """The lines that open the page just above a ruled table at ``top``, inside its first column ``band``.

    Why: a row cut by a page break goes on at the top of the next page; where the table there is
    ruled and its first ruled row is the next row, the rest of the cut row's label is printed above it.
    """
    every = _rows(chars)
    size = _size(every)
    rows = [row for row in _content(every, size) if row.bottom <= top + _LINE_TOLERANCE]
    lead: list[TextRow] = []
    for row in rows:
        if len(row.cells) != 1 or _FIGURE.fullmatch(row.cells[0][2]):
            return []
        if not (band[0] - _LINE_TOLERANCE <= row.cells[0][0] and row.cells[0][1] <= band[1] + _LINE_TOLERANCE):
            return []
        if lead and not _near(lead[-1], row, size):
            return []
        lead.append(row)
    return lead if lead and top - lead[-1].bottom <= _BLOCK_GAP * size else []
