"""The checks a report must pass: sums, value domains, completeness, and last year's carry-over.

Each finding is a :class:`~disclosure_schema.violations.Violation`; all are
collected.  The sum relations come from :mod:`disclosure_schema.rules`, i.e.
from the same declaration the published ``rules-*.json`` is written from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import cast

from .essentials import essentials
from .model import Report, Value
from .rules import Check, checks_for
from .taxonomy import Cell, Kind, Level, edition_for_year
from .violations import Contribution, Location, Violation


def check(report: Report, previous: Report | None = None) -> list[Violation]:
    """Every finding about ``report``; with ``previous`` (last year's report) also X1 and X2."""
    found = list(_domains(report))
    found.extend(_relations(report, previous))
    found.extend(_completeness(report))
    found.extend(_patterns(report))
    found.extend(essentials(report))
    return found


def is_valid(report: Report, previous: Report | None = None) -> bool:
    """Whether the report has no error-level finding (warnings allowed)."""
    return not any(v.level is Level.ERROR for v in check(report, previous))


def _domains(report: Report) -> Iterator[Violation]:
    for table in report.tables():
        values = table.values
        if None not in values and (not values or min(cast("tuple[int | Decimal, ...]", values)) >= 0):
            continue  # the common case, decided without a Python-level loop
        yield from _table_domains(table.items())


def _table_domains(items: Iterator[tuple[Cell, Value]]) -> Iterator[Violation]:
    for cell, value in items:
        if value is None:
            yield Violation("completeness.blank_cell", Level.WARNING, cell.pointer, Location.of(cell))
        elif value < 0 and cell.kind is not Kind.SIGNED_COUNT:
            yield Violation("domain.negative", Level.ERROR, cell.pointer, Location.of(cell), reported=value)


def _relations(report: Report, previous: Report | None) -> Iterator[Violation]:
    cross = previous is not None
    if previous is not None and previous.year != report.year - 1:
        yield Violation(
            "cross_year.not_consecutive",
            Level.ERROR,
            "/year",
            reported=report.year,
            params={"year": report.year, "previous_year": previous.year},
        )
        cross = False
    tables = {table.spec.key: table.values for table in report.tables()}
    complete = {key: None not in values for key, values in tables.items()}
    for chk, table_key, target, added, subtracted in _sum_plan(report.edition):
        if chk.relation.cross_year:
            if cross and previous is not None:
                yield from _cross_year(report, previous, chk)
            continue
        values = tables[table_key]
        total: int | Decimal = 0
        if complete[table_key]:
            present = cast("tuple[int | Decimal, ...]", values)
            for i in added:
                total += present[i]
            for i in subtracted:
                total -= present[i]
        else:
            for op in chk.operands:
                value = values[op.cell.index]
                if value is not None:
                    total += value if op.sign > 0 else -value
        reported = values[target]
        if (0 if reported is None else reported) != total:
            yield _mismatch(chk, reported, total, [values[op.cell.index] for op in chk.operands])


SumPlan = tuple[tuple[Check, str, int, tuple[int, ...], tuple[int, ...]], ...]


@cache
def _sum_plan(edition_id: str) -> SumPlan:
    """Each check with its table, target index and the indices it adds and subtracts, worked out once."""
    return tuple(
        (
            chk,
            chk.target.table.key,
            chk.target.index,
            tuple(op.cell.index for op in chk.operands if op.sign > 0),
            tuple(op.cell.index for op in chk.operands if op.sign < 0),
        )
        for chk in checks_for(edition_id)
    )


def _cross_year(report: Report, previous: Report, chk: Check) -> Iterator[Violation]:
    total: int | Decimal = 0
    contributing: list[Value] = []
    for op in chk.operands:
        source = previous if op.previous else report
        table = source.table(op.cell.table.key)
        if op.cell.key not in table.spec.cell_index:
            return
        value = table[op.cell.key]
        contributing.append(value)
        if value is not None:
            total += value if op.sign > 0 else -value
    reported = report.table(chk.target.table.key).values[chk.target.index]
    if (0 if reported is None else reported) != total:
        yield _mismatch(chk, reported, total, contributing)


def _mismatch(chk: Check, reported: Value, computed: int | Decimal, values: list[Value]) -> Violation:
    relation = chk.relation
    return Violation(
        f"{relation.id}.mismatch",
        relation.level,
        chk.target.pointer,
        Location.of(chk.target),
        reported=reported,
        computed=computed,
        contributions=tuple(
            Contribution(op.cell.pointer, Location.of(op.cell), value, op.sign, op.previous)
            for op, value in zip(chk.operands, values, strict=True)
        ),
        params={"rule": relation.id, "statement": (relation.statement_zh, relation.statement_en)},
    )


def _completeness(report: Report) -> Iterator[Violation]:
    spec = report.spec
    for section in spec.sections:
        if section.key not in report.sections and section.table is None:
            yield Violation(
                "completeness.missing_section",
                Level.WARNING,
                f"/sections/{section.key}",
                params={"number": section.number, "heading": section.heading},
            )
    expected = edition_for_year(report.year)
    if expected.id != report.edition:
        yield Violation(
            "completeness.edition_year",
            Level.WARNING,
            "/edition",
            reported=report.edition,
            params={"year": report.year, "expected": expected.id, "edition": report.edition},
        )
    period = report.statistics_period
    if period is not None and (period.start, period.end) != (dt.date(report.year, 1, 1), dt.date(report.year, 12, 31)):
        yield Violation(
            "completeness.statistics_period",
            Level.WARNING,
            "/statistics_period",
            params={"start": period.start.isoformat(), "end": period.end.isoformat(), "year": report.year},
        )


def _patterns(report: Report) -> Iterator[Violation]:
    """2019's 处理决定数量 filled with "last year's items + change" (the seed report does this)."""
    table = report.proactive_disclosure
    for row in table.spec.rows:
        keys = {column.key for column in row.columns}
        if not {"previous_items", "change", "decisions"} <= keys:
            continue
        items, change, decisions = (table.get(row.key, k) for k in ("previous_items", "change", "decisions"))
        if items is not None and change and decisions is not None and decisions == items + change:
            cell = table.spec.cell(row.key, "decisions")
            labels = {column.key: column.text for column in row.columns}
            yield Violation(
                "pattern.decisions_from_items",
                Level.WARNING,
                cell.pointer,
                Location.of(cell),
                reported=decisions,
                params={
                    "items": labels["previous_items"],
                    "change": labels["change"],
                    "decisions": labels["decisions"],
                },
            )
