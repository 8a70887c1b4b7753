"""Validating a file end to end: read it, check its shape, run every rule; never raise for bad input."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .atomic import describe_os_error
from .checker import Coverage, check_with_coverage
from .converter import ReportShapeError
from .io import MAX_BYTES, loads
from .model import Report
from .taxonomy import Level
from .violations import Violation

if TYPE_CHECKING:
    from .accepted import Review
    from .plugins import ReadingNote

T = TypeVar("T")
R = TypeVar("R")


class SourceUnavailable(Exception):
    """A file that cannot be opened at all (missing, a directory, unreadable): a usage problem."""


@attrs.frozen
class FileResult:
    """What validating one file found."""

    source: str
    report: Report | None
    violations: tuple[Violation, ...] = ()
    notes: tuple[ReadingNote, ...] = ()
    coverage: Coverage | None = None
    """How the sum checks came out (``None`` when the file is not a report)."""
    review: Review | None = None
    """Findings accepted by a reviewer (``validate --accept``), taken out of ``violations``."""

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
    """The report in ``path``, or the violations that say why it is not one.

    A file with cell errors (``ReadResult.errors``) is not a report here: ``None`` and its errors.
    """
    report, violations, notes = _open_with_errors(path, reader=reader)
    return (None if violations else report), violations, notes


def _open_with_errors(
    path: str | os.PathLike[str], *, reader: str | None = None
) -> tuple[Report | None, list[Violation], tuple[ReadingNote, ...]]:
    """As :func:`open_report`, but a report read with cell errors comes back with them (for ``validate``)."""
    from .plugins import PluginError, ReadError  # here: ``validate one.json`` never needs the readers' machinery
    from .sources import read_report

    file = Path(path)
    reason = why_unavailable(file)
    if reason is not None:
        raise SourceUnavailable(f"{file}: {reason}")
    try:
        result = read_report(file, reader=reader)
    except ReportShapeError as exc:
        return None, [v.with_source(str(file)) for v in exc.violations], ()
    except ReadError as exc:
        violations = [
            Violation("read.failed", Level.ERROR, note.pointer or "", params={"detail": (note.line("zh"), note.line("en"))}, source=str(file))
            for note in exc.notes
        ]
        return None, violations, tuple(exc.notes)
    except PluginError as exc:
        raise SourceUnavailable(f"{file}: {exc}") from exc
    except OSError as exc:
        zh, en = describe_os_error(exc)
        raise SourceUnavailable(f"{file}: 无法读取，{zh} (cannot be read: {en})") from exc
    errors = [
        Violation("read.failed", Level.ERROR, note.pointer or "",
                  params={"detail": (note.line("zh"), note.line("en"))}, source=str(file))
        for note in result.errors
    ]
    return result.report, errors, result.notes


def why_unavailable(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be opened as a report file (in Chinese, then English), or ``None`` when it can.

    Nothing is opened: a FIFO or a device named ``*.json`` would block or never end.
    """
    try:
        status = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "符号链接形成循环，未读取 (a symbolic link loop)"
        if exc.errno == errno.ENOENT and os.path.lexists(path):
            return "符号链接指向的文件不存在，未读取 (a broken symbolic link)"
        if exc.errno == errno.ENOENT:
            return "文件不存在 (no such file)"
        zh, en = describe_os_error(exc)
        return f"无法访问，{zh} (cannot be accessed: {en})"
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "是目录，不是文件 (a directory, not a file)"
    if stat.S_ISFIFO(mode):
        return "是命名管道（FIFO），不是普通文件，未读取 (a named pipe, not a regular file)"
    if stat.S_ISSOCK(mode):
        return "是套接字，不是普通文件，未读取 (a socket, not a regular file)"
    return "是设备文件，不是普通文件，未读取 (a device, not a regular file)"


def validate_file(
    path: str | os.PathLike[str], *, previous: Report | None = None, reader: str | None = None
) -> FileResult:
    """Read and check one file; raises :class:`SourceUnavailable` only when it cannot be opened."""
    report, violations, notes = _open_with_errors(path, reader=reader)
    coverage = None
    if report is not None:
        found, coverage = check_with_coverage(report, previous)
        violations = [*violations, *(v.with_source(str(path)) for v in found)]
    return FileResult(str(path), report, tuple(violations), notes, coverage)


def validate_json_quickly(path: str, *, previous: Report | None = None) -> FileResult | None:
    """:func:`validate_file` for a regular JSON file, with one ``open``, one ``fstat`` and one ``read``.

    The findings about a report carry no file name (``FileResult.source`` is it; render them
    with ``Violation.to_json(source=...)``), so none is copied per finding.  A file that is
    not a report gets the findings :func:`validate_file` gives it, from the same bytes.
    ``None`` for anything else -- a file that cannot be opened, is not a regular file, is
    too large, or changed size while it was read -- which :func:`validate_file` then
    handles with its own messages.
    """
    data = _read_regular(path, MAX_BYTES)  # a larger file takes validate_file, which words the refusal
    if data is None:
        return None
    try:
        report = loads(data)
    except ReportShapeError as exc:  # as validate_file words it: each finding names the file as a Path prints it
        source = str(Path(path))
        return FileResult(path, None, tuple(v.with_source(source) for v in exc.violations))
    found, coverage = check_with_coverage(report, previous)
    return FileResult(path, report, tuple(found), (), coverage)


