"""The Word reader: the official template, a filled report built from the taxonomy, and hostile files."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, reference
from disclosure_schema_readers.document import Grid, Line, expand
from disclosure_schema_readers.docx import DocxReader, docx_document, has_grids_without_figures
from disclosure_schema_readers.ziplimits import ZipLimits, check_zip
from hypothesis import given, settings
from hypothesis import strategies as st
from test_readers_pdf import expected_cells

import disclosure_schema as ds
from disclosure_schema.plugins import ReadError, get_reader
from disclosure_schema.taxonomy import EDITIONS, Layout, Table


def template() -> bytes:
    return reference("real", "template-2021-official.docx").read_bytes()


def _codes(excinfo: pytest.ExceptionInfo[ReadError]) -> list[str]:
    return [note.code for note in excinfo.value.notes]


# -- building a filled report as Word, from the taxonomy ---------------------------------------------


Box = tuple[int, int, int, int, str]
"""(first, last + 1) along the axis, (first, last + 1) across the levels, and the label."""


def tree_boxes(paths: Sequence[tuple[str, ...]], depth: int) -> list[Box]:
    """Header boxes for label paths, as the template prints them: shared prefixes merged, short paths spanning down."""
    boxes: list[Box] = []
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if level >= len(path):
                i += 1
                continue
            j = i + 1
            while j < len(paths) and paths[j][: level + 1] == path[: level + 1]:
                j += 1
            boxes.append((i, j, level, depth if level == len(path) - 1 else level + 1, path[level]))
            i = j
    return boxes


def _text(value: ds.Value) -> str:
    return "" if value is None else str(value)


class _Sheet:
    """A Word table being laid out: merge a box, then write its text."""

    def __init__(self, document: Any, rows: int, columns: int) -> None:
        self.table = document.add_table(rows=rows, cols=columns)
        self.table.style = "Table Grid"

    def put(self, row: int, column: int, text: str, rows: int = 1, columns: int = 1) -> None:
        cell = self.table.cell(row, column)
        if rows > 1 or columns > 1:
            cell = cell.merge(self.table.cell(row + rows - 1, column + columns - 1))
        cell.text = text


def _matrix(document: Any, table: Table, values: ds.TableData) -> None:
    columns = table.rows[0].columns
    column_paths = [(*column.headers, column.text) for column in columns]
    row_paths = [tuple(label.text for label in row.path) for row in table.rows]
    across, down = max(map(len, row_paths)), max(map(len, column_paths))
    sheet = _Sheet(document, down + len(row_paths), across + len(columns))
    sheet.put(0, 0, table.note or "", rows=down, columns=across)
    for first, last, level, level_end, text in tree_boxes(column_paths, down):
        sheet.put(level, across + first, text, rows=level_end - level, columns=last - first)
    for first, last, level, level_end, text in tree_boxes(row_paths, across):
        sheet.put(down + first, level, text, rows=last - first, columns=level_end - level)
    for r, row in enumerate(table.rows):
        for c, column in enumerate(row.columns):
            sheet.put(down + r, across + c, _text(values.get(row.key, column.key)))


def _single_row(document: Any, table: Table, values: ds.TableData) -> None:
    paths = [(*(label.text for label in row.path), column.text) for row in table.rows for column in row.columns]
    down = max(map(len, paths))
    sheet = _Sheet(document, down + 1, len(paths))
    for first, last, level, level_end, text in tree_boxes(paths, down):
        sheet.put(level, first, text, rows=level_end - level, columns=last - first)
    cells = [(row, column) for row in table.rows for column in row.columns]
    for c, (row, column) in enumerate(cells):
        sheet.put(down, c, _text(values.get(row.key, column.key)))


def _subtables(document: Any, table: Table, values: ds.TableData) -> None:
    width = 1 + max(len(row.columns) for row in table.rows)
    groups: dict[str, list[Any]] = {}
    for row in table.rows:
        groups.setdefault(row.path[0].text, []).append(row)
    sheet = _Sheet(document, sum(2 + len(rows) for rows in groups.values()), width)
    r = 0
    for caption, rows in groups.items():
        sheet.put(r, 0, caption, columns=width)
        columns = rows[0].columns
        sheet.put(r + 1, 0, table.row_header or "")
        for line, texts in enumerate(
            [[c.text for c in columns]] + [[_text(values.get(row.key, c.key)) for c in columns] for row in rows]
        ):
            if line:
                sheet.put(r + 1 + line, 0, rows[line - 1].text)
            for c, text in enumerate(texts):
                last = c == len(texts) - 1
                sheet.put(r + 1 + line, 1 + c, text, columns=width - 1 - c if last else 1)
        r += 2 + len(rows)


def report_docx(report: ds.Report) -> bytes:
    """A Word report in the template's layout, every label and row taken from the taxonomy."""
    import docx

    document = docx.Document()
    if report.issuer:
        document.add_paragraph(report.issuer)
    document.add_paragraph(report.title or f"{report.year}年政府信息公开工作年度报告")
    if report.preamble:
        document.add_paragraph(report.preamble)
    layouts = {Layout.SUBTABLES: _subtables, Layout.MATRIX: _matrix, Layout.SINGLE_ROW: _single_row}
    for section in report.spec.sections:
        document.add_paragraph(section.heading)
        if section.table:
            table = report.table(section.table)
            if table.spec.note:
                document.add_paragraph("")
            layouts[table.spec.layout](document, table.spec, table)
        elif section.key in report.sections:
            for block in report.sections[section.key].blocks:
                document.add_paragraph(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- the intermediate document ---------------------------------------------------------------------


def test_template_document_order_and_spans() -> None:
    document = docx_document(template(), source="template")
    edition = EDITIONS["2021"]
    headings = [section.heading for section in edition.sections]
    kinds = [("line", item.text) if isinstance(item, Line) else ("grid", item.where) for item in document]
    # every heading, and each table right after its section's heading
    positions = [kinds.index(("line", heading)) for heading in headings]
    assert positions == sorted(positions)
    for section in edition.sections:
        if section.table:
            after = kinds[kinds.index(("line", section.heading)) + 1]
            assert after[0] == "grid"
    grids = [item for item in document if isinstance(item, Grid)]
    assert len(grids) == 3
    requests = edition.table("requests")
    matrix = expand(grids[1])
    assert len(matrix) == 3 + len(requests.rows)
    assert {len(row) for row in matrix} == {3 + len(requests.rows[0].columns)}
    results = next(cell for row in grids[1].rows for cell in row if cell.text == "三、本年度办理结果")
    assert results.rowspan == len(list(requests.rows_under("results")))
    # a continued vertical merge is covered, not a cell of its own
    assert all(cell.text for cell in grids[1].rows[3] + grids[1].rows[4] if cell.colspan == 3)
    review = expand(grids[2])
    review_cells = EDITIONS["2021"].table("review_and_litigation").cells
    assert len(review[-1]) == len(review_cells) and all(cell is not None for cell in review[-1])
    caption = grids[0].rows[0][0]
    assert caption.colspan == 4 and caption.where == "table 1 row 1 col 1"


def test_generated_document_spans_match_the_template() -> None:
    """The builder above lays tables out as the official template does (so the round trip means something)."""
    blank = ds.Report.empty("2021", 2024, blank=True)
    built = [item for item in docx_document(report_docx(blank), source="built") if isinstance(item, Grid)]
    official = [item for item in docx_document(template(), source="template") if isinstance(item, Grid)]

    def spans(grid: Grid) -> list[list[tuple[int, int]]]:
        return [[(cell.rowspan, cell.colspan) for cell in row] for row in grid.rows]

    def labels(grid: Grid) -> list[str]:
        return ["".join(cell.text.split()) for row in grid.rows for cell in row if cell.text.strip()]

    for mine, theirs in zip(built, official, strict=True):
        assert spans(mine) == spans(theirs)
        assert labels(mine) == labels(theirs)


def test_text_box_and_content_control_are_read() -> None:
    """Text inside a content control (w:sdt) is read once; deleted text and Fallback copies are not."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>受控文字</w:t></w:r>"
            "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>插入的</w:t></w:r></w:ins></w:p></w:sdtContent></w:sdt>"
        ),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    lines = [item.text for item in docx_document(buffer.getvalue(), source="sdt") if isinstance(item, Line)]
    assert lines == ["受控文字插入的"]


def test_grid_before_and_legacy_horizontal_merge() -> None:
    """A row starting further right (w:gridBefore) keeps its columns; w:hMerge widens the cell to its left."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def tc(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    restart_v, continue_v = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    restart_h, continue_h = '<w:hMerge w:val="restart"/>', "<w:hMerge/>"
    before = '<w:trPr><w:gridBefore w:val="2"/></w:trPr>'
    rows = [
        tc("A", restart_v) + tc("B", restart_h) + tc("", continue_h),
        tc("", continue_v) + tc("C") + tc("D"),
        before + tc("E"),
    ]
    body = "".join(f"<w:tr>{row}</w:tr>" for row in rows)
    table = parse_xml(f"<w:tbl {w}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{body}</w:tbl>")
    document = docx.Document()
    document.element.body.insert(0, table)
    buffer = io.BytesIO()
    document.save(buffer)
    grid = next(item for item in docx_document(buffer.getvalue(), source="t") if isinstance(item, Grid))
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in grid.rows] == [
        [("A", 2, 1), ("B", 1, 2)],
        [("C", 1, 1), ("D", 1, 1)],
        [("", 1, 2), ("E", 1, 1)],
    ]
    assert [[c.text if c else None for c in row] for row in expand(grid)] == [
        ["A", "B", None],
        [None, "C", "D"],
        ["", None, "E"],
    ]


