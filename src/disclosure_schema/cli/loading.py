"""Reading many reports for the reviewer's commands: each file named, none silently dropped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ..model import Report
from ..validation import SourceUnavailable, discover, open_report
from ..violations import Violation
from .common import UsageError, error_line


@attrs.frozen
class Loaded:
    """The reports that could be read, and the files that could not (with why)."""

    reports: tuple[tuple[str, Report], ...]
    unreadable: tuple[tuple[str, tuple[Violation, ...]], ...]


def load_reports(paths: Iterable[str], *, reader: str | None, lang: str, quiet: bool = False,
                 shown: int | None = 5) -> Loaded:
    """Every report under ``paths`` (directories walked); unreadable files are said on stderr
    (the first ``shown`` problems of each, all when ``None``).

    Raises :class:`UsageError` when a path does not exist or nothing is found.
    """
    try:
        files = list(discover(paths, reader=reader))
    except Exception as exc:
        raise UsageError(str(exc)) from exc
    if not files:
        raise UsageError("没有找到报告文件 (no report files found)")
    good: list[tuple[str, Report]] = []
    bad: list[tuple[str, tuple[Violation, ...]]] = []
    for path in files:
        try:
            report, problems, _ = open_report(path, reader=reader)
        except SourceUnavailable as exc:
            raise UsageError(str(exc)) from exc
        if report is None:
            bad.append((path, tuple(problems)))
            if not quiet:
                for v in problems[:shown]:
                    error_line(f"{path}: {v.message(lang)}")
            continue
        good.append((path, report))
    return Loaded(tuple(good), tuple(bad))


def listed(names: Sequence[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(names)


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences from hostile reports) become spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text)
