"""Unread is not blank (issue 8): a cell the reader could not read is unknown, never 0, never blamed.

Covers the model's invariants, the JSON form and its schema, the checker's not-checkable findings,
two-sided messages where a computed value is impossible, the coverage counts, ``validate``'s summary,
and the roll-up, tidy and series views of unread cells.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from conftest import EXAMPLES, ROOT, reference, valid_reports
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.aggregate import UnreadNote, aggregate_with_notes
from disclosure_schema.checker import coverage
from disclosure_schema.cli import main
from disclosure_schema.plugins import get_exporter
from disclosure_schema.rules import checks_for
from disclosure_schema.series import FIGURES, check_series
from disclosure_schema.taxonomy import EDITIONS, Level
from disclosure_schema.taxonomy.common import CARRIED_FORWARD, CARRIED_OVER, RECEIVED, RESULTS_TOTAL

HUAIAN = EXAMPLES / "huaian-2024.json"
DISCLOSED_NP = "/requests/results/disclosed/natural_person"
TOTAL_NP = "/requests/results/total/natural_person"
COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_organization",
    "legal_service_institution",
    "other",
    "total",
)


def errors(report: ds.Report, previous: ds.Report | None = None) -> list[ds.Violation]:
    return [v for v in ds.check(report, previous) if v.level is Level.ERROR]


def codes(report: ds.Report, previous: ds.Report | None = None) -> list[tuple[str, str]]:
    return [(v.code, v.pointer) for v in ds.check(report, previous)]


def huaian() -> ds.Report:
    return ds.load(HUAIAN)


def schema_validator(edition: str) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / "schemas" / f"annual-report-{edition}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


# -- the model ------------------------------------------------------------------------------------


def test_default_reading_is_empty_and_left_out_of_json() -> None:
    report = huaian()
    assert report.reading == ds.Reading() and report.reading.is_empty
    assert "reading" not in json.loads(ds.dumps(report))


def test_with_unread_blanks_and_marks_the_cells() -> None:
    report = huaian().with_unread([DISCLOSED_NP])
    assert report.cell(DISCLOSED_NP) is None
    assert report.reading.unread == {DISCLOSED_NP}


def test_an_unread_cell_cannot_hold_a_value() -> None:
    report = huaian()
    with pytest.raises(ValueError, match=r"marked unread but holds .*None"):
        attrs.evolve(report, reading=ds.Reading([DISCLOSED_NP]))
    with pytest.raises(ValueError, match="marked unread"):
        report.with_unread([DISCLOSED_NP]).with_cells({DISCLOSED_NP: 3})


@pytest.mark.parametrize(
    ("reading", "message"),
    [
        (ds.Reading(["/requests/nowhere/total"]), "not a cell of edition 2021"),
        (ds.Reading(["/proactive_disclosure/article_20_1/regulations/previous_items"]), "not a cell"),
        (ds.Reading(settled={"/requests/received/total": ["R9/total"]}), "not a check of edition 2021"),
        (ds.Reading(settled={"/nowhere": ["R3/received"]}), "not a cell"),
    ],
)
def test_reading_must_fit_the_edition(reading: ds.Reading, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        attrs.evolve(huaian(), reading=reading)


def test_a_settled_cell_is_read_so_it_is_never_unread() -> None:
    report = huaian().with_unread([DISCLOSED_NP])
    with pytest.raises(ValueError, match="cannot be unread"):
        attrs.evolve(report, reading=ds.Reading([DISCLOSED_NP], {DISCLOSED_NP: ["R3/results/disclosed"]}))


def test_reading_refuses_malformed_collections() -> None:
    with pytest.raises(TypeError):
        ds.Reading("/requests/received/total")
    with pytest.raises(TypeError):
        ds.Reading(settled={"/requests/received/total": "R3/received"})
    with pytest.raises(ValueError, match="names no check"):
        ds.Reading(settled={"/requests/received/total": []})
    with pytest.raises(ValueError, match="twice"):
        ds.Reading(settled={"/requests/received/total": ["R3/received", "R3/received"]})


def test_a_report_with_a_reading_pickles_for_worker_processes() -> None:
    import pickle

    report = attrs.evolve(
        huaian().with_unread([DISCLOSED_NP]),
        reading=ds.Reading([DISCLOSED_NP], {"/requests/received/other": ["R3/received"]}),
    )
    assert pickle.loads(pickle.dumps(report)) == report


def test_reading_equality_ignores_the_order_checks_are_named_in() -> None:
    one = ds.Reading(settled={"/requests/received/other": ["R3/received", "R1/other"]})
    other = ds.Reading(settled={"/requests/received/other": ("R1/other", "R3/received")})
    assert one == other


# -- JSON and the schema --------------------------------------------------------------------------


def read_with_notes() -> ds.Report:
    report = huaian().with_unread([TOTAL_NP, DISCLOSED_NP, "/review_and_litigation/administrative_review/total"])
    settled = {"/requests/received/other": ("R3/received", "R1/other")}
    return attrs.evolve(report, reading=ds.Reading(report.reading.unread, settled))


def test_reading_round_trips_in_canonical_order() -> None:
    report = read_with_notes()
    text = ds.dumps(report)
    data = json.loads(text)
    assert list(data)[-1] == "reading"
    assert data["reading"] == {
        "unread": [DISCLOSED_NP, TOTAL_NP, "/review_and_litigation/administrative_review/total"],
        "settled": {"/requests/received/other": ["R1/other", "R3/received"]},
    }
    assert ds.loads(text) == report
    assert ds.dumps(ds.loads(text)) == text
    shuffled = dict(
        data, reading={"unread": list(reversed(data["reading"]["unread"])), **{"settled": data["reading"]["settled"]}}
    )
    assert ds.dumps(ds.structure_report(shuffled)) == text
    assert list(schema_validator("2021").iter_errors(data)) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_reading_round_trips_and_the_schema_accepts_it(data: st.DataObject) -> None:
    report = data.draw(valid_reports())
    pointers = sorted(report.spec.cells)
    unread = data.draw(st.sets(st.sampled_from(pointers), max_size=40))
    marked = report.with_unread(unread)
    text = ds.dumps(marked)
    assert ds.loads(text) == marked and ds.dumps(ds.loads(text)) == text
    assert list(schema_validator(report.edition).iter_errors(json.loads(text))) == []


def bad_reading(reading: Any, **cells: Any) -> dict[str, Any]:
    data = json.loads(ds.dumps(huaian().with_unread([TOTAL_NP])))
    data["reading"] = reading
    for pointer, value in cells.items():
        table, *path = pointer.split(".")
        node = data[table]
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return data


BAD_READINGS = [
    ([], [("/reading", "shape.not_object")]),
    ({"unread": [TOTAL_NP], "extra": 1}, [("/reading", "shape.unknown_key")]),
    ({"unread": TOTAL_NP}, [("/reading/unread", "shape.not_array")]),
    ({"unread": [TOTAL_NP, "/requests/nowhere"]}, [("/reading/unread/1", "shape.not_cell")]),
    ({"unread": [TOTAL_NP, 7]}, [("/reading/unread/1", "shape.not_string")]),
    ({"unread": [TOTAL_NP, TOTAL_NP]}, [("/reading/unread/1", "shape.repeated_item")]),
    (
        {"unread": [TOTAL_NP], "settled": {"/requests/received/total": ["R3/received", "R3/nowhere"]}},
        [("/reading/settled/~1requests~1received~1total/1", "shape.unknown_check")],
    ),
    (
        {"unread": [TOTAL_NP], "settled": {"/requests/received/total": ["R3/received", "R3/received"]}},
        [("/reading/settled/~1requests~1received~1total/1", "shape.repeated_item")],
    ),
    (
        {"unread": [TOTAL_NP], "settled": {"/requests/received/total": []}},
        [("/reading/settled/~1requests~1received~1total", "shape.no_check")],
    ),
    (
        {"unread": [TOTAL_NP], "settled": {TOTAL_NP: ["R2/natural_person"]}},
        [("/reading/settled/~1requests~1results~1total~1natural_person", "shape.settled_unread")],
    ),
    ({"unread": [TOTAL_NP, DISCLOSED_NP]}, [(DISCLOSED_NP, "shape.unread_has_value")]),
]


@pytest.mark.parametrize(("reading", "expected"), BAD_READINGS, ids=[e[1][0][1] for e in BAD_READINGS])
def test_malformed_reading_is_refused_located_and_explained(reading: Any, expected: list[tuple[str, str]]) -> None:
    data = bad_reading(reading)
    with pytest.raises(ds.ReportShapeError) as caught:
        ds.structure_report(data)
    found = [(v.pointer, v.code) for v in caught.value.violations]
    assert found == expected
    for violation in caught.value.violations:
        for lang in ("zh", "en"):
            message = violation.message(lang)
            assert violation.code not in message, message  # a real sentence, not the fallback
    if expected[0][1] not in ("shape.settled_unread", "shape.unread_has_value"):
        assert list(schema_validator("2021").iter_errors(data)), "the JSON Schema must refuse it too"


@pytest.mark.parametrize("reading", [{}, {"unread": []}, {"settled": {}}, {"unread": [], "settled": {}}])
def test_an_empty_reading_is_accepted_by_schema_and_library_and_left_out(reading: Any, tmp_path: Path) -> None:
    # docs/integrators.md: empty settled check lists are errors, an empty unread list is not.
    data = json.loads(HUAIAN.read_text(encoding="utf-8"))
    data["reading"] = reading
    assert not list(schema_validator("2021").iter_errors(data))
    report = ds.structure_report(data)
    assert ds.is_valid(report)
    ds.dump(report, tmp_path / "out.json")
    assert "reading" not in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


# -- the checker ----------------------------------------------------------------------------------


def test_an_unread_operand_makes_r2_not_checkable_and_the_report_stays_valid() -> None:
    report = huaian().with_unread([DISCLOSED_NP])
    assert errors(report) == []
    found = ds.check(report)
    r2 = [v for v in found if v.code == "R2.not_checkable"]
    assert [v.pointer for v in r2] == [TOTAL_NP]
    assert r2[0].level is Level.WARNING
    message = r2[0].message()
    assert "R2" in message and "（一）予以公开" in message and "自然人" in message and "未能读取" in message
    assert "not checked" in r2[0].message("en") or "cannot be checked" in r2[0].message("en")
    assert r2[0].to_json()["unread"] == [DISCLOSED_NP]
    r3 = [v for v in found if v.code == "R3.not_checkable"]
    assert [v.pointer for v in r3] == ["/requests/results/disclosed/total"]
    assert not [v for v in found if v.code == "completeness.blank_cell"]
    unread = [v for v in found if v.code == "completeness.unread"]
    assert [v.pointer for v in unread] == ["/requests/results/disclosed"]
    assert unread[0].message().startswith("表三 （一）予以公开 行：自然人 列未能读取")
    assert "column 自然人 could not be read" in unread[0].message("en")


def test_one_unread_warning_per_row_naming_the_columns() -> None:
    row = [f"/requests/results/disclosed/{c}" for c in COLUMNS]
    report = huaian().with_unread([*row, "/requests/received/natural_person", "/requests/received/other"])
    unread = [v for v in ds.check(report) if v.code == "completeness.unread"]
    assert [v.pointer for v in unread] == ["/requests/received", "/requests/results/disclosed"]
    assert "自然人、法人或其他组织·其他 列" in unread[0].message()
    assert "全部 7 列" in unread[1].message()


def test_published_blanks_still_count_as_zero_and_are_warned_about() -> None:
    report = huaian().with_cells({DISCLOSED_NP: None})
    found = ds.check(report)
    assert (("completeness.blank_cell", DISCLOSED_NP)) in [(v.code, v.pointer) for v in found]
    mismatch = [v for v in found if v.code == "R2.mismatch"]
    assert [v.pointer for v in mismatch] == [TOTAL_NP]
    assert not [v for v in found if v.code.endswith(".not_checkable")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_consistent_report_with_half_its_cells_unread_is_valid(data: st.DataObject) -> None:
    report = data.draw(valid_reports())
    pointers = sorted(report.spec.cells)
    half = data.draw(st.permutations(pointers))[: len(pointers) // 2]
    marked = report.with_unread(half)
    assert errors(marked) == []
    tally = coverage(marked)
    assert tally.failed == 0 and tally.not_checkable > 0
    assert tally.total == coverage(report).total


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_marking_cells_unread_never_adds_an_error(data: st.DataObject) -> None:
    report = data.draw(valid_reports())
    cells = [cell for cell, value in report.values() if isinstance(value, int)]
    for cell in data.draw(st.lists(st.sampled_from(cells), max_size=3)):
        value = report.cell(cell.pointer)
        assert isinstance(value, int)
        report = report.with_cells({cell.pointer: value + data.draw(st.integers(-60, 60))})
    before = {(v.code, v.pointer) for v in errors(report)}
    unread = data.draw(st.sets(st.sampled_from(sorted(report.spec.cells)), max_size=60))
    marked = report.with_unread(unread)
    after = {(v.code, v.pointer) for v in errors(marked)}
    assert after <= before
    if not before:
        assert ds.is_valid(marked)


def test_an_inconsistent_checkable_relation_is_still_an_error() -> None:
    report = (
        huaian()
        .with_cells({"/requests/received/natural_person": 1})
        .with_unread([f"/review_and_litigation/administrative_review/{c}" for c in ("upheld", "total")])
    )
    found = errors(report)
    assert ("R3.mismatch", "/requests/received/total") in [(v.code, v.pointer) for v in found]
    assert not [v for v in found if v.code.startswith("R4")]


def test_x1_across_last_years_unread_cell_is_not_checkable() -> None:
    this = huaian()
    last = attrs.evolve(this, year=this.year - 1)
    last = last.with_cells(
        {f"/requests/carried_forward/{c}": this.cell(f"/requests/carried_over/{c}") for c in COLUMNS}
    )
    assert not [v for v in ds.check(this, last) if v.code.startswith("X1")]
    last = last.with_unread(["/requests/carried_forward/natural_person"])
    x1 = [v for v in ds.check(this, last) if v.code.startswith("X1")]
    assert [(v.code, v.pointer) for v in x1] == [("X1.not_checkable", "/requests/carried_over/natural_person")]
    assert "上年报告" in x1[0].message() and "last year's report" in x1[0].message("en")
    assert x1[0].to_json()["unread"] == ["previous:/requests/carried_forward/natural_person"]
    tally = coverage(this, last)
    assert tally.not_checkable >= 1 and tally.total == coverage(this).total + len(
        [c for c in checks_for("2021") if c.relation.cross_year]
    )


def test_settled_checks_are_used_in_reading_not_verified() -> None:
    report = huaian()
    plain = coverage(report)
    settled = attrs.evolve(
        report,
        reading=ds.Reading(
            settled={"/requests/received/other": ["R3/received"], DISCLOSED_NP: ["R3/results/disclosed"]}
        ),
    )
    tally = coverage(settled)
    assert (tally.used_in_reading, tally.verified) == (2, plain.verified - 2)
    assert ds.check(settled) == ds.check(report)
    # A settled check that does not hold is no proof of anything: it fails like any other.
    broken = settled.with_cells({"/requests/received/other": 99})
    assert ("R3.mismatch", "/requests/received/total") in [(v.code, v.pointer) for v in errors(broken)]
    assert coverage(broken).used_in_reading == 1


def test_coverage_counts_every_check_once() -> None:
    report = huaian()
    same_report = [c for c in checks_for("2021") if not c.relation.cross_year]
    assert coverage(report) == ds.Coverage(verified=len(same_report))
    broken = report.with_cells({"/requests/results/disclosed/other": 9})
    found, tally = ds.check_with_coverage(broken)
    mismatches = [v for v in found if v.code.endswith(".mismatch")]
    assert tally.failed == len(mismatches) > 0
    assert tally.total == len(same_report)
    marked = broken.with_unread(["/requests/results/disclosed/other"])
    tally = coverage(marked)
    assert (tally.failed, tally.total) == (0, len(same_report))
    # the cell is an operand of R2 (its column) and R3 (its row), not of R1
    assert tally.not_checkable == len([v for v in ds.check(marked) if v.code.endswith(".not_checkable")]) == 2


# -- messages where the computed value is impossible ------------------------------------------------


def test_r1_with_blank_rows_gives_both_sides_never_a_negative_should_be() -> None:
    blank = ds.Report.empty("2021", 2025, blank=True).with_cells(
        {f"/requests/results/total/{c}": v for c, v in zip(COLUMNS, (710, 3, 0, 0, 5, 0, 718), strict=True)}
        | {f"/requests/carried_forward/{c}": v for c, v in zip(COLUMNS, (31, 0, 0, 0, 0, 0, 31), strict=True)}
    )
    r1 = next(v for v in ds.check(blank) if v.code == "R1.mismatch" and v.pointer.endswith("natural_person"))
    zh, en = r1.message(), r1.message("en")
    assert "应为 -" not in zh and "应为" not in zh and "gives -" not in en
    left = f"{RECEIVED.text} + {CARRIED_OVER.text} 合计 0"
    right = f"{RESULTS_TOTAL.text} + {CARRIED_FORWARD.text} 合计 741"
    assert f"两边不相等：{left}，{right}" in zh
    assert zh.index(left) < zh.index(right)  # as the statement prints it
    assert "空白单元格按 0 计" in zh and "add up to 741" in en
    assert r1.computed == -710 and r1.level is Level.ERROR  # the data keeps the computed value


@pytest.mark.parametrize(
    "pointer",
    [
        "/requests/received/natural_person",  # R3: total computed from a negative detail
        "/review_and_litigation/administrative_review/upheld",  # R4
        "/requests/results/disclosed/natural_person",  # R2
    ],
)
def test_no_relation_ever_says_a_negative_value_should_be(pointer: str) -> None:
    report = huaian()
    value = report.cell(pointer)
    assert isinstance(value, int)
    broken = report.with_cells({pointer: -(value + 10_000)})
    for violation in ds.check(broken):
        assert "应为 -" not in violation.message(), violation.message()
        assert "gives -" not in violation.message("en"), violation.message("en")
    assert any("两边不相等" in v.message() for v in ds.check(broken))


def test_r4_sides_follow_the_statement() -> None:
    report = huaian().with_cells({"/review_and_litigation/administrative_review/upheld": -50_000})
    r4 = next(v for v in ds.check(report) if v.code == "R4.mismatch")
    message = r4.message()
    spec = EDITIONS["2021"].table("review_and_litigation")
    row = spec.row_index["administrative_review"]
    outcomes = " + ".join(c.text for c in row.columns[:-1])
    assert f"两边不相等：{outcomes} 合计" in message
    assert message.index(outcomes) < message.index(f"，{row.columns[-1].text} 为")


def test_x2_negative_in_force_is_told_as_two_sides() -> None:
    this = ds.Report.empty("2021", 2024)
    last = ds.Report.empty("2021", 2023)
    this = this.with_cells({"/proactive_disclosure/article_20_1/regulations/repealed": 5})
    x2 = next(v for v in ds.check(this, last) if v.code == "X2.mismatch")
    assert x2.level is Level.WARNING
    assert "应为 -" not in x2.message() and "两边不相等" in x2.message()
    assert "上年报告" in x2.message()


# -- the reference case: validate-blank-as-zero ---------------------------------------------------


def blank_as_zero(*, rows_read: tuple[str, ...]) -> ds.Report:
    """The case's report as a reader that reads ``rows_read`` of table 三 (and 规章) should build it."""
    printed = {
        "received": (705, 3, 0, 0, 5, 0, 713),
        "carried_over": (36, 0, 0, 0, 0, 0, 36),
        "results/total": (710, 3, 0, 0, 5, 0, 718),
        "carried_forward": (31, 0, 0, 0, 0, 0, 31),
    }
    cells: dict[str, ds.Value] = {
        f"/proactive_disclosure/article_20_1/regulations/{c}": 0 for c in ("issued", "repealed", "in_force")
    }
    for row in rows_read:
        cells.update({f"/requests/{row}/{c}": v for c, v in zip(COLUMNS, printed[row], strict=True)})
    report = ds.Report.empty("2021", 2025, blank=True, issuer="某县人民政府").with_cells(cells)
    return report.with_unread([p for p in report.spec.cells if p not in cells])