# -- whole reports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["huaian-2024", "beifeng-2020"])
def test_filled_report_reads_back(name: str) -> None:
    example = ds.load(EXAMPLES / f"{name}.json")
    result = DocxReader().read(report_docx(example), source=f"{name}.docx")
    report = result.report
    assert (report.edition, report.year) == (example.edition, example.year)
    assert dict(report.values()) == dict(example.values())


def test_blank_template_is_refused_as_blank() -> None:
    """Decision: the blank official template is not a report (no year, no figures); the reader says so plainly."""
    with pytest.raises(ReadError) as excinfo:
        DocxReader().read(template(), source="template-2021-official.docx")
    assert _codes(excinfo)[0] == "docx.blank_template"
    assert "空白" in excinfo.value.notes[0].zh and "blank report template" in str(excinfo.value)


def test_blank_tables_with_a_year_still_go_to_the_recognizer() -> None:
    """Only a file the recognizer cannot read is called a blank template; a dated report with blank tables is read."""
    blank = ds.Report.empty("2021", 2024, blank=True, title="2024年政府信息公开工作年度报告")
    document = docx_document(report_docx(blank), source="blank.docx")
    assert has_grids_without_figures(document)
    filled = docx_document(report_docx(ds.load(EXAMPLES / "huaian-2024.json")), source="filled.docx")
    assert not has_grids_without_figures(filled)
    result = DocxReader().read(report_docx(blank), source="blank.docx")
    assert result.report.year == 2024
    assert all(value is None for _, value in result.report.values())


