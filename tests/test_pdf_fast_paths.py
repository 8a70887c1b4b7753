"""The PDF exporter's shortcuts (issue 10) print exactly what reportlab's own paths print.

Cells are parsed and broken into lines once per process and plain cells are set
straight onto the page; font subsets are deflated with ISA-L when it is installed.
Each test runs the exporter both ways and compares what a reader gets back.
"""

from __future__ import annotations

import io
import sys
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLES
from disclosure_schema_exporters import pdf_page, pdf_tables
from disclosure_schema_exporters.pdf import export_bytes

import disclosure_schema as ds

pdfplumber = pytest.importorskip("pdfplumber")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def placed_characters(data: bytes) -> list[list[tuple[str, float, float, str, float]]]:
    """Every character of every page with its place, font and size, in reading order."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            [(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"].split("+")[-1], round(c["size"], 2))
             for c in page.chars]
            for page in pdf.pages
        ]


def forget_cells() -> None:
    pdf_tables._PARSED.clear()
    pdf_tables._BROKEN.clear()


@pytest.mark.parametrize("name", ["huaian-2024.json", "beifeng-2020.json"])
def test_cells_set_directly_and_from_memory_print_where_reportlab_prints_them(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = ds.load(EXAMPLES / name)
    forget_cells()
    monkeypatch.setattr(pdf_tables, "_plain", lambda paragraph, para: False)  # every cell drawn by reportlab
    reportlab_drawn = placed_characters(export_bytes(report))
    monkeypatch.undo()
    forget_cells()
    first = placed_characters(export_bytes(report))  # cells parsed and broken afresh, set directly
    again = placed_characters(export_bytes(report))  # every cell from memory
    assert sum(len(page) for page in reportlab_drawn) > 2000
    assert first == reportlab_drawn
    assert again == reportlab_drawn


def test_a_cell_that_is_not_plain_lines_is_left_to_reportlab() -> None:
    """A cell with a character its font lacks has two runs: it is neither remembered nor set directly."""
    from disclosure_schema_exporters.pdf_fonts import register_fonts

    if not WQY.exists():
        pytest.skip("needs fonts-wqy-microhei")
    style = pdf_page.make_styles(register_fonts(WQY)).cell
    rare = next((ch for ch in "䶮㛃" if pdf_tables.fallback_for(style.fontName, ch)), None)
    if rare is None:
        pytest.skip("no installed font has a glyph WenQuanYi Micro Hei lacks")
    paragraph = pdf_tables.cell_paragraph(f"刘{rare}", style)
    assert paragraph.key is None and len(paragraph.frags) == 2
    paragraph.wrap(100, 100)
    assert not paragraph.plain
    plain = pdf_tables.cell_paragraph("按申请人要求", style)
    plain.wrap(100, 100)
    assert plain.plain and plain.key is not None


def test_quick_flate_gives_standard_deflate_data_with_and_without_isal(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytes(range(256)) * 400 + "中文".encode() * 1000
    try:
        pdf_page._deflate.cache_clear()
        assert zlib.decompress(pdf_page.QuickFlate().encode(data)) == data
        monkeypatch.setitem(sys.modules, "isal", None)  # as if the package were not installed
        pdf_page._deflate.cache_clear()
        assert pdf_page._deflate() is zlib.compress
        assert zlib.decompress(pdf_page.QuickFlate().encode(data)) == data
        assert pdf_page.QuickFlate().decode(pdf_page.QuickFlate().encode("文字")) == "文字".encode()
    finally:
        monkeypatch.undo()
        pdf_page._deflate.cache_clear()


def test_every_stream_is_deflated_once_and_nothing_is_ascii85() -> None:
    """Pages, font subsets, ToUnicode maps and the report JSON: one FlateDecode filter each."""
    data = export_bytes(ds.load(EXAMPLES / "huaian-2024.json"))
    assert b"/ASCII85Decode" not in data
    streams = data.count(b"endstream")
    assert streams > 10
    assert data.count(b"/Filter /FlateDecode") + data.count(b"/Filter [ /FlateDecode ]") == streams
