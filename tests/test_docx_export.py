"""The DOCX exporter: the official layout, the 公文 page, read back exactly (data and print), hostile text.

Expected labels and spans come from the taxonomy and from the official Word
template in the shared reference, never from this file.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import attrs
import pytest
from conftest import EXAMPLES, reference, valid_reports
from disclosure_schema_exporters import docx_style
from disclosure_schema_exporters.docx import export_bytes
from disclosure_schema_exporters.pdf_envelope import DRAFT_MARK
from disclosure_schema_readers.document import Grid
from disclosure_schema_readers.docx import DocxReader, docx_document
from hypothesis import HealthCheck, given, settings

import disclosure_schema as ds
from disclosure_schema import embedded
from disclosure_schema.plugins import get_exporter
from disclosure_schema.text_hazards import HAZARD, UnprintableText

ENVELOPE = ("issuer", "year", "edition", "title", "document_number", "signature_date", "copy_to", "printed_by",
            "printed_date")


def without_data(data: bytes) -> bytes:
    """The same document with its embedded report data removed: only the print is left to read."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("customXml/") and embedded.XML_NAMESPACE.encode() in content:
                content = b'<?xml version="1.0"?><other xmlns="urn:example"/>'
            target.writestr(item, content)
    return out.getvalue()


def edited(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    """The document with one member's bytes changed (``old`` must occur)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                assert old in content, f"{old!r} not in {member}"
                content = content.replace(old, new, 1)
            target.writestr(item, content)
    return out.getvalue()


def data_member(data: bytes) -> str:
    source = zipfile.ZipFile(io.BytesIO(data))
    return next(n for n in source.namelist() if n.startswith("customXml/item")
                and embedded.XML_NAMESPACE.encode() in source.read(n))


def test_registered_as_a_plug_in() -> None:
    exporter = get_exporter("docx")
    assert (exporter.name, exporter.suffix) == ("docx", ".docx")
    assert "wordprocessingml" in exporter.media_type


def test_the_examples_read_back_exactly_from_their_data(example: ds.Report) -> None:
    result = DocxReader().read(export_bytes(example), source="x.docx")
    assert result.report == example
    assert [note.code for note in result.notes] == ["embedded.used"]


def test_the_print_alone_reads_back_to_the_same_figures_and_envelope(example: ds.Report) -> None:
    """Without the embedded data the printed document still carries every figure and the envelope."""
    result = DocxReader().read(without_data(export_bytes(example)), source="x.docx")
    assert not any(note.code.startswith("embedded.") for note in result.notes)
    assert dict(result.report.values()) == dict(example.values())
    for name in ENVELOPE:
        assert getattr(result.report, name) == getattr(example, name), name


def test_tables_have_the_official_templates_spans() -> None:
    """Every merged cell of the three tables as in the State Council's Word template (2021 edition)."""
    template = reference("real", "template-2021-official.docx").read_bytes()
    blank = ds.Report.empty("2021", 2024, blank=True, issuer="某局")
    ours = [item for item in docx_document(export_bytes(blank), source="ours") if isinstance(item, Grid)]
    official = [item for item in docx_document(template, source="official") if isinstance(item, Grid)]

    def spans(grid: Grid) -> list[list[tuple[int, int]]]:
        return [[(cell.rowspan, cell.colspan) for cell in row] for row in grid.rows]

    def labels(grid: Grid) -> list[str]:
        return ["".join(cell.text.split()) for row in grid.rows for cell in row if cell.text.strip()]

    assert len(ours) == len(official) == 3
    for mine, theirs in zip(ours, official, strict=True):
        assert spans(mine) == spans(theirs)
        assert labels(mine) == [label for label in labels(theirs) if label not in ("", "　")]


def test_the_page_and_the_fonts_of_a_public_document() -> None:
    """A4, GB/T 9704 margins, 仿宋_GB2312 body, 黑体/楷体 headings as Word's 标题 1/2, page numbers both sides."""
    import docx

    data = export_bytes(ds.load(EXAMPLES / "huaian-2024.json"))
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156

    def east_asia(style: str) -> str | None:
        fonts = document.styles[style].element.rPr.rFonts
        return fonts.get(f"{{{docx_style._W}}}eastAsia")

    assert east_asia("Normal") == "仿宋_GB2312"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Heading 2") == "楷体_GB2312"
    assert document.styles["Normal"].font.size.pt == 16
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.heading for s in ds.EDITIONS["2021"].sections]
    archive = zipfile.ZipFile(io.BytesIO(data))
    fonts = archive.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert "evenAndOddHeaders" in archive.read("word/settings.xml").decode()
    footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert len(footers) == 2 and all(" PAGE " in f and "\u2014" in f for f in footers)


