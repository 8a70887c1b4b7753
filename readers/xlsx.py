"""Reading a report workbook -- exported by ``export --to xlsx`` or a filled-in template -- into the model.

Cells are found where :mod:`disclosure_schema.workbook` says the exporter put them; the
labels there are compared with the taxonomy and differences noted.  A 总计 cell
holding a formula is read from the value the spreadsheet program saved with
it, or, in a workbook never opened in one, summed from its detail cells by the
same rule that wrote the formula.  Bad cells are collected, all of them, and
reported as ``依申请公开!D12`` with the official row and column labels.
"""

from __future__ import annotations

import io
from typing import Any

from disclosure_schema import EDITIONS, TABLE_KEYS, ReadError, ReadResult, Report, TableData, Value, checks_for
from disclosure_schema.rules import Check
from disclosure_schema.workbook import TEXT_SHEET, SheetLayout, field_address, sheet_layouts

from .xlsx_cells import Collector, describe, to_value
from .xlsx_guard import require_defused_xml, screen
from .xlsx_text import TextSheet, read_envelope, read_sections

LABEL_MISMATCH_LIMIT = 0.5
"""A sheet whose labels mostly differ from the edition's is some other table: refuse it."""


class XlsxReader:
    """``import --from xlsx``: the workbook this project exports, or its template filled in."""

    name = "xlsx"
    suffixes = (".xlsx",)

    def read(self, data: bytes, *, source: str) -> ReadResult:
        require_defused_xml()
        screen(data, source)
        formulas, cached = _open(data, source)
        out = Collector()
        if TEXT_SHEET not in formulas.sheetnames:
            out.error("xlsx.missing_sheet", source, f"缺少工作表“{TEXT_SHEET}”", f"the sheet {TEXT_SHEET!r} is missing")
            raise ReadError(out.errors)
        text_sheet = TextSheet(
            formulas[TEXT_SHEET], cached[TEXT_SHEET] if TEXT_SHEET in cached.sheetnames else None, out
        )
        envelope = read_envelope(text_sheet, out)
        edition = envelope.get("edition")
        if not isinstance(edition, str) or edition not in EDITIONS:
            out.error(
                "xlsx.edition",
                field_address("edition"),
                f"格式版本“{edition}”未知，应为 {'、'.join(EDITIONS)} 之一",
                f"unknown edition {str(edition or '')!r}; expected one of {', '.join(EDITIONS)}",
            )
            raise ReadError(out.errors)
        sections = read_sections(text_sheet, edition, out)
        tables = {
            layout.table.key: _read_table(formulas, cached, layout, edition, out) for layout in sheet_layouts(edition)
        }
        if envelope.get("year") is None and not any(note.where == field_address("year") for note in out.errors):
            out.error("xlsx.year", field_address("year"), "缺少报告年度", "the report year is missing")
        cells = EDITIONS[edition].cells
        bad_cells = [e for e in out.errors if e.pointer in cells]
        if len(bad_cells) < len(out.errors):
            raise ReadError(out.errors)
        fields: dict[str, Any] = {**envelope, "sections": sections, **{key: tables[key] for key in TABLE_KEYS}}
        report = Report(**fields)
        if bad_cells:
            # Every problem is a cell: read the rest, so the sums on it are checked in the same run.
            report = report.with_unread([e.pointer for e in bad_cells if e.pointer is not None])
        return ReadResult(report, tuple(out.notes), tuple(bad_cells))


def _open(data: bytes, source: str) -> tuple[Any, Any]:
    """The workbook twice: with formulas, and with the values saved beside them."""
    from openpyxl import load_workbook

    from disclosure_schema import ReadingNote

    try:
        formulas = load_workbook(io.BytesIO(data), data_only=False)
        cached = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # noqa: BLE001 -- openpyxl raises anything on malformed parts; the clerk gets one line
        note = ReadingNote(
            "xlsx.unreadable",
            source,
            "无法读取工作簿：文件已损坏，或其中的 XML 不是 Excel/WPS 保存的格式（请在 Excel 或 WPS 中打开后另存为 .xlsx 再读）",
            "cannot read the workbook: the file is damaged or its XML is not as Excel/WPS saves it "
            "(open it in a spreadsheet program and save it as .xlsx again)",
        )
        raise ReadError([note]) from None
    return formulas, cached


