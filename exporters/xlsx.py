"""The report as an Excel workbook laid out like the official template; or the blank template itself.

One sheet per table, printed as the Word template prints it (captions, spanning
headers, three-level row labels with merged cells), plus a text sheet with the
envelope and the narrative sections.  Counts are written as whole numbers,
money as numbers carrying their decimals in the number format (an amount with
more than 15 significant digits, which a spreadsheet number cannot hold, as
exact text instead), blank cells stay blank, and every string from the report is an explicit text cell, so ``=1+1``
in a paragraph is never evaluated.

With ``template=True`` the same workbook becomes a form to fill in: the 总计
cells hold live ``SUM`` formulas derived from the rules, input cells accept only
what their kind allows, and everything else is protected.  The positions come
from :mod:`disclosure_schema.workbook`, which the XLSX reader uses
to read a filled form back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, BinaryIO

from disclosure_schema import Report, TableData, checks_for
from disclosure_schema.rules import Check
from disclosure_schema.taxonomy import Kind
from disclosure_schema.workbook import SheetLayout, Slot, address, sheet_layouts

from .xlsx_checks import write_checks
from .xlsx_style import (
    Styles,
    display_width,
    fit_heights,
    merge,
    print_setup,
    put_text,
    set_widths,
)
from .xlsx_text import write_text_sheet

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLOAT_DIGITS = 15
"""Significant digits a spreadsheet number keeps; money with more is written as exact text instead."""
LANDSCAPE_FROM = 11
"""Tables this many grid columns wide (table 四's 15) print in landscape."""


class XlsxExporter:
    """``export --to xlsx``: the official tables as a workbook (options: ``template=True`` for the blank form)."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = MEDIA_TYPE

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None:
        """Write the workbook to ``stream``; unknown options are ignored, as for every exporter."""
        workbook = build_workbook(report, template=bool(options.get("template", False)),
                                  previous=options.get("previous"))
        workbook.save(stream)


def build_workbook(report: Report, *, template: bool = False, previous: Report | None = None) -> Any:
    """The openpyxl ``Workbook`` for a report (see the module docstring).

    A template gets live checks of R1-R4 beside its rows, and with ``previous``
    (last year's report) of X1 and X2 too (:mod:`~disclosure_schema_exporters.xlsx_checks`).
    """
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties

    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = Styles()
    write_text_sheet(workbook, report, styles, template=template)
    formulas = _total_formulas(report.edition) if template else {}
    for layout in sheet_layouts(report.edition):
        ws = _write_table(workbook, layout, report.table(layout.table.key), styles, template, formulas)
        if template:
            write_checks(ws, layout, report, previous, styles)
    workbook.properties.creator = "disclosure-schema"
    if report.title:
        workbook.properties.title = report.title
    if template:
        workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    return workbook


def _write_table(
    workbook: Any, layout: SheetLayout, data: TableData, styles: Styles, template: bool, formulas: Mapping[str, Check]
) -> Any:
    ws = workbook.create_sheet(layout.name)
    for box in (layout.title, *layout.boxes):
        if box.text:
            put_text(ws, box.row, box.column, box.text, f"{layout.name}!{box.address}")
        merge(ws, box)
        styles.label(ws, box)
    slots = {slot.cell.pointer: slot for slot in layout.slots}
    inputs: dict[Kind, list[str]] = {}
    for slot in layout.slots:
        cell = ws.cell(row=slot.row, column=slot.column)
        merge(ws, slot.box)
        styles.frame(ws, slot.box)
        cell.font, cell.alignment = styles.font, styles.number
        check = formulas.get(slot.cell.pointer)
        if check is not None:
            cell.value = _formula(check, slots)
            cell.number_format = "General" if slot.cell.kind is Kind.MONEY else "0"
            continue
        _put_number(cell, data.values[slot.cell.index], slot.cell.kind)
        if template:
            cell.protection, cell.fill = styles.unlocked, styles.input_fill
            inputs.setdefault(slot.cell.kind, []).append(slot.box.ref)
    widths = column_widths(layout, data)
    set_widths(ws, widths)
    fit_heights(ws, (layout.title, *layout.boxes), widths)
    if layout.header_rows is not None:
        ws.freeze_panes = address(layout.header_rows[1] + 1, layout.label_columns + 1)
    print_setup(ws, landscape=layout.width >= LANDSCAPE_FROM, title_rows=layout.header_rows)
    if template:
        _validate(ws, inputs)
        ws.protection.sheet = True
        ws.protection.formatRows = False
        ws.protection.formatColumns = False
    return ws


def _put_number(cell: Any, value: int | Decimal | None, kind: Kind) -> None:
    """A count as an integer cell; money as a number whose format carries its decimals, exactly."""
    if value is None:
        return
    if isinstance(value, Decimal):
        decimals = max(0, -int(value.as_tuple().exponent))
        if len(value.as_tuple().digits) > FLOAT_DIGITS or Decimal(repr(float(value))) != value:
            cell.value, cell.data_type = format(value, "f"), "s"
            return
        cell.value = int(value) if decimals == 0 else float(value)
        cell.number_format = "0" if decimals == 0 else "0." + "0" * decimals
        return
    cell.value = value
    cell.number_format = "0"


def _total_formulas(edition: str) -> dict[str, Check]:
    """The check that computes each 总计 cell; where two do (R2 and R3 meet), the first in rule order."""
    found: dict[str, Check] = {}
    for check in checks_for(edition):
        if check.relation.computes_total:
            found.setdefault(check.target.pointer, check)
    return found


def _formula(check: Check, slots: Mapping[str, Slot]) -> str:
    """``=SUM(D8:D28)`` from a check's operands, contiguous cells folded into ranges."""
    plus = [slots[op.cell.pointer] for op in check.operands if op.sign > 0]
    minus = [slots[op.cell.pointer] for op in check.operands if op.sign < 0]
    text = f"=SUM({','.join(_ranges(plus))})" if plus else "=0"
    if minus:
        text += f"-SUM({','.join(_ranges(minus))})"
    return text


def _ranges(slots: Iterable[Slot]) -> list[str]:
    """Runs of adjacent cells in one column or one row, as ``A1:A9``."""
    cells = sorted((slot.row, slot.column) for slot in slots)
    runs: list[list[tuple[int, int]]] = []
    for row, column in cells:
        if runs:
            last_row, last_column = runs[-1][-1]
            first_row, first_column = runs[-1][0]
            same_column = column == last_column == first_column and row == last_row + 1
            same_row = row == last_row == first_row and column == last_column + 1
            if same_column or same_row:
                runs[-1].append((row, column))
                continue
        runs.append([(row, column)])
    result = []
    for run in runs:
        start, end = address(*run[0]), address(*run[-1])
        result.append(start if start == end else f"{start}:{end}")
    return result


def _validate(ws: Any, inputs: Mapping[Kind, list[str]]) -> None:
    """Data validation on the input cells: whole numbers ≥ 0, signed whole numbers, or decimals ≥ 0."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rules = {
        Kind.COUNT: (
            DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0"),
            "请填写不小于 0 的整数（没有则填 0）",
        ),
        Kind.SIGNED_COUNT: (
            DataValidation(type="whole", operator="between", formula1=str(-(2**53 - 1)), formula2=str(2**53 - 1)),
            "请填写整数（减少填负数）",
        ),
        Kind.MONEY: (
            DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
            "请填写不小于 0 的金额",
        ),
    }
    for kind, refs in inputs.items():
        validation, message = rules[kind]
        validation.error, validation.errorTitle, validation.showErrorMessage = message, "输入有误", True
        validation.allow_blank = True
        for ref in refs:
            validation.add(ref)
        ws.add_data_validation(validation)


def column_widths(layout: SheetLayout, data: TableData) -> list[float]:
    """Column widths from the labels each column holds alone; group labels stay narrow and wrap, as printed."""
    widths = []
    for column in range(1, layout.width + 1):
        singles = [box for box in layout.boxes if box.column == column and box.columns == 1]
        texts = [display_width(box.text) for box in singles]
        if column <= layout.label_columns:
            cap = 10 if any(box.rows > 1 for box in singles) else 30
            widths.append(float(min(max([*texts, 6]) + 2, cap)))
            continue
        numbers = [len(str(data.values[slot.cell.index])) for slot in layout.slots if slot.column == column]
        cap = 18 if layout.width <= 4 else 9
        widths.append(float(min(max([*texts, *numbers, 6]) + 2, cap)))
    return widths
