"""``template --previous``: next year's workbook from this year's report, with live X1/X2 checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.carryover import carry_over
from disclosure_schema.cli import main
from disclosure_schema.plugins import get_reader

HUAIAN = EXAMPLES / "huaian-2024.json"
BEIFENG = EXAMPLES / "beifeng-2020.json"


def formulas(path: Path) -> dict[str, str]:
    book = openpyxl.load_workbook(path)
    return {f"{ws.title}!{c.coordinate}": c.value for ws in book for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=IF(")}


def test_carry_over_fills_what_the_format_carries() -> None:
    previous = ds.load(HUAIAN)
    start = carry_over(previous)
    report = start.report
    assert (report.year, report.edition) == (2025, "2021")
    for column in report.requests.spec.row_index["carried_over"].columns:
        assert report.requests.get("carried_over", column.key) == previous.requests.get("carried_forward", column.key)
    assert (report.issuer, report.contact, report.publication) == (previous.issuer, previous.contact, previous.publication)
    assert report.statistics_period == ds.Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert report.requests.get("received", "natural_person") is None  # this year's figures are the clerk's to fill
    assert start.not_carried == ()
    # with this year's figures as last year's, X1 holds
    assert not [v for v in ds.check(report, previous) if v.code.startswith("X1")]


def test_a_2020_report_carries_into_the_2021_edition_and_says_what_does_not() -> None:
    start = carry_over(ds.load(BEIFENG))
    assert (start.report.year, start.report.edition) == (2021, "2021")
    assert any("表二" in zh for zh, _ in start.not_carried)
    assert any("X2" in zh for zh, _ in start.not_carried)
    assert "/requests/carried_over/natural_person" in start.carried


def test_the_2019_edition_carries_last_years_item_counts() -> None:
    previous = ds.load(BEIFENG)
    start = carry_over(previous, 2020)
    assert start.report.edition == "2019" and start.not_carried == ()
    table = previous.proactive_disclosure
    expected = table.get("article_20_5/other_services", "previous_items") + table.get("article_20_5/other_services", "change")  # type: ignore[operator]
    assert start.report.proactive_disclosure.get("article_20_5/other_services", "previous_items") == expected


@pytest.mark.parametrize("source", ["json", "xlsx"])
def test_template_previous_writes_next_years_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    previous = HUAIAN
    if source == "xlsx":
        assert main(["export", str(HUAIAN), "--to", "xlsx", "-o", str(tmp_path)]) == 0
        previous = tmp_path / "huaian-2024.xlsx"
    capsys.readouterr()
    out = tmp_path / "2025.xlsx"
    assert main(["template", "--previous", str(previous), "-o", str(out)]) == 0
    assert "2025" in capsys.readouterr().out
    read = get_reader("xlsx").read(out.read_bytes(), source=str(out)).report
    assert (read.year, read.edition, read.issuer) == (2025, "2021", "淮安市人民政府")
    assert read.requests.get("carried_over", "natural_person") == 103
    found = formulas(out)
    checks = {formula.split('"✓ ')[1].split('"')[0] for formula in found.values()}
    assert {"R1", "R2", "R3", "R4", "X1", "X2"} <= checks
    x1 = next(f for f in found.values() if '"✓ X1"' in f)
    assert "=(103)" in x1  # last year's 结转下年度 as the constant the row must equal
    book = openpyxl.load_workbook(out)
    beside = [c.value for row in book["主动公开"].iter_rows() for c in row if c.number_format == '"上年：" 0']
    assert beside == [11, 66]  # last year's 现行有效件数 beside the rows of 规章 and 行政规范性文件


def test_template_previous_refuses_a_file_that_is_not_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["template", "--previous", str(bad), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "不是有效的报告" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_template_without_edition_or_previous_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["template", "-o", str(tmp_path / "x.xlsx")]) == 2
