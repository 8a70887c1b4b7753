"""A summary report (汇总报告) checked against the reports it sums, cell by cell.

The notices require each level to sum its bodies' reports into its own (国办公开办函
〔2021〕30号 二（二）："应当逐级汇总相关情况和数据"); an office that types its
summary by hand can be off in a cell while every relation of its own still holds.
This compares every cell of the summary with the sum of its parts (computed by
:func:`~disclosure_schema.aggregate.aggregate_with_notes`, so the parts must be of
the summary's edition and year and no body may be given twice) and reports each
difference with both values and the parts that contribute to the cell.

A blank counts as 0 on both sides, as in every relation: a blank summary cell
whose parts sum to 0 is no difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from .aggregate import AggregationError, aggregate_with_notes
from .bodies import same_body
from .model import Report, Value
from .taxonomy import Cell
from .violations import Location

SHOWN_PARTS = 12
"""A message names at most this many contributing parts; the JSON form lists every one."""


class RollupError(AggregationError):
    """The parts cannot be compared with the summary (other edition or year, a body twice, ...)."""


@attrs.frozen
class PartValue:
    """One part's value in a cell."""

    name: str
    body: str | None
    value: Value


@attrs.frozen
class RollupDifference:
    """A cell where the summary is not the sum of its parts."""

    cell: Cell
    reported: Value
    """What the summary report states (``None``: blank)."""
    computed: Value
    """The sum of the parts (``None``: blank in every part)."""
    parts: tuple[PartValue, ...]
    """Every part's value in this cell, in the order the parts were given."""

    @property
    def pointer(self) -> str:
        return self.cell.pointer

    def contributing(self) -> tuple[PartValue, ...]:
        """The parts with a non-zero value in the cell (those that make up the sum)."""
        return tuple(part for part in self.parts if part.value)

    def message(self, lang: str = "zh") -> str:
        where = Location.of(self.cell).words(lang)
        contributing = self.contributing()
        shown = [f"{part.body or part.name} {part.value}" for part in contributing[:SHOWN_PARTS]]
        if len(contributing) > SHOWN_PARTS:
            rest = len(contributing) - SHOWN_PARTS
            shown.append(f"… {rest} more" if lang == "en" else f"…等另外 {rest} 份")
        if lang == "en":
            parts = " + ".join(shown) if shown else "every part 0 or blank"
            return f"{where}: the summary states {_show(self.reported, lang)}, its parts sum to {_show(self.computed, lang)} ({parts})"
        parts = " + ".join(shown) if shown else "各部分均为 0 或空白"
        return f"{where}：汇总报告填报 {_show(self.reported, lang)}，各部分之和为 {_show(self.computed, lang)}（{parts}）"

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": "rollup.mismatch",
            "pointer": self.pointer,
            "location": Location.of(self.cell).words(lang),
            "reported": _json(self.reported),
            "computed": _json(self.computed),
            "parts": [{"file": p.name, "body": p.body, "value": _json(p.value)} for p in self.parts if p.value is not None],
            "message": self.message(lang),
        }


@attrs.frozen
class RollupCheck:
    """What comparing a summary with its parts found."""

    summary: str
    parts: tuple[str, ...]
    differences: tuple[RollupDifference, ...]

    @property
    def consistent(self) -> bool:
        return not self.differences


def check_rollup(summary: Report, parts: Sequence[Report], *, names: Sequence[str] | None = None, summary_name: str = "summary") -> RollupCheck:
    """Compare every cell of ``summary`` with the sum of ``parts``.

    Raises :class:`RollupError` when there are no parts, when a part is of
    another edition or year than the summary, when one body is given twice, when
    the summary itself is among its parts (same issuer), or when a sum exceeds
    what the format can hold.  Parts with errors of their own are still summed:
    the point is to find where the summary differs, whatever the cause.
    """
    labels = list(names) if names is not None else [f"#{i + 1}" for i in range(len(parts))]
    if not parts:
        raise RollupError("没有用于核对的下级报告", "no parts to check the summary against")
    for name, part in zip(labels, parts, strict=True):
        for field, zh, en in (("edition", "格式版本", "edition"), ("year", "报告年度", "year")):
            if getattr(part, field) != getattr(summary, field):
                raise RollupError(
                    f"{name} 的{zh}是 {getattr(part, field)}，汇总报告 {summary_name} 的{zh}是 {getattr(summary, field)}，不能用来核对",
                    f"{name} is of {en} {getattr(part, field)}, the summary {summary_name} of {en} "
                    f"{getattr(summary, field)}: it cannot be compared",
                )
        if same_body(part.issuer, summary.issuer):
            raise RollupError(
                f"{name} 是汇总报告本身的发布机关（{summary.issuer}）的报告，不能作为它的组成部分",
                f"{name} is the summary's own body ({summary.issuer}); it cannot be one of its parts",
            )
    try:
        total = aggregate_with_notes(parts, issuer=summary.issuer or summary_name, names=labels, force=True).report
    except RollupError:
        raise
    except AggregationError as exc:
        raise RollupError(exc.zh, exc.en) from exc
    differences = []
    for summary_table, total_table in zip(summary.tables(), total.tables(), strict=True):
        columns = [part.table(summary_table.spec.key).values for part in parts]
        for (cell, reported), computed in zip(summary_table.items(), total_table.values, strict=True):
            if (reported or 0) == (computed or 0):
                continue
            values = tuple(
                PartValue(name, part.issuer, values[cell.index])
                for name, part, values in zip(labels, parts, columns, strict=True)
            )
            differences.append(RollupDifference(cell, reported, computed, values))
    return RollupCheck(summary_name, tuple(labels), tuple(differences))


def _show(value: Value, lang: str) -> str:
    if value is None:
        return "blank" if lang == "en" else "空白"
    return str(value)


def _json(value: Value) -> Any:
    return str(value) if isinstance(value, Decimal) else value
