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

import io
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, BinaryIO

from disclosure_schema import Report, TableData, checks_for
from disclosure_schema.rules import Check
from disclosure_schema.taxonomy import Kind
from disclosure_schema.text_hazards import printed
from disclosure_schema.workbook import SheetLayout, Slot, address, sheet_layout, sheet_layouts

from .xlsx_checks import write_checks
from .xlsx_style import Label, Sheet, Styles, display_width, fit_heights, label, label_look
from .xlsx_text import write_text_sheet

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLOAT_DIGITS = 15
"""Significant digits a spreadsheet number keeps; money with more is written as exact text instead."""
LANDSCAPE_FROM = 11
"""Tables this many grid columns wide (table 四's 15) print in landscape."""
_INPUT_RULES: Mapping[Kind, tuple[dict[str, Any], str]] = {
    Kind.COUNT: ({"validate": "integer", "criteria": ">=", "value": 0}, "请填写不小于 0 的整数（没有则填 0）"),
    Kind.SIGNED_COUNT: (
        {"validate": "integer", "criteria": "between", "minimum": -(2**53 - 1), "maximum": 2**53 - 1},
        "请填写整数（减少填负数）",
    ),
    Kind.MONEY: ({"validate": "decimal", "criteria": ">=", "value": 0}, "请填写不小于 0 的金额"),
}
"""What an input cell of the template accepts: whole numbers ≥ 0, signed whole numbers, or decimals ≥ 0."""


