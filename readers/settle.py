"""Settling digits that run together (``693665``) with what the report itself settles.

Why: a crawler's text of an HTML table loses every cell boundary, so a row of table 三 prints as
``270020130`` and table 四 as ``10203120001200000``.  Guessing a split puts numbers in the wrong
cells; leaving every such row blank loses a seventh of the cells and then blames the report for
sums it never printed.  Between the two lies what the published table itself decides:

1. *Forms.*  Each part must fit its column's number form (:class:`~disclosure_schema.taxonomy.Kind`):
   a count has no leading zero unless it is 0; a ``SIGNED_COUNT`` (2019's 本年增/减) may carry one
   leading minus, so in a 2019 table 二 row the sign pattern is part of the form; money may have up
   to six decimals and a unit (元/万元/亿元) at its end.  Whitespace in the run is a certain cell
   boundary; where the spaced groups are fewer than the cells (and more than one), a blank cell
   may also have been dropped at a space (one cell per line), so splits with blanks there are
   enumerated too.  A run that only one split fits is read as that split: it is certain, and a
   relation it breaks stays visible to the checker.
2. *The row's own relations.*  Where several splits fit, a split is kept only when it is the one
   that satisfies every check of the row (the row-wise relations of ``rules.checks_for`` whose
   cells all lie in the run: R3 for a table 三 row, R4 for each group of table 四 printed as one
   run of 15 or three runs of 5).  No split satisfying them: the row stays unread (a genuine
   error in the published table stays visible as "not checkable", never forced into agreement).
3. *Column relations* (R1, R2: ``Per.COLUMN`` checks of one report) settle, in
   :func:`settle_table`, only rows that step 2 left with several candidates, and only a row on which
   every combination of the open rows' candidates that satisfies them agrees (where exactly one
   combination satisfies them, that is every open row).  A check with a cell that is unread,
   blank or outside the runs is not used.  No satisfying combination: nothing more is settled.

Nothing here knows a label: the columns, their forms and the relations come from the taxonomy and
the rules (国办公开办函〔2021〕30号 / 〔2019〕60号 templates; R1-R4 in ``schemas/rules-*.json``).

Bounds (time is bounded whatever the run holds): a run of more than :data:`MAX_RUN_CHARS`
characters (whitespace aside) is not split; forms are checked by dynamic programming over
(column, position), ``O(columns × chars × MAX_CELL_CHARS)``; the search for splits satisfying the
row's relations visits at most :data:`MAX_STEPS` partial splits; at most :data:`MAX_KEPT`
candidates are kept per row; the column stage tries at most :data:`MAX_COMBINATIONS` combinations.
Beyond any bound the row is left unread (reason ``TOO_MANY``), never guessed.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache

import attrs

from disclosure_schema.model import Value
from disclosure_schema.rules import checks_for
from disclosure_schema.taxonomy import Cell, Column, Kind, Per

from .numbers import parse_value

__all__ = [
    "MAX_COMBINATIONS",
    "MAX_KEPT",
    "MAX_RUN_CHARS",
    "MAX_STEPS",
    "Outcome",
    "Reason",
    "Run",
    "Settled",
    "Unsettled",
    "figure_allowed",
    "settle_row",
    "settle_table",
]

MAX_RUN_CHARS = 96
"""Longest run split, whitespace aside: table 四's 15 cells of up to six digits each fit."""
MAX_CELL_CHARS = 24
"""Longest part tried for one cell: 15 digits, a point, six decimals and a two-character unit."""
MAX_STEPS = 20_000
"""Partial splits the relation search may visit for one run."""
MAX_KEPT = 64
"""Candidate splits kept for one row (listed in notes, tried by the column stage)."""
MAX_COMBINATIONS = 4096
"""Combinations of open rows' candidates the column stage may try for one table."""

_FORMS: dict[Kind, re.Pattern[str]] = {
    Kind.MONEY: re.compile(r"(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?(?:元|万元|亿元)?"),
}
"""Money's number form; counts (``0|[1-9][0-9]{0,14}``, signed with one leading ``-``) are matched by :func:`_ends`."""
_DIGITS = frozenset("0123456789")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_FIGURE_CHARS = re.compile(r"[0-9.\-元万亿]+")


