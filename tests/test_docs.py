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


def test_readme_python_example_writes_a_report_that_validates(tmp_path: Path) -> None:
    """The README's Python block, run as written (from the checkout), writes a valid report."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("Python:\n\n```python\n", 1)[1].split("```", 1)[0]
    run = subprocess.run([sys.executable, "-c", block.replace("examples/", str(ROOT / "examples") + "/")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "R2.mismatch" in run.stdout
    assert ds.is_valid(ds.load(tmp_path / "fixed.json"))


def test_build_report_says_how_to_use_it() -> None:
    script = str(ROOT / "examples" / "build_report.py")
    run = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "usage:" in run.stdout and "out.json" in run.stdout
    wrong = subprocess.run([sys.executable, script, "a.json", "b.json"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "usage:" in wrong.stderr


def test_the_huaian_example_is_the_published_report_complete() -> None:
    """examples/huaian-2024.json against the published report's text: every paragraph whole, none cut off."""
    reference = ROOT.parent / "shared" / "reference" / "reports" / "huaian-2024.txt"
    if not reference.exists():
        import pytest

        pytest.skip("reference report not available")
    published = "".join(reference.read_text(encoding="utf-8").split())
    report = ds.load(ROOT / "examples" / "huaian-2024.json")
    texts = [report.preamble or ""] + [b.text for s in report.sections.values() for b in s.blocks]
    for text in texts:
        assert "".join(text.split()) in published, text[:20]
        assert text.rstrip().endswith(("。", "）", "%。")), text[-20:]
    assert report.contact is not None and report.contact.email and report.contact.email in (report.preamble or "")
