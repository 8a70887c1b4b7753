"""``disclosure-schema import``: outputs, notes, --strict, --from, bad input without tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_recognize import reference_file

import disclosure_schema as ds
from disclosure_schema.cli import main


def _copy(tmp_path: Path, *parts: str) -> Path:
    source = reference_file(*parts)
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


def test_import_to_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _copy(tmp_path, "reports", "shanghai-2019.txt")
    page = _copy(tmp_path, "real", "pingtan-2021.html")
    out = tmp_path / "out"
    assert main(["import", str(text), str(page), "-o", str(out)]) == 0
    report = ds.load(out / "shanghai-2019.json")
    assert report.edition == "2019" and report.issuer == "上海市人民政府办公厅"
    assert ds.load(out / "pingtan-2021.json").cell("/proactive_disclosure/article_20_1/normative_documents/in_force") == 665
    printed = capsys.readouterr().out
    assert "读取说明" in printed and "narrative.mismatch" in printed and "无法提供 265 件" in printed


def test_import_single_file_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _copy(tmp_path, "reports", "huaian-2024.txt")
    target = tmp_path / "h.json"
    assert main(["import", str(text), "-o", str(target), "--lang", "en"]) == 0
    assert ds.load(target).year == 2024
    assert "reading notes" in capsys.readouterr().out


def test_strict_turns_notes_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _copy(tmp_path, "reports", "suqian-2023.txt")
    target = tmp_path / "s.json"
    assert main(["import", str(text), "-o", str(target), "--strict"]) == 1
    assert not target.exists()
    assert "--strict" in capsys.readouterr().err


def test_from_forces_a_reader(tmp_path: Path) -> None:
    page = _copy(tmp_path, "real", "pingtan-2021.html")
    renamed = page.with_suffix(".data")
    page.rename(renamed)
    assert main(["import", str(renamed), "-o", str(tmp_path / "p.json"), "--from", "html"]) == 0
    assert main(["import", str(renamed), "-o", str(tmp_path / "q.json")]) == 2  # no reader takes .data


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe junk" * 40, "这不是年度报告。\n".encode()])
def test_bad_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["import", str(bad), "-o", str(tmp_path / "bad.json")]) == 1
    err = capsys.readouterr().err
    assert "bad.txt" in err and "Traceback" not in err
    assert not (tmp_path / "bad.json").exists()


def test_missing_file_and_bad_output(tmp_path: Path) -> None:
    assert main(["import", str(tmp_path / "nope.txt"), "-o", str(tmp_path)]) == 2
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("x", encoding="utf-8")
    b.write_text("x", encoding="utf-8")
    assert main(["import", str(a), str(b), "-o", str(tmp_path / "one.json")]) == 2


def test_validate_reads_published_files() -> None:
    text = reference_file("reports", "huaian-2024.txt")
    page = reference_file("real", "pingtan-2021.html")
    assert main(["validate", str(text), str(page)]) == 0
    assert main(["validate", str(reference_file("reports", "shanghai-2019.txt"))]) == 1
