"""validate's text output as a clerk reads it: errors before the warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

import disclosure_schema as ds
from disclosure_schema.cli import main


def test_errors_are_listed_before_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A blank form with one figure typed: the wrong sum comes first, the blank-cell warnings after it."""
    report = ds.Report.empty("2021", 2024, blank=True)
    report = report.with_cells({"/requests/received/natural_person": 3, "/requests/received/total": 5})
    path = tmp_path / "r.json"
    path.write_text(ds.dumps(report), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()[1:]
    levels = [line.split()[0] for line in lines if line.startswith("  ") and not line.startswith("      ")]
    assert "错误" in levels and "警告" in levels
    assert levels.index("警告") > max(i for i, word in enumerate(levels) if word == "错误")


def test_files_that_are_not_reports_are_counted_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A README and a data file beside the reports are not "reports with errors"; the exit code still
    says that not every file was a valid report, and the JSON list stays well formed."""
    import json
    import shutil

    from conftest import EXAMPLES

    shutil.copy(EXAMPLES / "huaian-2024.json", tmp_path / "huaian-2024.json")
    (tmp_path / "README.md").write_text("# 说明\n\n本目录存放各单位2024年的年度报告。\n", encoding="utf-8")
    (tmp_path / "cells.json").write_text(json.dumps({"edition": "2021", "table2": {}, "note": "", "body": ""}),
                                         encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "共 1 份报告，有效 1 份，有错误 0 份" in out
    assert "不是年度报告、未计入上述份数的文件 2 个" in out
    assert main(["validate", str(tmp_path), "--format", "json"]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 3
