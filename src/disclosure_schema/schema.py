"""The published JSON Schema (draft 2020-12) of each edition, derived from the declaration.

Every property standing for a section, sub-table, row or column carries the
official label verbatim as its ``title``; envelope fields take theirs from the
model's field metadata.  ``schemas/annual-report-<edition>.schema.json`` is
exactly :func:`json_schema` output, written by ``disclosure-schema schema``.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from .converter import MAX_MAGNITUDE, SCHEMA_KEY, schema_id, table_tree
from .model import TABLE_KEYS, YEARS, Block, BlockKind, Contact, Period, Report, Section
from .rules import checks_for
from .taxonomy import EDITIONS, Cell, Edition, Kind, Table

DRAFT = "https://json-schema.org/draft/2020-12/schema"
MONEY = "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?$"

_DEFS: dict[str, Any] = {
    "count": {
        "type": ["integer", "null"],
        "minimum": 0,
        "maximum": MAX_MAGNITUDE,
        "description": "非负整数；空白单元格为 null",
    },
    "signed_count": {
        "type": ["integer", "null"],
        "minimum": -MAX_MAGNITUDE,
        "maximum": MAX_MAGNITUDE,
        "description": "整数，可为负；空白单元格为 null",
    },
    "money": {
        "type": ["string", "null"],
        "pattern": MONEY,
        "description": "非负十进制金额，写成字符串；空白单元格为 null",
    },
    "text": {"type": "string"},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
}


def _title(cls: type, name: str) -> str:
    title: str = attrs.fields_dict(cls)[name].metadata.get("title", name)
    return title


def _object(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", **extra, "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _envelope_defs() -> dict[str, Any]:
    contact = _object(
        {f.name: {"title": _title(Contact, f.name), "$ref": "#/$defs/text"} for f in attrs.fields(Contact)}
    )
    period = _object(
        {f.name: {"title": _title(Period, f.name), "$ref": "#/$defs/date"} for f in attrs.fields(Period)},
        [f.name for f in attrs.fields(Period)],
    )
    block = _object(
        {
            "text": {"$ref": "#/$defs/text"},
            "kind": {"enum": [k.value for k in BlockKind], "default": BlockKind.PARAGRAPH.value},
        },
        ["text"],
    )
    section = _object(
        {
            "heading": {"type": ["string", "null"], "description": "标题的原样文字；省略时为官方标题"},
            "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}},
        }
    )
    assert {f.name for f in attrs.fields(Block)} == {"text", "kind"}
    assert {f.name for f in attrs.fields(Section)} == {"heading", "blocks"}
    return {"contact": contact, "period": period, "block": block, "section": section}


def _cell_schema(cell: Cell) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": cell.column.text, "$ref": f"#/$defs/{cell.kind.value}"}
    description = " / ".join((*cell.column.headers, cell.column.text)) if cell.column.headers else ""
    if cell.column.unit and cell.kind is Kind.MONEY and cell.column.unit not in cell.column.text:
        description = f"{description or cell.column.text}（单位：{cell.column.unit}）"
    if description:
        schema["description"] = description
    return schema


def _table_schema(table: Table, title: str) -> dict[str, Any]:
    labels = {node.key: node.text for row in table.rows for node in row.path}

    def build(tree: dict[str, Any], label: str) -> dict[str, Any]:
        properties = {
            key: _cell_schema(child) if isinstance(child, Cell) else build(child, labels[key])
            for key, child in tree.items()
        }
        return _object(properties, list(tree), title=label)

    schema = build(table_tree(table), title)
    if table.note:
        schema["description"] = table.note
    return schema


def _envelope_property(field: attrs.Attribute[Any]) -> dict[str, Any]:
    ref = {"statistics_period": "period", "contact": "contact"}.get(field.name)
    if ref is None:
        ref = "date" if "date" in str(field.type) else "text"
    return {"title": field.metadata.get("title", field.name), "$ref": f"#/$defs/{ref}"}


def _reading_schema() -> dict[str, Any]:
    unread = {
        "type": "array",
        "items": {"$ref": "#/$defs/cell_pointer"},
        "uniqueItems": True,
        "description": (
            "未能读取的单元格（缺行、文字无法辨认、数字连写无法唯一拆分）。这些单元格的值必须为 null；"
            "与“报告原样空白”（null 且不在此列）不同，其数值未知，涉及它们的勾稽关系无法核对。"
            " / Cells the reader could not read; each must be null in its table. Unlike a published blank "
            "(null, not listed here) its value is unknown, so checks involving it are not checkable."
        ),
    }
    settled = {
        "type": "object",
        "propertyNames": {"$ref": "#/$defs/cell_pointer"},
        "additionalProperties": {
            "type": "array",
            "items": {"$ref": "#/$defs/check_id"},
            "uniqueItems": True,
            "minItems": 1,
        },
        "description": (
            "按报告自身的勾稽关系确定的单元格（连写数字的唯一拆分）→ 所用核对项的 id；这些核对项不计为“已核对”。"
            "同一单元格不能同时出现在 unread 中。"
            " / Cells whose run-together digits were split by the report's own relations -> the ids of the "
            "checks used (as in rules-<edition>.json); those checks do not count as verified. Never also unread."
        ),
    }
    return _object(
        {"unread": unread, "settled": settled},
        title=_title(Report, "reading"),
        description="读取器的记录：哪些单元格未能读取、哪些由勾稽关系确定 / what a reader could not read, and what it settled",
    )


def _reading_defs(edition: Edition) -> dict[str, Any]:
    return {
        "cell_pointer": {
            "description": "本版格式表格单元格的 JSON 指针 / JSON pointer of a table cell of this edition",
            "enum": list(edition.cells),
        },
        "check_id": {
            "description": "rules-<edition>.json 中的核对项 id / id of a check in rules-<edition>.json",
            "enum": [check.id for check in checks_for(edition.id)],
        },
    }


def json_schema(edition_id: str) -> dict[str, Any]:
    """The JSON Schema of report documents of one edition."""
    edition = EDITIONS[edition_id]
    sections = {section.key: section for section in edition.sections}
    properties: dict[str, Any] = {
        SCHEMA_KEY: {
            "const": schema_id(edition.id),
            "description": "optional; when present it must name this edition's schema, the one `edition` names",
        },
        "edition": {"title": _title(Report, "edition"), "const": edition.id},
        "year": {"title": _title(Report, "year"), "type": "integer", "minimum": YEARS.start, "maximum": YEARS.stop - 1},
    }
    for field in attrs.fields(Report):
        if field.name in properties or field.name in TABLE_KEYS:
            continue
        if field.name == "reading":
            properties["reading"] = _reading_schema()
        elif field.name == "sections":
            properties["sections"] = _object(
                {key: {"title": s.heading, "$ref": "#/$defs/section"} for key, s in sections.items()},
                title=_title(Report, "sections"),
            )
        else:
            properties[field.name] = _envelope_property(field)
    for key in TABLE_KEYS:
        section = next(s for s in edition.sections if s.table == key)
        properties[key] = _table_schema(edition.table(key), section.heading)
    ordered = {name: properties[name] for name in (SCHEMA_KEY, *(f.name for f in attrs.fields(Report)))}
    return {
        "$schema": DRAFT,
        "$id": schema_id(edition.id),
        "title": f"政府信息公开工作年度报告（{edition.id} 版格式，{edition.source}）",
        "description": f"{edition.title}. Report years {edition.first_year}-{edition.last_year or ''}.",
        **_object(ordered, ["edition", "year", *TABLE_KEYS]),
        "$defs": {**_DEFS, **_envelope_defs(), **_reading_defs(edition)},
    }


def dumps_schema(edition_id: str) -> str:
    """The schema as the text the ``schemas/`` files hold."""
    return json.dumps(json_schema(edition_id), ensure_ascii=False, indent=2) + "\n"
