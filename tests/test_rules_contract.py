"""The rules document is a contract: an implementation written from it alone agrees with the checker.

``tests/contract/rules_contract.mjs`` implements ``schemas/rules-<edition>.json`` in
JavaScript from the document only (semantics, evaluation, relations).  On 1,000
generated report pairs across both editions -- blanks, broken sums, previous
reports of the other edition, of another body, of a non-consecutive year -- its
findings must be exactly the checker's relation findings.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from conftest import ROOT

import disclosure_schema as ds
from disclosure_schema.rules import checks_for
from disclosure_schema.taxonomy import Kind

PAIRS = 1000
BODIES = ("甲县人民政府", "乙县教育局", "丙镇人民政府", "丁县甲县人民政府", "教育局")
"""Names that end with another: 丁县甲县人民政府 matches 甲县人民政府 by the rule (a region in front);
教育局 is too short to match 乙县教育局.  Both implementations must draw the same line."""


def _report(rng: random.Random, edition: str, year: int, issuer: str | None) -> ds.Report:
    report = ds.Report.empty(edition, year, issuer=issuer)
    totals = {c.target.pointer for c in checks_for(edition) if c.relation.computes_total}
    changes: dict[str, ds.Value] = {}
    for cell, _ in report.values():
        if cell.pointer in totals:
            continue
        if cell.kind is Kind.MONEY:
            changes[cell.pointer] = Decimal(f"{rng.randint(0, 9999)}.{rng.randint(0, 99):02d}") if rng.random() < 0.9 else None
        elif cell.kind is Kind.SIGNED_COUNT:
            changes[cell.pointer] = rng.randint(-30, 30)
        else:
            changes[cell.pointer] = rng.randint(0, 40) if rng.random() < 0.9 else None
    return ds.fill_totals(report.with_cells(changes))


def _settle(rng: random.Random, report: ds.Report) -> ds.Report:
    """Make R1 hold in most columns (carried forward = received + carried over - handled), then break a few cells."""
    fixes: dict[str, ds.Value] = {}
    fix_all = rng.random() < 0.7
    for column in (c.column.key for c in report.requests.spec.cells if c.row.key == "carried_forward"):
        if fix_all or rng.random() < 0.5:
            values = [report.cell(f"/requests/{row}/{column}") or 0 for row in ("received", "carried_over", "results/total")]
            fixes[f"/requests/carried_forward/{column}"] = values[0] + values[1] - values[2]  # type: ignore[operator]
    report = report.with_cells(fixes)
    for _ in range(rng.choice((0, 0, 0, 0, 1, 2, 3))):
        cell = rng.choice([c for c, _ in report.values() if c.kind is Kind.COUNT])
        report = report.with_cells({cell.pointer: rng.choice((None, rng.randint(0, 99)))})
    return report


def _pair(rng: random.Random) -> tuple[ds.Report, ds.Report | None]:
    edition = rng.choice(("2019", "2021"))
    year = rng.randint(2020, 2020) if edition == "2019" else rng.randint(2021, 2026)
    if edition == "2019" and rng.random() < 0.3:
        year = 2019 + rng.randint(1, 4)  # a late 2019-edition report exists (format.md)
    body = rng.choice(BODIES)
    report = _report(rng, edition, year, body)
    if rng.random() < 0.1:
        return _settle(rng, report), None
    roll = rng.random()
    previous_year = year - 1 if roll < 0.8 else year - rng.choice((2, 3, 0))
    previous_body: str | None = body
    choice = rng.random()
    if choice < 0.12:
        previous_body = rng.choice([b for b in BODIES if b != body])
    elif choice < 0.17:
        previous_body = " ".join(body)  # the same body, typed with spaces
    elif choice < 0.2:
        previous_body = rng.choice(("某市", "某省某市", "某市", "")) + body  # the same body named with its region
    elif choice < 0.25:
        previous_body = None
    previous_edition = "2019" if previous_year < 2021 or rng.random() < 0.2 else "2021"
    previous = _settle(rng, _report(rng, previous_edition, max(2019, previous_year), previous_body))
    if rng.random() < 0.85:  # X1 holds in most pairs
        carried = {
            f"/requests/carried_over/{cell.column.key}": previous.cell(f"/requests/carried_forward/{cell.column.key}")
            for cell in report.requests.spec.cells
            if cell.row.key == "carried_over"
        }
        report = report.with_cells(carried)
    if report.edition == "2021" and previous.edition == "2021" and rng.random() < 0.85:  # and X2
        table = report.proactive_disclosure
        stock = {}
        for row in ("article_20_1/regulations", "article_20_1/normative_documents"):
            parts = [previous.cell(f"/proactive_disclosure/{row}/in_force"), table.get(row, "issued"), table.get(row, "repealed")]
            stock[f"/proactive_disclosure/{row}/in_force"] = (parts[0] or 0) + (parts[1] or 0) - (parts[2] or 0)  # type: ignore[operator]
        report = report.with_cells(stock)
    return _settle(rng, report), previous


def python_findings(report: ds.Report, previous: ds.Report | None) -> list[str]:
    found = []
    for v in ds.check(report, previous):
        if v.code.endswith(".mismatch"):
            found.append(f"{v.code} {v.pointer} {v.computed}")
        elif v.code.startswith("cross_year."):
            found.append(f"{v.code} {v.pointer} -")
    return sorted(found)


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed (scripts/setup.sh installs it)")
    return found


def test_javascript_from_the_rules_document_agrees_on_1000_pairs(node: str, tmp_path: Path) -> None:
    rng = random.Random(13)
    pairs = [_pair(rng) for _ in range(PAIRS)]
    lines = [
        json.dumps({"report": ds.unstructure_report(r), "previous": ds.unstructure_report(p) if p else None}, ensure_ascii=False)
        for r, p in pairs
    ]
    data = tmp_path / "pairs.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = subprocess.run([node, str(ROOT / "tests" / "contract" / "rules_contract.mjs"), str(ROOT / "schemas"), str(data)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    theirs = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(theirs) == PAIRS
    ours = [python_findings(r, p) for r, p in pairs]
    disagreements = [(i, a, b) for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    assert not disagreements, disagreements[:3]
    # The pairs exercise what the contract is about; a generator that never did would prove nothing.
    codes = [f.split()[0] for found in ours for f in found]
    for code in ("R1.mismatch", "R2.mismatch", "R3.mismatch", "X1.mismatch", "X2.mismatch", "cross_year.other_body", "cross_year.not_consecutive"):
        assert code in codes, code
    cross_edition = sum(1 for r, p in pairs if p is not None and (r.edition, p.edition) == ("2021", "2019") and p.year == r.year - 1)
    assert cross_edition > 20
    assert sum(1 for found in ours if not found) > 50  # and pairs where everything holds


def test_x2_is_not_applicable_when_the_previous_report_has_no_in_force_cell() -> None:
    previous = ds.Report.empty("2019", 2020, issuer="甲县人民政府")
    report = ds.Report.empty("2021", 2021, issuer="甲县人民政府").with_cells({"/proactive_disclosure/article_20_1/regulations/in_force": 7})
    codes = {v.code for v in ds.check(report, previous)}
    assert "X2.mismatch" not in codes  # counting the absent cell as 0 would give 7 ≠ 0
    document = ds.rules_document("2021")
    assert "not applicable" in document["evaluation"]["absent_pointer"]
    assert "0" in document["evaluation"]["blank_target"]


def test_previous_report_of_another_body_or_year_is_said_not_checked() -> None:
    report = ds.Report.empty("2021", 2024, issuer="甲县人民政府").with_cells({"/requests/carried_over/total": 5})
    other = ds.Report.empty("2021", 2023, issuer="乙县人民政府")
    found = ds.check(report, other)
    assert {v.code for v in found} >= {"cross_year.other_body"} and not any(v.code.startswith("X1") for v in found)
    assert "不是同一机关" in next(v for v in found if v.code == "cross_year.other_body").message()
    same = attrs.evolve(other, issuer="甲县 人民政府")
    assert any(v.code == "X1.mismatch" for v in ds.check(report, same))
    older = attrs.evolve(same, year=2022)
    found = ds.check(report, older)
    assert any(v.code == "cross_year.not_consecutive" for v in found) and not any(v.code.startswith("X1") for v in found)


def test_schema_ties_dollar_schema_to_edition() -> None:
    schema = ds.json_schema("2021")
    assert schema["properties"]["$schema"]["const"] == "urn:disclosure-schema:annual-report-2021"
    document = ds.unstructure_report(ds.Report.empty("2021", 2024))
    document["$schema"] = "urn:disclosure-schema:annual-report-2019"
    with pytest.raises(ds.ReportShapeError) as info:
        ds.structure_report(document)
    assert [v.code for v in info.value.violations] == ["shape.schema_edition"]
