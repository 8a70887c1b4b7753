"""The PDF reader: text lines and ruled tables, page by page, through pypdfium2.

Why this shape: published reports are mostly Word files printed to PDF, with the three tables drawn
as ruled grids.  The reading is split by concept: :mod:`.pdf_source` takes each page's characters
and drawn lines from PDFium (:mod:`.pdf_fallback` from pdfplumber for a page, or a whole file,
PDFium cannot load);
:mod:`.pdf_rules` finds the ruled tables in the drawn lines; :mod:`.pdf_grid` rebuilds each table's
rows, columns and spans and gives the other characters as lines of running text
(:mod:`.pdf_text` assembles words and lines and removes the spaces of justified CJK text);
:mod:`.pdf_unruled` rebuilds the tables printed without any ruling line (a web page printed from a
browser, ``border:none``) from the positions of their text, where that is certain.  A row a page
break cuts (its figures and first words at the foot of one page, the rest of its label at the top of
the next) is joined here, across pages.  This
module holds the limits, the refusals and the order of the work.  Recognising the report in those
lines and grids -- joining wrapped lines, continuing a table across a page break -- is the
recognizer's job: a table split by a page break arrives as two Grids whose ``where`` name their pages.

Bounds: the file size, the page count, the inflated size of compressed streams (checked before any
library inflates them, :mod:`.pdf_streams`), the characters and ruling lines per page and the size of
a table's grid are capped, so a hostile file cannot make the reader run for long or fill memory.
"""

from __future__ import annotations

import io

import attrs

from disclosure_schema.plugins import ReadError, ReadingNote, ReadResult

from .document import Document, Grid, Line
from .embedded import pdf_attachment, prefer_embedded
from .pdf_fallback import PlumberPages
from .pdf_grid import PageReading, page_reading
from .pdf_page import PageContent, PageSource
from .pdf_rules import TooMuchWork, crossings, find_tables, merged_edges
from .pdf_source import PDFIUM_LOCK, PageUnreadable, PdfiumSource, SourceError, TooDense
from .pdf_streams import encrypted, oversized_stream, oversized_stream_deciphered
from .pdf_text import join_wrapped, tidy

__all__ = ["MAX_PAGES", "MAX_PDF_BYTES", "PdfReader", "join_wrapped", "pdf_contents", "pdf_document", "tidy"]

MAX_PDF_BYTES = 64 * 1024 * 1024
"""A text PDF of an annual report is well under 5 MB; scanned ones are refused anyway."""
MAX_PAGES = 200
"""The longest real reports (provincial summaries) run to some 40 pages."""
MAX_PAGE_CHARS = 60_000
MAX_PAGE_RULES = 20_000
"""Drawn shapes (lines, rectangles, curves) on one page; table finding is super-linear in their number."""
MAX_CROSSINGS = 5_000
"""Horizontal × vertical ruling lines on a page after merging (real report pages: under 1,000);
finding tables in a denser drawing takes seconds per page."""
MAX_TABLE_SLOTS = 10_000
"""Rows × columns of one ruled table (table 三 has some 30 × 10); more is a drawing, not a report table."""
MAX_STREAM_BYTES = 32 * 1024 * 1024
"""One inflated stream (a page's drawing commands are some 50 kB); PDF libraries inflate whole streams."""
MAX_STREAMS_BYTES = 128 * 1024 * 1024
_UNDECODABLE_SHARE = 0.1


def _note(source: str, code: str, zh: str, en: str, where: str | None = None) -> ReadingNote:
    return ReadingNote(f"pdf.{code}", where or source, zh, en)


def _refuse(source: str, code: str, zh: str, en: str) -> ReadError:
    return ReadError([_note(source, code, zh, en)])


def _encrypted(source: str) -> ReadError:
    return _refuse(source, "encrypted", "PDF 已加密，需要密码才能打开；请提供未加密的文件",
                   "the PDF is encrypted and needs a password; provide an unencrypted copy")


def _damaged(source: str, detail: str) -> ReadError:
    return _refuse(source, "damaged", f"PDF 文件已损坏，无法打开：{detail}", f"the PDF is damaged and cannot be opened: {detail}")


def _page_refusal(source: str, number: int, dense: TooDense, max_chars: int, max_rules: int) -> ReadError:
    if dense.what == "chars":
        return _refuse(
            source,
            "page_too_dense",
            f"第 {number} 页字符过多（{dense.count} 个，上限 {max_chars}），拒绝读取",
            f"page {number} holds too many characters ({dense.count}, limit {max_chars}); refused",
        )
    return _refuse(
        source,
        "page_too_dense",
        f"第 {number} 页图形过多（{dense.count} 个，上限 {max_rules}），拒绝读取",
        f"page {number} holds too many drawn lines ({dense.count}, limit {max_rules}); refused",
    )


