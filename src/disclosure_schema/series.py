"""One body's reports over several years, checked as a series.

Each year's report is checked on its own and, where last year's report is in the
series, against it (X1: carried over = last year's carried forward; X2 in the
2021 edition).  Years missing between the first and the last are reported as
gaps, since X1 cannot be checked across them.  A figure with a cell a reader
could not read is unknown, and X1/X2 across such a cell are not checkable.  The main figures are laid out
year by year; which cells they are is derived from the taxonomy, never typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from .checker import check
from .errors import BilingualError
from .indicators import indicator_values
from .model import Report, Value
from .taxonomy import EDITIONS, Level
from .taxonomy.common import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    RECEIVED,
    REQUEST_COLUMNS,
    RESULTS,
    RESULTS_TOTAL,
    REVIEW_TABLE,
)
from .violations import Violation


@attrs.frozen
class Figure:
    """One of the figures a series lays out: a label and the cells whose sum it is."""

    key: str
    label: str
    pointers: tuple[str, ...]

    def value(self, report: Report) -> Value:
        """The sum of the figure's cells; blank when every one of them is blank or any was not read."""
        if self.unread(report):
            return None
        values = [report.cell(pointer) for pointer in self.pointers]
        present = [v for v in values if v is not None]
        return sum(present[1:], present[0]) if present else None


    def unread(self, report: Report) -> bool:
        """Whether a reader could not read one of the figure's cells (so the figure is unknown)."""
        unread = report.reading.unread
        return bool(unread) and any(pointer in unread for pointer in self.pointers)


def _main_figures() -> tuple[Figure, ...]:
    # Both editions share tables 三 and 四 (taxonomy.common), so one list serves every edition.
    requests = EDITIONS["2021"].table("requests")
    total = REQUEST_COLUMNS[-1].key

    def request_row(key: str, label: str, *path: str) -> Figure:
        return Figure(key, label, (requests.cell("/".join(path), total).pointer,))

    review = REVIEW_TABLE
    first, *litigation = review.rows
    review_total = first.columns[-1].key
    return (
        request_row("received", RECEIVED.text, RECEIVED.key),
        request_row("carried_over", CARRIED_OVER.text, CARRIED_OVER.key),
        request_row("handled", f"{RESULTS.text}{RESULTS_TOTAL.text}", RESULTS.key, RESULTS_TOTAL.key),
        request_row("carried_forward", CARRIED_FORWARD.text, CARRIED_FORWARD.key),
        Figure(
            "reviews",
            f"{first.text}{first.columns[-1].text}",
            (f"/{review.key}/{first.key}/{review_total}",),
        ),
        Figure(
            "lawsuits",
            f"{litigation[0].path[0].text}{litigation[0].columns[-1].text}",
            tuple(f"/{review.key}/{row.key}/{row.columns[-1].key}" for row in litigation),
        ),
    )


FIGURES = _main_figures()
"""Received, carried over, total handled, carried forward (table 三's 总计 column), reviews, lawsuits."""


@attrs.frozen
class Year:
    """One report of the series with what checking it found."""

    source: str
    report: Report
    findings: tuple[Violation, ...]
    compared_with_previous: bool
    """Whether last year's report was in the series, so X1 (and X2) were checked."""

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def errors(self) -> int:
        return sum(1 for v in self.findings if v.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for v in self.findings if v.level is Level.WARNING)


@attrs.frozen
class Series:
    """A body's reports in year order, with the gaps between them."""

    years: tuple[Year, ...]
    missing_years: tuple[int, ...]
    issuers: tuple[str, ...]
    """The distinct issuing bodies the reports name; more than one is suspicious."""

    @property
    def valid(self) -> bool:
        return all(year.errors == 0 for year in self.years)

    def figures(self) -> list[dict[str, Value]]:
        """Per year, the main figures by :data:`FIGURES` key."""
        return [{figure.key: figure.value(year.report) for figure in FIGURES} for year in self.years]

    def indicators(self) -> list[dict[str, Decimal | None]]:
        """Per year, the indicators (公开率 …) by key, as defined once in the taxonomy."""
        return [indicator_values(year.report) for year in self.years]


class SeriesError(BilingualError):
    """The reports do not form a series (none, or two for one year); ``zh``/``en`` say which."""


def check_series(reports: Iterable[tuple[str, Report]]) -> Series:
    """Check ``(source, report)`` pairs of one body as a series; any order, one report per year."""
    by_year: dict[int, tuple[str, Report]] = {}
    for source, report in reports:
        if report.year in by_year:
            other = by_year[report.year][0]
            raise SeriesError(
                f"{report.year} 年有两份报告（{other}、{source}），一个年度只能有一份",
                f"two reports for {report.year} ({other}, {source}); a series has one per year",
            )
        by_year[report.year] = (source, report)
    if not by_year:
        raise SeriesError("没有报告，无法组成年度序列", "no reports: nothing to lay out")
    years: list[Year] = []
    for year in sorted(by_year):
        source, report = by_year[year]
        previous = by_year.get(year - 1)
        found = check(report, previous[1] if previous else None)
        years.append(Year(source, report, tuple(v.with_source(source) for v in found), previous is not None))
    first, last = min(by_year), max(by_year)
    missing = tuple(y for y in range(first, last + 1) if y not in by_year)
    issuers = tuple(dict.fromkeys(r.issuer for _, r in (by_year[y] for y in sorted(by_year)) if r.issuer))
    return Series(tuple(years), missing, issuers)


def cross_year_findings(year: Year) -> Sequence[Violation]:
    """The findings that compare a year with the one before (X1, X2)."""
    return [v for v in year.findings if v.code.startswith(("X1", "X2", "cross_year"))]
