"""The PDF exporter: every official label and every figure is in the text, every font is embedded.

The PDF is read back with poppler (``pdftotext -raw`` keeps each table cell's
lines together, ``pdffonts`` lists the fonts); the expected labels come from the
taxonomy, never from this file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from conftest import EXAMPLES, valid_reports
from disclosure_schema_exporters.pdf import export_bytes
from disclosure_schema_exporters.pdf_fonts import FontError, find_fonts, register_fonts
from disclosure_schema_exporters.pdf_grid import format_value
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema.plugins import get_exporter
from disclosure_schema.taxonomy import EDITIONS, Kind

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                reason="poppler-utils (pdftotext, pdffonts) not installed")

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def pdf_text(data: bytes, tmp_path: Path, *, raw: bool = True, page: int | None = None) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    command = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else [])]
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*command, str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """Text without whitespace and page numbers: wrapped labels and paragraphs break lines anywhere."""
    return re.sub(r"\s+", "", re.sub(r"— \d+ —", "", text))


def official_labels(report: ds.Report) -> set[str]:
    """Every label the format prints for the report's edition, from the taxonomy."""
    labels: set[str] = set()
    for table in report.spec.tables:
        for row in table.rows:
            labels.update(node.text for node in row.path)
            for column in row.columns:
                labels.add(column.text)
                labels.update(column.headers)
        labels.update(text for text in (table.note, table.row_header) if text)
    for section in report.spec.sections:
        printed = report.sections.get(section.key)
        if printed is None and section.table is None and report.sections:
            continue  # a text section the report omits is not printed
        labels.add(printed.heading if printed is not None and printed.heading else section.heading)
    return labels


def test_an_omitted_text_section_is_not_invented(tmp_path: Path) -> None:
    seed = ds.load(EXAMPLES / "beifeng-2020.json")
    heading = seed.spec.section_index["other_matters"].heading
    assert "other_matters" not in seed.sections
    assert flat(heading) not in flat(pdf_text(export_bytes(seed), tmp_path))


def figures(report: ds.Report) -> Counter[str]:
    return Counter(format_value(value) for _, value in report.values() if value is not None)


def test_every_label_and_every_figure_of_the_examples(example: ds.Report, tmp_path: Path) -> None:
    text = pdf_text(export_bytes(example), tmp_path)
    missing = [label for label in official_labels(example) if flat(label) not in flat(text)]
    assert missing == []
    tokens = Counter(text.split())
    short = {figure: n for figure, n in figures(example).items() if tokens[figure] < n}
    assert short == {}


def test_every_cell_prints_its_own_figure(tmp_path: Path) -> None:
    """A report with a different figure in every cell: each one must come out, once, as a whole token."""
    for edition in EDITIONS:
        report = ds.Report.empty(edition, 2020 if edition == "2019" else 2024, issuer="测试机关")
        changes: dict[str, ds.Value] = {}
        for i, (cell, _) in enumerate(report.values()):
            base = 710_000 + 37 * i
            changes[cell.pointer] = Decimal(f"{base}.0625") if cell.kind is Kind.MONEY else base * (
                -1 if cell.kind is Kind.SIGNED_COUNT else 1)
        report = report.with_cells(changes)
        tokens = Counter(pdf_text(export_bytes(report), tmp_path).split())
        assert {figure: tokens[figure] for figure in figures(report)} == figures(report)


def test_blank_cells_print_nothing_and_zero_prints_0(tmp_path: Path) -> None:
    blank = ds.Report.empty("2021", 2024, blank=True)
    tokens = pdf_text(export_bytes(blank), tmp_path).split()
    assert "0" not in tokens
    zero = ds.Report.empty("2021", 2024)
    assert pdf_text(export_bytes(zero), tmp_path).split().count("0") == len(list(zero.values()))


def test_every_font_is_an_embedded_truetype_font(example: ds.Report, tmp_path: Path) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(export_bytes(example))
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        assert "TrueType" in line and " yes yes yes " in line, line
        assert "Helvetica" not in line and "STSong" not in line


def test_the_envelope_is_printed(tmp_path: Path) -> None:
    report = ds.load(EXAMPLES / "beifeng-2020.json")
    text = pdf_text(export_bytes(report), tmp_path)
    assert text.index(report.document_number or "?") < text.index(flat(report.issuer or "?"))
    for part in (report.title, report.preamble, report.copy_to, report.printed_by):
        assert flat(part or "?") in flat(text)
    assert "2021年1月6日印发" in flat(text)
    assert "2021年1月6日" in flat(text.split("抄送")[0])
    assert "— 1 —" in pdf_text(export_bytes(report), tmp_path, raw=False, page=1)


