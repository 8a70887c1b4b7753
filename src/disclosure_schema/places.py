"""Places in words a clerk reads: where in a source file a reading note points, and which text field
of a report an exporter means.

Why: the brief asks that every message a clerk sees speak Chinese and name the place as the
official format prints it.  Readers record where a note arose in a short, stable English form
(``line 60 col 1``, ``table 1 row 4 col 1``, ``page 3 table 1 r4c2``): it is what ``--format
json`` and ``import`` give integrators, so it stays as it is.  :func:`reading_place` turns that
form into Chinese (``第60行第1栏``) when a message is printed; places it does not know (a file name,
an XLSX ``依申请公开!D12``) are shown unchanged.

Exporters name text fields by JSON pointer (``/sections/overview/blocks/0``, ``/issuer``);
:func:`field_place` says the same in the report's own terms (``第一部分第1段``, ``发布机关``),
taking section numbers from the taxonomy and field names from the model's titles, so no label is
typed twice.
"""

from __future__ import annotations

import re

import attrs

from .model import Contact, Period, Report
from .taxonomy import EDITIONS, Edition

__all__ = ["field_place", "reading_place"]

_N = r"(\d+)"
_STEPS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (kind, re.compile(pattern + r"(?= |$)"), zh)
    for kind, pattern, zh in (
        ("page", rf"page {_N}", "第{0}页"),
        ("table", rf"unruled table {_N}", "第{0}个无框线表格"),
        ("table", rf"table {_N}", "第{0}个表格"),
        ("paragraph", rf"paragraph {_N}", "第{0}段"),
        ("line", rf"lines {_N}-{_N}", "第{0}至{1}行"),
        ("line", rf"line {_N}", "第{0}行"),
        ("row", rf"row {_N}", "第{0}行"),
        ("col", rf"col {_N}", "第{0}栏"),
        ("cell", rf"r{_N}c{_N}", "第{0}行第{1}栏"),
        ("caption", rf"caption {_N}", "表题第{0}行"),
        ("part", rf"part {_N}", "第{0}片段"),
        ("text", r"text", "正文"),
    )
)
"""Each step of a reader's place (readers/: text, docx, html, pdf, pdf_grid, pdf_unruled, narrative,
recognize, inline) with its Chinese; a place is a run of steps separated by single spaces."""

_BILINGUAL = re.compile(r"(第[一二三四五六七八九十]+部分[^/]*) / (section [^/]+)")
"""A place a reader already gives in both languages: ``第一部分第10段 / section overview, block 10``."""


def reading_place(where: str, lang: str = "zh") -> str:
    """``where`` (a :class:`~disclosure_schema.plugins.ReadingNote` place) in ``lang`` (``zh``/``en``).

    ``line 60 col 1`` -> ``第60行第1栏``; ``table 1 row 4 col 1`` -> ``第1个表格第4行第1栏``;
    ``page 3 table 1 r4c2`` -> ``第3页第1个表格第4行第2栏``; in English the place is returned as the
    reader wrote it.  A place of another shape (a file name, ``依申请公开!D12``) is returned unchanged.
    """
    both = _BILINGUAL.fullmatch(where)
    if both is not None:
        return both.group(2) if lang == "en" else both.group(1)
    if lang == "en":
        return where
    words = _chinese(where)
    return where if words is None else words


def _chinese(where: str) -> str | None:
    """The Chinese of a place made only of known steps, else ``None``."""
    out: list[str] = []
    previous = ""
    position = 0
    while position < len(where):
        for kind, pattern, zh in _STEPS:
            m = pattern.match(where, position)
            if m is None:
                continue
            words = zh.format(*m.groups())
            if kind in ("row", "line") and previous in ("row", "line"):
                words = f"中{words}"  # a line inside a table row (pdf_grid's banners), a row of lines
            out.append(words)
            previous, position = kind, m.end() + 1
            break
        else:
            return None
    return "".join(out) if out and not where.endswith(" ") else None


def field_place(pointer: str, lang: str = "zh", edition: str | Edition = "2021") -> str:
    """The text field or table cell at JSON ``pointer`` named as a clerk knows it.

    ``/sections/overview/blocks/0`` -> ``第一部分第1段`` (``section 1, paragraph 1``: no brackets, so
    a ``中文 (English)`` message stays splittable);
    ``/sections/overview/heading`` -> ``第一部分标题``; ``/issuer`` -> ``发布机关``;
    ``/contact/phone`` -> ``联系方式：电话``; a table cell -> ``表三 …行，… 列``.  Section numbers
    come from ``edition``'s sections, field names from the model's titles; in English, envelope
    fields keep their JSON names.  A pointer of another shape is returned unchanged; an unknown
    ``edition`` id raises ``KeyError``.
    """
    spec = EDITIONS[edition] if isinstance(edition, str) else edition
    parts = pointer.split("/")[1:] if pointer.startswith("/") else None
    if not parts:
        return pointer
    if parts[0] == "sections" and len(parts) >= 3:
        return _section_place(spec, parts[1:], lang) or pointer
    cell = spec.cells.get(pointer)
    if cell is not None:
        from .violations import Location  # here: violations imports the messages, not needed otherwise

        return Location.of(cell).words(lang)
    return _envelope_place(parts, lang) or pointer


def _section_place(spec: Edition, parts: list[str], lang: str) -> str | None:
    index = next((i for i, section in enumerate(spec.sections, 1) if section.key == parts[0]), None)
    if index is None:
        return None
    section = spec.sections[index - 1]
    if parts[1:] == ["heading"]:
        return f"section {index}, heading" if lang == "en" else f"第{section.number}部分标题"
    if len(parts) == 3 and parts[1] == "blocks" and re.fullmatch(r"[0-9]{1,9}", parts[2]):
        n = int(parts[2]) + 1
        return f"section {index}, paragraph {n}" if lang == "en" else f"第{section.number}部分第{n}段"
    return None


_PARTS: dict[str, type] = {"contact": Contact, "statistics_period": Period}


def _envelope_place(parts: list[str], lang: str) -> str | None:
    fields = attrs.fields_dict(Report)
    if parts[0] not in fields or len(parts) > 2:
        return None
    names = [str(fields[parts[0]].metadata.get("title", parts[0]))]
    if len(parts) == 2:
        inner = _PARTS.get(parts[0])
        if inner is None or parts[1] not in attrs.fields_dict(inner):
            return None
        names.append(str(attrs.fields_dict(inner)[parts[1]].metadata.get("title", parts[1])))
    return ".".join(parts) if lang == "en" else "：".join(names)
