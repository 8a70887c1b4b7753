"""The two sides of a sum relation, for telling a mismatch without naming an impossible value.

A check says ``target = Σ sign × operand``.  When the cells disagree, "the
target should be *computed*" is the natural message -- unless *computed* is a
value the target cannot hold: R1 with a blank 一、本年新收 row computes a
negative 四、结转下年度继续办理, and "应为 -710" tells a clerk nothing true.  Then
the relation is told as its statement prints it, two sides that differ, each
with its sum: the target with every subtracted cell on one side, the added cells
on the other, so both sums are sums of figures the report prints, never
negative unless a figure is.  Which side comes first follows the statement
(R1: ``新收 + 结转 = 总计 + 结转下年度``), worked out from the declaration.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from .model import Value
from .rules import Check, Operand
from .taxonomy import Cell, Kind, Per, Relation

SIDE_WORDS = {"one": ("{terms} 为 {total}", "{terms} is {total}"), "many": ("{terms} 合计 {total}", "{terms} add up to {total}")}
"""How a side is told: a single cell (``one``) or a sum (``many``); also published in the rules document."""
BLANKS_NOTE = ("；空白单元格按 0 计", "; blank cells count as 0")
"""Appended to a two-sided message when a blank cell took part (counted as 0)."""

LISTED_TERMS = 6
"""A side of more terms is named by the group it sums (R2: 三、本年度办理结果下其余 21 行)."""


@attrs.frozen
class Side:
    """One side of a relation: its terms in words and their sum."""

    terms: tuple[str, str]
    """The terms, Chinese and English (``一、本年新收… + 二、上年结转…``)."""
    count: int
    """How many cells the side adds up."""
    total: int | Decimal


def outside_domain(cell: Cell, value: int | Decimal) -> bool:
    """Whether ``value`` is one ``cell`` cannot hold (a negative count or amount)."""
    return value < 0 and cell.kind is not Kind.SIGNED_COUNT


def _label(relation: Relation, cell: Cell) -> str:
    return cell.row.text if relation.per is Per.COLUMN else cell.column.text


def target_on_left(check: Check) -> bool:
    """Whether the statement prints the target left of ``=`` (R2, R3, X1, X2) or right of it (R1, R4)."""
    statement = check.relation.statement_zh.split("：", 1)[-1]
    left = statement.partition(" = ")[0]
    return _label(check.relation, check.target) in left


def _terms(relation: Relation, operands: Sequence[tuple[Cell, bool]]) -> tuple[str, str]:
    if len(operands) > LISTED_TERMS:
        cells = [cell for cell, _ in operands]
        if relation.per is Per.COLUMN and len({cell.row.path[0].text for cell in cells}) == 1:
            group = cells[0].row.path[0].text
            return f"{group}下其余 {len(cells)} 行", f"the {len(cells)} other rows under {group}"
        return f"其余 {len(cells)} 项", f"the {len(cells)} other cells"
    zh = " + ".join(("上年报告" if previous else "") + _label(relation, cell) for cell, previous in operands)
    en = " + ".join(("last year's " if previous else "") + _label(relation, cell) for cell, previous in operands)
    return zh, en


def sides(check: Check, reported: Value, values: Sequence[Value]) -> tuple[Side, Side]:
    """The check's two sides (left first, as the statement prints them); blanks count as 0.

    ``values`` are the operands' values in the order of ``check.operands``.
    """
    relation = check.relation
    target_side: list[tuple[Operand, Value]] = [(Operand(check.target), reported)]
    other_side: list[tuple[Operand, Value]] = []
    for operand, value in zip(check.operands, values, strict=True):
        (target_side if operand.sign < 0 else other_side).append((operand, value))

    def side(entries: list[tuple[Operand, Value]]) -> Side:
        entries.sort(key=lambda entry: (not entry[0].previous, entry[0].cell.table.key, entry[0].cell.index))
        total: int | Decimal = 0
        for _, value in entries:
            if value is not None:
                total += value
        terms = _terms(relation, [(operand.cell, operand.previous) for operand, _ in entries])
        return Side(terms, len(entries), total)

    first, second = side(target_side), side(other_side)
    return (first, second) if target_on_left(check) else (second, first)


def side_words(side: Side) -> tuple[str, str]:
    """``一、… + 二、… 合计 741`` / ``… add up to 741`` (``为`` / ``is`` for a single cell)."""
    zh, en = side.terms
    words_zh, words_en = SIDE_WORDS["one" if side.count == 1 else "many"]
    return words_zh.format(terms=zh, total=side.total), words_en.format(terms=en, total=side.total)
