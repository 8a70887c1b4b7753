"""The kinds of ../shared/reference/cases/ printed to PDF by a web browser, ruled and unruled, each read as its case says.

Why: real PDFs come from more producers than Word and LibreOffice (``test_reader_kinds.py``).  A web
page printed from Chromium lays its tables out as the browser likes -- labels wrapped over many
lines, a row broken by a page break -- and a page whose tables have no borders prints no ruling
lines at all: the PDF reader has only the positions of the text to go by.  The PDFs are made once by
``tests/data/kinds/browser/make_pdfs.py`` from the pages of ``kinds_pages.py`` and held here to the
same checks as the Word and web-page readings: each case README's result, and the cells, unread
cells and verdict the text reader has on the case itself.

One kind reads differently without lines, on purpose: a row whose cells are all blank prints its
label alone, which without lines cannot be told from a row printed short (its cells missing); it is
left unread with a note, never read as blanks (``blank-and-ascii-cells.unruled``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from disclosure_schema_readers.document import Grid
from disclosure_schema_readers.pdf import PdfReader, pdf_document
from kinds_pages import BROWSER_STYLES, OFFICIAL_EXAMPLE, PAGES, browser_prints, official_digest, print_digest
from test_reader_kinds import CASES, CHECKS, blank_and_ascii_cells, row
from test_reader_kinds import read as read_kind

import disclosure_schema as ds
from disclosure_schema.plugins import ReadResult

DATA = Path(__file__).parent / "data" / "kinds" / "browser"
PRINTS = browser_prints()
EXAMPLE = Path(__file__).parents[1] / "examples" / OFFICIAL_EXAMPLE


@cache
def read(name: str) -> ReadResult:
    return PdfReader().read((DATA / f"{name}.pdf").read_bytes(), source=f"{name}.pdf")


def blank_and_ascii_cells_unruled(result: ReadResult) -> None:
    """As :func:`test_reader_kinds.blank_and_ascii_cells`, but the row of blank cells (``规章``) printed
    without lines is its label alone: unread, with a note that says why, never blanks."""
    report = result.report
    unread = report.reading.unread
    assert row(report.proactive_disclosure, "article_20_1/regulations") == [None, None, None]
    for column in ("issued", "repealed", "in_force"):
        assert f"/proactive_disclosure/article_20_1/regulations/{column}" in unread
    assert any(n.code == "pdf.row_without_figures" and "规章" in n.zh for n in result.notes)
    assert any(n.code == "row.short" and "规章" in n.zh for n in result.notes)
    assert row(report.proactive_disclosure, "article_20_1/normative_documents") == [12, 3, None]
    assert "/proactive_disclosure/article_20_1/normative_documents/in_force" in unread
    assert report.proactive_disclosure.get("article_20_5/licensing", "decisions") == 1234
    assert row(report.requests, "received") == [8, 0, 0, 0, 0, 0, 8]
    assert [n.code for n in result.notes].count("cell.unreadable") == 1


WITHOUT_LINES = {"blank-and-ascii-cells.unruled": blank_and_ascii_cells_unruled}
"""Prints read otherwise than the case says, because without lines less can be known (see the module docstring)."""


@pytest.mark.parametrize("name", sorted(PRINTS))
def test_kind_is_read_as_its_case_says(name: str) -> None:
    kind = PRINTS[name][0]
    WITHOUT_LINES.get(name, CHECKS[kind])(read(name))


def test_the_unruled_blank_row_check_fails_on_the_ruled_print() -> None:
    """The exception above is about lines: the same page printed with them reads the blank row as blanks."""
    blank_and_ascii_cells(read("blank-and-ascii-cells.ruled"))
    with pytest.raises(AssertionError):
        blank_and_ascii_cells_unruled(read("blank-and-ascii-cells.ruled"))


@pytest.mark.parametrize("name", sorted(n for n, (kind, _, _) in PRINTS.items() if kind != "pipe-paragraphs"))
def test_the_print_has_the_lines_its_style_says(name: str) -> None:
    """A ruled print's tables are read from their lines, an unruled one's from the text positions alone."""
    document, notes = pdf_document((DATA / f"{name}.pdf").read_bytes(), source=name)
    grids = [item.where for item in document if isinstance(item, Grid)]
    unruled = [where for where in grids if "unruled" in where]
    if PRINTS[name][1] == "unruled":
        assert grids and unruled == grids
        assert [n.code for n in notes].count("pdf.unruled_table") == len(grids)
    else:
        assert len(unruled) < len(grids)


@pytest.mark.parametrize("name", sorted(n for n, (kind, _, _) in PRINTS.items() if kind == "narrative"))
def test_a_row_broken_over_two_pages_is_joined(name: str) -> None:
    """Chromium breaks table 三's row over the page: its figures and first words end one page, the rest of
    its label opens the next (ruled or not); the row is read whole, with a note."""
    result = read(name)
    assert any(n.code == "pdf.row_over_pages" for n in result.notes)
    requests = result.report.requests
    assert requests.get("results/other_handling/no_correction", "total") == 10
    assert not [p for p in result.report.reading.unread if p.startswith("/requests/results/other_handling/no_correction")]


@pytest.mark.parametrize("name", sorted(n for n, (kind, _, _) in PRINTS.items() if kind in CASES))
def test_same_cells_as_the_text_reader_on_the_case(name: str) -> None:
    """Every cell read, every cell left unread, and the verdict, as the text reader has them on the case."""
    ours, theirs = read(name).report, read_kind(PRINTS[name][0], "text").report
    assert {c.pointer: v for c, v in ours.values()} == {c.pointer: v for c, v in theirs.values()}
    assert set(ours.reading.unread) == set(theirs.reading.unread)

    def verdict(report: ds.Report) -> tuple[bool, set[str]]:
        findings = ds.check(report)
        return not any(v.is_error for v in findings), {v.code for v in findings}

    assert verdict(ours) == verdict(theirs)


def test_committed_pdfs_are_of_the_current_pages() -> None:
    """A page changed without ``make_pdfs.py`` run again would test an old PDF."""
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    digest = official_digest(EXAMPLE.read_bytes())
    assert {manifest.pop(f"official.{style}") for style in BROWSER_STYLES} == {digest + style for style in BROWSER_STYLES}
    assert manifest == {name: print_digest(PAGES[kind], style, sheet) for name, (kind, style, sheet) in PRINTS.items()}
    assert all((DATA / f"{name}.pdf").is_file() for name in [*PRINTS, *(f"official.{s}" for s in BROWSER_STYLES)])


# -- the whole report in the template's layout, saved as a web page by LibreOffice (cells top-aligned,
# -- table 三's group labels in columns of their own) and printed by the browser


def test_official_layout_printed_ruled_every_cell() -> None:
    example = ds.load(EXAMPLE)
    result = read("official.ruled")
    assert {c.pointer: v for c, v in result.report.values()} == {c.pointer: v for c, v in example.values()}
    assert not result.report.reading.unread


def test_official_layout_printed_without_lines_every_cell() -> None:
    """Without lines, from the text positions alone: table 三's group labels (``三、本年度办理结果``,
    ``（三）不予公开``) print in columns of their own beside the row labels, cells top-aligned, a row
    broken by each page break under the repeated header."""
    example = ds.load(EXAMPLE)
    result = read("official.unruled")
    assert {c.pointer: v for c, v in result.report.values()} == {c.pointer: v for c, v in example.values()}
    assert not result.report.reading.unread
    assert "pdf.unruled_table" in [n.code for n in result.notes]