def test_reference_case_blank_as_zero_every_printed_row_read() -> None:
    reference("cases", "validate-blank-as-zero.txt")
    report = blank_as_zero(rows_read=("received", "carried_over", "results/total", "carried_forward"))
    found = ds.check(report)
    assert errors(report) == []
    r2 = [v.pointer for v in found if v.code == "R2.not_checkable"]
    assert r2 == [f"/requests/results/total/{c}" for c in COLUMNS]
    assert not [v for v in found if v.code.startswith("R1")]  # R1's cells were all read, and it holds
    tally = coverage(report)
    assert tally.failed == 0 and tally.not_checkable == len([v for v in found if v.code.endswith(".not_checkable")])
    for violation in found:
        assert "应为 -" not in violation.message()
    message = next(v for v in found if v.code == "R2.not_checkable").message()
    assert "（一）予以公开 至 （六）其他处理 3.其他 共 21 行，自然人 列 未能读取" in message


def test_reference_case_blank_as_zero_result_rows_not_placed() -> None:
    reference("cases", "validate-blank-as-zero.txt")
    report = blank_as_zero(rows_read=("carried_forward",))
    found = ds.check(report)
    assert errors(report) == []
    targets = {(v.code, v.pointer) for v in found if v.code.endswith(".not_checkable")}
    for column in COLUMNS:
        assert ("R1.not_checkable", f"/requests/carried_forward/{column}") in targets
        assert ("R2.not_checkable", f"/requests/results/total/{column}") in targets
    r1 = next(v for v in found if v.code == "R1.not_checkable")
    assert RECEIVED.text in r1.message() and CARRIED_OVER.text in r1.message()
    assert all("应为 -" not in v.message() for v in found)


