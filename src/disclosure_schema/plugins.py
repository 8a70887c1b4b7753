"""Exporters and readers as plug-ins, found through Python entry points.

Like tablib's formats, every exporter sits behind one interface and is looked up
by name; unlike them, ours are not special: the ones this project ships register
under the same entry-point groups a third-party package would use.  The core
never imports a plug-in module until one is asked for, so ``import
disclosure_schema`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO, Protocol, runtime_checkable

import attrs

from .model import Report

EXPORTERS_GROUP = "disclosure_schema.exporters"
READERS_GROUP = "disclosure_schema.readers"


@runtime_checkable
class Exporter(Protocol):
    """Writes a report to a binary stream in one format."""

    name: str
    """Short name used by ``export --to`` (``xlsx``)."""
    suffix: str
    """File name suffix with its dot (``.xlsx``)."""
    media_type: str

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None: ...


@attrs.frozen
class ReadingNote:
    """Something a reader normalised, missed or found ambiguous, and where in the source."""

    code: str
    where: str
    """The place in the source in the readers' stable form for programs: ``line 57``, ``依申请公开!D12``,
    ``page 3 table 2 r4c1``; :meth:`place` says it as a clerk reads it."""
    zh: str
    en: str
    pointer: str | None = None
    """The JSON pointer of the report cell concerned, if any."""

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def place(self, lang: str = "zh") -> str:
        """:attr:`where` as a clerk reads it: ``第60行第1栏`` for ``line 60 col 1`` (English: as written).

        ``where`` itself stays in the readers' stable form for programs (``--format json``); see
        :func:`disclosure_schema.places.reading_place`.
        """
        from .places import reading_place  # here: most notes are never printed

        return reading_place(self.where, lang)

    def line(self, lang: str = "zh") -> str:
        """The place and the message, joined as ``lang`` writes it (``第3页：…`` / ``page 3: …``)."""
        return f"{self.place(lang)}: {self.en}" if lang == "en" else f"{self.place(lang)}：{self.zh}"


@attrs.frozen
class ReadResult:
    """A report read from a published file, with the notes on how it was read."""

    report: Report
    notes: tuple[ReadingNote, ...] = ()
    errors: tuple[ReadingNote, ...] = ()
    """Cells the file holds but that are not what they must be (text in a count cell of a filled
    workbook): each names its cell.  The report is read all the same, those cells unread, so that one
    run reports them together with the sum checks on the rest; ``validate`` counts each as an error
    and ``import`` refuses the file."""


class ReadError(ValueError):
    """The file could not be read as a report; ``notes`` say why and where."""

    def __init__(self, notes: list[ReadingNote]) -> None:
        self.notes = notes
        super().__init__("; ".join(note.en for note in notes) or "unreadable report")


@runtime_checkable
class Reader(Protocol):
    """Reads a published report (text, HTML, Word, PDF, XLSX) into the model."""

    name: str
    """Short name used by ``import --from`` (``html``)."""
    suffixes: tuple[str, ...]
    """File name suffixes it reads, with their dots (``.html``, ``.htm``)."""

    def read(self, data: bytes, *, source: str) -> ReadResult: ...


class PluginError(LookupError):
    """A plug-in is unknown, broken, or needs an optional dependency that is not installed."""


def _load(group: str) -> dict[str, Any]:
    from importlib.metadata import entry_points  # imports email & co.: only when a plug-in is asked for

    found: dict[str, Any] = {}
    for entry in entry_points(group=group):
        found.setdefault(entry.name, entry)
    return found


def _instantiate(group: str, name: str) -> Any:
    entries = _load(group)
    if name not in entries:
        known = ", ".join(sorted(entries)) or "none"
        raise PluginError(f"unknown plug-in {name!r} in {group}; installed: {known}")
    try:
        return entries[name].load()()
    except ImportError as exc:
        extra = getattr(exc, "name", None) or str(exc)
        raise PluginError(
            f"plug-in {name!r} needs a package that is not installed ({extra}); "
            f"install it with: pip install 'disclosure-schema[{_extra_for(name)}]'"
        ) from exc


def _extra_for(name: str) -> str:
    return {"xlsx": "xlsx", "pdf": "pdf", "docx": "docx", "parquet": "parquet"}.get(name, "all")


def exporter_names() -> list[str]:
    """Names of the installed exporters, without importing them."""
    return sorted(_load(EXPORTERS_GROUP))


def reader_names() -> list[str]:
    return sorted(_load(READERS_GROUP))


def get_exporter(name: str) -> Exporter:
    """An instance of the exporter registered as ``name``."""
    exporter: Exporter = _instantiate(EXPORTERS_GROUP, name)
    return exporter


def get_reader(name: str) -> Reader:
    reader: Reader = _instantiate(READERS_GROUP, name)
    return reader


def entry_point_targets(group: str) -> Mapping[str, str]:
    """Each registered name with the object it points at (``module:Class``), for listings."""
    return {name: entry.value for name, entry in _load(group).items()}
