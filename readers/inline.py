"""Tables whose cells run together in running text (crawled pages: ``行政规范性文件693665``).

Why: a crawler's rendering of an HTML table loses every cell boundary.  The labels are still there
and in order, so the text between two labels is one row's figures.  How a run is split is
:mod:`~.settle`'s concern: only where the columns' number forms and the report's own relations
leave one split (``640020470`` under table 三's seven columns is 64|0|0|2|0|4|70 by R3).  Otherwise
(``693665`` may be 69|3|665 or 69|36|65, and table 二 has no relation) the row's cells are unread,
not blank, and a note lists the candidates.  Nothing is guessed.
"""

from __future__ import annotations

import re

from disclosure_schema.taxonomy import Row, Table

from .document import Line
from .labels import norm, squash
from .layout import EditionLayout
from .notes import Notes
from .run_notes import PrintedRun, note_settled, note_unsettled
from .settle import Outcome, Run, Settled, settle_row, settle_table
from .tables import TableReading, record_value

__all__ = ["read_inline"]

Token = tuple[int, int, str, str, object]
"""(start, end) in the squashed text, kind, official label, payload."""


class _Text:
    """The lines joined, squashed (no whitespace, NFKC) with a map back to each source line."""

    def __init__(self, lines: list[Line]) -> None:
        raw_parts: list[str] = []
        self.line_at: list[int] = []
        for k, line in enumerate(lines):
            raw_parts.append(line.text + "\n")
            self.line_at.extend([k] * (len(line.text) + 1))
        self.raw = "".join(raw_parts)
        chars: list[str] = []
        self.index: list[int] = []
        for i, ch in enumerate(self.raw):
            for c in squash(ch):
                chars.append(c)
                self.index.append(i)
        self.s = "".join(chars)
        self.lines = lines

    def raw_between(self, start: int, end: int) -> str:
        """Source text between squashed positions, whitespace kept (it may separate cells)."""
        if start >= len(self.index):
            return ""
        a = self.index[start]
        b = self.index[end] if end < len(self.index) else len(self.raw)
        return self.raw[a:b]

    def line(self, pos: int) -> Line:
        """The source line holding squashed position ``pos``."""
        return self.lines[self.line_at[self.index[min(pos, len(self.index) - 1)]]]

    def where(self, pos: int) -> str:
        if not self.index:
            return "text"
        line = self.lines[self.line_at[self.index[min(pos, len(self.index) - 1)]]]
        return line.where


def _vocabulary(table: Table, layout: EditionLayout) -> list[tuple[str, str, str, object]]:
    """(normalised label, kind, official, payload) for every label printed in ``table``."""
    vocab: list[tuple[str, str, str, object]] = []
    if table.note:
        vocab.append((norm(table.note), "header", table.note, None))
    if table.row_header:
        vocab.append((norm(table.row_header), "header", table.row_header, None))
    for row in table.rows:
        for n, label in enumerate(row.path):
            kind = "row" if n == len(row.path) - 1 and table.layout.value != "single_row" else "header"
            vocab.append((norm(label.text), kind, label.text, row if kind == "row" else None))
        for column in row.columns:
            vocab.append((norm(column.text), "header", column.text, None))
            for header in column.headers:
                vocab.append((norm(header), "header", header, None))
    for heading in layout.section_headings.officials:
        vocab.append((norm(heading), "stop", heading, None))
    seen: set[tuple[str, str]] = set()
    unique = []
    for entry in vocab:
        if (entry[0], entry[1]) not in seen and entry[0]:
            seen.add((entry[0], entry[1]))
            unique.append(entry)
    return unique


MAX_INLINE_CHARS = 1_000_000
"""A report's text is some 10,000 characters; run-together tables are looked for only in texts this size."""
MAX_TOKENS = 2000
"""A table has under two hundred labels; more means the text is not a table."""


def _tokens(text: _Text, start: int, end: int, vocab: list[tuple[str, str, str, object]]) -> list[Token]:
    """The labels in ``s[start:end]`` left to right, the longest where two start together.

    Each label's next occurrence is cached and searched again only once passed, so the scan is
    linear in the text times the number of labels, whatever the text holds.
    """
    tokens: list[Token] = []
    pos = start
    s = text.s
    following = {n: s.find(entry[0], pos, end) for n, entry in enumerate(vocab)}
    while pos < end and len(tokens) < MAX_TOKENS:
        best: Token | None = None
        for n, (label, kind, official, payload) in enumerate(vocab):
            found = following[n]
            if 0 <= found < pos:
                found = following[n] = s.find(label, pos, end)
            if found < 0:
                continue
            if best is None or found < best[0] or (found == best[0] and found + len(label) > best[1]):
                best = (found, found + len(label), kind, official, payload)
        if best is None:
            break
        tokens.append(best)
        pos = best[1]
    return tokens


