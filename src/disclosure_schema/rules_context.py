"""What the published rules carry beyond the sums, so another language can give the same findings.

The sum checks alone (``relations``) let an integrator say *whether* a report adds
up; to say it as ``validate`` does -- the same codes, the same pointers, the same
Chinese sentence naming the table, row and column as the template prints them --
an implementation also needs each cell's kind and location in words, the text
sections a report should have, which edition each year uses, the 2019 column-misread
pattern and the message templates.  This module writes those from the declaration
(and from :mod:`disclosure_schema.messages`), and :func:`disclosure_schema.rules.publish`
appends them to ``schemas/rules-<edition>.json``.  The JavaScript checker
(``js/checker.js``, embedded in the fill-in page) is driven by nothing else: it is
the proof that the document is complete.
"""

from __future__ import annotations

from typing import Any

import attrs

from .bodies import MIN_SUFFIX, REGION_ENDINGS
from .messages import TEMPLATES, TYPE_NAMES
from .model import YEARS
from .rules import checks_for
from .sides import BLANKS_NOTE, SIDE_WORDS, sides, target_on_left
from .taxonomy import EDITIONS, Edition, Level
from .text_hazards import rules_entry
from .violations import COLUMNS_WORDS, Location

PATTERN_COLUMNS = ("previous_items", "change", "decisions")
"""2019's table 二 columns the column-misread pattern reads (see ``checker._patterns``)."""


def _where(location: Location) -> dict[str, str]:
    return {"zh": location.words("zh"), "en": location.words("en")}


def cells(edition: Edition) -> dict[str, Any]:
    """Every cell by JSON pointer, in printed order: its kind, its official location in words, its row's, its column's."""
    return {
        cell.pointer: {
            "kind": cell.kind.value,
            "where": _where(Location.of(cell)),
            "row_where": _where(attrs.evolve(Location.of(cell), column=())),
            "column_words": "·".join(Location.of(cell).column),
        }
        for table in edition.tables
        for cell in table.cells
    }


def patterns(edition: Edition) -> list[dict[str, Any]]:
    """The plausibility patterns of an edition (2019's 处理决定数量 = 上一年项目数量 + 本年增/减)."""
    found = []
    for table in edition.tables:
        for row in table.rows:
            labels = {column.key: column.text for column in row.columns}
            if not set(PATTERN_COLUMNS) <= labels.keys():
                continue
            items, change, decisions = (table.cell(row.key, key).pointer for key in PATTERN_COLUMNS)
            found.append(
                {
                    "code": "pattern.decisions_from_items",
                    "level": Level.WARNING.value,
                    "target": decisions,
                    "items": items,
                    "change": change,
                    "holds_when": "items is not blank, change is neither blank nor 0, and target == items + change",
                    "params": {"items": labels["previous_items"], "change": labels["change"], "decisions": labels["decisions"]},
                }
            )
    return found


def check_sides(edition: Edition) -> dict[str, Any]:
    """Each check's two sides as its statement prints them, for telling a mismatch whose computed value is impossible.

    When the computed value is one the target cannot hold (a negative count), ``validate`` does not say
    "应为 -710" but names both sides with their sums (``relation.sides_differ``).  Per check id: the left
    then the right side, each with the cells it adds (``report: previous`` for last year's) and its
    terms in words; a side's sum is the plain sum of its cells' values, blank counting 0.
    """
    found: dict[str, Any] = {}
    for check in checks_for(edition.id):
        left, right = sides(check, None, [None] * len(check.operands))
        target_side: list[dict[str, Any]] = [{"pointer": check.target.pointer}]
        other_side: list[dict[str, Any]] = []
        for operand in check.operands:
            entry: dict[str, Any] = {"pointer": operand.cell.pointer}
            if operand.previous:
                entry["report"] = "previous"
            (target_side if operand.sign < 0 else other_side).append(entry)
        cells = (target_side, other_side) if target_on_left(check) else (other_side, target_side)
        found[check.id] = [
            {"cells": members, "terms": {"zh": side.terms[0], "en": side.terms[1]}}
            for members, side in zip(cells, (left, right), strict=True)
        ]
    return found


def completeness(edition: Edition) -> dict[str, Any]:
    """The completeness checks: text sections expected, the edition each year uses, the period."""
    return {
        "text_sections": [
            {"key": section.key, "number": section.number, "heading": section.heading}
            for section in edition.sections
            if section.table is None
        ],
        "text_sections_rule": (
            "completeness.missing_section (warning) at /sections/<key> for each text section absent from `sections`"
        ),
        "editions_by_year": [
            {"edition": spec.id, "first_year": spec.first_year, "last_year": spec.last_year} for spec in EDITIONS.values()
        ],
        "edition_year_rule": "completeness.edition_year (warning) at /edition when `year` falls outside this edition's years",
        "statistics_period_rule": (
            "completeness.statistics_period (warning) at /statistics_period when given and not 1 January to 31 December of `year`"
        ),
        "essentials_rules": {
            "empty_tables": (
                "completeness.empty_tables (error) at the whole document (pointer \"\") when every table cell is null "
                "and none is listed in reading.unread; params: year"
            ),
            "no_issuer": "completeness.no_issuer (warning) at /issuer when issuer and title are both absent or only white space",
            "empty_section": (
                "completeness.empty_section (warning) at /sections/<key> for each text section present in `sections` whose "
                "blocks' texts are all only white space (or that has no blocks); params: number, heading"
            ),
            "order": "after the patterns: empty_tables, no_issuer, then empty_section in the order of text_sections",
        },
        "text_hazards": rules_entry(edition.id),
        "years": {"first": YEARS.start, "last": YEARS.stop - 1},
        "same_body": {"min_suffix": MIN_SUFFIX, "region_endings": list(REGION_ENDINGS), "rule": "see evaluation.previous_report.same_body"},
    }


def messages() -> dict[str, Any]:
    """The message templates by finding code (Python ``str.format`` syntax: ``{name}``, ``{{`` for ``{``)."""
    return {
        "templates": {code: {"zh": zh, "en": en} for code, (zh, en) in TEMPLATES.items()},
        "blank": {"zh": "空白", "en": "blank"},
        "sides": {name: {"zh": zh, "en": en} for name, (zh, en) in SIDE_WORDS.items()},
        "sides_blanks": {"zh": BLANKS_NOTE[0], "en": BLANKS_NOTE[1]},
        "unread_columns": {name: {"zh": zh, "en": en} for name, (zh, en) in COLUMNS_WORDS.items()},
        "type_names": TYPE_NAMES,
        "where_without_location": "the finding's pointer, or / for the whole document",
        "order": "domains and blank cells (table by table, printed order), sums, completeness, patterns, essentials",
    }


def context(edition_id: str) -> dict[str, Any]:
    """The keys :func:`~disclosure_schema.rules.publish` appends after ``relations``."""
    edition = EDITIONS[edition_id]
    return {
        "cells": cells(edition),
        "patterns": patterns(edition),
        "sides": check_sides(edition),
        "completeness": completeness(edition),
        "messages": messages(),
    }
