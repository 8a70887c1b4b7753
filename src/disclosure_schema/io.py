"""Reading and writing report JSON files safely: size and depth limits, atomic writes."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomic import WriteError, write_atomic
from .converter import ReportShapeError, structure_report, unstructure_report
from .model import Report
from .taxonomy import Level
from .violations import Violation

MAX_BYTES = 8 * 1024 * 1024
"""The content limit: no annual report comes near 8 MiB of JSON *content* (bytes outside indentation).

The limit applies to content, not to layout: the canonical form this library writes (:func:`dumps`)
indents with spaces, and a file is measured without the newlines and indentation between values, so
whatever :func:`dump` writes, :func:`load` reads.  :func:`dumps` refuses a report over the limit."""
MAX_FILE_BYTES = 4 * MAX_BYTES
"""The hard limit on a file's bytes, checked before anything is parsed (indentation included).

Two-space indentation of a report's at most six levels adds less than three bytes per byte of
content, so no file within :data:`MAX_BYTES` of content is refused by this limit."""
MAX_DEPTH = 1000
"""Python's JSON parser stops at this depth; a report needs six levels."""

_LAYOUT = re.compile(r"\n[ \t\r]*")
"""A newline and the indentation after it: in valid JSON a raw newline is never inside a string."""
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _Duplicated(dict[str, Any]):
    """A JSON object in which a key occurred more than once (the last value kept, as JSON parsers do)."""

    duplicates: tuple[str, ...] = ()


