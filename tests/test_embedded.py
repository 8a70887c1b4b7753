"""The report data a published file carries: the PDF associated file, the Word custom XML, and when it is trusted."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES
from disclosure_schema_exporters import pdf_data
from disclosure_schema_exporters.pdf import export_bytes
from disclosure_schema_readers.pdf import PdfReader, pdf_contents
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema import embedded


def test_the_pdf_reads_back_exactly_from_its_data(example: ds.Report) -> None:
    result = PdfReader().read(export_bytes(example), source="x.pdf")
    assert result.report == example
    assert [note.code for note in result.notes] == ["embedded.used"]
    assert "一致" in result.notes[0].zh


@pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="poppler-utils absent")
def test_the_pdf_carries_the_canonical_json_as_an_associated_data_file(tmp_path: Path) -> None:
    """What any PDF tool sees: one attachment, the canonical JSON byte for byte, related as /Data in /AF."""
    report = ds.load(EXAMPLES / "huaian-2024.json")
    data = export_bytes(report)
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert embedded.FILE_NAME in listing and listing.startswith("1 embedded files")
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(tmp_path / "out.json"), str(path)], check=True)
    assert (tmp_path / "out.json").read_bytes() == ds.dumps(report).encode()
    assert b"/AFRelationship /Data" in data and b"/Subtype /application#2Fjson" in data
    _, _, carried = pdf_contents(data, source="r.pdf")
    assert carried == ds.dumps(report).encode()


def test_a_pdf_whose_print_disagrees_with_its_data_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the print had been edited after export: the data says 3119 received, the print says 3001 + ..."""
    report = ds.load(EXAMPLES / "huaian-2024.json")
    other = report.with_cells({"/requests/received/natural_person": 1})
    data = embedded.payload(other)
    monkeypatch.setattr(pdf_data.embedding, "payload", lambda _: data)
    result = PdfReader().read(export_bytes(report), source="edited.pdf")
    assert [n.code for n in result.notes[:2]] == ["embedded.disagrees", "embedded.cell_differs"]
    assert result.notes[1].pointer == "/requests/received/natural_person"
    assert result.report.requests.get("received", "natural_person") == 3001


def test_a_pdf_with_broken_data_is_read_from_its_print(monkeypatch: pytest.MonkeyPatch) -> None:
    report = ds.load(EXAMPLES / "beifeng-2020.json")
    monkeypatch.setattr(pdf_data.embedding, "payload", lambda _: b'{"edition": "2019", "year": ')
    result = PdfReader().read(export_bytes(report), source="broken.pdf")
    assert result.notes[0].code == "embedded.invalid"
    assert dict(result.report.values()) == dict(report.values())


@given(st.text(max_size=200))
def test_the_xml_wrapping_returns_the_very_json(text: str) -> None:
    report = ds.Report.empty("2021", 2024, preamble=text.replace("\x00", "") or None)
    assert embedded.from_xml(embedded.to_xml(report)) == embedded.payload(report)


def test_someone_elses_custom_xml_is_not_ours() -> None:
    assert embedded.from_xml(b'<?xml version="1.0"?><b:Sources xmlns:b="urn:other"/>') is None
    assert embedded.from_xml(f'<report xmlns="{embedded.XML_NAMESPACE}"><x/></report>'.encode()) == b""


def test_text_edited_in_word_after_export_is_read_from_the_print(tmp_path: Path) -> None:
    import re
    import zipfile

    from disclosure_schema.cli import main
    from disclosure_schema.sources import read_report

    assert main(["export", str(EXAMPLES / "huaian-2024.json"), "--to", "docx", "-o", str(tmp_path)]) == 0
    with zipfile.ZipFile(tmp_path / "huaian-2024.docx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    run = re.search(r"<w:t[^>]*>([^<]{20,})</w:t>", body[body.find("总体情况"):])
    assert run is not None
    parts["word/document.xml"] = body.replace(run.group(0), run.group(0).replace(run.group(1), "【已修改】" + run.group(1)), 1).encode()
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = read_report(edited)
    assert [n.code for n in result.notes if n.code.startswith("embedded.")] == ["embedded.text_differs"]
    assert any("【已修改】" in block.text for block in result.report.sections["overview"].blocks)
