"""The fast path: a typed decoder per edition, derived from the declaration, for well-formed reports.

Most report documents are regular: every key known, every count a whole number,
no key twice.  For them the strict, locating walk of :mod:`~disclosure_schema.converter`
is wasted work.  This module derives from each edition's declaration a tree of
:mod:`msgspec` structs (one per table node, one field per cell, unknown keys
forbidden, counts typed as bounded integers) and decodes the JSON bytes straight
into them, then, by a function generated per edition (straight-line code, no loop
over names), into the same :class:`~disclosure_schema.model.Report` the slow path
builds.

Two decoders per edition: the *filled* one types every count as a non-negative
whole number (本年增/减 may be negative) and every amount as a non-negative decimal,
nothing blank; the *general* one lets any cell be blank and any count negative.  A
document the filled decoder takes has no blank and no value outside its domain, and
the report it becomes is remembered as such (:func:`.compiled_checks.known_filled`) so that the
checker's generated code (:mod:`.compiled_checks`) need not look through its tables
again.  A document only the general decoder takes costs a second decode.

It never decides anything the slow path would decide differently: whatever the
typed decoders refuse -- a string, float, boolean or full-width digit in a count,
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
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, cast

import attrs
import msgspec

from .compiled_checks import remember_filled
from .model import NOTHING_UNREAD, YEARS, Block, BlockKind, Contact, Period, Report, Section, TableData
from .taxonomy import EDITIONS, Cell, Edition, Kind, Table

MAX_MAGNITUDE = 2**53 - 1
"""As :data:`disclosure_schema.converter.MAX_MAGNITUDE` (a count beyond it takes the slow path, which refuses it)."""
MAX_BYTES = 8 * 1024 * 1024
MONEY_PATTERN = re.compile(r"-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?")
UNSIGNED_MONEY = r"^(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?\Z"
""":data:`MONEY_PATTERN` without the sign, anchored for msgspec (which searches): the filled decoder's amounts."""
ESCAPED_COLON = re.compile(rb"\\u003[aA]")

