"""Reading the workbook's text sheet: edition, year, the envelope fields and the sections.

The envelope sits at fixed rows (:func:`~disclosure_schema.workbook.envelope_fields`); the
sections follow, each opened by a row whose first cell is an official section
heading, with one row per block.  Rows a clerk inserted into the template are
read like any other block row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from disclosure_schema import EDITIONS, Block, BlockKind, Period, Section
from disclosure_schema.model import YEARS
from disclosure_schema.workbook import BLOCK_WORDS, TEXT_SHEET, Field, envelope_fields, sections_start
from disclosure_schema.workbook import MAX_TEXT_ROWS as WORKBOOK_TEXT_ROWS

from .xlsx_cells import Collector

MAX_TEXT_ROWS = WORKBOOK_TEXT_ROWS + 100
"""Rows of the text sheet read at most: what the exporter may write, and a margin for rows a clerk inserted.
Rows beyond are noted, not dropped silently."""


class _Value:
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class TextSheet:
    """The text sheet as the readers below see it: a formula cell reads as the value saved with it.

    Why: a text cell holding ``=HYPERLINK("http://…","淮安市人民政府")`` must not become the report's
    issuer as formula source.  The value the spreadsheet program saved is used, with a note; a formula
    saved without a value reads as blank, with a note naming the cell.
    """

    def __init__(self, ws: Any, cached: Any, out: Collector) -> None:
        self._ws = ws
        self._cached = cached
        self._out = out
        self._seen: dict[tuple[int, int], _Value] = {}
        self.max_row: int = ws.max_row

    def cell(self, *, row: int, column: int) -> _Value:
        key = (row, column)
        if key in self._seen:
            return self._seen[key]
        cell = self._ws.cell(row=row, column=column)
        value = cell.value
        if cell.data_type == "f" or (value is not None and not isinstance(value, (str, int, float, dt.date, dt.time))):
            where = _where(row, "ABC"[column - 1] if column <= 3 else "C")
            saved = self._cached.cell(row=row, column=column).value if self._cached is not None else None
            if saved is None or (isinstance(saved, str) and not saved.strip()):
                self._out.note(
                    "xlsx.formula_in_text",
                    where,
                    "文字单元格中是公式，且没有保存计算结果，按空白读取（请直接填写文字）",
                    "a text cell holds a formula with no saved result; read as blank (type the text instead)",
                )
                value = None
            else:
                self._out.note(
                    "xlsx.formula_in_text",
                    where,
                    f"文字单元格中是公式，已取其保存的结果“{saved}”（请直接填写文字）",
                    f"a text cell holds a formula; its saved result {str(saved)!r} was read (type the text instead)",
                )
                value = saved
        result = self._seen[key] = _Value(value)
        return result


def _where(row: int, column: str = "C") -> str:
    return f"{TEXT_SHEET}!{column}{row}"


def _check_label(ws: Any, row: int, column: int, expected: str, out: Collector) -> None:
    found = ws.cell(row=row, column=column).value
    if found != expected:
        letter = "AB"[column - 1]
        out.note(
            "xlsx.label",
            _where(row, letter),
            f"标签应为“{expected}”，实际为“{found or ''}”；仍按位置读取",
            f"label should be {expected!r}, found {str(found or '')!r}; read by position anyway",
        )


def _field_value(raw: object, field: Field, out: Collector) -> Any:
    where = _where(field.row)
    title = "·".join(field.titles)
    if raw is None or (isinstance(raw, str) and not raw.strip() and field.value_type is not str):
        return None
    if field.value_type is str:
        if isinstance(raw, bool):
            raw = str(raw).upper()
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, (dt.datetime, dt.date)):
            return raw.date().isoformat() if isinstance(raw, dt.datetime) else raw.isoformat()
        return str(raw)
    if field.value_type is int:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        out.error(
            "xlsx.not_a_number",
            where,
            f"“{title}”应填整数，实际为“{raw}”",
            f"{title}: expected a whole number, found {_text(raw)!r}",
        )
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    out.error(
        "xlsx.not_a_date",
        where,
        f"“{title}”应填日期（如 2024-12-31），实际为“{raw}”",
        f"{title}: expected a date such as 2024-12-31, found {_text(raw)!r}",
    )
    return None


def read_envelope(ws: Any, out: Collector) -> dict[str, Any]:
    """The envelope fields as ``Report`` keyword arguments (edition and year included)."""
    flat: dict[tuple[str, ...], Any] = {}
    for field in envelope_fields():
        if len(field.titles) == 1:
            _check_label(ws, field.row, 1, field.titles[0], out)
        else:
            _check_label(ws, field.row, 2, field.titles[1], out)
        flat[field.path] = _field_value(ws.cell(row=field.row, column=3).value, field, out)
    result: dict[str, Any] = {path[0]: value for path, value in flat.items() if len(path) == 1}
    nested: dict[str, type] = {}
    for field in envelope_fields():
        if field.container is not None:
            nested[field.path[0]] = field.container
    for name, cls in nested.items():
        parts = {path[1]: value for path, value in flat.items() if len(path) == 2 and path[0] == name}
        if all(value is None for value in parts.values()):
            result[name] = None
        elif cls is Period and any(value is None for value in parts.values()):
            first = next(f for f in envelope_fields() if f.path[0] == name)
            out.error(
                "xlsx.period",
                _where(first.row),
                f"“{first.titles[0]}”须同时填写起止两个日期",
                f"{name} needs both dates",
            )
            result[name] = None
        else:
            result[name] = cls(**parts)
    edition = result.get("edition")
    if isinstance(edition, str):
        result["edition"] = edition.strip()
    if result.get("year") is not None and result["year"] not in YEARS:
        year_row = next(f.row for f in envelope_fields() if f.path == ("year",))
        out.error(
            "xlsx.year",
            _where(year_row),
            f"报告年度 {result['year']} 不在 {YEARS.start}–{YEARS.stop - 1} 之间",
            f"year {result['year']} is outside {YEARS.start}-{YEARS.stop - 1}",
        )
    return result


def read_sections(ws: Any, edition_id: str, out: Collector) -> dict[str, Section]:
    """Every section the sheet holds a heading row for, with its printed heading and its blocks."""
    headings = {spec.heading: spec.key for spec in EDITIONS[edition_id].sections}
    kinds = {word: kind for kind, word in BLOCK_WORDS.items()}
    sections: dict[str, tuple[str | None, list[Block]]] = {}
    current: str | None = None
    last = min(ws.max_row, sections_start() + MAX_TEXT_ROWS)
    if ws.max_row > last:
        out.note(
            "xlsx.rows_ignored",
            _where(last + 1, "A"),
            f"文字工作表超过 {MAX_TEXT_ROWS} 行，第 {last + 1} 行起（至第 {ws.max_row} 行）未读取",
            f"the text sheet has more than {MAX_TEXT_ROWS} rows; rows {last + 1}-{ws.max_row} were not read",
        )
    for row in range(sections_start(), last + 1):
        label, word, text = (ws.cell(row=row, column=column).value for column in (1, 2, 3))
        if isinstance(label, str) and label in headings:
            current = headings[label]
            if current in sections:
                out.note(
                    "xlsx.section_twice",
                    _where(row, "A"),
                    f"“{label}”出现两次，后一处覆盖前一处",
                    f"{label!r} occurs twice; the later one wins",
                )
            sections[current] = (_text(text), [])
            continue
        if text is None or (isinstance(text, str) and not text.strip()):
            continue
        if current is None:
            out.note(
                "xlsx.stray_text",
                _where(row),
                "这一行不属于任何部分，已忽略",
                "this row belongs to no section; ignored",
            )
            continue
        kind = kinds.get(word.strip() if isinstance(word, str) else "", BlockKind.PARAGRAPH)
        if word is not None and word not in kinds:
            out.note(
                "xlsx.block_kind",
                _where(row, "B"),
                f"“{word}”不是{'/'.join(kinds)}，按段落读取",
                f"{word!r} is not a block kind; read as a paragraph",
            )
        sections[current][1].append(Block(_text(text) or "", kind))
    return {key: Section(heading, tuple(blocks)) for key, (heading, blocks) in sections.items()}


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
