"""Building reports in code: empty reports, cell access, totals, immutability."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import disclosure_schema as ds


def test_empty_report_has_every_cell_zero_or_blank() -> None:
    zero = ds.Report.empty("2021", 2024)
    assert all(value == 0 for _, value in zero.values())
    blank = ds.Report.empty("2019", 2020, blank=True)
    assert all(value is None for _, value in blank.values())


def test_blank_is_distinct_from_zero() -> None:
    report = ds.Report.empty("2021", 2024).with_cells({"/requests/received/natural_person": None})
    assert report.cell("/requests/received/natural_person") is None
    assert report != ds.Report.empty("2021", 2024)


def test_with_cells_rejects_unknown_pointers_and_wrong_kinds() -> None:
    report = ds.Report.empty("2021", 2024)
    with pytest.raises(KeyError):
        report.with_cells({"/requests/received/nobody": 1})
    with pytest.raises(TypeError):
        report.with_cells({"/requests/received/natural_person": 1.0})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        report.with_cells({"/proactive_disclosure/article_20_8/fees/amount": 5})


def test_reports_are_immutable() -> None:
    report = ds.Report.empty("2021", 2024)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.year = 2025  # type: ignore[misc]


def test_fill_totals_computes_every_total_from_details() -> None:
    report = ds.Report.empty("2021", 2024).with_cells(
        {
            "/requests/results/disclosed/natural_person": 3,
            "/requests/results/withheld/state_secret/commercial_enterprise": 2,
            "/requests/results/other_handling/other/other": 1,
            "/review_and_litigation/litigation/direct/upheld": 4,
        }
    )
    filled = ds.fill_totals(report)
    assert filled.requests.get("results/total", "natural_person") == 3
    assert filled.requests.get("results/total", "commercial_enterprise") == 2
    assert filled.requests.get("results/disclosed", "total") == 3
    assert filled.requests.get("results/total", "total") == 6
    assert filled.review_and_litigation.get("litigation/direct", "total") == 4
    assert filled.requests.get("carried_forward", "total") == 0
    assert not [v for v in ds.check(filled) if v.code in ("R2.mismatch", "R3.mismatch", "R4.mismatch")]


def test_fill_totals_keeps_all_blank_totals_blank() -> None:
    filled = ds.fill_totals(ds.Report.empty("2019", 2020, blank=True))
    assert filled.requests.get("results/total", "total") is None


def test_money_is_decimal() -> None:
    report = ds.Report.empty("2021", 2024).with_cells({"/proactive_disclosure/article_20_8/fees/amount": Decimal("24252.311082")})
    assert report.proactive_disclosure["article_20_8/fees/amount"] == Decimal("24252.311082")


def test_unknown_edition_is_refused() -> None:
    with pytest.raises(KeyError):
        ds.Report.empty("2018", 2018)
