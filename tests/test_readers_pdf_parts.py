"""The PDF reader's parts: the ruled-table finder, word and line assembly, the flate-bomb scan, the fallback.

The real reports are read cell by cell in ``test_readers_pdf.py``; here each part is held to what it
promises on small inputs built for the purpose, and the PDFium path is compared with the pdfplumber
path on a real report.
"""

from __future__ import annotations

import io
import zlib
from typing import Any

import pytest
from conftest import reference
from disclosure_schema_readers import pdf as reader
from disclosure_schema_readers import pdf_rules, pdf_source
from disclosure_schema_readers.document import Grid, Line, expand
from disclosure_schema_readers.pdf_page import Char, PageUnreadable, Segment
from disclosure_schema_readers.pdf_rules import find_tables, merged_edges
from disclosure_schema_readers.pdf_streams import encrypted, oversized_stream
from disclosure_schema_readers.pdf_text import cell_text, text_lines
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_schema.plugins import ReadError

# -- ruled tables -----------------------------------------------------------------------------------


def _grid_segments(xs: list[float], ys: list[float]) -> list[Segment]:
    return [Segment(xs[0], y, xs[-1], y) for y in ys] + [Segment(x, ys[0], x, ys[-1]) for x in xs]


def _tables(segments: list[Segment]) -> list[pdf_rules.Table]:
    return find_tables(*merged_edges(segments))


def test_a_ruled_grid_is_one_table_of_its_cells() -> None:
    tables = _tables(_grid_segments([10, 60, 110, 160], [10, 30, 50]))
    assert len(tables) == 1
    assert tables[0].bbox == (10, 10, 160, 50)
    assert sorted(tables[0].cells) == sorted(
        (x0, y0, x1, y1) for x0, x1 in ((10, 60), (60, 110), (110, 160)) for y0, y1 in ((10, 30), (30, 50))
    )


def test_a_missing_inner_edge_makes_a_spanning_cell() -> None:
    """A header over two columns: the vertical rule between them starts below the header."""
    segments = [*_grid_segments([10, 160], [10, 30, 50]), Segment(60, 10, 60, 50), Segment(110, 30, 110, 50)]
    (table,) = _tables(segments)
    assert (60, 10, 160, 30) in table.cells
    assert (60, 30, 110, 50) in table.cells and (110, 30, 160, 50) in table.cells
    assert len(table.cells) == 5  # and the two cells of the first column


def test_thin_filled_rectangles_rule_like_lines() -> None:
    """Word often draws rules as 0.5-point filled rectangles: both long sides snap to one edge."""

    def rect(x0: float, y0: float, x1: float, y1: float) -> list[Segment]:
        return [Segment(x0, y0, x1, y0), Segment(x1, y0, x1, y1), Segment(x1, y1, x0, y1), Segment(x0, y1, x0, y0)]

    segments = [s for y in (10, 30, 50) for s in rect(10, y, 160, y + 0.5)]
    segments += [s for x in (10, 85, 160) for s in rect(x, 10, x + 0.5, 50.5)]
    lines = _tables(_grid_segments([10.25, 85.25, 160.25], [10.25, 30.25, 50.25]))
    (table,) = _tables(segments)
    assert len(table.cells) == len(lines[0].cells) == 4


def test_collinear_pieces_join_across_small_gaps_only() -> None:
    joined = [Segment(10, 10, 80, 10), Segment(82.5, 10, 160, 10)]  # a 2.5-point gap: one rule
    broken = [Segment(10, 10, 80, 10), Segment(90, 10, 160, 10)]  # a 10-point gap: two rules
    rest = [Segment(10, 40, 160, 40), Segment(10, 10, 10, 40), Segment(85, 10, 85, 40), Segment(160, 10, 160, 40)]
    assert len(_tables(joined + rest)[0].cells) == 2
    tables = _tables(broken + rest)
    assert sum(len(t.cells) for t in tables) < 2 or len(tables) == 0


def test_tables_in_reading_order_and_lone_cells_dropped() -> None:
    lower = _grid_segments([10, 60, 110], [300, 320])
    upper = _grid_segments([10, 60, 110], [100, 120])
    lone = _grid_segments([300, 350], [500, 520])
    tables = _tables(lower + lone + upper)
    assert [t.bbox[1] for t in tables] == [100, 300]


def test_slanted_and_short_segments_are_not_rules() -> None:
    segments = [*_grid_segments([10, 60, 110], [10, 30]), Segment(10, 10, 110, 30), Segment(200, 10, 201, 10)]
    (table,) = _tables(segments)
    assert len(table.cells) == 2


