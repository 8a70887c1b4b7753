"""Tables printed without ruling lines, rebuilt from text positions (readers/pdf_unruled.py), on made-up pages.

Why: the browser prints of ``test_reader_kinds_browser.py`` show the layouts that occur; these pin the
rules that keep the rebuilding honest -- a wrapped label is joined only where one alignment explains
every label line, nothing is read where several do and the format's labels cannot tell them apart,
a short row stays short, and ordinary text (a paragraph with figures, a page number) is no table.
"""

from __future__ import annotations

import unicodedata

from disclosure_schema_readers.document import Grid
from disclosure_schema_readers.pdf_page import Char
from disclosure_schema_readers.pdf_unruled import unruled_tables

SIZE = 12.0
PITCH = 14.25
COLUMNS = (110.0, 155.0, 200.0, 245.0, 290.0, 335.0, 380.0)
"""Centres of the figure columns, 45 points apart (as a browser sets ``<td width=60>``)."""


def _text(text: str, x: float, top: float) -> list[Char]:
    chars = []
    for ch in text:
        width = SIZE if unicodedata.east_asian_width(ch) in ("W", "F") else SIZE / 2
        chars.append(Char(ch, x, x + width, top, top + SIZE))
        x += width
    return chars


def _label(text: str, top: float) -> list[Char]:
    """A label line centred in a label column 45 points wide from x = 50."""
    width = sum(SIZE if unicodedata.east_asian_width(ch) in ("W", "F") else SIZE / 2 for ch in text)
    return _text(text, 50 + (45 - width) / 2, top)


def _figures(top: float, *figures: str) -> list[Char]:
    chars: list[Char] = []
    for centre, figure in zip(COLUMNS, figures, strict=False):
        chars += _text(figure, centre - len(figure) * SIZE / 4, top)
    return chars


def _rows(chars: list[Char]) -> list[list[str]]:
    found = unruled_tables(chars, 1)
    return [[cell.text for cell in row] for _, grid in found.grids for row in grid.rows]


def test_a_label_wrapped_around_its_figures_is_one_row() -> None:
    top = 100.0
    chars = [*_label("规章", top), *_figures(top, "0", "0", "0"),
             *_label("行政规", top + PITCH), *_label("范性文", top + 2 * PITCH), *_figures(top + 2 * PITCH, "5", "12", "8"),
             *_label("件", top + 3 * PITCH)]
    assert _rows(chars) == [["规章", "0", "0", "0"], ["行政规范性文件", "5", "12", "8"]]


def test_label_lines_centred_on_figures_between_two_lines() -> None:
    """A two-line label puts its figures half a line down, on no label line's height."""
    top = 100.0
    chars = [*_label("（一）", top), *_label("予以公开", top + PITCH), *_figures(top + PITCH / 2, *"9000009")]
    assert _rows(chars) == [["（一）予以公开", *"9000009"]]


def test_label_lines_that_fit_two_alignments_with_no_label_of_the_format_are_not_read() -> None:
    """``苹果`` beside its figures and three lines around the next row's: centred, or top-aligned
    (``苹果香蕉`` / ``西瓜桃子``)?  Nothing of the format tells: the text stays text."""
    top = 100.0
    chars = [*_label("苹果", top), *_figures(top, "0", "0", "0"),
             *_label("香蕉", top + PITCH), *_label("西瓜", top + 2 * PITCH), *_figures(top + 2 * PITCH, "5", "12", "8"),
             *_label("桃子", top + 3 * PITCH)]
    found = unruled_tables(chars, 1)
    assert found.grids == []
    assert len(found.rest) == len(chars)


def test_a_short_row_stays_short() -> None:
    """Two figures under three columns are given as two: which columns they are is not known."""
    top = 100.0
    chars = [*_label("规章", top), *_figures(top, "22", "235"),
             *_label("行政规", top + PITCH), *_label("范性文", top + 2 * PITCH), *_figures(top + 2 * PITCH, "34", "189"),
             *_label("件", top + 3 * PITCH)]
    assert _rows(chars) == [["规章", "22", "235"], ["行政规范性文件", "34", "189"]]


