"""The fast path: a typed decoder per edition, derived from the declaration, for well-formed reports.

Most report documents are regular: every key known, every count a whole number,
no key twice.  For them the strict, locating walk of :mod:`~disclosure_schema.converter`
is wasted work.  This module derives from each edition's declaration a tree of
:mod:`msgspec` structs (one per table node, one field per cell, unknown keys
forbidden, counts typed as bounded integers) and decodes the JSON bytes straight
into them, then into the same :class:`~disclosure_schema.model.Report` the slow path
builds.

It never decides anything the slow path would decide differently: whatever the
typed decoder refuses -- a string, float, boolean or full-width digit in a count,
an unknown or missing key, invalid UTF-8, a lone surrogate, a number out of range,
a ``reading`` object, a bad date, a ``$schema`` of another edition -- makes
:func:`decode` return ``None``, and the caller takes the slow path, which finds and
words every problem.  Duplicate keys, which a typed decoder silently merges, are
ruled out by counting: every key of a JSON object is followed by exactly one ``:``
outside strings, so when the colons of the text equal the keys decoded plus the
colons inside the decoded strings, no key was given twice (an escaped colon,
``\\u003a``, could hide one; a text holding that escape takes the slow path; the cheap test
for a backslash, one ``memchr``, comes first).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

import msgspec

from .model import YEARS, Block, BlockKind, Contact, Period, Report, Section, TableData
from .taxonomy import EDITIONS, Cell, Edition, Kind, Table

MAX_MAGNITUDE = 2**53 - 1
"""As :data:`disclosure_schema.converter.MAX_MAGNITUDE` (a count beyond it takes the slow path, which refuses it)."""
MAX_BYTES = 8 * 1024 * 1024
MONEY_PATTERN = re.compile(r"-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ESCAPED_COLON = re.compile(rb"\\u003[aA]")

Count = Annotated[int, msgspec.Meta(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
UNSET: Any = msgspec.UNSET
_Unset: Any = msgspec.UnsetType
_TEXT: Any = str | None | _Unset

TEXT_FIELDS = ("issuer", "document_number", "title", "preamble", "publication", "signature", "copy_to", "printed_by")
DATE_FIELDS = ("publication_date", "signature_date", "printed_date")
CONTACT_FIELDS = ("office", "address", "postcode", "phone", "email")


class _Block(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    text: str
    kind: Literal["heading", "paragraph"] | _Unset = UNSET


class _Section(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    heading: str | _Unset | None = UNSET
    blocks: list[_Block] | _Unset = UNSET


class _Period(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    start: str
    end: str


class _Contact(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    office: str | _Unset | None = UNSET
    address: str | _Unset | None = UNSET
    postcode: str | _Unset | None = UNSET
    phone: str | _Unset | None = UNSET
    email: str | _Unset | None = UNSET


_BLOCK_KINDS = {kind.value: kind for kind in BlockKind}


class _Compiled:
    """One edition's decoder pieces: the struct type, the table readers, the fixed key count."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.readers: dict[str, Callable[[Any], tuple[Any, ...]]] = {}
        self.money: dict[str, tuple[int, ...]] = {}
        table_keys = 0
        fields: list[tuple[str, Any, Any]] = [
            ("schema", str | _Unset, msgspec.field(default=UNSET, name="$schema")),
            ("year", int, msgspec.field(name="year")),
        ]
        for index, table in enumerate(edition.tables):
            struct, keys = _table_struct(table, f"T{edition.id}_{index}")
            table_keys += keys + 1
            fields.append((table.key, struct, msgspec.field(name=table.key)))
            self.readers[table.key] = _table_reader(table)
            self.money[table.key] = tuple(cell.index for cell in table.cells if cell.column.kind is Kind.MONEY)
        fields += [(name, _TEXT, UNSET) for name in TEXT_FIELDS]
        fields += [(name, _TEXT, UNSET) for name in DATE_FIELDS]
        fields.append(("statistics_period", _Period | None | _Unset, UNSET))
        fields.append(("contact", _Contact | None | _Unset, UNSET))
        self.section_keys = tuple(section.key for section in edition.sections)
        sections = msgspec.defstruct(
            f"Sections{edition.id}",
            [
                (f"s{i}", _Section | _Unset, msgspec.field(default=UNSET, name=key))
                for i, key in enumerate(self.section_keys)
            ],
            forbid_unknown_fields=True,
            gc=False,
        )
        fields.append(("sections", sections | _Unset, UNSET))
        fields.append(("reading", msgspec.Raw | _Unset, UNSET))
        self.struct = msgspec.defstruct(
            f"Report{edition.id}",
            fields,
            forbid_unknown_fields=True,
            tag_field="edition",
            tag=edition.id,
            kw_only=True,
            gc=False,
        )
        self.fixed_keys = table_keys + 2  # the tables' keys and their own, "edition", "year"
        self.schema_id = f"urn:disclosure-schema:annual-report-{edition.id}"


