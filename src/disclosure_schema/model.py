"""The report as typed, immutable data.

The classes hold values only; what the values mean (labels, rows, columns,
kinds) lives in :mod:`disclosure_schema.taxonomy`, and how they travel as JSON
lives in :mod:`disclosure_schema.converter`.  A table is a tuple of values in
the declaration's cell order, so a new edition needs no new class.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from .rules import checks_for
from .taxonomy import EDITIONS, Cell, Edition, Kind, Table

Value = int | Decimal | None
"""A cell: a whole number, a money amount, or ``None`` where the published cell is blank."""

TABLE_KEYS = ("proactive_disclosure", "requests", "review_and_litigation")
YEARS = range(2019, 2101)
"""Report years the format can apply to (it was first issued for the 2019 reports)."""


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"


@attrs.frozen
class Block:
    """A sub-heading or a paragraph of a narrative section, as published."""

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH


@attrs.frozen
class Section:
    """A numbered section's text: its heading as printed and its blocks in order.

    Sections 二 to 四 hold their table in :class:`Report`; any text printed around
    the table is kept here.
    """

    heading: str | None = None
    """The heading as the report prints it; ``None`` means the official heading."""
    blocks: tuple[Block, ...] = ()


@attrs.frozen
class Contact:
    """The contact block of the opening paragraph."""

    office: str | None = attrs.field(default=None, metadata={"title": "联系机构"})
    address: str | None = attrs.field(default=None, metadata={"title": "办公地址"})
    postcode: str | None = attrs.field(default=None, metadata={"title": "邮编"})
    phone: str | None = attrs.field(default=None, metadata={"title": "电话"})
    email: str | None = attrs.field(default=None, metadata={"title": "电子邮箱"})


@attrs.frozen
class Period:
    """The statistics period the figures cover; the format expects the calendar year."""

    start: dt.date = attrs.field(metadata={"title": "起始日期"})
    end: dt.date = attrs.field(metadata={"title": "截止日期"})


@attrs.frozen
class TableData:
    """The values of one table, in the order of its declaration's cells."""

    spec: Table = attrs.field(repr=False, eq=False)
    values: tuple[Value, ...]

    def __attrs_post_init__(self) -> None:
        if len(self.values) != len(self.spec.cells):
            raise ValueError(f"table {self.spec.key} has {len(self.spec.cells)} cells, got {len(self.values)}")

    @classmethod
    def blank(cls, spec: Table) -> TableData:
        """A table with every cell blank."""
        return cls(spec, (None,) * len(spec.cells))

    @classmethod
    def zeros(cls, spec: Table) -> TableData:
        """A table with every cell 0 (money as ``Decimal("0")``)."""
        return cls(spec, tuple(_zero(cell) for cell in spec.cells))

    def __getitem__(self, key: str) -> Value:
        """The value at a cell key such as ``"results/total/natural_person"``."""
        return self.values[self.spec.cell_index[key].index]

    def get(self, row: str, column: str) -> Value:
        return self.values[self.spec.cell(row, column).index]

    def items(self) -> Iterator[tuple[Cell, Value]]:
        """Each cell with its value, in printed order."""
        return zip(self.spec.cells, self.values, strict=True)

    def replace(self, changes: Mapping[str, Value]) -> TableData:
        """A copy with the cells named by key set to new values (``TypeError`` for a value of the wrong kind)."""
        values = list(self.values)
        for key, value in changes.items():
            cell = self.spec.cell_index[key]
            _check_kind(cell, value)
            values[cell.index] = value
        return TableData(self.spec, tuple(values))


def _zero(cell: Cell) -> Value:
    return Decimal("0") if cell.kind is Kind.MONEY else 0


def _check_kind(cell: Cell, value: Value) -> None:
    if value is None:
        return
    expected = Decimal if cell.kind is Kind.MONEY else int
    if type(value) is not expected:
        raise TypeError(f"{cell.pointer} ({cell.column.text}) takes {expected.__name__} or None, not {value!r}")


