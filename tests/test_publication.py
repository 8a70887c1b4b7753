"""Deadlines of 条例 第四十九条 and each body's standing, from the report's own date."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs
import pytest

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.publication import Checked, Status, deadline, publication
from disclosure_schema.roster import Level, parse_roster

ROSTER = "机关,层级,上级\n甲县人民政府,县级政府,\n甲县教育局,部门,甲县人民政府\n甲县某镇人民政府,乡镇,甲县人民政府\n"


def test_deadlines() -> None:
    assert deadline(Level.DEPARTMENT, 2024) == dt.date(2025, 1, 31)
    assert deadline(Level.TOWNSHIP, 2024) == dt.date(2025, 1, 31)
    assert deadline(Level.GOVERNMENT, 2024) == dt.date(2025, 3, 31)


def _report(issuer: str, **dates: dt.date) -> Checked:
    report = attrs.evolve(ds.Report.empty("2021", 2024), issuer=issuer, **dates)
    return Checked(f"{issuer}.json", report, tuple(ds.check(report)))


def test_standing_from_the_reports_own_date() -> None:
    roster = parse_roster(ROSTER)
    broken = ds.Report.empty("2021", 2024, issuer="甲县某镇人民政府", signature_date=dt.date(2025, 2, 1)).with_cells({"/requests/received/total": 5})
    result = publication(
        roster,
        [
            _report("甲县人民政府", printed_date=dt.date(2025, 3, 31)),  # the last day is on time
            _report("甲县教育局"),  # no date at all
            Checked("镇.json", broken, tuple(ds.check(broken))),
            _report("乙县人民政府", publication_date=dt.date(2025, 1, 1)),
        ],
    )
    status = {s.entry.body: s for s in result.standings}
    assert status["甲县人民政府"].status is Status.PUBLISHED
    assert status["甲县教育局"].status is Status.UNDATED and status["甲县教育局"].days_late is None
    town = status["甲县某镇人民政府"]
    assert town.status is Status.INVALID and town.late and town.days_late == 1  # invalid and late: both said
    assert [s.issuer for s in result.strays] == ["乙县人民政府"]


def test_a_second_report_for_one_year_is_kept_as_a_stray() -> None:
    roster = parse_roster(ROSTER)
    result = publication(roster, [_report("甲县教育局"), _report("甲县 教育局")])
    assert len(result.strays) == 1 and result.strays[0].duplicate_of == "甲县教育局.json"


def test_text_check_without_rapidfuzz_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for year, text in ((2023, "今年的问题是培训次数偏少，业务水平不高。"), (2024, "明年将开发移动端专栏，方便群众查阅。")):
        report = ds.Report.empty("2021", year, issuer="甲县教育局")
        ds.dump(attrs.evolve(report, sections={"problems_and_improvements": ds.Section(blocks=(ds.Block(text),))}), tmp_path / f"{year}.json")
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    assert main(["text-check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "disclosure-schema[review]" in err and "Traceback" not in err
