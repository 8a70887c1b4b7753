"""Builders' helpers: compute the 总计 cells a report's detail cells imply."""

from __future__ import annotations

from decimal import Decimal

from .model import Report, TableData, Value
from .rules import checks_for


def _sum(values: list[Value]) -> Value:
    present = [v for v in values if v is not None]
    if not present:
        return None
    total: int | Decimal = 0
    for value in present:
        total += value
    return total


def fill_totals(report: Report) -> Report:
    """A copy whose 总计 cells (R2, R3, R4 targets) equal the sum of their detail cells.

    Blank details count as 0; a total whose details are all blank stays blank.
    Other cells, 四、结转下年度继续办理 among them, are left as they are.  Nothing is
    computed into or from a cell a reader could not read (``report.reading.unread``):
    a sum with an unknown part is unknown, and an unread total stays unread.
    """
    unread = report.reading.unread
    checks = [
        c
        for c in checks_for(report.edition)
        if c.relation.computes_total
        and not (unread and (c.target.pointer in unread or any(op.cell.pointer in unread for op in c.operands)))
    ]
    values = {key: list(report.table(key).values) for key in {c.target.table.key for c in checks}}
    for _ in range(len(checks)):
        changed = False
        for check in checks:
            table = values[check.target.table.key]
            total = _sum([table[op.cell.index] if op.sign > 0 else _neg(table[op.cell.index]) for op in check.operands])
            if table[check.target.index] != total:
                table[check.target.index] = total
                changed = True
        if not changed:
            break
    tables = {key: TableData(report.table(key).spec, tuple(v)) for key, v in values.items()}
    return report.with_tables(tables)


def _neg(value: Value) -> Value:
    return None if value is None else -value
