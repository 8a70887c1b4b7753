"""Live checks in the template workbook: R1-R4 and, with last year's report, X1 and X2, beside the rows.

Why in the workbook: the clerk fills the template in Excel or WPS and should see
a broken relation while typing, not only when the file is validated later.  Each
relation's checks become one ``IF(AND(...))`` formula placed two columns right of
the table, on the row of its first target cell, showing ``✓ R1`` or
``✗ R1：<the relation as the format states it>``.  Cross-year checks (X1, X2) need
last year's figures: they are written as numbers in the cells beside the rows
(X2's 现行有效件数 of last year, with its label in the number format), so the
formula stays live when this year's cells change.  Everything comes from
:func:`disclosure_schema.checks_for`; no relation is restated here.
"""

from __future__ import annotations

from collections.abc import Mapping

from disclosure_schema import Report, checks_for
from disclosure_schema.rules import Check
from disclosure_schema.workbook import SheetLayout, Slot, address

from .xlsx_style import Sheet, Styles

__all__ = ["write_checks"]

PREVIOUS_FORMAT = '"上年：" 0'
"""Shows last year's figure as ``上年：11`` while the cell stays a number formulas can use."""


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write_checks(sheet: Sheet, layout: SheetLayout, report: Report, previous: Report | None, styles: Styles) -> None:
    """Add the live check formulas for the relations of ``layout``'s table to its worksheet."""
    slots: Mapping[str, Slot] = {slot.cell.pointer: slot for slot in layout.slots}
    right = max(slot.column + slot.columns - 1 for slot in layout.slots)
    previous_column, check_column = right + 1, right + 2
    groups: dict[str, list[Check]] = {}
    for check in checks_for(report.edition):
        if check.target.table.key == layout.table.key and (previous is not None or not check.relation.cross_year):
            groups.setdefault(check.relation.id, []).append(check)
    used_rows: set[int] = set()
    held = styles.get(number_format=PREVIOUS_FORMAT)
    for relation_id, checks in groups.items():
        conditions: list[str] = []
        beside = len({check.target.row.key for check in checks}) == len(checks)  # one check per row (X2)
        for check in checks:
            terms: list[str] = []
            for operand in check.operands:
                if operand.previous:
                    value = previous.cell(operand.cell.pointer) if previous is not None and previous.edition == report.edition else None
                    if value is None:
                        terms = []
                        break
                    ref = str(value)
                    if beside:  # last year's figure shown beside its row, and used from there
                        holder_row = slots[check.target.pointer].row
                        sheet.number(holder_row, previous_column, value if isinstance(value, int) else float(value), held)
                        ref = address(holder_row, previous_column)
                else:
                    ref = slots[operand.cell.pointer].address
                terms.append(("-" if operand.sign < 0 else "+") + ref)
            if terms:
                expression = "".join(terms).lstrip("+")
                conditions.append(f"{slots[check.target.pointer].address}=({expression})")
        if not conditions:
            continue
        relation = checks[0].relation
        row = slots[checks[0].target.pointer].row
        while row in used_rows:
            row += 1
        used_rows.add(row)
        # Excel allows 255 arguments to AND; table 三's R3 has 28 checks, well under
        formula = (f"=IF(AND({','.join(conditions)}),{_quote('✓ ' + relation_id)},"
                   f"{_quote('✗ ' + relation_id + '：' + relation.statement_zh)})")
        sheet.formula(row, check_column, formula, styles.get())
    sheet.widths((12, 40), first=previous_column)
