"""What every report must have before it is a report at all: figures, a name, its sections' text.

And text every official file can print: see :mod:`~disclosure_schema.text_hazards`.

Why a check of its own: the sums (R1-R4) all hold in a template nobody filled in
(0 = 0 + 0, and blanks count 0), so a blank workbook used to be called 有效 and
exported as an official PDF.  These findings say plainly what is missing.

A report with neither issuing body (发布机关) nor title is a warning here, not an
error: many published pages read back without them, and a false "invalid" costs a
reviewer's trust.  ``export`` refuses it all the same (it cannot print whose
report it is); see :func:`publishable`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from .model import Report
from .taxonomy import EDITIONS, Level, Section
from .text_hazards import hazards
from .violations import Violation

__all__ = ["BLOCKING_WARNINGS", "essentials", "named_and_written", "publishable"]

BLOCKING_WARNINGS = frozenset({"completeness.no_issuer"})
"""Warnings that stop ``export`` from writing an official (non-draft) document."""


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def essentials(report: Report) -> Iterator[Violation]:
    """Findings for a report with no figures at all, no issuing body or title, or empty text sections."""
    unread = report.reading.unread
    if all(value is None and cell.pointer not in unread for cell, value in report.values()):
        # Every cell published blank.  Cells a reader could not read are unknown, not blank: a report
        # whose tables were not found is not an unfilled template (its unread cells are reported).
        yield Violation("completeness.empty_tables", Level.ERROR, "", params={"year": report.year})
    yield from named_and_written(report)


def named_and_written(report: Report) -> Iterator[Violation]:
    """The findings of :func:`essentials` about words: no issuing body or title, empty text sections.

    All of them, for a report whose cells are known to be filled (the checker's fast path).
    Control and bidi-control characters in any text field are warned of here too
    (:func:`~disclosure_schema.text_hazards.hazards`), so both paths of the checker tell them.
    """
    if _blank(report.issuer) and _blank(report.title):
        yield Violation("completeness.no_issuer", Level.WARNING, "/issuer")
    yield from _empty_sections(report)
    yield from hazards(report)


def _empty_sections(report: Report) -> Iterator[Violation]:
    sections = report.sections
    if not sections:
        return
    for spec in text_sections(report.edition):
        section = sections.get(spec.key)
        if section is None:
            continue
        for block in section.blocks:
            if not _blank(block.text):
                break
        else:
            yield Violation(
                "completeness.empty_section",
                Level.WARNING,
                f"/sections/{spec.key}",
                params={"number": spec.number, "heading": spec.heading},
            )


@cache
def text_sections(edition_id: str) -> tuple[Section, ...]:
    """The edition's sections that hold text, not a table (worked out once)."""
    return tuple(spec for spec in EDITIONS[edition_id].sections if spec.table is None)


def publishable(findings: list[Violation]) -> list[Violation]:
    """The findings that stop an official export: every error, and the warnings in :data:`BLOCKING_WARNINGS`."""
    return [v for v in findings if v.level is Level.ERROR or v.code in BLOCKING_WARNINGS]
