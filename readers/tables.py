"""Finding tables 二, 三 and 四 in a document's grids and reading every cell.

Why this shape: real reports print the tables with spans (HTML, Word), with spans dropped and
blank placeholders kept (PDF, pipe text), with spans dropped and placeholders lost (shanghai), split
over pages, with labels split over cells.  So rows are read one at a time, in order, across grids:

* a row is *classified* by the official labels it holds (a 二 caption, 二's 信息内容 header, 三's
  column headers, 四's headers, a 二 row label, a 三 row or group label), all from the taxonomy;
* 三's labels are read against a *context* (the level-1 row and group above, kept by
  :mod:`request_labels`), so a group label on an earlier row (a row span) still applies, and a
  repeated 三、本年度办理结果 after a page break is harmless;
* a row's figures are the cells after its last label, placed in the row's cells by
  :mod:`placement` (header positions, else count; never left to right) and handed on as a
  :class:`~disclosure_schema_readers.rows.PrintedRow`; anything that cannot be placed is noted and
  its cells are unread.  Parsing the figures is the values stage's job (:mod:`values`).
"""

from __future__ import annotations

from functools import cache

import attrs

from disclosure_schema.taxonomy import Row, Table

from .document import Document, Grid, SourceCell, expand
from .labels import LabelSet, Match, norm
from .layout import EditionLayout, Prefix
from .notes import Notes
from .placement import Positioned, is_blank, is_figure_like, is_numeric, note_label, printed_row, row_cells
from .request_labels import RequestContext
from .rows import Figure, PrintedRow, TableReading

__all__ = ["TableReading", "read_tables", "row_cells"]


@attrs.define
class _State:
    table: str | None = None
    caption: str | None = None
    proactive_colmap: dict[str, int] | None = None
    request_colmap: dict[str, int] = attrs.field(factory=dict)
    request_colmap_grid: int | None = None
    pending: dict[int, SourceCell] = attrs.field(factory=dict)
    deferred: tuple[list[Positioned], SourceCell] | None = None
    review_header: bool = False
    review_groups: tuple[Row, ...] = ()
    last_request: Row | None = None
    """The last row of table 三 read by its label."""
    orphans: list[list[Positioned]] = attrs.field(factory=list)
    """Rows of figures without a label since then (see ``_Reader._place_orphans``)."""
    in_review_section: bool = False
    """Whether the section heading last printed in running text is table 四's: a row of fifteen figures
    without labels there is table 四's data row, whatever header (often garbled in conversion) precedes it."""
    grid_caption: str = ""
    """The line printed just above the current grid (``### 行政复议``, ``行政诉讼（复议后起诉）``)."""


