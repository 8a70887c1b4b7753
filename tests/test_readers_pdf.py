"""The PDF reader: real published reports cell by cell, and files it must refuse clearly."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, reference
from disclosure_schema_readers.document import Grid, Line, expand
from disclosure_schema_readers.pdf import MAX_PAGES, PdfReader, join_wrapped, pdf_document, tidy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.plugins import PluginError, ReadError, get_exporter, get_reader
from disclosure_schema.taxonomy import EDITIONS, Layout

REAL = ("real",)


def real(name: str) -> Path:
    return reference(*REAL, name)


def read(path: Path) -> ds.Report:
    return PdfReader().read(path.read_bytes(), source=str(path)).report


def expected_cells(cells: dict[str, Any]) -> dict[str, ds.Value]:
    """A cells.json file's figures by JSON pointer, its keys matched to the taxonomy by label."""
    edition = EDITIONS[cells["edition"]]
    expected: dict[str, ds.Value] = {}
    for table in edition.tables:
        source = cells[{"二": "table2", "三": "table3", "四": "table4"}[table.number]]
        for row in table.rows:
            path = row.path
            if table.layout is Layout.SUBTABLES:
                key = row.text
            elif table.layout is Layout.MATRIX and len(path) > 1:
                key = "/".join(label.text for label in path[1:])  # without the 三、本年度办理结果 group
            else:
                key = "/".join(label.text for label in path)
            for column in row.columns:
                value = source[key][column.text]
                cell = table.cell(row.key, column.key)
                expected[cell.pointer] = Decimal(value) if isinstance(value, str) else value
    return expected


def errors(violations: list[ds.Violation], prefix: str) -> list[str]:
    return [v.message("en") for v in violations if v.code.startswith(prefix) and v.level.value == "error"]


# -- real reports ----------------------------------------------------------------------------------


def test_huaian_2024_every_cell() -> None:
    path = real("huaian-2024.pdf")
    cells = json.loads(reference("reports", "huaian-2024.cells.json").read_text("utf-8"))
    report = read(path)
    assert report.edition == "2021"
    assert report.year == 2024
    expected = expected_cells(cells)
    assert len(expected) == len(EDITIONS["2021"].cells)
    got = {pointer: report.cell(pointer) for pointer in expected}
    assert got == expected
    assert errors(ds.check(report), "R") == []


def test_huaian_2024_sections_and_fee_text() -> None:
    report = read(real("huaian-2024.pdf"))
    other = report.sections["other_matters"]
    assert any("3940" in block.text for block in other.blocks)
    overview = "".join(block.text for block in report.sections["overview"].blocks)
    assert "3119" in overview


def test_hongze_pair_carries_over() -> None:
    r2023 = read(real("hongze-2023.pdf"))
    r2024 = read(real("hongze-2024.pdf"))
    assert (r2023.year, r2024.year) == (2023, 2024)
    assert r2024.requests.get("received", "total") == 95
    assert r2023.requests.get("received", "total") == 21
    assert errors(ds.check(r2024, previous=r2023), "X1") == []


@pytest.mark.parametrize("name", ["huaian-2024", "beifeng-2020"])
def test_round_trip_through_the_pdf_exporter(name: str) -> None:
    """A report printed by the project's own PDF exporter reads back to the same figures, with no notes."""
    try:
        exporter = get_exporter("pdf")
    except PluginError as exc:
        pytest.skip(f"PDF exporter not available: {exc}")
    example = ds.load(EXAMPLES / f"{name}.json")
    buffer = io.BytesIO()
    exporter.export(example, buffer)
    result = PdfReader().read(buffer.getvalue(), source=f"{name}.pdf")
    assert (result.report.edition, result.report.year) == (example.edition, example.year)
    assert dict(result.report.values()) == dict(example.values())


def test_reader_registered() -> None:
    reader = get_reader("pdf")
    assert isinstance(reader, PdfReader)
    assert reader.suffixes == (".pdf",)


