"""``export`` writes official files only from a report without errors; ``--force`` writes drafts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import EXAMPLES
from disclosure_schema_exporters.pdf_envelope import DRAFT_MARK

import disclosure_schema as ds
from disclosure_schema.cli import main

HUAIAN = EXAMPLES / "huaian-2024.json"


def test_a_report_with_errors_is_not_exported_and_each_error_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "broken.json"
    ds.dump(ds.load(HUAIAN).with_cells({"/requests/results/total/natural_person": 2933}), source)
    out = tmp_path / "out"
    assert main(["export", str(source), "--to", "docx,pdf", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "未导出" in err and "--force" in err
    assert "表三 （七）总计 行，自然人 列：填报 2933" in err
    assert not list(out.iterdir())


def test_force_writes_drafts_marked_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    source = tmp_path / "broken.json"
    ds.dump(ds.load(HUAIAN).with_cells({"/requests/results/total/natural_person": 2933}), source)
    assert main(["export", str(source), "--to", "docx", "-o", str(tmp_path), "--force"]) == 0
    document = docx.Document(io.BytesIO((tmp_path / "broken.docx").read_bytes()))
    assert document.paragraphs[0].text == DRAFT_MARK


def test_a_valid_report_is_exported_without_a_draft_mark(tmp_path: Path) -> None:
    import docx

    assert main(["export", str(HUAIAN), "--to", "docx", "-o", str(tmp_path)]) == 0
    document = docx.Document(io.BytesIO((tmp_path / "huaian-2024.docx").read_bytes()))
    assert DRAFT_MARK not in "\n".join(p.text for p in document.paragraphs)


def test_an_unfilled_template_is_an_error_not_a_valid_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = tmp_path / "空白模板.xlsx"
    assert main(["template", "--edition", "2021", "-o", str(workbook)]) == 0
    capsys.readouterr()
    assert main(["validate", str(workbook)]) == 1
    out = capsys.readouterr()
    assert "单元格全部空白" in out.out + out.err
    assert main(["export", str(workbook), "--to", "pdf", "-o", str(tmp_path / "out")]) == 1
    assert "没有填写的模板" in capsys.readouterr().err


def test_no_issuer_and_no_title_blocks_export_but_is_a_warning_for_reviewers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = ds.load(HUAIAN)
    import attrs

    anonymous = attrs.evolve(report, issuer=None, title=None)
    findings = ds.check(anonymous)
    assert [v.code for v in findings if v.code == "completeness.no_issuer"] == ["completeness.no_issuer"]
    assert ds.is_valid(anonymous)
    source = tmp_path / "anonymous.json"
    ds.dump(anonymous, source)
    assert main(["export", str(source), "--to", "json", "-o", str(tmp_path / "out")]) == 1
    assert "发布机关" in capsys.readouterr().err


def test_an_empty_text_section_is_reported_like_a_missing_one() -> None:
    report = ds.load(HUAIAN)
    import attrs

    emptied = attrs.evolve(report, sections={**report.sections, "other_matters": ds.Section(blocks=(ds.Block("  "),))})
    codes = {v.code: v for v in ds.check(emptied)}
    assert "completeness.empty_section" in codes
    assert "六" in codes["completeness.empty_section"].message()