def test_a_paragraph_with_figures_is_no_table() -> None:
    chars = [*_text("全年收到申请 34 件，办结 30 件，上年结转 2 件。", 80, 100.0),
             *_text("其中 12 件予以公开。", 48, 100.0 + PITCH)]
    assert unruled_tables(chars, 1).grids == []


def test_a_number_alone_is_no_row_but_a_figure_inside_its_label_is() -> None:
    assert unruled_tables(_text("3", 300, 800.0), 1).grids == []
    assert unruled_tables(_text("- 3 -", 300, 800.0), 1).grids == []
    top = 100.0
    chars = [*_label("行政许", top), *_figures(top + PITCH, "1,234"), *_label("可", top + 2 * PITCH)]
    assert _rows(chars) == [["行政许可", "1,234"]]


def test_figures_only_rows_take_their_caption() -> None:
    """Table 四 as a block per group: the caption line over the five figures says which group they are."""
    top = 100.0
    chars = [*_text("未经复议直接起诉", 155 - 48, top), *_figures(top + PITCH, "12", "0", "0", "0", "12")]
    found = unruled_tables(chars, 1)
    (grid,) = [g for _, g in found.grids]
    assert isinstance(grid, Grid)
    assert [c.text for c in grid.rows[0]] == ["未经复议直接起诉"] and grid.rows[0][0].colspan == 5
    assert [c.text for c in grid.rows[1]] == ["12", "0", "0", "0", "12"]


def test_a_row_at_the_page_foot_is_cut_and_says_so() -> None:
    top = 700.0
    chars = [*_label("1.申请人", top), *_figures(top, *"8200001"), *_label("无正当", top + PITCH), *_label("理由逾", top + 2 * PITCH)]
    found = unruled_tables(chars, 1)
    assert found.cut
    (_, grid), = found.grids
    assert grid.rows[0][0].text == "1.申请人无正当理由逾"


def test_a_row_line_not_rebuilt_makes_the_page_incomplete() -> None:
    """A row that cannot be rebuilt (its label lines fit two alignments, neither reads as a label) beside
    one that can: the reading says it is incomplete, and the PDF reader then reads the document as
    running text (never half of a table)."""
    top = 100.0
    ambiguous = [*_label("苹果", top + 5 * PITCH), *_figures(top + 5 * PITCH, "0", "0", "0"),
                 *_label("香蕉", top + 6 * PITCH), *_label("西瓜", top + 7 * PITCH), *_figures(top + 7 * PITCH, "5", "12", "8"),
                 *_label("桃子", top + 8 * PITCH)]
    found = unruled_tables([*_label("规章", top), *_figures(top, "0", "0", "0"), *ambiguous], 1)
    assert found.grids and not found.complete
    assert unruled_tables([*_label("规章", top), *_figures(top, "0", "0", "0")], 1).complete


def test_group_labels_in_columns_of_their_own_are_left_as_text() -> None:
    """Table 三 as a word processor lays it out, cells top-aligned: ``（三）不予公开`` in a column left of
    ``1.属于国家秘密``; the row is read by its own label, the group's lines stay text."""
    top = 100.0

    def at(text: str, x: float, line: int) -> list[Char]:
        return _text(text, x, top + line * PITCH)

    chars = [*at("（三）", 0, 0), *at("1.属于", 50, 0), *_figures(top, *"2000002"),
             *at("不予公", 0, 1), *at("国家", 50, 1), *at("开", 0, 2), *at("秘密", 50, 2)]
    found = unruled_tables(chars, 1)
    assert [[c.text for c in row] for _, g in found.grids for row in g.rows] == [["1.属于国家秘密", *"2000002"]]
    assert "".join(c.text for c in found.rest) == "（三）不予公开"
    assert found.complete
