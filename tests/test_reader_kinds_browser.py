"""The kinds of ../shared/reference/cases/ printed to PDF by a web browser, ruled and unruled, each read as its case says.

Why: real PDFs come from more producers than Word and LibreOffice (``test_reader_kinds.py``).  A web
page printed from Chromium lays its tables out as the browser likes -- labels wrapped over many
lines, a row broken by a page break -- and a page whose tables have no borders prints no ruling
lines at all: the PDF reader has only the positions of the text to go by.  The PDFs are made once by
``tests/data/kinds/browser/make_pdfs.py`` from the pages of ``kinds_pages.py`` and held here to the
same checks as the Word and web-page readings: each case README's result, and the cells, unread
cells and verdict the text reader has on the case itself.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from kinds_pages import PAGES, browser_prints, print_digest
from test_reader_kinds import CASES, CHECKS
from test_reader_kinds import read as read_kind

import disclosure_schema as ds
from disclosure_schema.plugins import ReadResult
from disclosure_schema_readers.pdf import PdfReader

DATA = Path(__file__).parent / "data" / "kinds" / "browser"
PRINTS = browser_prints()


@cache
def read(name: str) -> ReadResult:
    return PdfReader().read((DATA / f"{name}.pdf").read_bytes(), source=f"{name}.pdf")


@pytest.mark.parametrize("name", sorted(PRINTS))
def test_kind_is_read_as_its_case_says(name: str) -> None:
    kind = PRINTS[name][0]
    CHECKS[kind](read(name))


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
    assert manifest == {name: print_digest(PAGES[kind], style, sheet) for name, (kind, style, sheet) in PRINTS.items()}
    assert all((DATA / f"{name}.pdf").is_file() for name in PRINTS)
