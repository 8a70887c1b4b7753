"""A filled workbook's problems are reported in one run: bad cells together with the sums on the rest, each once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from disclosure_schema.cli import main

openpyxl = pytest.importorskip("openpyxl")


def workbook(tmp_path: Path) -> Path:
    assert main(["export", str(EXAMPLES / "huaian-2024.json"), "--to", "xlsx", "-o", str(tmp_path)]) == 0
    return tmp_path / "huaian-2024.xlsx"


def set_cell(path: Path, sheet: str, old: int, new: object) -> str:
    book = openpyxl.load_workbook(path)
    for row in book[sheet].iter_rows():
        for cell in row:
            if cell.value == old:
                cell.value = new
                book.save(path)
                return str(cell.coordinate)
    raise AssertionError(f"{old} not on {sheet}")


def test_text_in_a_count_cell_and_a_wrong_sum_elsewhere_in_one_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path)
    where = set_cell(path, "依申请公开", 1288, "约1288")       # （一）予以公开 · 自然人
    set_cell(path, "复议诉讼", 351, 352)                       # 行政复议 总计: R4 fails
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count(f"依申请公开!{where}") == 1 and "约1288" in out
    assert "R4.mismatch" in out
    assert "R2.not_checkable" in out and "R2.mismatch" not in out  # the unread cell is not counted as 0


def test_import_refuses_a_workbook_with_a_bad_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path)
    set_cell(path, "依申请公开", 1288, "约1288")
    assert main(["import", str(path), "-o", str(tmp_path / "out.json")]) == 1
    assert not (tmp_path / "out.json").exists()
    assert "约1288" in capsys.readouterr().err
