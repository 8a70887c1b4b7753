"""Findings accepted once, and the issue list (问题清单) handed on to the body."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import attrs
import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.accepted import AcceptedFileError, fingerprint, load_accepted, parse_accepted
from disclosure_schema.cli import main

HUAIAN = EXAMPLES / "huaian-2024.json"
BROKEN_CELL = "/requests/results/total/natural_person"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "reports" / "b.json"
    path.parent.mkdir()
    ds.dump(ds.load(HUAIAN).with_cells({BROKEN_CELL: 1}), path)
    return path


def _accept_all(broken: Path, tmp_path: Path) -> Path:
    accepted = tmp_path / "accepted.json"
    assert main(["validate", str(broken), "--write-accepted", str(accepted), "--reason", "已电话核实", "--who", "李四"]) == 1
    return accepted


def test_written_file_has_every_field(broken: Path, tmp_path: Path) -> None:
    accepted = _accept_all(broken, tmp_path)
    document = json.loads(accepted.read_text(encoding="utf-8"))
    assert document["edition"] == "2021" and len(document["findings"]) == 3
    entry = document["findings"][0]
    assert {"code", "pointer", "reason", "who", "date", "fingerprint", "body", "year"} <= set(entry)
    assert entry["body"] == "淮安市人民政府" and entry["year"] == 2024 and entry["who"] == "李四"
    assert load_accepted(accepted).entries[0].reason == "已电话核实"


def test_accepted_findings_are_shown_as_accepted_not_errors(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accepted = _accept_all(broken, tmp_path)
    capsys.readouterr()
    assert main(["validate", str(broken), "--accept", str(accepted)]) == 0
    out = capsys.readouterr().out
    assert "有效（0 个错误" in out and out.count("已接受 [") == 3 and "李四" in out and "已电话核实" in out
    assert main(["validate", str(broken), "--accept", str(accepted), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)[0]
    assert data["errors"] == 0 and data["findings"] == [] and len(data["accepted"]) == 3


def test_acceptance_expires_when_an_involved_cell_changes(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accepted = _accept_all(broken, tmp_path)
    report = ds.load(broken)
    # natural persons' 予以公开 contributes to R2 of that column: the R2 acceptance no longer holds.
    ds.dump(report.with_cells({"/requests/results/disclosed/natural_person": 1000}), broken)
    capsys.readouterr()
    assert main(["validate", str(broken), "--accept", str(accepted)]) == 1
    out = capsys.readouterr().out
    assert "错误 [R2.mismatch]" in out and "接受已失效" in out
    assert "已接受 [R1.mismatch]" in out  # R1 of that column involves no changed cell


def test_fingerprint_covers_contributing_values() -> None:
    report = ds.load(HUAIAN).with_cells({BROKEN_CELL: 1})
    before = {v.code: fingerprint(v) for v in ds.check(report)}
    after = {v.code: fingerprint(v) for v in ds.check(report.with_cells({"/requests/results/disclosed/natural_person": 1}))}
    assert before["R2.mismatch"] != after["R2.mismatch"]


def test_bad_accepted_files_are_named(tmp_path: Path, broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["validate", str(broken), "--accept", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "JSON" in err and "Traceback" not in err
    with pytest.raises(AcceptedFileError) as info:
        parse_accepted({"format": "disclosure-schema/accepted-findings", "version": 1, "edition": "2021", "findings": [{"code": "R1.mismatch"}]}, "a.json")
    assert "/findings/0/pointer" in info.value.zh
    with pytest.raises(AcceptedFileError) as info:
        parse_accepted({"format": "something else"}, "a.json")
    assert "/format" in info.value.en


def test_an_accepted_file_of_another_edition_is_named(tmp_path: Path, broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accepted = _accept_all(broken, tmp_path)
    document = json.loads(accepted.read_text(encoding="utf-8"))
    document["edition"] = "2019"
    accepted.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(broken), "--accept", str(accepted)]) == 1  # not applied: the errors stand
    out = capsys.readouterr().out
    assert "2019 版格式" in out and "清单不适用于本报告" in out and out.count("错误 [") == 3
    document["findings"][0]["pointer"] = "/proactive_disclosure/article_20_1/regulations/in_force"  # a 2021-only cell
    accepted.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(broken), "--accept", str(accepted)]) == 2
    err = capsys.readouterr().err
    assert "/findings/0/pointer" in err and "2019" in err and "Traceback" not in err


def test_issue_list_csv_one_row_per_finding_sorted_by_body(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = broken.parent / "a.json"
    evil = "=HYPERLINK(\"http://x\")"
    ds.dump(attrs.evolve(ds.load(HUAIAN).with_cells({"/review_and_litigation/administrative_review/total": 1}), issuer=evil), other)
    out = tmp_path / "问题清单.csv"
    assert main(["validate", str(broken.parent), "--format", "csv", "-o", str(out)]) == 1
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    header, body = rows[0], rows[1:]
    assert header == ["文件", "机关", "年度", "表", "行", "列", "填报值", "应为", "代码", "级别", "说明", "已接受"]
    assert len(body) == 3 + 1
    assert [row[1] for row in body] == sorted(row[1] for row in body)
    assert body[0][1] == "'" + evil  # text never becomes a formula
    r2 = next(row for row in body if row[8] == "R2.mismatch")
    assert r2[3:6] == ["表三", "（七）总计", "自然人"] and r2[6] == "1" and r2[7] == "2932" and r2[9] == "错误" and r2[11] == "否"
    assert "填报 1" in r2[10]


def test_issue_list_xlsx_marks_accepted_and_is_formula_safe(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    accepted = _accept_all(broken, tmp_path)
    evil = broken.parent / "c.json"
    ds.dump(attrs.evolve(ds.load(HUAIAN).with_cells({BROKEN_CELL: 2}), issuer="=1+1"), evil)
    out = tmp_path / "问题清单.xlsx"
    assert main(["validate", str(broken.parent), "--format", "xlsx", "-o", str(out), "--accept", str(accepted)]) == 1
    sheet = openpyxl.load_workbook(out).active
    rows = [[c for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 6
    assert rows[0][1].value == "=1+1" and rows[0][1].data_type == "s"  # stored as text, not a formula
    flags = [row[11].value for row in rows if row[1].value == "淮安市人民政府"]
    assert len(flags) == 3 and all(flag.startswith("是：李四") for flag in flags)


def test_issue_list_needs_an_output(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(broken), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


@pytest.mark.parametrize("options", [
    ["--format", "csv", "-o", "{report}"],  # the issue list over a report in the folder checked
    ["--format", "xlsx", "-o", "{folder}/./b.json"],
    ["--write-accepted", "{report}"],
    ["--format", "csv", "-o", "{accepted}", "--accept", "{accepted}"],  # over the accepted findings read
    ["--format", "csv", "-o", "{folder}/x.csv", "--write-accepted", "{folder}/x.csv"],
])
def test_the_issue_list_never_replaces_a_file_it_reads(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    accepted = _accept_all(broken, tmp_path)
    capsys.readouterr()
    before = {p: p.read_bytes() for p in (broken, accepted)}
    names = {"report": str(broken), "folder": str(broken.parent), "accepted": str(accepted)}
    argv = ["validate", str(broken.parent), *(option.format(**names) for option in options)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "输出会覆盖输入文件" in err or "同一个文件" in err, err
    assert {p: p.read_bytes() for p in before} == before
    assert not (broken.parent / "x.csv").exists()
