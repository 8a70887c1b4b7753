"""Getting a report out of a file of any supported kind: JSON natively, the rest through readers."""

from __future__ import annotations

import os
from pathlib import Path

from .converter import unstructure_report
from .io import invalid_unicode, load
from .plugins import PluginError, ReadError, ReadingNote, ReadResult, get_reader, reader_names

JSON_SUFFIXES = (".json",)
MAX_SOURCE_BYTES = 256 * 1024 * 1024
"""Published reports are rarely over a few MB; a PDF with scanned pages may be tens of MB."""


def reader_for(path: Path, name: str | None = None) -> str | None:
    """The reader that takes ``path``: the one named, else by suffix; ``None`` for JSON."""
    if name is not None:
        return None if name == "json" else name
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return None
    for candidate in reader_names():
        try:
            if suffix in get_reader(candidate).suffixes:
                return candidate
        except PluginError:
            continue
    installed = ", ".join(reader_names()) or "none"
    raise PluginError(f"no reader takes {suffix or 'files without a suffix'!r}; readers installed: {installed}")


def read_report(path: str | os.PathLike[str], *, reader: str | None = None) -> ReadResult:
    """A report from ``path`` with the reader's notes; JSON files carry no notes.

    Raises :class:`~disclosure_schema.converter.ReportShapeError` for JSON that is
    not a report, :class:`ReadError` when a reader cannot read the file, and
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
        result = get_reader(name).read(data, source=str(file))
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


def _refuse_unwritable(result: ReadResult, source: str) -> None:
    """A report whose text is not valid Unicode cannot be written as any file: refuse it with its places."""
    problems = invalid_unicode(unstructure_report(result.report))
    if problems:
        raise ReadError(
            [
                ReadingNote("read.not_unicode", source, v.message("zh"), v.message("en"), v.pointer)
                for v in problems
            ]
        )
