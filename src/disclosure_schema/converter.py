"""JSON data in and out of the model, strictly.

The library owns one configured :class:`cattrs.Converter` (nothing is registered
on cattrs' global one).  Its hooks refuse what cattrs would silently coerce --
``"12"``, ``12.9``, ``true`` and ``"１２"`` are not counts -- and every problem
becomes a :class:`~disclosure_schema.violations.Violation` with the JSON pointer
of its place, all of them collected, never only the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, get_args, get_origin

import attrs

from .model import (
    NOTHING_UNREAD,
    TABLE_KEYS,
    YEARS,
    Block,
    BlockKind,
    Contact,
    Period,
    Reading,
    Report,
    Section,
    TableData,
    Value,
)
from .rules import checks_for
from .taxonomy import EDITIONS, Cell, Edition, Kind, Level, Table
from .violations import Location, Violation

if TYPE_CHECKING:
    import cattrs

MAX_MAGNITUDE = 2**53 - 1
"""The largest whole number every JSON reader keeps exactly; a count beyond it is an error."""
MONEY_PATTERN = re.compile(r"-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SCHEMA_KEY = "$schema"


class ShapeProblem(Exception):
    """A value that does not fit its place; becomes a ``shape.*`` violation."""

    def __init__(self, code: str, reported: Any = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.reported = reported
        self.params = params


class ReportShapeError(ValueError):
    """Raised when a document is not a report; ``violations`` says every place why."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        first = violations[0].message("en") if violations else "invalid report"
        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
        super().__init__(first + more)


def _type_name(value: Any) -> str:
    return type(value).__name__


def _strict_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise ShapeProblem("shape.not_string", actual=_type_name(value))
    return value


def _strict_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise ShapeProblem("shape.not_count", _reported(value), actual=_type_name(value))
    if abs(value) > MAX_MAGNITUDE:
        raise ShapeProblem("shape.out_of_range", value, limit=MAX_MAGNITUDE)
    return value


def _strict_date(value: Any, _: Any) -> dt.date:
    if type(value) is not str:
        raise ShapeProblem("shape.not_string", actual=_type_name(value))
    if DATE_PATTERN.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ShapeProblem("shape.not_date", _reported(value))


def _strict_block_kind(value: Any, _: Any) -> BlockKind:
    try:
        return BlockKind(value)
    except ValueError:
        raise ShapeProblem("shape.not_enum", _reported(value), known=", ".join(k.value for k in BlockKind)) from None