def test_several_paragraphs_in_one_field_are_printed_as_paragraphs() -> None:
    import docx

    report = ds.Report.empty("2021", 2024, issuer="某局", preamble="第一段。\n第二段。",
                             sections={"overview": ds.Section(blocks=(ds.Block("甲。\n\n乙。"),))})
    document = docx.Document(io.BytesIO(export_bytes(report)))
    texts = [p.text for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert texts[:4] == ["第一段。", "第二段。", "甲。", "乙。"]


def test_an_edited_table_is_detected_and_the_print_returned() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    data = edited(export_bytes(report), "word/document.xml", b"<w:t>3119</w:t>", b"<w:t>3120</w:t>")
    result = DocxReader().read(data, source="edited.docx")
    codes = [note.code for note in result.notes]
    assert codes[:2] == ["embedded.disagrees", "embedded.cell_differs"]
    assert result.report.requests.get("received", "total") == 3120
    differs = result.notes[1]
    assert differs.pointer == "/requests/received/total" and "3120" in differs.zh and "3119" in differs.zh
    assert "表三" in differs.zh


def test_invalid_embedded_data_is_reported_and_never_trusted() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    data = export_bytes(report)
    member = data_member(data)
    broken = edited(data, member, b'"year": 2024', '"year": "二〇二四"'.encode())
    result = DocxReader().read(broken, source="broken.docx")
    assert result.notes[0].code == "embedded.invalid"
    assert dict(result.report.values()) == dict(report.values())  # read from the print


def test_embedded_data_of_another_edition_is_reported_and_never_trusted() -> None:
    mine = ds.load(EXAMPLES / "huaian-2024.json")
    other = ds.load(EXAMPLES / "beifeng-2020.json")
    data = export_bytes(mine)
    member = data_member(data)
    source = zipfile.ZipFile(io.BytesIO(data))
    swapped = edited(data, member, source.read(member), embedded.to_xml(other))
    result = DocxReader().read(swapped, source="swapped.docx")
    assert result.notes[0].code == "embedded.other_edition"
    assert result.report.year == 2024 and result.report.issuer == mine.issuer


HOSTILE = "=cmd|' /C calc'!A0 <b>&amp;</b> \x07\x1b[31m \u202eabc\u202c 𠀀😀 " + "长" * 3000


def test_hostile_text_gives_a_correct_document() -> None:
    """Formula prefixes, markup, control characters, rare ideographs and very long lines: exact data, safe print."""
    import docx

    report = ds.Report.empty("2021", 2024, issuer="某局" + HOSTILE[:40], preamble=HOSTILE, copy_to=HOSTILE[:200],
                             printed_by="<x/>", sections={"overview": ds.Section(blocks=(ds.Block(HOSTILE),))})
    with pytest.warns(UnprintableText) as caught:
        data = export_bytes(report)
    assert DocxReader().read(data, source="hostile.docx").report == report  # the embedded data: exact
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "<b>&amp;</b>" in text and "=cmd|" in text and "𠀀😀" in text
    # control and bidi controls are left out of the print (docs/limits.md), each field warned of by name
    assert "[31m abc 𠀀😀" in text
    assert not HAZARD.search(text) and "\ufffd" not in text
    places = [str(w.message).partition("中第 ")[0] for w in caught if issubclass(w.category, UnprintableText)]
    assert places == ["发布机关", "发布机关", "开头段落", "开头段落", "第一部分第1段", "第一部分第1段", "抄送", "抄送"]


def test_a_draft_says_so_at_the_top() -> None:
    import docx

    data = export_bytes(ds.load(EXAMPLES / "huaian-2024.json"), draft=True)
    first = docx.Document(io.BytesIO(data)).paragraphs[0]
    assert first.text == DRAFT_MARK


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_any_valid_report_reads_back_from_its_print(report: ds.Report) -> None:
    report = attrs.evolve(report, issuer="某县人民政府", title=f"某县人民政府{report.year}年政府信息公开工作年度报告")
    result = DocxReader().read(without_data(export_bytes(report)), source="r.docx")
    assert (result.report.edition, result.report.year) == (report.edition, report.year)
    assert dict(result.report.values()) == dict(report.values())


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice or poppler absent")
def test_libreoffice_prints_every_label_and_figure(tmp_path: Path) -> None:
    """LibreOffice converts the document to PDF without losing a label, a figure or the envelope."""
    report = ds.load(EXAMPLES / "huaian-2024.json")
    source = tmp_path / "huaian.docx"
    source.write_bytes(export_bytes(report))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(tmp_path / "huaian.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for table in report.spec.tables:
        for row in table.rows:
            for node in row.path:
                assert re.sub(r"\s+", "", node.text) in flat, node.text
    for cell, value in report.values():
        if value is not None:
            assert str(value) in flat, cell.pointer
    assert "— 1 —" in text and "淮安市人民政府办公室" in flat
