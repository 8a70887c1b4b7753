"""Indicators: the few ratios reviewers compare, each defined once, over official cells.

A reviewer scoring a region wants one number for "how much was disclosed", and
tools in use today compute the same "公开率" three ways.  Each indicator here is
``Σ numerator cells ÷ Σ denominator cells`` with the cells named by table, row
group and column key, so it applies to both editions (the 2021 edition splits
（六）其他处理 into sub-rows; a row group covers both shapes).  Each carries where
its definition comes from: a clause of a notice, or a plain statement that the
definition is this library's own, since the notices define none of these ratios.
"""

from __future__ import annotations

import attrs

from .common import OTHER_HANDLING, RESULTS, RESULTS_TOTAL, REVIEW_TABLE
from .concepts import Cell, Edition

LIBRARY_DEFINITION = (
    "本库的定义：通知未规定此比率的算法",
    "this library's definition: the notices define no formula for this ratio",
)


@attrs.frozen
class Part:
    """Cells of one table: every row whose key is ``rows`` or lies under it, in column ``column``."""

    table: str
    rows: str
    column: str
    sign: int = 1

    def cells(self, edition: Edition) -> tuple[Cell, ...]:
        table = edition.table(self.table)
        return tuple(table.cell(row.key, self.column) for row in table.rows_under(self.rows) if any(c.key == self.column for c in row.columns))


@attrs.frozen
class Indicator:
    """``Σ numerator ÷ Σ denominator``; blank when the denominator is 0 or all its cells are blank."""

    key: str
    label_zh: str
    label_en: str
    numerator: tuple[Part, ...]
    denominator: tuple[Part, ...]
    source: tuple[str, str]
    """Where the definition comes from (zh, en): a clause, or :data:`LIBRARY_DEFINITION`."""

    def terms(self, edition: Edition) -> tuple[tuple[tuple[Cell, int], ...], tuple[tuple[Cell, int], ...]]:
        """The numerator's and the denominator's cells in ``edition``, each with its sign."""
        def expand(parts: tuple[Part, ...]) -> tuple[tuple[Cell, int], ...]:
            return tuple((cell, part.sign) for part in parts for cell in part.cells(edition))

        return expand(self.numerator), expand(self.denominator)


_REQUESTS = "requests"
_TOTAL = "total"
_HANDLED = f"{RESULTS.key}/{RESULTS_TOTAL.key}"
_REVIEW = REVIEW_TABLE.key
_REVIEW_ROW = REVIEW_TABLE.rows[0].key
_LITIGATION = REVIEW_TABLE.rows[1].path[0].key
_CORRECTED = "corrected"
_PENDING = "pending"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "disclosure_rate",
        "公开率",
        "disclosure rate",
        (Part(_REQUESTS, f"{RESULTS.key}/disclosed", _TOTAL), Part(_REQUESTS, f"{RESULTS.key}/partially_disclosed", _TOTAL)),
        (Part(_REQUESTS, _HANDLED, _TOTAL),),
        LIBRARY_DEFINITION,
    ),
    Indicator(
        "other_handling_share",
        "其他处理占比",
        "share of other handling",
        (Part(_REQUESTS, f"{RESULTS.key}/{OTHER_HANDLING.key}", _TOTAL),),
        (Part(_REQUESTS, _HANDLED, _TOTAL),),
        (
            "国办公开办函〔2019〕60号 一（三）：对“其他处理”数量偏高的行政机关，要了解情况（比率的算法为本库的定义）",
            "notice 〔2019〕60, part 1 (3): bodies with many 'other handling' outcomes are to be looked into "
            "(the ratio's formula is this library's definition)",
        ),
    ),
    Indicator(
        "review_correction_rate",
        "行政复议纠错率",
        "correction rate in administrative review",
        (Part(_REVIEW, _REVIEW_ROW, _CORRECTED),),
        (Part(_REVIEW, _REVIEW_ROW, _TOTAL), Part(_REVIEW, _REVIEW_ROW, _PENDING, -1)),
        LIBRARY_DEFINITION,
    ),
    Indicator(
        "litigation_correction_rate",
        "行政诉讼纠错率",
        "correction rate in litigation",
        (Part(_REVIEW, _LITIGATION, _CORRECTED),),
        (Part(_REVIEW, _LITIGATION, _TOTAL), Part(_REVIEW, _LITIGATION, _PENDING, -1)),
        LIBRARY_DEFINITION,
    ),
)
"""公开率, 其他处理占比 (both over （七）总计 of table 三's 总计 column), and the correction
rates of table 四 over the cases decided (总计 − 尚未审结)."""
