"""Shared fixtures: the shipped examples, the reference reports, and generated reports."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.rules import checks_for
from disclosure_schema.taxonomy import EDITIONS, Kind

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REFERENCE = ROOT.parent / "shared" / "reference"


def reference(*parts: str) -> Path:
    """A file of the shared reference material; skips the test when it is not there."""
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference file {path} not available")
    return path


@pytest.fixture(params=["beifeng-2020", "huaian-2024"])
def example_path(request: pytest.FixtureRequest) -> Path:
    """Each shipped example report."""
    path: Path = EXAMPLES / f"{request.param}.json"
    return path


@pytest.fixture
def example(example_path: Path) -> ds.Report:
    return ds.load(example_path)


@st.composite
def valid_reports(draw: st.DrawFn, edition: str | None = None) -> ds.Report:
    """A report whose every relation (R1-R4) holds, with random details."""
    edition = edition or draw(st.sampled_from(sorted(EDITIONS)))
    year = draw(st.integers(2019, 2020) if edition == "2019" else st.integers(2021, 2030))
    report = ds.Report.empty(edition, year)
    small = st.integers(0, 5000)
    totals = {c.target.pointer for c in checks_for(edition) if c.relation.computes_total}
    changes: dict[str, ds.Value] = {}
    for cell, _ in report.values():
        if cell.pointer in totals or (cell.table.key == "requests" and cell.row.key in ("received", "carried_over")):
            continue
        if cell.kind is Kind.MONEY:
            changes[cell.pointer] = draw(st.decimals(0, 10**9, places=4, allow_nan=False, allow_infinity=False))
        elif cell.kind is Kind.SIGNED_COUNT:
            changes[cell.pointer] = draw(st.integers(-5000, 5000))
        else:
            changes[cell.pointer] = draw(small)
    report = ds.fill_totals(report.with_cells(changes))
    table = report.requests
    # R1: split what was handled plus what is carried forward between new and carried-over requests.
    balance: dict[str, ds.Value] = {}
    for column in table.spec.row_index["received"].columns:
        if column.key == "total":
            continue
        due = table.get("results/total", column.key) + table.get("carried_forward", column.key)  # type: ignore[operator]
        carried = draw(st.integers(0, due))
        balance[f"/requests/carried_over/{column.key}"] = carried
        balance[f"/requests/received/{column.key}"] = due - carried
    return ds.fill_totals(report.with_cells(balance))


def money(value: str) -> Decimal:
    return Decimal(value)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: the short fuzz campaign (tests/fuzz, benchmarks/fuzz.py; about a minute)")


@pytest.fixture(autouse=True)
def _fresh_reader_lookup() -> Iterator[None]:
    """Tests replace readers (monkeypatch); the suffix-to-reader map is looked up afresh around each test."""
    from disclosure_schema.sources import forget_readers

    forget_readers()
    yield
    forget_readers()
