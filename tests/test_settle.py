"""Settling run-together digits: forms, the row's own relations, the column relations, bounds.

The rows are the taxonomy's own (no label is typed here); the pingtan rows are those of the real
crawled report ``reports/pingtan-2021.txt`` whose HTML page gives the true cells.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from disclosure_schema_readers.document import Line
from disclosure_schema_readers.inline import read_inline
from disclosure_schema_readers.layout import layout_for
from disclosure_schema_readers.notes import Notes
from disclosure_schema_readers.rows import TableReading
from disclosure_schema_readers.settle import (
    MAX_RUN_CHARS,
    Reason,
    Run,
    Settled,
    Unsettled,
    figure_allowed,
    settle_row,
    settle_table,
)
from disclosure_schema_readers.values import CellValues, read_values
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_schema.rules import checks_for
from disclosure_schema.taxonomy import EDITIONS, Cell, Kind, Table

E2021 = EDITIONS["2021"]
E2019 = EDITIONS["2019"]
PROACTIVE = E2021.table("proactive_disclosure")
REQUESTS = E2021.table("requests")
REVIEW = E2021.table("review_and_litigation")

# Table 三 of pingtan-2021 as its crawled text prints it, row key -> run; the truth from its HTML page.
PINGTAN = {
    "received": ("640020470", (64, 0, 0, 2, 0, 4, 70)),
    "carried_over": ("0000000", (0,) * 7),
    "results/disclosed": ("270020130", (27, 0, 0, 2, 0, 1, 30)),
    "results/partially_disclosed": ("500000 5", (5, 0, 0, 0, 0, 0, 5)),
    "results/withheld/internal_affairs": ("1000001", (1, 0, 0, 0, 0, 0, 1)),
    "results/withheld/enforcement_files": ("6000006", (6, 0, 0, 0, 0, 0, 6)),
    "results/withheld/inquiry_matters": ("1000001", (1, 0, 0, 0, 0, 0, 1)),
    "results/unable_to_provide/not_held": ("220000325", (22, 0, 0, 0, 0, 3, 25)),
    "results/other_handling/other": ("1000001", (1, 0, 0, 0, 0, 0, 1)),
    "results/total": ("630020469", (63, 0, 0, 2, 0, 4, 69)),
    "carried_forward": ("1000001", (1, 0, 0, 0, 0, 0, 1)),
}


def row_cells(table: Table, row_key: str) -> tuple[Cell, ...]:
    return tuple(cell for cell in table.cells if cell.row.key == row_key)


def run(table: Table, row_key: str, text: str) -> Run:
    return Run(row_cells(table, row_key), text)


def values(outcome: Settled) -> tuple[int, ...]:
    return tuple(int(part) for part in outcome.cells)


def pingtan_runs() -> list[Run]:
    runs = []
    for row in REQUESTS.rows:
        text = PINGTAN.get(row.key, ("0000000",))[0]
        runs.append(run(REQUESTS, row.key, text))
    return runs


# --- forms ---------------------------------------------------------------------------------


def test_693665_under_three_count_columns_is_unread_with_every_candidate() -> None:
    outcome = settle_row(run(PROACTIVE, "article_20_1/normative_documents", "693665"), "2021")
    assert isinstance(outcome, Unsettled)
    assert outcome.reason is Reason.SEVERAL
    assert {("69", "3", "665"), ("69", "36", "65")} <= set(outcome.candidates)
    # Every way of cutting six digits into three non-empty parts, none with a leading zero here.
    assert outcome.total == len(outcome.candidates) == 10
    assert outcome.relations == ()  # table 二 (2021) has no relation of its own
    assert figure_allowed(665, outcome.options[2]) and figure_allowed(65, outcome.options[2])
    assert not figure_allowed(7, outcome.options[2])  # a narrative "7 件现行有效" is a mismatch whatever the split


def test_leading_zeros_are_refused() -> None:
    outcome = settle_row(run(PROACTIVE, "article_20_1/normative_documents", "0012"), "2021")
    assert outcome == Settled(("0", "0", "12"), (), by_form=True)  # 0|01|2 and 00|1|2 are no counts
    assert settle_row(run(PROACTIVE, "article_20_1/normative_documents", "0001"), "2021") == Unsettled(Reason.NO_FIT)


def test_one_digit_per_cell_and_whitespace_groups_are_certain() -> None:
    assert settle_row(run(PROACTIVE, "article_20_1/regulations", "000"), "2021") == Settled(("0", "0", "0"))
    assert settle_row(run(PROACTIVE, "article_20_1/regulations", " 69  3 665 "), "2021") == Settled(("69", "3", "665"))
    # Whitespace is a certain boundary: no cell spans "69 3665"'s space (693|665 and the like are gone);
    # with fewer spaced groups than cells, a blank cell may also have been dropped at a space.
    outcome = settle_row(run(PROACTIVE, "article_20_1/regulations", "69 3665"), "2021")
    assert isinstance(outcome, Unsettled)
    assert set(outcome.candidates) == {("6", "9", "3665"), ("69", "3", "665"), ("69", "36", "65"), ("69", "366", "5"),
                                       ("", "69", "3665"), ("69", "", "3665"), ("69", "3665", "")}


def test_spaced_figures_fewer_than_cells_may_be_dropped_blanks() -> None:
    # A one-cell-per-line print of 13|0|1|0|14 with two blank cells dropped: one digit per cell
    # (1|3|0|1|0|1|4) is no longer the only reading, and R3 cannot tell where the blanks were.
    cells = row_cells(E2019.table("requests"), "results/other_handling")
    outcome = settle_row(Run(cells, "13\n0\n1\n0\n14"), "2019")
    assert isinstance(outcome, Unsettled) and outcome.reason is Reason.SEVERAL
    assert ("13", "0", "1", "0", "", "", "14") in outcome.candidates
    assert ("1", "3", "0", "1", "0", "1", "4") not in outcome.candidates  # R3 rules it out
    # Pingtan's "500000 5": R3 leaves one reading (5|0|0|0|0|0|5), and says so.
    partly = settle_row(run(REQUESTS, "results/partially_disclosed", "500000 5"), "2021")
    assert partly == Settled(("5", "0", "0", "0", "0", "0", "5"), ("R3/results/partially_disclosed",), by_form=True)


def test_blank_junk_and_too_many_groups() -> None:
    cells = "article_20_1/regulations"
    assert settle_row(run(PROACTIVE, cells, "  "), "2021") == Settled(("", "", ""))
    assert settle_row(run(PROACTIVE, cells, "12a45"), "2021") == Unsettled(Reason.NO_FIT)
    assert settle_row(run(PROACTIVE, cells, "1 2 3 4"), "2021") == Unsettled(Reason.NO_FIT)
    assert settle_row(run(PROACTIVE, cells, "6-93"), "2021") == Unsettled(Reason.NO_FIT)  # no minus in a count
    assert settle_row(run(PROACTIVE, cells, "1" * (MAX_RUN_CHARS + 1)), "2021") == Unsettled(Reason.TOO_MANY)


def test_signed_column_of_2019_table_2_takes_the_only_minus() -> None:
    table = E2019.table("proactive_disclosure")
    signed = [c for c in row_cells(table, "article_20_5/licensing") if c.kind is Kind.SIGNED_COUNT]
    assert len(signed) == 1 and signed[0].column.key == "change"
    outcome = settle_row(run(table, "article_20_5/licensing", "10-52"), "2019")
    assert outcome == Settled(("10", "-5", "2"), (), by_form=True)  # 1|0|-52 would put a minus in a count
    assert settle_row(run(table, "article_20_5/licensing", "12-3"), "2019") == Unsettled(Reason.NO_FIT)
    several = settle_row(run(table, "article_20_5/licensing", "12-345"), "2019")
    assert isinstance(several, Unsettled) and several.reason is Reason.SEVERAL
    assert all(split[0] == "12" and split[1].startswith("-") for split in several.candidates)


def test_money_keeps_decimals_and_unit_at_its_end() -> None:
    table = E2019.table("proactive_disclosure")
    outcome = settle_row(run(table, "article_20_9/procurement", "0125000.50元"), "2019")
    assert outcome == Settled(("0", "125000.50元"), (), by_form=True)
    several = settle_row(run(table, "article_20_9/procurement", "3125.5"), "2019")
    assert isinstance(several, Unsettled)
    assert set(several.candidates) == {("3", "125.5"), ("31", "25.5"), ("312", "5.5")}
    assert figure_allowed(Decimal("125.5"), several.options[1])
    assert settle_row(run(PROACTIVE, "article_20_8/fees", "24252.311082"), "2021") == Settled(("24252.311082",))


# --- the row's own relations ---------------------------------------------------------------


def test_pingtan_rows_settled_by_r3_alone_where_r3_leaves_one_split() -> None:
    received = settle_row(run(REQUESTS, "received", "640020470"), "2021")
    assert isinstance(received, Settled) and values(received) == PINGTAN["received"][1]
    assert received.checks == ("R3/received",)
    disclosed = settle_row(run(REQUESTS, "results/disclosed", "270020130"), "2021")
    assert isinstance(disclosed, Unsettled) and disclosed.reason is Reason.SEVERAL
    assert set(disclosed.candidates) == {("27", "0", "0", "2", "0", "1", "30"), ("2", "7", "0", "0", "20", "1", "30")}
    assert disclosed.checks == ("R3/results/disclosed",)


def test_table_3_row_is_never_forced_when_r3_fails() -> None:
    # 64+0+0+2+0+4 = 70 is printed as 71: no split of "640020471" satisfies R3.
    outcome = settle_row(run(REQUESTS, "received", "640020471"), "2021")
    assert isinstance(outcome, Unsettled) and outcome.reason is Reason.INCONSISTENT
    assert outcome.relations == ("R3/received",)
    assert ("64", "0", "0", "2", "0", "4", "71") in outcome.candidates


def test_single_form_split_is_read_even_against_r3_so_the_error_stays_visible() -> None:
    outcome = settle_row(run(REQUESTS, "received", "1000000"), "2021")
    assert outcome == Settled(("1", "0", "0", "0", "0", "0", "0"))  # the checker then reports R3


def test_table_4_one_run_of_15_and_three_runs_of_5_settled_by_r4() -> None:
    truth = ("1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0")
    outcome = settle_row(Run(REVIEW.cells, "10203120001200000"), "2021")
    assert isinstance(outcome, Settled)
    assert outcome.cells == truth
    assert set(outcome.checks) <= {"R4/administrative_review", "R4/litigation/direct", "R4/litigation/after_review"}
    assert "R4/administrative_review" in outcome.checks
    blocks = [Run(row_cells(REVIEW, row.key), text) for row, text in zip(REVIEW.rows, ("10203", "1200012", "00000"),
                                                                          strict=True)]
    outcomes = settle_table(blocks, "2021")
    assert all(isinstance(o, Settled) for o in outcomes)
    assert tuple(itertools.chain.from_iterable(o.cells for o in outcomes if isinstance(o, Settled))) == truth
    assert outcomes[1] == Settled(("12", "0", "0", "0", "12"), ("R4/litigation/direct",), by_form=True)
    # Spaced groups fewer than cells: blank cells may have been dropped, so R4 no longer settles it, and nothing is guessed.
    spaced = settle_row(Run(REVIEW.cells, "10203 120001200000"), "2021")
    assert isinstance(spaced, Unsettled) or spaced.cells == truth


def test_table_4_genuine_error_stays_unread() -> None:
    outcome = settle_row(Run(REVIEW.cells, "10204120001200000"), "2021")  # 1+0+2+0 printed as 4
    assert isinstance(outcome, Unsettled) and outcome.reason is Reason.INCONSISTENT


# --- column relations ----------------------------------------------------------------------


def test_pingtan_table_3_settled_jointly_every_cell_right() -> None:
    outcomes = settle_table(pingtan_runs(), "2021")
    by_row = {r.key: o for r, o in zip(REQUESTS.rows, outcomes, strict=True)}
    for key, (_, truth) in PINGTAN.items():
        outcome = by_row[key]
        assert isinstance(outcome, Settled), key
        assert values(outcome) == truth, key
    disclosed = by_row["results/disclosed"]
    assert isinstance(disclosed, Settled)
    assert disclosed.checks[0] == "R3/results/disclosed"
    assert "R2/natural_person" in disclosed.checks  # 27 + 36 = 63; 2 + 36 is not
    assert not any(c.startswith("R1/") for c in disclosed.checks)  # R1 ruled nothing out


def test_column_relation_not_used_through_an_unread_row() -> None:
    runs = pingtan_runs()
    total = next(n for n, row in enumerate(REQUESTS.rows) if row.key == "results/total")
    runs[total] = run(REQUESTS, "results/total", "630020479")  # R3 fails: the total row is unread
    outcomes = settle_table(runs, "2021")
    assert isinstance(outcomes[total], Unsettled) and outcomes[total].reason is Reason.INCONSISTENT
    for row, outcome in zip(REQUESTS.rows, outcomes, strict=True):
        if row.key in ("results/disclosed", "results/unable_to_provide/not_held"):
            assert isinstance(outcome, Unsettled) and outcome.reason is Reason.SEVERAL  # R2 needs the total row


def test_column_relation_with_no_satisfying_combination_settles_nothing() -> None:
    runs = pingtan_runs()
    other = next(n for n, row in enumerate(REQUESTS.rows) if row.key == "results/other_handling/other")
    runs[other] = run(REQUESTS, "results/other_handling/other", "2000002")  # R2 now fails in every combination
    outcomes = settle_table(runs, "2021")
    for row, outcome in zip(REQUESTS.rows, outcomes, strict=True):
        if row.key in ("results/disclosed", "results/unable_to_provide/not_held"):
            assert isinstance(outcome, Unsettled), row.key


# --- the inline reader ---------------------------------------------------------------------


# --- properties ----------------------------------------------------------------------------

_small = st.one_of(st.just(0), st.integers(0, 9), st.integers(0, 120), st.integers(0, 5000))


def _render(cells: tuple[int, ...], spaces: list[bool]) -> str:
    """The figures run together, with a space at the true boundaries ``spaces`` marks."""
    out = str(cells[0])
    for value, space in zip(cells[1:], itertools.cycle(spaces or [False])):
        out += (" " if space else "") + str(value)
    return out


_spaces = st.lists(st.sampled_from([False, False, False, True]), max_size=30)
"""Where spaces fall, cycled over the boundaries (mostly nowhere, as crawlers print)."""


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([r.key for r in REQUESTS.rows]), st.lists(_small, min_size=6, max_size=6), _spaces)
def test_consistent_table_3_row_is_settled_right_or_left_unread(key: str, parts: list[int], spaces: list[bool]) -> None:
    truth = (*parts, sum(parts))
    outcome = settle_row(run(REQUESTS, key, _render(truth, spaces)), "2021")
    if isinstance(outcome, Settled):
        assert values(outcome) == truth
    else:
        assert outcome.reason in (Reason.SEVERAL, Reason.TOO_MANY)
        if outcome.reason is Reason.SEVERAL and outcome.total == len(outcome.candidates):
            assert tuple(map(str, truth)) in outcome.candidates


@st.composite
def consistent_table_3(draw: st.DrawFn) -> dict[str, tuple[int, ...]]:
    """Every row of a 2021 table 三 with R1, R2 and R3 holding (mostly zeros, as published)."""
    results = [r.key for r in REQUESTS.rows if r.key.startswith("results/") and r.key != "results/total"]
    columns = len(REQUESTS.rows[0].columns) - 1
    figures = draw(st.lists(st.integers(0, 30).map(lambda v: v if v > 12 or v < 4 else 0),
                            min_size=(len(results) + 2) * columns, max_size=(len(results) + 2) * columns))
    rows: dict[str, list[int]] = {}
    for n, key in enumerate([*results, "carried_forward"]):
        rows[key] = figures[n * columns:(n + 1) * columns]
    rows["results/total"] = [sum(rows[k][c] for k in results) for c in range(columns)]
    due = [rows["results/total"][c] + rows["carried_forward"][c] for c in range(columns)]
    carried = figures[-columns:]
    rows["carried_over"] = [min(carried[c], due[c]) for c in range(columns)]
    rows["received"] = [due[c] - rows["carried_over"][c] for c in range(columns)]
    return {key: (*parts, sum(parts)) for key, parts in rows.items()}


@settings(max_examples=25, deadline=None)
@given(consistent_table_3(), _spaces)
def test_consistent_table_3_is_settled_right_or_left_unread_never_wrong(table: dict[str, tuple[int, ...]],
                                                                      spaces: list[bool]) -> None:
    runs = [run(REQUESTS, row.key, _render(table[row.key], spaces)) for row in REQUESTS.rows]
    for row, outcome in zip(REQUESTS.rows, settle_table(runs, "2021"), strict=True):
        if isinstance(outcome, Settled):
            assert values(outcome) == table[row.key], row.key


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([r.key for r in REQUESTS.rows]), st.lists(_small, min_size=7, max_size=7))
def test_any_row_settles_only_to_its_own_digits_and_relation(key: str, cells: list[int]) -> None:
    digits = "".join(map(str, cells))
    outcome = settle_row(run(REQUESTS, key, digits), "2021")
    if not isinstance(outcome, Settled):
        return
    assert "".join(outcome.cells) == digits
    if outcome.checks:  # settled by R3: the split read satisfies it, so an inconsistent truth was not read
        assert sum(values(outcome)[:-1]) == values(outcome)[-1]
    else:  # the forms allowed one split: the printed cells fit the forms, so it is theirs
        assert values(outcome) == tuple(cells)


def test_table_3_checks_of_the_rules_are_the_ones_used() -> None:
    ids = {c.id for c in checks_for("2021")}
    outcomes = settle_table(pingtan_runs(), "2021")
    used = set(itertools.chain.from_iterable(o.checks for o in outcomes if isinstance(o, Settled)))
    assert used and used <= ids


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="0123456789 -.", min_size=0, max_size=200), st.sampled_from(["review", "requests", "proactive"]))
def test_any_run_ends_and_never_invents_digits(text: str, which: str) -> None:
    cells = {"review": REVIEW.cells, "requests": row_cells(REQUESTS, "received"),
             "proactive": row_cells(PROACTIVE, "article_20_1/regulations")}[which]
    outcome = settle_row(Run(cells, text), "2021")
    if isinstance(outcome, Settled) and len(text.split()) != len(cells):
        assert "".join(outcome.cells) == "".join(text.split())


def test_long_runs_of_ones_end() -> None:
    for length in (20, 40, 60, MAX_RUN_CHARS):
        for cells in (REVIEW.cells, row_cells(REQUESTS, "received")):
            outcome = settle_row(Run(cells, "1" * length), "2021")
            assert isinstance(outcome, (Settled, Unsettled))
    outcome = settle_row(Run(REVIEW.cells, "1" * MAX_RUN_CHARS), "2021")
    assert isinstance(outcome, Unsettled) and outcome.reason is Reason.TOO_MANY


# --- through the reader: rows matched in running text, then the values stage ---------------


def read(lines: list[Line], tables: list[str]) -> tuple[CellValues, Notes]:
    reading, notes = TableReading(), Notes()
    read_inline(lines, layout_for("2021"), reading, notes, tables)
    return read_values(reading, E2021, notes, "t"), notes


def test_reader_records_settled_and_unread_cells() -> None:
    sections = {s.key: s.heading for s in E2021.sections}
    row3 = "".join(r.text + PINGTAN.get(r.key, ("0000000",))[0] for r in REQUESTS.rows)
    lines = [
        Line(sections["proactive_disclosure"], "t:1"),
        Line("".join(r.text + ("693665" if r.key.endswith("normative_documents") else "000")
                     for r in PROACTIVE.rows[:2]), "t:2"),
        Line(sections["requests"] + row3, "t:3"),
        Line(sections["review_and_litigation"], "t:4"),
    ]
    out, notes = read(lines, ["proactive_disclosure", "requests"])
    normative = {c.pointer for c in row_cells(PROACTIVE, "article_20_1/normative_documents")}
    assert normative <= set(out.unread) and not normative & set(out.values)
    assert out.candidates["/proactive_disclosure/article_20_1/normative_documents/in_force"] >= {665, 65}
    for key, (_, truth) in PINGTAN.items():
        assert tuple(out.values[c.pointer] for c in row_cells(REQUESTS, key)) == truth, key
    assert out.settled["/requests/received/total"] == ("R3/received",)
    assert "R2/natural_person" in out.settled["/requests/results/disclosed/other"]
    assert "/requests/carried_over/total" not in out.settled  # seven digits, seven cells: no relation used
    by_code = {(n.code, n.pointer): n for n in notes}
    unread = by_code[("cells.run_together", "/proactive_disclosure/article_20_1/normative_documents")]
    assert "693665" in unread.zh and "69 | 3 | 665" in unread.zh and "69 | 36 | 65" in unread.zh
    settled = by_code[("cells.settled", "/requests/results/disclosed")]
    assert REQUESTS.row_index["results/disclosed"].text in settled.zh and "R2/natural_person" in settled.zh
    assert "27 | 0 | 0 | 2 | 0 | 1 | 30" in settled.zh


def test_reader_on_a_hostile_run_ends_unread_and_quotes_it_short() -> None:
    sections = {s.key: s.heading for s in E2021.sections}
    row = REQUESTS.rows[0]
    lines = [Line(sections["requests"] + row.text + "1" * 5000, "t:1"), Line(sections["review_and_litigation"], "t:2")]
    out, notes = read(lines, ["requests"])
    assert {c.pointer for c in row_cells(REQUESTS, row.key)} <= set(out.unread)
    (note,) = [n for n in notes if n.code == "cells.run_together"]
    assert len(note.zh) < 400 and "…" in note.zh


def _review_lines(after_header: str) -> list[Line]:
    sections = {s.key: s.heading for s in E2021.sections}
    groups = "".join(dict.fromkeys(r.path[0].text for r in REVIEW.rows)) + "".join(r.path[-1].text for r in REVIEW.rows[1:])
    header = "".join(c.text for r in REVIEW.rows for c in r.columns)
    return [Line(sections["review_and_litigation"] + groups + header + after_header, "t:1"),
            Line(sections["problems_and_improvements"], "t:2")]


def test_reader_table_4_one_run_of_15_settled_by_r4() -> None:
    out, notes = read(_review_lines("10203120001200000"), ["review_and_litigation"])
    assert [out.values[c.pointer] for c in REVIEW.cells] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    assert "R4/administrative_review" in out.settled["/review_and_litigation/administrative_review/upheld"]
    assert any(n.code == "cells.settled" and "10203120001200000" in n.zh for n in notes)


def test_reader_row_printed_twice_keeps_its_first_reading() -> None:
    sections = {s.key: s.heading for s in E2021.sections}
    row = REQUESTS.rows[0]
    lines = [Line(sections["requests"] + row.text + "640020470" + row.text + "640020471", "t:1"),
             Line(sections["review_and_litigation"], "t:2")]
    out, _ = read(lines, ["requests"])
    assert tuple(out.values[c.pointer] for c in row_cells(REQUESTS, row.key)) == PINGTAN["received"][1]
    assert not {c.pointer for c in row_cells(REQUESTS, row.key)} & set(out.unread)


def test_r1_settles_the_carried_forward_row_r3_left_open() -> None:
    texts = {"received": "27 0 0 2 0 1 30", "carried_forward": "270020130"}  # spaced (certain) and run together
    runs = [run(REQUESTS, row.key, texts.get(row.key, "0000000")) for row in REQUESTS.rows]
    outcomes = dict(zip((r.key for r in REQUESTS.rows), settle_table(runs, "2021"), strict=True))
    forward = outcomes["carried_forward"]
    assert isinstance(forward, Settled) and values(forward) == (27, 0, 0, 2, 0, 1, 30)
    assert forward.checks[0] == "R3/carried_forward" and "R1/natural_person" in forward.checks
    assert not any(c.startswith("R2/") for c in forward.checks)
    alone = settle_row(run(REQUESTS, "carried_forward", "270020130"), "2021")
    assert isinstance(alone, Unsettled)  # R3 alone leaves 2|7|0|0|20|1|30 too


@settings(max_examples=150, deadline=None)
@given(_small, st.integers(-5000, 5000), _small)
def test_2019_table_2_row_with_a_signed_column_is_right_or_unread(previous: int, change: int, decisions: int) -> None:
    table = E2019.table("proactive_disclosure")
    truth = (previous, change, decisions)
    outcome = settle_row(run(table, "article_20_5/licensing", "".join(map(str, truth))), "2019")
    if isinstance(outcome, Settled):
        assert values(outcome) == truth  # no relation: settled only where the sign pattern and forms leave one split
    else:
        assert tuple(map(str, truth)) in outcome.candidates or outcome.total > len(outcome.candidates)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.just(0), st.integers(0, 40)), min_size=4, max_size=4), min_size=3, max_size=3))
def test_consistent_table_4_is_settled_right_or_left_unread(groups: list[list[int]]) -> None:
    truth = tuple(v for parts in groups for v in (*parts, sum(parts)))
    outcome = settle_row(Run(REVIEW.cells, "".join(map(str, truth))), "2021")
    if isinstance(outcome, Settled):
        assert values(outcome) == truth
