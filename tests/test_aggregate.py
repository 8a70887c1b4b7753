"""Roll-ups: the cell-by-cell sum of valid reports is valid; what cannot be summed is refused."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from conftest import EXAMPLES, valid_reports
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.aggregate import AggregationError, aggregate, aggregate_with_notes
from disclosure_schema.cli import main
from disclosure_schema.converter import MAX_MAGNITUDE

HUAIAN = EXAMPLES / "huaian-2024.json"
BEIFENG = EXAMPLES / "beifeng-2020.json"


@st.composite
def same_year_reports(draw: st.DrawFn) -> list[ds.Report]:
    edition = draw(st.sampled_from(sorted(ds.EDITIONS)))
    reports = draw(st.lists(valid_reports(edition), min_size=1, max_size=4))
    out = []
    for report in reports:
        # A blank counts as 0 in every relation, so blanking cells that hold 0 keeps a report valid.
        zeros = sorted(cell.pointer for cell, value in report.values() if value == 0)
        blanked = draw(st.lists(st.sampled_from(zeros), unique=True)) if zeros else []
        out.append(attrs.evolve(report.with_cells(dict.fromkeys(blanked)), year=reports[0].year))
    return out


@settings(max_examples=40, deadline=None)
@given(reports=same_year_reports())
def test_the_sum_of_valid_reports_is_valid(reports: list[ds.Report]) -> None:
    assert all(not v.is_error for r in reports for v in ds.check(r))
    total = aggregate(reports, issuer="汇总机关")
    assert [v for v in ds.check(total) if v.is_error] == []
    for cell, value in total.values():
        present = [r.cell(cell.pointer) for r in reports if r.cell(cell.pointer) is not None]
        assert value == (sum(present) if present else None)  # type: ignore[arg-type]
    assert ds.loads(ds.dumps(total)) == total  # the format can hold every sum


def test_the_roll_up_keeps_edition_and_year_and_sets_the_envelope() -> None:
    report = ds.load(HUAIAN)
    copies = [attrs.evolve(report, issuer=f"第{i}机关") for i in range(3)]
    total = aggregate(copies, issuer="江苏省示例")
    assert (total.edition, total.year, total.issuer) == (report.edition, report.year, "江苏省示例")
    assert total.statistics_period == ds.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert dict(total.sections) == {}
    assert total.requests.get("received", "total") == 3 * report.requests.get("received", "total")  # type: ignore[operator]
    amount = report.proactive_disclosure.get("article_20_8/fees", "amount")
    assert total.proactive_disclosure.get("article_20_8/fees", "amount") == 3 * amount  # type: ignore[operator]


def test_blank_plus_blank_is_blank_and_blank_plus_figure_is_noted() -> None:
    base = ds.Report.empty("2021", 2024, blank=True)
    one = base.with_cells(
        {"/review_and_litigation/administrative_review/upheld": 2, "/review_and_litigation/administrative_review/total": 2}
    )
    result = aggregate_with_notes([one, base], issuer="X", names=["a.json", "b.json"])
    assert result.report.cell("/review_and_litigation/administrative_review/upheld") == 2
    assert result.report.cell("/review_and_litigation/administrative_review/corrected") is None
    assert len(result.notes) == 2
    note = result.notes[0]
    assert note.blank_in == ("b.json",)
    assert "b.json" in note.message() and "按 0 计入" in note.message()
    assert "counted as 0" in note.message("en")


def test_mixed_editions_are_refused_in_chinese() -> None:
    with pytest.raises(AggregationError) as info:
        aggregate([ds.load(HUAIAN), ds.load(BEIFENG)], issuer="X", names=["huaian", "beifeng"])
    assert "格式版本" in info.value.zh and "huaian" in info.value.zh and "beifeng" in info.value.zh


def test_mixed_years_are_refused() -> None:
    report = ds.load(HUAIAN)
    with pytest.raises(AggregationError) as info:
        aggregate([report, attrs.evolve(report, year=2023)], issuer="X")
    assert "报告年度" in info.value.message()
    assert "year" in info.value.message("en")


def test_inputs_with_errors_are_refused_unless_forced() -> None:
    good = ds.load(HUAIAN)
    bad = attrs.evolve(good.with_cells({"/requests/results/total/natural_person": 1}), issuer="另一机关")
    with pytest.raises(AggregationError) as info:
        aggregate([good, bad], issuer="X", names=["good.json", "bad.json"])
    assert "bad.json" in info.value.zh and "good.json" not in info.value.zh
    forced = aggregate([good, bad], issuer="X", force=True)
    assert forced.cell("/requests/results/total/natural_person") == good.cell("/requests/results/total/natural_person") + 1  # type: ignore[operator]


def test_a_sum_beyond_the_format_is_refused_not_rounded() -> None:
    big = ds.Report.empty("2021", 2024).with_cells({"/requests/received/natural_person": MAX_MAGNITUDE})
    with pytest.raises(AggregationError) as info:
        aggregate([big, big], issuer="X", force=True)
    assert "超出" in info.value.zh
    rich = ds.Report.empty("2021", 2024).with_cells({"/proactive_disclosure/article_20_8/fees/amount": Decimal("9" * 18)})
    with pytest.raises(AggregationError):
        aggregate([rich, rich], issuer="X")


def test_one_body_given_twice_is_refused_not_double_counted() -> None:
    report = ds.load(HUAIAN)
    spaced = attrs.evolve(report, issuer=" ".join(report.issuer or ""))  # the same name, typed with spaces
    with pytest.raises(AggregationError) as info:
        aggregate([report, spaced], issuer="X", names=["a.json", "b.json"])
    assert "两次" in info.value.zh and "a.json" in info.value.zh and "b.json" in info.value.zh
    assert "twice" in info.value.en


def test_nothing_to_sum_is_refused() -> None:
    with pytest.raises(AggregationError):
        aggregate([], issuer="X")


# -- the command -------------------------------------------------------------------------------------


def test_cli_writes_the_roll_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.json"
    other = tmp_path / "other.json"
    ds.dump(attrs.evolve(ds.load(HUAIAN), issuer="另一机关"), other)
    assert main(["aggregate", str(HUAIAN), str(other), "--issuer", "示例", "-o", str(out)]) == 0
    total = ds.load(out)
    assert total.issuer == "示例"
    assert total.requests.get("received", "total") == 2 * ds.load(HUAIAN).requests.get("received", "total")  # type: ignore[operator]
    assert "2 份报告的汇总" in capsys.readouterr().err


def test_cli_refuses_mixed_editions_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.json"
    assert main(["aggregate", str(HUAIAN), str(BEIFENG), "--issuer", "示例", "-o", str(out)]) == 1
    assert "只能汇总同一格式版本的报告" in capsys.readouterr().err
    assert not out.exists()


def test_cli_names_inputs_with_errors_and_force_sums_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    ds.dump(attrs.evolve(ds.load(HUAIAN).with_cells({"/requests/results/total/natural_person": 1}), issuer="另一机关"), bad)
    out = tmp_path / "summary.json"
    assert main(["aggregate", str(HUAIAN), str(bad), "--issuer", "示例", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "--force" in err
    assert not out.exists()
    assert main(["aggregate", str(HUAIAN), str(bad), "--issuer", "示例", "-o", str(out), "--force"]) == 0
    assert out.exists()


def test_cli_refuses_unreadable_inputs_even_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text(json.dumps({"edition": "2021"}), encoding="utf-8")
    out = tmp_path / "summary.json"
    assert main(["aggregate", str(HUAIAN), str(junk), "--issuer", "示例", "-o", str(out), "--force"]) == 1
    assert "junk.json" in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_the_same_report_given_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.json"
    assert main(["aggregate", str(HUAIAN), str(HUAIAN), "--issuer", "示例", "-o", str(out)]) == 1
    assert "两次" in capsys.readouterr().err
    assert not out.exists()


def test_cli_will_not_overwrite_an_input(tmp_path: Path) -> None:
    copy = tmp_path / "in.json"
    ds.dump(ds.load(HUAIAN), copy)
    assert main(["aggregate", str(copy), str(HUAIAN), "--issuer", "示例", "-o", str(copy)]) == 2
    assert ds.load(copy) == ds.load(HUAIAN)