# -- the intermediate document ---------------------------------------------------------------------


def test_huaian_document_shape() -> None:
    document, notes = pdf_document(real("huaian-2024.pdf").read_bytes(), source="huaian")
    assert notes == ()
    grids = [item for item in document if isinstance(item, Grid)]
    # 表二 over pages 3-4, 表三 over pages 4-5, 表四: a table broken by a page is two grids.
    assert [grid.where for grid in grids] == [
        "page 3 table 2",
        "page 4 table 1",
        "page 4 table 2",
        "page 5 table 1",
        "page 5 table 2",
    ]
    requests = EDITIONS["2021"].table("requests")
    first, second = expand(grids[2]), expand(grids[3])
    assert {len(row) for row in first + second} == {3 + len(requests.rows[0].columns)}
    labels = [cell.text for row in first + second for cell in row if cell is not None]
    # wrapped labels come joined, justification spaces between ideographs dropped
    assert requests.rows[3].text in labels
    assert "三、本年度办理结果" in labels
    results = next(cell for row in first for cell in row if cell is not None and cell.text == "三、本年度办理结果")
    assert results.rowspan == len(first) - 5  # from （一） to the page's last row
    # the frame WPS draws around running text gives lines, and page numbers are gone
    texts = [item.text for item in document if isinstance(item, Line)]
    assert any(text.startswith("本报告由淮安市人民政府办公室") for text in texts)
    assert not any(text.strip("-").isdigit() for text in texts)
    assert texts.index("二、主动公开政府信息情况") < texts.index("三、收到和处理政府信息公开申请情况")


def test_missing_border_keeps_text() -> None:
    """hongze-2023 page 3: the top-left cell has no top border; its 信息内容 must not be lost."""
    document, _ = pdf_document(real("hongze-2023.pdf").read_bytes(), source="hongze")
    grid = next(item for item in document if isinstance(item, Grid) and item.where == "page 3 table 1")
    assert [cell.text for cell in grid.rows[0]] == [
        EDITIONS["2021"].table("proactive_disclosure").row_header,
        "本年处理决定数量",
    ]


def test_tidy_and_join() -> None:
    assert tidy(" 结 果 ") == "结果"
    assert tidy("2024 年 1 月") == "2024 年 1 月"
    assert tidy("邮编： 223100 ，电话： 0517") == "邮编：223100，电话：0517"
    assert tidy("hello  world") == "hello world"
    assert join_wrapped(["（二）部分公开（区分处理的，只计这一情 形，不", "计其他情形）"]) == (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert join_wrapped(["hzzwgk", "example"]) == "hzzwgk example"


@given(st.lists(st.text(alphabet="结果 a1\u3000，、", max_size=8), max_size=5))
def test_join_keeps_every_visible_character(lines: list[str]) -> None:
    joined = join_wrapped(lines)
    assert "\n" not in joined
    assert "".join(joined.split()) == "".join("".join(lines).split())


# -- files to refuse -------------------------------------------------------------------------------


def _pdf(draw: Any, **canvas_options: Any) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, **canvas_options)
    draw(sheet)
    sheet.save()
    return buffer.getvalue()


def _codes(excinfo: pytest.ExceptionInfo[ReadError]) -> list[str]:
    return [note.code for note in excinfo.value.notes]


def test_scanned_pdf_has_no_text_layer() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (60, 80), "white")
    data = _pdf(lambda sheet: sheet.drawImage(ImageReader(image), 50, 50, 300, 400))
    with pytest.raises(ReadError) as excinfo:
        PdfReader().read(data, source="scan.pdf")
    assert _codes(excinfo) == ["pdf.no_text_layer"]
    assert "文字层" in excinfo.value.notes[0].zh and "no text layer" in str(excinfo.value)


def test_pdf_that_is_not_a_report() -> None:
    data = _pdf(lambda sheet: sheet.drawString(72, 720, "Minutes of the quarterly meeting"))
    with pytest.raises(ReadError) as excinfo:
        PdfReader().read(data, source="minutes.pdf")
    assert _codes(excinfo) == ["read.not_a_report"]


