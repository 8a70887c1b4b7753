"""Rolling reports up: the summary report of a region is its bodies' reports summed cell by cell.

Every relation of the format (R1-R4) is a linear equation over cells, so the
cell-by-cell sum of reports that satisfy it satisfies it too; that is what makes
a roll-up meaningful and why only reports of one edition and one year may be
summed.  A blank cell stays blank only when it is blank everywhere; a blank
summed with figures is counted as 0 and noted, because the roll-up then states a
figure some of its inputs did not.  A cell that a reader could not read in any
input (:class:`~disclosure_schema.model.Reading`) is unread in the sum too, and
noted: a sum with an unknown part is unknown, never a smaller figure.  Checks
used to settle a split in an input stay marked on the sum.  Sums are exact (integers, and decimals in a
context wide enough for any amount the format allows); a sum the format cannot
hold is refused rather than rounded.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from .bodies import body_key
from .checker import check
from .converter import MAX_MAGNITUDE, MONEY_PATTERN
from .errors import BilingualError
from .model import TABLE_KEYS, Period, Reading, Report, TableData, Value
from .taxonomy import Cell, Kind, Level
from .violations import Location

_EXACT = decimal.Context(prec=80, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow])
"""Wide enough that adding amounts the format allows (18 + 12 digits) never rounds; rounding would trap."""


class AggregationError(BilingualError):
    """The reports cannot be summed; ``zh`` and ``en`` say why, naming the reports concerned."""


@attrs.frozen
class BlankNote:
    """A cell blank in some inputs and filled in others: the sum counts the blanks as 0."""

    cell: Cell
    blank_in: tuple[str, ...]
    """Names of the inputs where the cell is blank."""
    of: int
    """How many inputs were summed."""

    def message(self, lang: str = "zh") -> str:
        where = Location.of(self.cell).words(lang)
        names = "、".join(self.blank_in) if lang != "en" else ", ".join(self.blank_in)
        if lang == "en":
            return f"{where}: blank in {len(self.blank_in)} of {self.of} reports ({names}), counted as 0"
        return f"{where}：{self.of} 份报告中有 {len(self.blank_in)} 份空白（{names}），按 0 计入合计"


@attrs.frozen
class UnreadNote:
    """A cell some inputs' readers could not read: unread in the sum, whatever the others say."""

    cell: Cell
    unread_in: tuple[str, ...]
    """Names of the inputs where the cell was not read."""
    of: int

    def message(self, lang: str = "zh") -> str:
        where = Location.of(self.cell).words(lang)
        if lang == "en":
            names = ", ".join(self.unread_in)
            return f"{where}: not read in {len(self.unread_in)} of {self.of} reports ({names}), so unread in the sum"
        names = "、".join(self.unread_in)
        return f"{where}：{self.of} 份报告中有 {len(self.unread_in)} 份未能读取（{names}），合计也按未能读取处理"


@attrs.frozen
class Aggregation:
    """The roll-up and the notes on how blank and unread cells were treated."""

    report: Report
    notes: tuple[BlankNote | UnreadNote, ...] = ()


def aggregate(reports: Sequence[Report], *, issuer: str, names: Sequence[str] | None = None, force: bool = False) -> Report:
    """The roll-up report of ``reports`` issued by ``issuer`` (see :func:`aggregate_with_notes`)."""
    return aggregate_with_notes(reports, issuer=issuer, names=names, force=force).report


