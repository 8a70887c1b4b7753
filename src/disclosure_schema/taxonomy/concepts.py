"""The vocabulary the format is declared in.

Like an XBRL taxonomy, one edition of the format is declared as *concepts*
(cells, with their value kind), *labels* (the official wording, verbatim),
*presentation* (rows, column headers, sub-tables, in printed order) and
*calculation* (the sum relations).  Everything else in the library -- the model,
the JSON Schema, the rules, the exporters and the readers -- reads these objects
instead of repeating what they say.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from functools import cached_property

import attrs


class Kind(enum.Enum):
    """What a cell may hold; decides the JSON type and the domain check."""

    COUNT = "count"
    """A non-negative whole number."""
    SIGNED_COUNT = "signed_count"
    """A whole number that may be negative (2019's 本年增/减)."""
    MONEY = "money"
    """A non-negative decimal amount, kept as :class:`decimal.Decimal`."""


class Layout(enum.Enum):
    """How a table is printed; the presentation half of the declaration."""

    SUBTABLES = "subtables"
    """Table 二: one small table per 第二十条 item, each with its own columns."""
    MATRIX = "matrix"
    """Table 三: rows with up to three label levels against one set of columns."""
    SINGLE_ROW = "single_row"
    """Table 四: every row of the declaration becomes a column group of one printed row."""


@attrs.frozen
class Label:
    """One node of a row or column path: a stable English key and the official wording."""

    key: str
    text: str


@attrs.frozen
class Column:
    """A column: its key, its official label and the spanning headers printed above it."""

    key: str
    text: str
    kind: Kind = Kind.COUNT
    headers: tuple[str, ...] = ()
    unit: str | None = None
    """The unit the figures are in, where the format or the usual practice fixes one."""


@attrs.frozen
class Row:
    """A data row: the path of labels from the table down to it, and its columns."""

    path: tuple[Label, ...]
    columns: tuple[Column, ...]

    @cached_property
    def key(self) -> str:
        """The row's address inside its table, e.g. ``results/not_disclosed/state_secret``."""
        return "/".join(node.key for node in self.path)

    @property
    def text(self) -> str:
        """The row's own official label (its last path node)."""
        return self.path[-1].text


@attrs.frozen(eq=False)
class Cell:
    """One figure of the report: the concept a value in the model stands for."""

    table: Table = attrs.field(repr=False)
    row: Row
    column: Column
    index: int
    """Position of the cell in its table's value tuple."""

    @cached_property
    def key(self) -> str:
        """The cell's address inside its table: the row key then the column key."""
        return f"{self.row.key}/{self.column.key}"

    @cached_property
    def pointer(self) -> str:
        """The RFC 6901 JSON pointer of the cell inside a report document."""
        return f"/{self.table.key}/{self.key}"

    @property
    def kind(self) -> Kind:
        return self.column.kind


@attrs.frozen(eq=False)
class Table:
    """One of the report's three tables (二, 三, 四)."""

    key: str
    """The report's JSON property holding the table."""
    number: str
    """The table's section numeral as printed (二, 三, 四)."""
    layout: Layout
    rows: tuple[Row, ...]
    note: str | None = None
    """A line the template prints above the table (table 三's 勾稽关系)."""
    row_header: str | None = None
    """The label of the row-label column (table 二's 信息内容)."""

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell in printed order, row by row."""
        cells: list[Cell] = []
        for row in self.rows:
            for column in row.columns:
                cells.append(Cell(self, row, column, len(cells)))
        return tuple(cells)

    @cached_property
    def cell_index(self) -> Mapping[str, Cell]:
        """Cells by their key inside the table."""
        return {cell.key: cell for cell in self.cells}

    @cached_property
    def row_index(self) -> Mapping[str, Row]:
        return {row.key: row for row in self.rows}

    def cell(self, row: str, column: str) -> Cell:
        """The cell at a row key and a column key; ``KeyError`` when there is none."""
        return self.cell_index[f"{row}/{column}"]

    def rows_under(self, prefix: str) -> Iterator[Row]:
        """Rows whose key starts with the path ``prefix`` (a group such as ``results``)."""
        for row in self.rows:
            if row.key == prefix or row.key.startswith(prefix + "/"):
                yield row


@attrs.frozen
class Section:
    """One of the six numbered sections of the report."""

    key: str
    number: str
    heading: str
    """The official heading, verbatim (``一、总体情况``)."""
    table: str | None = None
    """Key of the table this section presents, if any."""
    hint: str | None = None
    """The template's placeholder text, if it prints one."""


class Per(enum.Enum):
    """How a relation is repeated over a table."""

    COLUMN = "column"
    """Once for every column of the rows involved (R1, R2, X1)."""
    ROW = "row"
    """Once for every row that has the target column (R3, R4)."""
    CELL = "cell"
    """Once for every row under a group, column by column as named (X2)."""


class Level(enum.Enum):
    """How serious a finding is: errors make a report invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Term:
    """One addend of a relation: a row (``Per.COLUMN``) or a column (``Per.ROW``), signed.

    ``ref`` names a row key for column-wise relations and a column key for
    row-wise ones.  ``previous`` marks a figure taken from last year's report.
    ``"*"`` stands for every other row under ``group`` or every other column.
    """

    ref: str
    sign: int = 1
    previous: bool = False


@attrs.frozen
class Relation:
    """A sum relation (勾稽关系): ``target = Σ sign × term`` wherever it applies."""

    id: str
    table: str
    per: Per
    target: str
    terms: tuple[Term, ...]
    statement_zh: str
    statement_en: str
    level: Level = Level.ERROR
    group: str | None = None
    """For ``"*"`` terms of a column-wise relation: the rows summed are those under this group."""
    cross_year: bool = False
    """Whether the relation compares this report with last year's."""
    printed: bool = False
    """Whether the official template prints the relation (R1) or it is implied."""
    computes_total: bool = False
    """Whether the target is a 总计 cell that :func:`~disclosure_schema.totals.fill_totals` may compute."""


@attrs.frozen(eq=False)
class Edition:
    """One edition of the official format, complete."""

    id: str
    """``"2019"`` or ``"2021"``."""
    source: str
    """The notice that issued the format."""
    title: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    relations: tuple[Relation, ...]
    marker_labels: tuple[str, ...]
    """Labels that only this edition prints; they tell the editions apart."""

    @cached_property
    def table_index(self) -> Mapping[str, Table]:
        return {table.key: table for table in self.tables}

    @cached_property
    def section_index(self) -> Mapping[str, Section]:
        return {section.key: section for section in self.sections}

    def table(self, key: str) -> Table:
        return self.table_index[key]

    @cached_property
    def cells(self) -> Mapping[str, Cell]:
        """Every cell of the edition by JSON pointer."""
        return {cell.pointer: cell for table in self.tables for cell in table.cells}
