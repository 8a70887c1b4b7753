"""Findings as objects: what is wrong, where, what was reported and what was expected.

Modelled on python-jsonschema's ``ValidationError``: every finding carries a
stable code, a level, the JSON pointer of the place, the official location in
words, and the numbers behind it, so a program can act on it and a clerk can
read it (:meth:`Violation.message`, Chinese by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

import attrs

from .messages import render
from .model import Value
from .taxonomy import Cell, Layout, Level


@attrs.frozen
class Location:
    """A place in the official tables, in the format's own words."""

    table: str
    """The table's numeral: 二, 三 or 四."""
    row: tuple[str, ...]
    column: tuple[str, ...]

    @classmethod
    def of(cls, cell: Cell) -> Location:
        path = [node.text for node in cell.row.path]
        if cell.table.layout is Layout.MATRIX and len(path) > 1:
            path = path[1:]
        column = (*cell.column.headers[1:], cell.column.text)
        return cls(cell.table.number, tuple(path), column)

    def words(self, lang: str = "zh") -> str:
        """``表三 （七）总计 行，自然人 列`` (or the English equivalent); a whole row without a column."""
        row = " ".join(self.row)
        column = "·".join(self.column)
        if lang == "en":
            return f"table {self.table}, row {row}" + (f", column {column}" if column else "")
        return f"表{self.table} {row} 行" + (f"，{column} 列" if column else "")


COLUMNS_WORDS = {
    "all": ("全部 {n} 列", "all {n} columns"),
    "one": ("{names} 列", "column {names}"),
    "many": ("{names} 列", "columns {names}"),
    "separator": ("、", ", "),
}
"""Some columns of one row in words (``全部 7 列``, ``自然人、总计 列``); also published in the rules document."""

LISTED_ROWS = 6
"""More rows than this, if they run on without a gap, are told as ``first 至 last 共 N 行``."""


def cells_words(cells: Sequence[tuple[Cell, bool]]) -> tuple[str, str]:
    """Several cells in words, Chinese and English; ``True`` beside a cell means last year's report.

    Cells sharing a column are told as one phrase (``表三 （一）予以公开、（二）部分公开 行，自然人 列``;
    a long unbroken run of rows as ``（一）予以公开 至 （六）其他处理 3.其他 共 21 行``), cells
    sharing a row likewise (``全部 7 列`` when the whole row).
    """
    zh: list[str] = []
    en: list[str] = []
    for previous in (True, False):
        group = sorted((cell for cell, of_previous in cells if of_previous is previous), key=_cell_order)
        if not group:
            continue
        prefix_zh, prefix_en = ("上年报告", "last year's report: ") if previous else ("", "")
        first = Location.of(group[0])
        same_table = len({cell.table.key for cell in group}) == 1
        if len(group) > 1 and same_table and len({cell.column.key for cell in group}) == 1:
            rows_zh, rows_en = _rows_words(group)
            column = "·".join(first.column)
            zh.append(f"{prefix_zh}表{first.table} {rows_zh}，{column} 列")
            en.append(f"{prefix_en}table {first.table}, {rows_en}, column {column}")
        elif len(group) > 1 and same_table and len({cell.row.key for cell in group}) == 1:
            row = " ".join(first.row)
            if len(group) == len(group[0].row.columns):
                columns_zh, columns_en = f"全部 {len(group)} 列", f"all {len(group)} columns"
            else:
                names = ["·".join(Location.of(cell).column) for cell in group]
                columns_zh, columns_en = "、".join(names) + " 列", "columns " + ", ".join(names)
            zh.append(f"{prefix_zh}表{first.table} {row} 行，{columns_zh}")
            en.append(f"{prefix_en}table {first.table}, row {row}, {columns_en}")
        else:
            zh.append(prefix_zh + "；".join(Location.of(cell).words("zh") for cell in group))
            en.append(prefix_en + "; ".join(Location.of(cell).words("en") for cell in group))
    return "；".join(zh), "; ".join(en)


def _cell_order(cell: Cell) -> tuple[str, int]:
    return cell.table.key, cell.index


def _rows_words(cells: Sequence[Cell]) -> tuple[str, str]:
    names = [" ".join(Location.of(cell).row) for cell in cells]
    rows = cells[0].table.rows
    positions = [rows.index(cell.row) for cell in cells]
    if len(cells) > LISTED_ROWS and positions == list(range(positions[0], positions[0] + len(cells))):
        return (
            f"{names[0]} 至 {names[-1]} 共 {len(cells)} 行",
            f"the {len(cells)} rows from {names[0]} to {names[-1]}",
        )
    return "、".join(names) + " 行", ("row " if len(names) == 1 else "rows ") + ", ".join(names)


