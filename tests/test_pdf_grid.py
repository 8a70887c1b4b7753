"""The printed layout of the three tables, checked on the grid before anything is drawn."""

from __future__ import annotations

from collections import Counter

import pytest
from disclosure_schema_exporters.pdf_grid import Grid, Role, grid, split
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.taxonomy import EDITIONS, Layout


def coverage(layout: Grid) -> Counter[tuple[int, int]]:
    covered: Counter[tuple[int, int]] = Counter()
    for cell in layout.cells:
        assert cell.col <= cell.last_col < layout.columns and cell.row <= cell.last_row < layout.rows, cell
        for row in range(cell.row, cell.last_row + 1):
            for col in range(cell.col, cell.last_col + 1):
                covered[(col, row)] += 1
    return covered


def tables() -> list[ds.TableData]:
    return [table for edition in EDITIONS for table in ds.Report.empty(edition, 2024).tables()]


@pytest.mark.parametrize("table", tables(), ids=lambda t: f"{t.spec.number}-{len(t.spec.cells)}")
def test_every_grid_position_is_covered_exactly_once(table: ds.TableData) -> None:
    layout = grid(table)
    assert set(coverage(layout).values()) == {1}
    assert len(coverage(layout)) == layout.columns * layout.rows
    assert abs(sum(layout.widths) - 1) < 1e-9 and len(layout.widths) == layout.columns


@pytest.mark.parametrize("table", tables(), ids=lambda t: f"{t.spec.number}-{len(t.spec.cells)}")
def test_one_printed_figure_per_declared_cell(table: ds.TableData) -> None:
    assert sum(1 for cell in grid(table).cells if cell.role is Role.NUMBER) == len(table.spec.cells)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_table_three_has_three_header_rows_and_three_label_levels(edition: str) -> None:
    spec = EDITIONS[edition].table("requests")
    layout = grid(ds.Report.empty(edition, 2024).requests)
    assert (layout.header_rows, layout.label_columns) == (3, 3)
    note = [cell for cell in layout.cells if cell.role is Role.NOTE]
    assert [(c.text, c.col, c.row, c.last_col, c.last_row) for c in note] == [(spec.note, 0, 0, 2, 2)]
    labels = {cell.text: cell for cell in layout.cells if cell.role is Role.LABEL}
    group = spec.rows[2].path[0]  # 三、本年度办理结果
    under = list(spec.rows_under(group.key))
    assert (labels[group.text].row, labels[group.text].last_row) == (3 + spec.rows.index(under[0]), 3 + spec.rows.index(under[-1]))
    first = spec.rows[0].path[0]  # a one-level row spans all three label columns
    assert (labels[first.text].col, labels[first.text].last_col) == (0, 2)
    headers = {cell.text: cell for cell in layout.cells if cell.role is Role.HEADER}
    top = spec.rows[0].columns[0].headers[0]
    assert (headers[top].col, headers[top].last_col, headers[top].row) == (3, 9, 0)
    total = spec.rows[0].columns[-1]
    assert (headers[total.text].row, headers[total.text].last_row) == (1, 2)


def test_table_four_is_one_row_of_fifteen_under_three_header_rows() -> None:
    layout = grid(ds.Report.empty("2021", 2024).review_and_litigation)
    assert (layout.columns, layout.rows, layout.header_rows) == (15, 4, 3)
    spec = EDITIONS["2021"].table("review_and_litigation")
    assert spec.layout is Layout.SINGLE_ROW
    tops = [cell for cell in layout.cells if cell.row == 0]
    assert [(c.text, c.col, c.last_col) for c in tops] == [
        (spec.rows[0].path[0].text, 0, 4), (spec.rows[1].path[0].text, 5, 14)]


def test_table_two_narrow_subtables_span_the_grid() -> None:
    layout = grid(ds.Report.empty("2021", 2024).proactive_disclosure)
    captions = [cell for cell in layout.cells if cell.role is Role.CAPTION]
    assert len(captions) == 4 and all((c.col, c.last_col) == (0, 3) for c in captions)
    single = [cell for cell in layout.cells if cell.role is Role.NUMBER and cell.last_col == 3 and cell.col == 1]
    assert len(single) == 4  # 许可, 处罚, 强制, 收费 each fill the row


@given(st.sampled_from([t for t in tables() if grid(t).header_rows]), st.data())
def test_a_split_keeps_headers_and_covers_both_parts(table: ds.TableData, data: st.DataObject) -> None:
    layout = grid(table)
    if layout.rows - layout.header_rows < 2:
        with pytest.raises(ValueError):
            split(layout, layout.rows)
        return
    at = data.draw(st.integers(layout.header_rows + 1, layout.rows - 1))
    first, rest = split(layout, at)
    for part in (first, rest):
        assert set(coverage(part).values()) == {1} and len(coverage(part)) == part.columns * part.rows
        assert [c for c in part.cells if c.last_row < part.header_rows] == [
            c for c in layout.cells if c.last_row < layout.header_rows]
    figures = [c.text for c in layout.cells if c.role is Role.NUMBER]
    assert [c.text for part in (first, rest) for c in part.cells if c.role is Role.NUMBER] == figures
    assert first.rows + rest.rows - layout.header_rows == layout.rows
