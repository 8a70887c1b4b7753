"""Placing the figures printed after a row's label into the row's cells, or saying why they cannot be.

Why a module of its own: telling a figure from a label (``0``, ``1,234``, ``—``, ``约64`` against
``（一）予以公开``), and deciding which printed cell belongs to which column (by the header's positions
when the header is consistent, else by count, never left to right), are the same for every table and
every reader; :mod:`tables` only decides which row a printed row is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from disclosure_schema.taxonomy import Cell, Row, Table

from .document import SourceCell
from .labels import Match
from .notes import Notes
from .rows import Figure, PrintedRow

__all__ = ["Positioned", "is_blank", "is_figure_like", "is_numeric", "note_label", "place_columns", "printed_row",
           "row_cells"]

Positioned = tuple[int, SourceCell]
"""A source cell with its column position in the expanded grid."""

_NUMERIC = re.compile(r"^[+\-]?[\d,.]+(元|万元|亿元|件|个|项|次|人)?$")
_DASH = re.compile(r"^[—\-－/／\\]+$")


@lru_cache(maxsize=4096)
def is_numeric(text: str) -> bool:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("\u00a0", ""))
    return bool(_NUMERIC.match(s)) or bool(_DASH.match(s))


_NOT_FIGURE = re.compile(r"[\d\s,.，．、()（）+\-－—%]")


@lru_cache(maxsize=4096)
def is_figure_like(text: str) -> bool:
    """A figure with a word or two around it (``约64``, ``64（含结转）``): a value cell the reader cannot
    parse, not a label.  Such a cell keeps its place in the row and is unread on its own, with a note,
    so one odd cell never costs the rest of its row or table."""
    normal = unicodedata.normalize("NFKC", text).strip()
    digits = sum(ch.isdigit() for ch in normal)
    if not digits or re.match(r"^\d+\s*[.、]\s*\D", normal):
        return False  # no figure at all, or a numbered label (2.重复申请, 3.其他)
    words = len(_NOT_FIGURE.sub("", normal))
    return words <= 2 and digits >= words


def is_blank(text: str) -> bool:
    return not text.replace("\u00a0", " ").strip()


def note_label(notes: Notes, match: Match, cell: SourceCell, pointer: str | None = None) -> None:
    """Tell the user when a label was read other than verbatim (line breaks inside a cell are layout)."""
    if match.how in ("exact", "layout"):
        return
    printed = " ".join(cell.text.split())
    if match.how == "variant":
        notes.add("label.variant", cell.where, f"标签“{printed}”按已知变体读作“{match.official}”",
                  f"label {printed!r} read as the known variant of {match.official!r}", pointer)
    elif match.how == "unnumbered":
        notes.add("label.unnumbered", cell.where, f"标签“{printed}”未印编号，读作“{match.official}”",
                  f"label {printed!r} printed without its number; read as {match.official!r}", pointer)
    elif match.how == "abbreviated":
        notes.add("label.abbreviated", cell.where, f"标签“{printed}”为简写，读作“{match.official}”，请核对",
                  f"label {printed!r} is abbreviated; read as {match.official!r} (please check)", pointer)
    else:
        notes.add("label.normalised", cell.where, f"标签“{printed}”经规范化（全半角、编号、引号、空格或标点）读作“{match.official}”",
                  f"label {printed!r} read as {match.official!r} after normalising width, numbering, quotes, spaces or punctuation",
                  pointer)


def place_columns(cells: list[Positioned], count: int,
                  colmap: list[int] | None) -> list[SourceCell | None] | None:
    """The source cell of each of ``count`` columns among ``cells`` (the cells after the row's labels).

    By header position when ``colmap`` gives every column's position and the row reaches the last of
    them (a row shorter than its header has lost cells, and which ones cannot be known); else by
    count: the windows of ``count`` consecutive cells outside which every cell is blank must all give
    the same cells.  ``None`` when neither places the row.
    """
    if colmap is not None and cells and cells[-1][0] >= max(colmap) and min(colmap) >= cells[0][0] \
            and colmap == sorted(set(colmap)):
        by_pos = dict(cells)
        used = set(colmap)
        if all(is_blank(cell.text) for p, cell in cells if p not in used):
            return [by_pos.get(p) for p in colmap]
    options: list[list[SourceCell]] = []
    for start in range(0, len(cells) - count + 1):
        outside = cells[:start] + cells[start + count:]
        if all(is_blank(cell.text) for _, cell in outside):
            options.append([cell for _, cell in cells[start:start + count]])
    if not options:
        return None
    first = [c.text.strip() for c in options[0]]
    if all([c.text.strip() for c in option] == first for option in options):
        return list(options[0])
    return None


_RUN = re.compile(r"^[\d\s,.，．\-－—元万亿]+$")


def printed_row(targets: tuple[Cell, ...], after: list[Positioned], colmap: list[int] | None,
                label: str, where: str) -> PrintedRow:
    """The figures printed after a row's label, placed in ``targets`` -- or why they cannot be.

    Never filled left to right: a row with fewer values than columns is not placed (its cells are
    unread, with a note); a row whose only value is a run of digits for several columns is handed on
    as a run for the values stage to split.
    """
    placed = place_columns(after, len(targets), colmap)
    if placed is not None:
        figures = tuple(None if c is None or is_blank(c.text) else Figure(c.text, c.where) for c in placed)
        return PrintedRow(targets, label, where, figures=figures)
    values = [c for _, c in after if not is_blank(c.text)]
    if len(targets) > 1 and len(values) == 1 and _RUN.match(values[0].text.strip()):
        return PrintedRow(targets, label, where, run=Figure(values[0].text, values[0].where))
    flat = " | ".join(c.text.strip() for c in values)
    if len(values) < len(targets):
        problem = ("row.short", f"该行只有 {len(values)} 个数值（{flat}），应有 {len(targets)} 栏，无法确定各属哪一栏",
                   f"the row has {len(values)} values ({flat}) for {len(targets)} columns; which columns they belong to "
                   "cannot be known")
    else:
        problem = ("row.cells", f"该行有 {len(values)} 个数值（{flat}），应有 {len(targets)} 栏，无法逐栏对应",
                   f"the row has {len(values)} values ({flat}) for {len(targets)} columns; they cannot be placed")
    return PrintedRow(targets, label, where, problem=problem,
                      unplaced=tuple(Figure(c.text, c.where) for c in values))


_ROW_CELLS: dict[tuple[int, int], tuple[Table, Row, tuple[Cell, ...]]] = {}
"""Each declared row's cells, by the identity of its table and row (kept here, so never reused)."""


def row_cells(table: Table, row: Row) -> tuple[Cell, ...]:
    """The cells of one declared row, in column order (found once per row of the declaration)."""
    key = (id(table), id(row))
    known = _ROW_CELLS.get(key)
    if known is None:
        known = _ROW_CELLS[key] = (table, row, tuple(table.cell(row.key, column.key) for column in row.columns))
    return known[2]
