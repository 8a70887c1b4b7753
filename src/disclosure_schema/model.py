"""The report as typed, immutable data.

The classes hold values only; what the values mean (labels, rows, columns,
kinds) lives in :mod:`disclosure_schema.taxonomy`, and how they travel as JSON
lives in :mod:`disclosure_schema.converter`.  A table is a tuple of values in
the declaration's cell order, so a new edition needs no new class.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

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


@attrs.frozen
class Reading:
    """TEMPORARY stand-in (replaced by the core branch): cells a reader could not read, and checks used to read."""

    unread: frozenset[str] = frozenset()
    settled: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


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
    reading: Reading = attrs.field(factory=Reading, metadata={"title": "读取情况"})

    def __attrs_post_init__(self) -> None:
        if self.edition not in EDITIONS:
            raise ValueError(f"unknown edition {self.edition!r}; known: {', '.join(EDITIONS)}")
        for key in TABLE_KEYS:
            table: TableData = getattr(self, key)
            if table.spec is not EDITIONS[self.edition].table(key):
                raise ValueError(f"table {key} does not belong to edition {self.edition}")

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
