"""The command line as a clerk and a script see it: messages, formats, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import disclosure_schema as ds
from disclosure_schema.cli import main

HUAIAN = str(EXAMPLES / "huaian-2024.json")
BEIFENG = str(EXAMPLES / "beifeng-2020.json")


def broken(tmp_path: Path) -> str:
    report = ds.load(HUAIAN).with_cells({"/requests/results/total/natural_person": 2933})
    path = tmp_path / "broken.json"
    ds.dump(report, path)
    return str(path)


def test_valid_files_exit_0_and_warnings_are_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", HUAIAN, BEIFENG]) == 0
    out = capsys.readouterr().out
    assert "huaian-2024.json：有效" in out
    assert "缺少第六部分“六、其他需要报告的事项”" in out


def test_an_error_exits_1_and_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", HUAIAN, broken(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "broken.json：无效" in out
    assert "表三 （七）总计 行，自然人 列：填报 2933" in out
    assert "应为 2932" in out


def test_english_and_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", "--lang", "en", broken(tmp_path)]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    assert result["valid"] is False and result["errors"] == 3
    r2 = next(f for f in result["findings"] if f["code"] == "R2.mismatch")
    assert r2["pointer"] == "/requests/results/total/natural_person"
    assert r2["reported"] == 2933 and r2["computed"] == 2932
    assert r2["message"].startswith("table 三, row （七）总计, column 自然人: reported 2933")
    assert any(c["pointer"] == "/requests/results/disclosed/natural_person" for c in r2["contributions"])


def test_missing_file_and_bad_usage_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", HUAIAN, "/nonexistent/report.json"]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["validate"]) == 2
    assert main(["validate", "--format", "yaml", HUAIAN]) == 2
    assert main([]) == 2


@pytest.mark.parametrize("content", [b"", b"{not json", b"\x00\x01\x02", b"[]", b'{"edition": "2030"}'])
def test_bad_input_exits_1_without_traceback(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "bad.json：无效" in captured.out


def test_previous_year_checks_x1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this = ds.load(HUAIAN)
    last = ds.Report.empty("2021", 2023).with_cells(
        {"/requests/carried_forward/natural_person": 34, "/requests/carried_forward/total": 34}
    )
    ds.dump(last, tmp_path / "2023.json")
    assert main(["validate", HUAIAN, "--previous", str(tmp_path / "2023.json")]) == 0
    capsys.readouterr()
    last = last.with_cells({"/requests/carried_forward/natural_person": 30, "/requests/carried_forward/total": 30})
    ds.dump(last, tmp_path / "2023.json")
    assert main(["validate", HUAIAN, "--previous", str(tmp_path / "2023.json")]) == 1
    assert "X1" in capsys.readouterr().out
    assert this.year == 2024


def test_schema_and_rules_commands_print_the_published_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--edition", "2021"]) == 0
    assert capsys.readouterr().out == (ROOT / "schemas" / "annual-report-2021.schema.json").read_text(encoding="utf-8")
    assert main(["rules", "--edition", "2019"]) == 0
    assert capsys.readouterr().out == (ROOT / "schemas" / "rules-2019.json").read_text(encoding="utf-8")
    assert main(["schema", "--edition", "2018"]) == 2


def test_python_dash_m_and_console_script() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "disclosure_schema", "validate", HUAIAN], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    script = Path(sys.executable).with_name("disclosure-schema")
    run = subprocess.run([str(script), "validate", "--lang", "en", HUAIAN], capture_output=True, text=True)
    assert run.returncode == 0 and "valid" in run.stdout


def test_a_reader_that_crashes_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    import disclosure_schema.sources as sources

    class Exploding:
        name = "boom"
        suffixes = (".boom",)

        def read(self, data: bytes, *, source: str) -> ds.ReadResult:
            raise ZeroDivisionError("deep inside a parser")

    monkeypatch.setattr(sources, "get_reader", lambda name: Exploding())
    monkeypatch.setattr(sources, "reader_names", lambda: ["boom"])
    sources.forget_readers()
    request.addfinalizer(sources.forget_readers)
    path = tmp_path / "report.boom"
    path.write_bytes(b"anything")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "读取器“boom”无法读取此文件：文件已损坏或结构不受支持" in captured.out
    assert "ZeroDivisionError" not in captured.out and "deep inside" not in captured.out  # no Python internals