class Reason(enum.Enum):
    """Why a run was left unread."""

    NO_FIT = "no_fit"
    """No split fits the columns' number forms (a stray character, a leading zero, too few digits)."""
    INCONSISTENT = "inconsistent"
    """Splits fit the forms, but none satisfies the row's own relations: the published row disagrees with itself."""
    SEVERAL = "several"
    """More than one split fits the forms and the relations that could be used."""
    TOO_MANY = "too_many"
    """The run is longer, or has more splits, than the bounds allow examining."""


@attrs.frozen
class Run:
    """One run of run-together cells: the taxonomy's cells in printed order and the printed text."""

    cells: tuple[Cell, ...]
    text: str
    """As printed, whitespace kept (a certain boundary)."""


@attrs.frozen
class Settled:
    """A run read with certainty: one text per cell (for ``parse_value``) and the checks it took."""

    cells: tuple[str, ...]
    checks: tuple[str, ...] = ()
    """Ids of the checks (``R3/received``, ``R4/administrative_review``, ``R2/natural_person``) used to
    choose the split; empty when the forms alone allow one split.  These checks are not verified."""
    by_form: bool = False
    """Whether the split needed the forms (not one cell per whitespace group or per digit)."""


@attrs.frozen
class Unsettled:
    """A run left unread, with why and the splits that remain possible."""

    reason: Reason
    candidates: tuple[tuple[str, ...], ...] = ()
    """Up to :data:`MAX_KEPT` splits: those satisfying the row's relations (``SEVERAL``) or fitting the
    forms (``INCONSISTENT``; ``SEVERAL`` where the row has no relation of its own)."""
    total: int = 0
    """How many such splits there are in all (``candidates`` may hold fewer)."""
    options: tuple[frozenset[Value], ...] = ()
    """Per cell, every value it takes in some split that fits the forms (for narrative figures)."""
    checks: tuple[str, ...] = ()
    """Ids of the row's checks that ruled splits out before several were still left."""
    relations: tuple[str, ...] = ()
    """Ids of every check that was tried on the row (named in the note)."""


Outcome = Settled | Unsettled


def figure_allowed(figure: int | Decimal, options: frozenset[Value]) -> bool:
    """Whether a figure quoted in the narrative agrees with some reading of an unread cell.

    ``options`` is :attr:`Unsettled.options` for the cell.  A figure no candidate allows is a
    mismatch whatever the split; one that some candidate allows says nothing either way.
    """
    return any(option is not None and option == figure for option in options)


# --- forms --------------------------------------------------------------------------------


def _clean(group: str) -> str:
    return unicodedata.normalize("NFKC", group).translate(_MINUS)


def _ends(s: str, a: int, limit: int, kind: Kind, digits_end: Sequence[int] | None = None) -> list[int]:
    """Every ``b <= limit`` such that ``s[a:b]`` fits the number form of ``kind``.

    ``digits_end[i]``, where given, is where the run of digits from ``i`` ends (see :func:`_digits_end`)."""
    if kind is Kind.MONEY:
        form = _FORMS[kind]
        return [b for b in range(a + 1, limit + 1) if form.fullmatch(s, a, b)]
    start = a + 1 if kind is Kind.SIGNED_COUNT and s.startswith("-", a) else a
    if start >= limit or s[start] not in _DIGITS or (start > a and s[start] == "0"):
        return []
    if s[start] == "0":
        return [start + 1]
    run = _digits_end(s)[start] if digits_end is None else digits_end[start]
    return list(range(start + 1, min(limit, start + 15, run) + 1))  # a count of up to 15 digits


def _digits_end(s: str) -> list[int]:
    """For each position of ``s``, the position of the first character from there on that is no digit."""
    out = [len(s)] * (len(s) + 1)
    for i in range(len(s) - 1, -1, -1):
        out[i] = out[i + 1] if s[i] in _DIGITS else i
    return out