def aggregate_with_notes(
    reports: Sequence[Report], *, issuer: str, names: Sequence[str] | None = None, force: bool = False
) -> Aggregation:
    """Sum ``reports`` cell by cell into one report of their edition and year.

    ``names`` label the inputs in messages (file names; default ``#1``, ``#2``...).
    Refuses (:class:`AggregationError`) an empty list, mixed editions or years, a
    sum beyond what the format can hold, one body given twice (the same issuer), and --
    unless ``force`` -- inputs that have
    error-level findings of their own.  Section texts are not summed: the roll-up
    has none; its statistics period is the calendar year.
    """
    labels = list(names) if names is not None else [f"#{i + 1}" for i in range(len(reports))]
    if len(labels) != len(reports):
        raise ValueError("names must name every report")
    if not reports:
        raise AggregationError("没有可汇总的报告", "no reports to aggregate")
    _same(reports, labels, "edition", "格式版本", "edition")
    _same(reports, labels, "year", "报告年度", "year")
    _distinct_bodies(reports, labels)
    if not force:
        failing = [name for name, report in zip(labels, reports, strict=True) if any(v.level is Level.ERROR for v in check(report))]
        if failing:
            listed = "、".join(failing)
            raise AggregationError(
                f"以下报告本身有错误，不能汇总（确需汇总请加 --force）：{listed}",
                f"these reports have errors of their own and are not aggregated (use --force to sum them anyway): "
                f"{', '.join(failing)}",
            )
    first = reports[0]
    notes: list[BlankNote | UnreadNote] = []
    tables: dict[str, Any] = {}
    unread_any = frozenset().union(*(report.reading.unread for report in reports))
    for key in TABLE_KEYS:
        spec = first.table(key).spec
        columns = [report.table(key).values for report in reports]
        summed: list[Value] = []
        for cell in spec.cells:
            if unread_any and cell.pointer in unread_any:
                unread_in = tuple(n for n, r in zip(labels, reports, strict=True) if cell.pointer in r.reading.unread)
                notes.append(UnreadNote(cell, unread_in, len(reports)))
                summed.append(None)
                continue
            present = [values[cell.index] for values in columns]
            total = _sum(cell, present)
            blank_in = tuple(name for name, value in zip(labels, present, strict=True) if value is None)
            if blank_in and total is not None:
                notes.append(BlankNote(cell, blank_in, len(reports)))
            summed.append(total)
        tables[key] = TableData(spec, tuple(summed))
    period = Period(dt.date(first.year, 1, 1), dt.date(first.year, 12, 31))
    empty = Report.empty(first.edition, first.year, blank=True, issuer=issuer, statistics_period=period)
    settled: dict[str, set[str]] = {}
    for each in reports:
        for pointer, ids in each.reading.settled.items():
            if pointer not in unread_any:
                settled.setdefault(pointer, set()).update(ids)
    report = attrs.evolve(empty, **tables, reading=Reading(unread_any, settled))
    return Aggregation(report, tuple(notes))


def _same(reports: Sequence[Report], labels: Sequence[str], field: str, zh: str, en: str) -> None:
    seen: dict[object, list[str]] = {}
    for name, report in zip(labels, reports, strict=True):
        seen.setdefault(getattr(report, field), []).append(name)
    if len(seen) > 1:
        groups_zh = "；".join(f"{value}：{'、'.join(names)}" for value, names in seen.items())
        groups_en = "; ".join(f"{value}: {', '.join(names)}" for value, names in seen.items())
        raise AggregationError(
            f"只能汇总同一{zh}的报告，这些报告的{zh}不同（{groups_zh}）",
            f"only reports of one {en} can be aggregated; these differ ({groups_en})",
        )


def _distinct_bodies(reports: Sequence[Report], labels: Sequence[str]) -> None:
    """Refuse one body counted twice: two inputs naming the same issuer (发布机关).

    A roll-up sums *different* bodies; a report given twice (the same file named
    twice, or a copy) would double its figures without any sum failing.  Inputs
    that name no issuer cannot be told apart here (small bodies often publish
    identical all-zero tables, so equal figures prove nothing).
    """
    seen: dict[str, str] = {}
    for name, report in zip(labels, reports, strict=True):
        if not report.issuer:
            continue
        key = body_key(report.issuer)
        if key in seen:
            raise AggregationError(
                f"同一机关（{report.issuer}）的报告出现了两次（{seen[key]}、{name}），汇总会重复计数；每个机关只能计入一次",
                f"the report of one body ({report.issuer}) is given twice ({seen[key]}, {name}); it would be counted twice",
            )
        seen[key] = name


def _sum(cell: Cell, values: list[Value]) -> Value:
    present = [v for v in values if v is not None]
    if not present:
        return None
    if cell.kind is Kind.MONEY:
        with decimal.localcontext(_EXACT):
            amount = sum((Decimal(v) for v in present), Decimal(0))
        text = format(amount, "f")
        if not MONEY_PATTERN.fullmatch(text):
            raise _too_large(cell, text)
        return amount
    count = 0
    for value in present:
        count += int(value)
    if abs(count) > MAX_MAGNITUDE:
        raise _too_large(cell, str(count))
    return count


def _too_large(cell: Cell, value: str) -> AggregationError:
    where = Location.of(cell)
    return AggregationError(
        f"{where.words('zh')}：合计 {value} 超出格式允许的范围，无法汇总",
        f"{where.words('en')}: the sum {value} is beyond what the format can hold",
    )
