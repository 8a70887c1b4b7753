"""Exporters as plug-ins: a third party's package, the ``export`` and ``exporters`` commands, atomic outputs.

A tiny package is written to a temporary folder, built and installed with pip
into a folder of its own, and found through its entry point exactly as a
published package would be; the command line runs in a subprocess with that
folder on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import disclosure_schema as ds

HUAIAN = EXAMPLES / "huaian-2024.json"
BEIFENG = EXAMPLES / "beifeng-2020.json"

PLUGIN_PYPROJECT = """
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "ds-cells-probe"
version = "0.0.1"

[project.entry-points."disclosure_schema.exporters"]
cellsmd = "ds_cells_probe:CellsMarkdown"
broken = "ds_cells_probe:Broken"

[tool.setuptools]
py-modules = ["ds_cells_probe"]
"""

PLUGIN_MODULE = '''
"""A third party's exporters: only the public API of disclosure_schema."""
import disclosure_schema


class CellsMarkdown:
    name = "cellsmd"
    suffix = ".md"
    media_type = "text/markdown"

    def export(self, report, stream, **options):
        lines = [f"# {report.title or report.year}", "", "| pointer | value |", "|---|---|"]
        lines += [f"| {cell.pointer} | {'' if value is None else value} |" for cell, value in report.values()]
        stream.write(("\\n".join(lines) + "\\n").encode("utf-8"))


class Broken:
    name = "broken"
    suffix = ".broken"
    media_type = "application/octet-stream"

    def export(self, report, stream, **options):
        stream.write(b"half a file")
        raise RuntimeError("disk on fire")