# -- validate -------------------------------------------------------------------------------------


def test_validate_says_how_many_relations_could_not_be_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "read.json"
    report = huaian().with_unread([DISCLOSED_NP])
    ds.dump(
        attrs.evolve(report, reading=ds.Reading(report.reading.unread, {"/requests/received/other": ["R3/received"]})),
        path,
    )
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()[0]
    assert out.startswith(f"{path}：有效（0 个错误，")
    assert "无法核对 2，读取时已使用 1" in out
    assert main(["validate", "--lang", "en", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()[0]
    assert "2 not checkable, 1 used in reading" in out and ": valid (" in out
    assert main(["validate", "--format", "json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)[0]
    checks = result["checks"]
    assert (checks["not_checkable"], checks["used_in_reading"], checks["failed"]) == (2, 1, 0)
    assert checks["checks"] == checks["verified"] + 3
    assert main(["validate", "--format", "jsonl", str(path), str(HUAIAN)]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["checks"]["not_checkable"] for line in lines] == [2, 0]
    assert "无法核对的勾稽关系共 2 项" in captured.err


def test_validate_still_fails_an_inconsistent_report_with_unread_cells(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    ds.dump(huaian().with_unread([DISCLOSED_NP]).with_cells({"/requests/received/other": 99}), path)
    assert main(["validate", str(path)]) == 1


def test_published_rules_reproduce_not_checkable() -> None:
    """An integrator who follows the published semantics finds the same not-checkable checks."""
    report = huaian().with_unread([DISCLOSED_NP, "/review_and_litigation/litigation/direct/upheld"])
    data = json.loads(ds.dumps(report))
    unread = set(data["reading"]["unread"])
    skipped = set()
    for relation in ds.rules_document("2021")["relations"]:
        if relation["scope"] != "one report":
            continue
        for chk in relation["checks"]:
            if {chk["target"], *(op["pointer"] for op in chk["equals_sum_of"])} & unread:
                skipped.add((relation["id"], chk["target"]))
    from_checker = {(v.code.split(".")[0], v.pointer) for v in ds.check(report) if v.code.endswith(".not_checkable")}
    assert skipped == from_checker and skipped
    assert "reading.unread" in ds.rules_document("2021")["semantics"]


# -- roll-up, tidy, series ------------------------------------------------------------------------


def test_a_sum_with_an_unread_part_is_unread() -> None:
    one = huaian()
    two = attrs.evolve(huaian(), issuer="淮安市某区人民政府").with_unread([DISCLOSED_NP])
    result = aggregate_with_notes([one, two], issuer="某市", names=["a.json", "b.json"])
    assert result.report.cell(DISCLOSED_NP) is None
    assert DISCLOSED_NP in result.report.reading.unread
    note = next(n for n in result.notes if isinstance(n, UnreadNote))
    assert note.unread_in == ("b.json",)
    assert "未能读取（b.json）" in note.message() and "unread in the sum" in note.message("en")
    assert errors(result.report) == []
    assert result.report.cell("/requests/received/total") == 2 * one.cell("/requests/received/total")  # type: ignore[operator]


def test_tidy_tells_blank_from_unread() -> None:
    report = huaian().with_cells({"/requests/received/other": None}).with_unread([DISCLOSED_NP])
    stream = io.BytesIO()
    get_exporter("csv").export(report, stream)
    text = stream.getvalue()[3:].decode("utf-8")
    import csv

    rows = {row["pointer"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert (rows[DISCLOSED_NP]["value"], rows[DISCLOSED_NP]["cell_status"]) == ("", "unread")
    assert (rows["/requests/received/other"]["value"], rows["/requests/received/other"]["cell_status"]) == ("", "blank")
    assert rows["/requests/received/total"]["cell_status"] == "printed"


def test_series_figures_and_x1_across_unread_cells() -> None:
    from test_series import follow

    last = attrs.evolve(huaian(), year=2023)
    this = follow(last, huaian())
    assert check_series([("2023.json", last), ("2024.json", this)]).valid
    last = last.with_unread(["/requests/carried_forward/total"])
    series = check_series([("2023.json", last), ("2024.json", this)])
    assert series.valid
    second = series.years[1]
    assert [v.code for v in second.findings if v.code.startswith("X1")] == ["X1.not_checkable"]
    carried_forward = next(f for f in FIGURES if f.key == "carried_forward")
    assert carried_forward.unread(last) and carried_forward.value(last) is None
    assert series.figures()[1]["carried_forward"] == this.cell("/requests/carried_forward/total")


def test_fill_totals_computes_nothing_from_or_into_unread_cells() -> None:
    report = huaian().with_cells({"/requests/results/disclosed/total": 0}).with_unread([DISCLOSED_NP])
    filled = ds.fill_totals(report)
    assert filled.cell(DISCLOSED_NP) is None and filled.reading == report.reading
    assert filled.cell("/requests/results/disclosed/total") == 0  # R3 of that row needs the unread cell
    assert isinstance(filled.cell("/requests/received/total"), int)
    assert Decimal(0) == Decimal(0)


def test_validate_text_never_shows_an_impossible_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.json"
    ds.dump(
        ds.Report.empty("2021", 2025, blank=True).with_cells(
            {"/requests/results/total/natural_person": 710, "/requests/carried_forward/natural_person": 31}
        ),
        path,
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "两边不相等" in out
    assert "应为 -" not in out and "-710" not in out and "− （七）总计 710" not in out
