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