class _Reader:
    def __init__(self, layout: EditionLayout, notes: Notes) -> None:
        self.layout = layout
        self.notes = notes
        self.reading = TableReading()
        self.state = _State()
        self.context = RequestContext(layout)
        """Table 三's label context (the group above the row being read)."""
        self._review_distinct, self._request_distinct = _distinct_labels(layout)
        self._review_width = len(layout.review.cells)

    # --- row classification -------------------------------------------------------------
    def row(self, grid: Grid, cells: list[Positioned]) -> None:
        lay = self.layout
        texts = [(p, c) for p, c in cells if not is_blank(c.text)]
        if not texts:
            if cells and self.state.table == "review_and_litigation" and self.state.review_header:
                self._blank_review_row(grid, cells)
            return
        numbers: list[Positioned] = []
        labels: list[Positioned] = []
        for positioned in texts:
            text = positioned[1].text
            (numbers if is_numeric(text) or is_figure_like(text) else labels).append(positioned)
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
            self._review_header(labels)
            return
        row2 = next(((p, c, m) for p, c in labels if (m := lay.proactive_row_labels.match(c.text))), None)
        if row2 is not None:
            self._enter(gid, "proactive_disclosure")
            self._proactive_row(cells, row2)
            return
        review_label = next(((p, c, m) for p, c in labels if (m := lay.review_groups.match(c.text))), None)
        if numbers and review_label is not None and len(labels) == 1:
            self._enter(gid, "review_and_litigation")
            self._labelled_review_row(cells, review_label)
            return
        if labels and (self.state.table == "requests" or any(lay.request_node_labels.match(c.text) for _, c in labels)):
            self._enter(gid, "requests")
            self._request_row(gid, cells, labels)
            return
        if not labels and self.state.table == "review_and_litigation" and self.state.review_header:
            self.reading.table_grids.add(gid)
            self._review_row(cells)
            return
        if not labels and self.state.in_review_section and len(numbers) == self._review_width:
            self._enter(gid, "review_and_litigation")
            self._review_row(cells)
            return
        if numbers and self.state.table == "requests" and not labels and self.state.last_request is not None:
            self.reading.table_grids.add(gid)
            self.state.orphans.append(cells)  # placed by order once the next labelled row is known
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
            self.context.reset()
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
    def _resolve_pending(self, pos: int) -> None:
        """A fragment no later row completed: read it alone (an abbreviation) or report it."""
        state = self.state
        cell = state.pending.pop(pos)
        deferred = state.deferred
        state.deferred = None
        result = self.context.node(cell.text, resolving=True)
        if result is not None and result[0] in self.layout.request_rows:
            prefix, match = result
            note_label(self.notes, match, cell)
            self.context.enter(prefix)
            row = self.layout.request_rows[prefix]
            after = deferred[0] if deferred is not None else []
            self._values(self.layout.requests, row, after, None, cell, "requests/" + "/".join(prefix))
            return
        if result is not None:
            self.context.enter(result[0])
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
        self._place_orphans(None)

    def _place_orphans(self, following: Row | None) -> None:
        """Rows of figures printed without their label (the label went elsewhere in a conversion).

        Between two labelled rows of table 三, the rows without a label can only be the rows the
        declaration puts between them: when there are exactly as many of each, they are read in order,
        with a note; otherwise none is read.  After the last labelled row nothing bounds them, and
        they stay unread.
        """
        orphans, self.state.orphans = self.state.orphans, []
        last = self.state.last_request
        if not orphans or last is None:
            return
        rows = self.layout.requests.rows
        start = rows.index(last) + 1
        between = rows[start: rows.index(following)] if following is not None and following in rows[start:] else None
        if between is None or len(between) != len(orphans):
            for cells in orphans:
                self.notes.add("row.unidentified", cells[0][1].where, "有数字的行未印行标签，无法确定是表三的哪一行，未读取",
                               "a row of figures printed without its label cannot be placed in table 3; not read")
            return
        for row, cells in zip(between, orphans, strict=True):
            where = cells[0][1].where
            self.notes.add("row.by_order", where, f"该行未印行标签，按表格各行的顺序读作“{row.text}”",
                           f"the row is printed without its label; read as {row.text!r} by the order of the table's rows",
                           f"/requests/{row.key}")
            self.reading.seen_rows.add("requests/" + row.key)
            self.reading.rows.append(printed_row(row_cells(self.layout.requests, row), cells, None, row.text, where))

    def _request_row(self, gid: int, cells: list[Positioned], labels: list[Positioned]) -> None:
        lay = self.layout
        state = self.state
        by_pos = dict(labels)
        for pos in list(state.pending):
            here = by_pos.get(pos)
            joinable = (here is not None and lay.request_node_labels.match(here.text) is None
                        and self.context.node(state.pending[pos].text + here.text) is not None)
            if not joinable:
                self._resolve_pending(pos)
        found: Prefix | None = None
        found_cell: SourceCell | None = None
        last_label = max(p for p, _ in labels)
        figures_after = any(p > last_label and not is_blank(c.text) for p, c in cells)
        joined_row = False
        for pos, cell in labels:
            # A short label without its ordinal (其他, 总计) is a row only as the label of a row of figures:
            # the same words head columns.
            short = pos == last_label and figures_after
            result = self.context.node(cell.text, short=short)
            if result is None and pos in state.pending:
                first = state.pending.pop(pos)
                result = self.context.node(first.text + cell.text)
                if result is not None:
                    joined_row = True
                    self.notes.add("label.split", cell.where,
                                   f"标签分两处印出（“{_flat(first.text)}”与“{_flat(cell.text)}”），合并读作“{result[1].official}”",
                                   f"label printed in two pieces ({_flat(first.text)!r} and {_flat(cell.text)!r}), "
                                   f"read together as {result[1].official!r}")
            if result is None:
                if self.context.is_fragment(cell.text):
                    state.pending[pos] = cell
                    continue
                result = self.context.node(cell.text, resolving=True, short=short)
            if result is None:
                self.notes.add("label.unknown", cell.where, f"无法识别的行标签“{_flat(cell.text)}”",
                               f"unrecognised row label {_flat(cell.text)!r}")
                continue
            prefix, match = result
            note_label(self.notes, match, cell)
            found, found_cell = prefix, cell
            self.context.enter(prefix)
        after = [(p, c) for p, c in cells if p > last_label]
        has_values = any(not is_blank(c.text) for _, c in after) or len(after) >= 7
        if found is not None and found in lay.request_rows:
            row = lay.request_rows[found]
            row_key = "requests/" + "/".join(found)
            if joined_row and state.deferred is not None and _only_blanks(after):
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
            self.reading.unplaced.extend(Figure(c.text, c.where) for _, c in shown)
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

    # --- table 四 -------------------------------------------------------------------------
    def _review_header(self, labels: list[Positioned]) -> None:
        """A header row of table 四: remember which groups (行政复议, 未经复议直接起诉, 复议后起诉) it announces.

        Table 四 is printed as one row of fifteen figures under three header rows, or split into
        blocks (one per group, five figures each); the figures that follow a header belong to the
        groups it names, in order.
        """
        announced: list[Row] = list(self.state.review_groups)
        for _, cell in labels:
            m = self.layout.review_groups.match(cell.text)
            if m is None:
                continue
            for row in self.layout.review.rows:
                if any(node.text == m.official for node in row.path) and row not in announced:
                    announced.append(row)
        if not announced and self.state.grid_caption:
            announced = self._groups_named_in(self.state.grid_caption)
        if announced:
            specific = [r for r in announced if not any(o is not r and o.path[: len(r.path)] == r.path for o in announced)]
            self.state.review_groups = tuple(specific)
        self.state.review_header = True

    def _groups_named_in(self, caption: str) -> list[Row]:
        """The table 四 groups a caption line names (``行政诉讼（未经复议直接起诉）`` names one group)."""
        text = norm(caption)
        named = [label for label in self.layout.review_groups.officials if norm(label) in text]
        rows = [row for row in self.layout.review.rows if any(n.text in named for n in row.path)]
        specific = [row for row in rows if row.path[-1].text in named]
        return specific or rows

    def _blank_review_row(self, grid: Grid, cells: list[Positioned]) -> None:
        """Table 四's data row printed with every cell empty: found, and blank (not 0)."""
        self.reading.table_grids.add(id(grid))
        groups = self.state.review_groups or self.layout.review.rows
        table = self.layout.review
        targets = tuple(cell for row in groups for cell in row_cells(table, row))
        for row in groups:
            self.reading.seen_rows.add("review_and_litigation/" + row.key)
        self.reading.rows.append(PrintedRow(targets, "", cells[0][1].where, figures=(None,) * len(targets)))
        self.notes.add("row.blank", cells[0][1].where, "表四数据行全部空白，各单元格留空",
                       "table 4's data row is printed blank; its cells stay blank")
        self.state.review_header = False

    def _review_row(self, cells: list[Positioned], groups: tuple[Row, ...] | None = None,
                    label: str = "") -> None:
        """Figures of table 四 for ``groups`` (the announced ones, or all three when fifteen are printed)."""
        table = self.layout.review
        where = cells[0][1].where
        width = len(table.rows[0].columns)
        if groups is None:
            announced = self.state.review_groups
            if len(cells) > width * len(announced) or not announced:
                announced = table.rows
            groups = announced
        targets = tuple(cell for row in groups for cell in row_cells(table, row))
        for row in groups:
            self.reading.seen_rows.add("review_and_litigation/" + row.key)
        printed = printed_row(targets, cells, None, label or "、".join(r.text for r in groups), where)
        if printed.problem is not None:
            code, zh, en = printed.problem
            self.notes.add(code, where, f"表四数据行：{zh}，未读取", f"table 4's data row: {en}; not read")
        self.reading.rows.append(printed)
        self.state.review_header = False
        self.state.review_groups = ()

    def _labelled_review_row(self, cells: list[Positioned], label: tuple[int, SourceCell, Match]) -> None:
        """A table 四 group printed as a row of its own: ``行政复议 | 1 | 0 | 2 | 0 | 3``."""
        pos, cell, match = label
        groups = tuple(row for row in self.layout.review.rows if any(n.text == match.official for n in row.path))
        after = [(p, c) for p, c in cells if p > pos]
        if not any(not is_blank(c.text) for _, c in after):
            return  # the figures stand before the label: not a row of this layout
        note_label(self.notes, match, cell)
        self._review_row(after, groups, _flat(cell.text))

    # --- values -------------------------------------------------------------------------
    def _values(self, table: Table, row: Row, after: list[Positioned], colmap: dict[str, int] | None,
                label_cell: SourceCell, row_key: str) -> None:
        self.reading.seen_rows.add(row_key)
        positions = [colmap[c.text] for c in row.columns] if colmap and all(c.text in colmap for c in row.columns) \
            else None
        if table is self.layout.requests:
            self._place_orphans(row)
            self.state.last_request = row
        printed = printed_row(row_cells(table, row), after, positions, _flat(label_cell.text), label_cell.where)
        if printed.problem is not None:
            code, zh, en = printed.problem
            self.notes.add(code, label_cell.where, f"“{row.text}”行：{zh}，未读取",
                           f"row {row.text!r}: {en}; not read", f"/{table.key}/{row.key}")
        self.reading.rows.append(printed)


