"""The text sheet of the report workbook: the envelope fields, then the sections block by block.

Field titles come from the attrs metadata of :class:`~disclosure_schema.Report`
(via :func:`~disclosure_schema.workbook.envelope_fields`), section
headings from the taxonomy.  Column A holds the label, B the sub-label or the
block kind (小标题 / 段落), C the value.  A section of the report gets a heading
row (official heading in A, the heading as the report prints it in C) and one
row per block, so the reader can rebuild it exactly; a section the report omits
gets no row, except in the blank template, which offers every section.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from disclosure_schema import BlockKind, Report, Section
from disclosure_schema.places import field_place
from disclosure_schema.workbook import (
    BLOCK_WORDS,
    MAX_TEXT_ROWS,
    TEXT_COLUMNS,
    TEXT_SHEET,
    Box,
    Role,
    envelope_fields,
    sections_start,
)

from .xlsx_style import LINE_POINTS, MAX_ROW_POINTS, Sheet, Styles, fit_heights, label, label_look, lines_needed

WIDTHS = (16.0, 10.0, 72.0)
TEMPLATE_ROWS_PER_TEXT_SECTION = 4
"""Blank paragraph rows the template offers under each narrative section (more can be inserted)."""
TEMPLATE_ROWS_PER_TABLE_SECTION = 1
DATE_FORMAT = "yyyy-mm-dd"


def _value(report: Report, path: tuple[str, ...]) -> Any:
    value: Any = report
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def write_text_sheet(wb: Any, report: Report, styles: Styles, *, template: bool) -> Sheet:
    """Add the text sheet to the workbook (as its first sheet: call this first) and return it."""
    sheet = Sheet(wb, TEXT_SHEET)
    heights: dict[int, float] = {}
    placed: list[Box] = []
    header = Box(1, 1, TEXT_COLUMNS[0], Role.HEADER, 1, 2)
    _label(sheet, header, styles, placed)
    _label(sheet, Box(1, 3, TEXT_COLUMNS[2], Role.HEADER), styles, placed)
    fields = envelope_fields()
    for index, field in enumerate(fields):
        if len(field.titles) == 1:
            _label(sheet, Box(field.row, 1, field.titles[0], Role.ROW_LABEL, 1, 2), styles, placed)
        else:
            if index == 0 or fields[index - 1].titles[0] != field.titles[0]:
                count = sum(1 for other in fields if other.titles[0] == field.titles[0])
                _label(sheet, Box(field.row, 1, field.titles[0], Role.ROW_LABEL, count, 1), styles, placed)
            _label(sheet, Box(field.row, 2, field.titles[1], Role.ROW_LABEL), styles, placed)
        locked = field.path == ("edition",)
        value = _value(report, field.path)
        where = _place(report, "/" + "/".join(field.path))
        _put_value(sheet, field.row, value, where, styles, unlocked=template and not locked)
        heights[field.row] = _height(value)
    row = sections_start()
    needed = sum(1 + len(section.blocks) for section in report.sections.values())
    if needed > MAX_TEXT_ROWS:
        raise ValueError(
            f"报告正文有 {needed} 行（部分标题与段落），超过工作簿上限 {MAX_TEXT_ROWS} 行 "
            f"(the text needs {needed} rows, over the workbook's limit of {MAX_TEXT_ROWS})"
        )
    for spec in report.spec.sections:
        section = report.sections.get(spec.key)
        if section is None and not template:
            continue
        section = section or Section()
        _label(sheet, Box(row, 1, spec.heading, Role.ROW_LABEL, 1, 2), styles, placed)
        where = _place(report, f"/sections/{spec.key}/heading")
        _put_value(sheet, row, section.heading, where, styles, unlocked=template, bold=True)
        row += 1
        blocks = [(BLOCK_WORDS[block.kind], block.text) for block in section.blocks]
        if template:
            blank = TEMPLATE_ROWS_PER_TABLE_SECTION if spec.table else TEMPLATE_ROWS_PER_TEXT_SECTION
            blocks += [(BLOCK_WORDS[BlockKind.PARAGRAPH], "")] * blank
        for number, (word, text) in enumerate(blocks, start=1):
            where = _place(report, f"/sections/{spec.key}/blocks/{number - 1}")
            _label(sheet, Box(row, 2, word, Role.ROW_LABEL), styles, placed, unlocked=template)
            _put_value(sheet, row, text or None, where, styles, unlocked=template)
            heights[row] = _height(text)
            row += 1
    sheet.widths(WIDTHS)
    sheet.heights(fit_heights(placed, WIDTHS, floor=heights))
    sheet.freeze(2, 1)
    sheet.print_setup(landscape=False, title_rows=(1, 1))
    if template:
        year_row = next(field.row for field in fields if field.path == ("year",))
        _protect_template(sheet, year_row, sections_start(), row - 1)
    return sheet


def _place(report: Report, pointer: str) -> tuple[str, str]:
    """The field at ``pointer`` as a clerk names it, in Chinese and English (for a refusal)."""
    return field_place(pointer, "zh", report.edition), field_place(pointer, "en", report.edition)


def _label(sheet: Sheet, box: Box, styles: Styles, placed: list[Box], *, unlocked: bool = False) -> None:
    placed.append(box)
    look = label_look(box, align="center" if box.role is Role.HEADER else "left", unlocked=unlocked)
    sheet.labels((label(box, look, box.ref),), styles)


def _put_value(
    sheet: Sheet, row: int, value: Any, where: tuple[str, str], styles: Styles, *, unlocked: bool, bold: bool = False
) -> None:
    look = styles.get(
        font="bold" if bold else "normal",
        align="top_left",
        border=True,
        number_format=DATE_FORMAT if isinstance(value, dt.date) else None,
        fill="input" if unlocked else None,
        unlocked=unlocked,
    )
    if isinstance(value, str):
        sheet.text(row, 3, value, look, where)
    elif isinstance(value, dt.date):
        sheet.date(row, 3, value, look)
    elif value is None:
        sheet.blank(row, 3, look)
    else:
        sheet.number(row, 3, value, look)


def _height(value: Any) -> float:
    text = value if isinstance(value, str) else ""
    return min(lines_needed(text, WIDTHS[2]) * LINE_POINTS + 4, MAX_ROW_POINTS)


def _protect_template(sheet: Sheet, year_row: int, first_section_row: int, last_row: int) -> None:
    """Year as a whole number in the format's range, block kinds from a list; labels locked."""
    from disclosure_schema.model import YEARS

    sheet.ws.data_validation(
        f"C{year_row}",
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": YEARS.start,
            "maximum": YEARS.stop - 1,
            "error_message": f"请填写 {YEARS.start}–{YEARS.stop - 1} 之间的年份",
            "error_title": "报告年度",
            "ignore_blank": False,
            "show_input": False,
        },
    )
    sheet.ws.data_validation(
        f"B{first_section_row}:B{max(last_row, first_section_row)}",
        {"validate": "list", "source": list(BLOCK_WORDS.values()), "show_error": False, "show_input": False},
    )
    sheet.ws.protect(
        "",
        {
            "format_rows": True,
            "format_columns": True,
            "insert_rows": True,
            "delete_rows": True,
            "objects": True,
            "scenarios": True,
        },
    )
