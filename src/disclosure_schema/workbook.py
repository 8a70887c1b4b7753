"""Where every label and every figure sits in the report workbook: one geometry, two users.

The XLSX exporter writes cells where this module says and the XLSX reader reads
them back from the same places, so the two cannot drift apart; both are
plug-ins, and plug-ins use only the core, so the geometry lives here.  It needs
no openpyxl: it is :mod:`~disclosure_schema.presentation`'s grid placed on a
worksheet (a title row, an empty row, then the table), plus the text sheet.
The only words typed here are the sheet names and the words of the text
sheet's own columns, which the format does not print; they are data, defined once.
"""

from __future__ import annotations

import enum
import typing
from functools import cache, cached_property

import attrs

from .model import BlockKind, Report
from .presentation import table_grid
from .taxonomy import EDITIONS, Cell, Edition, Table

SHEET_NAMES: typing.Mapping[str, str] = {
    "proactive_disclosure": "主动公开",
    "requests": "依申请公开",
    "review_and_litigation": "复议诉讼",
}
"""Worksheet names by table key: short, free of the characters Excel forbids (``[]:*?/\\``)."""
MAX_TEXT_ROWS = 20_000
"""Rows of the text sheet (headings and paragraphs) the workbook holds at most.

One limit for both sides: the XLSX exporter refuses a report needing more (a report has a few
hundred paragraphs), and the XLSX reader reads this many, so what one writes the other reads."""
TEXT_SHEET = "报告正文"
"""The worksheet holding the envelope (issuer, 文号, contact, ...) and the narrative sections."""
TEXT_COLUMNS = ("项目", "", "内容")
"""Header of the text sheet: label, sub-label, value."""
BLOCK_WORDS: typing.Mapping[BlockKind, str] = {BlockKind.HEADING: "小标题", BlockKind.PARAGRAPH: "段落"}
"""How a text block's kind is written in the text sheet's second column."""

TITLE_ROW = 1
"""Each table sheet prints its section heading (二、主动公开政府信息情况 ...) in row 1."""
TOP = 3
"""First row of a table; row 2 is left empty as in the printed template."""


def column_letter(index: int) -> str:
    """``1 -> A``, ``27 -> AA``; the A1 notation without importing openpyxl."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


class Role(enum.Enum):
    """What a label cell is, which decides its style."""

    TITLE = "title"
    CAPTION = "caption"
    """Table 二's 第二十条第（一）项 row."""
    HEADER = "header"
    NOTE = "note"
    """Table 三's 勾稽关系 line in the top-left header block."""
    ROW_LABEL = "row_label"


@attrs.frozen
class Box:
    """A label cell, merged over ``rows`` × ``columns`` when they exceed 1."""

    row: int
    column: int
    text: str
    role: Role
    rows: int = 1
    columns: int = 1

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

    @property
    def last_column(self) -> int:
        return self.column + self.columns - 1

    @property
    def address(self) -> str:
        return address(self.row, self.column)

    @property
    def ref(self) -> str:
        """``A1`` or the merged range ``A1:C3``."""
        if self.rows == 1 and self.columns == 1:
            return self.address
        return f"{self.address}:{address(self.last_row, self.last_column)}"


@attrs.frozen
class Slot:
    """Where one figure of the report goes; a slot may span columns (table 二's single-value rows)."""

    cell: Cell
    row: int
    column: int
    columns: int = 1

    @property
    def address(self) -> str:
        return address(self.row, self.column)

    @property
    def box(self) -> Box:
        """The slot's extent as a box (for merging and borders)."""
        return Box(self.row, self.column, "", Role.ROW_LABEL, 1, self.columns)


@attrs.frozen
class SheetLayout:
    """One table's worksheet: its name, its label cells and the slot of each of its cells."""

    table: Table
    name: str
    title: Box
    boxes: tuple[Box, ...]
    slots: tuple[Slot, ...]
    width: int
    """Number of grid columns the table uses."""
    label_columns: int
    """How many of the leftmost columns hold row labels (0 for table 四)."""
    header_rows: tuple[int, int] | None
    """First and last row to repeat on every printed page (``None``: table 二 has no common header)."""

    @property
    def last_row(self) -> int:
        return max(max(b.last_row for b in self.boxes), max(s.row for s in self.slots))

    def slot(self, cell_key: str) -> Slot:
        """The slot of a cell by its key inside the table (``results/total/total``)."""
        return self._slot_index[cell_key]

    @cached_property
    def _slot_index(self) -> typing.Mapping[str, Slot]:
        return {slot.cell.key: slot for slot in self.slots}


