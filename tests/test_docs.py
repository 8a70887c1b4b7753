"""Generated documentation stays in sync with the declaration; the Python example runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

import disclosure_schema as ds
from disclosure_schema.docgen import pages


def test_generated_reference_pages_are_current() -> None:
    for name, text in pages().items():
        assert (ROOT / "docs" / "reference" / name).read_text(encoding="utf-8") == text, name


def test_python_example_builds_a_valid_report(tmp_path: Path) -> None:
    out = tmp_path / "built.json"
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "build_report.py"), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    report = ds.load(out)
    assert [v for v in ds.check(report) if v.level is ds.Level.ERROR] == []
    assert report.requests.get("results/total", "total") == 11
