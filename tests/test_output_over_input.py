"""An output never replaces a file the same command reads (brief: nothing the user had is lost)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, reference

from disclosure_schema.cli import main


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """Last year's filled workbook, as a clerk keeps it."""
    path = tmp_path / "2024年报.xlsx"
    assert main(["export", str(EXAMPLES / "huaian-2024.json"), "--to", "xlsx", "-o", str(tmp_path / "x")]) == 0
    shutil.move(tmp_path / "x" / "huaian-2024.xlsx", path)
    return path


def test_next_years_template_is_not_written_over_last_years_workbook(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = filled.read_bytes()
    assert main(["template", "--previous", str(filled), "-o", str(filled.parent / "." / filled.name)]) == 2
    assert "输出会覆盖输入文件" in capsys.readouterr().err
    assert filled.read_bytes() == before
    assert main(["template", "--previous", str(filled), "-o", str(filled.with_name("2025年报.xlsx"))]) == 0


@pytest.mark.parametrize("target", ["roster", "report"])
def test_the_roster_result_is_not_written_over_the_roster_or_a_report(
    tmp_path: Path, filled: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    reports = tmp_path / "年报"
    reports.mkdir()
    report = reports / "huaian.xlsx"  # a filled workbook is a report, and -o may name an .xlsx
    shutil.move(filled, report)
    roster = tmp_path / "名册.csv"
    roster.write_text("body,level,parent\n淮安市人民政府,政府,\n", encoding="utf-8")
    victim = roster if target == "roster" else report
    before = victim.read_bytes()
    output = victim.with_suffix(".csv") if target == "roster" else victim
    assert main(["roster", str(roster), str(reports), "-o", str(output), "--lang", "en"]) == 2
    assert "would overwrite an input" in capsys.readouterr().err
    assert victim.read_bytes() == before


@pytest.mark.parametrize("option", ["--report", "--previous"])
def test_the_fill_in_page_is_not_written_over_a_published_web_page_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    page = tmp_path / "年报.html"
    shutil.copy(reference("robustness", "14-one-bad-cell-drops-table-validate-passes", "original.html"), page)
    assert main(["validate", str(page)]) == 0  # a report the page could be filled from
    before = page.read_bytes()
    assert main(["form", "--edition", "2021", option, str(page), "-o", str(page)]) == 2
    assert "输出会覆盖输入文件" in capsys.readouterr().err
    assert page.read_bytes() == before
