"""Indicators defined once in the taxonomy, computed the same way by series and the tidy export."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.indicators import formula, indicator_values
from disclosure_schema.taxonomy.indicators import INDICATORS, LIBRARY_DEFINITION

HUAIAN = EXAMPLES / "huaian-2024.json"


def test_huaian_figures_by_hand() -> None:
    report = ds.load(HUAIAN)
    values = indicator_values(report)
    handled = report.requests.get("results/total", "total")
    disclosed = report.requests.get("results/disclosed", "total") + report.requests.get("results/partially_disclosed", "total")  # type: ignore[operator]
    assert values["disclosure_rate"] == (Decimal(disclosed) / Decimal(handled)).quantize(Decimal("0.0001"))  # type: ignore[arg-type]
    review = report.review_and_litigation
    decided = review.get("administrative_review", "total") - review.get("administrative_review", "pending")  # type: ignore[operator]
    assert values["review_correction_rate"] == (Decimal(review.get("administrative_review", "corrected")) / decided).quantize(Decimal("0.0001"))  # type: ignore[arg-type]


def test_blank_or_zero_denominator_is_blank_not_zero() -> None:
    assert set(indicator_values(ds.Report.empty("2021", 2024)).values()) == {None}
    assert set(indicator_values(ds.Report.empty("2019", 2020, blank=True)).values()) == {None}


def test_other_handling_covers_both_editions_shapes() -> None:
    r2019 = ds.Report.empty("2019", 2020).with_cells({"/requests/results/other_handling/total": 2, "/requests/results/total/total": 8})
    r2021 = ds.Report.empty("2021", 2021).with_cells({"/requests/results/other_handling/other/total": 2, "/requests/results/other_handling/no_correction/total": 2, "/requests/results/total/total": 8})
    assert indicator_values(r2019)["other_handling_share"] == Decimal("0.25")
    assert indicator_values(r2021)["other_handling_share"] == Decimal("0.5")


def test_every_indicator_says_where_its_definition_comes_from() -> None:
    for indicator in INDICATORS:
        zh, en = indicator.source
        assert zh and en
        assert indicator.source == LIBRARY_DEFINITION or "国办公开办函" in zh
        assert "÷" in formula(indicator, "2021") and "表" in formula(indicator, "2019")


def test_series_and_tidy_print_the_same_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = indicator_values(ds.load(HUAIAN))
    assert main(["series", str(HUAIAN), "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["years"][0]["indicators"] == {k: str(v) for k, v in expected.items()}
    out = tmp_path / "cells.csv"
    assert main(["tidy", str(HUAIAN), "-o", str(out), "--indicators"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["table_key"] == "indicators"]
    assert {row["row_key"]: Decimal(row["value"]) for row in rows} == expected
    assert main(["tidy", str(HUAIAN), "-o", str(out)]) == 0  # without the option: cells only
    with out.open(encoding="utf-8-sig", newline="") as stream:
        assert all(row["table_key"] != "indicators" for row in csv.DictReader(stream))