def _read_table(formulas: Any, cached: Any, layout: SheetLayout, edition: str, out: Collector) -> TableData:
    table = layout.table
    if layout.name not in formulas.sheetnames:
        out.error(
            "xlsx.missing_sheet",
            layout.name,
            f"缺少工作表“{layout.name}”（表{table.number}）",
            f"the sheet {layout.name!r} (table {table.number}) is missing",
        )
        return TableData.blank(table)
    ws, values_ws = formulas[layout.name], cached[layout.name]
    _check_labels(ws, layout, out)
    values: list[Value] = [None] * len(table.cells)
    pending: dict[int, str] = {}
    for slot in layout.slots:
        where = f"{layout.name}!{slot.address}"
        cell = ws.cell(row=slot.row, column=slot.column)
        raw = cell.value
        if cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("=")):
            raw = values_ws.cell(row=slot.row, column=slot.column).value
            if raw is None:
                pending[slot.cell.index] = where
                continue
        values[slot.cell.index] = to_value(raw, slot.cell, cell.number_format, where, out)
    _compute_pending(layout, edition, values, pending, out)
    return TableData(table, tuple(values))


def _check_labels(ws: Any, layout: SheetLayout, out: Collector) -> None:
    boxes = [box for box in (layout.title, *layout.boxes) if box.text]
    wrong = [(box, ws.cell(row=box.row, column=box.column).value) for box in boxes]
    wrong = [(box, found) for box, found in wrong if found != box.text]
    if len(wrong) > LABEL_MISMATCH_LIMIT * len(boxes):
        out.error(
            "xlsx.wrong_table",
            layout.name,
            f"工作表“{layout.name}”的标签与表{layout.table.number}不符（{len(wrong)}/{len(boxes)} 处不同），不是本格式版本的表格",
            f"the sheet {layout.name!r} does not hold table {layout.table.number} of this edition "
            f"({len(wrong)} of {len(boxes)} labels differ)",
        )
        return
    for box, found in wrong:
        out.note(
            "xlsx.label",
            f"{layout.name}!{box.address}",
            f"标签应为“{box.text}”，实际为“{found or ''}”；仍按位置读取",
            f"label should be {box.text!r}, found {str(found or '')!r}; read by position anyway",
        )


def _compute_pending(
    layout: SheetLayout, edition: str, values: list[Value], pending: dict[int, str], out: Collector
) -> None:
    """Formula cells saved without a value: sum their detail cells by the rule that wrote the formula."""
    rules: dict[int, Check] = {}
    for check in checks_for(edition):
        if check.relation.computes_total and check.target.table is layout.table:
            rules.setdefault(check.target.index, check)
    resolving: set[int] = set()

    def value_of(index: int) -> Value:
        if index not in pending:
            return values[index]
        where = pending[index]
        check = rules.get(index)
        if check is None or index in resolving:
            cell = layout.table.cells[index]
            zh_cell, en_cell = describe(cell)
            out.error(
                "xlsx.formula_without_value",
                where,
                f"公式没有保存计算结果，无法取值；请在 Excel/WPS 中打开并保存后再读，或直接填数{zh_cell}",
                f"the formula has no saved result; open and save the file in a spreadsheet program, or type the number {en_cell}",
                cell.pointer,
            )
            pending.pop(index, None)
            return None
        resolving.add(index)
        parts = [value_of(op.cell.index) for op in check.operands]
        resolving.discard(index)
        present = [op.sign * v for op, v in zip(check.operands, parts, strict=True) if v is not None]
        total: Value = sum(present[1:], present[0]) if present else None
        values[index] = total
        if total is not None:
            out.note(
                "xlsx.formula_computed",
                where,
                f"公式没有保存计算结果，已按明细单元格求和为 {total}",
                f"the formula had no saved result; summed its detail cells to {total}",
                layout.table.cells[index].pointer,
            )
        pending.pop(index, None)
        return total

    for index in list(pending):
        if index in pending:
            value_of(index)
