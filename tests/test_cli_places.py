"""``import``, ``validate`` and ``export`` name places in the clerk's language (第60行第1栏, 第一部分第10段)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_recognize import reference_file

from disclosure_schema.cli import main

ENGLISH_PLACE = re.compile(r"\b(line|lines|col|row|table|page|paragraph|part|block|section)\s*\d|\br\d+c\d+\b")
NOTE_PLACES = {
    "label-without-ordinal.txt": ("cases", "第5行第1栏：", "line 5 col 1: "),
    "pingtan-2021.txt": ("reports", "第3行第5片段：", "line 3 part 5: "),
    "shanghai-2019.txt": ("reports", "第一部分第10段：", "section overview, block 10: "),
    "hongze-2024.pdf": ("real", "第3页第2个表格第9行第3栏：", "page 3 table 2 r9c3: "),
}


def _copy(tmp_path: Path, name: str) -> Path:
    folder = NOTE_PLACES[name][0]
    target = tmp_path / "in" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(reference_file(folder, name), target)
    return target


def _without(text: str, tmp_path: Path) -> str:
    return text.replace(str(tmp_path), "")  # the temporary folder's name may hold any word


@pytest.mark.parametrize("name", sorted(NOTE_PLACES))
def test_import_names_places_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    source = _copy(tmp_path, name)
    assert main(["import", str(source), "-o", str(tmp_path / "out.json")]) == 0
    printed = _without(capsys.readouterr().out, tmp_path)
    assert NOTE_PLACES[name][1] in printed, printed
    assert not ENGLISH_PLACE.search(printed), ENGLISH_PLACE.search(printed)


@pytest.mark.parametrize("name", sorted(NOTE_PLACES))
def test_import_in_english_keeps_english_places(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    source = _copy(tmp_path, name)
    assert main(["import", str(source), "-o", str(tmp_path / "out.json"), "--lang", "en"]) == 0
    printed = _without(capsys.readouterr().out, tmp_path)
    assert NOTE_PLACES[name][2] in printed, printed
    assert "第5行" not in printed and "部分第" not in printed


@pytest.mark.parametrize("name", ["label-without-ordinal.txt", "shanghai-2019.txt", "pingtan-2021.txt"])
def test_validate_text_names_places_in_chinese_and_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = _copy(tmp_path, name)
    main(["validate", str(source)])
    chinese = _without(capsys.readouterr().out, tmp_path)
    notes = [line for line in chinese.splitlines() if "读取说明 [" in line]
    assert notes and any(NOTE_PLACES[name][1] in line for line in notes), chinese
    assert not any(ENGLISH_PLACE.search(line) for line in notes), [n for n in notes if ENGLISH_PLACE.search(n)]
    main(["validate", str(source), "--lang", "en"])
    english = _without(capsys.readouterr().out, tmp_path)
    assert any(NOTE_PLACES[name][2] in line for line in english.splitlines() if line.lstrip().startswith("note [")), english


def test_validate_json_keeps_where_and_adds_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _copy(tmp_path, "label-without-ordinal.txt")
    main(["validate", str(source), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    entries = data if isinstance(data, list) else data.get("files", [data])
    notes = [n for entry in entries for n in entry.get("reading_notes", [])]
    first = next(n for n in notes if n["where"] == "line 5 col 1")  # the readers' stable form, unchanged
    assert first["place"] == "第5行第1栏"


def test_read_failed_uses_the_full_width_colon_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    main(["validate", str(bad)])
    chinese = _without(capsys.readouterr().out, tmp_path)
    assert "无法读取：" in chinese and "bad.docx：" in chinese and "bad.docx:" not in chinese, chinese
    main(["validate", str(bad), "--lang", "en"])
    english = _without(capsys.readouterr().out, tmp_path)
    assert "cannot read: " in english and "bad.docx: " in english and "：" not in english, english


def test_export_prints_reading_notes_with_chinese_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _copy(tmp_path, "label-without-ordinal.txt")
    main(["export", str(source), "--to", "json", "-o", str(tmp_path / "out")])
    chinese = _without(capsys.readouterr().err, tmp_path)
    assert "label-without-ordinal.txt：第5行第1栏：" in chinese and not ENGLISH_PLACE.search(chinese), chinese
    assert "label-without-ordinal.txt：未找到区分格式版本" in chinese  # the file as a whole is named once
    main(["export", str(source), "--to", "json", "-o", str(tmp_path / "out2"), "--lang", "en"])
    assert "label-without-ordinal.txt: line 5 col 1: " in _without(capsys.readouterr().err, tmp_path)
