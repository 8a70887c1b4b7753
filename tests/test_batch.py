"""``validate`` at scale: directories, JSON lines, the summary, exit codes, and --jobs 2 == --jobs 1.

Also the converter's fast path: it must decide exactly what the locating walk decides.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, valid_reports
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema import converter
from disclosure_schema.cli import main
from disclosure_schema.io import parse_json
from disclosure_schema.validation import discover

HUAIAN = EXAMPLES / "huaian-2024.json"


def make_tree(root: Path, count: int = 12) -> dict[str, bool]:
    """Valid and broken reports in nested folders, plus files a walk must skip; returns path -> valid."""
    base = ds.load(HUAIAN)
    expected: dict[str, bool] = {}
    for i in range(count):
        folder = root / f"d{i % 3}" / ("deep" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"r{i:02d}.json"
        report = base if i % 4 else base.with_cells({"/requests/results/total/natural_person": 1 + i})
        ds.dump(report, path)
        expected[str(path)] = bool(i % 4)
    (root / "d0" / "notes.rtf").write_text("not a report", encoding="utf-8")
    (root / "d1" / ".hidden.json").write_text("{}", encoding="utf-8")
    return expected


def run_jsonl(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    code = main(["validate", "--format", "jsonl", "--no-progress", *argv])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_a_directory_is_walked_recursively_in_name_order(tmp_path: Path) -> None:
    expected = make_tree(tmp_path)
    found = list(discover([str(tmp_path)]))
    assert sorted(found) == sorted(expected)
    assert found == sorted(found, key=lambda p: Path(p).relative_to(tmp_path).parts)
    assert not any(p.endswith((".rtf", ".hidden.json")) for p in found)


def test_jsonl_has_one_line_per_report_and_the_exit_code_says_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = make_tree(tmp_path)
    code, lines, err = run_jsonl(capsys, str(tmp_path), "--jobs", "1")
    assert code == 1
    assert {line["file"]: line["valid"] for line in lines} == expected
    broken = [line for line in lines if not line["valid"]]
    assert all(any(f["code"] == "R2.mismatch" for f in line["findings"]) for line in broken)
    assert f"共 {len(expected)} 份报告" in err
    assert "R2.mismatch" in err


def test_jobs_2_gives_the_same_results_in_the_same_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path, count=40)
    one = run_jsonl(capsys, str(tmp_path), "--jobs", "1")
    two = run_jsonl(capsys, str(tmp_path), "--jobs", "2")
    assert one == two
    assert len(one[1]) == 40


def test_text_summary_counts_and_top_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = make_tree(tmp_path)
    assert main(["validate", str(tmp_path), "--quiet", "--no-progress"]) == 1
    out = capsys.readouterr().out
    invalid = sum(1 for valid in expected.values() if not valid)
    assert f"有效 {len(expected) - invalid} 份，有错误 {invalid} 份" in out
    assert out.count("：无效") == invalid
    assert "：有效" not in out  # --quiet leaves clean files out
    code_line = next(line for line in out.splitlines() if "R2.mismatch" in line and line.startswith("  R2"))
    assert code_line.split()[-1] == str(invalid)


def test_all_valid_exits_0_and_json_is_one_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(3):
        ds.dump(ds.load(HUAIAN), tmp_path / f"ok{i}.json")
    assert main(["validate", str(tmp_path), "--format", "json", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [Path(entry["file"]).name for entry in data] == ["ok0.json", "ok1.json", "ok2.json"]
    assert "summary: 3 reports, 3 valid, 0 with errors" in captured.err


def test_a_missing_file_exits_2_even_among_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(HUAIAN), "no-such-file.json"]) == 2
    captured = capsys.readouterr()
    assert "no-such-file.json" in captured.err
    assert "有效" in captured.out


def test_one_file_keeps_the_short_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(HUAIAN)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "汇总" not in out


def test_an_empty_directory_cannot_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "no report files found" in capsys.readouterr().err


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(HUAIAN), "--jobs", "0"]) == 2


def test_progress_is_drawn_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path, count=4)
    main(["validate", str(tmp_path), "--progress", "--format", "jsonl"])
    err = capsys.readouterr().err
    assert "\r4/4 (100%)" in err


def test_previous_is_applied_to_every_file_in_the_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this = ds.load(HUAIAN)
    last = ds.load(HUAIAN).with_cells({"/requests/carried_forward/natural_person": 999})
    last = ds.Report.empty("2021", 2023).with_tables({k: last.table(k) for k in ds.TABLE_KEYS})
    ds.dump(last, tmp_path / "last.json")
    folder = tmp_path / "now"
    folder.mkdir()
    for i in range(6):
        ds.dump(this, folder / f"r{i}.json")
    code, lines, _ = run_jsonl(capsys, str(folder), "--previous", str(tmp_path / "last.json"), "--jobs", "2")
    assert code == 1
    assert len(lines) == 6
    assert all(any(f["code"] == "X1.mismatch" for f in line["findings"]) for line in lines)


# -- the converter's fast path ---------------------------------------------------------------------

MUTATIONS = ("string", "float", "bool", "null", "huge", "drop", "extra", "not_object", "money_number")


def mutate(document: dict[str, Any], rng: random.Random, how: str) -> None:
    table = rng.choice(list(ds.TABLE_KEYS))
    node: Any = document[table]
    parent, key = document, table
    while isinstance(node, dict) and node and rng.random() < 0.8:
        parent, key = node, rng.choice(sorted(node))
        node = node[key]
    if how == "drop":
        del parent[key]
    elif how == "extra":
        parent["unexpected"] = 1
    elif how == "not_object":
        parent[key] = [1]
    else:
        parent[key] = {"string": "12", "float": 1.5, "bool": True, "null": None, "huge": 2**60, "money_number": 3}[how]


def slow_structure(document: Any) -> Any:
    """What the locating walk alone makes of a document."""
    original = converter._read_fast

    def refuse(*_: Any) -> None:
        raise converter._Irregular

    converter._read_fast = refuse  # type: ignore[assignment]
    try:
        return _outcome(document)
    finally:
        converter._read_fast = original


def _outcome(document: Any) -> Any:
    try:
        return ("report", converter.structure_report(document))
    except ds.ReportShapeError as exc:
        return ("violations", [(v.code, v.pointer, v.params, v.reported) for v in exc.violations])


@settings(max_examples=60, deadline=None)
@given(report=valid_reports(), seed=st.integers(0, 2**32), how=st.sampled_from(MUTATIONS))
def test_fast_path_decides_exactly_what_the_walk_decides(report: ds.Report, seed: int, how: str) -> None:
    text = ds.dumps(report)
    assert _outcome(parse_json(text)) == slow_structure(parse_json(text)) == ("report", report)
    document = parse_json(text)
    mutate(document, random.Random(seed), how)
    assert _outcome(document) == slow_structure(document)


@pytest.mark.parametrize("output_format", ["text", "json", "jsonl"])
def test_a_long_walk_streamed_in_chunks_says_exactly_what_a_listed_one_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    """Past ``STREAM_AFTER`` files the walk goes to the workers chunk by chunk: same output, same order."""
    from disclosure_schema.cli import validate as validate_cmd

    make_tree(tmp_path, count=14)
    (tmp_path / "d2" / "broken.json").write_text('{"edition": "2021", "edition": "2019"}', encoding="utf-8")
    outputs = []
    for stream_after, chunk, jobs in ((10_000, 100, "1"), (3, 2, "1"), (3, 2, "2")):
        monkeypatch.setattr(validate_cmd, "STREAM_AFTER", stream_after)
        monkeypatch.setattr(validate_cmd, "CHUNK", chunk)
        code = main(["validate", str(tmp_path), "--format", output_format, "--jobs", jobs, "--no-progress"])
        captured = capsys.readouterr()
        outputs.append((code, captured.out, captured.err))
    assert outputs[0][0] == 1
    assert "shape.duplicate_key" in outputs[0][1] + outputs[0][2]
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]
