"""The kinds of fault cut from real publications (../shared/reference/cases/), each with its right result.

Each case stands for a kind; the tests after each case build a second input of the same kind, so a
fix of the file alone does not pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import reference
from disclosure_schema_readers.html import HtmlReader
from disclosure_schema_readers.text import TextReader

import disclosure_schema as ds
from disclosure_schema.plugins import ReadError, ReadResult
from disclosure_schema.sources import read_report


def case(name: str) -> ReadResult:
    return read_report(reference("cases", name))


def text(body: str, name: str = "hand.txt") -> ReadResult:
    return TextReader().read(body.encode("utf-8"), source=name)


def codes(result: ReadResult) -> list[str]:
    return [n.code for n in result.notes]


def test_tab_and_space_lines_end_at_once() -> None:
    with pytest.raises(ReadError) as info:
        case("tab-space-line-hang.txt")
    assert info.value.notes[0].code == "read.not_a_report"


@pytest.mark.parametrize("body", ["\t\n\t \n", "\ta\n\t \n\t\t \n \t\n", "\t \n" * 50 + "x", "\t\n \n\t \t\n"])
def test_any_tab_and_space_mix_ends(body: str) -> None:
    with pytest.raises(ReadError):
        text(body)


def test_no_title_line_year_from_the_opening_sentence() -> None:
    result = case("no-title-line.txt")
    report = result.report
    assert report.year == 2022 and report.title is None
    assert report.proactive_disclosure.get("article_20_1/normative_documents", "issued") == 5
    assert report.proactive_disclosure.get("article_20_1/normative_documents", "repealed") == 12
    assert report.proactive_disclosure.get("article_20_1/normative_documents", "in_force") == 8
    assert report.requests.get("received", "natural_person") == 8
    assert report.requests.get("received", "total") == 8
    assert any(n.code == "envelope.year" and "开头段落" in n.zh for n in result.notes)


def test_title_wrapped_over_lines() -> None:
    result = text("某某市\n某某区人民政府\n2023年政府信息公开\n工作年度报告\n一、总体情况\n略。\n"
                  "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |\n")
    assert result.report.year == 2023
    assert result.report.title is not None and result.report.title.endswith("2023年政府信息公开工作年度报告")


def test_pipe_rows_without_a_leading_bar() -> None:
    report = case("pipe-rows-no-leading-bar.txt").report
    table = report.proactive_disclosure
    assert [table.get("article_20_1/regulations", c) for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [table.get("article_20_1/normative_documents", c) for c in ("issued", "repealed", "in_force")] == [2, 1, 15]
    assert table.get("article_20_6/penalties", "decisions") == 1472


def test_label_of_2019_under_2021_columns() -> None:
    result = case("label-guifanxing-wenjian.html")
    table = result.report.proactive_disclosure
    assert result.report.edition == "2021"
    assert [table.get("article_20_1/normative_documents", c) for c in ("issued", "repealed", "in_force")] == [8, 0, 18]
    assert any(n.code == "label.variant" and "行政规范性文件" in n.zh for n in result.notes)


def test_labels_without_ordinals_and_ascii_punctuation() -> None:
    result = case("label-without-ordinal.txt")
    requests = result.report.requests
    columns = [c.key for c in requests.spec.rows[0].columns]
    assert [requests.get("received", c) for c in columns] == [705, 3, 0, 0, 5, 0, 713]
    assert [requests.get("carried_over", c) for c in columns] == [36, 0, 0, 0, 0, 0, 36]
    assert [requests.get("results/disclosed", c) for c in columns] == [290, 1, 0, 0, 3, 0, 294]
    assert [requests.get("results/partially_disclosed", c) for c in columns] == [99, 0, 0, 0, 2, 0, 101]
    assert codes(result).count("label.unnumbered") == 4


def test_short_row_is_never_filled_left_to_right() -> None:
    result = case("table2-short-pipe-row.txt")
    report = result.report
    for row in ("regulations", "normative_documents"):
        for column in ("issued", "repealed", "in_force"):
            assert report.proactive_disclosure.get(f"article_20_1/{row}", column) is None
            assert f"/proactive_disclosure/article_20_1/{row}/{column}" in report.reading.unread
    assert any(n.code == "row.short" and "2 个数值" in n.zh and "3 栏" in n.zh for n in result.notes)


def test_table_4_followed_by_a_note_line() -> None:
    result = case("table4-followed-by-note.txt")
    table = result.report.review_and_litigation
    got = [v for _, v in table.items()]
    assert got == [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]
    section = result.report.sections["review_and_litigation"]
    assert any(block.text.startswith("注") for block in section.blocks)


def test_table_4_as_three_blocks_of_five() -> None:
    body = ("某局2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "| 行政复议 |||||\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 1 | 0 | 2 | 0 | 3 |\n"
            "| 未经复议直接起诉 |||||\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 12 | 0 | 0 | 0 | 12 |\n"
            "| 复议后起诉 |||||\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 0 | 1 | 0 | 0 | 1 |\n")
    table = text(body).report.review_and_litigation
    assert [v for _, v in table.items()] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 1, 0, 0, 1]


def test_narrative_counts_of_other_channels_are_not_requests() -> None:
    result = case("narrative-false-match.txt")
    assert "narrative.mismatch" not in codes(result)


def test_a_real_narrative_contradiction_is_still_found() -> None:
    body = ("某局2024年政府信息公开工作年度报告\n一、总体情况\n全年受理网络问政182件。全年收到政府信息公开申请40件。\n"
            "三、收到和处理政府信息公开申请情况\n| 一、本年新收政府信息公开申请数量 | 32 | 2 | 0 | 0 | 0 | 0 | 34 |\n")
    mismatches = [n for n in text(body).notes if n.code == "narrative.mismatch"]
    assert len(mismatches) == 1 and "40" in mismatches[0].zh and "182" not in mismatches[0].zh


def test_markdown_marks_are_not_text() -> None:
    result = case("markdown-headings.md")
    report = result.report
    assert report.title is not None and "#" not in report.title
    assert report.issuer is not None and "#" not in report.issuer
    assert {"overview", "problems_and_improvements", "other_matters"} <= set(report.sections)
    assert all("#" not in (s.heading or "") for s in report.sections.values())


def test_blank_as_zero_case_leaves_missing_rows_unread() -> None:
    report = case("validate-blank-as-zero.txt").report
    unread = report.reading.unread
    assert "/requests/results/disclosed/natural_person" in unread
    assert "/requests/received/natural_person" not in unread
    assert report.requests.get("results/total", "natural_person") == 710


def test_heading_variants_on_their_own_lines_and_inline(tmp_path: Path) -> None:
    lines = ["某局2023年政府信息公开工作年度报告", "一、总体情况", "略。", "四、政府信息公开行政法复议、行政诉讼情况",
             "行政复议 行政诉讼", "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0", "五、存在的主要问题及整改措施", "问题。",
             "六、其它需要报告的事项", "无。"]
    for body in ("\n".join(lines), " ".join(lines)):
        report = text(body).report
        assert {"overview", "review_and_litigation", "problems_and_improvements", "other_matters"} <= set(report.sections)
        assert report.review_and_litigation.get("litigation/direct", "total") == 12


def test_md_suffix_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# 某县人民政府2025年政府信息公开工作年度报告\n\n## 一、总体情况\n\n略。\n\n## 五、存在的主要问题及改进情况\n\n略。\n",
                    encoding="utf-8")
    assert read_report(path).report.year == 2025


def test_html_reader_reads_a_heading_variant() -> None:
    html = ("<html><body><p>某局2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息的情况</p>"
            "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
            "<tr><td>规范性文件</td><td>1</td><td>2</td><td>3</td></tr></table></body></html>")
    report = HtmlReader().read(html.encode("utf-8"), source="hand.html").report
    assert "proactive_disclosure" in report.sections
    assert report.proactive_disclosure.get("article_20_1/normative_documents", "in_force") == 3


def test_rows_printed_without_labels_are_placed_only_by_an_exact_gap() -> None:
    head = "某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    body = ("| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n"
            "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"           # the only row between （一） and 1.属于国家秘密
            "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    result = text(head + body)
    assert result.report.requests.get("results/partially_disclosed", "total") == 2
    assert any(n.code == "row.by_order" for n in result.notes)
    # Two rows without labels where the declaration has one between: neither is read.
    gap = body.replace("| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n", "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n| 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n")
    report = text(head + gap).report
    assert "/requests/results/partially_disclosed/total" in report.reading.unread
    assert report.requests.get("results/partially_disclosed", "total") is None


@pytest.mark.parametrize("name", ["validate-blank-as-zero.txt", "table2-short-pipe-row.txt", "narrative-false-match.txt"])
def test_validate_says_the_same_on_the_source_and_on_the_json_import_wrote(name: str, tmp_path: Path) -> None:
    from disclosure_schema.cli import main

    source = reference("cases", name)
    written = tmp_path / "report.json"
    assert main(["import", str(source), "-o", str(written)]) == 0
    from disclosure_schema.validation import validate_file

    on_source = validate_file(source)
    on_json = validate_file(written)
    strip = lambda result: [(v.code, v.level, v.pointer, v.message()) for v in result.violations]  # noqa: E731
    assert strip(on_source) == strip(on_json)
    assert on_source.valid and on_json.valid
    assert on_json.report is not None and on_json.report.reading.unread


def test_blank_as_zero_case_validates_without_errors_and_never_a_negative_expectation(
        capsys: pytest.CaptureFixture[str]) -> None:
    from disclosure_schema.cli import main

    assert main(["validate", str(reference("cases", "validate-blank-as-zero.txt"))]) == 0
    out = capsys.readouterr().out
    assert "应为 -" not in out and "有效" in out and "无法核对" in out
    assert "R1.not_checkable" in out or "R2.not_checkable" in out


def test_one_odd_cell_is_unread_alone_and_the_rest_of_its_table_is_read() -> None:
    cells = ["1", "约64", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]
    html = ("<html><body><p>某局2023年政府信息公开工作年度报告</p><p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
            "<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
            "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr></table></body></html>")
    result = HtmlReader().read(html.encode("utf-8"), source="odd.html")
    report = result.report
    unread_4 = {p for p in report.reading.unread if p.startswith("/review_and_litigation/")}
    assert unread_4 == {"/review_and_litigation/administrative_review/corrected"}
    assert report.review_and_litigation.get("litigation/direct", "total") == 12
    assert any(n.code == "cell.unreadable" and "约64" in n.zh for n in result.notes)
    findings = ds.check(report)
    assert not [v for v in findings if v.is_error and v.pointer.startswith("/review_and_litigation/")]
    assert any(v.code == "R4.not_checkable" for v in findings)


def test_the_robustness_case_of_one_bad_cell() -> None:
    report = read_report(reference("robustness", "14-one-bad-cell-drops-table-validate-passes", "input.html")).report
    assert len([p for p in report.reading.unread if p.startswith("/review_and_litigation/")]) == 1


@pytest.mark.parametrize("other", ["收到群众诉求182件", "收到各类诉求182件", "全年共收到来件182件", "全年受理网络问政182件"])
def test_counts_of_other_channels_in_any_wording_are_not_requests(other: str) -> None:
    body = reference("cases", "narrative-false-match.txt").read_text(encoding="utf-8").replace("全年受理网络问政182件", other)
    assert "narrative.mismatch" not in codes(text(body))


def test_a_full_disclosure_phrase_is_the_disclosed_row_not_the_requests_handled() -> None:
    body = reference("cases", "narrative-false-match.txt").read_text(encoding="utf-8").replace("同意公开答复9件", "全部公开9件")
    assert "narrative.mismatch" not in codes(text(body))


@pytest.mark.parametrize(("sentence", "mismatch"), [("全年制发行政规范性文件21件。", False),
                                                     ("全年制发行政规范性文件2件。", False),
                                                     ("全年制发行政规范性文件7件。", True)])
def test_a_narrative_figure_is_compared_with_every_split_of_an_unread_run(sentence: str, mismatch: bool) -> None:
    """行政规范性文件2135 splits 2|1|35, 2|13|5 or 21|3|5: unread; a quoted 制发 figure of 2 or 21 is allowed,
    7 is allowed by no split and is a mismatch that says the table's figures were not read."""
    source = Path(__file__).parent / "corpus" / "fujian-pingtan-ziranziyuanju-2023.txt"
    body = source.read_text(encoding="utf-8").replace("扎实推进政务公开工作。", "扎实推进政务公开工作。" + sentence, 1)
    result = text(body)
    issued = result.report.proactive_disclosure.spec.cell("article_20_1/normative_documents", "issued").pointer
    assert issued in result.report.reading.unread
    found = [n for n in result.notes if n.code == "narrative.mismatch" and "7 件" in n.zh]
    assert bool(found) is mismatch
    if mismatch:
        assert "2 或 21" in found[0].zh and "连在一起" in found[0].zh


def test_the_2019_label_under_2021_columns_in_run_together_text() -> None:
    """The kind of label-guifanxing-wenjian.html, as a crawler prints it (cells run together; the header
    misprinted 先行有效件数 as in a real 平潭 report): 规范性文件000 is the 行政规范性文件 row, noted."""
    body = ("某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数"
            "本年废止件数先行有效件数规章123规范性文件405第二十条第（五）项信息内容本年处理决定数量行政许可7\n")
    result = text(body)
    table = result.report.proactive_disclosure
    assert [table.get("article_20_1/normative_documents", c) for c in ("issued", "repealed", "in_force")] == [4, 0, 5]
    assert [table.get("article_20_1/regulations", c) for c in ("issued", "repealed", "in_force")] == [1, 2, 3]
    assert any(n.code == "label.variant" and "行政规范性文件" in n.zh for n in result.notes)
