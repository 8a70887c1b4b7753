"""The PDF reader: text lines and ruled tables, page by page, through pdfplumber.

Why this shape: published reports are mostly Word files printed to PDF, with the three tables drawn
as ruled grids.  pdfplumber finds those grids from the ruling lines; this module rebuilds each grid's
rows and columns from the cell rectangles (so a label spanning rows keeps its ``rowspan`` instead of
leaving holes, and a cell whose border was not drawn still keeps its text), and gives every character
outside the grids as lines of running text, in top-to-bottom order.  Recognising the report in those
lines and grids -- joining wrapped lines, continuing a table across a page break -- is the
recognizer's job: a table split by a page break arrives as two Grids whose ``where`` name their pages.

Two things a PDF does that the recognizer should not have to know about are undone here: justified
CJK text gets spaces between ideographs (``结 果``), which are removed, and some publishers draw a
frame around a whole page, which makes the running text look like a one-column table; such rows are
given back as lines.

Bounds: the file size, the page count, the inflated size of compressed streams (checked before
pdfminer inflates them), the characters and ruling lines per page and the size of a table's grid are
capped, so a hostile file cannot make the reader run for long or fill memory.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import attrs

from disclosure_schema.plugins import ReadError, ReadingNote, ReadResult
from disclosure_schema.taxonomy import EDITIONS

from .document import Document, Grid, Line, SourceCell

__all__ = ["MAX_PAGES", "MAX_PDF_BYTES", "PdfReader", "pdf_document"]

MAX_PDF_BYTES = 64 * 1024 * 1024
"""A text PDF of an annual report is well under 5 MB; scanned ones are refused anyway."""
MAX_PAGES = 200
"""The longest real reports (provincial summaries) run to some 40 pages."""
MAX_PAGE_CHARS = 60_000
MAX_PAGE_RULES = 20_000
"""Ruling lines and rectangles on one page; table finding is super-linear in their number."""
MAX_CROSSINGS = 5_000
"""Horizontal × vertical ruling lines on a page (real report pages: under 1,000); finding tables in
a denser drawing takes seconds per page."""
MAX_TABLE_SLOTS = 10_000
"""Rows × columns of one ruled table (table 三 has some 30 × 10); more is a drawing, not a report table."""
MAX_STREAM_BYTES = 32 * 1024 * 1024
"""One inflated stream (a page's drawing commands are some 50 kB); pdfminer inflates with no limit."""
MAX_STREAMS_BYTES = 128 * 1024 * 1024
_UNDECODABLE_SHARE = 0.1
_EDGE_TOLERANCE = 1.5
_PAGE_NUMBER = re.compile(r"^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$")
"""Page numbers as printed (``-3-``, ``— 3 —``, ``第3页 共6页``): pagination, not content."""


def _note(source: str, code: str, zh: str, en: str, where: str | None = None) -> ReadingNote:
    return ReadingNote(f"pdf.{code}", where or source, zh, en)


def _refuse(source: str, code: str, zh: str, en: str) -> ReadError:
    return ReadError([_note(source, code, zh, en)])


# -- text clean-up ----------------------------------------------------------------------------------


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


_SPACED = re.compile(r"(?<=\S)[ \t\u3000]+(?=\S)")


def _wide_punctuation(char: str) -> bool:
    return _wide(char) and unicodedata.category(char).startswith("P")


def tidy(text: str) -> str:
    """Strip, and drop the spaces a PDF shows in justified CJK text (gaps, not content).

    A run of spaces goes between two CJK characters (``结 果``) and next to full-width punctuation
    (``邮编： 223100 ，``); it stays, as one space, between a CJK character and a Latin word or number
    (``2024 年``), where the original may well have had one.
    """
    text = text.strip()

    def replace(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1], text[match.end()]
        gap = (_wide(before) and _wide(after)) or _wide_punctuation(before) or _wide_punctuation(after)
        return "" if gap else " "

    return _SPACED.sub(replace, text)


def join_wrapped(lines: Iterable[str]) -> str:
    """Lines of one cell as one text: CJK runs on without a space, Latin words get one."""
    joined = ""
    for line in lines:
        line = tidy(line)
        if not line:
            continue
        if joined and joined[-1].isascii() and joined[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            joined += " "
        joined += line
    return joined


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


# -- grids --------------------------------------------------------------------------------------------


def _edges(values: Iterable[float]) -> list[float]:
    """Coordinates clustered within the tolerance: the table's column (or row) boundaries."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _slot(edges: Sequence[float], value: float) -> int:
    """The index of the band between ``edges`` that ``value`` falls in, clamped to the table."""
    return min(max(bisect_right(edges, value) - 1, 0), len(edges) - 2)


def _nearest(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


@attrs.define
class _Slot:
    """A cell of the rebuilt grid, while its characters are collected."""

    row: int
    col: int
    rowspan: int
    colspan: int
    top: float
    chars: list[dict[str, Any]] = attrs.Factory(list)

    def lines(self, extract: Callable[[list[dict[str, Any]]], str]) -> list[str]:
        return [line for line in (tidy(x) for x in extract(self.chars).splitlines()) if line] if self.chars else []


@attrs.frozen
class _Placed:
    """An item of the page with the height it starts at, for reading order."""

    top: float
    order: int
    item: Line | Grid


class _TableBuilder:
    """One pdfplumber table as slots: every band of the grid belongs to exactly one cell."""

    def __init__(self, bboxes: Sequence[tuple[float, float, float, float]], bbox: tuple[float, float, float, float]):
        self.bbox = bbox
        self.xs = _edges([b[0] for b in bboxes] + [b[2] for b in bboxes])
        self.ys = _edges([b[1] for b in bboxes] + [b[3] for b in bboxes])
        self.nrows, self.ncols = len(self.ys) - 1, len(self.xs) - 1
        self.slots: list[_Slot] = []
        if not self.usable:  # no cells, or a drawing rather than a report table: its text is read as lines
            self.nrows = self.ncols = 0
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
                    self._add(_Slot(r, c, 1, 1, self.ys[r]))

    @property
    def usable(self) -> bool:
        return 0 < self.nrows * self.ncols <= MAX_TABLE_SLOTS and self.nrows > 0

    def _add(self, slot: _Slot) -> None:
        self.slots.append(slot)
        for r in range(slot.row, slot.row + slot.rowspan):
            for c in range(slot.col, slot.col + slot.colspan):
                self.owner[r][c] = slot

    def contains(self, x: float, y: float, slack: float = 1.0) -> bool:
        """Whether a point is in the table; ``slack`` widens it sideways for punctuation hanging past the frame."""
        x0, top, x1, bottom = self.bbox
        return x0 - slack <= x <= x1 + slack and top - 1 <= y <= bottom + 1

    def take(self, char: dict[str, Any], x: float, y: float) -> None:
        slot = self.owner[_slot(self.ys, y)][_slot(self.xs, x)]
        if slot is not None:
            slot.chars.append(char)

    def place(self, page: int, number: int, extract: Callable[[list[dict[str, Any]]], str]) -> list[_Placed]:
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
            return "".join(join_wrapped(row[0].lines(extract)).split()) not in _table_labels()

        head = 0
        while head < len(rows) and banner(rows[head]):
            head += 1
        tail = len(rows)
        while tail > head and banner(rows[tail - 1]):
            tail -= 1
        placed: list[_Placed] = []
        for index in (*range(head), *range(tail, len(rows))):
            for slot in rows[index]:
                for i, line in enumerate(slot.lines(extract), start=1):
                    placed.append(_Placed(slot.top, len(placed), Line(line, f"{where} row {index + 1} line {i}")))
        body = rows[head:tail]
        if body:
            grid_rows = tuple(
                tuple(
                    SourceCell(
                        join_wrapped(slot.lines(extract)),
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


# -- pages --------------------------------------------------------------------------------------------


def _center(obj: dict[str, Any]) -> tuple[float, float]:
    return (float(obj["x0"]) + float(obj["x1"])) / 2, (float(obj["top"]) + float(obj["bottom"])) / 2


def _read_page(page: Any, number: int, source: str) -> tuple[list[Line | Grid], int, int, list[ReadingNote]]:
    """One page's items in reading order, its count of characters and of undecodable ones, and notes."""
    from pdfplumber.utils.text import extract_text

    chars: list[dict[str, Any]] = page.chars
    if len(chars) > MAX_PAGE_CHARS:
        raise _refuse(
            source,
            "page_too_dense",
            f"第 {number} 页字符过多（{len(chars)} 个，上限 {MAX_PAGE_CHARS}），拒绝读取",
            f"page {number} holds too many characters ({len(chars)}, limit {MAX_PAGE_CHARS}); refused",
        )
    rules = len(page.lines) + len(page.rects) + len(page.curves)
    if rules > MAX_PAGE_RULES:
        raise _refuse(
            source,
            "page_too_dense",
            f"第 {number} 页图形过多（{rules} 个，上限 {MAX_PAGE_RULES}），拒绝读取",
            f"page {number} holds too many drawn lines ({rules}, limit {MAX_PAGE_RULES}); refused",
        )
    undecodable = sum(1 for char in chars if str(char.get("text", "")).startswith("(cid:"))
    notes: list[ReadingNote] = []
    if _crossings(page) > MAX_CROSSINGS:
        tables = []
        notes.append(
            _note(
                source,
                "tables_skipped",
                f"第 {number} 页画线过密，不像报告表格，未识别表格，文字按行读取",
                f"page {number} is ruled too densely to be a report table; no tables were looked for, "
                "its text is read as lines",
                where=f"page {number}",
            )
        )
    else:
        tables = page.find_tables()
    builders = [_TableBuilder(table.cells, table.bbox) for table in tables]
    builders = [builder for builder in builders if builder.usable]
    in_table: set[int] = set()
    for char in chars:
        x, y = _center(char)
        hanging = 1.5 * (float(char["x1"]) - float(char["x0"]))
        for builder in sorted(builders, key=lambda b: not b.contains(x, y)):
            if builder.contains(x, y, max(1.0, hanging)):
                builder.take(char, x, y)
                in_table.add(id(char))
                break

    def extract(cell_chars: list[dict[str, Any]]) -> str:
        return str(extract_text(cell_chars))

    placed: list[_Placed] = []
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in in_table)
    lines = [(float(found["top"]), tidy(str(found["text"]))) for found in outside.extract_text_lines()]
    lines = [(top, text) for top, text in lines if text and not _PAGE_NUMBER.match(text)]
    for i, (top, text) in enumerate(lines, start=1):
        placed.append(_Placed(top, len(placed), Line(text, f"page {number} line {i}")))
    for k, builder in enumerate(builders, start=1):
        for item in builder.place(number, k, extract):
            placed.append(attrs.evolve(item, order=len(placed)))
    placed.sort(key=lambda p: (p.top, p.order))
    return [p.item for p in placed], len(chars), undecodable, notes


def _crossings(page: Any) -> int:
    """Horizontal × vertical ruling lines after merging: what table finding's cost grows with."""
    from pdfplumber.table import merge_edges

    edges = merge_edges(page.edges, 3, 3, 3, 3)
    horizontal = sum(1 for edge in edges if edge["orientation"] == "h")
    return horizontal * (len(edges) - horizontal)


def _open(data: bytes, source: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise _refuse(
                source,
                "encrypted",
                "PDF 已加密，需要密码才能打开；请提供未加密的文件",
                "the PDF is encrypted and needs a password; provide an unencrypted copy",
            ) from exc
        raise _refuse(
            source, "damaged", f"PDF 文件已损坏，无法打开：{cause}", f"the PDF is damaged and cannot be opened: {cause}"
        ) from exc


def _page_count(pdf: Any) -> int | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psexceptions import PSException

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except (AttributeError, KeyError, TypeError, ValueError, PSException):
        return None
    return count if isinstance(count, int) else None


def pdf_document(data: bytes, *, source: str) -> tuple[Document, tuple[ReadingNote, ...]]:
    """The PDF's lines and grids in reading order, with notes on pages that could not be read."""
    if len(data) > MAX_PDF_BYTES:
        raise _refuse(
            source,
            "too_large",
            f"PDF 文件过大（{len(data)} 字节，上限 {MAX_PDF_BYTES}），拒绝读取",
            f"the PDF is too large ({len(data)} bytes, limit {MAX_PDF_BYTES}); refused",
        )
    if b"%PDF-" not in data[:1024]:
        raise _refuse(source, "not_pdf", "不是 PDF 文件（缺少 %PDF 文件头）", "not a PDF file (no %PDF header)")
    pdf = _open(data, source)
    try:
        return _read_pages(pdf, source)
    finally:
        with contextlib.suppress(Exception):  # closing re-walks the page tree, which may be what is broken
            pdf.close()


def _inflated_size(stream: Any) -> int | None:
    """How large ``stream`` inflates, capped at just over the limit; ``None`` if it has no Flate filter.

    Filters before the Flate one are the ASCII encodings (which at most quadruple their input);
    a chain with anything else is left to pdfminer.
    """
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, LITERALS_ASCIIHEX_DECODE, LITERALS_FLATE_DECODE

    data = stream.rawdata
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _ in stream.get_filters():
        if name in LITERALS_FLATE_DECODE:
            try:
                return len(zlib.decompressobj().decompress(data, MAX_STREAM_BYTES + 1))
            except zlib.error:
                return None  # pdfminer copes with a broken stream without inflating more of it
        try:
            if name in LITERALS_ASCII85_DECODE:
                data = ascii85decode(data)
            elif name in LITERALS_ASCIIHEX_DECODE:
                data = asciihexdecode(data)
            else:
                return None
        except (ValueError, TypeError):
            return None
    return None


def _check_streams(pdf: Any, source: str) -> None:
    """Refuse a PDF whose compressed streams inflate beyond the limits (a "flate bomb").

    pdfminer inflates content and font streams in one ``zlib.decompress`` call, so a few kilobytes can
    become gigabytes in memory.  Here every Flate stream but images (which pdfminer never inflates) is
    inflated once with a cap, before any page is parsed.
    """
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    image = LIT("Image")
    total = 0
    seen: set[int] = set()
    for xref in pdf.doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = pdf.doc.getobj(objid)
            except Exception:  # noqa: BLE001 - an object pdfminer cannot load is one it will not inflate either
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None or obj.get("Subtype") is image:
                continue
            inflated = _inflated_size(obj) or 0
            total += inflated
            if inflated > MAX_STREAM_BYTES or total > MAX_STREAMS_BYTES:
                raise _refuse(
                    source,
                    "stream_too_large",
                    f"PDF 内的压缩数据解压后过大（对象 {objid}），疑似压缩炸弹，拒绝读取",
                    f"a compressed stream of the PDF (object {objid}) inflates beyond the limit: "
                    "a likely decompression bomb; refused",
                )


def _read_pages(pdf: Any, source: str) -> tuple[Document, tuple[ReadingNote, ...]]:
    count = _page_count(pdf)
    if count is not None and count > MAX_PAGES:
        raise _refuse(
            source,
            "too_many_pages",
            f"PDF 页数过多（{count} 页，上限 {MAX_PAGES}），拒绝读取",
            f"the PDF has too many pages ({count}, limit {MAX_PAGES}); refused",
        )
    items: list[Line | Grid] = []
    notes: list[ReadingNote] = []
    total = undecodable = 0
    try:
        _check_streams(pdf, source)
        pages = pdf.pages
        for number, page in enumerate(pages[:MAX_PAGES], start=1):
            found, chars, bad, page_notes = _read_page(page, number, source)
            page.close()
            items.extend(found)
            notes.extend(page_notes)
            total += chars
            undecodable += bad
            if not chars:
                notes.append(
                    _note(
                        source,
                        "page_without_text",
                        f"第 {number} 页没有文字层（可能是扫描图片），其内容未读取",
                        f"page {number} has no text layer (probably a scanned image); its content was not read",
                        where=f"page {number}",
                    )
                )
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises anything from deep inside a broken content stream
        raise _refuse(
            source,
            "damaged",
            "PDF 文件已损坏或其内部结构不受支持，无法读取（可用 PDF 阅读器另存一份再试）",
            "the PDF is damaged or its internal structure is not supported (save a copy from a PDF viewer and retry)",
        ) from exc
    if total == 0:
        raise _refuse(
            source,
            "no_text_layer",
            "PDF 没有文字层（是扫描图片），无法读取；请先进行文字识别（OCR）或提供原始文件",
            "the PDF has no text layer (it is a scanned image) and cannot be read; run OCR or provide the original",
        )
    if undecodable > total * _UNDECODABLE_SHARE:
        raise _refuse(
            source,
            "undecodable",
            "PDF 的文字无法解码（字体缺少 Unicode 映射），无法读取",
            "the PDF's text cannot be decoded (its fonts lack a Unicode mapping)",
        )
    return tuple(items), tuple(notes)


@attrs.frozen
class PdfReader:
    """Reads a report published as a PDF with a text layer."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def read(self, data: bytes, *, source: str) -> ReadResult:
        document, notes = pdf_document(data, source=source)
        from .recognize import recognize

        result = recognize(document, source)
        return attrs.evolve(result, notes=(*notes, *result.notes)) if notes else result
