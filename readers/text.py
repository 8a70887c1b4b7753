"""Reading a report published (or converted) as plain text.

Why: many reports reach users as text: copied from a web page, extracted from a PDF, crawled.
Tables then appear as rows of cells separated by pipes, tabs or runs of spaces, or one cell per
line after a tab (Word's "save as text"), with labels broken over lines.  This module only turns
the text into the neutral :mod:`~disclosure_schema_readers.document`; recognising the report is
:mod:`~disclosure_schema_readers.recognize`'s job.
"""

from __future__ import annotations

import re

from disclosure_schema.plugins import ReadError, ReadingNote, ReadResult

from .document import Document, Grid, Line, SourceCell
from .recognize import recognize

__all__ = ["MAX_TEXT_BYTES", "TextReader", "decode", "parse_text"]

MAX_TEXT_BYTES = 8 * 1024 * 1024
"""A report's text is well under a megabyte; anything beyond this is refused, not read."""
MAX_CELLS = 100_000
"""Table cells a text may hold (separators counted before parsing); a report has about a thousand."""
MAX_LINE = 200_000
MAX_LINES = 200_000
"""Lines a text may have (counted before parsing; a report has a few thousand): one object per line."""

_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
"""Control characters other than tab, line feed, form feed and carriage return."""
_SPACES = re.compile(r"\t|[ \u3000\u00a0]{2,}")


def decode(data: bytes, source: str) -> str:
    """The text of ``data``: UTF-8 (with or without BOM), else GB18030; binary data is refused."""
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError([ReadingNote("read.too_large", source, f"文本文件过大（{len(data)} 字节）",
                                     f"text file too large ({len(data)} bytes)")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ReadError([ReadingNote("read.empty", source, "文件为空", "the file is empty")])
    if b"\x00" in data[:4096] or data.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ReadError([ReadingNote("read.binary", source, "文件不是文本（含二进制数据），无法按文本读取",
                                     "the file is not text (binary data); cannot read it as text")])
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROLS.findall(text))
        if controls > max(8, len(text) // 100):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReadError([ReadingNote("read.encoding", source, "无法识别文件编码（既不是 UTF-8 也不是 GB18030 文本）",
                                 "unknown encoding (neither UTF-8 nor GB18030 text)")])


def _split(line: str) -> list[str]:
    return [cell.strip() for cell in _SPACES.split(line.strip())]


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [cell.strip() for cell in body.split("|")]


def is_pipe_row(line: str) -> bool:
    """A table row as Markdown or a crawler prints it: ``| a | b |``, ``a | b |``, ``a | b`` or ``a | b | c``.

    A bar at either end, or two bars, make a row; so does one bar between two short cells that
    are not a sentence (``行政处罚 | 1472``).  A bar inside running prose does not.
    """
    s = line.strip()
    if "|" not in s or len(s) < 2:
        return False
    if s.startswith("|") or s.endswith("|") or s.count("|") >= 2:
        return True
    left, right = (part.strip() for part in s.split("|", 1))
    return bool(left and right) and len(s) <= 80 and not re.search(r"[。；;！？]", s)


_MD_SEPARATOR = re.compile(r"[|\s:]*-[|\s:\-]*")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def unmark(line: str) -> str:
    """A Markdown line (what PDF-to-text converters write) as plain text: no ``#`` marks, no ``**``.

    The marks are layout, never part of a heading, an issuer or a title.
    """
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if "**" in line or "__" in line:
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line


def parse_text(text: str) -> Document:
    """Lines and grids of ``text`` in reading order (see the module docstring for the table forms).

    Every loop below advances at least one line per step, so the time is linear in the text.
    """
    lines = text.split("\n")
    items: list[Line | Grid] = []
    i = 0
    if lines and lines[0].lstrip().startswith("# source:"):
        i = 1
    lines = [unmark(line) for line in lines]
    n = len(lines)
    while i < n:
        raw = lines[i][:MAX_LINE]
        stripped = raw.strip()
        if not stripped or _MD_RULE.match(stripped):
            i += 1
            continue
        if is_pipe_row(stripped):
            rows: list[tuple[SourceCell, ...]] = []
            start = i
            while i < n and is_pipe_row(lines[i][:MAX_LINE]):
                if not _MD_SEPARATOR.fullmatch(lines[i].strip()):  # markdown separator rows (a blank row stays)
                    rows.append(tuple(SourceCell(t, f"line {i + 1} col {k + 1}")
                                      for k, t in enumerate(_pipe_cells(lines[i][:MAX_LINE]))))
                i += 1
            if rows:
                items.append(Grid(tuple(rows), f"lines {start + 1}-{i}"))
            continue
        if raw.startswith("\t"):
            i = _tab_block(lines, i, items)
            continue
        cells = _split(raw) if _SPACES.search(stripped) else [stripped]  # no separator: one cell
        if len(cells) >= 2:
            start = i
            block: list[tuple[SourceCell, ...]] = []
            while i < n and lines[i].strip() and not lines[i].startswith("\t") and not is_pipe_row(lines[i]):
                parts = _split(lines[i][:MAX_LINE])
                if len(parts) < 2:
                    break
                block.append(tuple(SourceCell(t, f"line {i + 1} col {k + 1}") for k, t in enumerate(parts)))
                i += 1
            if not block:  # the first line itself ended the block (it starts with a lone pipe)
                items.append(Line(stripped, f"line {start + 1}"))
                i += 1
                continue
            if len(block) >= 2 or len(block[0]) >= 3:
                items.append(Grid(tuple(block), f"lines {start + 1}-{i}"))
            else:
                items.append(Line(stripped, f"line {start + 1}"))
            continue
        items.append(Line(stripped, f"line {i + 1}"))
        i += 1
    return tuple(items)