@attrs.frozen
class Contribution:
    """A cell that went into a computed value."""

    pointer: str
    location: Location
    value: Value
    sign: int = 1
    previous: bool = False


@attrs.frozen
class Violation:
    """One finding about a report."""

    code: str
    """Stable identifier; sum relations start with their id from the format (``R2.mismatch``)."""
    level: Level
    pointer: str
    """JSON pointer of the place in the report document (``""`` for the whole document)."""
    location: Location | None = None
    reported: Any = None
    computed: Any = None
    contributions: tuple[Contribution, ...] = ()
    params: Mapping[str, Any] = attrs.field(factory=dict)
    """Further facts the message names (a key, a type, a label)."""
    source: str | None = None
    """The file the report came from, when known."""

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def message(self, lang: str = "zh") -> str:
        """The finding as a sentence, in Chinese (``zh``) or English (``en``)."""
        where = self.location.words(lang) if self.location else (self.pointer or "/")
        return render(
            self.code,
            lang,
            where=where,
            reported=_show(self.reported, lang),
            computed=_show(self.computed, lang),
            **self.params,
        )

    def with_source(self, source: str) -> Violation:
        return attrs.evolve(self, source=source)

    def to_json(self, lang: str = "zh", *, source: str | None = None) -> dict[str, Any]:
        """The finding as plain JSON data (for ``validate --format json``).

        ``source`` names the file when the finding itself does not (the batch keeps one name per file).
        """
        data: dict[str, Any] = {
            "code": self.code,
            "level": self.level.value,
            "pointer": self.pointer,
            "message": self.message(lang),
        }
        if self.source is not None or source is not None:
            data["file"] = self.source if self.source is not None else source
        if self.location is not None:
            data["location"] = self.location.words(lang)
        if self.reported is not None or self.computed is not None:
            data["reported"] = _json_value(self.reported)
            data["computed"] = _json_value(self.computed)
        if "unread_pointers" in self.params:
            data["unread"] = list(self.params["unread_pointers"])
        if self.contributions:
            data["contributions"] = [
                {
                    "pointer": c.pointer,
                    "location": c.location.words(lang),
                    "value": _json_value(c.value),
                    "sign": c.sign,
                    **({"report": "previous"} if c.previous else {}),
                }
                for c in self.contributions
            ]
        return data


class DeferredContributions:
    """The contributions of a finding, not yet made: the cells' fixed facts and their values.

    A failed sum check names every operand (often 7 to 20 cells); most findings are
    counted or filtered and never shown, so each :class:`Contribution` is made only
    when :attr:`Violation.contributions` is first read (then kept).  ``facts`` are
    ``(pointer, location, sign, previous)`` per operand, worked out once per check
    and edition; ``values`` the operands' values in the same order.
    """

    __slots__ = ("facts", "values")

    def __init__(self, facts: Sequence[tuple[str, Location, int, bool]], values: Sequence[Value]) -> None:
        self.facts = facts
        self.values = values

    def make(self) -> tuple[Contribution, ...]:
        return tuple(
            Contribution(pointer, location, value, sign, previous)
            for (pointer, location, sign, previous), value in zip(self.facts, self.values, strict=True)
        )


class _MadeOnRead:
    """``Violation.contributions``: its slot, read through, making deferred contributions on first read.

    Every reader of the attribute -- ``==``, ``hash``, ``repr``, :func:`attrs.evolve`,
    pickling, :meth:`Violation.to_json` -- goes through ``__get__``, so none can tell
    a deferred finding from one made whole.
    """

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        value = self.slot.__get__(instance, owner)
        if type(value) is DeferredContributions:
            value = value.make()
            self.slot.__set__(instance, value)
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        self.slot.__set__(instance, value)

    def __delete__(self, instance: Any) -> None:
        self.slot.__delete__(instance)


setattr(Violation, "contributions", _MadeOnRead(Violation.__dict__["contributions"]))  # noqa: B010


def deferred(facts: Sequence[tuple[str, Location, int, bool]], values: Sequence[Value]) -> tuple[Contribution, ...]:
    """Contributions for :class:`Violation` made only when read (see :class:`DeferredContributions`)."""
    return cast("tuple[Contribution, ...]", DeferredContributions(facts, values))


def _show(value: Any, lang: str) -> str:
    if value is None:
        return "blank" if lang == "en" else "空白"
    return str(value)


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def errors(violations: Iterable[Violation]) -> list[Violation]:
    """The error-level findings only."""
    return [v for v in violations if v.level is Level.ERROR]


def best_match(violations: Iterable[Violation]) -> Violation | None:
    """The finding most worth showing first: errors before warnings, shape before sums."""
    ranked = sorted(violations, key=lambda v: (v.level is not Level.ERROR, not v.code.startswith("shape")))
    return ranked[0] if ranked else None
