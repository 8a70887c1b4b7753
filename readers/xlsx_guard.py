"""Refusing hostile workbooks before openpyxl parses them: size, zip members, XML hardening.

An ``.xlsx`` file is a zip of XML parts.  A small file can declare members that
inflate to gigabytes (a zip bomb), and XML can carry entity expansions.  We
bound the file, check the members' declared sizes with the readers' shared
:func:`~.ziplimits.check_zip` (CPython's ``zipfile`` stops inflating a member at
its declared size, so those sizes bound the work openpyxl can be made to do),
and insist that openpyxl parses with ``defusedxml``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from disclosure_schema import ReadError, ReadingNote

from .ziplimits import ZipLimits, check_zip

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A report workbook is tens of kilobytes; a filled template with a logo, a few megabytes."""
LIMITS = ZipLimits(max_members=1000, max_total=64 * 1024 * 1024, max_member=48 * 1024 * 1024)
"""A sheet of a real report is far below 1 MB inflated; the text sheet of the largest report the
exporter writes (8 MiB of text, :data:`~disclosure_schema.workbook.MAX_TEXT_ROWS` rows, with XML
escaping) stays under 48 MB.  The number of cells openpyxl keeps is bounded by :data:`MAX_ELEMENTS`."""


def _refuse(code: str, source: str, zh: str, en: str) -> ReadError:
    return ReadError([ReadingNote(code, source, zh, en)])


def screen(data: bytes, source: str) -> None:
    """Raise :class:`ReadError` unless ``data`` is a zip of reasonable size with an xlsx content list."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            "xlsx.too_large",
            source,
            f"文件有 {len(data)} 字节，超过上限 {MAX_FILE_BYTES} 字节，不像是一份年度报告工作簿",
            f"the file has {len(data)} bytes, over the limit of {MAX_FILE_BYTES}: not a report workbook",
        )
    check_zip(data, source=source, kind="Excel (.xlsx)", limits=LIMITS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            raise _refuse(
                "xlsx.not_xlsx",
                source,
                "压缩包不是 Excel 工作簿（缺少 [Content_Types].xml）",
                "the zip is not an Excel workbook (no [Content_Types].xml)",
            )
        _scan_parts(archive, source)


MAX_ELEMENTS = 400_000
"""XML elements in all parts together; a report workbook has about 3,000 (openpyxl keeps each as an object)."""
MAX_MERGED = 100_000
"""Cells covered by merged ranges in all sheets together (openpyxl makes an object for every one)."""
_MERGE = re.compile(rb"<(?:[A-Za-z0-9_]+:)?mergeCell\b[^>]*?\bref=\"([^\"]*)\"")
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _area(reference: str) -> int:
    """Cells covered by ``A1:C3`` (9); an unreadable reference counts as the whole sheet."""
    match = _REFERENCE.fullmatch(reference.strip())
    if match is None:
        return 16384 * 1048576
    first_column, first_row = _column_number(match.group(1)), int(match.group(2))
    last_column = _column_number(match.group(3)) if match.group(3) else first_column
    last_row = int(match.group(4)) if match.group(4) else first_row
    return (abs(last_column - first_column) + 1) * (abs(last_row - first_row) + 1)


def _scan_parts(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse what would make openpyxl do unbounded work, before it parses anything.

    Each XML part is inflated (within the sizes :func:`check_zip` allowed) and scanned once: a DTD
    or entity declaration (a "billion laughs"), more elements than :data:`MAX_ELEMENTS`, or merged
    ranges covering more than :data:`MAX_MERGED` cells (one ``A1:XFD1048576`` would take gigabytes)
    are refused with the part named.
    """
    elements = 0
    merged = 0
    for info in archive.infolist():
        name = info.filename
        if not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            part = archive.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
            raise _refuse(
                "xlsx.damaged",
                source,
                f"工作簿已损坏：{name} 无法解压",
                f"the workbook is damaged: {name} cannot be unpacked",
            ) from None
        if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
            raise _refuse(
                "xlsx.dtd",
                source,
                f"工作簿的 {name} 含有 DTD 或实体声明（Excel 从不写这些；可能是“十亿笑”式的实体膨胀攻击），拒绝读取",
                f"{name} holds a DTD or entity declarations (Excel never writes them; a likely entity-expansion "
                "attack); refused",
            )
        elements += part.count(b"<")
        if elements > MAX_ELEMENTS:
            raise _refuse(
                "xlsx.too_large",
                source,
                f"工作簿的 XML 元素过多（到 {name} 已超过 {MAX_ELEMENTS} 个），不像是一份年度报告工作簿，拒绝读取",
                f"the workbook holds more than {MAX_ELEMENTS} XML elements (reached in {name}): not a report "
                "workbook; refused",
            )
        for match in _MERGE.finditer(part):
            reference = match.group(1).decode("ascii", "replace")
            merged += _area(reference)
            if merged > MAX_MERGED:
                raise _refuse(
                    "xlsx.merge_too_large",
                    source,
                    f"{name} 的合并单元格区域过大（{reference}；合并区域共超过 {MAX_MERGED} 个单元格），拒绝读取",
                    f"{name}: merged ranges too large ({reference}; more than {MAX_MERGED} cells merged in all); "
                    "refused",
                )


def require_defused_xml() -> None:
    """openpyxl uses defusedxml only when it is installed; without it we do not parse untrusted XML."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise ImportError("defusedxml is required to read untrusted workbooks", name="defusedxml")
