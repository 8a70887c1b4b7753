"""Every reader on random input built from the format's real labels: it ends, never raises, never invents a cell.

"Never invents": every figure in the report read must be printed in the input (its digits occur
there).  "Ends": each read runs under an alarm; a loop that waits on the content making progress
would trip it.  Inputs mix official labels, headings, numbers, separators, Markdown marks, tabs and
spaces the way crawled and converted reports do.
"""

from __future__ import annotations

import re
import signal
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from disclosure_schema_readers.document import Grid, Line, SourceCell
from disclosure_schema_readers.html import HtmlReader
from disclosure_schema_readers.recognize import recognize
from disclosure_schema_readers.text import TextReader
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_schema.plugins import ReadError, ReadResult
from disclosure_schema.taxonomy import EDITIONS

LABELS = sorted(
    {label.text for e in EDITIONS.values() for t in e.tables for r in t.rows for label in r.path}
    | {c.text for e in EDITIONS.values() for t in e.tables for r in t.rows for c in r.columns}
    | {h for e in EDITIONS.values() for t in e.tables for r in t.rows for c in r.columns for h in c.headers}
    | {s.heading for e in EDITIONS.values() for s in e.sections}
    | {"某县人民政府2023年政府信息公开工作年度报告", "注：含上年结转", "信息内容", "本年新收", "（一）", "1、"}
)
SEPARATORS = ["|", " | ", "\t", "  ", " ", "\n", "\n\n", "\t \n", "|---|", "# ", "**", "\u3000", "，", "。"]

pieces = st.one_of(
    st.sampled_from(LABELS),
    st.integers(0, 10**7).map(str),
    st.sampled_from(SEPARATORS),
    st.text(alphabet="0123456789 .-—元万件", max_size=8),
    st.text(max_size=6),
)
texts = st.lists(pieces, max_size=80).map("".join)


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def fail(signum: int, frame: object) -> None:
        raise TimeoutError(f"a reader ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def read_or_refuse(read: Callable[[], ReadResult]) -> ReadResult | None:
    with alarm(10):
        try:
            return read()
        except ReadError as exc:
            assert exc.notes, "a refusal says why"
            return None


def assert_nothing_invented(result: ReadResult | None, source_text: str) -> None:
    if result is None:
        return
    printed = digits_of(source_text)
    for cell, value in result.report.values():
        if value is None:
            continue
        figure = str(value) if not isinstance(value, Decimal) else format(value, "f").replace(".", "")
        assert digits_of(figure).lstrip("0") in printed or value == 0, (cell.pointer, value)
    for pointer in result.report.reading.unread:
        assert result.report.cell(pointer) is None


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_text_reader(text: str) -> None:
    result = read_or_refuse(lambda: TextReader().read(text.encode("utf-8"), source="random.txt"))
    assert_nothing_invented(result, text)


@FAST
@given(texts)
def test_text_reader_with_a_title(text: str) -> None:
    body = "某县人民政府2023年政府信息公开工作年度报告\n" + text
    result = read_or_refuse(lambda: TextReader().read(body.encode("utf-8"), source="random.txt"))
    assert_nothing_invented(result, body)


cells = st.tuples(pieces, st.integers(1, 4), st.integers(1, 16))
grids = st.lists(st.lists(cells, min_size=1, max_size=17), min_size=1, max_size=30)


@FAST
@given(st.lists(st.one_of(texts, grids), max_size=6))
def test_html_reader(parts: list[object]) -> None:
    html = ["<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p>"]
    for part in parts:
        if isinstance(part, str):
            html.append(f"<p>{_escape(part)}</p>")
            continue
        assert isinstance(part, list)
        html.append("<table>")
        for row in part:
            html.append("<tr>" + "".join(f'<td rowspan="{rs}" colspan="{cs}">{_escape(t)}</td>' for t, rs, cs in row)
                        + "</tr>")
        html.append("</table>")
    page = "".join(html) + "</body></html>"
    result = read_or_refuse(lambda: HtmlReader().read(page.encode("utf-8"), source="random.html"))
    assert_nothing_invented(result, page)


def grid_of(rows: list[list[tuple[str, int, int]]]) -> Grid:
    return Grid(tuple(tuple(SourceCell(t, "c", rs, cs) for t, rs, cs in row) for row in rows), "g")


@FAST
@given(st.lists(st.one_of(texts.map(lambda t: Line(t, "l")), grids.map(grid_of)), max_size=8))
def test_recognizer_on_lines_and_grids(items: list[Line | Grid]) -> None:
    document = (Line("某县人民政府2023年政府信息公开工作年度报告", "t"), *items)
    source = "\n".join(i.text if isinstance(i, Line) else " ".join(c.text for r in i.rows for c in r) for i in document)
    result = read_or_refuse(lambda: recognize(document, "random"))
    assert_nothing_invented(result, source)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
