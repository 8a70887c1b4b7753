"""Computing the indicators declared in :mod:`disclosure_schema.taxonomy.indicators`.

One function gives every indicator of a report, so ``series``, the tidy export
and anyone else print the same figure.  Ratios are exact decimals rounded half
up to four places (0.1234 = 12.34%); a ratio is blank (``None``) when its
denominator is 0 or every denominator cell is blank, never 0 and never a
division error.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .model import Report
from .taxonomy import EDITIONS, Cell
from .taxonomy.indicators import INDICATORS, Indicator
from .violations import Location

PLACES = Decimal("0.0001")


def indicator_value(indicator: Indicator, report: Report) -> Decimal | None:
    """The indicator for ``report``: ``Σ numerator ÷ Σ denominator`` rounded to 4 places, or ``None``."""
    numerator, denominator = indicator.terms(report.spec)
    values = [report.cell(cell.pointer) for cell, _ in denominator]
    if all(v is None for v in values):
        return None
    bottom = sum((Decimal(v) * sign for (_, sign), v in zip(denominator, values, strict=True) if v is not None), Decimal(0))
    if bottom <= 0:
        return None
    top = sum((Decimal(v) * sign for cell, sign in numerator if (v := report.cell(cell.pointer)) is not None), Decimal(0))
    return (top / bottom).quantize(PLACES, rounding=ROUND_HALF_UP)


def indicator_values(report: Report) -> dict[str, Decimal | None]:
    """Every declared indicator of ``report`` by key, in declaration order."""
    return {indicator.key: indicator_value(indicator, report) for indicator in INDICATORS}


def formula(indicator: Indicator, edition_id: str, lang: str = "zh") -> str:
    """The indicator's formula in the format's own words, e.g. ``(表三 （一）予以公开 行，…) ÷ (…)``."""
    numerator, denominator = indicator.terms(EDITIONS[edition_id])

    def side(terms: tuple[tuple[Cell, int], ...]) -> str:
        words = []
        for cell, sign in terms:
            text = Location.of(cell).words(lang)
            words.append(("− " if sign < 0 else "+ ") + text)
        joined = " ".join(words)
        return joined[2:] if joined.startswith("+ ") else joined

    return f"({side(numerator)}) ÷ ({side(denominator)})"
