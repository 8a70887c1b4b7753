"""The recognizer against real reports: every published cell, the relations, the notes.

The reference reports' ``.cells.json`` give every table cell as published, keyed by the official
labels; :func:`expected_cells` maps them onto the taxonomy's cells (by label, never by position),
so a test fails if any cell is read wrongly, missed, or invented.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from disclosure_schema_readers.document import Grid, Line, SourceCell, expand
from disclosure_schema_readers.recognize import recognize
from disclosure_schema_readers.text import TextReader

import disclosure_schema as ds
from disclosure_schema.model import Value
from disclosure_schema.plugins import ReadError, ReadResult
from disclosure_schema.taxonomy import EDITIONS, Kind, Table

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
CLEAN = ("beifeng-2020", "huaian-2024", "shanghai-2019", "suqian-2023")


def reference_file(*parts: str) -> Path:
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference file {path} not available")
    return path


def _value(raw: Any, money: bool) -> Value:
    if raw is None:
        return None
    if not money:
        assert isinstance(raw, int)
        return raw
    text = str(raw)
    return Decimal(text[:-1] if text.endswith("元") else text)


def _row_for(table: Table, label_path: str, skip_first_of: set[str]) -> str:
    parts = label_path.split("/")
    for row in table.rows:
        texts = [label.text for label in row.path]
        if texts[0] in skip_first_of and len(texts) > 1:
            texts = texts[1:]
        if table.layout.value == "subtables":
            texts = texts[-1:]
        if texts == parts:
            return row.key
    raise KeyError(f"{label_path!r} is no row of table {table.number}")


def expected_cells(cells: dict[str, Any]) -> dict[str, Value]:
    """The cells of a ``.cells.json`` by JSON pointer (table2: row/column text; table3: path without
    三、本年度办理结果; table4: path)."""
    edition = EDITIONS[cells["edition"]]
    out: dict[str, Value] = {}
    results_label = edition.table("requests").rows[2].path[0].text
    for name, key, skip in (("table2", "proactive_disclosure", set()), ("table3", "requests", {results_label}),
                            ("table4", "review_and_litigation", set())):
        table = edition.table(key)
        for label_path, columns in cells[name].items():
            row_key = _row_for(table, label_path, skip)
            row = table.row_index[row_key]
            for column_text, raw in columns.items():
                column = next(c for c in row.columns if c.text == column_text)
                out[table.cell(row_key, column.key).pointer] = _value(raw, column.kind is Kind.MONEY)
    return out


def read_text(name: str) -> tuple[ReadResult, dict[str, Any]]:
    text = reference_file("reports", f"{name}.txt")
    cells = json.loads(reference_file("reports", f"{name}.cells.json").read_text(encoding="utf-8"))
    return TextReader().read(text.read_bytes(), source=str(text)), cells


def assert_cells(report: ds.Report, expected: dict[str, Value], skip: frozenset[str] = frozenset()) -> None:
    wrong = {p: (report.cell(p), v) for p, v in expected.items() if p not in skip and report.cell(p) != v}
    assert not wrong, wrong
    for pointer, value in expected.items():
        if pointer not in skip:
            assert type(report.cell(pointer)) is type(value), pointer


def relation_errors(report: ds.Report) -> list[tuple[str, str]]:
    return sorted((v.code, v.pointer) for v in ds.check(report) if v.code.startswith("R"))


@pytest.mark.parametrize("name", CLEAN)
def test_every_cell_of_the_clean_reports(name: str) -> None:
    result, cells = read_text(name)
    assert result.report.edition == cells["edition"]
    assert result.report.year == cells["year"]
    expected = expected_cells(cells)
    assert len(expected) == len(ds.Report.empty(cells["edition"], 2020).spec.cells)
    assert_cells(result.report, expected)


@pytest.mark.parametrize("name", ["beifeng-2020", "huaian-2024", "suqian-2023"])
def test_consistent_reports_have_no_relation_errors(name: str) -> None:
    result, _ = read_text(name)
    assert relation_errors(result.report) == []


def test_shanghai_fails_exactly_where_the_published_report_does() -> None:
    result, _ = read_text("shanghai-2019")
    report = result.report
    requests = report.requests
    expected = {("R2.mismatch", "/requests/results/total/total")}
    for row in requests.spec.rows:
        if not row.key.startswith("results/") or row.key == "results/total":
            continue
        total = requests.get(row.key, "total")
        applicants = [requests.get(row.key, c.key) for c in row.columns if c.key != "total"]
        if total is None and any(applicants):
            expected.add(("R3.mismatch", f"/requests/{row.key}/total"))
    assert len(expected) > 5
    assert set(relation_errors(report)) == expected
    assert any(v.code == "completeness.blank_cell" for v in ds.check(report))


def test_shanghai_text_contradicting_tables_is_noted() -> None:
    result, _ = read_text("shanghai-2019")
    mismatches = [n for n in result.notes if n.code == "narrative.mismatch"]
    assert {("258" in n.zh and "275" in n.zh) for n in mismatches} == {True, False} or len(mismatches) == 2
    assert any("265" in n.zh and "337" in n.zh and "无法提供265件" in n.zh for n in mismatches)
    assert all("“" in n.zh for n in mismatches)


def test_money_with_unit_is_converted_and_noted() -> None:
    result, _ = read_text("shanghai-2019")
    assert result.report.cell("/proactive_disclosure/article_20_9/procurement/amount") == Decimal("251000")
    assert any(n.code == "cell.normalised" and n.pointer == "/proactive_disclosure/article_20_9/procurement/amount"
               for n in result.notes)


def test_suqian_abbreviations_are_read_and_noted() -> None:
    result, _ = read_text("suqian-2023")
    abbreviated = [n for n in result.notes if n.code == "label.abbreviated"]
    assert {n.zh.split("”")[0].split("“")[1] for n in abbreviated} == {"（二）部分公开", "1.逾期不补正", "2.逾期不缴费"}


def test_huaian_label_split_over_rows_is_joined_and_noted() -> None:
    result, _ = read_text("huaian-2024")
    assert any(n.code == "label.split" and "（四）无法提供" in n.zh for n in result.notes)
    assert not [n for n in result.notes if n.code == "narrative.mismatch"]


def test_pingtan_text_run_together_cells_are_settled_or_unread_never_guessed() -> None:
    result, cells = read_text("pingtan-2021")
    report = result.report
    expected = expected_cells(cells)
    for pointer, value in expected.items():
        got = report.cell(pointer)
        assert got is None or got == value, (pointer, got, value)  # never a wrong split
    run_together = [n for n in result.notes if n.code == "cells.run_together"]
    assert [n.pointer for n in run_together] == ["/proactive_disclosure/article_20_1/normative_documents"]
    assert "693665" in run_together[0].zh and "69 | 3 | 665" in run_together[0].zh
    missing = {p for p, v in expected.items() if report.cell(p) is None and v is not None}
    assert missing == {f"/proactive_disclosure/article_20_1/normative_documents/{c}" for c in ("issued", "repealed", "in_force")}
    assert report.cell("/proactive_disclosure/article_20_1/regulations/in_force") == 0  # "000": 3 digits, 3 cells
    assert report.cell("/proactive_disclosure/article_20_8/fees/amount") == Decimal("24252.311082")
    settled = {n.pointer for n in result.notes if n.code == "cells.settled"}
    assert {"/requests/received", "/requests/results/disclosed", "/requests/results/total", None} <= settled
    assert report.cell("/requests/results/disclosed/natural_person") == 27  # 2|7|0|0|20|1|30 also fits R3; R2 decides
    assert report.cell("/review_and_litigation/litigation/direct/total") == 12


def test_beifeng_envelope_matches_the_shipped_example() -> None:
    result, _ = read_text("beifeng-2020")
    example = ds.load(Path(__file__).resolve().parents[1] / "examples" / "beifeng-2020.json")
    got = result.report
    for field in ("issuer", "document_number", "title", "statistics_period", "publication", "contact",
                  "signature_date", "copy_to", "printed_by", "printed_date", "preamble"):
        assert getattr(got, field) == getattr(example, field), field
    assert list(got.sections) == list(example.sections)
    for key, section in example.sections.items():
        assert got.sections[key].heading == section.heading
        assert got.sections[key].blocks == section.blocks, key


def test_huaian_envelope_and_hard_wrapped_paragraphs() -> None:
    result, _ = read_text("huaian-2024")
    report = result.report
    assert report.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert report.issuer == "淮安市人民政府"
    assert report.contact is not None and report.contact.postcode == "223001"
    assert report.contact.email == "hazwgkc@163.com"
    overview = report.sections["overview"].blocks
    assert [b.text[:6] for b in overview] == ["2024年，", "（一）主动公开", "（二）依申请公", "（三）政府信息", "（四）政府信息",
                                             "（五）政府信息"] or len(overview) == 6
    assert report.sections["other_matters"].blocks[0].text.endswith("3940 元。")


def test_edition_comes_from_labels_not_the_year() -> None:
    result, _ = read_text("beifeng-2020")
    doc_text = reference_file("reports", "beifeng-2020.txt").read_text(encoding="utf-8")
    relabelled = doc_text.replace("2020年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告")
    later = TextReader().read(relabelled.encode(), source="beifeng-as-2022")
    assert later.report.edition == "2019" and later.report.year == 2022
    assert any(n.code == "edition.layout" for n in later.notes)
    assert result.report.values() is not None


def _grid(rows: list[list[str]]) -> Grid:
    return Grid(tuple(tuple(SourceCell(t, f"r{r}c{c}") for c, t in enumerate(row)) for r, row in enumerate(rows)), "t")


def test_hand_built_document_with_repeated_heading_and_split_label() -> None:
    edition = EDITIONS["2021"]
    requests = edition.table("requests")
    columns = [c.text for c in requests.rows[0].columns]
    rows: list[list[str]] = [["", *columns]]
    for row in requests.rows:
        labels = [label.text for label in row.path]
        rows.append([labels[-1], *[str(n) for n in range(7)]])
    # a page break: the level-1 heading printed again, and one label split over two rows
    split_at = next(i for i, r in enumerate(rows) if r[0].startswith("2.其他法律"))
    label = rows[split_at][0]
    rows[split_at][0] = label[:-1]
    rows.insert(split_at + 1, [label[-1]])
    rows.insert(5, [requests.rows[2].path[0].text])
    headings = [s.heading for s in edition.sections]
    document = (Line("某某局2023年政府信息公开工作年度报告", "l1"), Line(headings[0], "l2"), Line(headings[2], "l3"),
                _grid(rows), Line(headings[4], "l4"))
    result = recognize(document, "hand")
    report = result.report
    assert report.year == 2023 and report.issuer == "某某局"
    for row in requests.rows:
        key = row.key
        assert [report.requests.get(key, c.key) for c in row.columns] == list(range(7)), key
    assert any(n.code == "label.split" for n in result.notes)


def test_unidentified_row_is_noted_not_guessed() -> None:
    edition = EDITIONS["2021"]
    requests = edition.table("requests")
    columns = [c.text for c in requests.rows[0].columns]
    rows = [["", *columns], [requests.rows[0].path[0].text, *"1234567"], ["某种未知情形", *"7654321"]]
    document = (Line("某某局2023年政府信息公开工作年度报告", "l1"), _grid(rows))
    result = recognize(document, "hand")
    assert result.report.requests.get("received", "natural_person") == 1
    assert any(n.code == "label.unknown" and "某种未知情形" in n.zh for n in result.notes)
    assert 7654321 not in [v for _, v in result.report.values()]


def test_a_short_row_is_unread_never_filled_left_to_right() -> None:
    edition = EDITIONS["2021"]
    requests = edition.table("requests")
    rows = [[requests.rows[0].path[0].text, "1", "2", "3"]]
    result = recognize((Line("某某局2023年政府信息公开工作年度报告", "l1"), _grid(rows)), "hand")
    assert result.report.requests.get("received", "natural_person") is None
    assert "/requests/received/natural_person" in result.report.reading.unread
    assert any(n.code == "row.short" and "3 个数值" in n.zh for n in result.notes)


def test_not_a_report_is_refused() -> None:
    with pytest.raises(ReadError) as info:
        recognize((Line("今天天气很好。", "l1"), Line("明天也是。", "l2")), "weather")
    assert info.value.notes[0].code == "read.not_a_report"


def test_expand_lays_spans_out() -> None:
    grid = Grid(((SourceCell("a", "1", rowspan=2), SourceCell("b", "2", colspan=2)),
                 (SourceCell("c", "3"), SourceCell("d", "4"))), "g")
    matrix = expand(grid)
    assert [[c.text if c else None for c in row] for row in matrix] == [["a", "b", None], [None, "c", "d"]]


def test_huaian_sections_match_the_shipped_example() -> None:
    result, _ = read_text("huaian-2024")
    example = ds.load(Path(__file__).resolve().parents[1] / "examples" / "huaian-2024.json")
    assert result.report.sections == example.sections
    for field in ("issuer", "title", "statistics_period", "contact"):
        assert getattr(result.report, field) == getattr(example, field), field


def test_narrative_figure_contradicting_the_table_is_noted_with_both_values() -> None:
    text = reference_file("reports", "huaian-2024.txt").read_text(encoding="utf-8")
    assert "受理政府信息公开申请 3119 件" in text
    changed = text.replace("受理政府信息公开申请 3119 件", "受理政府信息公开申请 17 件")
    result = TextReader().read(changed.encode(), source="huaian-changed")
    mismatches = [n for n in result.notes if n.code == "narrative.mismatch"]
    assert len(mismatches) == 1
    note = mismatches[0]
    assert "17" in note.zh and "3119" in note.zh and "受理政府信息公开申请 17 件" in note.zh
    assert "17" in note.en and "3119" in note.en


def test_hand_built_2019_layout_in_a_2022_report_with_variants() -> None:
    edition = EDITIONS["2019"]
    proactive = edition.table("proactive_disclosure")
    rows: list[list[str]] = []
    for caption in dict.fromkeys(r.path[0].text for r in proactive.rows):
        members = [r for r in proactive.rows if r.path[0].text == caption]
        rows.append([caption])
        rows.append([proactive.row_header or "", *[c.text for c in members[0].columns]])
        for r in members:
            rows.append([r.text, *["１２" if c.kind.value == "count" else "5万元" for c in r.columns]])
    doc = (Line("某某局2022年政府信息公开工作年度报告", "l1"), _grid(rows))
    result = recognize(doc, "hand")
    report = result.report
    assert report.edition == "2019" and report.year == 2022
    assert report.proactive_disclosure.get("article_20_9/procurement", "amount") == Decimal("50000")
    assert report.proactive_disclosure.get("article_20_1/regulations", "made") == 12
    codes = {n.code for n in result.notes}
    assert {"edition.layout", "cell.normalised"} <= codes


def test_one_row_where_the_edition_has_sub_rows_is_noted_not_spread() -> None:
    edition = EDITIONS["2021"]
    requests = edition.table("requests")
    group = next(r.path[1] for r in requests.rows if len(r.path) == 3 and r.path[1].key == "other_handling")
    columns = [c.text for c in requests.rows[0].columns]
    rows = [["", *columns], [group.text, *"1000001"]]
    result = recognize((Line("某某局2023年政府信息公开工作年度报告", "l1"), _grid(rows)), "hand")
    assert all(result.report.requests.get(row.key, "total") is None
               for row in requests.rows if row.key.startswith("results/other_handling/"))
    assert any(n.code == "row.group_values" and "1 | 0" in n.zh for n in result.notes)


def test_missing_envelope_items_are_noted() -> None:
    result, _ = read_text("suqian-2023")  # rebuilt from a comparison: no opening paragraph
    codes = {n.code for n in result.notes}
    assert {"envelope.no_period", "envelope.no_contact"} <= codes
    complete, _ = read_text("beifeng-2020")
    assert not {n.code for n in complete.notes if n.code.startswith("envelope.")}