class _Forms:
    """Which parts of the run fit which column, and how many splits fit the forms (dynamic programming).

    With ``blanks``, a column may also take no part at all where the run has a boundary (a blank
    cell, which a one-cell-per-line print drops without a trace); its part is then ``""``.
    """

    def __init__(self, groups: list[str], columns: Sequence[Column], blanks: bool = False) -> None:
        self.s = s = "".join(groups)
        self.columns = columns
        self.blanks = blanks
        n, k = len(s), len(columns)
        inner: set[int] = set()
        pos = 0
        for group in groups[:-1]:
            pos += len(group)
            inner.add(pos)
        # ends[c][a]: every b such that s[a:b] fits column c and crosses no whitespace boundary.
        bounds = sorted(inner)
        limit = []
        for a in range(n + 1):  # the end of the cell's reach, or the next whitespace boundary after a
            following = bisect.bisect_right(bounds, a)
            limit.append(min(n, a + MAX_CELL_CHARS, bounds[following] if following < len(bounds) else n))
        digits_end = _digits_end(s)
        by_kind = {kind: [_ends(s, a, limit[a], kind, digits_end) for a in range(n + 1)]
                   for kind in {c.kind for c in columns}}
        if blanks:
            for a in {0, n, *inner}:
                for ends in by_kind.values():
                    ends[a].insert(0, a)
        self.ends: list[list[list[int]]] = [by_kind[column.kind] for column in columns]
        # count[c][a]: splits of s[a:] into columns c.. (a split is feasible where it is > 0).
        count = self.count = [[0] * (n + 1) for _ in range(k + 1)]
        count[k][n] = 1
        for c in range(k - 1, -1, -1):
            after = count[c + 1].__getitem__
            count[c] = [sum(map(after, ends_at)) for ends_at in self.ends[c]]
        # live[c][a]: the ends from which the rest of the run still splits into the columns after c.
        self.live = [[[b for b in ends_at if after_c[b]] for ends_at in ends_c]
                     for ends_c, after_c in zip(self.ends, count[1:], strict=True)]
        # reach[c][a]: s[:a] splits into columns ..c-1.
        reach = self.reach = [[False] * (n + 1) for _ in range(k + 1)]
        reach[0][0] = True
        for c in range(k):
            here, there = reach[c], reach[c + 1]
            for a, ends_at in enumerate(self.ends[c]):
                if here[a]:
                    for b in ends_at:
                        there[b] = True

    @property
    def total(self) -> int:
        return self.count[0][0]

    def options(self) -> tuple[frozenset[Value], ...]:
        out = []
        n = len(self.s)
        for c, column in enumerate(self.columns):
            values = {None if a == b else int(self.s[a:b]) if column.kind is not Kind.MONEY
                      else parse_value(self.s[a:b], column).value
                      for a in range(n + 1) if self.reach[c][a]
                      for b in self.live[c][a]}
            out.append(frozenset(values))
        return tuple(out)

    def splits(self) -> Iterator[tuple[str, ...]]:
        """Every split that fits the forms, in order (the caller stops early)."""
        k = len(self.columns)
        parts: list[str] = []

        def visit(c: int, a: int) -> Iterator[tuple[str, ...]]:
            if c == k:
                yield tuple(parts)
                return
            for b in self.live[c][a]:
                parts.append(self.s[a:b])
                yield from visit(c + 1, b)
                parts.pop()

        return visit(0, 0)


# --- relations ----------------------------------------------------------------------------


@attrs.frozen
class _Constraint:
    """A check over positions of the run: ``value[target] == Σ sign × value[index]``."""

    id: str
    target: int
    terms: tuple[tuple[int, int], ...]
    non_negative: bool
    """Whether every term is a count added (then no partial sum may exceed the target)."""

    @property
    def last(self) -> int:
        return max(self.target, *(i for i, _ in self.terms))

    @property
    def contiguous(self) -> bool:
        """Whether the terms are the columns just before the target, each once (R3 and R4 as printed)."""
        indices = sorted(i for i, _ in self.terms)
        return indices == list(range(self.target - len(indices), self.target))

    @property
    def forward(self) -> bool:
        """Whether the target is printed after every term (R3's 总计, R4's 总计): its text is then forced."""
        return all(i < self.target for i, _ in self.terms)

    def expected(self, values: Sequence[int | None]) -> int | None:
        total = 0
        for i, sign in self.terms:
            value = values[i]
            if value is None:
                return None
            total += sign * value
        return total

    def holds(self, values: Sequence[int | None]) -> bool:
        expected = self.expected(values)
        return expected is None or values[self.target] is None or values[self.target] == expected