def _unique_keys(pairs: list[tuple[str, Any]], marked_any: list[bool]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    marked = _Duplicated(result)
    marked.duplicates = tuple(repeated)
    marked_any.append(True)
    return marked


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def printable(text: str) -> str:
    """``text`` with every lone surrogate written as ``\\udfff`` so that it can be printed and stored."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _walk(data: Any, pointer: str, visit: Callable[[Any, str], None]) -> None:
    """Call ``visit`` on every object and array of ``data`` with its JSON pointer (iteratively: no recursion limit)."""
    stack: list[tuple[Any, str]] = [(data, pointer)]
    while stack:
        node, here = stack.pop()
        if isinstance(node, dict):
            visit(node, here)
            stack.extend((value, f"{here}/{_escape(key)}") for key, value in node.items())
        elif isinstance(node, list):
            visit(node, here)
            stack.extend((value, f"{here}/{index}") for index, value in enumerate(node))


def _duplicate_key_violations(data: Any) -> list[Violation]:
    found: list[Violation] = []

    def visit(node: Any, here: str) -> None:
        if isinstance(node, _Duplicated):
            found.extend(
                Violation("shape.duplicate_key", Level.ERROR, printable(here), params={"key": printable(key)})
                for key in node.duplicates
            )

    _walk(data, "", visit)
    return sorted(found, key=lambda v: v.pointer)


def invalid_unicode(data: Any) -> list[Violation]:
    """A located ``shape.not_unicode`` error for every key or string of parsed JSON holding a lone surrogate.

    Such a string (``"\\udfff"`` in JSON) loads in Python but cannot be written as UTF-8: no
    official file (XLSX, PDF, JSON) could ever be produced from it, so it is refused on reading.
    """
    found: list[Violation] = []

    def check(text: str, here: str) -> None:
        match = _SURROGATE.search(text)
        if match:
            found.append(
                Violation(
                    "shape.not_unicode",
                    Level.ERROR,
                    printable(here),
                    params={"character": f"\\u{ord(match.group()):04x}"},
                )
            )

    def visit(node: Any, here: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                check(key, f"{here}/{_escape(key)}")
                if isinstance(value, str):
                    check(value, f"{here}/{_escape(key)}")
        else:
            for index, value in enumerate(node):
                if isinstance(value, str):
                    check(value, f"{here}/{index}")

    if isinstance(data, str):
        check(data, "")
    else:
        _walk(data, "", visit)
    return sorted(found, key=lambda v: v.pointer)


def content_size(text: str, size: int) -> int:
    """The bytes of ``text`` (``size`` in all) without the newlines and indentation between values."""
    layout = sum(len(m.group()) for m in _LAYOUT.finditer(text))
    return size - layout


def _too_large(size: int, limit: int, code: str = "shape.too_large") -> ReportShapeError:
    return ReportShapeError([Violation(code, Level.ERROR, "", params={"size": size, "limit": limit})])


def parse_json(data: bytes | str) -> Any:
    """Parse JSON text strictly: exact decimals, no NaN, no duplicate keys, valid Unicode, bounded size and depth.

    Raises :class:`ReportShapeError` with located violations: ``shape.duplicate_key`` at the
    pointer of the object holding the key, ``shape.not_unicode`` at the pointer of the string.
    """
    size = len(data)
    if isinstance(data, str) and 4 * size > MAX_BYTES:  # measured in UTF-8 bytes, as a file would be
        size = len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise _too_large(size, MAX_FILE_BYTES)
    if isinstance(data, bytes):
        raw: bytes = data
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            params = {"line": line, "column": exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1}
            raise ReportShapeError([Violation("shape.not_utf8", Level.ERROR, "", params=params)]) from None
    if size > MAX_BYTES:
        content = content_size(data, size)
        if content > MAX_BYTES:
            raise _too_large(content, MAX_BYTES, "shape.content_too_large")
    duplicated: list[bool] = []
    try:
        parsed = json.loads(
            data,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=lambda pairs: _unique_keys(pairs, duplicated),
        )
    except json.JSONDecodeError as exc:
        where: dict[str, Any] = {"line": exc.lineno, "column": exc.colno, "detail": exc.msg}
        raise ReportShapeError([Violation("shape.not_json", Level.ERROR, "", params=where)]) from None
    except RecursionError:
        raise ReportShapeError([Violation("shape.too_deep", Level.ERROR, "", params={"limit": MAX_DEPTH})]) from None
    except ValueError as exc:
        params_: dict[str, Any] = {"line": "?", "column": "?", "detail": str(exc)}
        raise ReportShapeError([Violation("shape.not_json", Level.ERROR, "", params=params_)]) from None
    problems: list[Violation] = []
    if _ESCAPED_SURROGATE.search(data) or _SURROGATE.search(data):
        problems.extend(invalid_unicode(parsed))
    if duplicated:
        problems.extend(_duplicate_key_violations(parsed))
    if problems:
        raise ReportShapeError(problems)
    return parsed


def loads(data: bytes | str) -> Report:
    """A report from JSON text; raises :class:`ReportShapeError` with every problem located.

    A regular document is decoded by the edition's typed decoder (:mod:`.compiled`); anything
    it refuses goes through :func:`loads_walking`, which finds and words every problem.
    """
    from .compiled import decode

    report = decode(data)
    return report if report is not None else loads_walking(data)


def loads_walking(data: bytes | str) -> Report:
    """:func:`loads` on the general path: strict parse, then the locating walk (any document)."""
    return structure_report(parse_json(data))


def load(path: str | os.PathLike[str]) -> Report:
    """A report from a JSON file (see :func:`loads`); the file's size is checked before it is read."""
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _too_large(size, MAX_FILE_BYTES)
    with open(file, "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)  # a file that grew since stat() is still bounded
    return loads(data)


def dumps(report: Report) -> str:
    """The canonical JSON of a report: ``$schema`` first, declaration order, UTF-8 unescaped, 2-space indent.

    Raises :class:`ReportShapeError` (``shape.not_unicode``, ``shape.content_too_large``) for a
    report :func:`loads` would refuse: what this writes, the library reads.
    """
    data = unstructure_report(report)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if _SURROGATE.search(text):
        raise ReportShapeError(invalid_unicode(data))
    size = len(text) if text.isascii() else len(text.encode("utf-8"))
    if size > MAX_BYTES:
        content = content_size(text, size)
        if content > MAX_BYTES:
            raise _too_large(content, MAX_BYTES, "shape.content_too_large")
    return text


def dump(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the canonical JSON atomically: a failure leaves any existing file untouched."""
    data = dumps(report).encode("utf-8")
    write_atomic(path, lambda stream: stream.write(data))


__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_FILE_BYTES", "WriteError", "dump", "dumps", "invalid_unicode", "load", "loads",
    "parse_json", "printable", "write_atomic",
]
