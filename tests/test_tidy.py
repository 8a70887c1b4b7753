"""The long-format exporters: one row per cell, Excel-safe CSV, exact Parquet."""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.plugins import PluginError, exporter_names, get_exporter

HUAIAN = EXAMPLES / "huaian-2024.json"
BEIFENG = EXAMPLES / "beifeng-2020.json"


def cell_count(report: ds.Report) -> int:
    return sum(len(table.spec.cells) for table in report.tables())


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def export_csv(report: ds.Report) -> bytes:
    stream = io.BytesIO()
    get_exporter("csv").export(report, stream)
    return stream.getvalue()


def test_both_are_registered_as_plug_ins() -> None:
    assert {"csv", "parquet"} <= set(exporter_names())
    assert (get_exporter("csv").suffix, get_exporter("parquet").suffix) == (".csv", ".parquet")


@pytest.mark.parametrize("path", [HUAIAN, BEIFENG])
def test_one_row_per_cell_with_keys_labels_and_pointer(path: Path) -> None:
    report = ds.load(path)
    rows = csv_rows(export_csv(report))
    assert len(rows) == cell_count(report)
    by_pointer = {row["pointer"]: row for row in rows}
    for cell, value in report.values():
        row = by_pointer[cell.pointer]
        assert row["table"] == cell.table.number and row["table_key"] == cell.table.key
        assert row["row_key"] == cell.row.key and row["column_key"] == cell.column.key
        assert row["row_label"].split(" / ") == [node.text for node in cell.row.path]
        assert row["column_label"].endswith(cell.column.text)
        assert row["value"] == ("" if value is None else str(value))
        assert (row["issuer"], row["year"], row["edition"]) == (report.issuer or "", str(report.year), report.edition)


def test_spanning_headers_are_part_of_the_column_label() -> None:
    rows = csv_rows(export_csv(ds.load(HUAIAN)))
    row = next(r for r in rows if r["pointer"] == "/requests/received/commercial_enterprise")
    cell = ds.EDITIONS["2021"].cells["/requests/received/commercial_enterprise"]
    assert row["column_label"] == " / ".join((*cell.column.headers, cell.column.text))


def test_blank_stays_empty_and_money_is_a_decimal_string() -> None:
    report = ds.Report.empty("2021", 2024, blank=True).with_cells(
        {"/proactive_disclosure/article_20_8/fees/amount": Decimal("24252.311082")}
    )
    rows = {r["pointer"]: r for r in csv_rows(export_csv(report))}
    assert rows["/proactive_disclosure/article_20_8/fees/amount"]["value"] == "24252.311082"
    assert rows["/proactive_disclosure/article_20_8/fees/amount"]["unit"] == "万元"
    assert rows["/requests/received/total"]["value"] == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_looks_like_a_formula_is_defused(start: str) -> None:
    issuer = f"{start}HYPERLINK(\"http://evil\",\"x\")"
    rows = csv_rows(export_csv(ds.Report.empty("2021", 2024, issuer=issuer)))
    assert all(row["issuer"] == "'" + issuer for row in rows)


def test_negative_numbers_stay_numbers() -> None:
    report = ds.load(BEIFENG)
    rows = {r["pointer"]: r for r in csv_rows(export_csv(report))}
    negative = [c.pointer for c, v in report.values() if v is not None and v < 0]
    assert negative, "the seed report has a negative 本年增/减"
    assert all(rows[p]["value"].startswith("-") for p in negative)


def test_parquet_holds_exact_values_and_nulls() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    report = ds.load(HUAIAN).with_cells({"/requests/received/other": None})
    stream = io.BytesIO()
    get_exporter("parquet").export(report, stream)
    table = pq.read_table(io.BytesIO(stream.getvalue()))
    assert table.num_rows == cell_count(report)
    rows = {row["pointer"]: row for row in table.to_pylist()}
    assert rows["/requests/received/other"]["value"] is None
    for cell, value in report.values():
        if value is not None:
            assert rows[cell.pointer]["value"] == value


def test_parquet_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(PluginError, match=r"disclosure-schema\[parquet\]"):
        get_exporter("parquet").export(ds.load(HUAIAN), io.BytesIO())


# -- the command -------------------------------------------------------------------------------------


def test_tidy_stacks_many_reports_into_one_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cells.csv"
    assert main(["tidy", str(HUAIAN), str(BEIFENG), "-o", str(out)]) == 0
    rows = csv_rows(out.read_bytes())
    assert len(rows) == cell_count(ds.load(HUAIAN)) + cell_count(ds.load(BEIFENG))
    assert {row["year"] for row in rows} == {"2024", "2020"}
    assert "2 份报告" in capsys.readouterr().err


def test_tidy_walks_directories_into_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        ds.dump(ds.load(HUAIAN), folder / f"r{i}.json")
    out = tmp_path / "cells.parquet"
    assert main(["tidy", str(folder), "-o", str(out)]) == 0
    assert pq.read_table(out).num_rows == 5 * cell_count(ds.load(HUAIAN))


def test_unreadable_files_are_named_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{", encoding="utf-8")
    out = tmp_path / "cells.csv"
    assert main(["tidy", str(HUAIAN), str(junk), "-o", str(out)]) == 1
    assert "junk.json" in capsys.readouterr().err
    assert len(csv_rows(out.read_bytes())) == cell_count(ds.load(HUAIAN))


def test_an_unknown_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["tidy", str(HUAIAN), "-o", str(tmp_path / "cells.txt")]) == 2
