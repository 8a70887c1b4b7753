"""A worksheet that writes the report's text exactly, as inline strings, on top of xlsxwriter.

Why not xlsxwriter's own ``write_string``: it keeps text in the shared-string table
and, on the way there, (1) writes a string that starts with ``<r>`` and ends with
``</r>`` as raw rich-text XML, so a hostile paragraph could inject markup into the
file; (2) writes a carriage return as Excel's ``_x000D_`` escape, which openpyxl (and
so the XLSX reader) does not decode; (3) leaves a literal ``x005F_`` that openpyxl's
shared-string reader deletes.  Each would break the exact round trip the reader
promises.  Here every text cell is an inline string (``t="inlineStr"``, as openpyxl
wrote it before) whose only escapes are XML's: ``&``, ``<``, ``>`` and the carriage
return as ``&#13;`` so no parser folds it into a line feed.  Text is a string cell,
never a formula, whatever it starts with.

This relies on two internals of xlsxwriter 3 (the cell table and the writer of a
string cell), which is why the dependency is bounded below 4;
``tests/test_xlsx.py`` round-trips hostile text through them.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

MAX_CELL_CHARS = 32767
"""Excel's limit for the text of one cell."""
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (tab, line feed and carriage return can); surrogates never reach here."""
_ESCAPES = re.compile("[&<>\r]")
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}



class _InlineText(NamedTuple):
    """A text cell; named like xlsxwriter's own string cell so its writer hands it to ``_xml_string_element``."""

    string: str
    format: Format


_InlineText.__name__ = "String"


def check_text(text: str, where: str | tuple[str, str]) -> None:
    """Refuse text a workbook cannot store, naming the report field ``where``.

    ``where`` is the field's place in Chinese and in English (``第一部分第1段``, ``section 1,
    paragraph 1``: :func:`disclosure_schema.places.field_place`), or one place for both (a label's
    ``sheet!cell``).  Raises ``ValueError`` as ``中文 (English)``, each naming the place in its own
    language, for more than 32,767 characters or for control characters XML forbids.
    """
    zh, en = (where, where) if isinstance(where, str) else where
    if len(text) > MAX_CELL_CHARS:
        raise ValueError(
            f"{zh}有 {len(text)} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS} "
            f"({en}: {len(text)} characters, over Excel's limit of {MAX_CELL_CHARS} for one cell)"
        )
    if UNSTORABLE.search(text):
        raise ValueError(
            f"{zh}的文字含有工作簿无法保存的控制字符 ({en}: the text holds control characters a workbook cannot store)"
        )


class TextWorksheet(Worksheet):  # type: ignore[misc]
    """An xlsxwriter worksheet with :meth:`write_text`; add it with ``add_worksheet(name, TextWorksheet)``."""

    def write_text(self, row: int, column: int, text: str, cell_format: Format) -> None:
        """Write ``text`` (already passed by :func:`check_text`) as an explicit text cell; zero-based, like xlsxwriter."""
        self.write_blank(row, column, "", cell_format)  # records the cell's extent (a blank with a format)
        self.table[row][column] = _InlineText(text, cell_format)

    def _xml_string_element(self, string: Any, attributes: Any = ()) -> None:
        if isinstance(string, int):  # a shared string written by xlsxwriter itself
            super()._xml_string_element(string, list(attributes))
            return
        attr = "".join(f' {key}="{value}"' for key, value in attributes)
        text = _ESCAPES.sub(lambda match: _ESCAPED[match.group()], string)
        space = ' xml:space="preserve"' if string != string.strip() else ""
        self.fh.write(f'<c{attr} t="inlineStr"><is><t{space}>{text}</t></is></c>')
