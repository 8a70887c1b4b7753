"""What a clerk's files look like in practice: numbers stored as text, legacy office formats."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.plugins import get_exporter, get_reader


def workbook_with(changes: dict[str, object]) -> bytes:
    """The huaian example's workbook with some cells (``sheet!cell``) overwritten as a clerk would type them."""
    import openpyxl

    buffer = io.BytesIO()
    get_exporter("xlsx").export(ds.load(EXAMPLES / "huaian-2024.json"), buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    for address, value in changes.items():
        sheet, cell = address.split("!")
        book[sheet][cell].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def address_of(value: int) -> str:
    """The ``sheet!cell`` of the one worksheet cell holding ``value`` in the example's workbook."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook_with({})))
    found = [f"{ws.title}!{c.coordinate}" for ws in book for row in ws.iter_rows() for c in row if c.value == value]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("typed", ["3001", "３００１", " 3001 ", "\u30003001\u3000"])
def test_a_number_stored_as_text_is_read_with_a_note_naming_the_cell(typed: str) -> None:
    reader = get_reader("xlsx")
    found = [address_of(3001)]  # /requests/received/natural_person
    result = reader.read(workbook_with({found[0]: typed}), source="typed.xlsx")
    assert result.report.requests.get("received", "natural_person") == 3001
    notes = [n for n in result.notes if n.code == "xlsx.number_as_text"]
    assert len(notes) == 1 and notes[0].where == found[0]
    assert "文本" in notes[0].zh and "转换为数字" in notes[0].zh and notes[0].pointer == "/requests/received/natural_person"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_text_names_the_cell_a_number_was_typed_as_text_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    # The clerk guide (第四步) promises validate says which cell holds a number stored as text;
    # --format json had the note, the text the clerk reads did not.
    cell = address_of(3001)
    path = tmp_path / "2024年报.xlsx"
    path.write_bytes(workbook_with({cell: "3001"}))
    assert main(["validate", str(path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "xlsx.number_as_text" in line)
    assert cell in line
    assert ("读取说明" in line and "转换为数字" in line) if lang == "zh" else line.lstrip().startswith("note ")


def test_other_text_in_a_count_cell_stays_an_error_with_its_cell() -> None:
    found = [address_of(3001)]
    result = get_reader("xlsx").read(workbook_with({found[0]: "三千零一"}), source="typed.xlsx")
    assert result.errors[0].where == found[0] and "三千零一" in result.errors[0].zh


@pytest.mark.parametrize(("suffix", "save_as"), [(".xls", ".xlsx"), (".et", ".xlsx"), (".ods", ".xlsx"),
                                                 (".doc", ".docx"), (".wps", ".docx")])
def test_legacy_office_files_say_how_to_save_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, save_as: str
) -> None:
    path = tmp_path / f"2024年报{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "另存为" in text and save_as in text and "Traceback" not in text
