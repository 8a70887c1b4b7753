"""``disclosure-schema validate one.json`` imports only what validating needs.

Start-up time itself is measured in ``benchmarks/bench_startup.py``; this checks the
cause: no other sub-command's module, no entry-point scan (``importlib.metadata``,
which imports ``email``), no cattrs hook generation, no ``multiprocessing``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

from disclosure_schema import cli

PROBE = """
import sys, json
from disclosure_schema.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules(*argv: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def test_validate_one_file_imports_only_what_it_needs() -> None:
    code, modules = _modules("validate", str(EXAMPLES / "huaian-2024.json"))
    assert code == 0
    assert "disclosure_schema.cli.validate" in modules
    unwanted = {"importlib.metadata", "email", "cattrs", "multiprocessing", "disclosure_schema.schema"}
    unwanted |= {f"disclosure_schema.cli.{name}" for name in cli.COMMANDS if name != "validate"}
    # nothing that only writing files, reading other formats or formatting help needs
    unwanted |= {"tempfile", "shutil", "pickle", "disclosure_schema.plugins", "disclosure_schema.sources"}
    assert not unwanted & modules


def test_every_command_module_is_named_once() -> None:
    assert sorted(cli.COMMAND_MODULES.values()) == sorted(cli.COMMANDS)
    for name, module in cli.COMMAND_MODULES.items():
        parser = cli.build_parser(name)
        assert name in parser._subparsers._group_actions[0].choices, module  # type: ignore[union-attr,operator]


def test_help_wraps_at_the_width_shutil_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The formatter finds the terminal's width itself (no ``shutil`` import): the same width."""
    import shutil

    for columns in ("50", "200", "0", "x"):
        monkeypatch.setenv("COLUMNS", columns)
        assert cli._columns() == shutil.get_terminal_size().columns
    monkeypatch.setenv("COLUMNS", "60")
    assert max(len(line) for line in cli.build_parser("validate").format_help().splitlines()) <= 60


def test_a_folder_of_json_reports_is_walked_without_looking_up_the_readers(tmp_path: Path) -> None:
    """The readers (and the entry-point scan) are loaded only when a file that is not JSON is met."""
    data = (EXAMPLES / "huaian-2024.json").read_bytes()
    for i in range(3):
        (tmp_path / f"r{i}.json").write_bytes(data)
    code, modules = _modules("validate", str(tmp_path), "--jobs", "1")
    assert code == 0
    assert "importlib.metadata" not in modules
    (tmp_path / "notes.txt").write_text("not a report", encoding="utf-8")
    code, modules = _modules("validate", str(tmp_path), "--jobs", "1")
    assert code == 1  # the text file was taken (by the text reader) and is not a report
    assert "importlib.metadata" in modules
