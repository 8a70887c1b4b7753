"""The roster (名册): the bodies that must publish a report, with their level and parent.

A reviewer knows which bodies must publish (the notices have each level publish
its departments' and lower governments' reports together, 国办公开办函〔2021〕30号
二（一）), so "who has not published" needs that list.  It is a CSV file with the
columns ``body,level,parent`` (Chinese headers ``机关,层级,上级`` are taken too);
``level`` decides the deadline (:mod:`disclosure_schema.publication`).

Every problem is collected and named by line: a body listed twice, a parent that
is not in the roster, an unknown level, a blank name, a missing column.
"""

from __future__ import annotations

import csv
import enum
import io
import os
from collections.abc import Iterator, Mapping
from functools import cached_property

import attrs

from .bodies import body_key, keys_match
from .errors import BilingualError

MAX_BYTES = 16 * 1024 * 1024


class Level(enum.Enum):
    """What kind of body: it decides the deadline under 条例 第四十九条."""

    DEPARTMENT = "department"
    """A department of a government at county level or above (县级以上人民政府部门)."""
    TOWNSHIP = "township"
    """A township government (乡镇人民政府): the notices apply the departments' deadline."""
    GOVERNMENT = "government"
    """A government at county level or above (县级以上地方人民政府), its own or summary report."""


LEVEL_WORDS: Mapping[str, Level] = {
    "department": Level.DEPARTMENT,
    "部门": Level.DEPARTMENT,
    "township": Level.TOWNSHIP,
    "乡镇": Level.TOWNSHIP,
    "乡镇政府": Level.TOWNSHIP,
    "government": Level.GOVERNMENT,
    "政府": Level.GOVERNMENT,
    "县级政府": Level.GOVERNMENT,
    "市级政府": Level.GOVERNMENT,
    "省级政府": Level.GOVERNMENT,
    "county": Level.GOVERNMENT,
    "city": Level.GOVERNMENT,
    "province": Level.GOVERNMENT,
}
"""The words the ``level`` column may hold."""

LEVEL_NAMES: Mapping[Level, tuple[str, str]] = {
    Level.DEPARTMENT: ("部门", "department"),
    Level.TOWNSHIP: ("乡镇", "township"),
    Level.GOVERNMENT: ("政府", "government"),
}

HEADERS: Mapping[str, tuple[str, ...]] = {
    "body": ("body", "机关", "机关名称"),
    "level": ("level", "层级"),
    "parent": ("parent", "上级", "上级机关"),
}


@attrs.frozen
class Entry:
    """One body of the roster, as listed on ``line``."""

    body: str
    level: Level
    parent: str | None
    line: int


class RosterError(BilingualError):
    """The roster cannot be used; ``problems`` lists every one, each naming its line."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("\n".join(zh for zh, _ in problems), "\n".join(en for _, en in problems))
        self.problems = problems


@attrs.frozen(cache_hash=False, slots=False)
class Roster:
    """The bodies, in roster order, found by name (compared as :func:`~disclosure_schema.bodies.body_key`)."""

    entries: tuple[Entry, ...]

    @cached_property
    def by_key(self) -> Mapping[str, Entry]:
        return {body_key(entry.body): entry for entry in self.entries}

    def find(self, issuer: str | None) -> Entry | None:
        """The entry an issuer names, or ``None``.

        An exact match of :func:`~disclosure_schema.bodies.body_key` first; else the one
        entry that names the same body with or without its region in front
        (:func:`~disclosure_schema.bodies.keys_match`); several such entries match none.
        """
        if not issuer:
            return None
        key = body_key(issuer)
        exact = self.by_key.get(key)
        if exact is not None:
            return exact
        near = [entry for entry in self.entries if keys_match(key, body_key(entry.body))]
        return near[0] if len(near) == 1 else None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)


def load_roster(path: str | os.PathLike[str]) -> Roster:
    """Read a roster CSV (UTF-8, with or without BOM); raises :class:`RosterError` naming every problem."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RosterError([(f"{name}：无法打开名册（{exc.strerror or exc}）", f"{name}: cannot open the roster ({exc.strerror or exc})")]) from exc
    if len(data) > MAX_BYTES:
        raise RosterError([(f"{name}：名册超过 {MAX_BYTES} 字节", f"{name}: the roster is over {MAX_BYTES} bytes")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError([(f"{name}：名册不是 UTF-8 编码（第 {exc.start} 字节）", f"{name}: the roster is not UTF-8 (byte {exc.start})")]) from exc
    return parse_roster(text, name)


def _field(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def parse_roster(text: str, name: str = "roster.csv") -> Roster:
    """A roster from CSV text (see :func:`load_roster`)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RosterError([(f"{name}：名册是空的", f"{name}: the roster is empty")])
    header = [cell.strip().lower() for cell in rows[0]]
    columns: dict[str, int] = {}
    for field, words in HEADERS.items():
        for index, cell in enumerate(header):
            if cell in words:
                columns[field] = index
                break
    missing = [field for field in ("body", "level") if field not in columns]
    if missing:
        listed = ", ".join(missing)
        raise RosterError([(
            f"{name} 第 1 行：表头缺少 {listed} 列（应为 body,level,parent 或 机关,层级,上级）",
            f"{name} line 1: the header lacks {listed} (expected body,level,parent)",
        )])
    problems: list[tuple[str, str]] = []
    entries: list[Entry] = []
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        body, level_word, parent = (_field(row, columns.get(key)) for key in ("body", "level", "parent"))
        if not body:
            problems.append((f"{name} 第 {number} 行：机关名称为空", f"{name} line {number}: the body's name is blank"))
            continue
        level = LEVEL_WORDS.get(level_word) or LEVEL_WORDS.get(level_word.lower())
        if level is None:
            known = "、".join(LEVEL_WORDS)
            problems.append((
                f"{name} 第 {number} 行（{body}）：层级“{level_word}”不认识，应为 {known} 之一",
                f"{name} line {number} ({body}): unknown level {level_word!r}; expected one of {', '.join(LEVEL_WORDS)}",
            ))
            continue
        key = body_key(body)
        if key in first_line:
            problems.append((
                f"{name} 第 {number} 行：机关“{body}”重复，第 {first_line[key]} 行已列出",
                f"{name} line {number}: body {body!r} is listed twice (first on line {first_line[key]})",
            ))
            continue
        first_line[key] = number
        entries.append(Entry(body, level, parent or None, number))
    for entry in entries:
        if entry.parent and body_key(entry.parent) not in first_line:
            problems.append((
                f"{name} 第 {entry.line} 行（{entry.body}）：上级“{entry.parent}”不在名册中",
                f"{name} line {entry.line} ({entry.body}): the parent {entry.parent!r} is not in the roster",
            ))
    if problems:
        raise RosterError(problems)
    if not entries:
        raise RosterError([(f"{name}：名册没有列出任何机关", f"{name}: the roster lists no body")])
    return Roster(tuple(entries))
