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
import zipfile

from disclosure_schema import ReadError, ReadingNote

from .ziplimits import ZipLimits, check_zip

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A report workbook is tens of kilobytes; a filled template with a logo, a few megabytes."""
LIMITS = ZipLimits(max_members=1000, max_total=32 * 1024 * 1024, max_member=8 * 1024 * 1024)
"""Tighter than a Word file's: a sheet of a real report is far below 1 MB inflated, and openpyxl
keeps every cell of a sheet in memory."""


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


def require_defused_xml() -> None:
    """openpyxl uses defusedxml only when it is installed; without it we do not parse untrusted XML."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise ImportError("defusedxml is required to read untrusted workbooks", name="defusedxml")