class XlsxExporter:
    """``export --to xlsx``: the official tables as a workbook (options: ``template=True`` for the blank form)."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = MEDIA_TYPE

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None:
        """Write the workbook to ``stream``; unknown options are ignored, as for every exporter.

        Raises ``ValueError`` naming the field for text a workbook cannot hold; then nothing is written.
        """
        stream.write(
            workbook_bytes(report, template=bool(options.get("template", False)), previous=options.get("previous"))
        )


def workbook_bytes(report: Report, *, template: bool = False, previous: Report | None = None) -> bytes:
    """The ``.xlsx`` file of a report (see the module docstring), built in memory.

    A template gets live checks of R1-R4 beside its rows, and with ``previous``
    (last year's report) of X1 and X2 too (:mod:`~disclosure_schema_exporters.xlsx_checks`).
    The file is complete before any byte reaches the caller's stream, so a refused
    text or a failed write leaves nothing half-written behind.
    """
    import xlsxwriter

    report = printed(report)  # control and bidi-control characters left out, each field warned of
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    try:
        styles = Styles(workbook)
        write_text_sheet(workbook, report, styles, template=template)
        formulas = _total_formulas(report.edition) if template else {}
        for layout in sheet_layouts(report.edition):
            sheet = _write_table(workbook, report.edition, layout, report.table(layout.table.key), styles, template, formulas)
            if template:
                write_checks(sheet, layout, report, previous, styles)
        properties = {"author": "disclosure-schema"}
        if report.title:
            properties["title"] = report.title
        workbook.set_properties(properties)
    except BaseException:
        # A refused text (or an interruption): the half-built workbook is dropped, never saved, and
        # marked closed so that xlsxwriter's destructor does not try to save it either.
        workbook.fileclosed = True
        raise
    workbook.close()
    return buffer.getvalue()


def _write_table(
    workbook: Any,
    edition: str,
    layout: SheetLayout,
    data: TableData,
    styles: Styles,
    template: bool,
    formulas: Mapping[str, Check],
) -> Sheet:
    sheet = Sheet(workbook, layout.name)
    sheet.labels(_labels(edition, layout.table.key), styles)
    slots = {slot.cell.pointer: slot for slot in layout.slots}
    inputs: dict[Kind, list[str]] = {}
    for slot in layout.slots:
        check = formulas.get(slot.cell.pointer)
        if check is not None:
            look = styles.get(align="number", border=True, number_format="General" if slot.cell.kind is Kind.MONEY else "0")
            sheet.box(slot.box, look)
            sheet.formula(slot.row, slot.column, _formula(check, slots), look)
            continue
        _put_number(sheet, slot, data.values[slot.cell.index], styles, template)
        if template:
            inputs.setdefault(slot.cell.kind, []).append(slot.box.ref)
    widths = column_widths(edition, layout, data)
    sheet.widths(widths)
    sheet.heights(_label_heights(edition, layout.table.key, tuple(widths)))
    if layout.header_rows is not None:
        sheet.freeze(layout.header_rows[1] + 1, layout.label_columns + 1)
    sheet.print_setup(landscape=layout.width >= LANDSCAPE_FROM, title_rows=layout.header_rows)
    if template:
        _validate(sheet, inputs)
        sheet.ws.protect("", {"format_rows": True, "format_columns": True, "objects": True, "scenarios": True})
    return sheet


def _put_number(sheet: Sheet, slot: Slot, value: int | Decimal | None, styles: Styles, template: bool) -> None:
    """A count as an integer cell; money as a number whose format carries its decimals, exactly."""
    number_format: str | None = None
    text: str | None = None
    number: float | None = None
    if isinstance(value, Decimal):
        decimals = max(0, -int(value.as_tuple().exponent))
        exact = len(value.as_tuple().digits) <= FLOAT_DIGITS and Decimal(repr(float(value))) == value
        if exact:
            number = int(value) if decimals == 0 else float(value)
            number_format = "0" if decimals == 0 else "0." + "0" * decimals
        else:
            text = format(value, "f")
    elif value is not None:
        number, number_format = value, "0"
    look = styles.get(
        align="number",
        border=True,
        number_format=number_format,
        fill="input" if template else None,
        unlocked=template,
    )
    if slot.columns > 1:
        sheet.box(slot.box, look)
    if text is not None:
        sheet.text(slot.row, slot.column, text, look, slot.cell.pointer)
    elif number is not None:
        sheet.number(slot.row, slot.column, number, look)
    elif slot.columns == 1:
        sheet.blank(slot.row, slot.column, look)


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


def _validate(sheet: Sheet, inputs: Mapping[Kind, list[str]]) -> None:
    """Data validation on the input cells, one rule per kind of cell (see ``_INPUT_RULES``)."""
    for kind, refs in inputs.items():
        rule, message = _INPUT_RULES[kind]
        options = {**rule, "error_message": message, "error_title": "输入有误", "show_input": False, "multi_range": " ".join(refs)}
        sheet.ws.data_validation(refs[0].split(":")[0], options)


def column_widths(edition: str, layout: SheetLayout, data: TableData) -> list[float]:
    """Column widths from the labels each column holds alone; group labels stay narrow and wrap, as printed.

    A figure column is as wide as its longest figure too, up to a cap.
    """
    widths = []
    for widest_label, cap, indices in _columns(edition, layout.table.key):
        if indices is None:
            widths.append(float(min(widest_label + 2, cap)))
            continue
        numbers = [len(str(data.values[index])) for index in indices]
        widths.append(float(min(max([widest_label, *numbers]) + 2, cap)))
    return widths


@cache
def _labels(edition: str, table_key: str) -> tuple[Label, ...]:
    """A table sheet's title and labels with their looks, worked out once per sheet layout."""
    layout = sheet_layout(edition, table_key)
    return tuple(label(box, label_look(box), f"{layout.name}!{box.address}") for box in (layout.title, *layout.boxes))


@cache
def _columns(edition: str, table_key: str) -> tuple[tuple[int, int, tuple[int, ...] | None], ...]:
    """Per grid column of a table sheet: its widest lone label (at least 6), its cap, and the indices of the
    cells it holds (``None`` for a label column); worked out once per sheet layout."""
    layout = sheet_layout(edition, table_key)
    columns: list[tuple[int, int, tuple[int, ...] | None]] = []
    for column in range(1, layout.width + 1):
        singles = [box for box in layout.boxes if box.column == column and box.columns == 1]
        widest = max([*(display_width(box.text) for box in singles), 6])
        if column <= layout.label_columns:
            columns.append((widest, 10 if any(box.rows > 1 for box in singles) else 30, None))
            continue
        indices = tuple(slot.cell.index for slot in layout.slots if slot.column == column)
        columns.append((widest, 18 if layout.width <= 4 else 9, indices))
    return tuple(columns)


@cache
def _label_heights(edition: str, table_key: str, widths: tuple[float, ...]) -> Mapping[int, float]:
    """Row heights for a table sheet's labels at these column widths (a few width sets recur across reports)."""
    layout = sheet_layout(edition, table_key)
    return fit_heights((layout.title, *layout.boxes), widths)