def test_cell_search_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_rules, "MAX_CELL_WORK", 3)
    with pytest.raises(pdf_rules.TooMuchWork):
        _tables(_grid_segments([10.0 * i for i in range(1, 12)], [10.0 * i for i in range(1, 12)]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*(st.floats(0, 600, allow_nan=False) for _ in range(4))), max_size=40))
def test_any_drawing_gives_cells_inside_their_table(raw: list[tuple[float, float, float, float]]) -> None:
    segments = [Segment(a, b, c, b) if i % 2 else Segment(a, b, a, d) for i, (a, b, c, d) in enumerate(raw)]
    for table in _tables(segments):
        x0, top, x1, bottom = table.bbox
        assert len(table.cells) > 1
        assert all(x0 <= c[0] < c[2] <= x1 and top <= c[1] < c[3] <= bottom for c in table.cells)


# -- words and lines --------------------------------------------------------------------------------


def _chars(text: str, x: float, top: float, width: float = 10, gap: float = 0) -> list[Char]:
    return [Char(ch, x + i * (width + gap), x + i * (width + gap) + width, top, top + 10) for i, ch in enumerate(text)]


def test_gaps_and_spaces_make_words_lines_cluster_by_top() -> None:
    chars = _chars("2024", 10, 100, 5) + _chars("年", 40, 101) + _chars("AB", 100, 99.5) + _chars("next", 10, 120, 5)
    assert text_lines(chars) == [(99.5, "2024 年 AB"), (120, "next")]
    assert cell_text(chars) == "2024 年 AB\nnext"
    spaced = _chars("a b", 10, 10, 5)
    assert cell_text(spaced) == "a b"


def test_text_turned_sideways_reads_top_down() -> None:
    chars = [Char(ch, 50, 60, 10 + 10 * i, 20 + 10 * i, upright=False) for i, ch in enumerate("竖排")]
    assert cell_text(chars) == "竖排"


# -- flate bombs ------------------------------------------------------------------------------------


def _stream(number: int, body: bytes, extra: bytes = b"/Filter /FlateDecode") -> bytes:
    return b"%d 0 obj\n<< /Length %d %s >>\nstream\n%s\nendstream\nendobj\n" % (number, len(body), extra, body)


def test_bomb_found_by_the_byte_scan() -> None:
    bomb = zlib.compress(b"\0" * 3_000_000, 9)
    data = b"%PDF-1.7\n" + _stream(4, zlib.compress(b"q Q")) + _stream(7, bomb)
    assert oversized_stream(data, max_stream=1_000_000, max_total=10_000_000) == "7"
    assert oversized_stream(data, max_stream=4_000_000, max_total=10_000_000) is None
    assert oversized_stream(data, max_stream=2_000_000, max_total=2_500_000) == "7"


def test_bomb_behind_ascii85_found_images_skipped() -> None:
    import base64

    bomb = zlib.compress(b"\0" * 3_000_000, 9)
    a85 = base64.a85encode(bomb) + b"~>"
    chained = _stream(9, a85, b"/Filter [/ASCII85Decode /FlateDecode]")
    image = _stream(5, bomb, b"/Subtype /Image /Filter /FlateDecode")
    assert oversized_stream(b"%PDF-1.7\n" + image, max_stream=1_000_000, max_total=10_000_000) is None
    assert oversized_stream(b"%PDF-1.7\n" + chained, max_stream=1_000_000, max_total=10_000_000) == "9"


def test_encryption_is_recognised() -> None:
    assert encrypted(b"trailer << /Root 1 0 R /Encrypt 5 0 R >>")
    assert not encrypted(reference("real", "huaian-2024.pdf").read_bytes())


# -- PDFium, and pdfplumber where PDFium fails -------------------------------------------------------


def _huaian() -> bytes:
    return reference("real", "huaian-2024.pdf").read_bytes()


def test_pdfplumber_pages_give_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page through the fallback: pdfminer's characters and edges, the same lines and grids."""
    expected = reader.pdf_document(_huaian(), source="huaian")

    def unreadable(self: Any, index: int, **limits: int) -> Any:
        raise PageUnreadable("test")

    monkeypatch.setattr(pdf_source.PdfiumSource, "page", unreadable)
    assert reader.pdf_document(_huaian(), source="huaian") == expected


def test_a_file_pdfium_rejects_is_read_by_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = reader.pdf_document(_huaian(), source="huaian")

    def rejects(self: Any, data: bytes) -> None:
        raise pdf_source.SourceError("damaged", "test")

    monkeypatch.setattr(pdf_source.PdfiumSource, "__init__", rejects)
    assert reader.pdf_document(_huaian(), source="huaian") == expected
    with pytest.raises(ReadError) as excinfo:
        reader.pdf_document(b"%PDF-1.7\n garbage", source="junk.pdf")
    assert [note.code for note in excinfo.value.notes] == ["pdf.damaged"]
    assert "test" in excinfo.value.notes[0].zh


