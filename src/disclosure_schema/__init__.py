"""disclosure-schema: China's annual report on open government information work as typed data.

Build a report in code or load it from JSON, check its sums and completeness,
and write it back::

    import disclosure_schema as ds

    report = ds.load("examples/huaian-2024.json")
    for finding in ds.check(report):
        print(finding.message())          # Chinese; finding.message("en") for English
    ds.dump(ds.fill_totals(report), "out.json")

The official format is declared once per edition in :mod:`disclosure_schema.taxonomy`;
the model, JSON Schema, rules, exporters and readers derive from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _startup  # noqa: F401 -- first: Ctrl-C while the command line starts ends quietly

if TYPE_CHECKING:
    from .checker import Coverage, check, check_with_coverage, coverage, is_valid
    from .converter import CONVERTER, ReportShapeError, structure_report, unstructure_report
    from .io import dump, dumps, load, loads
    from .model import TABLE_KEYS, Block, BlockKind, Contact, Period, Reading, Report, Section, TableData, Value
    from .plugins import Exporter, Reader, ReadError, ReadingNote, ReadResult
    from .rules import checks_for
    from .rules import publish as rules_document
    from .schema import json_schema
    from .taxonomy import EDITIONS, Edition, Level, edition_for_year
    from .totals import fill_totals
    from .violations import Location, Violation, best_match

_LAZY = {
    "Coverage": "checker",
    "check": "checker",
    "check_with_coverage": "checker",
    "coverage": "checker",
    "is_valid": "checker",
    "CONVERTER": "converter",
    "ReportShapeError": "converter",
    "structure_report": "converter",
    "unstructure_report": "converter",
    "dump": "io",
    "dumps": "io",
    "load": "io",
    "loads": "io",
    "TABLE_KEYS": "model",
    "Block": "model",
    "BlockKind": "model",
    "Contact": "model",
    "Period": "model",
    "Reading": "model",
    "Report": "model",
    "Section": "model",
    "TableData": "model",
    "Value": "model",
    "Exporter": "plugins",
    "Reader": "plugins",
    "ReadError": "plugins",
    "ReadingNote": "plugins",
    "ReadResult": "plugins",
    "checks_for": "rules",
    "rules_document": "rules:publish",
    "json_schema": "schema",
    "EDITIONS": "taxonomy",
    "Edition": "taxonomy",
    "Level": "taxonomy",
    "edition_for_year": "taxonomy",
    "fill_totals": "totals",
    "Location": "violations",
    "Violation": "violations",
    "best_match": "violations",
}
"""Where each public name lives: imported on first use, so ``disclosure-schema validate`` loads only what it needs."""


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module, _, attribute = _LAZY[name].partition(":")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__version__ = "0.1.0"

__all__ = [
    "CONVERTER",
    "EDITIONS",
    "TABLE_KEYS",
    "Block",
    "BlockKind",
    "Contact",
    "Coverage",
    "Edition",
    "Exporter",
    "Level",
    "Location",
    "Period",
    "ReadError",
    "ReadResult",
    "Reader",
    "Reading",
    "ReadingNote",
    "Report",
    "ReportShapeError",
    "Section",
    "TableData",
    "Value",
    "Violation",
    "best_match",
    "check",
    "check_with_coverage",
    "checks_for",
    "coverage",
    "dump",
    "dumps",
    "edition_for_year",
    "fill_totals",
    "is_valid",
    "json_schema",
    "load",
    "loads",
    "rules_document",
    "structure_report",
    "unstructure_report",
]
