"""The HTML reader: real Word-exported pages with spans, and hostile or broken input."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from disclosure_schema_readers.document import Grid, Line
from disclosure_schema_readers.html import MAX_TABLE_DEPTH, HtmlReader, parse_html
from hypothesis import given, settings
from hypothesis import strategies as st
from test_recognize import assert_cells, expected_cells, reference_file

import disclosure_schema as ds
from disclosure_schema.plugins import ReadError, get_reader
from disclosure_schema.taxonomy import EDITIONS


def _pingtan() -> bytes:
    return reference_file("real", "pingtan-2021.html").read_bytes()


def test_pingtan_page_every_cell() -> None:
    result = HtmlReader().read(_pingtan(), source="pingtan-2021.html")
    cells = json.loads(reference_file("reports", "pingtan-2021.cells.json").read_text(encoding="utf-8"))
    report = result.report
    assert report.edition == "2021" and report.year == 2021
    assert_cells(report, expected_cells(cells))
    # the cells a crawler's text runs together are read from the page's real table structure
    assert report.cell("/proactive_disclosure/article_20_1/normative_documents/issued") == 69
    assert report.cell("/proactive_disclosure/article_20_1/normative_documents/repealed") == 3
    assert report.cell("/proactive_disclosure/article_20_1/normative_documents/in_force") == 665
    assert report.cell("/proactive_disclosure/article_20_8/fees/amount") == Decimal("24252.311082")
    assert [v for v in ds.check(report) if v.code.startswith("R")] == []


def test_pingtan_page_envelope_and_sections() -> None:
    report = HtmlReader().read(_pingtan(), source="pingtan-2021.html").report
    assert report.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert report.issuer == "平潭综合实验区"
    assert str(report.publication_date) == "2022-02-08"
    assert report.statistics_period is not None and str(report.statistics_period.end) == "2021-12-31"
    assert report.contact is not None and report.contact.postcode == "350400"
    assert list(report.sections) == [s.key for s in EDITIONS["2021"].sections]
    assert report.sections["other_matters"].blocks[0].text == "2021年，无收取信息处理费情况。"
    # navigation, scripts and footers of the site are not report text
    every = " ".join(b.text for s in report.sections.values() for b in s.blocks)
    assert "版权所有" not in every and "网站地图" not in every


def test_pingtan_page_is_three_grids_with_spans() -> None:
    document = parse_html(_pingtan(), "pingtan")
    grids = [item for item in document if isinstance(item, Grid)]
    assert len(grids) == 3
    spans = [(c.rowspan, c.colspan) for g in grids for row in g.rows for c in row]
    assert any(r > 1 for r, _ in spans) and any(c > 1 for _, c in spans)
    stacked = [c.text for row in grids[2].rows for c in row if "\n" in c.text]
    assert stacked, "Word's one-character-per-paragraph headers keep their line breaks"


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def _minimal_report_html(extra: str = "") -> bytes:
    edition = EDITIONS["2021"]
    review = edition.table("review_and_litigation")
    headings = [s.heading for s in edition.sections]
    groups = "".join(f"<td>{label}</td>" for label in dict.fromkeys(r.path[0].text for r in review.rows))
    columns = "".join(f"<td>{c.text}</td>" for r in review.rows for c in r.columns)
    values = "".join(f"<td>&nbsp;{n}</td>" for n in range(15))
    return _page(
        "<nav>首页 网站地图</nav><script>var x='一、总体情况';</script>"
        "<div class='article'><h1>某某局2023年政府信息公开工作年度报告</h1>"
        f"<p>{headings[0]}</p><p>正文。</p><p>{headings[3]}</p>"
        f"<table><tr>{groups}</tr><tr>{columns}</tr><tr>{values}</tr></table>{extra}</div>"
        "<footer>版权所有</footer>"
    )


def test_review_table_from_a_plain_page() -> None:
    result = HtmlReader().read(_minimal_report_html(), source="mini.html")
    report = result.report
    values = [v for c, v in report.review_and_litigation.items()]
    assert values == list(range(15))
    assert report.sections["overview"].blocks[0].text == "正文。"


def test_gb2312_page() -> None:
    data = _minimal_report_html().decode().replace("charset='utf-8'", "charset='gb2312'").encode("gb18030")
    report = HtmlReader().read(data, source="gb.html").report
    assert report.issuer == "某某局"


def test_tables_nested_too_deep_are_refused() -> None:
    inner = "<table><tr><td>1</td></tr></table>"
    for _ in range(MAX_TABLE_DEPTH + 4):
        inner = f"<table><tr><td>{inner}</td></tr></table>"
    with pytest.raises(ReadError) as info:
        HtmlReader().read(_page(inner), source="nested.html")
    assert info.value.notes[0].code == "read.nesting"


def test_layout_table_around_the_report_is_read_through() -> None:
    data = _minimal_report_html().decode()
    data = data.replace("<div class='article'>", "<table><tr><td><div class='article'>").replace(
        "<footer>", "</td></tr></table><footer>")
    report = HtmlReader().read(data.encode(), source="layout.html").report
    assert [v for _, v in report.review_and_litigation.items()] == list(range(15))


def test_huge_spans_are_clipped() -> None:
    data = _minimal_report_html("<table><tr><td rowspan='99999999' colspan='99999999'>x</td></tr></table>")
    result = HtmlReader().read(data, source="span.html")
    assert result.report.review_and_litigation.values[0] == 0


@pytest.mark.parametrize("data, code", [
    (b"", "read.empty"),
    (b"   \n ", "read.empty"),
    (b"\x00\x01\x02binary" * 100, "read.binary"),
])
def test_bad_input(data: bytes, code: str) -> None:
    with pytest.raises(ReadError) as info:
        HtmlReader().read(data, source="bad.html")
    assert info.value.notes[0].code == code


def test_page_that_is_not_a_report() -> None:
    with pytest.raises(ReadError) as info:
        HtmlReader().read(_page("<p>欢迎访问</p><table><tr><td>1</td><td>2</td></tr></table>"), source="x.html")
    assert info.value.notes[0].code == "read.not_a_report"


def test_deeply_nested_divs_do_not_crash() -> None:
    body = "<div>" * 3000 + "text" + "</div>" * 3000
    with pytest.raises(ReadError):
        HtmlReader().read(_page(body), source="deep.html")


def test_registered_as_plugin() -> None:
    reader = get_reader("html")
    assert reader.suffixes == (".html", ".htm")
    document = parse_html(_page("<p>a<br>b</p>"), "x")
    assert [i.text for i in document if isinstance(i, Line)] == ["a", "b"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["<table>", "</table>", "<tr>", "<td rowspan=3>", "<td colspan=0>", "</td>", "<p>",
                                 "一、总体情况", "自然人", "1", "规章", "<br>", "&nbsp;", "<script>", "2023年政府信息公开工作年度报告"]),
                max_size=60))
def test_any_markup_reads_or_is_refused_cleanly(parts: list[str]) -> None:
    try:
        HtmlReader().read(_page("".join(parts)), source="fuzz.html")
    except ReadError as exc:
        assert exc.notes