def _reported(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _make_converter() -> cattrs.Converter:
    import cattrs
    from cattrs.errors import IterableValidationError, IterableValidationNote
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(dt.date, _strict_date)
    conv.register_structure_hook(BlockKind, _strict_block_kind)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(Decimal, str)

    def tuple_hook(cls: Any) -> Callable[[Any, Any], Any]:
        (item_type, _) = get_args(cls)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise ShapeProblem("shape.not_array", actual=_type_name(value))
            errors: list[Exception] = []
            items = []
            for index, item in enumerate(value):
                try:
                    items.append(conv.structure(item, item_type))
                except Exception as exc:  # noqa: BLE001 - regrouped with its index below
                    note = IterableValidationNote(f"@ {index}", index, item_type)
                    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010 - add_note is 3.11+
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid items", errors, cls)
            return tuple(items)

        return structure

    conv.register_structure_hook_factory(_is_tuple, tuple_hook)

    for cls in (Block, Section, Contact, Period):
        generated = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
        conv.register_structure_hook(cls, _objects_only(generated))
    conv.register_unstructure_hook(
        Block, make_dict_unstructure_fn(Block, conv, _cattrs_omit_if_default=True, kind=override(omit_if_default=True))
    )
    return conv


def _is_tuple(cls: Any) -> bool:
    origin: Any = get_origin(cls)
    return origin is tuple


def _objects_only(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def checked(value: Any, cls: Any) -> Any:
        if type(value) is not dict:
            raise ShapeProblem("shape.not_object", actual=_type_name(value))
        return structure(value, cls)

    return checked


@cache
def converter() -> cattrs.Converter:
    """The library's converter; use it to structure or unstructure the envelope classes.

    Made on first use (cattrs generates its hooks then): a regular document read by the
    fast path (:mod:`.compiled`) never needs it.  Also importable as ``CONVERTER``.
    """
    return _make_converter()


if TYPE_CHECKING:
    CONVERTER: cattrs.Converter


def __getattr__(name: str) -> Any:
    if name == "CONVERTER":
        return converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _violations_from(exc: BaseException, pointer: str) -> list[Violation]:
    from cattrs.errors import (
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(exc, ShapeProblem):
        return [Violation(exc.code, Level.ERROR, pointer, reported=exc.reported, params=exc.params)]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Violation("shape.unknown_key", Level.ERROR, pointer, params={"key": k}) for k in sorted(exc.extra_fields)
        ]
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        found: list[Violation] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                if isinstance(sub, KeyError):
                    found.append(Violation("shape.missing", Level.ERROR, pointer, params={"key": note.name}))
                    continue
                found.extend(_violations_from(sub, f"{pointer}/{_escape(note.name)}"))
            elif isinstance(note, IterableValidationNote):
                found.extend(_violations_from(sub, f"{pointer}/{note.index}"))
        for sub in without:
            found.extend(_violations_from(sub, pointer))
        return found
    return [Violation("shape.invalid", Level.ERROR, pointer, params={"detail": str(exc)})]


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


# -- tables ------------------------------------------------------------------------------------

Tree = dict[str, Any]


@cache
def table_tree(spec: Table) -> Tree:
    """The table's JSON layout: nested keys down to its cells."""
    tree: Tree = {}
    for cell in spec.cells:
        node = tree
        for part in cell.row.path:
            node = node.setdefault(part.key, {})
        node[cell.column.key] = cell
    return tree


def _label_of(child: Any, spec: Table, key: str) -> str:
    if isinstance(child, Cell):
        return child.column.text
    for row in spec.rows:
        for node in row.path:
            if node.key == key:
                return node.text
    return key


def _cell_value(cell: Cell, value: Any, pointer: str, problems: list[Violation]) -> Value:
    if value is None:
        return None
    kind = cell.column.kind
    try:
        if kind is Kind.MONEY:
            if type(value) is str and MONEY_PATTERN.fullmatch(value):
                return Decimal(value)
            raise ShapeProblem("shape.not_money", _reported(value), actual=_type_name(value))
        return _strict_int(value, int)
    except ShapeProblem as problem:
        problems.append(
            Violation(problem.code, Level.ERROR, pointer, Location.of(cell), problem.reported, params=problem.params)
        )
        return None


# The fast path: a plan of the table's tree that reads well-formed data without building a single
# pointer or message.  On the first thing it does not expect it gives up, and the walk below reads the
# table again, locating every problem; so the fast path only ever decides the well-formed case.

Plan = tuple[tuple[str, Any, int, bool], ...]
"""Per key of a node: the key, the child's plan (``None`` for a cell), the cell index, whether money."""


class _Irregular(Exception):
    """The data is not the well-formed case the fast path handles."""


_PLANS: dict[int, tuple[Table, Plan]] = {}
"""Plans by the identity of their table (the declaration's tables live as long as the process)."""


def _plan(spec: Table) -> Plan:
    entry = _PLANS.get(id(spec))
    if entry is None or entry[0] is not spec:
        entry = _PLANS[id(spec)] = (spec, _plan_of(table_tree(spec)))
    return entry[1]


def _plan_of(node: Tree) -> Plan:
    entries: list[tuple[str, Any, int, bool]] = []
    for key, child in node.items():
        if isinstance(child, Cell):
            entries.append((key, None, child.index, child.column.kind is Kind.MONEY))
        else:
            entries.append((key, _plan_of(child), -1, False))
    return tuple(entries)


def _read_fast(plan: Plan, data: Any, values: list[Value]) -> None:
    if type(data) is not dict or len(data) != len(plan):
        raise _Irregular
    for key, child, index, money in plan:
        value = data[key]  # KeyError: a key is missing (and, the sizes being equal, another is unknown)
        if child is not None:
            _read_fast(child, value, values)
        elif value is None:
            continue
        elif money:
            if type(value) is not str or not MONEY_PATTERN.fullmatch(value):
                raise _Irregular
            values[index] = Decimal(value)
        elif type(value) is not int or not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            raise _Irregular
        else:
            values[index] = value


def structure_table(spec: Table, data: Any, pointer: str, problems: list[Violation]) -> TableData:
    """Read one table's JSON into values, appending every problem found to ``problems``."""
    values: list[Value] = [None] * len(spec.cells)
    try:
        _read_fast(_plan(spec), data, values)
        return TableData(spec, tuple(values))
    except (_Irregular, KeyError):
        values = [None] * len(spec.cells)

    def walk(node: Tree, data: Any, here: str) -> None:
        if type(data) is not dict:
            problems.append(Violation("shape.not_object", Level.ERROR, here, params={"actual": _type_name(data)}))
            return
        for key, child in node.items():
            there = f"{here}/{key}"
            if key not in data:
                title = f"（{_label_of(child, spec, key)}）"
                problems.append(Violation("shape.missing", Level.ERROR, here, params={"key": key, "title": title}))
            elif isinstance(child, Cell):
                values[child.index] = _cell_value(child, data[key], there, problems)
            else:
                walk(child, data[key], there)
        if len(data) > len(node):
            for key in data:
                if key not in node:
                    problems.append(Violation("shape.unknown_key", Level.ERROR, here, params={"key": key}))

    walk(table_tree(spec), data, pointer)
    return TableData(spec, tuple(values))


def unstructure_table(table: TableData) -> dict[str, Any]:
    def build(node: Tree) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, child in node.items():
            if isinstance(child, Cell):
                value = table.values[child.index]
                out[key] = str(value) if isinstance(value, Decimal) else value
            else:
                out[key] = build(child)
        return out

    return build(table_tree(table.spec))


# -- the report --------------------------------------------------------------------------------

_ENVELOPE: dict[str, Any] = {
    field.name: field.type
    for field in attrs.fields(Report)
    if field.name not in ("edition", "year", "sections", "reading", *TABLE_KEYS)
}
_REQUIRED = ("edition", "year", *TABLE_KEYS)
_TEXT_FIELDS = frozenset(name for name, field_type in _ENVELOPE.items() if field_type == (str | None))
"""Envelope fields of type ``str | None``: a string there is taken as is (the converter would too)."""
_KNOWN = {SCHEMA_KEY, "year", "edition", "sections", "reading", *TABLE_KEYS, *_ENVELOPE}


_SECTION_KEYS = frozenset(field.name for field in attrs.fields(Section))
_BLOCK_KEYS = frozenset(field.name for field in attrs.fields(Block))
_BLOCK_KINDS = {kind.value: kind for kind in BlockKind}


def _section_fast(value: Any) -> Section | None:
    """A well-formed section without the converter's machinery; ``None`` for anything else."""
    if type(value) is not dict or not value.keys() <= _SECTION_KEYS:
        return None
    heading = value.get("heading")
    if heading is not None and type(heading) is not str:
        return None
    raw = value.get("blocks", [])
    if type(raw) is not list:
        return None
    blocks = []
    for item in raw:
        if type(item) is not dict or not item.keys() <= _BLOCK_KEYS:
            return None
        text = item.get("text")
        if type(text) is not str:
            return None
        if "kind" in item:
            kind = item["kind"]
            if type(kind) is not str or kind not in _BLOCK_KINDS:
                return None
            blocks.append(Block(text, _BLOCK_KINDS[kind]))
        else:
            blocks.append(Block(text))
    return Section(heading, tuple(blocks))


def _structure_sections(data: Any, spec_sections: Mapping[str, Any], problems: list[Violation]) -> dict[str, Section]:
    if type(data) is not dict:
        problems.append(Violation("shape.not_object", Level.ERROR, "/sections", params={"actual": _type_name(data)}))
        return {}
    sections: dict[str, Section] = {}
    for key, value in data.items():
        if key not in spec_sections:
            problems.append(Violation("shape.unknown_key", Level.ERROR, "/sections", params={"key": key}))
            continue
        section = _section_fast(value)
        if section is not None:
            sections[key] = section
            continue
        try:
            sections[key] = converter().structure(value, Section)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located violation
            problems.extend(_violations_from(exc, f"/sections/{_escape(key)}"))
    return {key: sections[key] for key in spec_sections if key in sections}


def _not_a_report(data: dict[str, Any]) -> bool:
    """No table of the report, and more members that are not the report's than members that are."""
    if any(key in data for key in TABLE_KEYS):
        return False
    known = sum(1 for key in data if key in _KNOWN)
    return len(data) - known > known


def _first_keys(data: dict[str, Any]) -> str:
    """The first few members of a JSON object, for a message (each clipped: the keys are not ours)."""
    keys = [repr(key[:40]) for key in list(data)[:5]]
    return ", ".join(keys) + (" …" if len(data) > 5 else "")


def structure_report(data: Any) -> Report:
    """A :class:`Report` from parsed JSON; raises :class:`ReportShapeError` listing every problem."""
    if type(data) is not dict:
        raise ReportShapeError([Violation("shape.not_object", Level.ERROR, "", params={"actual": _type_name(data)})])
    if _not_a_report(data):
        # Some other JSON (a data file, a configuration) lying beside the reports: one finding
        # that says so reads better than a missing member for each of the report's own.
        raise ReportShapeError([Violation("shape.not_a_report", Level.ERROR, "", params={"keys": _first_keys(data), "tables": ", ".join(TABLE_KEYS)})])
    problems: list[Violation] = []
    for key in _REQUIRED:
        if key not in data:
            problems.append(Violation("shape.missing", Level.ERROR, "", params={"key": key}))
    for key in data:
        if key not in _KNOWN:
            problems.append(Violation("shape.unknown_key", Level.ERROR, "", params={"key": key}))
    edition_id = data.get("edition")
    if "edition" in data and (type(edition_id) is not str or edition_id not in EDITIONS):
        problems.append(
            Violation(
                "shape.edition",
                Level.ERROR,
                "/edition",
                reported=_reported(edition_id),
                params={"known": ", ".join(EDITIONS)},
            )
        )
    if SCHEMA_KEY in data and type(data[SCHEMA_KEY]) is not str:
        problems.append(
            Violation("shape.not_string", Level.ERROR, "/$schema", params={"actual": _type_name(data[SCHEMA_KEY])})
        )
    if type(data.get(SCHEMA_KEY)) is str and type(edition_id) is str and edition_id in EDITIONS:
        problems.extend(_schema_edition(data[SCHEMA_KEY], edition_id))
    fields: dict[str, Any] = {}
    for name, field_type in (("year", int), *_ENVELOPE.items()):
        if name in data:
            if type(data[name]) is str and name in _TEXT_FIELDS:
                fields[name] = data[name]
                continue
            try:
                fields[name] = converter().structure(data[name], field_type)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a located violation
                problems.extend(_violations_from(exc, f"/{name}"))
    if type(edition_id) is str and edition_id in EDITIONS:
        edition = EDITIONS[edition_id]
        if "sections" in data:
            fields["sections"] = _structure_sections(data["sections"], edition.section_index, problems)
        for key in TABLE_KEYS:
            if key in data:
                fields[key] = structure_table(edition.table(key), data[key], f"/{key}", problems)
        if "reading" in data:
            reading = structure_reading(data["reading"], edition, problems)
            _unread_blank(reading, fields, edition, problems)
            fields["reading"] = reading
    year = fields.get("year")
    if year is not None and year not in YEARS:
        problems.append(
            Violation(
                "shape.out_of_range",
                Level.ERROR,
                "/year",
                reported=year,
                params={"limit": f"{YEARS.start}-{YEARS.stop - 1}"},
            )
        )
    if problems:
        raise ReportShapeError(problems)
    return Report(edition=str(edition_id), **fields)


def _schema_edition(declared: str, edition_id: str) -> list[Violation]:
    """``$schema`` and ``edition`` must agree: a document cannot claim one edition's schema and another's layout."""
    if declared == schema_id(edition_id):
        return []
    return [
        Violation(
            "shape.schema_edition",
            Level.ERROR,
            "/$schema",
            reported=declared,
            params={"expected": schema_id(edition_id), "edition": edition_id},
        )
    ]


def schema_id(edition: str) -> str:
    """The ``$id`` of an edition's JSON Schema, also written as ``$schema`` in canonical JSON."""
    return f"urn:disclosure-schema:annual-report-{edition}"


def unstructure_report(report: Report, *, with_schema: bool = True) -> dict[str, Any]:
    """Plain JSON data in the canonical key order; envelope fields that are unset are left out."""
    out: dict[str, Any] = {}
    if with_schema:
        out[SCHEMA_KEY] = schema_id(report.edition)
    out["edition"] = report.edition
    out["year"] = report.year
    for name in _ENVELOPE:
        if name in ("signature", "signature_date", "copy_to", "printed_by", "printed_date"):
            continue
        value = getattr(report, name)
        if value is not None:
            out[name] = converter().unstructure(value)
    if report.sections:
        out["sections"] = {key: converter().unstructure(section) for key, section in report.sections.items()}
    for key in TABLE_KEYS:
        out[key] = unstructure_table(report.table(key))
    for name in ("signature", "signature_date", "copy_to", "printed_by", "printed_date"):
        value = getattr(report, name)
        if value is not None:
            out[name] = converter().unstructure(value)
    if report.reading is not NOTHING_UNREAD and not report.reading.is_empty:
        out["reading"] = unstructure_reading(report.reading, report.spec)
    return out


# -- what was read -----------------------------------------------------------------------------

READING_KEYS = ("unread", "settled")


@cache
def _check_ids(edition_id: str) -> frozenset[str]:
    return frozenset(check.id for check in checks_for(edition_id))


@cache
def _cell_order(edition_id: str) -> Mapping[str, int]:
    return {pointer: i for i, pointer in enumerate(EDITIONS[edition_id].cells)}


def structure_reading(data: Any, edition: Edition, problems: list[Violation]) -> Reading:
    """The ``reading`` object of a report document, every problem located under ``/reading``.

    ``{"unread": [pointer, ...], "settled": {pointer: [check id, ...]}}``, both optional;
    pointers must be cells of ``edition`` and check ids checks of it, each named once, and
    a settled cell is read, so never unread.
    """
    if type(data) is not dict:
        problems.append(Violation("shape.not_object", Level.ERROR, "/reading", params={"actual": _type_name(data)}))
        return NOTHING_UNREAD
    for key in data:
        if key not in READING_KEYS:
            problems.append(Violation("shape.unknown_key", Level.ERROR, "/reading", params={"key": key}))
    cells = edition.cells
    unread: set[str] = set()
    raw = data.get("unread", [])
    if type(raw) is not list:
        problems.append(Violation("shape.not_array", Level.ERROR, "/reading/unread", params={"actual": _type_name(raw)}))
        raw = []
    for index, pointer in enumerate(raw):
        here = f"/reading/unread/{index}"
        if _is_cell(pointer, cells, here, problems):
            if pointer in unread:
                problems.append(Violation("shape.repeated_item", Level.ERROR, here, reported=_reported(pointer)))
            unread.add(pointer)
    settled: dict[str, tuple[str, ...]] = {}
    raw_settled = data.get("settled", {})
    if type(raw_settled) is not dict:
        problems.append(
            Violation("shape.not_object", Level.ERROR, "/reading/settled", params={"actual": _type_name(raw_settled)})
        )
        raw_settled = {}
    known = _check_ids(edition.id)
    for pointer, ids in raw_settled.items():
        here = f"/reading/settled/{_escape(pointer)}"
        if not _is_cell(pointer, cells, here, problems):
            continue
        if pointer in unread:
            problems.append(Violation("shape.settled_unread", Level.ERROR, here, Location.of(cells[pointer])))
        if type(ids) is not list:
            problems.append(Violation("shape.not_array", Level.ERROR, here, params={"actual": _type_name(ids)}))
            continue
        if not ids:
            problems.append(Violation("shape.no_check", Level.ERROR, here, Location.of(cells[pointer])))
            continue
        seen: list[str] = []
        for index, check in enumerate(ids):
            there = f"{here}/{index}"
            if type(check) is not str:
                problems.append(Violation("shape.not_string", Level.ERROR, there, params={"actual": _type_name(check)}))
            elif check not in known:
                problems.append(
                    Violation("shape.unknown_check", Level.ERROR, there, reported=_reported(check), params={"edition": edition.id})
                )
            elif check in seen:
                problems.append(Violation("shape.repeated_item", Level.ERROR, there, reported=_reported(check)))
            else:
                seen.append(check)
        if seen:
            settled[pointer] = tuple(seen)
    return Reading(frozenset(unread), settled)


def _is_cell(pointer: Any, cells: Mapping[str, Cell], here: str, problems: list[Violation]) -> bool:
    if type(pointer) is not str:
        problems.append(Violation("shape.not_string", Level.ERROR, here, params={"actual": _type_name(pointer)}))
        return False
    if pointer not in cells:
        problems.append(Violation("shape.not_cell", Level.ERROR, here, reported=_reported(pointer)))
        return False
    return True


def _unread_blank(reading: Reading, fields: Mapping[str, Any], edition: Edition, problems: list[Violation]) -> None:
    """An unread cell holds ``null``: a figure there is an error located at the cell."""
    for pointer in sorted(reading.unread, key=_cell_order(edition.id).__getitem__):
        cell = edition.cells[pointer]
        table = fields.get(cell.table.key)
        if isinstance(table, TableData) and table.values[cell.index] is not None:
            problems.append(
                Violation(
                    "shape.unread_has_value",
                    Level.ERROR,
                    pointer,
                    Location.of(cell),
                    reported=_reported(table.values[cell.index]),
                )
            )


def unstructure_reading(reading: Reading, edition: Edition) -> dict[str, Any]:
    """The ``reading`` object in canonical order: cells in the declaration's order, check ids sorted."""
    order = _cell_order(edition.id)
    out: dict[str, Any] = {}
    if reading.unread:
        out["unread"] = sorted(reading.unread, key=order.__getitem__)
    if reading.settled:
        out["settled"] = {pointer: sorted(reading.settled[pointer]) for pointer in sorted(reading.settled, key=order.__getitem__)}
    return out
