"""The rules: valid reports pass, every single-cell change is caught and located, real failures found."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from conftest import EXAMPLES, reference, valid_reports
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.taxonomy import EDITIONS, Level


def errors(report: ds.Report, previous: ds.Report | None = None) -> list[ds.Violation]:
    return [v for v in ds.check(report, previous) if v.level is Level.ERROR]


@settings(max_examples=60, deadline=None)
@given(valid_reports())
def test_generated_valid_reports_pass(report: ds.Report) -> None:
    assert errors(report) == []


CHANGEABLE = [
    cell.pointer
    for edition in EDITIONS.values()
    for key in ("requests", "review_and_litigation")
    for cell in edition.table(key).cells
]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_changing_any_cell_of_tables_3_and_4_is_caught_and_located(data: st.DataObject) -> None:
    report = data.draw(valid_reports())
    cells = [c for c in report.values() if c[0].table.key in ("requests", "review_and_litigation")]
    cell, value = data.draw(st.sampled_from(cells))
    assert isinstance(value, int)
    delta = data.draw(st.integers(1, 50))
    changed = report.with_cells({cell.pointer: value + delta})
    found = errors(changed)
    assert found, cell.pointer
    for violation in found:
        involved = {violation.pointer, *(c.pointer for c in violation.contributions)}
        assert cell.pointer in involved
        assert violation.code.split(".")[0] in {"R1", "R2", "R3", "R4"}
        assert violation.reported is not None and violation.computed is not None
        assert violation.reported != violation.computed


def test_seed_report_is_valid_with_the_warnings_it_deserves() -> None:
    report = ds.load(EXAMPLES / "beifeng-2020.json")
    found = ds.check(report)
    assert errors(report) == []
    codes = sorted(v.code for v in found)
    assert codes == ["completeness.missing_section", "pattern.decisions_from_items"]
    missing = next(v for v in found if v.code == "completeness.missing_section")
    assert missing.pointer == "/sections/other_matters"
    assert "六、其他需要报告的事项" in missing.message()


def test_violation_carries_everything_a_clerk_needs() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json").with_cells({"/requests/results/total/natural_person": 2933})
    found = {v.code: v for v in errors(report)}
    assert set(found) == {"R1.mismatch", "R2.mismatch", "R3.mismatch"}
    r2 = found["R2.mismatch"]
    assert r2.pointer == "/requests/results/total/natural_person"
    assert r2.reported == 2933 and r2.computed == 2932
    assert r2.location is not None and r2.location.words() == "表三 （七）总计 行，自然人 列"
    assert "填报 2933" in r2.message() and "应为 2932" in r2.message()
    assert "reported 2933" in r2.message("en") and "gives 2932" in r2.message("en")
    assert len(r2.contributions) == 2 + 8 + 3 + 5 + 3
    assert {c.pointer for c in r2.contributions} >= {"/requests/results/disclosed/natural_person"}
    as_json = r2.to_json()
    assert as_json["reported"] == 2933 and as_json["computed"] == 2932


def test_negative_counts_are_errors_but_the_2019_change_column_is_signed() -> None:
    report = ds.Report.empty("2019", 2020).with_cells(
        {"/proactive_disclosure/article_20_5/licensing/change": -3, "/proactive_disclosure/article_20_1/regulations/made": -1}
    )
    negative = [v for v in ds.check(report) if v.code == "domain.negative"]
    assert [v.pointer for v in negative] == ["/proactive_disclosure/article_20_1/regulations/made"]


def _from_cells(edition: str, year: int, cells: dict) -> ds.Report:  # type: ignore[type-arg]
    changes: dict[str, ds.Value] = {}
    for table in EDITIONS[edition].tables:
        for cell in table.cells:
            path = [n.text for n in cell.row.path]
            if table.key == "proactive_disclosure":
                value = cells["table2"][cell.row.text][cell.column.text]
            elif table.key == "requests":
                value = cells["table3"]["/".join(path[1:] if len(path) > 1 else path)][cell.column.text]
            else:
                value = cells["table4"]["/".join(path)][cell.column.text]
            if cell.kind.value == "money" and value is not None:
                value = Decimal(str(value).rstrip("元"))
            changes[cell.pointer] = value
    return ds.Report.empty(edition, year).with_cells(changes)


def test_shanghai_2019_fails_exactly_on_its_blank_total_column() -> None:
    cells = json.loads(reference("reports", "shanghai-2019.cells.json").read_text(encoding="utf-8"))
    report = _from_cells("2019", 2019, cells)
    found = errors(report)
    assert {v.code for v in found} == {"R2.mismatch", "R3.mismatch"}
    assert all(v.pointer.endswith("/total") for v in found)
    assert [v.pointer for v in found if v.code == "R2.mismatch"] == ["/requests/results/total/total"]
    assert all(v.reported is None for v in found if v.code == "R3.mismatch")
    blanks = [v for v in ds.check(report) if v.code == "completeness.blank_cell"]
    assert blanks and all(v.level is Level.WARNING for v in blanks)


def test_other_reference_reports_hold_every_relation() -> None:
    for name in ("beifeng-2020", "huaian-2024", "suqian-2023", "pingtan-2021"):
        cells = json.loads(reference("reports", f"{name}.cells.json").read_text(encoding="utf-8"))
        assert errors(_from_cells(cells["edition"], cells["year"], cells)) == [], name


def test_x1_and_x2_across_consecutive_years() -> None:
    last = ds.load(EXAMPLES / "huaian-2024.json")
    last = ds.Report.empty("2021", 2023).with_cells({c.pointer: v for c, v in last.values()})
    this = ds.load(EXAMPLES / "huaian-2024.json")
    found = ds.check(this, previous=last)
    x1 = [v for v in found if v.code == "X1.mismatch"]
    assert {v.pointer for v in x1} == {"/requests/carried_over/natural_person", "/requests/carried_over/total"}
    assert all(v.level is Level.ERROR for v in x1)
    x2 = [v for v in found if v.code == "X2.mismatch"]
    assert {v.pointer for v in x2} == {
        "/proactive_disclosure/article_20_1/regulations/in_force",
        "/proactive_disclosure/article_20_1/normative_documents/in_force",
    }
    assert all(v.level is Level.WARNING for v in x2)


def test_cross_year_needs_consecutive_years() -> None:
    this = ds.Report.empty("2021", 2024)
    found = ds.check(this, previous=ds.Report.empty("2021", 2021))
    assert "cross_year.not_consecutive" in {v.code for v in found}
    assert not [v for v in found if v.code.startswith("X")]


def test_completeness_warnings() -> None:
    report = ds.Report.empty(
        "2019", 2022, statistics_period=ds.Period(dt.date(2021, 12, 1), dt.date(2022, 11, 30))
    )
    codes = {v.code for v in ds.check(report)}
    assert {"completeness.edition_year", "completeness.statistics_period", "completeness.missing_section"} <= codes
