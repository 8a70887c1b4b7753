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

from .xlsx_style import (
    LINE_POINTS,
    MAX_ROW_POINTS,
    Styles,
    fit_heights,
    lines_needed,
    merge,
    print_setup,
    put_text,
    set_widths,
)

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


def write_text_sheet(wb: Any, report: Report, styles: Styles, *, template: bool) -> Any:
    """Add the text sheet as the workbook's first sheet and return it."""
    ws = wb.create_sheet(TEXT_SHEET, 0)
    heights: dict[int, float] = {}
    placed: list[Box] = []
    header = Box(1, 1, TEXT_COLUMNS[0], Role.HEADER, 1, 2)
    _label(ws, header, styles, placed)
    _label(ws, Box(1, 3, TEXT_COLUMNS[2], Role.HEADER), styles, placed)
    fields = envelope_fields()
    for index, field in enumerate(fields):
        if len(field.titles) == 1:
            _label(ws, Box(field.row, 1, field.titles[0], Role.ROW_LABEL, 1, 2), styles, placed)
        else:
            if index == 0 or fields[index - 1].titles[0] != field.titles[0]:
                count = sum(1 for other in fields if other.titles[0] == field.titles[0])
                _label(ws, Box(field.row, 1, field.titles[0], Role.ROW_LABEL, count, 1), styles, placed)
            _label(ws, Box(field.row, 2, field.titles[1], Role.ROW_LABEL), styles, placed)
        locked = field.path == ("edition",)
        _put_value(ws, field.row, _value(report, field.path), ".".join(field.path), styles, template and not locked)
        heights[field.row] = _height(_value(report, field.path))
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
        _label(ws, Box(row, 1, spec.heading, Role.ROW_LABEL, 1, 2), styles, placed)
        _put_value(ws, row, section.heading, f"sections.{spec.key}.heading", styles, template)
        ws.cell(row=row, column=3).font = styles.bold
        row += 1
        blocks = [(BLOCK_WORDS[block.kind], block.text) for block in section.blocks]
        if template:
            blank = TEMPLATE_ROWS_PER_TABLE_SECTION if spec.table else TEMPLATE_ROWS_PER_TEXT_SECTION
            blocks += [(BLOCK_WORDS[BlockKind.PARAGRAPH], "")] * blank
        for number, (word, text) in enumerate(blocks, start=1):
            where = f"sections.{spec.key}.blocks[{number}]"
            _label(ws, Box(row, 2, word, Role.ROW_LABEL), styles, placed)
            _put_value(ws, row, text or None, where, styles, template)
            if template:
                ws.cell(row=row, column=2).protection = styles.unlocked
            heights[row] = _height(text)
            row += 1
    set_widths(ws, WIDTHS)
    fit_heights(ws, placed, list(WIDTHS), floor=heights)
    ws.freeze_panes = "A2"
    print_setup(ws, landscape=False, title_rows=(1, 1))
    if template:
        year_row = next(field.row for field in fields if field.path == ("year",))
        _protect_template(ws, year_row, sections_start(), row - 1)
    return ws


def _label(ws: Any, box: Box, styles: Styles, placed: list[Box]) -> None:
    placed.append(box)
    put_text(ws, box.row, box.column, box.text, box.ref)
    merge(ws, box)
    styles.label(ws, box)
    ws.cell(row=box.row, column=box.column).alignment = styles.center if box.role is Role.HEADER else styles.left


def _put_value(ws: Any, row: int, value: Any, where: str, styles: Styles, unlocked: bool) -> None:
    if isinstance(value, str):
        cell = put_text(ws, row, 3, value, where)
    else:
        cell = ws.cell(row=row, column=3)
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    cell.font = styles.font
    cell.alignment = styles.top_left
    cell.border = styles.border
    if unlocked:
        cell.protection = styles.unlocked
        cell.fill = styles.input_fill


def _height(value: Any) -> float:
    text = value if isinstance(value, str) else ""
    return min(lines_needed(text, WIDTHS[2]) * LINE_POINTS + 4, MAX_ROW_POINTS)


def _protect_template(ws: Any, year_row: int, first_section_row: int, last_row: int) -> None:
    """Year as a whole number in the format's range, block kinds from a list; labels locked."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from disclosure_schema.model import YEARS

    year = DataValidation(type="whole", operator="between", formula1=str(YEARS.start), formula2=str(YEARS.stop - 1))
    year.error, year.errorTitle, year.showErrorMessage = (
        f"请填写 {YEARS.start}–{YEARS.stop - 1} 之间的年份",
        "报告年度",
        True,
    )
    year.add(f"C{year_row}")
    kinds = DataValidation(type="list", formula1='"' + ",".join(BLOCK_WORDS.values()) + '"', allow_blank=True)
    kinds.add(f"B{first_section_row}:B{max(last_row, first_section_row)}")
    ws.add_data_validation(year)
    ws.add_data_validation(kinds)
    ws.protection.sheet = True
    ws.protection.insertRows = False
    ws.protection.deleteRows = False
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