def test_a_page_neither_library_loads_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    original = pdf_source.PdfiumSource.page

    def third_lost(self: Any, index: int, **limits: int) -> Any:
        if index == 2:
            raise PageUnreadable("test")
        return original(self, index, **limits)

    monkeypatch.setattr(pdf_source.PdfiumSource, "page", third_lost)
    monkeypatch.setattr(reader.PlumberPages, "page", lambda self, index, **limits: third_lost(self, 2))
    document, notes = reader.pdf_document(_huaian(), source="huaian")
    assert [(note.code, note.where) for note in notes] == [("pdf.page_unreadable", "page 3")]
    assert not any(item.where.startswith("page 3 ") for item in document)
    assert any(item.where.startswith("page 4 ") for item in document)


@pytest.mark.parametrize(
    ("limit", "code_text", "page"), [("MAX_PAGE_CHARS", "字符过多", 1), ("MAX_PAGE_RULES", "图形过多", 3)]
)
def test_page_limits_refuse_with_the_page_named(
    monkeypatch: pytest.MonkeyPatch, limit: str, code_text: str, page: int
) -> None:
    """huaian-2024: page 1 prints some 500 characters; page 3 is the first with more than 20 drawn shapes."""
    monkeypatch.setattr(reader, limit, 20)
    with pytest.raises(ReadError) as excinfo:
        reader.pdf_document(_huaian(), source="huaian")
    (note,) = excinfo.value.notes
    assert note.code == "pdf.page_too_dense"
    assert code_text in note.zh and f"第 {page} 页" in note.zh and "上限 20" in note.zh
    assert f"page {page} " in note.en


def _pdf(draw: Any) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    draw(sheet)
    sheet.save()
    return buffer.getvalue()


def test_table_drawn_in_a_form_with_a_spanning_header() -> None:
    """Rules inside a form XObject (moved by the page), a header over two columns, curves ignored."""

    def draw(sheet: Any) -> None:
        sheet.beginForm("table")
        for i in range(4):
            sheet.line(100, 600 - i * 25, 400, 600 - i * 25)
        for x in (100, 200, 400):
            sheet.line(x, 600, x, 525)
        sheet.line(300, 575, 300, 525)
        sheet.drawString(110, 582, "head")
        sheet.drawString(210, 582, "over two")
        sheet.drawString(310, 532, "12")
        sheet.endForm()
        sheet.translate(20, -40)
        sheet.doForm("table")
        sheet.translate(-20, 40)
        sheet.circle(300, 300, 50)
        sheet.drawString(72, 760, "title 2024")

    document, notes = reader.pdf_document(_pdf(draw), source="form.pdf")
    assert notes == ()
    assert [item.text for item in document if isinstance(item, Line)] == ["title 2024"]
    (grid,) = [item for item in document if isinstance(item, Grid)]
    matrix = expand(grid)
    assert [[cell.text if cell else None for cell in row] for row in matrix] == [
        ["head", "over two", None],
        ["", "", ""],
        ["", "", "12"],
    ]
    assert grid.rows[0][1].colspan == 2


def _restricted(text: str = "annual report " * 200) -> bytes:
    """Encrypted with an empty user password, as many government PDFs are (to restrict printing)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    sheet.drawString(72, 720, text[:200])
    sheet.save()
    return buffer.getvalue()


@pytest.mark.parametrize("spelling", [b"/Encrypt", b"/Encr#79pt"])
def test_encrypted_streams_are_checked_deciphered(monkeypatch: pytest.MonkeyPatch, spelling: bytes) -> None:
    """Ciphertext does not inflate, so the byte scan cannot judge it: pdfminer deciphers first.

    With the key spelt with a name escape the byte scan does not even see the encryption; PDFium's
    security handler gives it away before a page is loaded.
    """
    data = _restricted().replace(b"/Encrypt", spelling)
    assert encrypted(data) is (spelling == b"/Encrypt")
    document, _ = reader.pdf_document(data, source="restricted.pdf")
    assert next(item.text for item in document if isinstance(item, Line)).startswith("annual report")
    assert oversized_stream(data, max_stream=50, max_total=10_000) is None  # ciphertext: the scan sees nothing
    monkeypatch.setattr(reader, "MAX_STREAM_BYTES", 50)
    with pytest.raises(ReadError) as excinfo:
        reader.pdf_document(data, source="restricted.pdf")
    assert [note.code for note in excinfo.value.notes] == ["pdf.stream_too_large"]
