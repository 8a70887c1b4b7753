"""The PDF as a careful typesetter sets it: signature with text, paragraphs indented, long 版记, missing glyphs."""

from __future__ import annotations

import io
import warnings

import attrs
import pytest
from conftest import EXAMPLES
from disclosure_schema_exporters import pdf_page
from disclosure_schema_exporters.pdf import MissingGlyphs, export_bytes

import disclosure_schema as ds

pdfplumber = pytest.importorskip("pdfplumber")


def pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return ["".join((page.extract_text() or "").split()) for page in pdf.pages]


def base() -> ds.Report:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    return attrs.evolve(report, signature="淮安市人民政府办公室", signature_date=__import__("datetime").date(2025, 1, 20))


@pytest.mark.parametrize("extra", range(0, 400, 40))
def test_the_signature_and_date_stay_with_the_last_lines_of_text(extra: int) -> None:
    """Whatever the length of the last paragraph, the date is never alone at the top of a page."""
    report = base()
    last = "末段文字" * 10 + "填充" * extra + "全文完。"
    sections = {**report.sections, "other_matters": ds.Section(blocks=(ds.Block(last),))}
    texts = pages(export_bytes(attrs.evolve(report, sections=sections)))
    dated = [i for i, text in enumerate(texts) if "2025年1月20日" in text]
    assert dated
    page = texts[dated[0]]
    assert "全文完。" in page and "淮安市人民政府办公室" in page


def test_several_paragraphs_in_one_field_are_set_as_indented_paragraphs() -> None:
    report = attrs.evolve(base(), preamble="甲段开头文字。\n乙段开头文字。")
    with pdfplumber.open(io.BytesIO(export_bytes(report))) as pdf:
        chars = pdf.pages[0].chars
    starts = {}
    for word in ("甲", "乙"):
        starts[word] = min(c["x0"] for c in chars if c["text"] == word)
    left = pdf_page.LEFT
    assert starts["甲"] == pytest.approx(starts["乙"], abs=0.5)
    assert starts["乙"] - left == pytest.approx(2 * pdf_page.BODY_SIZE, abs=1.0)  # two characters in


def test_a_copy_to_list_of_any_length_wraps_and_prints_whole() -> None:
    report = attrs.evolve(base(), copy_to="、".join(f"单位{i}" for i in range(600)), printed_by="办公室" * 60,
                          printed_date=__import__("datetime").date(2025, 1, 21))
    text = "".join(pages(export_bytes(report)))
    assert "单位0、单位1" in text and "单位599" in text and "2025年1月21日印发" in text


def test_characters_no_font_has_are_named_in_a_warning() -> None:
    report = attrs.evolve(base(), issuer="某局\U0001F600", preamble="正文\U0001F680。")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export_bytes(report)
    found = {w.message.field: w.message.chars for w in caught if isinstance(w.message, MissingGlyphs)}
    assert found.get("/issuer") == "\U0001F600" and found.get("/preamble") == "\U0001F680"
    message = str(next(w.message for w in caught if w.message.field == "/issuer"))  # type: ignore[attr-defined]
    assert "发布机关中的字符" in message and "of field issuer)" in message and "/issuer" not in message


def test_a_missing_glyph_in_a_section_is_named_as_its_section_and_paragraph() -> None:
    report = base()
    overview = report.sections["overview"]
    blocks = (*overview.blocks, attrs.evolve(overview.blocks[0], text="末段\U0001F600"))
    report = attrs.evolve(report, sections={**report.sections, "overview": attrs.evolve(overview, blocks=blocks)})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export_bytes(report)
    message = next(w.message for w in caught if isinstance(w.message, MissingGlyphs))
    assert message.field == f"/sections/overview/blocks/{len(blocks) - 1}"
    assert f"第一部分第{len(blocks)}段中的字符" in str(message)
    assert f"of field section 1, paragraph {len(blocks)})" in str(message) and "/sections" not in str(message)


def test_the_structured_fields_are_printed_even_beside_a_typed_preamble() -> None:
    report = attrs.evolve(base(), preamble="本报告依据条例编制。", publication="淮安市人民政府门户网站")
    text = "".join(pages(export_bytes(report)))
    assert "本报告依据条例编制。" in text and "淮安市人民政府门户网站" in text and "0517-83605210" in text


def test_export_names_the_field_whose_characters_no_font_has(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from disclosure_schema.cli import main

    source = tmp_path / "r.json"
    ds.dump(attrs.evolve(base(), issuer="某局\U0001F600"), source)
    assert main(["export", str(source), "--to", "pdf", "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "警告" in err and "发布机关中的字符" in err and "\U0001F600" in err and "/issuer" not in err
