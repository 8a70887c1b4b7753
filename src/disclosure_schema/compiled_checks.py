"""The fast path of the checker: the sum checks of an edition as generated Python code.

:mod:`disclosure_schema.checker` walks the checks of :func:`~disclosure_schema.rules.checks_for`
one by one.  For the common case -- one report, every cell read and filled, no
negative count -- this module runs the same checks as one generated function per
edition (the three tables' value tuples unpacked into locals, then straight-line
comparisons, added and subtracted in the same order as the checker, so even
``Decimal`` rounding agrees) that returns the checks that fail.  Findings are still
made by the checker's own functions (``_mismatch``, ``_completeness``, ``_patterns``),
so codes, pointers, locations, numbers and messages are the checker's, and anything
outside the common case (a blank, a negative count, an unread cell, last year's
report) is left to it.

A report the typed decoder of :mod:`.compiled` found filled is remembered here
(:func:`remember_filled`, by identity, for as long as the report lives), so its
tables are not looked through a second time.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

from .model import Report, Value
from .rules import checks_for
from .taxonomy import EDITIONS, Kind

Tables = Sequence[tuple[Value, ...]]


class _Plan:
    """One edition's generated checks and the cells whose sign the domain check looks at."""

    def __init__(self, edition_id: str) -> None:
        edition = EDITIONS[edition_id]
        self.table_keys = tuple(table.key for table in edition.tables)
        position = {key: i for i, key in enumerate(self.table_keys)}
        self.unsigned: list[Callable[[tuple[Value, ...]], Any] | None] = []
        self.signed: list[Callable[[tuple[Value, ...]], Any] | None] = []
        for table in edition.tables:
            indices = [cell.index for cell in table.cells if cell.column.kind is not Kind.SIGNED_COUNT]
            others = [cell.index for cell in table.cells if cell.column.kind is Kind.SIGNED_COUNT]
            self.unsigned.append(None if not others else _picker(indices))
            self.signed.append(_picker(others) if others else None)
        self.checks = tuple(chk for chk in checks_for(edition_id) if not chk.relation.cross_year)
        lines = ["def failing(t0, t1, t2):"]
        for number, table in enumerate(edition.tables):
            names = ", ".join(f"v{number}_{i}" for i in range(len(table.cells)))
            lines.append(f"    ({names},) = t{number}")
        lines.append("    f = []")
        for number, chk in enumerate(self.checks):
            name = f"v{position[chk.target.table.key]}_"
            total = "0"
            for op in chk.operands:
                if op.sign > 0:
                    total += f" + {name}{op.cell.index}"
            for op in chk.operands:
                if op.sign < 0:
                    total += f" - {name}{op.cell.index}"
            lines.append(f"    if {name}{chk.target.index} != {total}:")
            lines.append(f"        f.append({number})")
        lines.append("    return f")
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(lines) + "\n", f"<checks {edition_id}>", "exec"), namespace)
        self.failing: Callable[..., list[int]] = namespace["failing"]
        self.patterns = _pattern_cells(edition_id)


def _picker(indices: list[int]) -> Callable[[tuple[Value, ...]], tuple[Value, ...]]:
    """The values at ``indices`` as a tuple (``itemgetter`` gives a bare value for one index; a zero for none)."""
    if len(indices) > 1:
        return itemgetter(*indices)
    if not indices:
        return lambda values: (0,)

    def pick(values: tuple[Value, ...]) -> tuple[Value, ...]:
        return tuple(values[i] for i in indices)

    return pick


def _pattern_cells(edition_id: str) -> tuple[tuple[int, int, int], ...]:
    """Table 二's rows with 上年项目数量, 本年增/减 and 处理决定数量 (as ``checker._patterns`` finds them): their indices."""
    table = EDITIONS[edition_id].table("proactive_disclosure")
    found = []
    for row in table.rows:
        if {"previous_items", "change", "decisions"} <= {column.key for column in row.columns}:
            found.append(tuple(table.cell(row.key, key).index for key in ("previous_items", "change", "decisions")))
    return tuple((a, b, c) for a, b, c in found)


@cache
def plan(edition_id: str) -> _Plan:
    """The generated checks of an edition, built on first use."""
    return _Plan(edition_id)


_filled: dict[int, weakref.ref[Report]] = {}


def remember_filled(report: Report) -> None:
    """Note that every cell of ``report`` is filled and in its domain (the typed decoder proved it)."""
    key = id(report)
    _filled[key] = weakref.ref(report, lambda _, key=key: _filled.pop(key, None))  # type: ignore[misc]


def known_filled(report: Report) -> bool:
    """Whether :func:`remember_filled` was told about this very report (reports are immutable)."""
    ref = _filled.get(id(report))
    return ref is not None and ref() is report


def regular_tables(report: Report, entry: _Plan) -> tuple[tuple[Value, ...], ...] | None:
    """The three tables' values when every cell is filled and no count that must not be is negative."""
    tables = (report.proactive_disclosure.values, report.requests.values, report.review_and_litigation.values)
    if known_filled(report):
        return tables
    try:
        # ``min`` compares every value: a blank (None) among numbers raises TypeError.
        for values, unsigned, signed in zip(tables, entry.unsigned, entry.signed, strict=True):
            if min(values if unsigned is None else unsigned(values)) < 0:
                return None
            if signed is not None and None in signed(values):
                return None
    except TypeError:
        return None
    return tables


def pattern_suspected(tables: tuple[tuple[Value, ...], ...], entry: _Plan) -> bool:
    """Whether ``checker._patterns`` would find something (it is then asked, for its exact finding)."""
    values = tables[0]
    for items, change, decisions in entry.patterns:
        a, b, c = values[items], values[change], values[decisions]
        if a is not None and b and c is not None and c == a + b:
            return True
    return False