def _read_page(content: PageContent, number: int, source: str, *, after_cut: bool = False) -> tuple[PageReading, list[ReadingNote]]:
    """One page's items in reading order (and what joins a row the page before cut), and notes."""
    horizontal, vertical = merged_edges(content.segments)
    notes: list[ReadingNote] = []
    try:
        if crossings(horizontal, vertical) > MAX_CROSSINGS:
            raise TooMuchWork
        tables = find_tables(horizontal, vertical)
    except TooMuchWork:
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
    return page_reading(content.chars, tables, number, max_slots=MAX_TABLE_SLOTS, after_cut=after_cut), notes


def _open(data: bytes, source: str, fallback: PlumberPages) -> PageSource:
    """PDFium's view of the file or, where PDFium rejects it as damaged and pdfminer opens it, pdfminer's."""
    try:
        return PdfiumSource(data)
    except SourceError as exc:
        if exc.kind == "encrypted":
            raise _encrypted(source) from exc
        if fallback.opens():
            return fallback
        raise _damaged(source, exc.detail) from exc


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
    checked = _check_streams(data, source)
    fallback = PlumberPages(data)
    try:
        with PDFIUM_LOCK:  # PDFium keeps global state: one document at a time per process
            pdf = _open(data, source, fallback)
            if not checked and isinstance(pdf, PdfiumSource) and pdf.encrypted:
                pdf.close()  # encrypted in a way the byte scan missed: check deciphered before any page
                _check_deciphered(data, source)
                pdf = _open(data, source, fallback)
            return _read_pages(pdf, fallback, source)
    finally:
        fallback.close()


def _page(pdf: PageSource, fallback: PlumberPages, index: int, *, max_chars: int, max_rules: int) -> PageContent:
    """Page ``index`` from PDFium or, if PDFium cannot load it, from pdfminer (:mod:`.pdf_fallback`)."""
    try:
        return pdf.page(index, max_chars=max_chars, max_rules=max_rules)
    except PageUnreadable:
        if pdf is fallback:
            raise
        return fallback.page(index, max_chars=max_chars, max_rules=max_rules)


def _check_streams(data: bytes, source: str) -> bool:
    """Refuse a PDF whose compressed streams inflate beyond the limits (a "flate bomb"), before any parsing.

    Whether the file was checked deciphered: an encrypted file's streams are checked through pdfminer
    (which deciphers them), an unencrypted file's by scanning its bytes.
    """
    if encrypted(data):
        _check_deciphered(data, source)
        return True
    _refuse_bomb(source, oversized_stream(data, max_stream=MAX_STREAM_BYTES, max_total=MAX_STREAMS_BYTES))
    return False


def _refuse_bomb(source: str, found: str | None) -> None:
    if found is not None:
        raise _refuse(
            source,
            "stream_too_large",
            f"PDF 内的压缩数据解压后过大（对象 {found}），疑似压缩炸弹，拒绝读取",
            f"a compressed stream of the PDF (object {found}) inflates beyond the limit: "
            "a likely decompression bomb; refused",
        )


