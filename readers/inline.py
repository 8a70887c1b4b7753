"""Tables whose cells run together in running text (crawled pages: ``行政规范性文件693665``).

Why: a crawler's rendering of an HTML table loses every cell boundary.  The labels are still there
and in order, so the text between two labels is one row's figures.  Such a run is read only when
its split is certain: as many whitespace-separated tokens as columns, as many digits as columns
(every cell one digit), or one column.  Otherwise (``693665`` may be 69|3|665 or 69|36|65) the
row's cells stay blank and a note says which run could not be split.  Nothing is guessed.
"""

from __future__ import annotations

import re

from disclosure_schema.taxonomy import Column, Row, Table

from .document import Line
from .labels import norm, squash
from .layout import EditionLayout
from .notes import Notes
from .tables import TableReading, record_value

__all__ = ["read_inline", "split_run"]

Token = tuple[int, int, str, str, object]
"""(start, end) in the squashed text, kind, official label, payload."""


def split_run(run: str, count: int) -> list[str] | None:
    """The cells of a run of ``count`` run-together cells, when the split is certain; else ``None``."""
    run = run.strip()
    if not run:
        return [""] * count
    parts = run.split()
    if len(parts) == count:
        return parts
    if count == 1:
        return [squash(run)]
    digits = squash(run)
    if re.fullmatch(r"\d+", digits) and len(digits) == count:
        return list(digits)
    return None


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
    """Read the ``tables`` (keys) not found as grids from run-together text in ``lines``."""
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
            _single_row(text, table, tokens, end, reading, notes)
            continue
        for n, token in enumerate(tokens):
            if token[2] != "row":
                continue
            row = token[4]
            assert isinstance(row, Row)
            stop = tokens[n + 1][0] if n + 1 < len(tokens) else end
            _read_run(text, table, row, row.columns, token[1], stop, reading, notes)


def _single_row(text: _Text, table: Table, tokens: list[Token], end: int, reading: TableReading, notes: Notes) -> None:
    start = tokens[-1][1]
    columns = [(row, column) for row in table.rows for column in row.columns]
    run = text.raw_between(start, end)
    where = text.where(start)
    cells = split_run(run, len(columns))
    for row in table.rows:
        reading.seen_rows.add(f"{table.key}/{row.key}")
    if cells is None:
        _note_run(notes, where, f"表{table.number}数据行", f"table {table.number}'s data row", len(columns), run)
        for row, column in columns:
            record_value(reading, notes, table, row, column, None, where)
        return
    for (row, column), cell in zip(columns, cells, strict=True):
        record_value(reading, notes, table, row, column, cell, where)


def _read_run(text: _Text, table: Table, row: Row, columns: tuple[Column, ...], start: int, stop: int,
              reading: TableReading, notes: Notes) -> None:
    run = text.raw_between(start, stop)
    where = text.where(start)
    reading.seen_rows.add(f"{table.key}/{row.key}")
    cells = split_run(run, len(columns))
    if cells is None:
        _note_run(notes, where, f"“{row.text}”行", f"row {row.text!r}", len(columns), run, f"/{table.key}/{row.key}")
        for column in columns:
            record_value(reading, notes, table, row, column, None, where)
        return
    for column, cell in zip(columns, cells, strict=True):
        record_value(reading, notes, table, row, column, cell, where)


def _note_run(notes: Notes, where: str, zh_place: str, en_place: str, count: int, run: str,
              pointer: str | None = None) -> None:
    flat = " ".join(run.split())
    notes.add("cells.run_together", where,
              f"{zh_place}的 {count} 个单元格连在一起印出（“{flat}”），无法确定如何分隔，留空",
              f"{en_place}: its {count} cells run together ({flat!r}); the split cannot be known, so they are left blank",
              pointer)
