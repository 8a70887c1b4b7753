"""The published JSON Schema and rules: in sync with the declaration, usable by a stock validator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT, valid_reports
from hypothesis import given, settings

import disclosure_schema as ds
import disclosure_schema.validation
from disclosure_schema.rules import dumps_rules
from disclosure_schema.schema import dumps_schema
from disclosure_schema.taxonomy import EDITIONS

SCHEMAS = ROOT / "schemas"
INVALID = ROOT / "tests" / "data" / "invalid"


def validator(edition: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"annual-report-{edition}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_published_files_are_the_declarations_output(edition: str) -> None:
    assert (SCHEMAS / f"annual-report-{edition}.schema.json").read_text(encoding="utf-8") == dumps_schema(edition)
    assert (SCHEMAS / f"rules-{edition}.json").read_text(encoding="utf-8") == dumps_rules(edition)


def test_schema_accepts_every_example() -> None:
    for path in EXAMPLES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        errors = list(validator(data["edition"]).iter_errors(data))
        assert errors == [], (path, errors[:3])


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.json")), ids=lambda p: p.stem)
def test_schema_and_loader_reject_malformed_documents(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=float)
    edition = data.get("edition") if data.get("edition") in EDITIONS else "2021"
    assert list(validator(edition).iter_errors(data)), path.name
    result = ds.validation.validate_file(path)
    assert not result.valid


@settings(max_examples=30, deadline=None)
@given(valid_reports())
def test_schema_accepts_generated_reports(report: ds.Report) -> None:
    data = json.loads(ds.dumps(report))
    assert list(validator(report.edition).iter_errors(data)) == []


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = schema["properties"]
    return props


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_table_property_carries_its_official_label(edition: str) -> None:
    schema = ds.json_schema(edition)
    spec = EDITIONS[edition]
    for table in spec.tables:
        table_schema = _properties(schema)[table.key]
        assert table_schema["title"] == next(s.heading for s in spec.sections if s.table == table.key)
        for cell in table.cells:
            node = table_schema
            for part in cell.row.path:
                node = _properties(node)[part.key]
                assert node["title"] == part.text
            assert _properties(node)[cell.column.key]["title"] == cell.column.text
    for section in spec.sections:
        assert _properties(_properties(schema)["sections"])[section.key]["title"] == section.heading


def test_rules_document_names_every_check_with_pointers() -> None:
    rules = ds.rules_document("2021")
    ids = [r["id"] for r in rules["relations"]]
    assert ids == ["R1", "R2", "R3", "R4", "X1", "X2"]
    r2 = next(r for r in rules["relations"] if r["id"] == "R2")
    assert len(r2["checks"]) == 7
    first = r2["checks"][0]
    assert first["target"] == "/requests/results/total/natural_person"
    assert {"pointer": "/requests/results/disclosed/natural_person", "sign": 1} in first["equals_sum_of"]
    cells = set(EDITIONS["2021"].cells)
    for relation in rules["relations"]:
        for check in relation["checks"]:
            assert check["target"] in cells
            assert all(op["pointer"] in cells for op in check["equals_sum_of"])


def test_rules_as_data_reproduce_the_python_checker() -> None:
    """An integrator who implements the published rules gets the same verdicts as the checker."""
    report = ds.load(EXAMPLES / "huaian-2024.json").with_cells({"/requests/results/disclosed/other": 9})
    data = json.loads(ds.dumps(report))

    def at(pointer: str) -> int:
        node: Any = data
        for part in pointer.strip("/").split("/"):
            node = node[part]
        return 0 if node is None else int(node) if not isinstance(node, str) else 0

    failing = set()
    for relation in ds.rules_document("2021")["relations"]:
        if relation["scope"] != "one report":
            continue
        for check in relation["checks"]:
            if at(check["target"]) != sum(op["sign"] * at(op["pointer"]) for op in check["equals_sum_of"]):
                failing.add((relation["id"], check["target"]))
    from_checker = {
        (v.code.split(".")[0], v.pointer) for v in ds.check(report) if v.code.endswith(".mismatch")
    }
    assert failing == from_checker and failing