def _pointer_set(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError("Reading.unread takes a collection of JSON pointers, not one string")
    return frozenset(value)


def _settled_map(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    settled: dict[str, tuple[str, ...]] = {}
    for pointer, ids in value.items():
        if isinstance(ids, str):
            raise TypeError(f"Reading.settled[{pointer!r}] takes a collection of check ids, not one string")
        checks = tuple(ids)
        if not checks:
            raise ValueError(f"Reading.settled[{pointer!r}] names no check")
        if len(set(checks)) != len(checks):
            raise ValueError(f"Reading.settled[{pointer!r}] names a check twice: {checks!r}")
        settled[pointer] = tuple(sorted(checks))
    return settled


@attrs.frozen
class Reading:
    """What a reader could not read, and which checks it used to read what it did.

    A published blank (``None`` in a table, pointer not in :attr:`unread`) is what
    the report prints: nothing, counted as 0 in a sum.  An *unread* cell is also
    ``None`` in its table, but its value is unknown: the source was damaged, a row
    was missing, or a run of digits split more than one way.  The checker never
    blames a report for an unread cell: a relation involving one is "not
    checkable" (a warning), never a mismatch.

    A cell is *settled* when the reader chose between several ways of splitting a
    run of digits by the report's own relations (e.g. table 三's 总计 column,
    ``R3/received``); those checks were used to read the row, so a validator does
    not count them as verified.  Pointers are RFC 6901 JSON pointers of table cells
    (``/requests/received/natural_person``); check ids are those of
    ``schemas/rules-<edition>.json`` (``R3/received``, ``R4/administrative_review``).
    """

    unread: frozenset[str] = attrs.field(factory=frozenset, converter=_pointer_set)
    """JSON pointers of the cells that could not be read; their values are ``None``."""
    settled: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_settled_map)
    """Pointer of a settled cell -> ids of the checks used to settle it (sorted, no repeats)."""

    @property
    def is_empty(self) -> bool:
        """Whether everything was read plainly (the reading of a hand-written JSON report)."""
        return not self.unread and not self.settled

    def checks_used(self) -> frozenset[str]:
        """Ids of every check used while reading (not to be counted as verified)."""
        return frozenset(check for ids in self.settled.values() for check in ids)


NOTHING_UNREAD = Reading()
"""The reading of a report whose every cell was read as printed (the default)."""


@cache
def _check_ids(edition_id: str) -> frozenset[str]:
    return frozenset(check.id for check in checks_for(edition_id))


def _cell_words(cell: Cell) -> str:
    return f"{cell.pointer} (表{cell.table.number} {cell.row.text} 行，{cell.column.text} 列)"


def _check_reading(report: Report) -> None:
    """Raise ``ValueError`` unless ``report.reading`` fits the report (see :class:`Reading`)."""
    cells = report.spec.cells
    reading = report.reading
    for pointer in sorted(reading.unread):
        cell = cells.get(pointer)
        if cell is None:
            raise ValueError(f"reading.unread: {pointer!r} is not a cell of edition {report.edition}")
        value = report.table(cell.table.key).values[cell.index]
        if value is not None:
            raise ValueError(
                f"reading.unread: {_cell_words(cell)} is marked unread but holds {value!r}; "
                "an unread cell's value is None"
            )
    known = _check_ids(report.edition)
    for pointer, ids in reading.settled.items():
        if pointer not in cells:
            raise ValueError(f"reading.settled: {pointer!r} is not a cell of edition {report.edition}")
        if pointer in reading.unread:
            raise ValueError(f"reading.settled: {_cell_words(cells[pointer])} is settled, so it cannot be unread")
        for check in ids:
            if check not in known:
                raise ValueError(f"reading.settled[{pointer!r}]: {check!r} is not a check of edition {report.edition}")


@attrs.frozen
class Report:
    """One annual report: its envelope, its narrative sections and its three tables."""

    edition: str = attrs.field(metadata={"title": "格式版本"})
    year: int = attrs.field(metadata={"title": "报告年度"})
    proactive_disclosure: TableData
    """Table 二, 主动公开政府信息情况."""
    requests: TableData
    """Table 三, 收到和处理政府信息公开申请情况."""
    review_and_litigation: TableData
    """Table 四, 政府信息公开行政复议、行政诉讼情况."""
    issuer: str | None = attrs.field(default=None, metadata={"title": "发布机关"})
    document_number: str | None = attrs.field(default=None, metadata={"title": "文号"})
    """The 文号, e.g. ``泉丰北办〔2021〕2号``."""
    title: str | None = attrs.field(default=None, metadata={"title": "标题"})
    publication_date: dt.date | None = attrs.field(default=None, metadata={"title": "发布日期"})
    preamble: str | None = attrs.field(default=None, metadata={"title": "开头段落"})
    """The opening paragraph, as published."""
    statistics_period: Period | None = attrs.field(default=None, metadata={"title": "统计期限"})
    publication: str | None = attrs.field(default=None, metadata={"title": "电子版公开渠道"})
    """Where the electronic copy is published (website, column)."""
    contact: Contact | None = attrs.field(default=None, metadata={"title": "联系方式"})
    sections: Mapping[str, Section] = attrs.field(factory=dict, metadata={"title": "正文各部分"})
    """Narrative and surrounding text by section key; a section the report omits is absent."""
    signature: str | None = attrs.field(default=None, metadata={"title": "署名"})
    """The signing body printed above the date, if printed."""
    signature_date: dt.date | None = attrs.field(default=None, metadata={"title": "成文日期"})
    copy_to: str | None = attrs.field(default=None, metadata={"title": "抄送"})
    """The 抄送 line, without its label."""
    printed_by: str | None = attrs.field(default=None, metadata={"title": "印发机关"})
    """The 印发机关 of the 公文 tail."""
    printed_date: dt.date | None = attrs.field(default=None, metadata={"title": "印发日期"})
    reading: Reading = attrs.field(default=NOTHING_UNREAD, metadata={"title": "读取情况"})
    """Which cells a reader could not read and which checks it used to read others (:class:`Reading`)."""

    def __attrs_post_init__(self) -> None:
        if self.edition not in EDITIONS:
            raise ValueError(f"unknown edition {self.edition!r}; known: {', '.join(EDITIONS)}")
        for key in TABLE_KEYS:
            table: TableData = getattr(self, key)
            if table.spec is not EDITIONS[self.edition].table(key):
                raise ValueError(f"table {key} does not belong to edition {self.edition}")
        if self.reading.unread or self.reading.settled:
            _check_reading(self)

    @property
    def spec(self) -> Edition:
        """The declaration of this report's edition."""
        return EDITIONS[self.edition]

    @classmethod
    def empty(cls, edition: str, year: int, *, blank: bool = False, **envelope: Any) -> Report:
        """A report of ``edition`` with every count 0 (or blank), ready to fill in."""
        spec = EDITIONS[edition]
        make = TableData.blank if blank else TableData.zeros
        tables: dict[str, Any] = {key: make(spec.table(key)) for key in TABLE_KEYS}
        return cls(edition=edition, year=year, **tables, **envelope)

    def table(self, key: str) -> TableData:
        if key not in TABLE_KEYS:
            raise KeyError(key)
        result: TableData = getattr(self, key)
        return result

    def tables(self) -> Iterator[TableData]:
        for key in TABLE_KEYS:
            yield self.table(key)

    def cell(self, pointer: str) -> Value:
        """The value at a JSON pointer such as ``/requests/results/total/total``."""
        table, _, key = pointer.lstrip("/").partition("/")
        return self.table(table)[key]

    def with_cells(self, changes: Mapping[str, Value]) -> Report:
        """A copy with the cells named by JSON pointer set to new values."""
        by_table: dict[str, dict[str, Value]] = {}
        for pointer, value in changes.items():
            table, _, key = pointer.lstrip("/").partition("/")
            if table not in TABLE_KEYS or key not in self.table(table).spec.cell_index:
                raise KeyError(f"no cell at {pointer!r} in edition {self.edition}")
            by_table.setdefault(table, {})[key] = value
        return self.with_tables({t: self.table(t).replace(c) for t, c in by_table.items()})

    def with_unread(self, pointers: Iterable[str]) -> Report:
        """A copy in which the cells at ``pointers`` are unread: blank, and marked in :attr:`reading`.

        A settled mark on any of them is dropped (an unread cell was not settled).
        """
        marked = _pointer_set(pointers)
        blanked = self.with_cells(dict.fromkeys(marked))
        settled = {p: ids for p, ids in self.reading.settled.items() if p not in marked}
        return attrs.evolve(blanked, reading=Reading(self.reading.unread | marked, settled))

    def with_tables(self, tables: Mapping[str, TableData]) -> Report:
        """A copy with whole tables replaced, keyed by table key."""
        changes: dict[str, Any] = dict(tables)
        return attrs.evolve(self, **changes)

    def values(self) -> Iterator[tuple[Cell, Value]]:
        """Every cell of the report with its value, table by table."""
        for table in self.tables():
            yield from table.items()


for _cls in (Block, Section, Contact, Period, TableData, Reading, Report):
    attrs.resolve_types(_cls)
