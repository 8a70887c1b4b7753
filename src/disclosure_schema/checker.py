"""The checks a report must pass: sums, value domains, completeness, and last year's carry-over.

Each finding is a :class:`~disclosure_schema.violations.Violation`; all are
collected.  The sum relations come from :mod:`disclosure_schema.rules`, i.e.
from the same declaration the published ``rules-*.json`` is written from.

What a reader could not read is never held against a report
(:class:`~disclosure_schema.model.Reading`): a check involving an unread cell is
*not checkable* (a warning naming the cells), an unread cell gets no
``completeness.blank_cell``, and a check the reader used to settle a split is
*used in reading*, not verified.  :func:`coverage` counts the four outcomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, cast

import attrs

from .compiled_checks import pattern_suspected, plan, regular_tables
from .essentials import essentials, named_and_written, text_sections
from .model import Report, Value
from .rules import Check, checks_for
from .sides import BLANKS_NOTE, outside_domain, side_words, sides
from .taxonomy import EDITIONS, Cell, Kind, Level, Row, edition_for_year
from .violations import COLUMNS_WORDS, Contribution, Location, Violation, cells_words, deferred


@attrs.frozen
class Coverage:
    """How the sum checks (R1-R4; X1 and X2 when last year's report is given) came out.

    Every check is counted once: *verified* (it holds), *failed* (a ``.mismatch``
    finding), *not checkable* (it involves a cell the reader could not read: a
    ``.not_checkable`` warning) or *used in reading* (the reader used it to settle a
    split of run-together digits, so it holds by construction and proves nothing).
    """

    verified: int = 0
    failed: int = 0
    not_checkable: int = 0
    used_in_reading: int = 0

    @property
    def total(self) -> int:
        return self.verified + self.failed + self.not_checkable + self.used_in_reading

    def to_json(self) -> dict[str, int]:
        """``{"checks": n, "verified": n, "failed": n, "not_checkable": n, "used_in_reading": n}``."""
        return {
            "checks": self.total,
            "verified": self.verified,
            "failed": self.failed,
            "not_checkable": self.not_checkable,
            "used_in_reading": self.used_in_reading,
        }


class _Tally:
    """Counts as the relations are run (a plain mutable object: one per :func:`check` call)."""

    __slots__ = ("evaluated", "failed", "not_checkable", "used_in_reading")

    def __init__(self) -> None:
        self.evaluated = self.failed = self.not_checkable = self.used_in_reading = 0

    def coverage(self) -> Coverage:
        verified = self.evaluated - self.failed - self.not_checkable - self.used_in_reading
        return Coverage(verified, self.failed, self.not_checkable, self.used_in_reading)


@cache
def _pointer(cell: Cell) -> str:
    """``cell.pointer``, worked out once per cell (declaration cells live as long as the process)."""
    return cell.pointer


@cache
def _location(cell: Cell) -> Location:
    return Location.of(cell)


def check(report: Report, previous: Report | None = None) -> list[Violation]:
    """Every finding about ``report``; with ``previous`` (last year's report) also X1 and X2."""
    return check_with_coverage(report, previous)[0]


def check_with_coverage(report: Report, previous: Report | None = None) -> tuple[list[Violation], Coverage]:
    """Every finding (as :func:`check`) and the :class:`Coverage` of the sum checks, in one pass."""
    if previous is None and not report.reading.unread and not report.reading.settled:
        fast = _compiled_check(report)
        if fast is not None:
            return fast
    return check_walking(report, previous)


def check_walking(report: Report, previous: Report | None = None) -> tuple[list[Violation], Coverage]:
    """:func:`check_with_coverage` on the general path, check by check (any report; the reference the fast path is tested against)."""
    tally = _Tally()
    found = list(_domains(report))
    if report.reading.unread:
        found.extend(_unread_rows(report))
    found.extend(_relations(report, previous, tally))
    found.extend(_completeness(report))
    found.extend(_patterns(report))
    found.extend(essentials(report))
    return found, tally.coverage()


def _compiled_check(report: Report) -> tuple[list[Violation], Coverage] | None:
    """The common case (one report, every cell filled, no negative count) on generated code; ``None`` otherwise.

    Same findings as the general path below: the generated function only says which
    checks fail, and each finding is made by the same functions (``_mismatch``,
    ``_completeness``, ``_patterns``); with every cell filled, :func:`essentials`
    has nothing to say about figures, only about words.
    """
    entry = plan(report.edition)
    tables = regular_tables(report, entry)
    if tables is None:
        return None
    failing = entry.failing(*tables)
    found: list[Violation] = []
    if failing:
        plans = _sum_plan_by_check(report.edition)
        for number in failing:
            chk = entry.checks[number]
            values = tables[entry.table_keys.index(chk.target.table.key)]
            _, _, target, added, subtracted = plans[chk.id]
            total: int | Decimal = 0
            present = cast("tuple[int | Decimal, ...]", values)
            for i in added:
                total += present[i]
            for i in subtracted:
                total -= present[i]
            found.append(_mismatch(chk, values[target], total, [values[op.cell.index] for op in chk.operands]))
    found.extend(_completeness(report))
    if entry.patterns and pattern_suspected(tables, entry):
        found.extend(_patterns(report))
    found.extend(named_and_written(report))
    return found, _coverage(len(entry.checks) - len(failing), len(failing))


@cache
def _coverage(verified: int, failed: int) -> Coverage:
    """Coverage of the fast path (nothing unread, nothing settled); the same few values recur, made once."""
    return Coverage(verified, failed, 0, 0)


@cache
def _sum_plan_by_check(edition_id: str) -> dict[str, tuple[Check, str, int, tuple[int, ...], tuple[int, ...]]]:
    return {entry[0].id: entry for entry in _sum_plan(edition_id)}


def coverage(report: Report, previous: Report | None = None) -> Coverage:
    """How many sum checks were verified, failed, not checkable, or used in reading."""
    return check_with_coverage(report, previous)[1]


def is_valid(report: Report, previous: Report | None = None) -> bool:
    """Whether the report has no error-level finding (warnings allowed)."""
    return not any(v.level is Level.ERROR for v in check(report, previous))


def _domains(report: Report) -> Iterator[Violation]:
    unread = report.reading.unread
    for table in report.tables():
        values = table.values
        if None not in values and (not values or min(cast("tuple[int | Decimal, ...]", values)) >= 0):
            continue  # the common case, decided without a Python-level loop
        yield from _table_domains(table.items(), unread)


def _table_domains(items: Iterator[tuple[Cell, Value]], unread: frozenset[str]) -> Iterator[Violation]:
    for cell, value in items:
        if value is None:
            if unread and _pointer(cell) in unread:
                continue  # told once per row by _unread_rows
            yield Violation("completeness.blank_cell", Level.WARNING, _pointer(cell), _location(cell))
        elif value < 0 and cell.kind is not Kind.SIGNED_COUNT:
            yield Violation("domain.negative", Level.ERROR, _pointer(cell), _location(cell), reported=value)


def _unread_rows(report: Report) -> Iterator[Violation]:
    """One ``completeness.unread`` warning per table row with cells the reader could not read."""
    unread = report.reading.unread
    for row, cells in _rows(report.edition):
        missing = [cell for cell in cells if _pointer(cell) in unread]
        if missing:
            yield _unread_row(row, cells, missing)


@cache
def _rows(edition_id: str) -> tuple[tuple[Row, tuple[Cell, ...]], ...]:
    """Every table row of an edition with its cells, tables in report order."""
    rows: list[tuple[Row, tuple[Cell, ...]]] = []
    for table in EDITIONS[edition_id].tables:
        by_row: dict[str, list[Cell]] = {}
        for cell in table.cells:
            by_row.setdefault(cell.row.key, []).append(cell)
        rows.extend((row, tuple(by_row[row.key])) for row in table.rows)
    return tuple(rows)


def _unread_row(row: Row, cells: Sequence[Cell], missing: Sequence[Cell]) -> Violation:
    first = missing[0]
    location = attrs.evolve(_location(first), column=())
    if len(missing) == len(cells) and len(cells) > 1:
        columns = tuple(words.format(n=len(cells)) for words in COLUMNS_WORDS["all"])
    else:
        names = ["·".join(_location(cell).column) for cell in missing]
        phrase = COLUMNS_WORDS["one" if len(names) == 1 else "many"]
        columns = tuple(
            words.format(names=separator.join(names)) for words, separator in zip(phrase, COLUMNS_WORDS["separator"], strict=True)
        )
    return Violation(
        "completeness.unread",
        Level.WARNING,
        f"/{first.table.key}/{row.key}",
        location,
        params={"columns": columns, "unread_pointers": [_pointer(cell) for cell in missing]},
    )


def _relations(report: Report, previous: Report | None, tally: _Tally) -> Iterator[Violation]:
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
    if cross and previous is not None and _same_body(report.issuer, previous.issuer) is False:
        yield _other_body(report, previous)
        cross = False
    if report.reading.unread or report.reading.settled or (cross and previous is not None and previous.reading.unread):
        yield from _relations_as_read(report, previous if cross else None, tally)
        return
    tables = {table.spec.key: table.values for table in report.tables()}
    complete = {key: None not in values for key, values in tables.items()}
    tally.evaluated += _same_report_checks(report.edition)
    for chk, table_key, target, added, subtracted in _sum_plan(report.edition):
        if chk.relation.cross_year:
            if cross and previous is not None:
                yield from _cross_year(report, previous, chk, tally)
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
            tally.failed += 1
            yield _mismatch(chk, reported, total, [values[op.cell.index] for op in chk.operands])


@cache
def _same_report_checks(edition_id: str) -> int:
    return sum(1 for chk in checks_for(edition_id) if not chk.relation.cross_year)


def _relations_as_read(report: Report, previous: Report | None, tally: _Tally) -> Iterator[Violation]:
    """The relations of a report with unread or settled cells (the slower path; ``previous`` is consecutive)."""
    unread = report.reading.unread
    previous_unread = previous.reading.unread if previous is not None else frozenset()
    used = report.reading.checks_used()
    for chk in checks_for(report.edition):
        if chk.relation.cross_year and (previous is None or not _applies(chk, previous)):
            continue
        tally.evaluated += 1
        missing = [(chk.target, False)] if _pointer(chk.target) in unread else []
        missing.extend(
            (op.cell, op.previous)
            for op in chk.operands
            if _pointer(op.cell) in (previous_unread if op.previous else unread)
        )
        if missing:
            tally.not_checkable += 1
            yield _not_checkable(chk, report, previous, missing)
            continue
        reported, total, values = _evaluate(chk, report, previous)
        if (0 if reported is None else reported) != total:
            tally.failed += 1
            yield _mismatch(chk, reported, total, values)
        elif chk.id in used:
            tally.used_in_reading += 1


def _applies(chk: Check, previous: Report) -> bool:
    """Whether last year's report has every cell a cross-year check takes from it (its edition may differ)."""
    return all(op.cell.key in previous.table(op.cell.table.key).spec.cell_index for op in chk.operands if op.previous)


def _evaluate(chk: Check, report: Report, previous: Report | None) -> tuple[Value, int | Decimal, list[Value]]:
    """The target's value, the operands' signed sum (blank = 0) and the operands' values."""
    total: int | Decimal = 0
    values: list[Value] = []
    for op in chk.operands:
        value = _value(previous if op.previous and previous is not None else report, op.cell)
        values.append(value)
        if value is not None:
            total += value if op.sign > 0 else -value
    return report.table(chk.target.table.key).values[chk.target.index], total, values


def _value(report: Report, cell: Cell) -> Value:
    """The value of ``cell`` in ``report``, whose edition may differ from the cell's (last year's report)."""
    table = report.table(cell.table.key)
    return table.values[cell.index] if table.spec is cell.table else table[cell.key]


def _not_checkable(
    chk: Check, report: Report, previous: Report | None, missing: Sequence[tuple[Cell, bool]]
) -> Violation:
    relation = chk.relation
    values: list[Value] = []
    for op in chk.operands:
        values.append(_value(previous if op.previous and previous is not None else report, op.cell))
    return Violation(
        f"{relation.id}.not_checkable",
        Level.WARNING,
        _pointer(chk.target),
        _location(chk.target),
        reported=report.table(chk.target.table.key).values[chk.target.index],
        contributions=_contributions(chk, values),
        params={
            "rule": relation.id,
            "check": chk.id,
            "statement": (relation.statement_zh, relation.statement_en),
            "unread": cells_words(missing),
            "unread_pointers": [("previous:" if previous else "") + _pointer(cell) for cell, previous in missing],
        },
    )


def _same_body(a: str | None, b: str | None) -> bool | None:
    from .bodies import same_body  # unicodedata: loaded only when last year's report is given

    return same_body(a, b)


def _other_body(report: Report, previous: Report) -> Violation:
    """X1/X2 compare a body with itself a year earlier; another body's report is said, not checked."""
    return Violation(
        "cross_year.other_body",
        Level.ERROR,
        "/issuer",
        reported=report.issuer,
        params={"issuer": report.issuer, "previous_issuer": previous.issuer},
    )


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


def _cross_year(report: Report, previous: Report, chk: Check, tally: _Tally) -> Iterator[Violation]:
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
    tally.evaluated += 1
    reported = report.table(chk.target.table.key).values[chk.target.index]
    if (0 if reported is None else reported) != total:
        tally.failed += 1
        yield _mismatch(chk, reported, total, contributing)


def _contributions(chk: Check, values: Sequence[Value]) -> tuple[Contribution, ...]:
    """The operands' contributions, made only when a finding's ``contributions`` are read."""
    return deferred(_operand_facts(chk), values)


_FACTS: dict[int, tuple[Check, tuple[tuple[str, Location, int, bool], ...]]] = {}


def _operand_facts(chk: Check) -> tuple[tuple[str, Location, int, bool], ...]:
    """Each operand's pointer, location, sign and year, worked out once per check (keyed by identity: a
    check is a declaration object, hashing it would walk its relation)."""
    known = _FACTS.get(id(chk))
    if known is not None and known[0] is chk:
        return known[1]
    facts = tuple((_pointer(op.cell), _location(op.cell), op.sign, op.previous) for op in chk.operands)
    _FACTS[id(chk)] = (chk, facts)
    return facts


def _mismatch(chk: Check, reported: Value, computed: int | Decimal, values: list[Value]) -> Violation:
    """A failed check; told as two differing sides when ``computed`` is a value the target cannot hold."""
    relation = chk.relation
    params: dict[str, Any] = {"rule": relation.id, "statement": (relation.statement_zh, relation.statement_en)}
    if outside_domain(chk.target, computed):
        left, right = sides(chk, reported, values)
        left_zh, left_en = side_words(left)
        right_zh, right_en = side_words(right)
        params["left"] = (left_zh, left_en)
        params["right"] = (right_zh, right_en)
        blanks = reported is None or any(value is None for value in values)
        params["blanks"] = BLANKS_NOTE if blanks else ("", "")
    return Violation(
        f"{relation.id}.mismatch",
        relation.level,
        _pointer(chk.target),
        _location(chk.target),
        reported=reported,
        computed=computed,
        contributions=_contributions(chk, values),
        params=params,
    )


def _completeness(report: Report) -> Iterator[Violation]:
    sections = report.sections
    for section in text_sections(report.edition):
        if section.key not in sections:
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
