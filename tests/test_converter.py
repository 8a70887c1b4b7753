"""JSON in and out: strict counts, located errors, lossless round trips, hostile files."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, valid_reports
from hypothesis import given, settings

import disclosure_schema as ds


def document(name: str = "huaian-2024") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def problems(data: Any) -> list[ds.Violation]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data, ensure_ascii=False)
    with pytest.raises(ds.ReportShapeError) as caught:
        ds.loads(text)
    return caught.value.violations


@pytest.mark.parametrize("value", ["12", 12.9, True, "１２", 12.0, [12], {"n": 12}])
def test_counts_are_strict(value: Any) -> None:
    data = document()
    data["requests"]["received"]["natural_person"] = value
    found = problems(data)
    assert [v.pointer for v in found] == ["/requests/received/natural_person"]
    assert found[0].code == "shape.not_count"
    assert "表三 一、本年新收政府信息公开申请数量 行，自然人 列" in found[0].message()


def test_every_problem_is_collected_with_its_pointer() -> None:
    data = document()
    data["requests"]["received"]["natural_person"] = "3001"
    data["review_and_litigation"]["administrative_review"]["total"] = True
    data["contact"]["phone"] = 83605210
    data["proactive_disclosure"]["article_20_8"]["fees"]["amount"] = 96171.6
    data["sections"]["overview"]["blocks"][0] = "text"
    data["remarks"] = "x"
    del data["requests"]["carried_forward"]["other"]
    pointers = {v.pointer for v in problems(data)}
    assert pointers == {
        "/requests/received/natural_person",
        "/review_and_litigation/administrative_review/total",
        "/contact/phone",
        "/proactive_disclosure/article_20_8/fees/amount",
        "/sections/overview/blocks/0",
        "",
        "/requests/carried_forward",
    }


def test_missing_cell_names_its_official_label() -> None:
    data = document()
    del data["requests"]["carried_forward"]["natural_person"]
    (found,) = problems(data)
    assert found.code == "shape.missing"
    assert "natural_person" in found.message() and "自然人" in found.message()


def test_unknown_edition_and_keys() -> None:
    data = document()
    data["edition"] = "2018"
    assert [v.code for v in problems(data)] == ["shape.edition"]
    data = document()
    data["requests"]["results"]["partly"] = {}
    assert [(v.code, v.pointer) for v in problems(data)] == [("shape.unknown_key", "/requests/results")]


def test_other_json_beside_the_reports_is_one_finding_not_a_list() -> None:
    """A data file (a corpus cells file, say) has none of the tables: one not-a-report finding."""
    data = {"edition": "2021", "year": 2024, "body": "x", "table2": {}, "table3": {}, "note": ""}
    (found,) = problems(data)
    assert found.code == "shape.not_a_report" and "'table2'" in found.message()
    # A report with a misnamed table still gets the detail an integrator needs.
    data = document()
    data["requests_"] = data.pop("requests")
    assert sorted(v.code for v in problems(data)) == ["shape.missing", "shape.unknown_key"]


def test_numbers_beyond_exact_json_range_are_refused() -> None:
    data = document()
    data["requests"]["received"]["total"] = 2**53
    assert [v.code for v in problems(data)] == ["shape.out_of_range"]


def test_money_keeps_every_decimal() -> None:
    data = document()
    data["proactive_disclosure"]["article_20_8"]["fees"]["amount"] = "24252.311082"
    report = ds.loads(json.dumps(data))
    assert report.cell("/proactive_disclosure/article_20_8/fees/amount") == Decimal("24252.311082")
    assert '"amount": "24252.311082"' in ds.dumps(report)


def test_blank_cells_load_as_none() -> None:
    data = document()
    data["requests"]["results"]["total"]["total"] = None
    assert ds.loads(json.dumps(data)).cell("/requests/results/total/total") is None


def test_examples_round_trip_byte_for_byte(example_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8")
    report = ds.loads(text)
    assert ds.dumps(report) == text
    assert ds.loads(ds.dumps(report)) == report


@settings(max_examples=40, deadline=None)
@given(valid_reports())
def test_generated_reports_round_trip(report: ds.Report) -> None:
    assert ds.loads(ds.dumps(report)) == report


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (b"", "shape.not_json"),
        (b"\xff\xfe\x00garbage", "shape.not_utf8"),
        (b"{\"year\": NaN}", "shape.not_json"),
        (b"[" * 100_000 + b"]" * 100_000, "shape.too_deep"),
        (b"{\"a\": 1, \"a\": 2}", "shape.duplicate_key"),
        (b"[1, 2]", "shape.not_object"),
    ],
)
def test_hostile_files(text: bytes, code: str) -> None:
    assert [v.code for v in problems(text)] == [code]


def test_oversized_file_is_refused_before_parsing(tmp_path: Any) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as stream:
        stream.write(b'{"x": "' + b"a" * (50 * 1024 * 1024) + b'"}')
    with pytest.raises(ds.ReportShapeError) as caught:
        ds.load(big)
    assert caught.value.violations[0].code == "shape.too_large"


def test_dump_is_atomic(tmp_path: Any, example: ds.Report) -> None:
    target = tmp_path / "report.json"
    target.write_text("good", encoding="utf-8")
    broken = copy.copy(example)
    object.__setattr__(broken, "year", object())
    with pytest.raises(TypeError):
        ds.dump(broken, target)
    assert target.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_written_files_get_ordinary_permissions(tmp_path: Any, example: ds.Report) -> None:
    target = tmp_path / "report.json"
    ds.dump(example, target)
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    ds.dump(example, target)
    assert target.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