def _read_regular(path: str, limit: int) -> bytes | None:
    """The bytes of the regular file ``path`` if it holds at most ``limit``, else ``None``; never blocks.

    One ``read`` of exactly the size ``fstat`` gives (plus one byte, to see a file that grew):
    reading with ``limit`` as the buffer size would allocate ``limit`` bytes for every file.
    """
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        size = status.st_size
        if not stat.S_ISREG(status.st_mode) or size > limit:
            return None
        data = os.read(descriptor, size + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) == size else None  # grown or shrunk since fstat: the slow path reads it again


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""``O_NONBLOCK``: a FIFO named ``*.json`` is opened without waiting for a writer (then refused by ``fstat``)."""


# -- many files ------------------------------------------------------------------------------------

def readable_suffixes(reader: str | None = None) -> frozenset[str]:
    """The file suffixes a directory walk picks up: ``.json`` and whatever the readers take.

    With ``reader`` only that reader's suffixes count (``json`` means JSON alone).  The
    installed readers are imported here, so this is asked only when a directory is walked.
    """
    from .plugins import PluginError, get_reader, reader_names
    from .sources import JSON_SUFFIXES

    if reader == "json":
        return frozenset(JSON_SUFFIXES)
    names = [reader] if reader is not None else reader_names()
    found = set(JSON_SUFFIXES) if reader is None else set()
    for name in names:
        try:
            found.update(suffix.lower() for suffix in get_reader(name).suffixes)
        except PluginError:
            if reader is not None:
                raise
    return frozenset(found)


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    reader: str | None = None,
    skipped: list[tuple[str, str]] | None = None,
) -> Iterator[str]:
    """The files to check: each path given as is, each directory walked recursively in name order.

    A walk takes the entries whose suffix :func:`readable_suffixes` lists -- regular files, and
    also broken symbolic links, symbolic link loops and FIFOs, so that whoever opens them names
    them with the reason (:func:`why_unavailable`) -- and skips hidden names (a leading dot:
    editors' and atomic writers' temporary files).  Symbolic links to directories are followed
    once; a directory reached again (a loop) or one that cannot be listed is put in ``skipped``
    as ``(path, reason)``, or, without ``skipped``, passed on like a file.  Nothing raises.
    """
    takes: Callable[[str], bool] | None = None
    for path in paths:
        if not os.path.isdir(path):
            yield os.fspath(path)
            continue
        if takes is None:
            takes = _suffix_test(reader)
        yield from _walk(os.fspath(path), takes, set(), skipped)


def _suffix_test(reader: str | None) -> Callable[[str], bool]:
    """Whether a walk takes a file with this (lower-case) suffix, as :func:`readable_suffixes` says.

    With no reader named, the installed readers are imported (to learn their suffixes) only
    when a file that is not ``.json`` is met: a folder of JSON reports never pays for them.
    """
    if reader is not None:
        return readable_suffixes(reader).__contains__
    from .sources import JSON_SUFFIXES

    found: list[frozenset[str]] = []

    def takes(suffix: str) -> bool:
        if suffix in JSON_SUFFIXES:  # which readable_suffixes always includes
            return True
        if not found:
            found.append(readable_suffixes(None))
        return suffix in found[0]

    return takes


def _walk(
    directory: str, takes: Callable[[str], bool], visited: set[tuple[int, int]], skipped: list[tuple[str, str]] | None
) -> Iterator[str]:
    def skip(path: str, reason: str) -> Iterator[str]:
        if skipped is None:
            yield path
        else:
            skipped.append((path, reason))

    try:
        status = os.stat(directory)
        key = (status.st_dev, status.st_ino)
        if key in visited:
            yield from skip(directory, "目录经符号链接重复出现（循环），未再进入 (a directory loop through a symbolic link)")
            return
        visited.add(key)
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        zh, en = describe_os_error(exc)
        yield from skip(directory, f"无法列出目录内容，{zh} (the directory cannot be listed: {en})")
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_directory = entry.is_dir()  # follows a symbolic link; a loop or a broken link is not a directory
        except OSError:
            is_directory = False
        if is_directory:
            yield from _walk(entry.path, takes, visited, skipped)
        else:
            dot = name.rfind(".")  # os.path.splitext's suffix (the name has no leading dot), without its calls
            if takes(name[dot:].lower() if dot > 0 else ""):
                yield entry.path


def parallel_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``function`` over ``items`` in order, on ``jobs`` processes, results streamed as they come.

    Results are consumed one by one, so memory stays flat however many items there are
    (:func:`~disclosure_schema.batch.ordered_map`).  With one job, or too few items to be
    worth the processes, it runs in this process and ``multiprocessing`` is never imported.
    """
    if jobs <= 1 or len(items) < 2 * jobs:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, items)
        return
    from .batch import ordered_map

    yield from ordered_map(function, items, jobs=jobs, initializer=initializer, initargs=initargs)


def parallel_stream(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """:func:`parallel_map` over an iterable of unknown length, taken only as fast as the workers take it.

    Only a few items are ever ahead of the workers, so memory stays flat however long
    ``items`` runs (a directory walk feeding it goes at the workers' pace).
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, items)
        return
    from .batch import ordered_map

    yield from ordered_map(function, items, jobs=jobs, initializer=initializer, initargs=initargs)
