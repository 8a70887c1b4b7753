"""The sum relations expanded into concrete checks, and their published form.

A :class:`~disclosure_schema.taxonomy.Relation` says "each column of table 三:
（七）总计 = the rows above it"; a :class:`Check` is one instance of it with its
cells named.  The checker runs the checks, :func:`fill_totals` computes the
总计 cells from them, and :func:`publish` writes them out as
``schemas/rules-<edition>.json`` for integrators: one declaration, three uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import attrs

from .taxonomy import EDITIONS, Cell, Edition, Per, Relation, Table, Term
from .taxonomy.common import ALL


@attrs.frozen
class Operand:
    """One signed addend of a check, from this report or, for X-relations, last year's."""

    cell: Cell
    sign: int = 1
    previous: bool = False


@attrs.frozen
class Check:
    """One instance of a relation: ``target == Σ sign × operand``."""

    relation: Relation
    id: str
    target: Cell
    operands: tuple[Operand, ...]


def _operands_for_column(relation: Relation, table: Table, term: Term, target: Cell) -> Iterator[Operand]:
    column = target.column.key
    if term.ref == ALL:
        group = relation.group or ""
        for row in table.rows_under(group):
            if row is not target.row:
                yield Operand(table.cell(row.key, column), term.sign, term.previous)
    else:
        yield Operand(table.cell(term.ref, column), term.sign, term.previous)


def _operands_for_row(term: Term, table: Table, target: Cell) -> Iterator[Operand]:
    row = target.row
    if term.ref == ALL:
        for column in row.columns:
            if column is not target.column:
                yield Operand(table.cell(row.key, column.key), term.sign, term.previous)
    else:
        yield Operand(table.cell(row.key, term.ref), term.sign, term.previous)


def expand(relation: Relation, edition: Edition) -> tuple[Check, ...]:
    """Every check one relation makes in one edition."""
    table = edition.table(relation.table)
    checks = []
    if relation.per is Per.COLUMN:
        for column in table.row_index[relation.target].columns:
            target = table.cell(relation.target, column.key)
            operands = tuple(
                op for term in relation.terms for op in _operands_for_column(relation, table, term, target)
            )
            checks.append(Check(relation, f"{relation.id}/{column.key}", target, operands))
    else:
        for row in table.rows:
            if not any(column.key == relation.target for column in row.columns):
                continue
            target = table.cell(row.key, relation.target)
            operands = tuple(op for term in relation.terms for op in _operands_for_row(term, table, target))
            checks.append(Check(relation, f"{relation.id}/{row.key}", target, operands))
    return tuple(checks)


@cache
def checks_for(edition_id: str) -> tuple[Check, ...]:
    """All checks of an edition, in the order of its relations."""
    edition = EDITIONS[edition_id]
    return tuple(check for relation in edition.relations for check in expand(relation, edition))


def _operand_json(operand: Operand) -> dict[str, Any]:
    entry: dict[str, Any] = {"pointer": operand.cell.pointer, "sign": operand.sign}
    if operand.previous:
        entry["report"] = "previous"
    return entry


SEMANTICS = (
    "Each check holds when the value at `target` equals the sum of `sign` times the value at each "
    "`pointer`. Pointers are RFC 6901 JSON pointers into a report document; `report: previous` "
    "means last year's report of the same body (see `evaluation` for when such checks apply). "
    "A pointer absent from its document makes the check not applicable (see `evaluation`). "
    "A published blank cell (null, and not listed in the document's `reading.unread`) counts as 0, "
    "whether it is the target or an operand, and is reported separately (completeness.blank_cell). "
    "An unread cell (null and listed in `reading.unread`: the reader could not read it) has an unknown "
    "value: a check whose target or any operand is unread -- for a check with `report: previous` operands, "
    "also any operand listed in last year's `reading.unread` -- is not evaluated; it is reported as "
    "`<relation id>.not_checkable`, a warning naming the unread cells, never as a failure, and an unread "
    "cell is not reported as blank. "
    "A check whose id appears in the document's `reading.settled` was used by the reader to split "
    "run-together digits: when it holds it is counted as used in reading, not as verified, and reported "
    "nowhere; when it does not hold it fails like any other check. "
    "Every other check is evaluated: it is verified or it fails. "
    "A failed check of level `error` makes the report invalid; `warning` does not; `not_checkable` never does."
)
"""How the checks are evaluated, published in every ``rules-*.json`` (``semantics``)."""

OUTCOMES = {
    "verified": "evaluated and holds",
    "failed": "evaluated and does not hold: `<relation id>.mismatch` at the target, of the relation's level",
    "not_checkable": "target or an operand is unread: `<relation id>.not_checkable`, a warning",
    "used_in_reading": "listed in `reading.settled` and holds: no finding, not counted as verified",
}
"""The four outcomes of a check, as :func:`disclosure_schema.checker.coverage` counts them."""


def publish(edition_id: str) -> dict[str, Any]:
    """The rules of an edition as plain data: relations, then every check with its pointers."""
    from .contract import evaluation

    edition = EDITIONS[edition_id]
    relations = []
    for relation in edition.relations:
        relations.append(
            {
                "id": relation.id,
                "level": relation.level.value,
                "scope": "two consecutive reports" if relation.cross_year else "one report",
                "printed_in_template": relation.printed,
                "fills_total": relation.computes_total,
                "statement": {"zh": relation.statement_zh, "en": relation.statement_en},
                "checks": [
                    {
                        "id": check.id,
                        "target": check.target.pointer,
                        "equals_sum_of": [_operand_json(op) for op in check.operands],
                    }
                    for check in expand(relation, edition)
                ],
            }
        )
    return {
        "edition": edition.id,
        "source": edition.source,
        "semantics": SEMANTICS,
        "outcomes": OUTCOMES,
        "domains": {
            "count": "non-negative integer or null",
            "signed_count": "integer or null",
            "money": "non-negative decimal string or null",
        },
        "evaluation": evaluation(),
        "relations": relations,
        **_context(edition_id),
    }


def _context(edition_id: str) -> dict[str, Any]:
    """Cells, completeness, patterns and messages: what gives the same findings in another language."""
    from .rules_context import context  # rules_context imports the model; imported late to keep rules light

    return context(edition_id)


def dumps_rules(edition_id: str) -> str:
    """The rules as the text the ``schemas/rules-*.json`` files hold."""
    import json

    return json.dumps(publish(edition_id), ensure_ascii=False, indent=2) + "\n"
