"""Reading one table cell's figure: counts as ``int``, money as ``Decimal`` in the column's unit.

Why a module of its own: the rules are few but strict.  A blank cell is ``None`` (not 0); full-width
digits, thousands separators and a money unit written into the cell are normalised *and noted*;
anything else that is not a number (``—``, ``69 3``, ``12.5`` in a count column) is never guessed:
the cell stays ``None`` and the caller notes why.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import attrs

from disclosure_schema.model import Value
from disclosure_schema.taxonomy import Column, Kind

__all__ = ["Parsed", "parse_value"]

_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_DASHES = {"-", "--", "/", "\\", "无", "——", "—", "－"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_COUNT_SUFFIX = re.compile(r"^([+-]?\d+)(件|个|项|次|人)$")
#: Money columns' figures are rarely beyond this many digits; longer runs are run-together cells.
MAX_DIGITS = 15


@attrs.frozen
class Parsed:
    """A cell's value and, where the text was not a plain number, why (code, zh, en)."""

    value: Value
    problem: tuple[str, str, str] | None = None
    """Set when the cell could not be read: the value is then ``None``."""
    normalised: tuple[str, str, str] | None = None
    """Set when the text was read after a normalisation worth telling the user about."""


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_MINUS)
    return re.sub(r"\s+", "", s.replace("\u00a0", " "))


@lru_cache(maxsize=8192)
def parse_value(text: str, column: Column) -> Parsed:
    """The value of a cell printed as ``text`` in ``column`` (see the module docstring)."""
    raw = text.strip().replace("\u00a0", "").strip()
    if not raw:
        return Parsed(None)
    if re.search(r"\d[\s\u00a0\u3000]+\d", raw):
        return Parsed(None, ("cell.unreadable", f"数字中间有空格，无法确定是一个数还是几个数：“{raw}”",
                             f"spaces inside the figure; one number or several cannot be told: {raw!r}"))
    s = _clean(raw)
    notes: list[str] = []
    if s != re.sub(r"\s+", "", raw):
        notes.append("全角字符已转为半角 / full-width characters read as ASCII")
    if s in _DASHES:
        return Parsed(None, ("cell.dash", f"单元格为“{raw}”，按空白处理", f"cell reads {raw!r}; left blank"))
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
        notes.append("去掉千位分隔符 / thousands separators removed")
    if column.kind is Kind.MONEY:
        return _money(raw, s, column, notes)
    m = _COUNT_SUFFIX.match(s)
    if m:
        s = m.group(1)
        notes.append(f"去掉单位“{m.group(2)}” / unit {m.group(2)!r} dropped")
    if not re.fullmatch(r"[+-]?\d+", s) or len(s.lstrip("+-")) > MAX_DIGITS:
        return Parsed(None, ("cell.unreadable", f"无法识别为整数：“{raw}”", f"not a whole number: {raw!r}"))
    value = int(s)
    if value < 0 and column.kind is not Kind.SIGNED_COUNT:
        return Parsed(None, ("cell.negative", f"该栏不能为负数：“{raw}”", f"negative figure in a count column: {raw!r}"))
    return Parsed(value, None, _joined(notes))


def _money(raw: str, s: str, column: Column, notes: list[str]) -> Parsed:
    unit = None
    for name in sorted(_UNIT_FACTORS, key=len, reverse=True):
        if s.endswith(name):
            unit, s = name, s[: -len(name)]
            break
    if not re.fullmatch(r"\d+(\.\d+)?", s) or len(s.replace(".", "")) > MAX_DIGITS + 6:
        return Parsed(None, ("cell.unreadable", f"无法识别为金额：“{raw}”", f"not a money amount: {raw!r}"))
    try:
        amount = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        return Parsed(None, ("cell.unreadable", f"无法识别为金额：“{raw}”", f"not a money amount: {raw!r}"))
    target = column.unit
    if unit is not None:
        if target is None or target == unit:
            notes.append(f"去掉单位“{unit}” / unit {unit!r} dropped")
        else:
            amount = amount * _UNIT_FACTORS[unit] / _UNIT_FACTORS[target]
            amount = amount.normalize() if amount == amount.to_integral_value() else amount
            notes.append(f"由{unit}换算为{target} / converted from {unit} to {target}")
            if amount == amount.to_integral_value():
                amount = amount.quantize(Decimal(1))
    return Parsed(amount, None, _joined(notes))


def _joined(notes: list[str]) -> tuple[str, str, str] | None:
    if not notes:
        return None
    zh = "；".join(n.split(" / ")[0] for n in notes)
    en = "; ".join(n.split(" / ")[1] for n in notes)
    return ("cell.normalised", zh, en)
