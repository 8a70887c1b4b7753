"""Reading and writing report JSON files safely: size and depth limits, atomic writes."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from .converter import ReportShapeError, structure_report, unstructure_report
from .model import Report
from .taxonomy import Level
from .violations import Violation

MAX_BYTES = 8 * 1024 * 1024
"""No annual report comes near this; a bigger file is refused before it is parsed."""
MAX_DEPTH = 1000
"""Python's JSON parser stops at this depth; a report needs six levels."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ReportShapeError([Violation("shape.duplicate_key", Level.ERROR, "", params={"key": key})])
            seen.add(key)
    return result


def parse_json(data: bytes | str) -> Any:
    """Parse JSON text strictly: exact decimals, no NaN, no duplicate keys, bounded size and depth."""
    size = len(data)
    if size > MAX_BYTES:
        raise ReportShapeError(
            [Violation("shape.too_large", Level.ERROR, "", params={"size": size, "limit": MAX_BYTES})]
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ReportShapeError([Violation("shape.not_utf8", Level.ERROR, "")]) from None
    try:
        return json.loads(data, parse_float=Decimal, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        params = {"line": exc.lineno, "column": exc.colno, "detail": exc.msg}
        raise ReportShapeError([Violation("shape.not_json", Level.ERROR, "", params=params)]) from None
    except RecursionError:
        raise ReportShapeError([Violation("shape.too_deep", Level.ERROR, "", params={"limit": MAX_DEPTH})]) from None
    except ValueError as exc:
        if isinstance(exc, ReportShapeError):
            raise
        raise ReportShapeError(
            [Violation("shape.not_json", Level.ERROR, "", params={"line": "?", "column": "?", "detail": str(exc)})]
        ) from None


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
    """A report from a JSON file (see :func:`loads`)."""
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise ReportShapeError(
            [Violation("shape.too_large", Level.ERROR, "", params={"size": size, "limit": MAX_BYTES})]
        )
    return loads(file.read_bytes())


def dumps(report: Report) -> str:
    """The canonical JSON of a report: ``$schema`` first, declaration order, UTF-8 unescaped, 2-space indent."""
    return json.dumps(unstructure_report(report), ensure_ascii=False, indent=2) + "\n"


def dump(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the canonical JSON atomically: a failure leaves any existing file untouched."""
    data = dumps(report).encode("utf-8")
    write_atomic(path, lambda stream: stream.write(data))


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else what a plain ``open()`` would give (``mkstemp`` gives 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place."""
    import tempfile  # only when writing: not on the validate path

    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
