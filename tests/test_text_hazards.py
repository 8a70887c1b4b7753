"""Control and bidi-control characters in text: a warning from ``validate`` naming the field, left out of every print.

The policy (docs/limits.md): ``validate`` warns once per field (a warning, the figures may be
right); XLSX, DOCX and PDF leave the characters out and warn, naming the field; JSON keeps them.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import warnings
from pathlib import Path

import attrs
import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.checker import check_walking
from disclosure_schema.cli import main
from disclosure_schema.plugins import get_exporter, get_reader
from disclosure_schema.text_hazards import (
    BIDI,
    CONTROL,
    HAZARD,
    UnprintableText,
    field_words,
    hazards,
    printable,
    printable_report,
    text_fields,
)


def hostile() -> ds.Report:
    """The example with a BEL in 第一部分第1段, a C1 control (NEL) in the title and U+202E in the issuer."""
    report = ds.load(EXAMPLES / "huaian-2024.json")
    overview = report.sections["overview"]
    first = overview.blocks[0]
    return attrs.evolve(
        report,
        issuer="淮安市\u202e人民政府",
        title="\x85" + (report.title or ""),
        sections={
            **report.sections,
            "overview": ds.Section(overview.heading, (ds.Block("甲\x07乙\x07", first.kind), *overview.blocks[1:])),
        },
    )


def test_validate_warns_of_each_kind_naming_the_field_character_and_position() -> None:
    report = hostile()
    told = [v for v in ds.check(report) if v.code.startswith("text.")]
    assert [(v.code, v.pointer) for v in told] == [
        ("text.bidi_control", "/issuer"),
        ("text.control_character", "/title"),
        ("text.control_character", "/sections/overview/blocks/0/text"),
    ]
    assert all(v.level is ds.Level.WARNING for v in told)
    assert ds.is_valid(report)  # the figures are right: a warning, never an error
    zh = [v.message("zh") for v in told]
    assert zh[0].startswith("发布机关：第 4 个字符是双向文字控制符 U+202E（共 1 个）")
    assert zh[1].startswith("标题：第 1 个字符是控制字符 U+0085（共 1 个）")
    assert zh[2].startswith("第一部分第1段：第 2 个字符是控制字符 U+0007（共 2 个）")
    assert told[2].message("en").startswith("section 1, paragraph 1: character 2 is the control character U+0007 (2 in all)")


def test_both_paths_of_the_checker_tell_the_same() -> None:
    report = hostile()
    assert ds.check(report) == check_walking(report)[0]


def test_line_breaks_and_tabs_are_text_not_hazards() -> None:
    report = attrs.evolve(ds.load(EXAMPLES / "huaian-2024.json"), preamble="第一行\n第二行\r\n\t第三行")
    assert not list(hazards(report))
    assert printable_report(report) == (report, [])


def test_a_clean_report_is_returned_as_it_is() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    cleaned, found = printable_report(report)
    assert cleaned is report and found == []


def test_fields_are_named_as_a_clerk_reads_them() -> None:
    assert field_words("/sections/overview/blocks/0/text", "2021") == ("第一部分第1段", "section 1, paragraph 1")
    assert field_words("/sections/other_matters/blocks/2/text", "2021")[0] == "第六部分第3段"
    assert field_words("/sections/overview/heading", "2021")[0] == "第一部分标题"
    assert field_words("/issuer", "2021")[0] == "发布机关"
    assert field_words("/copy_to", "2019")[0] == "抄送"
    assert field_words("/contact/phone", "2021")[0] == "联系方式：电话"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_every_field_with_a_hazard_is_told_once_per_kind_and_printing_removes_them(texts: list[str]) -> None:
    base = ds.Report.empty("2021", 2024, issuer="某局")
    report = attrs.evolve(
        base,
        preamble=texts[0],
        sections={"overview": ds.Section(blocks=tuple(ds.Block(t) for t in texts[1:]))},
    )
    told = list(hazards(report))
    expected = sum(
        bool(pattern.search(text))
        for _, text in text_fields(report)
        for pattern in (CONTROL, BIDI)
    )
    assert len(told) == expected
    cleaned, found = printable_report(report)
    assert found == told
    assert not any(HAZARD.search(text) for _, text in text_fields(cleaned))
    assert [printable(text) for text in texts[1:]] == [b.text for b in cleaned.sections["overview"].blocks]


def _export(name: str, report: ds.Report) -> tuple[bytes, list[str]]:
    stream = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        get_exporter(name).export(report, stream)
    return stream.getvalue(), [str(w.message) for w in caught if issubclass(w.category, UnprintableText)]


@pytest.mark.parametrize("name", ["xlsx", "docx", "pdf"])
def test_every_printed_format_leaves_them_out_and_names_each_field(name: str) -> None:
    data, told = _export(name, hostile())
    assert [message.partition("中第 ")[0] for message in told] == ["发布机关", "标题", "第一部分第1段"]
    assert "已删去" in told[2] and "U+0007" in told[2]
    if name == "pdf":
        if shutil.which("pdftotext") is None:
            pytest.skip("poppler-utils absent")
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        text = text.replace("\f", "")  # pdftotext ends each page with a form feed
    elif name == "docx":
        import docx

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    else:
        read = get_reader("xlsx").read(data, source="r.xlsx").report
        text = "\n".join(t for _, t in text_fields(read))
    assert "甲乙" in text
    assert not HAZARD.search(text)
    assert "淮安市人民政府" in text


def test_json_keeps_the_text_exactly() -> None:
    report = hostile()
    data, told = _export("json", report)
    assert told == []
    assert ds.loads(data) == report


def test_the_command_line_warns_then_exports_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.json"
    ds.dump(hostile(), source)
    assert main(["validate", str(source)]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "有效" in text and "第一部分第1段：第 2 个字符是控制字符 U+0007" in text and "Traceback" not in text
    assert main(["validate", str(source), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert "text.bidi_control" in json.dumps(findings)
    out_dir = tmp_path / "out"
    assert main(["export", str(source), "--to", "xlsx,docx,pdf,json", "-o", str(out_dir)]) == 0
    err = capsys.readouterr().err
    for suffix in (".xlsx", ".docx", ".pdf"):
        assert f"r{suffix}：警告：第一部分第1段中第 2 个字符起共 2 个控制字符（U+0007 等）无法如实打印，已删去" in err
        assert (out_dir / f"r{suffix}").stat().st_size > 0
    assert "(field" not in err  # one language at a time
    assert ds.load(out_dir / "r.json") == hostile()
