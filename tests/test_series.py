"""A body's reports over several years: X1/X2 for each consecutive pair, gaps, the figures year by year."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from conftest import valid_reports
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.rules import checks_for
from disclosure_schema.series import FIGURES, SeriesError, check_series


def follow(previous: ds.Report, report: ds.Report) -> ds.Report:
    """``report`` made to continue ``previous``: every cross-year relation holds, and R1 still does."""
    report = attrs.evolve(report, year=previous.year + 1)
    changes: dict[str, ds.Value] = {}
    for chk in checks_for(report.edition):
        if not chk.relation.cross_year:
            continue
        total = 0
        for op in chk.operands:
            value = (previous if op.previous else report).cell(op.cell.pointer) or 0
            total += op.sign * value  # type: ignore[assignment]
        changes[chk.target.pointer] = max(total, 0)
    report = report.with_cells(changes)
    requests = report.requests
    balance: dict[str, ds.Value] = {}
    for column in requests.spec.row_index["received"].columns[:-1]:
        handled = requests.get("results/total", column.key) or 0
        forward = requests.get("carried_forward", column.key) or 0
        over = requests.get("carried_over", column.key) or 0
        received = handled + forward - over
        if received < 0:
            balance[f"/requests/carried_forward/{column.key}"] = forward - received
            received = 0
        balance[f"/requests/received/{column.key}"] = received
    return ds.fill_totals(report.with_cells(balance))


def chain(reports: list[ds.Report], start: int) -> list[ds.Report]:
    out = [attrs.evolve(reports[0], year=start)]
    for report in reports[1:]:
        out.append(follow(out[-1], report))
    return out


def write(folder: Path, reports: list[ds.Report]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for report in reports:
        path = folder / f"{report.year}.json"
        ds.dump(report, path)
        paths.append(path)
    return paths


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports=st.lists(valid_reports("2021"), min_size=2, max_size=4))
def test_a_consistent_series_has_no_error(reports: list[ds.Report]) -> None:
    series = check_series([(f"r{i}", r) for i, r in enumerate(chain(reports, 2021))])
    assert series.valid
    assert series.missing_years == ()
    assert all(year.compared_with_previous for year in series.years[1:])
    assert not any(v.code.startswith("X1") for year in series.years for v in year.findings)


def sample(count: int = 3, start: int = 2021) -> list[ds.Report]:
    base = ds.load(Path(__file__).resolve().parents[1] / "examples" / "huaian-2024.json")
    return chain([base] * count, start)


def test_a_broken_carry_over_is_an_x1_error_of_that_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = sample()
    broken = reports[2].with_cells({"/requests/carried_over/natural_person": 7777})
    paths = write(tmp_path, [reports[0], reports[1], ds.fill_totals(broken)])
    series = check_series([(str(p), ds.load(p)) for p in paths])
    assert not series.valid
    assert [year.errors > 0 for year in series.years] == [False, False, True]
    assert any(v.code == "X1.mismatch" for v in series.years[2].findings)
    assert main(["series", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "2023" in out and "X1.mismatch" in out and "序列有错误" in out


def test_gaps_are_reported_and_x1_is_not_checked_across_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = sample(4)
    write(tmp_path, [reports[0], reports[1], reports[3]])
    assert main(["series", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "缺少 2023 年度的报告" in out
    assert "缺" in out.splitlines()[2]
    series = check_series([(r.issuer or "", r) for r in (reports[0], reports[1], reports[3])])
    assert series.missing_years == (2023,)
    assert [y.compared_with_previous for y in series.years] == [False, True, False]


def test_two_reports_for_one_year_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = sample(2)
    write(tmp_path / "a", reports)
    write(tmp_path / "b", reports[:1])
    assert main(["series", str(tmp_path)]) == 1
    assert "2021 年有两份报告" in capsys.readouterr().err
    with pytest.raises(SeriesError):
        check_series([("a", reports[0]), ("b", reports[0])])


def test_json_lays_out_the_main_figures_per_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = sample(3)
    write(tmp_path, reports)
    assert main(["series", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in data["years"]] == [2021, 2022, 2023]
    assert [f["key"] for f in data["figures"]] == [f.key for f in FIGURES]
    for year, report in zip(data["years"], reports, strict=True):
        assert year["figures"]["received"] == report.cell("/requests/received/total")
        assert year["figures"]["carried_forward"] == report.cell("/requests/carried_forward/total")
        lawsuits = report.cell("/review_and_litigation/litigation/direct/total") + report.cell(  # type: ignore[operator]
            "/review_and_litigation/litigation/after_review/total"
        )
        assert year["figures"]["lawsuits"] == lawsuits
    assert data["years"][1]["figures"]["carried_over"] == data["years"][0]["figures"]["carried_forward"]


def test_text_table_has_a_column_per_year_and_official_row_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, sample(2))
    assert main(["series", str(tmp_path), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("year"))
    assert header.split()[1:] == ["2021", "2022"]
    assert any(line.startswith(FIGURES[0].label) for line in lines)
    assert lines[-1] == "series valid"
