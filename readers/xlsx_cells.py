"""Turning one worksheet cell into a report value, or into a located complaint.

A count must be a whole number, a money amount a number (or an exact decimal
written as text); anything else -- text, decimals in a count, dates, booleans,
error values -- is reported with its ``sheet!cell`` address and the official row
and column labels, in Chinese and English.  Money keeps the decimals its number
format shows, so ``96171.60`` written with format ``0.00`` reads back as
``Decimal("96171.60")``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import attrs

from disclosure_schema import ReadingNote, Value
from disclosure_schema.taxonomy import Cell, Kind

_DECIMALS_IN_FORMAT = re.compile(r"^[#,0]*0\.(0+)(?:[;_ ]|$)")
_DECIMAL_TEXT = re.compile(r"^-?\d+(?:\.\d+)?$")
MAX_MAGNITUDE = 2**53 - 1
"""The core's bound for counts (JSON integers interoperable everywhere)."""


@attrs.define
class Collector:
    """Errors (the file cannot be read) and notes (read, but worth saying) as they are found.

    The messages do not repeat ``where``: whoever shows a note puts its place in front.
    """

    errors: list[ReadingNote] = attrs.field(factory=list)
    notes: list[ReadingNote] = attrs.field(factory=list)

    def error(self, code: str, where: str, zh: str, en: str, pointer: str | None = None) -> None:
        self.errors.append(ReadingNote(code, where, zh, en, pointer))

    def note(self, code: str, where: str, zh: str, en: str, pointer: str | None = None) -> None:
        self.notes.append(ReadingNote(code, where, zh, en, pointer))


def describe(cell: Cell) -> tuple[str, str]:
    """``（表三 1.属于国家秘密 · 自然人）`` and its English form, for messages."""
    row = " ".join(node.text for node in cell.row.path)
    return f"（表{cell.table.number} {row} · {cell.column.text}）", f"({cell.pointer})"


def decimals_of(number_format: str | None) -> int:
    """How many decimals a number format such as ``0.00`` or ``#,##0.000`` shows."""
    match = _DECIMALS_IN_FORMAT.match(number_format or "")
    return len(match.group(1)) if match else 0


def to_value(raw: object, cell: Cell, number_format: str | None, where: str, out: Collector) -> Value:
    """The report value a worksheet cell holds for ``cell``; problems go to ``out``."""
    zh_cell, en_cell = describe(cell)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        out.error(
            "xlsx.not_a_number",
            where,
            f"应填数字，实际为{_kind_zh(raw)}“{_shown(raw)}”{zh_cell}",
            f"expected a number, found {_kind_en(raw)} {_shown(raw)!r} {en_cell}",
            cell.pointer,
        )
        return None
    if cell.kind is Kind.MONEY:
        return _money(raw, number_format, where, out, cell)
    if isinstance(raw, str) and (number := number_in_text(raw)) is not None and number == number.to_integral_value():
        _note_text_number(raw, int(number), cell, where, out)
        raw = int(number)
    if isinstance(raw, str):
        out.error(
            "xlsx.text_in_count",
            where,
            f"应填整数，实际为文字“{raw}”{zh_cell}",
            f"expected a whole number, found the text {raw!r} {en_cell}",
            cell.pointer,
        )
        return None
    if isinstance(raw, float):
        if not raw.is_integer():
            out.error(
                "xlsx.decimal_in_count",
                where,
                f"应填整数，实际为小数 {raw!r}{zh_cell}",
                f"expected a whole number, found the decimal {raw!r} {en_cell}",
                cell.pointer,
            )
            return None
        raw = int(raw)
    if abs(raw) > MAX_MAGNITUDE:
        out.error(
            "xlsx.out_of_range",
            where,
            f"数值 {raw} 超出允许范围{zh_cell}",
            f"{raw} is out of range {en_cell}",
            cell.pointer,
        )
        return None
    if raw < 0 and cell.kind is Kind.COUNT:
        out.note(
            "xlsx.negative",
            where,
            f"填了负数 {raw}，数量不能为负{zh_cell}",
            f"negative count {raw}; counts cannot be negative {en_cell}",
            cell.pointer,
        )
    return raw