Count = Annotated[int, msgspec.Meta(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
FilledCount = Annotated[int, msgspec.Meta(ge=0, le=MAX_MAGNITUDE)]
FilledMoney = Annotated[str, msgspec.Meta(pattern=UNSIGNED_MONEY)]
_T = TypeVar("_T")
UNSET: Any = msgspec.UNSET
_Unset: Any = msgspec.UnsetType
_TEXT: Any = str | None | _Unset
_DATE: Any = dt.date | None | _Unset

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
    start: dt.date
    end: dt.date


class _Contact(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    office: str | _Unset | None = UNSET
    address: str | _Unset | None = UNSET
    postcode: str | _Unset | None = UNSET
    phone: str | _Unset | None = UNSET
    email: str | _Unset | None = UNSET


_BLOCK_KINDS = {kind.value: kind for kind in BlockKind}


def _maker(cls: type[_T]) -> Callable[..., _T]:
    """A constructor taking every field in order that sets the slots directly, as attrs' ``__init__`` does.

    It skips ``__attrs_post_init__``: the generated code calls it only with values that are
    valid by construction (a known edition, the edition's own tables of the right length,
    nothing unread).  A class that is not slotted or whose fields validate or convert gets
    its own ``__init__``.
    """
    fields = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
    if "__slots__" not in cls.__dict__ or any(f.validator is not None or f.converter is not None for f in fields):
        return cls
    names = [field.name for field in fields]
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    self = new(cls)"]
    for name in names:
        namespace[f"set_{name}"] = cls.__dict__[name].__set__
        lines.append(f"    set_{name}(self, {name})")
    lines.append("    return self")
    exec(compile("\n".join(lines) + "\n", f"<make {cls.__name__}>", "exec"), namespace)
    make: Callable[..., _T] = namespace["make"]
    return make


_make_block = _maker(Block)
_make_section = _maker(Section)
_PARAGRAPH = BlockKind.PARAGRAPH


class _Refused(Exception):
    """Not the regular case: the slow path decides."""


def _section(section: Any) -> tuple[Section, int, int]:
    """A decoded section as the model's, with the keys it held and the colons in its strings."""
    keys = 1
    colons = 0
    heading = section.heading
    if heading is UNSET:
        heading = None
    else:
        keys += 1
        if heading is not None:
            colons += heading.count(":")
    given = section.blocks
    if given is UNSET:
        return _make_section(heading, ()), keys, colons
    keys += 1 + len(given)
    blocks: list[Block] = []
    for block in given:
        text = block.text
        kind = block.kind
        colons += text.count(":")
        if kind is UNSET:
            blocks.append(_make_block(text, _PARAGRAPH))
        else:
            keys += 1
            blocks.append(_make_block(text, _BLOCK_KINDS[kind]))
    return _make_section(heading, tuple(blocks)), keys, colons


def _contact(contact: Any) -> tuple[Contact, int, int]:
    keys = 1
    colons = 0
    found: dict[str, str | None] = {}
    for name in CONTACT_FIELDS:
        value = getattr(contact, name)
        if value is not UNSET:
            keys += 1
            if value is not None:
                colons += value.count(":")
            found[name] = value
    return Contact(**found), keys, colons


def _money(text: str | None) -> Decimal | None:
    if text is None:
        return None
    if not MONEY_PATTERN.fullmatch(text):
        raise _Refused
    return Decimal(text)


def _tree(table: Table) -> dict[str, Any]:
    """The table's JSON object as nested dicts of keys, with the declaration's cells as leaves."""
    tree: dict[str, Any] = {}
    for cell in table.cells:
        node = tree
        for part in cell.row.path:
            node = node.setdefault(part.key, {})
        node[cell.column.key] = cell
    return tree


def _table_struct(table: Table, name: str, *, filled: bool) -> tuple[Any, int]:
    """The struct of a table's JSON object and how many keys the object holds, its nodes' included."""
    counter = [0]

    def kind_of(cell: Cell) -> Any:
        if cell.column.kind is Kind.MONEY:
            return FilledMoney if filled else str | None
        if filled and cell.column.kind is not Kind.SIGNED_COUNT:
            return FilledCount
        return Count if filled else Count | None

    def build(node: dict[str, Any]) -> tuple[Any, int]:
        fields: list[tuple[str, Any, Any]] = []
        keys = 0
        for position, (key, child) in enumerate(node.items()):
            keys += 1
            if isinstance(child, Cell):
                kind: Any = kind_of(child)
            else:
                kind, below = build(child)
                keys += below
            fields.append((f"f{position}", kind, msgspec.field(name=key)))
        counter[0] += 1
        return msgspec.defstruct(f"{name}_{counter[0]}", fields, forbid_unknown_fields=True, gc=False), keys

    return build(_tree(table))


def _table_reader(table: Table, source: str, lines: list[str]) -> str:
    """Generated code: ``lines`` get the statements, the result is the expression of the values tuple.

    Each node is bound to a local once and each cell read as an attribute, in the
    declaration's cell order; an amount goes through ``money`` (pattern, ``Decimal``).
    """
    pieces: list[tuple[int, str]] = []
    prefix = f"{source}_"
    counter = [0]

    def walk(node: dict[str, Any], name: str) -> None:
        for position, child in enumerate(node.values()):
            if isinstance(child, Cell):
                value = f"{name}.f{position}"
                pieces.append((child.index, f"money({value})" if child.column.kind is Kind.MONEY else value))
            else:
                counter[0] += 1
                local = f"{prefix}{counter[0]}"
                lines.append(f"    {local} = {name}.f{position}")
                walk(child, local)

    lines.append(f"    {prefix}0 = doc.{table.key}")
    walk(_tree(table), f"{prefix}0")
    pieces.sort()
    return "(" + ", ".join(p for _, p in pieces) + ",)"


_REPORT_FIELDS = tuple(field.name for field in attrs.fields(Report))


class _Compiled:
    """One edition's decoder pieces: the two struct types and the generated function that builds the report."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
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
        self._sections = sections
        self._structs: dict[bool, Any] = {}
        self._builders: dict[bool, Callable[[Any, bytes], Report]] = {}

    def struct(self, filled: bool) -> Any:
        """The struct type of the filled or the general decoder, made when first asked for."""
        if filled not in self._structs:
            self._structs[filled] = self._struct(self._sections, filled=filled)
        return self._structs[filled]

    def builder(self, filled: bool) -> Callable[[Any, bytes], Report]:
        """The generated report builder for the filled or the general decoder, made when first asked for."""
        if filled not in self._builders:
            self.struct(filled)  # it counts the keys the builder checks
            self._builders[filled] = self._builder(filled=filled)
        return self._builders[filled]

    def _struct(self, sections: Any, *, filled: bool) -> Any:
        edition = self.edition
        name = f"Report{edition.id}{'filled' if filled else ''}"
        table_keys = 0
        fields: list[tuple[str, Any, Any]] = [
            ("schema", str | _Unset, msgspec.field(default=UNSET, name="$schema")),
            ("year", int, msgspec.field(name="year")),
        ]
        for index, table in enumerate(edition.tables):
            struct, keys = _table_struct(table, f"{name}_{index}", filled=filled)
            table_keys += keys + 1
            fields.append((table.key, struct, msgspec.field(name=table.key)))
        self.fixed_keys = table_keys + 2  # the tables' keys and their own, "edition", "year"
        fields += [(name, _TEXT, UNSET) for name in TEXT_FIELDS]
        fields += [(name, _DATE, UNSET) for name in DATE_FIELDS]
        fields.append(("statistics_period", _Period | None | _Unset, UNSET))
        fields.append(("contact", _Contact | None | _Unset, UNSET))
        fields.append(("sections", sections | _Unset, UNSET))
        fields.append(("reading", msgspec.Raw | _Unset, UNSET))
        return msgspec.defstruct(
            name, fields, forbid_unknown_fields=True, tag_field="edition", tag=edition.id, kw_only=True, gc=False
        )

    def _builder(self, *, filled: bool) -> Callable[[Any, bytes], Report]:
        """Generated code: a decoded document to the report, keys counted against the colons.

        The filled decoder's amounts already match the pattern (``Decimal`` is all that is
        left), and its reports are remembered as filled.
        """
        edition = self.edition
        lines = [
            "def build(doc, raw):",
            "    if doc.reading is not UNSET:",
            "        raise Refused",
            "    year = doc.year",
            "    if year not in YEARS:",
            "        raise Refused",
            f"    keys = {self.fixed_keys}",
            "    colons = 0",
            "    value = doc.schema",
            "    if value is not UNSET:",
            f"        if value != {f'urn:disclosure-schema:annual-report-{edition.id}'!r}:",
            "            raise Refused",
            "        keys += 1",
            "        colons += value.count(':')",
        ]
        for name in TEXT_FIELDS:
            lines += [
                f"    {name} = doc.{name}",
                f"    if {name} is UNSET:",
                f"        {name} = None",
                "    else:",
                "        keys += 1",
                f"        if {name} is not None:",
                f"            colons += {name}.count(':')",
            ]
        for name in DATE_FIELDS:
            lines += [
                f"    {name} = doc.{name}",
                f"    if {name} is UNSET:",
                f"        {name} = None",
                "    else:",
                "        keys += 1",
            ]
        lines += [
            "    statistics_period = doc.statistics_period",
            "    if statistics_period is UNSET:",
            "        statistics_period = None",
            "    else:",
            "        keys += 1",
            "        if statistics_period is not None:",
            "            keys += 2",
            "            statistics_period = Period(statistics_period.start, statistics_period.end)",
            "    contact = doc.contact",
            "    if contact is UNSET:",
            "        contact = None",
            "    elif contact is None:",
            "        keys += 1",
            "    else:",
            "        contact, more, inside = section_of_contact(contact)",
            "        keys += more",
            "        colons += inside",
            "    sections = {}",
            "    given = doc.sections",
            "    if given is not UNSET:",
            "        keys += 1",
        ]
        for index, key in enumerate(self.section_keys):
            lines += [
                f"        section = given.s{index}",
                "        if section is not UNSET:",
                f"            sections[{key!r}], more, inside = section_of(section)",
                "            keys += more",
                "            colons += inside",
            ]
        lines += [
            "    if raw.count(b':') != keys + colons or (b'\\\\' in raw and ESCAPED_COLON.search(raw)):",
            "        raise Refused  # a key given twice, or a colon we cannot account for: the slow path decides",
        ]
        namespace: dict[str, Any] = {
            "UNSET": UNSET,
            "Refused": _Refused,
            "YEARS": YEARS,
            "ESCAPED_COLON": ESCAPED_COLON,
            "Period": _maker(Period),
            "section_of": _section,
            "section_of_contact": _contact,
            "money": Decimal if filled else _money,
            "TableData": _maker(TableData),
            "Report": _maker(Report),
            "NOTHING_UNREAD": NOTHING_UNREAD,
            "remember": remember_filled,
        }
        for index, table in enumerate(edition.tables):
            values = _table_reader(table, f"t{index}", lines)
            namespace[f"SPEC{index}"] = table
            lines.append(f"    {table.key} = TableData(SPEC{index}, {values})")
        known = {"edition", "year", *(t.key for t in edition.tables), *TEXT_FIELDS, *DATE_FIELDS}
        known |= {"statistics_period", "contact", "sections"}
        arguments = [name for name in _REPORT_FIELDS if name != "reading"]
        if set(arguments) != known or _REPORT_FIELDS[-1] != "reading":
            raise AssertionError(f"the report's fields changed: {sorted(set(arguments) ^ known)}")
        lines += [
            f"    edition = {edition.id!r}",
            "    report = Report(" + ", ".join(arguments) + ", NOTHING_UNREAD)",
            *(["    remember(report)"] if filled else []),
            "    return report",
        ]
        source = "\n".join(lines) + "\n"
        exec(compile(source, f"<report builder {edition.id}{' filled' if filled else ''}>", "exec"), namespace)
        build: Callable[[Any, bytes], Report] = namespace["build"]
        return build


@cache
def _edition_compiled(edition_id: str) -> _Compiled:
    return _Compiled(EDITIONS[edition_id])


@cache
def _decoder(edition_id: str | None, filled: bool) -> msgspec.json.Decoder[Any]:
    """The filled or the general decoder of one edition, or of every edition (a tagged union).

    Each is built when first needed: ``validate one.json`` of a filled report builds one edition's
    filled decoder only (decoders are the larger part of start-up's own work).  The edition comes from
    the document itself (:func:`_named_edition`); the union serves anything else.
    """
    editions = [_edition_compiled(eid) for eid in ([edition_id] if edition_id else EDITIONS)]
    union: Any = editions[0].struct(filled)
    for entry in editions[1:]:
        union = union | entry.struct(filled)
    for entry in editions:
        _BY_STRUCT[entry.struct(filled)] = entry
    return msgspec.json.Decoder(union)


_BY_STRUCT: dict[type, _Compiled] = {}
"""Each decoded struct type's edition (filled and general alike), filled in as decoders are built."""


def prepare() -> None:
    """Build every edition's decoder and generated checks now (before worker processes fork)."""
    from .compiled_checks import plan

    for edition_id in (None, *EDITIONS):
        for filled in (True, False):
            _decoder(edition_id, filled)
    for edition_id in EDITIONS:
        for filled in (True, False):
            _edition_compiled(edition_id).builder(filled)
        plan(edition_id)


_EDITION_KEY = b'"edition"'
_EDITION_VALUE = re.compile(rb'\s*:\s*"([0-9]{4})"')


def _named_edition(raw: bytes) -> str | None:
    """The edition named at the first key ``"edition"`` (a JSON string cannot hold it unescaped, so it is
    a member); ``None`` when absent or unknown (then the union of all editions decodes).

    A wrong guess cannot let a document through: the one edition's decoder refuses a document whose own
    ``edition`` member says otherwise, and every other object refuses an ``edition`` key; a document
    without the member fails the union's tag, so the walk decides and words it as before.
    """
    at = raw.find(_EDITION_KEY)
    if at < 0:
        return None
    match = _EDITION_VALUE.match(raw, at + len(_EDITION_KEY))
    if match is None:
        return None
    edition_id = match.group(1).decode("ascii")
    return edition_id if edition_id in EDITIONS else None


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
    edition_id = _named_edition(raw)
    try:
        try:
            doc = _decoder(edition_id, True).decode(raw)
            filled = True
        except msgspec.ValidationError:
            # a blank, a negative count, or a shape only the walk words
            doc = _decoder(edition_id, False).decode(raw)
            filled = False
        return _BY_STRUCT[type(doc)].builder(filled)(doc, raw)
    except (msgspec.DecodeError, _Refused, KeyError, ValueError, RecursionError):
        return None  # deep nesting too: the slow path refuses it with its depth limit and a located message