@attrs.frozen
class _Check:
    """A check of one report over counts, by pointers (computed once per edition)."""

    id: str
    per: Per
    target: str
    terms: tuple[tuple[str, int], ...]
    non_negative: bool


@cache
def _checks(edition_id: str) -> tuple[_Check, ...]:
    """The checks that may settle a split: one report's (not last year's), over counts (not money)."""
    out = []
    for check in checks_for(edition_id):
        cells = (check.target, *(op.cell for op in check.operands))
        if check.relation.cross_year or any(op.previous for op in check.operands):
            continue
        if any(cell.kind is Kind.MONEY for cell in cells):
            continue
        out.append(_Check(check.id, check.relation.per, check.target.pointer,
                          tuple((op.cell.pointer, op.sign) for op in check.operands),
                          all(op.sign == 1 and op.cell.kind is Kind.COUNT for op in check.operands)))
    return tuple(out)


@cache
def _pointers(cells: tuple[Cell, ...]) -> tuple[str, ...]:
    """The cells' JSON pointers (the taxonomy's cells live as long as the program)."""
    return tuple(cell.pointer for cell in cells)


@cache
def _row_constraints(cells: tuple[Cell, ...], edition_id: str) -> tuple[_Constraint, ...]:
    """The row-wise checks whose cells all lie in ``cells``, by position (computed once per row and edition)."""
    index = {pointer: n for n, pointer in enumerate(_pointers(cells))}
    out = []
    for check in _checks(edition_id):
        if check.per is Per.ROW and check.target in index and all(p in index for p, _ in check.terms):
            out.append(_Constraint(check.id, index[check.target], tuple((index[p], sign) for p, sign in check.terms),
                                   check.non_negative))
    return tuple(out)


class _Budget(Exception):
    pass


_INTEGER = re.compile(r"-?[0-9]+")


def _int(text: str) -> int | None:
    return int(text) if _INTEGER.fullmatch(text) else None


