"""Tables whose cells run together in running text (crawled pages: ``行政规范性文件693665``).

Why: a crawler's rendering of an HTML table loses every cell boundary.  The labels are still there
and in order, so the figures printed after a label, up to the first word, are that row's run.  This
module only finds the runs (a :class:`~disclosure_schema_readers.rows.PrintedRow` with ``run``);
splitting them is the values stage's job (:mod:`settle`), where the table's own sums decide
(``693665`` may be 69|3|665 or 69|36|65: unread, with the candidates in a note).  Nothing is guessed.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from functools import cache

from disclosure_schema.taxonomy import Row, Table
from disclosure_schema.taxonomy.variants import LABEL_VARIANTS

from .document import Line
from .labels import norm, squash_map, variant_forms
from .layout import EditionLayout
from .notes import Notes
from .placement import row_cells
from .rows import Figure, PrintedRow, TableReading

__all__ = ["read_inline"]

Token = tuple[int, int, str, str, object]
"""(start, end) in the squashed text, kind, official label, payload."""


class _Text:
    """The lines joined, squashed (no whitespace, NFKC) with a map back to each source line."""

    def __init__(self, lines: list[Line]) -> None:
        self.raw = "".join(line.text + "\n" for line in lines)
        #: Where each line starts in ``raw`` (each line is followed by a newline there).
        self.starts = list(itertools.accumulate((len(line.text) + 1 for line in lines[:-1]), initial=0)) if lines else []
        self.s, self.index = squash_map(self.raw)
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
        return self.lines[self.line_no(self.index[min(pos, len(self.index) - 1)])]

    def line_no(self, raw_pos: int) -> int:
        """The number (from 0) of the line holding raw position ``raw_pos``."""
        return bisect.bisect_right(self.starts, raw_pos) - 1

    def squashed_at(self, raw_pos: int) -> int:
        """The squashed position of the first character at or after raw position ``raw_pos``."""
        return bisect.bisect_left(self.index, raw_pos)

    def where(self, pos: int) -> str:
        if not self.index:
            return "text"
        line = self.lines[self.line_no(self.index[min(pos, len(self.index) - 1)])]
        return line.where


@cache
def _vocabulary(table: Table, layout: EditionLayout) -> list[tuple[str, str, str, object]]:
    """(normalised label, kind, official, payload) for every label printed in ``table``."""
    vocab: list[tuple[str, str, str, object]] = []
    if table.note:
        vocab.append((norm(table.note), "header", table.note, None))
    if table.row_header:
        vocab.append((norm(table.row_header), "header", table.row_header, None))
    edition = layout.edition.id
    for row in table.rows:
        for n, label in enumerate(row.path):
            kind = "row" if n == len(row.path) - 1 and table.layout.value != "single_row" else "header"
            vocab.append((norm(label.text), kind, label.text, row if kind == "row" else None))
            if kind == "row":  # known variants of a row label (data beside the declaration), noted when read
                vocab.extend((form, kind, label.text, row) for form in variant_forms(label.text)[1:])
                vocab.extend((norm(v.printed), kind, label.text, row) for v in LABEL_VARIANTS
                             if v.edition == edition and v.official == label.text)
        for column in row.columns:
            vocab.append((norm(column.text), "header", column.text, None))
            for header in column.headers:
                vocab.append((norm(header), "header", header, None))
    for heading in layout.section_headings.officials:
        for form in variant_forms(heading):
            vocab.append((form, "stop", heading, None))
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
    """The labels in ``s[start:end]`` left to right, the longest where two start together (the first
    in ``vocab`` where the same label is there twice).

    Each label's next occurrence waits in a heap and is searched again only once passed, so the scan
    is linear in the text and logarithmic in the number of labels, whatever the text holds.
    """
    tokens: list[Token] = []
    pos = start
    s = text.s
    waiting = [(found, -len(label), n) for n, (label, *_) in enumerate(vocab) if (found := s.find(label, pos, end)) >= 0]
    heapq.heapify(waiting)
    while pos < end and len(tokens) < MAX_TOKENS:
        while waiting and waiting[0][0] < pos:
            _, minus_length, n = waiting[0]
            found = s.find(vocab[n][0], pos, end)
            if found < 0:
                heapq.heappop(waiting)
            else:
                heapq.heapreplace(waiting, (found, minus_length, n))
        if not waiting:
            break
        found, minus_length, n = waiting[0]
        _, kind, official, payload = vocab[n]
        tokens.append((found, found - minus_length, kind, official, payload))
        pos = found - minus_length
    return tokens


def read_inline(lines: list[Line], layout: EditionLayout, reading: TableReading, notes: Notes,
                tables: list[str]) -> None:
    """Read the ``tables`` (keys) not found as grids from run-together text in ``lines``."""
    size = sum(len(line.text) for line in lines)
    if size > MAX_INLINE_CHARS:
        notes.add("read.inline_skipped", lines[0].where if lines else "text",
                  f"正文过长（{size} 字），未在正文中查找连排的表格", f"text too long ({size} characters) to look for run-together tables")
        return
    text = _Text(lines)
    s = text.s
    sections = {sec.table: sec for sec in layout.edition.sections if sec.table}
    for key in tables:
        table = layout.edition.table(key)
        heading = _find_any(s, variant_forms(sections[key].heading), 0)
        if heading is None:
            continue
        start = heading[1]
        ends = [found[0] for sec in layout.edition.sections if (found := _find_any(s, variant_forms(sec.heading), start))]
        end = min(ends) if ends else len(s)
        note = _NOTE_LINE.search(text.raw, text.index[start] if start < len(text.index) else len(text.raw))
        if note is not None:
            end = min(end, text.squashed_at(note.start()))
        tokens = _tokens(text, start, end, _vocabulary(table, layout))
        if not tokens:
            continue
        for token in tokens:
            if token[2] != "stop":
                reading.table_lines.add(id(text.line(token[0])))
        if table.layout.value == "single_row":
            _single_row(text, table, tokens, end, reading, notes)
            continue
        for n, token in enumerate(tokens):
            if token[2] != "row":
                continue
            row = token[4]
            assert isinstance(row, Row)
            stop = tokens[n + 1][0] if n + 1 < len(tokens) else end
            if text.s[token[0]:token[1]] != norm(row.text):
                printed = text.raw_between(token[0], token[1]).strip()
                notes.add("label.variant", text.where(token[0]), f"标签“{printed}”按已知变体读作“{row.text}”",
                          f"label {printed!r} read as the known variant of {row.text!r}", f"/{table.key}/{row.key}")
            _read_run(text, table, row, token[1], stop, reading)


_FIGURES = re.compile(r"[\d\s,，.．+\-－—元万亿件个项%|]*")
_NOTE_LINE = re.compile(r"(?:^|\n)\s*(?:注|备注|说明)\s*[:：]")


def _find_any(s: str, forms: tuple[str, ...], start: int) -> tuple[int, int] | None:
    """(start, end) of the earliest of ``forms`` in ``s`` at or after ``start``."""
    best: tuple[int, int] | None = None
    for form in forms:
        at = s.find(form, start)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(form))
    return best


def _figures_at(text: _Text, start: int, stop: int, reading: TableReading | None = None) -> tuple[str, str] | None:
    """The figures printed from ``start`` up to the first word (prose ends a row's run), or ``None``.

    With ``reading``, lines holding nothing but these figures are marked as table text, so that a
    line of figures is not also kept as a paragraph of its section."""
    raw = text.raw_between(start, stop)
    m = _FIGURES.match(raw)
    run = m.group(0) if m else ""
    if not any(ch.isdigit() for ch in run):
        return None
    if reading is not None and start < len(text.index):
        first = text.index[start]
        last = min(first + len(run), len(text.raw)) - 1
        for k in range(text.line_no(first), text.line_no(last) + 1):
            line = text.lines[k]
            if _FIGURES.fullmatch(line.text.strip()):
                reading.table_lines.add(id(line))
    return run.replace("|", " "), text.where(start)


def _single_row(text: _Text, table: Table, tokens: list[Token], end: int, reading: TableReading, notes: Notes) -> None:
    """Table 四 in running text: one run of fifteen figures, or a run after each group's header."""
    announced: list[Row] = []
    for n, token in enumerate(tokens):
        if token[2] == "stop":
            continue
        for row in table.rows:
            if any(node.text == token[3] for node in row.path) and row not in announced:
                announced.append(row)
        stop = tokens[n + 1][0] if n + 1 < len(tokens) else end
        found = _figures_at(text, token[1], stop, reading)
        if found is None:
            continue
        run, where = found
        specific = [r for r in announced if not any(o is not r and o.path[: len(r.path)] == r.path for o in announced)]
        groups = tuple(specific) or table.rows
        if len(run.split()) > 5 * len(groups):
            groups = table.rows
        cells = tuple(cell for row in groups for cell in row_cells(table, row))
        for row in groups:
            reading.seen_rows.add(f"{table.key}/{row.key}")
        reading.rows.append(PrintedRow(cells, "、".join(r.text for r in groups), where, run=Figure(run, where)))
        announced = []


def _read_run(text: _Text, table: Table, row: Row, start: int, stop: int, reading: TableReading) -> None:
    """The figures after one row label.  A label with no figure after it is not a row (a label named in
    prose: 规范性文件信息2条); if the row is printed nowhere else, it is missing, i.e. unread."""
    found = _figures_at(text, start, stop, reading)
    if found is None:
        return
    reading.seen_rows.add(f"{table.key}/{row.key}")
    cells = row_cells(table, row)
    run, where = found
    reading.rows.append(PrintedRow(cells, row.text, where, run=Figure(run, where)))
