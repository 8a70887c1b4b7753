"""The corpus of real published reports (``tests/corpus/``) and how a reading of one is scored.

Each source file ``tests/corpus/NAME.<ext>`` has ``tests/corpus-cells/NAME.cells.json``: every table
cell as a careful person reads it from the source (keyed by the official labels, ``null`` for a cell
printed blank), the cells the source itself leaves ambiguous (``unreadable``), and the expected
verdict.  ``tests/corpus-cells/SOURCES.md`` names where each file came from.  The hand-read cells
and the notes live beside the corpus, not in it, so that ``disclosure-schema validate tests/corpus``
meets only published reports (a directory walk takes every ``.json`` and ``.md``).  The reference
reports in ``../shared/reference/reports`` keep their ``NAME.cells.json`` beside the source.  Shared
by ``tests/test_corpus.py`` and ``benchmarks/bench_fidelity.py``.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import disclosure_schema as ds
from disclosure_schema.taxonomy import EDITIONS, Kind, Layout

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
CORPUS_CELLS = ROOT / "tests" / "corpus-cells"
REFERENCE = ROOT.parent / "shared" / "reference"
TABLE_KEYS = {"二": "table2", "三": "table3", "四": "table4"}


@attrs.frozen
class Entry:
    """One real report of the corpus: its source file and what a careful reader finds in it."""

    source: Path
    cells_file: Path

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def format(self) -> str:
        return self.source.suffix.lstrip(".").lower()

    def truth(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.cells_file.read_text(encoding="utf-8"))
        return data


def entries(*, with_reference: bool = True) -> Iterator[Entry]:
    """Every corpus report (and the reference reports in ../shared, when present) with its cells file."""
    folders = [(CORPUS_CELLS, CORPUS)]
    if with_reference:
        folders.append((REFERENCE / "reports", REFERENCE / "reports"))
    for cells_folder, folder in folders:
        if not cells_folder.is_dir():
            continue
        for cells in sorted(cells_folder.glob("*.cells.json")):
            stem = cells.name[: -len(".cells.json")]
            for source in sorted(folder.glob(glob.escape(stem) + ".*")):
                if source != cells and not source.name.endswith((".json", ".md5")):
                    yield Entry(source, cells)
    real = REFERENCE / "real"
    if with_reference and real.is_dir():
        for pdf in sorted(real.glob("*.pdf")) + sorted(real.glob("*.html")):
            cells = REFERENCE / "reports" / (pdf.stem + ".cells.json")
            if cells.exists():
                yield Entry(pdf, cells)


def expected_cells(truth: dict[str, Any]) -> tuple[dict[str, ds.Value], set[str]]:
    """The cells of a ``cells.json`` by JSON pointer, and the pointers its source leaves unreadable."""
    edition = EDITIONS[truth["edition"]]
    expected: dict[str, ds.Value] = {}
    by_key: dict[str, str] = {}
    for table in edition.tables:
        source = truth.get(TABLE_KEYS[table.number], {})
        for row in table.rows:
            path = row.path
            if table.layout is Layout.SUBTABLES:
                key = row.text
            elif table.layout is Layout.MATRIX and len(path) > 1:
                key = "/".join(label.text for label in path[1:])
            else:
                key = "/".join(label.text for label in path)
            for column in row.columns:
                cell = table.cell(row.key, column.key)
                by_key[f"{TABLE_KEYS[table.number]}/{key}/{column.text}"] = cell.pointer
                value = source.get(key, {}).get(column.text) if isinstance(source.get(key), dict) else None
                expected[cell.pointer] = _value(value, column.kind)
    unreadable = {by_key[k] for k in truth.get("unreadable", []) if k in by_key}
    return expected, unreadable


def _value(value: Any, kind: Kind) -> ds.Value:
    """A cells.json figure as the model holds it: money as ``Decimal`` (a unit such as 元 dropped), counts as int."""
    if value is None:
        return None
    if kind is Kind.MONEY:
        return Decimal(str(value).removesuffix("元"))
    return int(value)


@attrs.define
class Score:
    """Cells of one or more readings, compared with the truth."""

    expected: int = 0
    recovered: int = 0
    wrong: int = 0
    unread: int = 0
    wrong_cells: list[str] = attrs.field(factory=list)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.recovered += other.recovered
        self.wrong += other.wrong
        self.unread += other.unread
        self.wrong_cells.extend(other.wrong_cells)


def score(report: ds.Report, truth: dict[str, Any]) -> Score:
    """How many readable cells ``report`` recovered exactly, got wrong, or left unread."""
    expected, unreadable = expected_cells(truth)
    result = Score()
    unread = report.reading.unread
    for pointer, value in expected.items():
        if pointer in unreadable:
            continue
        result.expected += 1
        if pointer in unread:
            result.unread += 1
        elif report.cell(pointer) == value and type(report.cell(pointer)) is type(value):
            result.recovered += 1
        else:
            result.wrong += 1
            result.wrong_cells.append(f"{pointer}: read {report.cell(pointer)!r}, published {value!r}")
    return result


def verdict(report: ds.Report) -> str:
    """``valid`` or ``invalid``, as ``validate`` says."""
    return "valid" if ds.is_valid(report) else "invalid"