def test_encrypted_pdf_needs_password() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _pdf(lambda sheet: sheet.drawString(72, 720, "annual report"), encrypt=StandardEncryption("secret"))
    with pytest.raises(ReadError) as excinfo:
        PdfReader().read(data, source="locked.pdf")
    assert _codes(excinfo) == ["pdf.encrypted"]


def test_encrypted_with_empty_user_password_is_read() -> None:
    """Many government PDFs are 'encrypted' only to restrict printing; they open without a password."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encryption = StandardEncryption("", ownerPassword="owner", canPrint=0)
    data = _pdf(lambda sheet: sheet.drawString(72, 720, "annual report"), encrypt=encryption)
    document, _ = pdf_document(data, source="restricted.pdf")
    assert [item.text for item in document if isinstance(item, Line)] == ["annual report"]


def test_too_many_pages() -> None:
    def pages(sheet: Any) -> None:
        for _ in range(MAX_PAGES + 1):
            sheet.drawString(72, 720, "x")
            sheet.showPage()

    with pytest.raises(ReadError) as excinfo:
        PdfReader().read(_pdf(pages), source="long.pdf")
    assert _codes(excinfo) == ["pdf.too_many_pages"]


def test_decompression_bomb_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A content stream that inflates beyond the cap is refused before pdfminer inflates it."""
    import disclosure_schema_readers.pdf as reader

    def many(sheet: Any) -> None:
        for i in range(1000):
            sheet.drawString(72, 720 - i % 600, "x" * 40)

    data = _pdf(many, pageCompression=1)
    assert len(data) < 60_000
    monkeypatch.setattr(reader, "MAX_STREAM_BYTES", 20_000)
    with pytest.raises(ReadError) as excinfo:
        pdf_document(data, source="bomb.pdf")
    assert _codes(excinfo) == ["pdf.stream_too_large"]
    monkeypatch.undo()
    document, _ = pdf_document(data, source="fine.pdf")
    assert document


def test_huge_ruled_grid_is_read_as_text() -> None:
    """A page ruled into thousands of cells is not a report table: no Grid is built, the text is kept."""

    def ruled(sheet: Any) -> None:
        for i in range(120):
            sheet.line(50 + i * 4, 50, 50 + i * 4, 770)
            sheet.line(50, 50 + i * 6, 530, 50 + i * 6)
        sheet.drawString(60, 790, "annual report")

    document, notes = pdf_document(_pdf(ruled), source="ruled.pdf")
    assert [note.code for note in notes] == ["pdf.tables_skipped"]
    assert not any(isinstance(item, Grid) for item in document)
    assert [item.text for item in document if isinstance(item, Line)] == ["annual report"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "pdf.not_pdf"),
        (b"PK\x03\x04 not a pdf at all", "pdf.not_pdf"),
        (b"%PDF-1.7\n garbage garbage", "pdf.damaged"),
    ],
)
def test_garbage_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(ReadError) as excinfo:
        PdfReader().read(data, source="junk.pdf")
    assert _codes(excinfo) == [code]


def test_truncated_real_pdf_is_refused_or_read() -> None:
    data = real("huaian-2024.pdf").read_bytes()
    with pytest.raises(ReadError):
        PdfReader().read(data[:4000], source="truncated.pdf")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_pdf_never_crashes(data: st.DataObject) -> None:
    """Whatever a damaged file holds, the reader gives a document or a ReadError, never a traceback."""
    original = _pdf(lambda sheet: (sheet.drawString(72, 720, "annual report 2024"), sheet.rect(60, 600, 200, 50)))
    at = data.draw(st.integers(0, len(original) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=40))
    damaged = original[:at] + junk + original[at + len(junk) :]
    try:
        pdf_document(damaged, source="damaged.pdf")
    except ReadError as exc:
        assert exc.notes and all(note.code.startswith("pdf.") for note in exc.notes)