def test_word_export_of_a_real_report(tmp_path: Path) -> None:
    """pingtan-2021 (a Word-exported web page) saved as .docx by LibreOffice reads cell for cell."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "pingtan-2021.html"
    source.write_bytes(reference("real", "pingtan-2021.html").read_bytes())
    subprocess.run(
        [office, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    report = DocxReader().read((tmp_path / "pingtan-2021.docx").read_bytes(), source="pingtan-2021.docx").report
    cells = json.loads(reference("reports", "pingtan-2021.cells.json").read_text("utf-8"))
    assert (report.edition, report.year) == (cells["edition"], cells["year"])
    expected = expected_cells(cells)
    assert {pointer: report.cell(pointer) for pointer in expected} == expected


def test_not_a_report_is_refused() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于召开季度工作会议的通知")
    document.add_paragraph("各科室：定于下周一召开会议。")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ReadError) as excinfo:
        DocxReader().read(buffer.getvalue(), source="notice.docx")
    assert _codes(excinfo) == ["read.not_a_report"]


def test_reader_registered() -> None:
    reader = get_reader("docx")
    assert isinstance(reader, DocxReader)
    assert reader.suffixes == (".docx",)


# -- files to refuse -------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("python-docx must not see a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b" " * (12 * 1024 * 1024) + b">"})
    assert len(bomb) < 100_000
    with pytest.raises(ReadError) as excinfo:
        DocxReader().read(bomb, source="bomb.docx")
    assert _codes(excinfo) == ["zip.ratio"]
    assert "zip bomb" in str(excinfo.value)


@pytest.mark.parametrize(
    ("limits", "code"),
    [
        (ZipLimits(max_members=3), "zip.too_many_members"),
        (ZipLimits(max_member=1000), "zip.member_too_large"),
        (ZipLimits(max_total=1500), "zip.too_large"),
    ],
)
def test_zip_limits(limits: ZipLimits, code: str) -> None:
    archive = _zip({f"part{i}.xml": bytes(range(256)) * 4 for i in range(4)})
    with pytest.raises(ReadError) as excinfo:
        check_zip(archive, source="x.docx", limits=limits)
    assert _codes(excinfo) == [code]
    check_zip(archive, source="x.docx")  # within the defaults


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "zip.not_zip"),
        (b"hello, not a word file", "zip.not_zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "docx.legacy_doc"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "docx.not_word"),
    ],
)
def test_garbage_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(ReadError) as excinfo:
        DocxReader().read(data, source="junk.docx")
    assert _codes(excinfo) == [code]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_damaged_docx_never_crashes(data: st.DataObject) -> None:
    """A damaged Word file gives a document or a ReadError, never a traceback."""
    original = template_or_small()
    at = data.draw(st.integers(0, len(original) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=64))
    try:
        docx_document(original[:at] + junk + original[at + len(junk) :], source="damaged.docx")
    except ReadError as exc:
        assert exc.notes and all(note.code.split(".")[0] in ("zip", "docx") for note in exc.notes)


def template_or_small() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("一")
    document.add_table(rows=2, cols=2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