def test_blocks_keep_their_order_and_kind(tmp_path: Path) -> None:
    report = ds.load(EXAMPLES / "beifeng-2020.json")
    text = flat(pdf_text(export_bytes(report), tmp_path))
    positions = [text.index(flat(block.text)) for section in report.sections.values() for block in section.blocks]
    assert positions == sorted(positions)


def test_hostile_text_prints_as_itself(tmp_path: Path) -> None:
    hostile = "<b>&amp;</b> <font name='Helvetica'>x</font> & < > =SUM(A1)"
    report = ds.Report.empty(
        "2021", 2024, issuer="<i>机关</i>", title="<i>机关</i><b>&amp;标题", preamble=hostile,
        sections={"overview": ds.Section(heading="一、<u>总体</u>", blocks=(ds.Block(hostile), ds.Block("<br/>", ds.BlockKind.HEADING)))},
        copy_to="&lt;抄送&gt;",
    )
    text = pdf_text(export_bytes(report), tmp_path)
    for piece in (hostile, "<i>机关</i>", "<b>&amp;标题", "一、<u>总体</u>", "<br/>", "&lt;抄送&gt;"):
        assert flat(piece) in flat(text), piece


def test_long_text_wraps_and_runs_over_pages(tmp_path: Path) -> None:
    sentence = "政府信息公开工作坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。"
    long_block = ds.Block(sentence * 200)
    report = ds.Report.empty("2021", 2024, sections={"overview": ds.Section(blocks=(long_block,))})
    data = export_bytes(report)
    text = pdf_text(data, tmp_path, raw=False)
    assert text.count("\f") >= 8
    assert flat(sentence * 200) in flat(pdf_text(data, tmp_path))
    widest = max(len(line) for line in text.splitlines())
    assert widest <= 30, "a line of 16 pt Chinese on a 156 mm line holds at most 28 characters (+ hanging punctuation)"


def test_a_table_across_pages_repeats_its_header_rows(tmp_path: Path) -> None:
    """Push table 三 so that it breaks: every page it is on shows its column headers and its group labels."""
    report = ds.load(EXAMPLES / "huaian-2024.json")
    table = report.spec.table("requests")
    headers = [flat(h) for h in table.rows[0].columns[0].headers]
    data = export_bytes(report)
    pages = pdf_text(data, tmp_path).split("\f")
    row_labels = {flat(row.path[-1].text) for row in table.rows}
    on = [page for page in pages if any(label in flat(page) for label in row_labels)]
    assert len(on) >= 2, "the example's table 三 is expected to break across two pages"
    for page in on:
        assert all(h in flat(page) for h in headers)
        assert flat(table.note or "") in flat(page)
    assert flat(table.rows[-1].path[0].text) in flat(on[-1])


@settings(max_examples=10, deadline=None)
@given(valid_reports())
def test_any_valid_report_renders_with_all_its_figures(report: ds.Report) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        tokens = Counter(pdf_text(export_bytes(report), Path(tmp)).split())
    assert all(tokens[figure] >= n for figure, n in figures(report).items())


def test_same_report_same_bytes(example: ds.Report) -> None:
    assert export_bytes(example) == export_bytes(example)


def test_registered_and_uses_a_given_font(example: ds.Report, tmp_path: Path) -> None:
    if not WQY.exists():
        pytest.skip("fonts-wqy-microhei not installed")
    exporter = get_exporter("pdf")
    assert (exporter.name, exporter.suffix, exporter.media_type) == ("pdf", ".pdf", "application/pdf")
    path = tmp_path / "out.pdf"
    with path.open("wb") as stream:
        exporter.export(example, stream, font=str(WQY))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYiMicroHei" in fonts and "UMing" not in fonts


def test_no_font_found_says_how_to_install_one(tmp_path: Path) -> None:
    with pytest.raises(FontError) as caught:
        find_fonts([tmp_path])
    message = str(caught.value)
    assert "apt-get install fonts-wqy-microhei" in message and "--font" in message and "字体" in message


def test_a_font_that_cannot_be_embedded_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"OTTO" + b"\0" * 64)
    with pytest.raises(FontError, match="--font"):
        register_fonts(fake)
    with pytest.raises(FontError, match="not found"):
        register_fonts(tmp_path / "missing.ttf")


