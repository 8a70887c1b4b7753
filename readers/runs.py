"""Figures printed run together: split by what the report itself settles, and told to the user.

Why: the values stage hands over every run of the report at once; :mod:`settle` decides each split
from the columns' number forms and the report's own relations (table by table, so a column relation
can settle a row its own relation left open), and :mod:`run_notes` says how each run was read or
why it was not.  A run settled is parsed like any printed figure; a run left open leaves its cells
unread (never blank, never guessed), with the values each cell could take kept for the narrative
cross-check (:func:`settle.figure_allowed`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from disclosure_schema.model import Value
from disclosure_schema.taxonomy import Cell, Edition

from . import settle
from .notes import Notes
from .numbers import parse_value
from .run_notes import Place, note_settled, note_unsettled

__all__ = ["Run", "Settled", "settle_runs"]


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
    options: tuple[frozenset[Value], ...] = ()
    """When unread: per cell, every value some split fitting the columns' forms gives it."""


def _place(run: Run) -> Place:
    table = run.cells[0].table if run.cells else None
    if run.pointer is not None or table is None:
        return Place(run.where, f"“{run.label}”行", f"row {run.label!r}", run.pointer)
    return Place(run.where, f"表{table.number}“{run.label}”", f"table {table.number}, {run.label!r}", None)


def _values(run: Run, parts: tuple[str, ...]) -> tuple[Value, ...] | None:
    """The parts parsed in their columns; ``None`` when one is no figure (the run is then unread)."""
    values: list[Value] = []
    for cell, part in zip(run.cells, parts, strict=True):
        if not part.strip():
            values.append(None)
            continue
        parsed = parse_value(part, cell.column)
        if parsed.problem is not None and parsed.problem[0] != "cell.dash":
            return None
        values.append(parsed.value)
    return tuple(values)


def settle_runs(runs: Sequence[Run], edition: Edition, notes: Notes) -> Iterator[Settled]:
    """Each run settled or left unread, in the order given, with a note wherever the split needed more than spaces."""
    by_table: dict[str, list[int]] = {}
    claimed: set[int] = set()
    outcomes: dict[int, settle.Outcome] = {}
    for n, run in enumerate(runs):
        if not run.cells or claimed & set(map(id, run.cells)):  # a row printed again: read alone, kept only if new
            outcomes[n] = settle.settle_row(settle.Run(run.cells, run.text), edition.id)
            continue
        claimed.update(map(id, run.cells))
        by_table.setdefault(run.cells[0].table.key, []).append(n)
    for indices in by_table.values():
        results = settle.settle_table([settle.Run(runs[n].cells, runs[n].text) for n in indices], edition.id)
        outcomes.update(zip(indices, results, strict=True))
    for n, run in enumerate(runs):
        outcome = outcomes[n]
        if isinstance(outcome, settle.Settled):
            values = _values(run, outcome.cells)
            if values is not None:
                if outcome.checks or outcome.by_form:
                    note_settled(notes, _place(run), settle.Run(run.cells, run.text), outcome, edition)
                yield Settled(run, values, outcome.checks)
                continue
            outcome = settle.Unsettled(settle.Reason.NO_FIT)
        note_unsettled(notes, _place(run), settle.Run(run.cells, run.text), outcome, edition)
        yield Settled(run, None, (), outcome.options)
