"""The XLSX exporter, the blank template and the XLSX reader: layout, safety, exact round trips."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from conftest import EXAMPLES, valid_reports
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.plugins import ReadError, get_exporter, get_reader
from disclosure_schema.rules import checks_for
from disclosure_schema.sources import read_report
from disclosure_schema.taxonomy import EDITIONS, Kind, Table
from disclosure_schema.workbook import SHEET_NAMES, TEXT_SHEET, sheet_layout


def export(report: ds.Report, **options: Any) -> bytes:
    stream = io.BytesIO()
    get_exporter("xlsx").export(report, stream, **options)
    return stream.getvalue()


def read(data: bytes) -> ds.ReadResult:
    return get_reader("xlsx").read(data, source="test.xlsx")


def workbook(data: bytes, **options: Any) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data), **options)


def template(edition: str) -> bytes:
    return export(ds.Report.empty(edition, 2020 if edition == "2019" else 2024, blank=True), template=True)


def totals(edition: str) -> set[str]:
    return {check.target.pointer for check in checks_for(edition) if check.relation.computes_total}


# Round trips -------------------------------------------------------------------------------------


def test_examples_round_trip_exactly(example: ds.Report) -> None:
    result = read(export(example))
    assert result.report == example
    assert result.report.sections == example.sections
    assert result.notes == ()


def test_round_trip_through_the_registry_by_suffix(example: ds.Report, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    ds.io.write_atomic(path, lambda stream: get_exporter("xlsx").export(example, stream))
    assert read_report(path).report == example


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_generated_reports_round_trip(report: ds.Report) -> None:
    assert read(export(report)).report == report


@pytest.mark.parametrize(
    "amount", ["96171.6", "96171.60", "24252.311082", "0", "0.10", "5394432.52", "12345678901234.56789"]
)
def test_money_keeps_its_exact_decimal(amount: str) -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json").with_cells(
        {"/proactive_disclosure/article_20_8/fees/amount": Decimal(amount)}
    )
    back = read(export(report)).report.cell("/proactive_disclosure/article_20_8/fees/amount")
    assert isinstance(back, Decimal)
    assert back.as_tuple() == Decimal(amount).as_tuple()


def test_numbers_are_numbers_and_blanks_are_blank() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json").with_cells({"/requests/received/other": None})
    wb = workbook(export(report))
    layout = sheet_layout("2021", "requests")
    ws = wb[layout.name]
    assert ws[layout.slot("received/natural_person").address].value == 3001
    assert ws[layout.slot("received/other").address].value is None
    fee = sheet_layout("2021", "proactive_disclosure").slot("article_20_8/fees/amount")
    cell = wb[SHEET_NAMES["proactive_disclosure"]][fee.address]
    assert cell.data_type == "n" and cell.value == pytest.approx(96171.6) and cell.number_format == "0.0"


# Layout: what the workbook prints is the taxonomy ------------------------------------------------


def _expected_labels(edition: str, table: Table) -> set[str]:
    labels = {section.heading for section in EDITIONS[edition].sections if section.table == table.key}
    for row in table.rows:
        labels |= {node.text for node in row.path}
        for column in row.columns:
            labels |= {column.text, *column.headers}
    labels |= {text for text in (table.note, table.row_header) if text}
    return labels


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_labels_in_the_workbook_are_the_taxonomy(edition: str) -> None:
    wb = workbook(export(ds.Report.empty(edition, 2020 if edition == "2019" else 2024)))
    for table in EDITIONS[edition].tables:
        ws = wb[SHEET_NAMES[table.key]]
        found = {cell.value for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)}
        assert found == _expected_labels(edition, table)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_cell_has_one_slot_and_nothing_overlaps(edition: str) -> None:
    for table in EDITIONS[edition].tables:
        layout = sheet_layout(edition, table.key)
        assert sorted(slot.cell.index for slot in layout.slots) == list(range(len(table.cells)))
        covered: set[tuple[int, int]] = set()
        for box in (layout.title, *layout.boxes, *(slot.box for slot in layout.slots)):
            area = {(r, c) for r in range(box.row, box.last_row + 1) for c in range(box.column, box.last_column + 1)}
            assert not area & covered, box
            assert all(1 <= c <= layout.width for _, c in area)
            covered |= area


def test_sheet_names_are_safe() -> None:
    for name in (*SHEET_NAMES.values(), TEXT_SHEET):
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\'")
    assert len({*SHEET_NAMES.values(), TEXT_SHEET}) == 4


def test_the_core_and_the_template_command_do_not_import_the_plugins() -> None:
    code = (
        "import sys; from disclosure_schema.cli import build_parser; build_parser(); "
        "assert not {'openpyxl', 'disclosure_schema_exporters', 'disclosure_schema_readers'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _merged(ws: Any, text: str) -> str:
    cell = next(c for row in ws.iter_rows() for c in row if c.value == text)
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return str(merged)
    return str(cell.coordinate)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_table_three_is_printed_like_the_template(edition: str) -> None:
    table = EDITIONS[edition].table("requests")
    ws = workbook(export(ds.Report.empty(edition, 2021)))[SHEET_NAMES["requests"]]
    results = [index for index, row in enumerate(table.rows) if row.key.startswith("results/")]
    first, last = 6 + results[0], 6 + results[-1]
    assert _merged(ws, table.rows[results[0]].path[0].text) == f"A{first}:A{last}"
    withheld = [i for i, row in enumerate(table.rows) if row.key.startswith("results/withheld/")]
    assert _merged(ws, table.rows[withheld[0]].path[1].text) == f"B{6 + withheld[0]}:B{6 + withheld[-1]}"
    assert _merged(ws, table.rows[0].text) == "A6:C6"  # 一、本年新收… spans the three label columns
    assert _merged(ws, table.note or "") == "A3:C5"  # the 勾稽关系 note in the top-left header block
    assert _merged(ws, table.rows[0].columns[0].headers[0]) == "D3:J3"
    organisations = table.rows[0].columns[1].headers[1]
    assert _merged(ws, organisations) == "E4:I4"
    assert _merged(ws, table.rows[0].columns[0].text) == "D4:D5"


def test_table_four_has_three_header_rows_and_one_data_row() -> None:
    table = EDITIONS["2021"].table("review_and_litigation")
    layout = sheet_layout("2021", "review_and_litigation")
    ws = workbook(export(ds.load(EXAMPLES / "huaian-2024.json")))[layout.name]
    assert _merged(ws, table.rows[0].path[0].text) == "A3:E3"
    assert _merged(ws, table.rows[1].path[0].text) == "F3:O3"
    assert _merged(ws, table.rows[1].path[1].text) == "F4:J4"
    assert _merged(ws, table.rows[2].path[1].text) == "K4:O4"
    assert [ws.cell(row=6, column=c).value for c in range(1, 16)] == [
        72,
        64,
        178,
        37,
        351,
        13,
        4,
        8,
        1,
        26,
        12,
        1,
        1,
        6,
        20,
    ]
    assert ws.max_row == 6


def test_table_two_single_value_columns_span_the_grid() -> None:
    layout = sheet_layout("2021", "proactive_disclosure")
    assert layout.slot("article_20_5/licensing/decisions").columns == 3
    ws = workbook(export(ds.load(EXAMPLES / "huaian-2024.json")))[layout.name]
    assert _merged(ws, layout.table.rows[0].path[0].text) == "A3:D3"


def test_print_setup_and_borders() -> None:
    wb = workbook(export(ds.load(EXAMPLES / "huaian-2024.json")))
    for name in (*SHEET_NAMES.values(), TEXT_SHEET):
        ws = wb[name]
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        # One page wide, as many tall; an absent fitToWidth is 1 (ECMA-376 pageSetup's default).
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb[SHEET_NAMES["review_and_litigation"]].page_setup.orientation == "landscape"
    ws = wb[SHEET_NAMES["requests"]]
    # A merged label's right edge carries a border too (lessons.md).
    assert ws["C8"].border.right.style == "thin" and ws["A29"].border.bottom.style == "thin"


# Hostile text ------------------------------------------------------------------------------------

HOSTILE = [
    "=1+1",
    "@SUM(A1:A2)",
    "+x",
    "-x",
    "\t=cmd",
    "\r=1",
    '=HYPERLINK("http://e.vil","x")',
    # what a spreadsheet writer may take for its own markup or escapes: rich text, _xHHHH_, CR
    "<r><t>x</t></r>",
    "<r><rPr><b/></rPr><t>=1</t></r>",
    "_x0041_ ax005F_b _x005F_x0041_",
    "a\r\nb\rc",
    "</t></is></c>&amp;<",
]


def test_hostile_text_stays_text() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    blocks = tuple(ds.Block(text) for text in HOSTILE)
    report = attrs.evolve(
        report,
        preamble=HOSTILE[0],
        issuer=HOSTILE[1],
        contact=ds.Contact(phone=HOSTILE[3]),
        sections={**report.sections, "overview": ds.Section(HOSTILE[2], blocks)},
    )
    data = export(report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name) for name in sheets)
    ws = workbook(data)[TEXT_SHEET]
    texts = [cell for row in ws.iter_rows() for cell in row if cell.value in HOSTILE]
    assert len(texts) >= len(HOSTILE) + 3
    assert all(cell.data_type == "s" for cell in texts)
    assert read(data).report == report


# The blank template ------------------------------------------------------------------------------

_REF = re.compile(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?")


def _addresses(formula: str) -> set[str]:
    from openpyxl.utils import column_index_from_string, get_column_letter

    found = set()
    for c1, r1, c2, r2 in _REF.findall(formula.removeprefix("=SUM")):
        c2, r2 = c2 or c1, r2 or r1
        for col in range(column_index_from_string(c1), column_index_from_string(c2) + 1):
            for row in range(int(r1), int(r2) + 1):
                found.add(f"{get_column_letter(col)}{row}")
    return found


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_template_totals_are_formulas_from_the_rules(edition: str) -> None:
    wb = workbook(template(edition))
    checked = set()
    for check in checks_for(edition):
        if not check.relation.computes_total or check.target.pointer in checked:
            continue
        checked.add(check.target.pointer)
        layout = sheet_layout(edition, check.target.table.key)
        cell = wb[layout.name][layout.slot(check.target.key).address]
        assert cell.data_type == "f"
        assert _addresses(cell.value) == {layout.slot(op.cell.key).address for op in check.operands}
    assert checked == totals(edition)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_template_validates_inputs_and_protects_labels(edition: str) -> None:
    wb = workbook(template(edition))
    for table in EDITIONS[edition].tables:
        layout = sheet_layout(edition, table.key)
        ws = wb[layout.name]
        assert ws.protection.sheet
        # An absent operator is "between" (ECMA-376 dataValidation's default).
        rules = {(dv.type, dv.operator or "between", dv.formula1): dv for dv in ws.data_validations.dataValidation}
        for slot in layout.slots:
            cell = ws[slot.address]
            if slot.cell.pointer in totals(edition):
                assert cell.protection.locked
                continue
            assert not cell.protection.locked
            wanted = {
                Kind.COUNT: ("whole", "greaterThanOrEqual", "0"),
                Kind.SIGNED_COUNT: ("whole", "between", str(-(2**53 - 1))),
                Kind.MONEY: ("decimal", "greaterThanOrEqual", "0"),
            }[slot.cell.kind]
            assert slot.address in rules[wanted].sqref
        for box in layout.boxes:
            assert ws.cell(row=box.row, column=box.column).protection.locked


def test_blank_template_reads_as_a_blank_report() -> None:
    result = read(template("2021"))
    assert all(value is None for _, value in result.report.values())
    assert set(result.report.sections) == {section.key for section in EDITIONS["2021"].sections}


def test_filled_template_reads_back_with_its_totals_summed() -> None:
    example = ds.load(EXAMPLES / "huaian-2024.json")
    wb = workbook(template("2021"))
    for cell, value in example.values():
        if cell.pointer not in totals("2021"):
            layout = sheet_layout("2021", cell.table.key)
            wb[layout.name][layout.slot(cell.key).address].value = value
    stream = io.BytesIO()
    wb.save(stream)
    result = read(stream.getvalue())
    for key in ds.TABLE_KEYS:
        assert result.report.table(key) == example.table(key)
    assert {note.code for note in result.notes} == {"xlsx.formula_computed"}
    assert any(note.where == "依申请公开!J6" for note in result.notes)


def test_template_command_writes_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "空白模板.xlsx"
    assert main(["template", "--edition", "2019", "-o", str(target), "--year", "2020"]) == 0
    wb = workbook(target.read_bytes())
    assert wb.sheetnames == [TEXT_SHEET, *SHEET_NAMES.values()]
    assert wb[TEXT_SHEET]["C3"].value == 2020
    assert main(["template", "--edition", "2021", "-o", str(tmp_path / "missing" / "t.xlsx")]) == 2
    assert "t.xlsx" in capsys.readouterr().err
    assert main(["template", "--edition", "2021", "-o", str(tmp_path / "t.csv")]) == 2


# A spreadsheet program in the loop -------------------------------------------------------------

OFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def _resave(data: bytes, tmp_path: Path) -> bytes:
    """The workbook as LibreOffice saves it after opening it (formulas recalculated, strings shared)."""
    source = tmp_path / "in" / "book.xlsx"
    source.parent.mkdir(parents=True)
    source.write_bytes(data)
    out = tmp_path / "out"
    command = [str(OFFICE), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile"]
    subprocess.run(
        [*command, "--convert-to", "xlsx", "--outdir", str(out), str(source)], check=True, capture_output=True
    )
    return (out / "book.xlsx").read_bytes()


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")
def test_workbooks_saved_by_a_spreadsheet_program_read_back(tmp_path: Path) -> None:
    example = attrs.evolve(ds.load(EXAMPLES / "huaian-2024.json"), issuer=HOSTILE[0], preamble=HOSTILE[1])
    assert read(_resave(export(example), tmp_path / "a")).report == example
    wb = workbook(template("2021"))
    for cell, value in example.values():
        if cell.pointer not in totals("2021"):
            layout = sheet_layout("2021", cell.table.key)
            wb[layout.name][layout.slot(cell.key).address].value = value
    stream = io.BytesIO()
    wb.save(stream)
    result = read(_resave(stream.getvalue(), tmp_path / "b"))
    assert result.notes == ()  # the 总计 formulas now carry values LibreOffice computed
    for key in ds.TABLE_KEYS:
        assert result.report.table(key) == example.table(key)


# Bad cells and hostile files ---------------------------------------------------------------------


def _filled(changes: dict[str, object]) -> bytes:
    wb = workbook(export(ds.load(EXAMPLES / "huaian-2024.json")))
    for address, value in changes.items():
        sheet, _, cell = address.partition("!")
        wb[sheet][cell].value = value
    stream = io.BytesIO()
    wb.save(stream)
    return stream.getvalue()


def test_bad_cells_are_reported_with_sheet_and_cell() -> None:
    requests = sheet_layout("2021", "requests")
    fees = sheet_layout("2021", "proactive_disclosure").slot("article_20_8/fees/amount")
    text_at = f"{requests.name}!{requests.slot('results/withheld/state_secret/natural_person').address}"
    decimal_at = f"{requests.name}!{requests.slot('received/other').address}"
    money_at = f"{SHEET_NAMES['proactive_disclosure']}!{fees.address}"
    result = read(_filled({text_at: "三", decimal_at: 2.5, money_at: "约九万"}))
    # Every problem is a cell: the rest is read (those cells unread), the cells are errors of the read.
    assert {n.pointer for n in result.errors} <= result.report.reading.unread
    notes = {note.where: note for note in result.errors}
    assert text_at == "依申请公开!D10"
    assert set(notes) == {text_at, decimal_at, money_at}
    assert notes[text_at].code == "xlsx.text_in_count"
    cell = EDITIONS["2021"].cells["/requests/results/withheld/state_secret/natural_person"]
    assert cell.row.text in notes[text_at].zh and cell.column.text in notes[text_at].zh and "三" in notes[text_at].zh
    assert "'三'" in notes[text_at].en and notes[text_at].pointer == cell.pointer
    assert notes[decimal_at].code == "xlsx.decimal_in_count"
    assert notes[money_at].code == "xlsx.text_in_amount"


def test_negative_count_is_read_and_noted() -> None:
    requests = sheet_layout("2021", "requests")
    at = f"{requests.name}!{requests.slot('received/other').address}"
    result = read(_filled({at: -4}))
    assert result.report.cell("/requests/received/other") == -4
    assert [(note.code, note.where) for note in result.notes] == [("xlsx.negative", at)]


def test_wrong_edition_sheet_is_refused() -> None:
    data = export(ds.load(EXAMPLES / "huaian-2024.json"))
    wb = workbook(data)
    wb[TEXT_SHEET]["C2"].value = "2019"
    stream = io.BytesIO()
    wb.save(stream)
    with pytest.raises(ReadError) as excinfo:
        read(stream.getvalue())
    assert "xlsx.wrong_table" in {note.code for note in excinfo.value.notes}


def test_zip_bomb_is_refused_before_parsing() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert len(stream.getvalue()) < 1024 * 1024
    with pytest.raises(ReadError) as excinfo:
        read(stream.getvalue())
    assert excinfo.value.notes[0].code.startswith("zip.")


@pytest.mark.parametrize("data", [b"not a zip", b"PK\x03\x04broken", b""])
def test_garbage_is_refused_with_a_note(data: bytes) -> None:
    with pytest.raises(ReadError):
        read(data)


def test_oversized_file_is_refused() -> None:
    from disclosure_schema_readers.xlsx_guard import MAX_FILE_BYTES

    with pytest.raises(ReadError) as excinfo:
        read(b"PK" + b"\0" * MAX_FILE_BYTES)
    assert excinfo.value.notes[0].code == "xlsx.too_large"


def test_zip_without_a_workbook_is_refused() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReadError) as excinfo:
        read(stream.getvalue())
    assert excinfo.value.notes[0].code == "xlsx.unreadable"


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_without_its_control_characters(text: str) -> None:
    """Text round-trips exactly, except control and bidi controls: left out, with a warning naming the field."""
    from disclosure_schema.text_hazards import HAZARD, UnprintableText, printable

    report = attrs.evolve(ds.load(EXAMPLES / "beifeng-2020.json"), issuer=text or None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = export(report)
    left_out = [w.message for w in caught if issubclass(w.category, UnprintableText)]
    assert len(left_out) == (1 if HAZARD.search(text) else 0)
    assert all(str(m).startswith("发布机关中第 ") for m in left_out)
    assert read(data).report.issuer == (printable(text) if text else None)


@pytest.mark.parametrize("text", ["x\x01y", "x\ufffey", "x\u202ey", "x\x85\x07y"])
def test_control_characters_are_left_out_naming_the_field(text: str) -> None:
    """The policy of every printed format (docs/limits.md): left out, warned of, never a refusal."""
    from disclosure_schema.text_hazards import UnprintableText

    example = ds.load(EXAMPLES / "beifeng-2020.json")
    report = attrs.evolve(example, sections={**example.sections, "overview": ds.Section("h", (ds.Block(text),))})
    with pytest.warns(UnprintableText, match="^第一部分第1段中第 2 个字符起") as caught:
        data = export(report)
    assert len(caught) == 1
    assert read(data).report.sections["overview"].blocks[0].text == "xy"


def test_unstorable_text_is_refused_naming_the_field_and_nothing_is_written() -> None:
    example = ds.load(EXAMPLES / "beifeng-2020.json")
    report = attrs.evolve(example, sections={**example.sections, "overview": ds.Section("h", (ds.Block("a" * 32768),))})
    stream = io.BytesIO()
    with pytest.raises(ValueError, match="32768 个字符") as excinfo:
        get_exporter("xlsx").export(report, stream)
    assert str(excinfo.value).startswith("第一部分第1段")  # the place as the format prints it, not a field path
    assert "(section 1, paragraph 1: " in str(excinfo.value) and "sections." not in str(excinfo.value)
    assert stream.getvalue() == b""
    assert len(read(export(attrs.evolve(example, issuer="a" * 32767))).report.issuer or "") == 32767


def test_missing_sheet_is_named() -> None:
    wb = workbook(export(ds.load(EXAMPLES / "huaian-2024.json")))
    wb.remove(wb[SHEET_NAMES["review_and_litigation"]])
    stream = io.BytesIO()
    wb.save(stream)
    with pytest.raises(ReadError) as excinfo:
        read(stream.getvalue())
    assert [(note.code, note.where) for note in excinfo.value.notes] == [
        ("xlsx.missing_sheet", SHEET_NAMES["review_and_litigation"])
    ]


def test_a_formula_without_a_saved_value_in_a_detail_cell_is_an_error() -> None:
    requests = sheet_layout("2021", "requests")
    at = f"{requests.name}!{requests.slot('received/natural_person').address}"
    result = read(_filled({at: "=1+2"}))
    assert [(note.code, note.where) for note in result.errors] == [("xlsx.formula_without_value", at)]


@st.composite
def any_values(draw: st.DrawFn) -> ds.Report:
    """A report with any storable value in every cell: blanks, zeros, negatives, long decimals."""
    report = ds.load(EXAMPLES / draw(st.sampled_from(["beifeng-2020.json", "huaian-2024.json"])))
    changes: dict[str, ds.Value] = {}
    for cell, _ in report.values():
        if cell.kind is Kind.MONEY:
            places = draw(st.integers(0, 8))
            value: ds.Value = draw(st.decimals(0, 10**12, places=places, allow_nan=False, allow_infinity=False))
        else:
            value = draw(st.integers(-(2**53 - 1), 2**53 - 1))
        zero: ds.Value = Decimal(0) if cell.kind is Kind.MONEY else 0
        changes[cell.pointer] = draw(st.sampled_from([None, value, zero]))
    return report.with_cells(changes)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_values())
def test_any_values_round_trip(report: ds.Report) -> None:
    back = read(export(report)).report
    assert back == report
    for (cell, value), (_, again) in zip(report.values(), back.values(), strict=True):
        if isinstance(value, Decimal):
            assert isinstance(again, Decimal) and again.as_tuple() == value.as_tuple(), cell.pointer