def _search(forms: _Forms, constraints: Sequence[_Constraint]) -> tuple[list[tuple[str, ...]], int, set[str]]:
    """Splits fitting the forms and every constraint: (first MAX_KEPT, how many, ids that ruled one out).

    Depth first, column by column.  A constraint whose target comes after its terms fixes the
    target's text (``str`` of the sum).  One over counts also prunes a partial split that no place
    of the target can complete (see ``target_possible``), which keeps the search small.
    """
    s, n, k = forms.s, len(forms.s), len(forms.columns)
    integer = [column.kind is not Kind.MONEY for column in forms.columns]
    forced: dict[int, _Constraint] = {}
    by_last: list[list[_Constraint]] = [[] for _ in range(k)]
    # The bound assumes one character at least per column: not where blank cells may have been dropped.
    bounded = [con for con in constraints if con.forward and con.non_negative and not forms.blanks]
    bounding: list[list[int]] = [[] for _ in range(k)]  # column -> indices into ``bounded``
    for con in constraints:
        if con.forward and con.target not in forced:
            forced[con.target] = con
        else:
            by_last[con.last].append(con)
    for j, con in enumerate(bounded):
        for i, _ in con.terms:
            bounding[i].append(j)
    live = forms.live
    partial = [0] * len(bounded)
    numbers: dict[tuple[int, int], int | None] = {}
    window_cache: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    contiguous = [con.contiguous for con in bounded]
    parts: list[str] = [""] * k
    values: list[int | None] = [None] * k
    kept: list[tuple[str, ...]] = []
    used: set[str] = set()
    found = 0
    steps = 0

    def number(a: int, b: int) -> int | None:
        if (a, b) not in numbers:
            text = s[a:b]
            numbers[a, b] = int(text) if text and all(ch in _DIGITS for ch in text) else None
        return numbers[a, b]

    def windows(j: int, c: int, b: int) -> list[tuple[int, int]]:
        """The sums of the terms up to column ``c`` (ending at ``b``) that some place of the target completes.

        The terms after ``c`` are counts printed between ``b`` and the target's start ``x`` (in R3 and
        R4 they lie just before it), so they add at least 0 and at most the number ``s[b:x]`` reads
        as; a target printed as ``total`` then needs a sum so far in ``[total - rest, total]``.
        """
        key = (j, c, b)
        if key in window_cache:
            return window_cache[key]
        con = bounded[j]
        t = con.target
        between = t - c - 1  # columns still to come before the target, one character at least each
        last = n - (k - 1 - t)  # the target leaves one character for each column after it
        found: list[tuple[int, int]] = []
        for x in range(b + between, last):
            rest = number(b, x) if between else 0
            for y in live[t][x]:
                total = number(x, y)
                if y > last or total is None:
                    continue
                if contiguous[j] and rest is not None:
                    found.append((total - rest, total))
                else:
                    found.append((0, total))
        merged: list[tuple[int, int]] = []
        for low, high in sorted(found):
            if merged and low <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], high))
            else:
                merged.append((low, high))
        window_cache[key] = merged
        return merged

    def completes(j: int, c: int, b: int, so_far: int) -> bool:
        spans = window_cache.get((j, c, b))
        if spans is None:
            spans = windows(j, c, b)
        at = bisect.bisect_right(spans, (so_far, math.inf)) - 1
        return at >= 0 and spans[at][1] >= so_far

    def visit(c: int, a: int) -> None:
        nonlocal found, steps
        if c == k:
            found += 1
            if len(kept) < MAX_KEPT:
                kept.append(tuple(parts))
            return
        ends = live[c][a]
        con = forced.get(c)
        if con is not None:
            expected = con.expected(values)
            if expected is not None:
                text = str(expected)
                chosen = [b for b in ends if (b - a == len(text) and s.startswith(text, a)) or (b == a and expected == 0)]
                if len(chosen) < len(ends):
                    used.add(con.id)
                ends = chosen
        checks, bounds, whole = by_last[c], bounding[c], integer[c]
        for b in ends:
            steps += 1
            if steps > MAX_STEPS:
                raise _Budget
            parts[c] = text = s[a:b]
            value = values[c] = (int(text) if text else 0) if whole else None  # a blank counts 0, as in the checker
            added = value or 0
            failed = [other.id for other in checks if not other.holds(values)] if checks else []
            for j in bounds:
                if not completes(j, c, b, partial[j] + added):
                    failed.append(bounded[j].id)
            if failed:
                used.update(failed)
                continue
            for j in bounds:
                partial[j] += added
            visit(c + 1, b)
            for j in bounds:
                partial[j] -= added

    visit(0, 0)
    return kept, found, used


# --- one row ------------------------------------------------------------------------------


def settle_row(run: Run, edition_id: str) -> Outcome:
    """Read one run by forms and the row's own relations (steps 1 and 2 of the module docstring)."""
    columns = [cell.column for cell in run.cells]
    groups = run.text.split()
    if not groups:
        return Settled(("",) * len(columns))
    if len(groups) == len(columns):
        return Settled(tuple(groups))
    cleaned = [_clean(g) for g in groups]
    if not all(_FIGURE_CHARS.fullmatch(g) for g in cleaned):
        return Unsettled(Reason.NO_FIT)
    constraints = _row_constraints(run.cells, edition_id)
    if len(groups) > len(columns):
        return _joined(cleaned, run, constraints)
    # Fewer spaced groups than cells: cells may run together inside a group, or blank cells may
    # have been dropped between groups (one cell per line); both are enumerated.
    blanks = 1 < len(groups) < len(columns)
    digits = "".join(cleaned)
    if not blanks and len(digits) == len(columns) and all(ch in _DIGITS for ch in digits):
        return _only(tuple(digits), constraints, by_form=False)  # one digit per cell: no other split exists
    if len(digits) > MAX_RUN_CHARS:
        return Unsettled(Reason.TOO_MANY)
    if not blanks and len(digits) < len(columns):
        return Unsettled(Reason.NO_FIT)  # each cell takes one character at least: no split fits
    forms = _Forms(cleaned, columns, blanks)
    if forms.total == 0:
        return Unsettled(Reason.NO_FIT)
    if forms.total == 1:
        return _only(next(forms.splits()), constraints, by_form=blanks or len(forms.s) != len(columns))
    ids = tuple(c.id for c in constraints)
    options = forms.options()
    if not constraints:
        return Unsettled(Reason.SEVERAL, tuple(itertools.islice(forms.splits(), MAX_KEPT)), forms.total, options)
    try:
        kept, found, used = _search(forms, constraints)
    except _Budget:
        return Unsettled(Reason.TOO_MANY, (), forms.total, options, relations=ids)
    if found == 1:
        return Settled(kept[0], tuple(c for c in ids if c in used) or ids, by_form=True)
    if found == 0:
        listed = tuple(itertools.islice(forms.splits(), MAX_KEPT))
        return Unsettled(Reason.INCONSISTENT, listed, forms.total, options, relations=ids)
    return Unsettled(Reason.SEVERAL, tuple(kept), found, options, tuple(c for c in ids if c in used), ids)