def read_inline(lines: list[Line], layout: EditionLayout, reading: TableReading, notes: Notes,
                tables: list[str]) -> None:
    """Read the ``tables`` (keys) not found as grids from run-together text in ``lines``.

    Each table is read in three steps: every row's run is collected, the runs are settled together
    (:func:`~.settle.settle_table`: a column relation may settle one row only once all are known),
    then each cell is recorded, with a note wherever a split needed more than whitespace.
    """
    size = sum(len(line.text) for line in lines)
    if size > MAX_INLINE_CHARS:
        notes.add("read.inline_skipped", lines[0].where if lines else "text",
                  f"正文过长（{size} 字），未在正文中查找连排的表格", f"text too long ({size} characters) to look for run-together tables")
        return
    text = _Text(lines)
    s = text.s
    sections = {sec.table: sec for sec in layout.edition.sections if sec.table}
    headings = [norm(sec.heading) for sec in layout.edition.sections]
    for key in tables:
        table = layout.edition.table(key)
        heading = norm(sections[key].heading)
        at = s.find(heading)
        if at < 0:
            continue
        start = at + len(heading)
        ends = [p for h in headings if (p := s.find(h, start)) >= 0]
        end = min(ends) if ends else len(s)
        tokens = _tokens(text, start, end, _vocabulary(table, layout))
        if not tokens:
            continue
        for token in tokens:
            if token[2] != "stop":
                reading.table_lines.add(id(text.line(token[0])))
        if table.layout.value == "single_row":
            runs = [_single_row(text, table, tokens, end)]
        else:
            runs = _row_runs(text, table, tokens, end)
        for found in runs:
            for row in found.rows:
                reading.seen_rows.add(f"{table.key}/{row.key}")
        first = {run.rows: run for run in reversed(runs)}
        unique = [run for run in runs if first[run.rows] is run]
        outcomes = dict(zip(map(id, unique), settle_table([r.run for r in unique], layout.edition.id), strict=True))
        for run in runs:
            outcome = outcomes[id(run)] if id(run) in outcomes else settle_row(run.run, layout.edition.id)
            _record(run, outcome, layout, reading, notes)


def _row_runs(text: _Text, table: Table, tokens: list[Token], end: int) -> list[PrintedRun]:
    """The run after each row label, up to the next label (tables 二 and 三)."""
    runs = []
    for n, token in enumerate(tokens):
        if token[2] != "row":
            continue
        row = token[4]
        assert isinstance(row, Row)
        last = n + 1 == len(tokens)
        printed = text.raw_between(token[1], end if last else tokens[n + 1][0])
        cells = tuple(table.cell(row.key, column.key) for column in row.columns)
        runs.append(PrintedRun(Run(cells, _before_text(printed) if last else printed), (row,), text.where(token[1]),
                                f"“{row.text}”行", f"row {row.text!r}", f"/{table.key}/{row.key}"))
    return runs


_FIGURES = re.compile(r"[\s\d.\-\u2212\uff0d元万亿]+")
_DIGIT = re.compile(r"\d")


def _before_text(piece: str) -> str:
    """The figures that open the text after a table's last label; what follows is text after the table (a 注 line).

    Text with digits that does not open with figures is kept whole: the row is then unreadable, not blank.
    """
    lead = _FIGURES.match(piece)
    if lead and lead.group(0).strip():
        return lead.group(0)
    return piece if _DIGIT.search(piece) else ""


def _single_row(text: _Text, table: Table, tokens: list[Token], end: int) -> PrintedRun:
    """Table 四's one data row: the figures between and after its header labels, in order.

    Printed as one run of 15 or as three blocks of five (each after its own headers); text between
    two labels is certainly apart from the text between the next two, so the pieces are joined
    with a space, a certain boundary.  After the last label only the figures that open the text count.
    """
    pieces = []
    bounds = [(tokens[n][1], tokens[n + 1][0]) for n in range(len(tokens) - 1)] + [(tokens[-1][1], end)]
    for n, (a, b) in enumerate(bounds):
        piece = text.raw_between(a, b)
        if not piece.strip():
            continue
        if n == len(bounds) - 1:
            pieces.append(_before_text(piece).strip())
        elif _DIGIT.search(piece):
            pieces.append(piece.strip())  # never dropped: a piece that is no figure makes the run unreadable
    cells = table.cells
    return PrintedRun(Run(cells, " ".join(p for p in pieces if p)), table.rows, text.where(tokens[-1][1]),
                       f"表{table.number}数据行", f"table {table.number}'s data row", None)


def _record(found: PrintedRun, outcome: Outcome, layout: EditionLayout, reading: TableReading, notes: Notes) -> None:
    """Record the cells of one run as settled, or mark them unread and say why.

    A row printed twice keeps its first reading (``record_value`` notes the repeat); the repeat
    neither marks its cells unread nor adds checks to them.
    """
    cells = found.run.cells
    fresh = [cell.pointer not in reading.values for cell in cells]
    if isinstance(outcome, Settled):
        for cell, part, new in zip(cells, outcome.cells, fresh, strict=True):
            record_value(reading, notes, cell.table, cell.row, cell.column, part, found.where)
            if outcome.checks and new:
                reading.settled[cell.pointer] = outcome.checks
        if outcome.checks or outcome.by_form:
            note_settled(notes, found, outcome, layout.edition)
        return
    for n, (cell, new) in enumerate(zip(cells, fresh, strict=True)):
        record_value(reading, notes, cell.table, cell.row, cell.column, None, found.where)
        if new:
            reading.unread.add(cell.pointer)
            if outcome.options:
                reading.candidates[cell.pointer] = outcome.options[n]
    note_unsettled(notes, found, outcome, layout.edition)
