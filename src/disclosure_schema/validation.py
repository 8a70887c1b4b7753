"""Validating a file end to end: read it, check its shape, run every rule; never raise for bad input."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from .checker import check
from .converter import ReportShapeError
from .model import Report
from .plugins import PluginError, ReadError, ReadingNote
from .sources import read_report
from .taxonomy import Level
from .violations import Violation


class SourceUnavailable(Exception):
    """A file that cannot be opened at all (missing, a directory, unreadable): a usage problem."""


@attrs.frozen
class FileResult:
    """What validating one file found."""

    source: str
    report: Report | None
    violations: tuple[Violation, ...] = ()
    notes: tuple[ReadingNote, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for v in self.violations if v.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for v in self.violations if v.level is Level.WARNING)

    @property
    def valid(self) -> bool:
        return self.report is not None and self.errors == 0


def open_report(path: str | os.PathLike[str], *, reader: str | None = None) -> tuple[Report | None, list[Violation], tuple[ReadingNote, ...]]:
    """The report in ``path``, or the violations that say why it is not one."""
    file = Path(path)
    if not file.is_file():
        raise SourceUnavailable(f"{file}: 文件不存在或不是普通文件 (no such file)")
    try:
        result = read_report(file, reader=reader)
    except ReportShapeError as exc:
        return None, [v.with_source(str(file)) for v in exc.violations], ()
    except ReadError as exc:
        violations = [
            Violation("read.failed", Level.ERROR, note.pointer or "", params={"detail": f"{note.where}: {note.zh}"}, source=str(file))
            for note in exc.notes
        ]
        return None, violations, tuple(exc.notes)
    except PluginError as exc:
        raise SourceUnavailable(f"{file}: {exc}") from exc
    except OSError as exc:
        raise SourceUnavailable(f"{file}: {exc.strerror or exc}") from exc
    return result.report, [], result.notes


def validate_file(
    path: str | os.PathLike[str], *, previous: Report | None = None, reader: str | None = None
) -> FileResult:
    """Read and check one file; raises :class:`SourceUnavailable` only when it cannot be opened."""
    report, violations, notes = open_report(path, reader=reader)
    if report is not None:
        violations = [v.with_source(str(path)) for v in check(report, previous)]
    return FileResult(str(path), report, tuple(violations), notes)
