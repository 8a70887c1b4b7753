"""Places in the clerk's words: reading notes' places (readers/) and exporters' text fields."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.places import field_place, reading_place
from disclosure_schema.plugins import ReadingNote
from disclosure_schema.taxonomy import EDITIONS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ENGLISH_PLACE_WORD = re.compile(r"\b(line|lines|col|row|table|page|paragraph|part|block|section|caption)\b|r\d+c\d+")

# Every shape of place a reader writes (readers/text.py, docx.py, html.py, pdf.py, pdf_grid.py,
# pdf_unruled.py, narrative.py, recognize.py, inline.py, crosscheck.py), and its Chinese.
PLACES = [
    ("line 60", "第60行"),  # text.py
    ("line 60 col 1", "第60行第1栏"),  # text.py: a pipe / tab row
    ("lines 4-9", "第4至9行"),  # text.py: a table of lines
    ("lines 4-9 row 2", "第4至9行中第2行"),  # recognize.py: a row of a grid that held no table
    ("line 10 part 7", "第10行第7片段"),  # narrative.py: a line cut at a section heading
    ("paragraph 12", "第12段"),  # docx.py, html.py
    ("table 1", "第1个表格"),  # docx.py, html.py: a whole table
    ("table 1 row 4 col 1", "第1个表格第4行第1栏"),  # docx.py, html.py
    ("table 2 row 3", "第2个表格第3行"),  # recognize.py on a docx/html grid
    ("table 1 row 4 col 1 part 2", "第1个表格第4行第1栏第2片段"),
    ("page 3", "第3页"),  # pdf.py
    ("page 3 line 7", "第3页第7行"),  # pdf_grid.py: running text
    ("page 3 line 7 part 2", "第3页第7行第2片段"),
    ("page 3 table 1", "第3页第1个表格"),  # pdf_grid.py
    ("page 3 table 1 r4c2", "第3页第1个表格第4行第2栏"),  # pdf_grid.py: a ruled cell
    ("page 3 table 1 row 1 line 2", "第3页第1个表格第1行中第2行"),  # pdf_grid.py: a banner row's line
    ("page 2 unruled table 1", "第2页第1个无框线表格"),  # pdf_unruled.py
    ("page 2 unruled table 1 caption 1", "第2页第1个无框线表格表题第1行"),
    ("page 2 unruled table 1 r3c1", "第2页第1个无框线表格第3行第1栏"),
    ("text", "正文"),  # inline.py, when no line is known
    ("第一部分第10段 / section overview, block 10", "第一部分第10段"),  # crosscheck.py: already bilingual
    ("第六部分 / section other_matters", "第六部分"),
]


@pytest.mark.parametrize("where, chinese", PLACES)
def test_every_reader_place_reads_in_chinese(where: str, chinese: str) -> None:
    assert reading_place(where, "zh") == chinese
    assert not ENGLISH_PLACE_WORD.search(chinese)


@pytest.mark.parametrize("where, chinese", PLACES)
def test_english_keeps_the_readers_form(where: str, chinese: str) -> None:
    english = reading_place(where, "en")
    assert english == where.split(" / ")[-1]
    assert not re.search(r"[\u4e00-\u9fff]", english)


@pytest.mark.parametrize(
    "where",
    ["依申请公开!D12", "正文及其他!C5", "/tmp/report.txt", "C:\\报告\\line 5.txt", "report page 3.pdf", "line", "line 5 ",
     "page 3 table", "line 5 col", "row x", ""],
)
def test_other_places_pass_unchanged(where: str) -> None:
    assert reading_place(where, "zh") == where
    assert reading_place(where, "en") == where


def _reader_place_templates() -> set[str]:
    """Every place template the readers write, from their source: ``line {n} col {k}`` -> ``line 7 col 7``."""
    found: set[str] = set()
    starts = r"(?:line|lines|table|page|paragraph|row|col|unruled|caption|part|text)"
    for path in (ROOT / "readers").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for m in re.finditer(rf'f"({starts} [^"]*|\{{[\w.]*where\}} [^"]*)"', source):
            template = m.group(1)
            if re.search(r"[:;,'!()]|\bnot\b|\bhas\b|\bof\b", template):
                continue  # a message about a table or row, not a place
            found.add(re.sub(r"\{[^}]*\}", "7", template).replace("7-7", "4-9"))
    return found


def test_every_place_template_in_the_readers_is_translated() -> None:
    templates = _reader_place_templates()
    assert {"line 7 col 7", "table 7 row 7 col 7", "page 7", "7 part 7", "7 r7c7"} <= templates  # the scan works
    for template in templates:
        where = template.replace("7 ", "page 3 table 1 ", 1) if template.startswith("7 ") else template
        chinese = reading_place(where, "zh")
        assert chinese != where and not ENGLISH_PLACE_WORD.search(chinese), (template, chinese)


@given(st.lists(st.sampled_from([w for w, _ in PLACES[:-2]]), min_size=1, max_size=3))
def test_places_chain(parts: list[str]) -> None:
    where = " ".join(parts)
    chinese = reading_place(where, "zh")
    assert not ENGLISH_PLACE_WORD.search(chinese) and not re.search(r"\d\s", chinese)


def test_a_note_prints_its_place_and_message_in_one_language() -> None:
    note = ReadingNote("cell.text_number", "line 60 col 1", "数字写成了文字", "a number written as text")
    assert note.place() == "第60行第1栏" and note.place("en") == "line 60 col 1"
    assert note.line("zh") == "第60行第1栏：数字写成了文字"
    assert note.line("en") == "line 60 col 1: a number written as text"
    assert note.where == "line 60 col 1"  # the stable form for programs is kept


def test_section_text_fields_are_named_by_section_number_and_paragraph() -> None:
    for edition in EDITIONS.values():
        for index, section in enumerate(edition.sections, 1):
            pointer = f"/sections/{section.key}/blocks/0"
            assert field_place(pointer, "zh", edition.id) == f"第{section.number}部分第1段"
            assert field_place(pointer, "en", edition.id) == f"section {index}, paragraph 1"
            heading = f"/sections/{section.key}/heading"
            assert field_place(heading, "zh", edition) == f"第{section.number}部分标题"
            assert field_place(heading, "en", edition) == f"section {index}, heading"
    assert field_place("/sections/other_matters/blocks/11") == "第六部分第12段"


def test_envelope_fields_are_named_by_their_titles() -> None:
    titles = {field.name: field.metadata.get("title") for field in attrs.fields(ds.Report)}
    assert field_place("/issuer") == titles["issuer"]
    assert field_place("/issuer", "en") == "issuer"
    contact = attrs.fields_dict(ds.Contact)["phone"].metadata["title"]
    assert field_place("/contact/phone") == f"{titles['contact']}：{contact}"
    assert field_place("/contact/phone", "en") == "contact.phone"
    assert field_place("/statistics_period/start").startswith(str(titles["statistics_period"]))


def test_a_table_cell_is_named_as_the_format_prints_it() -> None:
    cell = next(iter(EDITIONS["2021"].cells.values()))
    zh = field_place(cell.pointer)
    assert zh.startswith(f"表{cell.table.number}") and cell.column.text in zh


@pytest.mark.parametrize("pointer", ["/sections/nowhere/blocks/0", "/sections/overview/blocks/x", "/unknown",
                                     "/contact/fax", "/issuer/x/y", "sections.overview", "", "/",
                                     "/sections/overview/blocks/²", "/sections/overview/blocks/-1"])
def test_other_pointers_pass_unchanged(pointer: str) -> None:
    assert field_place(pointer) == pointer and field_place(pointer, "en") == pointer


def test_every_text_field_of_a_report_has_a_place_in_both_languages() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    pointers = [f"/{f.name}" for f in attrs.fields(ds.Report) if isinstance(getattr(report, f.name), str)]
    pointers += [f"/contact/{f.name}" for f in attrs.fields(ds.Contact)]
    pointers += [f"/sections/{key}/blocks/{i}" for key, s in report.sections.items() for i in range(len(s.blocks))]
    assert len(pointers) > 10
    for pointer in pointers:
        zh, en = field_place(pointer, "zh", report.edition), field_place(pointer, "en", report.edition)
        assert "/" not in zh and re.search(r"[\u4e00-\u9fff]", zh), zh
        assert not re.search(r"[\u4e00-\u9fff()]", en), en  # no brackets: ``中文 (English)`` stays splittable
