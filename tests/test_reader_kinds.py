"""The kinds of ../shared/reference/cases/ as web pages, Word files and PDFs, each read as its case says.

Why: each reference case is a small text input, but it stands for a kind of fault that reaches every
reader (issue 8: "make each of these kinds work, in every reader where the kind can occur").  The
pages of ``kinds_pages.py`` print the same content as a publisher would in each format -- a
Word-exported page with ``<table>`` rows, a Word document built with python-docx, and that document
printed to PDF by LibreOffice (``tests/data/kinds/``, made by ``make_pdfs.py`` there) -- and each is
held to the result the case's README gives, and to the cells the text reader reads from the case.
The markdown case (``#`` marks) and the pipe-row layouts are kinds of text only; the text reader's
tests cover them (``test_reader_cases.py``), and ``pipe-paragraphs`` below checks that such rows
pasted into a page or a document are read the same.

What printing to PDF adds to a kind is tested too: a table row broken by a page break (the first
words of its label beside the figures, the rest over empty cells), table 三's header rows repeated on
each page, a figure wrapped inside a narrow cell of table 四, a heading run into a paragraph and cut by
a line end, and a short row drawn without its missing cells.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from conftest import reference
from disclosure_schema_readers.document import Grid
from disclosure_schema_readers.docx import DocxReader
from disclosure_schema_readers.html import HtmlReader
from disclosure_schema_readers.pdf import PdfReader
from disclosure_schema_readers.pdf_grid import page_items
from disclosure_schema_readers.pdf_page import Char
from disclosure_schema_readers.pdf_rules import Table
from kinds_pages import OFFICIAL_EXAMPLE, PAGES, docx_page, html_page, official_digest, page_digest

import disclosure_schema as ds
from disclosure_schema.plugins import ReadError, ReadResult
from disclosure_schema.sources import read_report

DATA = Path(__file__).parent / "data" / "kinds"
FORMATS = ("html", "docx", "pdf")


@cache
def read(kind: str, fmt: str) -> ReadResult:
    """The page of ``kind`` read by the reader of ``fmt`` (``text``: the reference case the kind is cut from)."""
    if fmt == "text":
        return read_report(reference("cases", CASES[kind]))
    page = PAGES[kind]
    if fmt == "html":
        return HtmlReader().read(html_page(page), source=f"{kind}.html")
    if fmt == "docx":
        return DocxReader().read(docx_page(page), source=f"{kind}.docx")
    return PdfReader().read((DATA / f"{kind}.pdf").read_bytes(), source=f"{kind}.pdf")


def codes(result: ReadResult) -> list[str]:
    return [n.code for n in result.notes]


def row(table: ds.TableData, key: str) -> list[ds.Value]:
    return [table.get(key, column.key) for column in table.spec.row_index[key].columns]


# -- what each case's README says, as a check on a reading ----------------------------------------


def no_title_line(result: ReadResult) -> None:
    report = result.report
    assert report.year == 2022 and report.title is None
    assert row(report.proactive_disclosure, "article_20_1/normative_documents") == [5, 12, 8]
    assert report.requests.get("received", "natural_person") == 8
    assert report.requests.get("received", "total") == 8
    assert any(n.code == "envelope.year" and "开头段落" in n.zh for n in result.notes)


def wrapped_title(result: ReadResult) -> None:
    report = result.report
    assert report.year == 2023
    assert report.title is not None and report.title.endswith("2023年政府信息公开工作年度报告")
    assert row(report.requests, "received") == [8, 0, 0, 0, 0, 0, 8]


def label_guifanxing_wenjian(result: ReadResult) -> None:
    report = result.report
    assert report.edition == "2021"
    assert row(report.proactive_disclosure, "article_20_1/normative_documents") == [8, 0, 18]
    assert row(report.proactive_disclosure, "article_20_1/regulations") == [0, 0, 0]
    assert any(n.code == "label.variant" and "行政规范性文件" in n.zh for n in result.notes)


def label_without_ordinal(result: ReadResult) -> None:
    requests = result.report.requests
    assert row(requests, "received") == [705, 3, 0, 0, 5, 0, 713]
    assert row(requests, "carried_over") == [36, 0, 0, 0, 0, 0, 36]
    assert row(requests, "results/disclosed") == [290, 1, 0, 0, 3, 0, 294]
    assert row(requests, "results/partially_disclosed") == [99, 0, 0, 0, 2, 0, 101]
    assert codes(result).count("label.unnumbered") == 4


def short_row(result: ReadResult) -> None:
    report = result.report
    for key in ("regulations", "normative_documents"):
        assert row(report.proactive_disclosure, f"article_20_1/{key}") == [None, None, None]
        for column in ("issued", "repealed", "in_force"):
            assert f"/proactive_disclosure/article_20_1/{key}/{column}" in report.reading.unread
    shorts = [n for n in result.notes if n.code == "row.short"]
    assert len(shorts) == 2 and all("2 个数值" in n.zh and "3 栏" in n.zh for n in shorts)


def table4_note(result: ReadResult) -> None:
    table = result.report.review_and_litigation
    assert [v for _, v in table.items()] == [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]
    blocks = result.report.sections["review_and_litigation"].blocks
    assert any(block.text.startswith("注") for block in blocks)
    assert not [p for p in result.report.reading.unread if p.startswith("/review_and_litigation/")]


def table4_three_tables(result: ReadResult) -> None:
    report = result.report
    assert [v for _, v in report.review_and_litigation.items()] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 1, 0, 0, 1]
    assert any(b.text.startswith("注") for b in report.sections["review_and_litigation"].blocks)
    assert "problems_and_improvements" in report.sections


def heading_variants(result: ReadResult) -> None:
    report = result.report
    assert {"overview", "review_and_litigation", "problems_and_improvements", "other_matters"} <= set(report.sections)
    assert report.review_and_litigation.get("litigation/direct", "total") == 12
    assert report.review_and_litigation.get("administrative_review", "total") == 3
    variants = [n.zh for n in result.notes if n.code == "section.heading"]
    assert any("行政法复议" in zh for zh in variants) and any("整改措施" in zh for zh in variants)


def narrative(result: ReadResult) -> None:
    assert "narrative.mismatch" not in codes(result)
    requests = result.report.requests
    assert row(requests, "received") == [32, 2, 0, 0, 0, 0, 34]
    assert requests.get("results/disclosed", "total") == 9
    assert requests.get("results/total", "total") == 35


def narrative_contradiction(result: ReadResult) -> None:
    mismatches = [n for n in result.notes if n.code == "narrative.mismatch"]
    assert len(mismatches) == 1 and "40" in mismatches[0].zh and "182" not in mismatches[0].zh


def blank_as_zero(result: ReadResult) -> None:
    report = result.report
    unread = report.reading.unread
    assert "/requests/results/disclosed/natural_person" in unread
    assert "/requests/received/natural_person" not in unread
    assert report.requests.get("results/total", "natural_person") == 710
    findings = ds.check(report)
    assert not [v for v in findings if v.is_error]
    assert {"R1.not_checkable", "R2.not_checkable"} & {v.code for v in findings}
    assert not any("应为 -" in v.message() for v in findings)


def pipe_paragraphs(result: ReadResult) -> None:
    table = result.report.proactive_disclosure
    assert row(table, "article_20_1/regulations") == [0, 0, 0]
    assert row(table, "article_20_1/normative_documents") == [2, 1, 15]
    assert table.get("article_20_6/penalties", "decisions") == 1472


def odd_cells(result: ReadResult) -> None:
    report = result.report
    proactive = report.proactive_disclosure
    assert row(proactive, "article_20_1/regulations") == [0, 0, 0]
    # 1,234 read without its separator; "—" and "/" are published blanks, not unread and not 0
    assert row(proactive, "article_20_1/normative_documents") == [1234, None, None]
    assert not [p for p in report.reading.unread if p.startswith("/proactive_disclosure/article_20_1/")]
    assert codes(result).count("cell.dash") == 2
    assert row(report.requests, "received") == [1205, 3, 0, 0, 5, 0, 1213]
    assert row(report.requests, "carried_over") == [36, 0, 0, 0, 0, 0, 36]


def blank_and_ascii_cells(result: ReadResult) -> None:
    report = result.report
    proactive = report.proactive_disclosure
    unread = report.reading.unread
    # blank however printed: None, and read (not unread)
    assert row(proactive, "article_20_1/regulations") == [None, None, None]
    assert not [p for p in unread if p.startswith("/proactive_disclosure/article_20_1/regulations/")]
    # "1 5" is one figure or two: unread, never 15
    assert row(proactive, "article_20_1/normative_documents") == [12, 3, None]
    assert "/proactive_disclosure/article_20_1/normative_documents/in_force" in unread
    assert proactive.get("article_20_5/licensing", "decisions") == 1234
    assert row(report.requests, "received") == [8, 0, 0, 0, 0, 0, 8]
    assert codes(result).count("cell.unreadable") == 1


CHECKS: dict[str, Callable[[ReadResult], None]] = {
    "blank-and-ascii-cells": blank_and_ascii_cells,
    "no-title-line": no_title_line,
    "wrapped-title": wrapped_title,
    "label-guifanxing-wenjian": label_guifanxing_wenjian,
    "label-without-ordinal": label_without_ordinal,
    "short-row": short_row,
    "table4-note": table4_note,
    "table4-three-tables": table4_three_tables,
    "heading-variants": heading_variants,
    "inline-headings": heading_variants,
    "narrative": narrative,
    "narrative-contradiction": narrative_contradiction,
    "blank-as-zero": blank_as_zero,
    "pipe-paragraphs": pipe_paragraphs,
    "odd-cells": odd_cells,
    "odd-cells-paragraphs": odd_cells,
}

CASES = {
    "no-title-line": "no-title-line.txt",
    "label-guifanxing-wenjian": "label-guifanxing-wenjian.html",
    "label-without-ordinal": "label-without-ordinal.txt",
    "short-row": "table2-short-pipe-row.txt",
    "table4-note": "table4-followed-by-note.txt",
    "narrative": "narrative-false-match.txt",
    "blank-as-zero": "validate-blank-as-zero.txt",
    "pipe-paragraphs": "pipe-rows-no-leading-bar.txt",
}
"""Each kind cut from a reference case, and the case."""


def test_every_page_has_a_check() -> None:
    assert set(CHECKS) == set(PAGES)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_kind_is_read_as_its_case_says(kind: str, fmt: str) -> None:
    CHECKS[kind](read(kind, fmt))


@pytest.mark.parametrize("kind", sorted(CASES))
def test_the_checks_hold_on_the_reference_case(kind: str) -> None:
    """The checks above are the cases' own results: the text reader passes them on the case itself."""
    CHECKS[kind](read(kind, "text"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", sorted(CASES))
def test_same_cells_as_the_text_reader_on_the_case(kind: str, fmt: str) -> None:
    """Every cell read, every cell left unread, and the verdict, as the text reader has them on the case."""
    ours, theirs = read(kind, fmt).report, read(kind, "text").report
    assert {c.pointer: v for c, v in ours.values()} == {c.pointer: v for c, v in theirs.values()}
    assert set(ours.reading.unread) == set(theirs.reading.unread)

    def verdict(report: ds.Report) -> tuple[bool, set[str]]:
        findings = ds.check(report)
        return not any(v.is_error for v in findings), {v.code for v in findings}

    assert verdict(ours) == verdict(theirs)


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_tab_and_space_paragraphs_are_not_a_report(fmt: str) -> None:
    page = ("\ta", "\t ")
    reader, data = (HtmlReader(), html_page(page)) if fmt == "html" else (DocxReader(), docx_page(page))
    with pytest.raises(ReadError) as info:
        reader.read(data, source=f"blank.{fmt}")
    assert "read.not_a_report" in [n.code for n in info.value.notes]


def test_committed_pdfs_are_of_the_current_pages() -> None:
    """A page changed without ``make_pdfs.py`` run again would test an old PDF."""
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    example = (Path(__file__).parents[1] / "examples" / OFFICIAL_EXAMPLE).read_bytes()
    assert manifest.pop("official-repeated-header") == official_digest(example)
    assert manifest == {kind: page_digest(page) for kind, page in PAGES.items()}
    assert all((DATA / f"{kind}.pdf").is_file() for kind in PAGES)


def test_a_crawled_page_title_naming_only_the_site_is_not_the_report_title() -> None:
    page = html_page(PAGES["no-title-line"]).replace(b"<head>", "<head><title>某某市人民政府门户网站</title>".encode())
    no_title_line(HtmlReader().read(page, source="crawled.html"))


def test_a_row_printed_short_in_pdf_is_not_a_row_of_blank_cells() -> None:
    """The PDF of a Word row with fewer cells draws no rectangle after them: nothing is placed left to right."""
    result = read("short-row", "pdf")
    assert not [v for _, v in result.report.proactive_disclosure.items() if v is not None]


# -- the official layout printed to PDF: table 三 over pages with its header repeated, table 四 wrapped


def test_official_layout_over_pages_every_cell() -> None:
    """Word repeats table 三's header rows on each page and breaks the figures of table 四's narrow cells."""
    example = ds.load(Path(__file__).parents[1] / "examples" / OFFICIAL_EXAMPLE)
    result = PdfReader().read((DATA / "official-repeated-header.pdf").read_bytes(), source="official.pdf")
    assert {c.pointer: v for c, v in result.report.values()} == {c.pointer: v for c, v in example.values()}
    assert not result.report.reading.unread
    assert not [n for n in result.notes if n.code.startswith(("cell.", "row.", "label.unknown"))]


def _char(text: str, x0: float, top: float) -> Char:
    return Char(text, x0, x0 + 7.0, top, top + 10.5)


@pytest.mark.parametrize(("width", "expected"), [(28.8, "178"), (60.0, "17 8")])
def test_a_figure_is_joined_over_lines_only_where_the_cell_was_too_narrow_for_it(width: float, expected: str) -> None:
    """``17`` over ``8`` is 178 in a cell too narrow for three digits; in a wide cell the lines stay apart (unread)."""
    left = 100.0
    cells = [(left - 40, 200.0, left, 230.0), (left, 200.0, left + width, 230.0)]
    table = Table((left - 40, 200.0, left + width, 230.0), cells)
    chars = [_char("1", left + 5.5, 205.0), _char("7", left + 12.5, 205.0), _char("8", left + 5.5, 217.0),
             _char("规", left - 35, 205.0), _char("章", left - 28, 205.0)]
    grids = [item for item in page_items(chars, [table], 1, max_slots=100) if isinstance(item, Grid)]
    assert [cell.text for cell in grids[0].rows[0]] == ["规章", expected]


def test_a_heading_run_into_a_paragraph_and_broken_by_its_line_end() -> None:
    """A PDF's paragraph comes line by line: a heading run into it may be cut by a line end (text, too)."""
    from disclosure_schema_readers.text import TextReader

    body = ("某局2023年政府信息公开工作年度报告一、总体情况略。四、政府信息公开行政法复\n议、行政诉讼情况\n"
            "行政复议 行政诉讼\n1 0 2 0 3 12 0 0 0 12 0 0 0 0 0\n五、存在的主要问题及整改措施问题。六、其它需要报告\n的事项无。\n")
    heading_variants(TextReader().read(body.encode("utf-8"), source="wrapped.txt"))
