"""Getting a report out of a file of any supported kind: JSON natively, the rest through readers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import attrs

from .converter import unstructure_report
from .io import _SURROGATE, invalid_unicode, load
from .model import Report
from .plugins import PluginError, Reader, ReadError, ReadingNote, ReadResult, get_reader, reader_names

JSON_SUFFIXES = (".json",)
MAX_SOURCE_BYTES = 256 * 1024 * 1024
"""Published reports are rarely over a few MB; a PDF with scanned pages may be tens of MB."""


@cache
def _suffixes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each installed reader's name and suffixes, looked up once per process (entry points are slow to scan)."""
    found = []
    for candidate in reader_names():
        try:
            found.append((candidate, tuple(s.lower() for s in get_reader(candidate).suffixes)))
        except PluginError:
            continue
    return tuple(found)


@cache
def _reader(name: str) -> Reader:
    return get_reader(name)


def forget_readers() -> None:
    """Look the installed readers up again on the next read (after installing a plug-in in a running process)."""
    _suffixes.cache_clear()
    _reader.cache_clear()


LEGACY_FORMATS: dict[str, tuple[str, str, str]] = {
    ".xls": ("旧版 Excel（.xls）工作簿", "Excel", "Excel 工作簿（*.xlsx）"),
    ".et": ("WPS 表格（.et）文件", "WPS 表格", "Excel 文件（*.xlsx）"),
    ".ods": ("OpenDocument 表格（.ods）", "WPS 表格、Excel 或 LibreOffice", "Excel 工作簿（*.xlsx）"),
    ".doc": ("旧版 Word（.doc）文档", "Word 或 WPS 文字", "Word 文档（*.docx）"),
    ".wps": ("WPS 文字（.wps）文件", "WPS 文字", "Word 文件（*.docx）"),
    ".odt": ("OpenDocument 文本（.odt）", "WPS 文字、Word 或 LibreOffice", "Word 文档（*.docx）"),
}
"""Office formats no reader takes, each with what it is, what opens it, and the type to save it as."""


def legacy_format(path: Path) -> ReadError | None:
    """A Chinese (and English) explanation of how to save a legacy office file as .xlsx/.docx, if it is one."""
    suffix = path.suffix.lower()
    if suffix not in LEGACY_FORMATS:
        return None
    what, program, save_as = LEGACY_FORMATS[suffix]
    target = ".xlsx" if "xlsx" in save_as else ".docx"
    return ReadError([ReadingNote(
        "read.legacy_format",
        str(path),
        f"这是{what}，无法直接读取。请用{program}打开它，点“文件 → 另存为”，“文件类型”选“{save_as}”，"
        f"保存后用新的 {target} 文件再试",
        f"this is a {suffix} file, which cannot be read; open it in {program}, choose File > Save As, "
        f"pick the {target} type, and use the new {target} file",
    )])


def reader_for(path: Path, name: str | None = None) -> str | None:
    """The reader that takes ``path``: the one named, else by suffix; ``None`` for JSON."""
    if name is not None:
        return None if name == "json" else name
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return None
    for candidate, suffixes in _suffixes():
        if suffix in suffixes:
            return candidate
    legacy = legacy_format(path)
    if legacy is not None:
        raise legacy
    installed = ", ".join(reader_names()) or "none"
    raise PluginError(f"no reader takes {suffix or 'files without a suffix'!r}; readers installed: {installed}")


def read_report(path: str | os.PathLike[str], *, reader: str | None = None) -> ReadResult:
    """A report from ``path`` with the reader's notes; JSON files carry no notes.

    Raises :class:`~disclosure_schema.converter.ReportShapeError` for JSON that is
    not a report, :class:`ReadError` when a reader cannot read the file (or it is a
    legacy office file: the message says how to save it as .xlsx/.docx), and
    :class:`PluginError` when no reader takes it.
    """
    file = Path(path)
    name = reader_for(file, reader)
    if name is None:
        return ReadResult(load(file))
    size = file.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise ReadError(
            [ReadingNote("read.too_large", str(file), f"文件过大（{size} 字节）", f"file too large ({size} bytes)")]
        )
    with open(file, "rb") as stream:
        data = stream.read(MAX_SOURCE_BYTES + 1)  # bounded even if the file grew since stat()
    try:
        result = _reader(name).read(data, source=str(file))
    except (ReadError, PluginError):
        raise
    except MemoryError:
        raise ReadError(
            [ReadingNote("read.out_of_memory", str(file), "文件内容过大，读取时内存不足", "the file's content is too large to read")]
        ) from None
    except Exception as exc:
        raise ReadError(
            [
                ReadingNote(
                    "read.reader_failed",
                    str(file),
                    f"读取器“{name}”无法读取此文件：文件已损坏或结构不受支持",
                    f"the {name} reader cannot read this file: it is damaged or its structure is not supported",
                )
            ]
        ) from exc
    _refuse_unwritable(result, str(file))
    return result


def _has_surrogate(report: Report) -> bool:
    """Whether any text of ``report`` (envelope fields, headings, blocks) holds a lone surrogate."""
    return any(_SURROGATE.search(text) for text in _strings(report))


def _strings(report: Report) -> Iterator[str]:
    for field in attrs.fields(Report):
        value = getattr(report, field.name)
        if isinstance(value, str):
            yield value
    if report.contact is not None:
        yield from (v for v in attrs.astuple(report.contact) if isinstance(v, str))
    for key, section in report.sections.items():
        yield key
        if section.heading is not None:
            yield section.heading
        yield from (block.text for block in section.blocks)


def _refuse_unwritable(result: ReadResult, source: str) -> None:
    """A report whose text is not valid Unicode cannot be written as any file: refuse it with its places.

    The report's strings are searched first (cheap); only a report that holds a lone surrogate is
    turned into JSON data to locate every one."""
    if not _has_surrogate(result.report):
        return
    problems = invalid_unicode(unstructure_report(result.report))
    if problems:
        raise ReadError(
            [
                ReadingNote("read.not_unicode", source, v.message("zh"), v.message("en"), v.pointer)
                for v in problems
            ]
        )