def _heading_of(edition: Edition, table: Table) -> str:
    for section in edition.sections:
        if section.table == table.key:
            return section.heading
    raise LookupError(f"no section of edition {edition.id} presents table {table.key}")


@cache
def sheet_layout(edition_id: str, table_key: str) -> SheetLayout:
    """The worksheet layout of one table of one edition."""
    edition = EDITIONS[edition_id]
    table = edition.table(table_key)
    grid = table_grid(table)
    boxes = tuple(
        Box(TOP + b.row, 1 + b.column, b.text, Role[b.role.name], b.rows, b.columns) for b in grid.labels
    )
    slots = tuple(Slot(s.cell, TOP + s.row, 1 + s.column, s.columns) for s in grid.slots)
    header_rows = (TOP, TOP + grid.header_rows - 1) if grid.header_rows else None
    title = Box(TITLE_ROW, 1, _heading_of(edition, table), Role.TITLE, 1, grid.width)
    return SheetLayout(table, SHEET_NAMES[table_key], title, boxes, slots, grid.width, grid.label_columns, header_rows)


def sheet_layouts(edition_id: str) -> tuple[SheetLayout, ...]:
    """The three table sheets of an edition, in the order of its tables."""
    return tuple(sheet_layout(edition_id, table.key) for table in EDITIONS[edition_id].tables)


# The text sheet ------------------------------------------------------------------------------------


@attrs.frozen
class Field:
    """One envelope value of :class:`~disclosure_schema.Report`: its attribute path and its titles."""

    path: tuple[str, ...]
    """``("issuer",)`` or ``("contact", "phone")``."""
    titles: tuple[str, ...]
    """The Chinese titles from the attrs metadata, outer first."""
    value_type: type
    """``str``, ``int`` or :class:`datetime.date`."""
    row: int
    container: type | None = None
    """For a sub-field (``contact.phone``), the attrs class holding it (:class:`~disclosure_schema.Contact`)."""


_SKIPPED_TYPES = ("TableData", "Mapping", "Reading")
"""Report fields the text sheet does not lay out: the tables, the sections, and what a reader could not read."""


def _attrs_class(annotation: object) -> type | None:
    candidates = typing.get_args(annotation) or (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and attrs.has(candidate):
            return candidate
    return None


def _plain_type(annotation: object) -> type:
    candidates = [c for c in (typing.get_args(annotation) or (annotation,)) if c is not type(None)]
    if len(candidates) != 1 or not isinstance(candidates[0], type):
        raise TypeError(f"cannot lay out a field of type {annotation!r}")
    return candidates[0]


@cache
def envelope_fields() -> tuple[Field, ...]:
    """Every scalar of the report outside its tables and sections, in declaration order, with its row."""
    fields: list[Field] = []
    row = 2
    for field in attrs.fields(Report):
        annotation = field.type
        if "title" not in field.metadata or any(name in str(annotation) for name in _SKIPPED_TYPES):
            continue
        nested = _attrs_class(annotation)
        if nested is None:
            fields.append(Field((field.name,), (field.metadata["title"],), _plain_type(annotation), row))
            row += 1
            continue
        for sub in attrs.fields(nested):
            titles = (field.metadata["title"], sub.metadata["title"])
            fields.append(Field((field.name, sub.name), titles, _plain_type(sub.type), row, nested))
            row += 1
    return tuple(fields)


def field_address(*path: str) -> str:
    """Where the text sheet holds an envelope value: ``报告正文!C3`` for ``("year",)``."""
    row = next(field.row for field in envelope_fields() if field.path == path)
    return f"{TEXT_SHEET}!{address(row, 3)}"


def sections_start() -> int:
    """The text sheet's first row after the envelope: a header row, then one group per section."""
    return envelope_fields()[-1].row + 2
