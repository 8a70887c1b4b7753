"""Finding tables 二, 三 and 四 in a document's grids and reading every cell.

Why this shape: real reports print the tables with spans (HTML, Word), with spans dropped and
blank placeholders kept (PDF, pipe text), with spans dropped and placeholders lost (shanghai), split
over pages, with labels split over cells.  So rows are read one at a time, in order, across grids:

* a row is *classified* by the official labels it holds (a 二 caption, 二's 信息内容 header, 三's
  column headers, 四's headers, a 二 row label, a 三 row or group label), all from the taxonomy;
* 三's labels are read against a *context* (the level-1 row and group above), so a group label on
  an earlier row (a row span) still applies, and a repeated 三、本年度办理结果 after a page break
  is harmless;
* a row's values are the cells after its last label, mapped to columns by the header positions when
  the header is consistent, else by count: only if exactly one placement of the columns leaves
  nothing but blanks over is it used.  Anything else is noted and left blank (``None``).
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from disclosure_schema.model import Value
from disclosure_schema.taxonomy import Column, Row, Table

from .document import Document, Grid, SourceCell, expand
from .labels import LabelSet, Match, norm
from .layout import EditionLayout, Prefix
from .notes import Notes
from .numbers import parse_value

__all__ = ["TableReading", "note_label", "read_tables", "record_value"]

Positioned = tuple[int, SourceCell]
_NUMERIC = re.compile(r"^[+\-]?[\d,.]+(元|万元|亿元|件|个|项|次|人)?$")
_DASH = re.compile(r"^[—\-－/／\\]+$")


@attrs.define
class TableReading:
    """What was read: values by JSON pointer, where each came from, which grids were tables."""

    values: dict[str, Value] = attrs.field(factory=dict)
    sources: dict[str, str] = attrs.field(factory=dict)
    """JSON pointer -> the ``where`` of the source cell."""
    table_grids: set[int] = attrs.field(factory=set)
    """``id()`` of every grid that held part of a table (the rest is running text)."""
    seen_rows: set[str] = attrs.field(factory=set)
    """``table/row`` keys for which a printed row was found."""
    table_lines: set[int] = attrs.field(factory=set)
    """``id()`` of every line whose text was read as table cells run together (not section text)."""
    unread: set[str] = attrs.field(factory=set)
    """JSON pointers of cells that could not be read (an ambiguous run, say): ``None`` but unknown, not blank."""
    settled: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """JSON pointer -> ids of the checks used to settle its run-together split (not verified by them)."""
    candidates: dict[str, frozenset[Value]] = attrs.field(factory=dict)
    """JSON pointer of an unread cell -> every value some fitting split gives it (narrative figures)."""


def is_numeric(text: str) -> bool:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("\u00a0", ""))
    return bool(_NUMERIC.match(s)) or bool(_DASH.match(s))


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
    elif match.how == "abbreviated":
        notes.add("label.abbreviated", cell.where, f"标签“{printed}”为简写，读作“{match.official}”，请核对",
                  f"label {printed!r} is abbreviated; read as {match.official!r} (please check)", pointer)
    else:
        notes.add("label.normalised", cell.where, f"标签“{printed}”经规范化（全半角、编号、引号、空格或标点）读作“{match.official}”",
                  f"label {printed!r} read as {match.official!r} after normalising width, numbering, quotes, spaces or punctuation",
                  pointer)


def record_value(reading: TableReading, notes: Notes, table: Table, row: Row, column: Column,
                 text: str | None, where: str) -> None:
    """Parse ``text`` into the cell (row, column) of ``table``; note what had to be normalised or could not be read."""
    cell = table.cell("/".join(node.key for node in row.path), column.key)
    pointer = cell.pointer
    if pointer in reading.values:
        notes.add("cell.duplicate", where, f"{_place(row, column)}出现多次，保留首次读到的值",
                  f"{_place_en(row, column)} printed more than once; the first value is kept", pointer)
        return
    if text is None:
        reading.values[pointer] = None
        reading.sources[pointer] = where
        return
    parsed = parse_value(text, column)
    reading.values[pointer] = parsed.value
    reading.sources[pointer] = where
    if parsed.problem:
        code, zh, en = parsed.problem
        notes.add(code, where, f"{_place(row, column)}：{zh}，留空", f"{_place_en(row, column)}: {en}; left blank", pointer)
    elif parsed.normalised:
        code, zh, en = parsed.normalised
        notes.add(code, where, f"{_place(row, column)}：{zh}", f"{_place_en(row, column)}: {en}", pointer)


def _place(row: Row, column: Column) -> str:
    return f"“{row.text}”行“{column.text}”栏"


def _place_en(row: Row, column: Column) -> str:
    return f"row {row.text!r}, column {column.text!r}"


def place_columns(cells: list[Positioned], columns: tuple[Column, ...],
                  colmap: dict[str, int] | None) -> list[SourceCell | None] | None:
    """The source cell of each column among ``cells`` (the cells after the row's labels), or ``None``.

    By header position when ``colmap`` places every column; else by count: the windows of
    ``len(columns)`` consecutive cells outside which every cell is blank must all give the same cells.
    """
    if colmap is not None and all(c.text in colmap for c in columns):
        positions = [colmap[c.text] for c in columns]
        by_pos = dict(cells)
        if cells and min(positions) >= cells[0][0] and positions == sorted(set(positions)):
            placed = [by_pos.get(p) for p in positions]
            used = set(positions)
            if all(is_blank(cell.text) for p, cell in cells if p not in used):
                return placed
    k = len(columns)
    options: list[list[SourceCell]] = []
    for start in range(0, len(cells) - k + 1):
        outside = cells[:start] + cells[start + k:]
        if all(is_blank(cell.text) for _, cell in outside):
            options.append([cell for _, cell in cells[start:start + k]])
    if not options:
        return None
    first = [c.text.strip() for c in options[0]]
    if all([c.text.strip() for c in option] == first for option in options):
        return list(options[0])
    return None


@attrs.define
class _State:
    table: str | None = None
    caption: str | None = None
    proactive_colmap: dict[str, int] | None = None
    request_colmap: dict[str, int] = attrs.field(factory=dict)
    request_colmap_grid: int | None = None
    context: Prefix = ()
    pending: dict[int, SourceCell] = attrs.field(factory=dict)
    deferred: tuple[list[Positioned], SourceCell] | None = None
    review_header: bool = False


class _Reader:
    def __init__(self, layout: EditionLayout, notes: Notes) -> None:
        self.layout = layout
        self.notes = notes
        self.reading = TableReading()
        self.state = _State()
        self._review_distinct = LabelSet(
            t for t in layout.review_groups.officials + layout.review_columns.officials
            if t not in layout.request_columns
        )
        self._request_distinct = LabelSet(
            t for t in layout.request_columns.officials + layout.request_headers.officials
            if t not in layout.review_columns
        )

    # --- row classification -------------------------------------------------------------
    def row(self, grid: Grid, cells: list[Positioned]) -> None:
        lay = self.layout
        texts = [(p, c) for p, c in cells if not is_blank(c.text)]
        if not texts:
            if cells and self.state.table == "review_and_litigation" and self.state.review_header:
                self._blank_review_row(grid, cells)
            return
        numbers = [(p, c) for p, c in texts if is_numeric(c.text)]
        labels = [(p, c) for p, c in texts if not is_numeric(c.text)]
        gid = id(grid)
        caption = next((m for _, c in labels if (m := lay.captions.match(c.text))), None)
        for _, c in labels:
            for labelset in (lay.captions, lay.proactive_columns, lay.request_columns, lay.review_columns, lay.review_groups):
                m = labelset.match(c.text)
                if m is not None:
                    note_label(self.notes, m, c)
                    break
        if caption is not None:
            self._enter(gid, "proactive_disclosure")
            self.state.caption = caption.official
            self.state.proactive_colmap = None
            return
        if lay.row_header is not None and any(norm(c.text) == norm(lay.row_header) for _, c in labels):
            self._enter(gid, "proactive_disclosure")
            colmap = {}
            for p, c in labels:
                m = lay.proactive_columns.match(c.text)
                if m:
                    colmap[m.official] = p
            self.state.proactive_colmap = colmap
            return
        if not numbers and self._is_request_header(labels):
            self._enter(gid, "requests")
            if self.state.request_colmap_grid != gid:
                self.state.request_colmap = {}
                self.state.request_colmap_grid = gid
            for p, c in labels:
                m = lay.request_columns.match(c.text)
                if m and m.official not in self.state.request_colmap:
                    self.state.request_colmap[m.official] = p
            return
        if not numbers and labels and all(
            lay.review_groups.match(c.text) or lay.review_columns.match(c.text) for _, c in labels
        ) and (self.state.table == "review_and_litigation" or any(self._review_distinct.match(c.text) for _, c in labels)):
            self._enter(gid, "review_and_litigation")
            self.state.review_header = True
            return
        row2 = next(((p, c, m) for p, c in labels if (m := lay.proactive_row_labels.match(c.text))), None)
        if row2 is not None:
            self._enter(gid, "proactive_disclosure")
            self._proactive_row(cells, row2)
            return
        if labels and (self.state.table == "requests" or any(lay.request_node_labels.match(c.text) for _, c in labels)):
            self._enter(gid, "requests")
            self._request_row(gid, cells, labels)
            return
        if not labels and self.state.table == "review_and_litigation" and self.state.review_header:
            self.reading.table_grids.add(gid)
            self._review_row(cells)
            return
        if numbers and self.state.table is not None and not labels:
            where = numbers[0][1].where
            self.reading.table_grids.add(gid)
            self.notes.add("row.unidentified", where, "有数字的行无法对应到表格的任何一行，未读取",
                           "a row of figures matches no row of the table; not read")

    def _enter(self, gid: int, table: str) -> None:
        self.reading.table_grids.add(gid)
        if self.state.table != table:
            self.finish()
            self.state.table = table
            self.state.context = ()
            self.state.pending = {}
            self.state.deferred = None

    def _is_request_header(self, labels: list[Positioned]) -> bool:
        lay = self.layout
        note = lay.requests.note
        matched_any_distinct = False
        for _, c in labels:
            if note is not None and norm(c.text) == norm(note):
                matched_any_distinct = True
                continue
            if lay.request_columns.match(c.text) or lay.request_headers.match(c.text):
                if self._request_distinct.match(c.text):
                    matched_any_distinct = True
                continue
            return False
        return bool(labels) and (matched_any_distinct or self.state.table == "requests")

    # --- table 二 -------------------------------------------------------------------------
    def _proactive_row(self, cells: list[Positioned], found: tuple[int, SourceCell, Match]) -> None:
        pos, label_cell, match = found
        row = self.layout.proactive_rows[match.official]
        row_key = f"proactive_disclosure/{'/'.join(n.key for n in row.path)}"
        note_label(self.notes, match, label_cell)
        if self.state.caption is not None and self.state.caption != row.path[0].text:
            self.notes.add("row.caption", label_cell.where,
                           f"“{row.text}”印在“{self.state.caption}”之下，按其标签读取",
                           f"{row.text!r} printed under {self.state.caption!r}; read by its label")
        after = [(p, c) for p, c in cells if p > pos]
        self._values(self.layout.proactive, row, after, self.state.proactive_colmap, label_cell, row_key)

    # --- table 三 -------------------------------------------------------------------------
    def _node(self, text: str, *, resolving: bool = False) -> tuple[Prefix, Match] | None:
        """The path prefix a printed label of table 三 stands for, read against the current context.

        A label that is the beginning of an official one is left for the next row to complete
        (a label split over lines or pages) unless ``resolving`` says no completion came.
        """
        lay = self.layout
        ctx = self.state.context
        m = lay.request_node_labels.match(text)
        if m is not None:
            prefixes = lay.request_nodes[m.official]
            fitting = [p for p in prefixes if ctx[: len(p) - 1] == p[:-1]]
            chosen = fitting or list(prefixes)
            if len(chosen) == 1:
                return chosen[0], m
            return None
        if not resolving and (lay.request_node_labels.prefix_of(text) or self._child_prefix(text)):
            return None
        for depth in range(len(ctx), -1, -1):
            parent = ctx[:depth]
            children = lay.request_children.get(parent)
            if children is None:
                continue
            m = children.match(text, abbreviations=True)
            if m is not None:
                for p in lay.request_nodes[m.official]:
                    if p[:-1] == parent:
                        return p, m
        return None

    def _resolve_pending(self, pos: int) -> None:
        """A fragment no later row completed: read it alone (an abbreviation) or report it."""
        state = self.state
        cell = state.pending.pop(pos)
        deferred = state.deferred
        state.deferred = None
        result = self._node(cell.text, resolving=True)
        if result is not None and result[0] in self.layout.request_rows:
            prefix, match = result
            note_label(self.notes, match, cell)
            state.context = prefix[:-1]
            row = self.layout.request_rows[prefix]
            after = deferred[0] if deferred is not None else []
            self._values(self.layout.requests, row, after, None, cell, "requests/" + "/".join(prefix))
            return
        if result is not None:
            state.context = result[0]
            note_label(self.notes, result[1], cell)
            return
        self.notes.add("label.unknown", cell.where, f"无法识别的行标签“{_flat(cell.text)}”",
                       f"unrecognised row label {_flat(cell.text)!r}")
        if deferred is not None and any(not is_blank(c.text) for _, c in deferred[0]):
            self.notes.add("row.unidentified", cell.where, "有数字的行无法对应到表三的任何一行，未读取",
                           "a row of figures matches no row of table 3; not read")

    def finish(self) -> None:
        for pos in list(self.state.pending):
            self._resolve_pending(pos)

    def _request_row(self, gid: int, cells: list[Positioned], labels: list[Positioned]) -> None:
        lay = self.layout
        state = self.state
        by_pos = dict(labels)
        for pos in list(state.pending):
            here = by_pos.get(pos)
            joinable = (here is not None and lay.request_node_labels.match(here.text) is None
                        and self._node(state.pending[pos].text + here.text) is not None)
            if not joinable:
                self._resolve_pending(pos)
        found: Prefix | None = None
        found_cell: SourceCell | None = None
        last_label = max(p for p, _ in labels)
        joined_row = False
        for pos, cell in labels:
            result = self._node(cell.text)
            if result is None and pos in state.pending:
                first = state.pending.pop(pos)
                result = self._node(first.text + cell.text)
                if result is not None:
                    joined_row = True
                    self.notes.add("label.split", cell.where,
                                   f"标签分两处印出（“{_flat(first.text)}”与“{_flat(cell.text)}”），合并读作“{result[1].official}”",
                                   f"label printed in two pieces ({_flat(first.text)!r} and {_flat(cell.text)!r}), "
                                   f"read together as {result[1].official!r}")
            if result is None:
                if lay.request_node_labels.prefix_of(cell.text) or self._child_prefix(cell.text):
                    state.pending[pos] = cell
                    continue
                result = self._node(cell.text, resolving=True)
            if result is None:
                self.notes.add("label.unknown", cell.where, f"无法识别的行标签“{_flat(cell.text)}”",
                               f"unrecognised row label {_flat(cell.text)!r}")
                continue
            prefix, match = result
            note_label(self.notes, match, cell)
            found, found_cell = prefix, cell
            state.context = prefix if prefix not in lay.request_rows else prefix[:-1]
        after = [(p, c) for p, c in cells if p > last_label]
        has_values = any(not is_blank(c.text) for _, c in after) or len(after) >= 7
        if found is not None and found in lay.request_rows:
            row = lay.request_rows[found]
            row_key = "requests/" + "/".join(found)
            if joined_row and state.deferred is not None and not has_values:
                after, _ = state.deferred
            state.deferred = None
            assert found_cell is not None
            self._values(lay.requests, row, after, self._colmap(gid), found_cell, row_key)
            return
        if state.pending and has_values:
            anchor = next(iter(state.pending.values()))
            state.deferred = (after, anchor)
            return
        if has_values and any(not is_blank(c.text) for _, c in after):
            where = (found_cell or labels[0][1]).where
            shown = list(after)
            while shown and is_blank(shown[0][1].text):
                shown.pop(0)
            figures = " | ".join(c.text.strip() for _, c in shown)
            if found is not None and found_cell is not None:
                under = [row.text for key, row in lay.request_rows.items() if key[: len(found)] == found]
                self.notes.add("row.group_values", where,
                               f"“{_flat(found_cell.text)}”在 {lay.edition.id} 版格式中分为 {len(under)} 行"
                               f"（{'；'.join(under)}），此处只印了一行数字（{figures}），无法分到各行，未读取",
                               f"{_flat(found_cell.text)!r} has {len(under)} rows in edition {lay.edition.id}, "
                               f"but one row of figures is printed ({figures}); they cannot be divided, so they are not read")
                return
            self.notes.add("row.unidentified", where, f"有数字的行（{figures}）无法对应到表三的任何一行，未读取",
                           f"a row of figures ({figures}) matches no row of table 3; not read")

    def _colmap(self, gid: int | None) -> dict[str, int] | None:
        """The header positions of table 三, used only in the grid (page) where the header is printed."""
        state = self.state
        return state.request_colmap if state.request_colmap and state.request_colmap_grid == gid else None

    def _child_prefix(self, text: str) -> bool:
        children = self.layout.request_children.get(self.state.context)
        return bool(children and children.prefix_of(text))

    # --- table 四 -------------------------------------------------------------------------
    def _blank_review_row(self, grid: Grid, cells: list[Positioned]) -> None:
        """Table 四's data row printed with every cell empty: found, and blank (not 0)."""
        self.reading.table_grids.add(id(grid))
        for row in self.layout.review.rows:
            self.reading.seen_rows.add("review_and_litigation/" + row.key)
        self.notes.add("row.blank", cells[0][1].where, "表四数据行全部空白，各单元格留空",
                       "table 4's data row is printed blank; its cells stay blank")
        self.state.review_header = False

    def _review_row(self, cells: list[Positioned]) -> None:
        table = self.layout.review
        columns = [(row, column) for row in table.rows for column in row.columns]
        after = [(p, c) for p, c in cells]
        placed = place_columns(after, tuple(col for _, col in columns), None)
        if placed is None:
            flat = [c.text.strip() for _, c in after]
            self.notes.add("row.cells", after[0][1].where,
                           f"表四数据行有 {len(after)} 个单元格（应为 {len(columns)} 个：{' | '.join(flat)}），无法逐栏对应，未读取",
                           f"table 4's data row has {len(after)} cells ({len(columns)} expected: {' | '.join(flat)}); not read")
            for row in table.rows:
                self.reading.seen_rows.add("review_and_litigation/" + row.key)
            return
        for (row, column), cell in zip(columns, placed, strict=True):
            self.reading.seen_rows.add("review_and_litigation/" + "/".join(n.key for n in row.path))
            record_value(self.reading, self.notes, table, row, column,
                         None if cell is None else cell.text, after[0][1].where if cell is None else cell.where)
        self.state.review_header = False

    # --- values -------------------------------------------------------------------------
    def _values(self, table: Table, row: Row, after: list[Positioned], colmap: dict[str, int] | None,
                label_cell: SourceCell, row_key: str) -> None:
        self.reading.seen_rows.add(row_key)
        placed = place_columns(after, row.columns, colmap)
        if placed is None:
            flat = [c.text.strip() for _, c in after]
            self.notes.add("row.cells", label_cell.where,
                           f"“{row.text}”行有 {len(after)} 个数值单元格（应为 {len(row.columns)} 个：{' | '.join(flat)}），无法逐栏对应，留空",
                           f"row {row.text!r} has {len(after)} value cells ({len(row.columns)} expected: {' | '.join(flat)}); "
                           "cells left blank")
            for column in row.columns:
                record_value(self.reading, self.notes, table, row, column, None, label_cell.where)
            return
        for column, cell in zip(row.columns, placed, strict=True):
            record_value(self.reading, self.notes, table, row, column,
                         None if cell is None else cell.text, label_cell.where if cell is None else cell.where)


def _flat(text: str) -> str:
    return " ".join(text.split())


def read_tables(document: Document, layout: EditionLayout, notes: Notes) -> TableReading:
    """Read tables 二, 三 and 四 from the grids of ``document`` (see the module docstring)."""
    reader = _Reader(layout, notes)
    for item in document:
        if not isinstance(item, Grid):
            continue
        for row in expand(item):
            cells = [(p, c) for p, c in enumerate(row) if c is not None]
            if cells:
                reader.row(item, cells)
    reader.finish()
    return reader.reading
