"""The clerk's guide (docs/clerk-guide.zh.md) run as written: install, template, validate, export.

Every ```sh block of the guide is a command a clerk types; this test runs them in
order, in an empty folder holding a filled workbook named as the guide names it.
The install command (which downloads the dependencies from PyPI into a fresh
virtual environment) runs in CI, or when DS_TEST_INSTALL=1.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from disclosure_schema_readers.docx import DocxReader

import disclosure_schema as ds

GUIDE = ROOT / "docs" / "clerk-guide.zh.md"


def commands() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^[ \t]*```sh\n(.*?)^[ \t]*```", text, flags=re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_guide_has_the_clerks_commands() -> None:
    found = commands()
    assert found[0].startswith("python -m pip install ")
    assert [c.split()[1] for c in found[1:]] == ["template", "validate", "export"]


def test_the_guides_commands_work_as_written(tmp_path: Path) -> None:
    # the clerk's filled-in workbook, as the guide names it
    filled = subprocess.run([sys.executable, "-m", "disclosure_schema", "export", str(EXAMPLES / "huaian-2024.json"),
                             "--to", "xlsx", "-o", str(tmp_path)], capture_output=True, text=True)
    assert filled.returncode == 0, filled.stderr
    (tmp_path / "huaian-2024.xlsx").rename(tmp_path / "2024年报.xlsx")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    for command in commands()[1:]:
        run = subprocess.run(shlex.split(command), cwd=tmp_path, capture_output=True, text=True,
                             env={**os.environ, "PATH": path})
        assert run.returncode == 0, f"{command}\n{run.stdout}\n{run.stderr}"
        assert "Traceback" not in run.stderr
    out = tmp_path / "正式文件"
    assert sorted(p.name for p in out.iterdir()) == ["2024年报.docx", "2024年报.json", "2024年报.pdf", "2024年报.xlsx"]
    assert (tmp_path / "空白模板.xlsx").is_file()
    example = ds.load(EXAMPLES / "huaian-2024.json")
    assert dict(ds.load(out / "2024年报.json").values()) == dict(example.values())
    word = DocxReader().read((out / "2024年报.docx").read_bytes(), source="2024年报.docx").report
    assert dict(word.values()) == dict(example.values())


@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("DS_TEST_INSTALL")),
                    reason="downloads the dependencies from PyPI: runs in CI or with DS_TEST_INSTALL=1")
def test_the_guides_install_command_works_from_the_checkout(tmp_path: Path) -> None:
    """A fresh Python with nothing but the checkout: the guide's install line, then the installed command."""
    environment = tmp_path / "clerk-venv"
    venv.create(environment, with_pip=True)
    python = environment / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = shlex.split(commands()[0])
    assert install[0] == "python"
    run = subprocess.run([str(python), *install[1:]], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    exporters = subprocess.run([str(python), "-m", "disclosure_schema", "exporters"], capture_output=True, text=True)
    assert exporters.returncode == 0 and all(name in exporters.stdout for name in ("docx", "pdf", "xlsx", "json"))
