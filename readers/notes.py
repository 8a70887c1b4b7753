"""Collecting reading notes: one list per read, no duplicates, in the order they arose.

Why: the recognizer's parts (tables, envelope, narrative, cross-check) all report what they
normalised, missed or found ambiguous; a shared collector keeps them in reading order and drops
repeats (a label printed on every page is noted once).
"""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_schema.plugins import ReadingNote

__all__ = ["Notes"]


class Notes:
    def __init__(self) -> None:
        self._notes: list[ReadingNote] = []
        self._seen: set[tuple[str, str, str]] = set()

    def add(self, code: str, where: str, zh: str, en: str, pointer: str | None = None) -> None:
        key = (code, where, zh)
        if key in self._seen:
            return
        self._seen.add(key)
        self._notes.append(ReadingNote(code, where, zh, en, pointer))

    def __len__(self) -> int:
        return len(self._notes)

    def __iter__(self) -> Iterator[ReadingNote]:
        return iter(self._notes)

    def as_tuple(self) -> tuple[ReadingNote, ...]:
        return tuple(self._notes)
