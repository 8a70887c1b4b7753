"""The plain-text reader: table forms, encodings, bad input."""

from __future__ import annotations

import pytest
from disclosure_schema_readers.document import Grid, Line
from disclosure_schema_readers.text import TextReader, decode, parse_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_recognize import reference_file

from disclosure_schema.plugins import ReadError, get_reader
from disclosure_schema.taxonomy import EDITIONS


def _report_text(separator: str) -> str:
    """A small 2021 report whose table 四 is printed with ``separator`` between cells."""
    edition = EDITIONS["2021"]
    review = edition.table("review_and_litigation")
    headings = [s.heading for s in edition.sections]
    groups = list(dict.fromkeys(r.path[0].text for r in review.rows))
    columns = [c.text for r in review.rows for c in r.columns]
    values = [str(n) for n in range(15)]
    if separator == "|":
        rows = ["| " + " | ".join(cells) + " |" for cells in (groups, columns, values)]
    else:
        rows = [separator.join(cells) for cells in (groups, columns, values)]
    return "\n".join(["# source: test", "某某局2023年政府信息公开工作年度报告", headings[0], "正文。", headings[3], *rows,
                      headings[4], "无。"])


@pytest.mark.parametrize("separator", ["|", "\t", "   ", "\u3000\u3000"])
def test_separators(separator: str) -> None:
    report = TextReader().read(_report_text(separator).encode(), source="t.txt").report
    assert [v for _, v in report.review_and_litigation.items()] == list(range(15))
    assert report.sections["overview"].blocks[0].text == "正文。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings(encoding: str) -> None:
    report = TextReader().read(_report_text("|").encode(encoding), source="t.txt").report
    assert report.issuer == "某某局" and report.year == 2023


def test_source_comment_is_ignored() -> None:
    document = parse_text("# source: somewhere\n标题\n")
    assert [i.text for i in document if isinstance(i, Line)] == ["标题"]


def test_tab_cells_one_per_line_with_broken_labels() -> None:
    document = parse_text("前文\n\t信息内容\n\t本年新\n制作数量\n\t\n\n\t规章\n\t0\n\n\n后文\n")
    grids = [i for i in document if isinstance(i, Grid)]
    assert len(grids) == 1
    assert [[c.text for c in row] for row in grids[0].rows] == [["信息内容", "本年新\n制作数量", ""], ["规章", "0"]]
    assert [i.text for i in document if isinstance(i, Line)] == ["前文", "后文"]


def test_beifeng_tab_layout() -> None:
    data = reference_file("reports", "beifeng-2020.txt").read_bytes()
    document = parse_text(decode(data, "beifeng"))
    grids = [i for i in document if isinstance(i, Grid)]
    assert len(grids) == 3
    assert len(grids[1].rows) == 3 + 23  # three header rows and 23 data rows of the 2019 table 三


def test_pipe_rows_keep_blank_cells() -> None:
    document = parse_text("| a |  | b |\n| 1 | 2 | 3 |\n")
    grid = document[0]
    assert isinstance(grid, Grid)
    assert [c.text for c in grid.rows[0]] == ["a", "", "b"]


def test_single_spaced_line_is_text_not_a_table() -> None:
    document = parse_text("北峰街道党政办          2021年1月6日印发\n")
    assert isinstance(document[0], Line)


@pytest.mark.parametrize("data, code", [
    (b"", "read.empty"),
    (b"\n \n", "read.empty"),
    (b"\x00\x01binary\x00" * 50, "read.binary"),
    (b"%PDF-1.7\n...", "read.binary"),
    (b"PK\x03\x04zip", "read.binary"),
    (bytes(range(128, 256)) * 20, "read.encoding"),
])
def test_bad_input(data: bytes, code: str) -> None:
    with pytest.raises(ReadError) as info:
        TextReader().read(data, source="bad.txt")
    assert info.value.notes[0].code == code


def test_text_that_is_not_a_report() -> None:
    with pytest.raises(ReadError) as info:
        TextReader().read("今天天气很好。\n明天也是。\n".encode(), source="weather.txt")
    assert info.value.notes[0].code == "read.not_a_report"


def test_a_list_of_the_labels_without_figures_is_not_a_report() -> None:
    """A README that tabulates the row labels (tests/corpus/SOURCES.md did) prints no figure: refused."""
    text = (
        "# 语料来源\n\n本目录收集2024年政府信息公开工作年度报告。\n\n"
        "| 标签 | 说明 |\n|---|---|\n| 予以公开 | 表三的行 |\n| 上年结转件数 | 表头 |\n"
        "| 行政许可 | 表二的行 |\n"
    )
    with pytest.raises(ReadError) as info:
        TextReader().read(text.encode(), source="SOURCES.md")
    assert info.value.notes[0].code == "read.not_a_report"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_reads_or_is_refused_cleanly(text: str) -> None:
    try:
        TextReader().read(text.encode("utf-8"), source="fuzz.txt")
    except ReadError as exc:
        assert exc.notes


def test_registered_as_plugin() -> None:
    assert get_reader("text").suffixes == (".txt", ".md", ".markdown")


def test_a_blank_table_4_row_is_found_and_stays_blank() -> None:
    from conftest import reference

    text = reference("reports", "huaian-2024.txt").read_text(encoding="utf-8")
    printed = "| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |"
    assert printed in text
    result = TextReader().read(text.replace(printed, "|" + "  |" * 15).encode("utf-8"), source="blank.txt")
    codes = {note.code for note in result.notes}
    assert "row.blank" in codes and "table.missing" not in codes
    assert all(value is None for value in result.report.review_and_litigation.values)
    assert result.report.requests.get("received", "total") == 3119
