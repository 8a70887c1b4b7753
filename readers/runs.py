"""Figures printed run together: split only where the split is certain.

Interim: a run is split when its whitespace-separated parts are as many as its cells, when it has
one digit per cell, or when it fills one cell; otherwise its cells are unread, with a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from disclosure_schema.model import Value
from disclosure_schema.taxonomy import Cell, Edition

from .labels import squash
from .notes import Notes
from .numbers import parse_value

__all__ = ["Run", "Settled", "settle_runs", "split_run"]


@attrs.frozen
class Run:
    """The figures of ``cells`` printed run together as ``text``."""

    cells: tuple[Cell, ...]
    text: str
    where: str
    label: str

    @property
    def pointer(self) -> str | None:
        """The JSON pointer of the row the run fills, when it fills one row."""
        rows = {(cell.table.key, cell.row.key) for cell in self.cells}
        if len(rows) != 1:
            return None
        table, row = rows.pop()
        return f"/{table}/{row}"


@attrs.frozen
class Settled:
    """A run's values (``None``: unread) and the checks used to split it."""

    run: Run
    values: tuple[Value, ...] | None
    checks: tuple[str, ...] = ()


def split_run(run: str, count: int) -> list[str] | None:
    """The cells of a run of ``count`` run-together cells, when the split is certain; else ``None``."""
    run = run.strip()
    if not run:
        return [""] * count
    parts = run.split()
    if len(parts) == count:
        return parts
    if count == 1:
        return [squash(run)]
    digits = squash(run)
    if re.fullmatch(r"\d+", digits) and len(digits) == count:
        return list(digits)
    return None


def settle_runs(runs: Sequence[Run], edition: Edition, notes: Notes) -> Iterator[Settled]:
    for run in runs:
        parts = split_run(run.text, len(run.cells))
        values: list[Value] = []
        if parts is not None:
            for cell, part in zip(run.cells, parts, strict=True):
                parsed = parse_value(part, cell.column) if part else None
                if parsed is not None and parsed.problem:
                    parts = None
                    break
                values.append(None if parsed is None else parsed.value)
        if parts is None:
            flat = " ".join(run.text.split())
            notes.add("cells.run_together", run.where,
                      f"“{run.label}”的 {len(run.cells)} 个单元格连在一起印出（“{flat}”），无法确定如何分隔，未读取",
                      f"{run.label!r}: its {len(run.cells)} cells run together ({flat!r}); the split cannot be known, "
                      "so they are not read", run.pointer)
            yield Settled(run, None)
        else:
            yield Settled(run, tuple(values))
