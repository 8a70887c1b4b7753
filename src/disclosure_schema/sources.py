"""Getting a report out of a file of any supported kind: JSON natively, the rest through readers."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from .io import load
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
    data = file.read_bytes()
    try:
        return _reader(name).read(data, source=str(file))
    except (ReadError, PluginError):
        raise
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"[:300]
        raise ReadError(
            [
                ReadingNote(
                    "read.reader_failed",
                    str(file),
                    f"读取器“{name}”无法读取此文件（{detail}）",
                    f"the {name} reader failed on this file ({detail})",
                )
            ]
        ) from exc