def _check_deciphered(data: bytes, source: str) -> None:
    """An encrypted file's streams, deciphered by pdfminer; refused as before when pdfminer cannot open it."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(source) from exc
    except Exception as exc:  # pdfminer raises anything on a broken file
        raise _damaged(source, str(exc)) from exc
    try:
        found = oversized_stream_deciphered(document, max_stream=MAX_STREAM_BYTES, max_total=MAX_STREAMS_BYTES)
    except Exception as exc:  # pdfminer raises anything on a broken file
        raise _refuse(
            source, "damaged", f"PDF 文件已损坏，无法读取：{exc}", f"the PDF is damaged and cannot be read: {exc}"
        ) from exc
    _refuse_bomb(source, found)


def _read_pages(pdf: PageSource, fallback: PlumberPages, source: str) -> tuple[Document, tuple[ReadingNote, ...]]:
    try:
        count = pdf.page_count
    except Exception as exc:  # PDFium's page tree may be what is broken
        raise _refuse(
            source, "damaged", f"PDF 文件已损坏，无法读取：{exc}", f"the PDF is damaged and cannot be read: {exc}"
        ) from exc
    if count > MAX_PAGES:
        raise _refuse(
            source,
            "too_many_pages",
            f"PDF 页数过多（{count} 页，上限 {MAX_PAGES}），拒绝读取",
            f"the PDF has too many pages ({count}, limit {MAX_PAGES}); refused",
        )
    items: list[Line | Grid] = []
    notes: list[ReadingNote] = []
    total = undecodable = 0
    cut: Grid | None = None
    plain: list[Line | Grid] = []
    unruled_notes: list[ReadingNote] = []
    complete = True
    try:
        for number in range(1, count + 1):
            limits = {"max_chars": MAX_PAGE_CHARS, "max_rules": MAX_PAGE_RULES}
            try:
                content = _page(pdf, fallback, number - 1, **limits)
            except TooDense as dense:
                raise _page_refusal(source, number, dense, MAX_PAGE_CHARS, MAX_PAGE_RULES) from dense
            except PageUnreadable as exc:
                notes.append(
                    _note(
                        source,
                        "page_unreadable",
                        f"第 {number} 页已损坏，无法读取，其内容未读取（{exc}）",
                        f"page {number} is damaged and cannot be read; its content was not read ({exc})",
                        where=f"page {number}",
                    )
                )
                continue
            reading, page_notes = _read_page(content, number, source, after_cut=cut is not None)
            if reading.lead and cut is not None:
                unruled_notes.append(_join_cut_row(items, cut, reading.lead, number, source))
            unruled_notes.extend(_note(source, code, zh, en, where) for code, zh, en, where in reading.notes)
            items.extend(reading.items)
            plain.extend(reading.items if reading.plain is None else reading.plain)
            complete = complete and reading.complete
            cut = reading.cut
            notes.extend(page_notes)
            total += len(content.chars)
            undecodable += content.undecodable
            if not content.chars:
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
    except Exception as exc:  # PDFium or, for a fallback page, pdfminer: anything from a broken file
        raise _refuse(
            source,
            "damaged",
            "PDF 文件已损坏或其内部结构不受支持，无法读取（可用 PDF 阅读器另存一份再试）",
            "the PDF is damaged or its internal structure is not supported (save a copy from a PDF viewer and retry)",
        ) from exc
    finally:
        pdf.close()
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
    if not complete:  # a table only partly rebuilt from positions: all of it read as running text, as before
        return tuple(plain), tuple(notes)
    return tuple(items), (*notes, *unruled_notes)


def _join_cut_row(items: list[Line | Grid], grid: Grid, lead: str, number: int, source: str) -> ReadingNote:
    """The rest of a label printed at the top of page ``number`` joined to the row the page before cut.

    Why: a browser breaks a table row over two pages; printed without lines, the row's figures and the
    first words of its label end one page and the rest of the label opens the next.
    """
    at = next(i for i in range(len(items) - 1, -1, -1) if items[i] is grid)
    *before, last = grid.rows
    label = attrs.evolve(last[0], text=join_wrapped((last[0].text, lead)))
    items[at] = attrs.evolve(grid, rows=(*before, (label, *last[1:])))
    return _note(
        source,
        "row_over_pages",
        f"表格末行的标签在第 {number} 页续印（“{lead}”），已与上一页的该行合并",
        f"the label of a table row goes on at the top of page {number} ({lead!r}); joined to the row on the page before",
        where=f"page {number}",
    )


def pdf_contents(data: bytes, *, source: str) -> tuple[Document, tuple[ReadingNote, ...], bytes | None]:
    """What :func:`pdf_document` gives, and the report JSON the PDF carries as an associated file.

    The attachment is looked for only after :func:`pdf_document` has checked the file's bounds (size,
    pages, inflated streams), so it is never inflated from a file the reader refuses.
    """
    document, notes = pdf_document(data, source=source)
    return document, notes, _attachment(data)


def _attachment(data: bytes) -> bytes | None:
    """The ``disclosure-report.json`` associated file, read through pdfminer's catalog (lazy objects)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    if b"/EmbeddedFiles" not in data and b"/AF" not in data:
        return None  # no associated file can be named: skip parsing the catalog
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 -- pdfminer raises anything on a broken file; the print is read as usual
        return None
    return pdf_attachment(document)


@attrs.frozen
class PdfReader:
    """Reads a report published as a PDF with a text layer."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def read(self, data: bytes, *, source: str) -> ReadResult:
        """The report; the data the PDF carries is returned when it agrees with the printed tables."""
        document, notes, carried = pdf_contents(data, source=source)
        from .recognize import recognize

        def read_print() -> ReadResult:
            result = recognize(document, source)
            return attrs.evolve(result, notes=(*notes, *result.notes)) if notes else result

        return prefer_embedded(carried, read_print, source=source, kind="PDF 附件（报告数据）")