def _table_struct(table: Table, name: str) -> tuple[Any, int]:
    """The struct of a table's JSON object and how many keys the object holds, its nodes' included."""
    tree: dict[str, Any] = {}
    for cell in table.cells:
        node = tree
        for part in cell.row.path:
            node = node.setdefault(part.key, {})
        node[cell.column.key] = cell
    counter = [0]

    def build(node: dict[str, Any]) -> tuple[Any, int]:
        fields: list[tuple[str, Any, Any]] = []
        keys = 0
        for position, (key, child) in enumerate(node.items()):
            keys += 1
            if isinstance(child, Cell):
                kind: Any = (str | None) if child.column.kind is Kind.MONEY else (Count | None)
            else:
                kind, below = build(child)
                keys += below
            fields.append((f"f{position}", kind, msgspec.field(name=key)))
        counter[0] += 1
        return msgspec.defstruct(f"{name}_{counter[0]}", fields, forbid_unknown_fields=True, gc=False), keys

    return build(tree)


def _table_reader(table: Table) -> Callable[[Any], tuple[Any, ...]]:
    """Generated code: the table's values as a tuple in the declaration's cell order.

    Each node is bound to a local once; a node whose fields are cells in consecutive
    declaration order is taken whole with :func:`msgspec.structs.astuple` (C code).
    """
    tree: dict[str, Any] = {}
    for cell in table.cells:
        node = tree
        for part in cell.row.path:
            node = node.setdefault(part.key, {})
        node[cell.column.key] = cell
    lines: list[str] = []
    pieces: list[tuple[int, str]] = []
    counter = [0]

    def walk(node: dict[str, Any], name: str) -> None:
        children = list(node.values())
        if all(isinstance(child, Cell) for child in children):
            indices = [child.index for child in children]
            if indices == list(range(indices[0], indices[0] + len(indices))):
                pieces.append((indices[0], f"*astuple({name})"))
                return
        for position, child in enumerate(children):
            if isinstance(child, Cell):
                pieces.append((child.index, f"{name}.f{position}"))
            else:
                counter[0] += 1
                local = f"n{counter[0]}"
                lines.append(f"    {local} = {name}.f{position}")
                walk(child, local)

    walk(tree, "t")
    pieces.sort()
    source = "def read(t):\n" + "\n".join(lines) + "\n    return (" + ", ".join(p for _, p in pieces) + ",)\n"
    namespace: dict[str, Any] = {"astuple": msgspec.structs.astuple}
    exec(compile(source, f"<table reader {table.key}>", "exec"), namespace)
    reader: Callable[[Any], tuple[Any, ...]] = namespace["read"]
    return reader


@cache
def _compiled() -> tuple[msgspec.json.Decoder[Any], Mapping[type, _Compiled]]:
    editions = [_Compiled(edition) for edition in EDITIONS.values()]
    union: Any = editions[0].struct
    for entry in editions[1:]:
        union = union | entry.struct
    return msgspec.json.Decoder(union), {entry.struct: entry for entry in editions}