_SPACES = " \t\u00a0\u3000"
_TEXT_NUMBER = re.compile(r"^[-]?\d{1,16}(?:\.\d{1,16})?$")


def _normal_digits(text: str) -> str:
    """Full-width digits, point and minus as ASCII, spaces around removed (``" １２ "`` -> ``"12"``)."""
    table = {0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF0E: 0x2E, 0xFF0D: 0x2D}
    return text.strip(_SPACES).translate(table)


def number_in_text(text: str) -> Decimal | None:
    """The number a cell stores as text (``"12"``, ``"１２"``, ``" 3 "``), or ``None`` when it is not one.

    Excel and WPS store what is typed into a cell formatted as text, or pasted
    from Word, as text; the figure is still the figure the clerk meant.
    """
    normal = _normal_digits(text)
    return Decimal(normal) if _TEXT_NUMBER.match(normal) else None


def _note_text_number(raw: str, value: int | Decimal, cell: Cell, where: str, out: Collector) -> None:
    zh_cell, en_cell = describe(cell)
    out.note(
        "xlsx.number_as_text",
        where,
        f"数字“{raw}”是以文本形式保存的，已按数字 {value} 读取{zh_cell}。请在 Excel/WPS 中选中该格，"
        "点旁边的感叹号选“转换为数字”（或把单元格格式设为“常规”或“数值”后重新输入）",
        f"the number {raw!r} is stored as text and was read as {value} {en_cell}; in Excel or WPS select the cell, "
        "click the warning sign and choose Convert to Number (or format the cell as General and type it again)",
        cell.pointer,
    )


def _money(raw: int | float | str, number_format: str | None, where: str, out: Collector, cell: Cell) -> Value:
    zh_cell, en_cell = describe(cell)
    if isinstance(raw, str):
        text = _normal_digits(raw)
        if _DECIMAL_TEXT.match(text) and text != raw:
            _note_text_number(raw, Decimal(text), cell, where, out)
        if not _DECIMAL_TEXT.match(text):
            out.error(
                "xlsx.text_in_amount",
                where,
                f"应填金额（数字），实际为文字“{raw}”{zh_cell}",
                f"expected an amount, found the text {raw!r} {en_cell}",
                cell.pointer,
            )
            return None
        return Decimal(text)
    try:
        amount = Decimal(raw) if isinstance(raw, int) else Decimal(repr(raw))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        out.error(
            "xlsx.not_a_number", where, f"金额 {raw!r} 无效{zh_cell}", f"invalid amount {raw!r} {en_cell}", cell.pointer
        )
        return None
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        amount = Decimal(int(raw))
    shown = decimals_of(number_format)
    exponent = int(amount.as_tuple().exponent)
    if shown > -exponent:
        amount = amount.quantize(Decimal(1).scaleb(-shown))
    if amount < 0:
        out.note(
            "xlsx.negative", where, f"金额为负数 {amount}{zh_cell}", f"negative amount {amount} {en_cell}", cell.pointer
        )
    return amount


def _shown(raw: object) -> str:
    """A cell value as the spreadsheet shows it (a date as ``2024-12-31``), never a Python repr."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if hasattr(raw, "isoformat"):
        return str(raw.isoformat()).replace("T00:00:00", "")
    text = str(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_zh(raw: object) -> str:
    if isinstance(raw, bool):
        return "逻辑值"
    if hasattr(raw, "isoformat"):
        return "日期或时间"
    return "其他类型的值"


def _kind_en(raw: object) -> str:
    if isinstance(raw, bool):
        return "a boolean"
    if hasattr(raw, "isoformat"):
        return "a date or time"
    return "a value"