def _values_of(cells: Sequence[str]) -> list[int | None]:
    return [_int(text) if text else None for text in cells]


def _only(cells: tuple[str, ...], constraints: Sequence[_Constraint], *, by_form: bool) -> Outcome:
    """The one split the forms allow: kept only when the row's own relations hold on it.

    Issue 8: a split is kept only when exactly one satisfies the row's relations; a row whose digits
    fit no consistent split stays unread (its relations then "not checkable"), because a run that was
    cut or wrapped by the crawler cannot be told from a published error.
    """
    values = _values_of(cells)
    if constraints and not all(c.holds(values) for c in constraints):
        return Unsettled(Reason.INCONSISTENT, (cells,), 1, relations=tuple(c.id for c in constraints))
    return Settled(cells, tuple(c.id for c in constraints), by_form=by_form)


MAX_JOINS = 4096
"""Ways of joining line-wrapped groups tried for one row (groups choose cells: C(groups - 1, cells - 1))."""


def _joined(groups: list[str], run: Run, constraints: Sequence[_Constraint]) -> Outcome:
    """More printed groups than cells: a figure wrapped over two lines (``1`` / ``62`` for 162).

    Each way of joining neighbouring groups into as many parts as cells is tried; every part must fit
    its column's number form, and the row's own relations must pick exactly one (without a relation
    of its own, a wrapped row is never joined).
    """
    count = len(run.cells)
    if not constraints or math.comb(len(groups) - 1, count - 1) > MAX_JOINS:
        return Unsettled(Reason.NO_FIT if not constraints else Reason.TOO_MANY)
    fitting: list[tuple[str, ...]] = []
    for cuts in itertools.combinations(range(1, len(groups)), count - 1):
        bounds = (0, *cuts, len(groups))
        parts = tuple("".join(groups[a:b]) for a, b in itertools.pairwise(bounds))
        if not all(_fits(part, cell.column) for part, cell in zip(parts, run.cells, strict=True)):
            continue
        values = _values_of(parts)
        if all(c.holds(values) for c in constraints):
            fitting.append(parts)
    ids = tuple(c.id for c in constraints)
    if len(fitting) == 1:
        return Settled(fitting[0], ids, by_form=True)
    reason = Reason.INCONSISTENT if not fitting else Reason.SEVERAL
    return Unsettled(reason, tuple(fitting[:MAX_KEPT]), len(fitting), relations=ids)


def _fits(part: str, column: Column) -> bool:
    """Whether a joined part has its column's number form (counts: no leading zero but 0 itself)."""
    if column.kind is Kind.MONEY:
        return bool(re.fullmatch(r"\d+(\.\d+)?(元|万元|亿元)?", part))
    if column.kind is Kind.SIGNED_COUNT:
        return bool(re.fullmatch(r"-?(0|[1-9]\d*)", part))
    return bool(re.fullmatch(r"0|[1-9]\d*", part))