'''


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plug-in package, built and installed into a folder of its own."""
    base = tmp_path_factory.mktemp("plugin")
    package = base / "ds-cells-probe"
    package.mkdir()
    (package / "pyproject.toml").write_text(PLUGIN_PYPROJECT, encoding="utf-8")
    (package / "ds_cells_probe.py").write_text(textwrap.dedent(PLUGIN_MODULE), encoding="utf-8")
    target = base / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(package)],
        check=True, capture_output=True, cwd=base,
    )
    return target


def cli(*args: str, site: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-m", "disclosure_schema", *args], capture_output=True, text=True,
                          env=env, cwd=cwd or ROOT, timeout=300)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


def test_a_third_party_exporter_is_listed_and_used(site: Path, tmp_path: Path) -> None:
    listed = cli("exporters", site=site)
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith("cellsmd"))
    assert ".md" in line and "text/markdown" in line and "ds_cells_probe:CellsMarkdown" in line
    result = cli("export", str(HUAIAN), "--to", "cellsmd", "-o", str(tmp_path), site=site)
    assert result.returncode == 0, result.stderr
    output = (tmp_path / "huaian-2024.md").read_text(encoding="utf-8")
    report = ds.load(HUAIAN)
    assert output.startswith(f"# {report.title}\n")
    assert f"| /requests/results/total/total | {report.cell('/requests/results/total/total')} |" in output
    assert output.count("\n| /") == len(list(report.values()))


def test_without_the_plug_in_it_is_unknown(tmp_path: Path) -> None:
    assert "cellsmd" not in cli("exporters").stdout


def test_the_shipped_exporters_are_listed_with_their_targets() -> None:
    rows = {row["name"]: row for row in json.loads(cli("exporters", "--format", "json").stdout)}
    assert rows["pdf"]["target"] == "disclosure_schema_exporters.pdf:PdfExporter"
    assert (rows["json"]["suffix"], rows["json"]["media_type"]) == (".json", "application/json")
    assert rows["pdf"]["media_type"] == "application/pdf"


def test_a_failing_export_leaves_no_file_and_keeps_a_good_one(site: Path, tmp_path: Path) -> None:
    result = cli("export", str(HUAIAN), str(BEIFENG), "--to", "broken,json", "-o", str(tmp_path), site=site)
    assert result.returncode == 2
    no_traceback(result)
    assert "disk on fire" in result.stderr and "huaian-2024.broken" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beifeng-2020.json", "huaian-2024.json"]
    good = tmp_path / "huaian-2024.broken"
    good.write_bytes(b"the good file")
    again = cli("export", str(HUAIAN), "--to", "broken", "-o", str(tmp_path), site=site)
    assert again.returncode == 2
    assert good.read_bytes() == b"the good file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unknown_exporter_exits_2_and_names_what_is_installed(tmp_path: Path) -> None:
    result = cli("export", str(HUAIAN), "--to", "pdf,odt", "-o", str(tmp_path))
    assert result.returncode == 2
    no_traceback(result)
    assert "odt" in result.stderr and "pdf" in result.stderr.split("installed")[-1]
    assert list(tmp_path.iterdir()) == []


def test_export_writes_every_format_named(tmp_path: Path) -> None:
    result = cli("export", str(HUAIAN), str(BEIFENG), "--to", "json,pdf", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["beifeng-2020.json", "beifeng-2020.pdf", "huaian-2024.json", "huaian-2024.pdf"]
    assert (tmp_path / "out" / "huaian-2024.json").read_bytes() == HUAIAN.read_bytes()
    assert (tmp_path / "out" / "huaian-2024.pdf").read_bytes().startswith(b"%PDF-")


def test_an_invalid_input_is_reported_and_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads(HUAIAN.read_text(encoding="utf-8"))
    data["requests"]["received"]["natural_person"] = "many"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("export", str(bad), str(HUAIAN), "--to", "json", "-o", str(out))
    assert result.returncode == 1
    no_traceback(result)
    assert "bad.json：不是有效的报告，未导出" in result.stderr
    assert "自然人" in result.stderr  # the located message names the column
    assert sorted(p.name for p in out.iterdir()) == ["huaian-2024.json"]
    english = cli("export", str(bad), "--to", "json", "-o", str(out), "--lang", "en")
    assert "not a valid report" in english.stderr


def test_two_inputs_may_not_write_one_file(tmp_path: Path) -> None:
    copy = tmp_path / "a" / "huaian-2024.json"
    copy.parent.mkdir()
    copy.write_bytes(HUAIAN.read_bytes())
    result = cli("export", str(HUAIAN), str(copy), "--to", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "huaian-2024.json" in result.stderr
    same = cli("export", str(copy), "--to", "json", "-o", str(copy.parent))
    assert same.returncode == 2 and "覆盖" in same.stderr
    assert copy.read_bytes() == HUAIAN.read_bytes()


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = cli("export", str(tmp_path / "nowhere.json"), "--to", "json", "-o", str(tmp_path))
    assert result.returncode == 2
    no_traceback(result)
    assert "nowhere.json" in result.stderr


def test_a_font_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("export", str(HUAIAN), "--to", "pdf", "--font", str(tmp_path / "no.ttf"), "-o", str(tmp_path))
    assert result.returncode == 2 and "--font" in result.stderr
    no_traceback(result)


BLOCK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "reportlab" or name.startswith("reportlab."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Block())
"""


def test_a_missing_optional_dependency_names_the_extra(tmp_path: Path) -> None:
    """With reportlab not importable, asking for the PDF exporter says which extra to install."""
    (tmp_path / "sitecustomize.py").write_text(BLOCK, encoding="utf-8")
    result = cli("export", str(HUAIAN), "--to", "pdf", "-o", str(tmp_path / "out"), site=tmp_path)
    assert result.returncode == 2
    no_traceback(result)
    assert "disclosure-schema[pdf]" in result.stderr and "reportlab" in result.stderr
    listed = cli("exporters", site=tmp_path)
    assert listed.returncode == 0 and "disclosure-schema[pdf]" in listed.stdout


def test_importing_the_core_imports_no_optional_library() -> None:
    code = "import disclosure_schema, sys; print('openpyxl' in sys.modules or 'reportlab' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def clerk(*args: str) -> subprocess.CompletedProcess[str]:
    script = ROOT / "examples" / "make_official_files.py"
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300)


def test_the_clerk_script_makes_the_official_files(tmp_path: Path) -> None:
    source = tmp_path / "淮安报告.json"
    source.write_bytes(HUAIAN.read_bytes())
    result = clerk(str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    folder = tmp_path / "正式文件"
    assert sorted(p.name for p in folder.iterdir()) == ["淮安报告.docx", "淮安报告.json", "淮安报告.pdf", "淮安报告.xlsx"]
    assert (folder / "淮安报告.json").read_bytes() == HUAIAN.read_bytes()
    assert "完成" in result.stdout and "已生成PDF 公文" in result.stdout
    again = clerk(str(folder / "淮安报告.xlsx"), str(tmp_path / "从表格"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert (tmp_path / "从表格" / "淮安报告.json").read_bytes() == HUAIAN.read_bytes()


def test_the_clerk_script_stops_on_errors_and_says_where(tmp_path: Path) -> None:
    source = tmp_path / "错的.json"
    ds.dump(ds.load(HUAIAN).with_cells({"/requests/results/total/natural_person": 1}), source)
    result = clerk(str(source))
    assert result.returncode == 1
    no_traceback(result)
    assert "错误：表三 （七）总计 行，自然人 列：填报 1" in result.stdout and "没有生成文件" in result.stdout
    assert not (tmp_path / "正式文件").exists()
    forced = clerk(str(source), "--force")
    assert forced.returncode == 0 and (tmp_path / "正式文件" / "错的.pdf").exists()
    import docx
    from disclosure_schema_exporters.pdf_envelope import DRAFT_MARK

    draft = docx.Document(str(tmp_path / "正式文件" / "错的.docx"))
    assert draft.paragraphs[0].text == DRAFT_MARK


def test_no_font_on_the_machine_is_a_clear_message_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from disclosure_schema_exporters import pdf_fonts

    from disclosure_schema.cli import main

    monkeypatch.setattr(pdf_fonts, "_directories", lambda: [tmp_path / "no-fonts-here"])
    assert main(["export", str(HUAIAN), "--to", "pdf,json", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "apt-get install fonts-wqy-microhei" in err and "--font" in err and "huaian-2024.pdf" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["huaian-2024.json"]