def prepare() -> None:
    """Build every edition's decoder and generated checks now (before worker processes fork)."""
    from .compiled_checks import plan

    _compiled()
    for edition_id in EDITIONS:
        plan(edition_id)


class _Refused(Exception):
    """Not the regular case: the slow path decides."""


def _date(value: str) -> dt.date:
    if DATE_PATTERN.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _Refused


def decode(data: bytes | str) -> Report | None:
    """The report in ``data`` when it is regular, else ``None`` (the slow path then decides and words why)."""
    if len(data) > MAX_BYTES:
        return None
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:
            return None
    else:
        raw = data
    if len(raw) > MAX_BYTES:
        return None  # over the content limit by bytes: the slow path measures content and words the refusal
    decoder, compiled = _compiled()
    try:
        doc = decoder.decode(raw)
        return _report(doc, compiled[type(doc)], raw)
    except (msgspec.DecodeError, _Refused, KeyError, ValueError, RecursionError):
        return None  # deep nesting too: the slow path refuses it with its depth limit and a located message


def _report(doc: Any, entry: _Compiled, raw: bytes) -> Report:
    if doc.reading is not UNSET:
        raise _Refused
    year = doc.year
    if type(year) is not int or year not in YEARS:
        raise _Refused
    keys = entry.fixed_keys
    colons = 0
    if doc.schema is not UNSET:
        if doc.schema != entry.schema_id:
            raise _Refused
        keys += 1
        colons += doc.schema.count(":")
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = getattr(doc, name)
        if value is not UNSET:
            keys += 1
            if value is not None:
                colons += value.count(":")
                fields[name] = value
    for name in DATE_FIELDS:
        value = getattr(doc, name)
        if value is not UNSET:
            keys += 1
            if value is not None:
                fields[name] = _date(value)
    period = doc.statistics_period
    if period is not UNSET:
        keys += 1
        if period is not None:
            keys += 2
            fields["statistics_period"] = Period(_date(period.start), _date(period.end))
    contact = doc.contact
    if contact is not UNSET:
        keys += 1
        if contact is not None:
            found: dict[str, str | None] = {}
            for name in CONTACT_FIELDS:
                value = getattr(contact, name)
                if value is not UNSET:
                    keys += 1
                    if value is not None:
                        colons += value.count(":")
                    found[name] = value
            fields["contact"] = Contact(**found)
    sections_doc = doc.sections
    if sections_doc is not UNSET:
        keys += 1
        sections: dict[str, Section] = {}
        for index, key in enumerate(entry.section_keys):
            section = getattr(sections_doc, f"s{index}")
            if section is UNSET:
                continue
            keys += 1
            heading = section.heading
            if heading is UNSET:
                heading = None
            else:
                keys += 1
                if heading is not None:
                    colons += heading.count(":")
            blocks: list[Block] = []
            if section.blocks is not UNSET:
                keys += 1
                for block in section.blocks:
                    keys += 1
                    colons += block.text.count(":")
                    if block.kind is UNSET:
                        blocks.append(Block(block.text))
                    else:
                        keys += 1
                        blocks.append(Block(block.text, _BLOCK_KINDS[block.kind]))
            sections[key] = Section(heading, tuple(blocks))
        fields["sections"] = sections
    if raw.count(b":") != keys + colons or (b"\\" in raw and ESCAPED_COLON.search(raw)):
        raise _Refused  # a key given twice, or a colon we cannot account for: the slow path decides
    tables: dict[str, Any] = {}
    for table in entry.edition.tables:
        values: tuple[Any, ...] = entry.readers[table.key](getattr(doc, table.key))
        money = entry.money[table.key]
        if money:
            listed = list(values)
            for index in money:
                text = listed[index]
                if text is not None:
                    if not MONEY_PATTERN.fullmatch(text):
                        raise _Refused
                    listed[index] = Decimal(text)
            values = tuple(listed)
        tables[table.key] = TableData(table, values)
    return Report(edition=entry.edition.id, year=year, **tables, **fields)