# --- a whole table ------------------------------------------------------------------------


def settle_table(runs: Sequence[Run], edition_id: str) -> tuple[Outcome, ...]:
    """Every run of one table: each by its own row, then the open ones by the column relations.

    ``runs`` are all the runs read from one table (rows not printed are simply absent: the checks
    touching them are not used).  The result is in the order of ``runs``.
    """
    outcomes = [settle_row(run, edition_id) for run in runs]
    return tuple(_settle_columns(runs, outcomes, edition_id))


def _known(run: Run, outcome: Settled) -> Iterator[tuple[str, int | None]]:
    for cell, pointer, text in zip(run.cells, _pointers(run.cells), outcome.cells, strict=True):
        value = _int(text) if cell.kind is not Kind.MONEY else None
        if value is None and text.strip() and cell.kind is not Kind.MONEY:
            parsed = parse_value(text, cell.column).value  # a certain cell printed as "1,234" or "５"
            value = parsed if isinstance(parsed, int) else None
        yield pointer, value


def _settle_columns(runs: Sequence[Run], outcomes: list[Outcome], edition_id: str) -> list[Outcome]:
    slot: dict[str, tuple[int, int]] = {}  # pointer of a cell of an open row -> (open row, position)
    open_rows: list[int] = []
    for n, outcome in enumerate(outcomes):
        if isinstance(outcome, Unsettled) and outcome.reason is Reason.SEVERAL and len(outcome.candidates) == outcome.total:
            for position, pointer in enumerate(_pointers(runs[n].cells)):
                slot[pointer] = (len(open_rows), position)
            open_rows.append(n)
    if not open_rows:
        return outcomes
    known: dict[str, int | None] = {}  # only where some row is open: most tables have none
    for run, outcome in zip(runs, outcomes, strict=True):
        if isinstance(outcome, Settled):
            known.update(_known(run, outcome))
    checks = []
    for check in _checks(edition_id):
        if check.per is not Per.COLUMN:
            continue
        terms = [(check.target, -1), *check.terms]
        if any(p in slot for p, _ in terms) and all(p in slot or known.get(p) is not None for p, _ in terms):
            checks.append((check.id, terms))
    if not checks:
        return outcomes
    candidates: list[list[list[int | None]]] = []
    for n in open_rows:
        outcome = outcomes[n]
        assert isinstance(outcome, Unsettled)
        candidates.append([[_int(text) for text in split] for split in outcome.candidates])
    involved = sorted({slot[p][0] for _, terms in checks for p, _ in terms if p in slot})
    size = 1
    for r in involved:
        size *= len(candidates[r])
    if size > MAX_COMBINATIONS:
        return outcomes
    satisfying: list[dict[int, int]] = []
    used: set[str] = set()
    for combo in itertools.product(*(range(len(candidates[r])) for r in involved)):
        choice = dict(zip(involved, combo, strict=True))
        failed = [check_id for check_id, terms in checks if not _sum_zero(terms, choice, candidates, slot, known)]
        if failed:
            used.update(failed)
        else:
            satisfying.append(choice)
    if not satisfying:
        return outcomes
    result = list(outcomes)
    ordered = tuple(check_id for check_id, _ in checks if check_id in used)
    for r in involved:
        chosen = {choice[r] for choice in satisfying}
        if len(chosen) == 1:
            outcome = outcomes[open_rows[r]]
            assert isinstance(outcome, Unsettled)
            result[open_rows[r]] = Settled(outcome.candidates[chosen.pop()], outcome.checks + ordered, by_form=True)
    return result


def _sum_zero(terms: list[tuple[str, int]], choice: dict[int, int], candidates: list[list[list[int | None]]],
              slot: dict[str, tuple[int, int]], known: dict[str, int | None]) -> bool:
    """Whether ``Σ sign × value`` is 0 (target counted with -1); an unevaluable cell makes it hold."""
    total = 0
    for pointer, sign in terms:
        if pointer in slot:
            r, position = slot[pointer]
            value = candidates[r][choice[r]][position]
        else:
            value = known.get(pointer)
        if value is None:
            return True
        total += sign * value
    return total == 0