def _tab_block(lines: list[str], i: int, items: list[Line | Grid]) -> int:
    """Rows of one-cell-per-line after a tab, rows separated by blank lines; untabbed lines continue a cell.

    Each step consumes at least one line (a line of only tabs and spaces is an empty cell), so the
    block ends in time linear in its length whatever it holds.
    """
    n = len(lines)
    start = i
    rows: list[tuple[SourceCell, ...]] = []
    row: list[list[str | int]] = []
    while i < n:
        raw = lines[i][:MAX_LINE]
        if raw.startswith("\t") and not raw.strip():
            row.append(["", i + 1])  # a tab line with nothing (or only spaces) in it: an empty cell
            i += 1
            continue
        if not raw.strip():
            if row:
                rows.append(tuple(SourceCell(str(t), f"line {ln}") for t, ln in row))
                row = []
            # blank lines: the block goes on only if a tabbed line follows them
            j = i + 1
            while j < n and not lines[j].strip() and not lines[j].startswith("\t"):
                j += 1
            i = j
            if j >= n or not lines[j].startswith("\t"):
                break
            continue
        if raw.startswith("\t"):
            for part in raw[1:].split("\t"):
                row.append([part.strip(), i + 1])
        elif row:
            row[-1][0] = f"{row[-1][0]}\n{raw.strip()}"
        else:
            break
        i += 1
    if row:
        rows.append(tuple(SourceCell(str(t), f"line {ln}") for t, ln in row))
    if rows:
        items.append(Grid(tuple(rows), f"lines {start + 1}-{i}"))
    elif i == start:
        i += 1  # nothing taken: never return without progress
    return i


class TextReader:
    """Plain text (``.txt``) and Markdown (``.md``): pipes, tabs or runs of spaces between cells; UTF-8 or GB18030."""

    name = "text"
    suffixes = (".txt", ".md", ".markdown")

    def read(self, data: bytes, *, source: str) -> ReadResult:
        text = decode(data, source)
        refuse_too_many_cells(text, source)
        result = recognize(parse_text(text), source)
        cut = [number for number, line in enumerate(text.split("\n"), start=1) if len(line) > MAX_LINE]
        if not cut:
            return result
        notes = tuple(ReadingNote("read.line_cut", f"line {number}", f"此行超过 {MAX_LINE} 个字符，超出部分未读取",
                                  f"the line is longer than {MAX_LINE} characters; the rest was not read") for number in cut[:20])
        return ReadResult(result.report, (*result.notes, *notes))


def refuse_too_many_cells(text: str, source: str) -> None:
    """Refuse, before parsing, a text whose separators could make more than :data:`MAX_CELLS` cells.

    Why before: parsing builds an object per cell (about 300 bytes each), so a few megabytes of
    ``|`` would take gigabytes; counting separators is one pass over the text and allocates nothing.
    """
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise ReadError([ReadingNote("read.too_large", source, f"文本行数过多（{lines} 行，上限 {MAX_LINES}），不像是一份年度报告，拒绝读取",
                                     f"the text has too many lines ({lines}, limit {MAX_LINES}): not an annual report; refused")])
    cells = text.count("|") + text.count("\t") + text.count("  ") + text.count("\u3000")
    if cells > MAX_CELLS:
        raise ReadError([ReadingNote("read.too_large", source, f"文本中的表格单元格过多（约 {cells} 个，上限 {MAX_CELLS}），不像是一份年度报告，拒绝读取",
                                     f"the text holds too many table cells (about {cells}, limit {MAX_CELLS}): not an annual report; refused")])
