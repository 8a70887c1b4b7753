"""Who has published: per year, each roster body's report found, missing, invalid or late.

条例 第四十九条: "县级以上人民政府部门应当在每年1月31日前 ... 提交本行政机关上一年度
政府信息公开工作年度报告并向社会公布"; "县级以上地方人民政府的政府信息公开工作主管部门
应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告".  The notices
(国办公开办函〔2021〕30号 二（一）) apply the departments' deadline to 乡镇人民政府.
So a report for year Y is due by 31 January of Y+1 (departments, townships) or
31 March of Y+1 (governments).

The date a report was published is the report's own: its 发布日期
(``publication_date``), else its 成文日期 (``signature_date``), else its 印发日期
(``printed_date``).  A report with none of them is "date unknown", never late.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from .bodies import body_key
from .model import Report
from .roster import Entry, Level, Roster
from .taxonomy import Level as FindingLevel
from .violations import Violation


def deadline(level: Level, year: int) -> dt.date:
    """The last day to publish the report for ``year`` (条例 第四十九条)."""
    if level is Level.GOVERNMENT:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


def report_date(report: Report) -> dt.date | None:
    """The report's own date: 发布日期, else 成文日期, else 印发日期."""
    return report.publication_date or report.signature_date or report.printed_date


class Status(enum.Enum):
    PUBLISHED = "published"
    LATE = "late"
    INVALID = "invalid"
    MISSING = "missing"
    UNDATED = "undated"


STATUS_WORDS = {
    Status.PUBLISHED: ("按时发布", "published on time"),
    Status.LATE: ("逾期发布", "published late"),
    Status.INVALID: ("报告无效", "invalid"),
    Status.MISSING: ("未发布", "missing"),
    Status.UNDATED: ("已发布（日期不明）", "published (date unknown)"),
}


@attrs.frozen
class Checked:
    """One report found for a body and year, with its error count (from :func:`~disclosure_schema.check`)."""

    source: str
    report: Report
    findings: tuple[Violation, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for v in self.findings if v.level is FindingLevel.ERROR)


@attrs.frozen
class Standing:
    """A body's standing for one year."""

    entry: Entry
    year: int
    report: Checked | None
    deadline: dt.date

    @property
    def date(self) -> dt.date | None:
        return report_date(self.report.report) if self.report else None

    @property
    def days_late(self) -> int | None:
        return (self.date - self.deadline).days if self.date and self.date > self.deadline else None

    @property
    def status(self) -> Status:
        """Missing; else invalid (errors); else late; else undated; else published on time."""
        if self.report is None:
            return Status.MISSING
        if self.report.errors:
            return Status.INVALID
        if self.days_late:
            return Status.LATE
        if self.date is None:
            return Status.UNDATED
        return Status.PUBLISHED

    @property
    def late(self) -> bool:
        """Published after the deadline (an invalid report can be late too)."""
        return bool(self.days_late)


@attrs.frozen
class Stray:
    """A report whose issuer matches no roster entry, or a second report for one body and year."""

    source: str
    issuer: str | None
    year: int
    duplicate_of: str | None = None


@attrs.frozen
class Publication:
    """Every roster body's standing in every year asked, and the reports that fit no entry."""

    years: tuple[int, ...]
    standings: tuple[Standing, ...]
    strays: tuple[Stray, ...]

    def of(self, status: Status) -> list[Standing]:
        return [s for s in self.standings if s.status is status]


def publication(roster: Roster, reports: Iterable[Checked], *, years: Sequence[int] | None = None) -> Publication:
    """Match ``reports`` to ``roster`` by issuer and lay out each body's standing per year.

    ``years`` defaults to every year from the earliest to the latest report found.
    Reports naming no roster body, and second reports for one body and year, are
    returned as :class:`Stray` rather than dropped.
    """
    found: dict[tuple[str, int], Checked] = {}
    strays: list[Stray] = []
    all_years: set[int] = set()
    for checked in reports:
        report = checked.report
        all_years.add(report.year)
        entry = roster.find(report.issuer)
        if entry is None:
            strays.append(Stray(checked.source, report.issuer, report.year))
            continue
        slot = (body_key(entry.body), report.year)
        if slot in found:
            strays.append(Stray(checked.source, report.issuer, report.year, duplicate_of=found[slot].source))
            continue
        found[slot] = checked
    if years is None:
        years = tuple(range(min(all_years), max(all_years) + 1)) if all_years else ()
    standings = [
        Standing(entry, year, found.get((body_key(entry.body), year)), deadline(entry.level, year))
        for year in years
        for entry in roster
    ]
    return Publication(tuple(years), tuple(standings), tuple(strays))