def test_a_title_is_made_when_the_report_has_none(tmp_path: Path) -> None:
    report = attrs.evolve(ds.load(EXAMPLES / "huaian-2024.json"), title=None)
    text = flat(pdf_text(export_bytes(report), tmp_path))
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in text


def test_an_opening_paragraph_is_composed_from_the_structured_fields(tmp_path: Path) -> None:
    import datetime as dt

    from disclosure_schema_exporters import pdf_envelope

    report = ds.Report.empty(
        "2021", 2024, issuer="某市某局",
        statistics_period=ds.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        publication="某市人民政府门户网站",
        contact=ds.Contact(office="某市某局办公室", phone="0000-12345678", email="a@b.cn"),
    )
    opening = pdf_envelope.opening(report) or ""
    assert "2024年1月1日至2024年12月31日" in opening and "某市人民政府门户网站" in opening
    assert "某市某局办公室" in opening and "0000-12345678" in opening and "a@b.cn" in opening
    assert "邮编" not in opening  # only the fields the report has
    assert flat(opening) in flat(pdf_text(export_bytes(report), tmp_path))
    # a preamble that leaves out structured fields gets them added, never silently dropped ...
    published = attrs.evolve(report, preamble="原文开头。")
    assert pdf_envelope.opening(published) == "原文开头。\n" + opening
    # ... and one that states them all (spacing and full-width forms aside) is printed as it is
    complete = attrs.evolve(report, preamble="统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日，电子版见某市人民政府门户网站，"
                            "联系某市某局办公室，电话００００-12345678，电子邮箱a@b.cn。")
    assert pdf_envelope.opening(complete) == complete.preamble
    assert pdf_envelope.opening(ds.Report.empty("2021", 2024)) is None
    assert pdf_envelope.title_lines(report) == ["某市某局", "2024年政府信息公开工作年度报告"]


def test_the_file_is_dated_like_the_document(tmp_path: Path) -> None:
    report = ds.load(EXAMPLES / "beifeng-2020.json")
    path = tmp_path / "out.pdf"
    path.write_bytes(export_bytes(report))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"CreationDate:\s+\w+ Jan\s+6 00:00:00 2021", info), info
    assert report.title and f"Title:           {report.title}" in info


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def test_a_character_the_font_lacks_is_set_in_a_font_that_has_it(tmp_path: Path) -> None:
    """䶮 (CJK Extension A) is not in WenQuanYi Micro Hei but is in AR PL UMing."""
    if not (WQY.exists() and UMING.exists()):
        pytest.skip("needs fonts-wqy-microhei and fonts-arphic-uming")
    from disclosure_schema_exporters.pdf_fonts import covers
    from disclosure_schema_exporters.pdf_tables import markup

    fonts = register_fonts(WQY)
    assert not covers(fonts["body"], "䶮")
    marked = markup("刘䶮<&", fonts["body"])
    assert marked.startswith("刘<font name=") and marked.endswith(">䶮</font>&lt;&amp;")
    assert markup("刘<&") == "刘&lt;&amp;"
    report = ds.Report.empty("2021", 2024, sections={"overview": ds.Section(blocks=(ds.Block("联系人：刘䶮"),))})
    path = tmp_path / "out.pdf"
    path.write_bytes(export_bytes(report, font=str(WQY)))
    fonts_used = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "UMing" in fonts_used and "WenQuanYiMicroHei" in fonts_used
    assert "刘䶮" in flat(pdf_text(path.read_bytes(), tmp_path))


PIECES = st.sampled_from([*"<>&;\"'/=ab 1政府“”（）\n#x", "&amp;", "<br/>", "<b>", "&#60;", "</font>"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_markup_reads_back_as_the_very_text(value: str) -> None:
    """Whatever the report says, reportlab's markup parser gets back exactly those characters."""
    from disclosure_schema_exporters.pdf_page import make_styles
    from disclosure_schema_exporters.pdf_tables import markup
    from reportlab.platypus import Paragraph

    style = make_styles(register_fonts()).body
    paragraph = Paragraph(markup(value, style.fontName), style)
    read = "".join(getattr(frag, "text", "") if not getattr(frag, "lineBreak", False) else "\n"
                   for frag in paragraph.frags)
    assert " ".join(read.split()) == " ".join(value.split())