def _only_blanks(cells: list[Positioned]) -> bool:
    """Whether a row prints no figure: the rest of a label whose row broke over a page, the figures above it.

    Why: a Word row split by a page break prints, in the PDF, the label's first words with the figures
    and the rest of the label over empty cells (as many as the table has columns).
    """
    return all(is_blank(c.text) for _, c in cells)


@cache
def _distinct_labels(layout: EditionLayout) -> tuple[LabelSet, LabelSet]:
    """Table 四's labels that no column of table 三 has, and table 三's that no column of table 四 has
    (they tell the two tables' header rows apart); once per edition."""
    review = LabelSet(t for t in layout.review_groups.officials + layout.review_columns.officials
                      if t not in layout.request_columns)
    requests = LabelSet(t for t in layout.request_columns.officials + layout.request_headers.officials
                        if t not in layout.review_columns)
    return review, requests


def _flat(text: str) -> str:
    return " ".join(text.split())


def read_tables(document: Document, layout: EditionLayout, notes: Notes) -> TableReading:
    """Read tables 二, 三 and 四 from the grids of ``document`` (see the module docstring)."""
    reader = _Reader(layout, notes)
    caption = ""
    review_heading = next(s.heading for s in layout.edition.sections if s.table == layout.review.key)
    for item in document:
        if not isinstance(item, Grid):
            caption = item.text
            heading = layout.section_headings.match(item.text)
            if heading is not None:
                reader.state.in_review_section = heading.official == review_heading
            continue
        reader.state.grid_caption, caption = caption, ""
        for row in expand(item):
            cells = [(p, c) for p, c in enumerate(row) if c is not None]
            if cells:
                reader.row(item, cells)
    reader.finish()
    return reader.reading
