"""The fill-in page as a file: self-contained, derived from the declaration, escaped; the ``form`` command."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.cli import main
from disclosure_schema.form import build_form
from disclosure_schema.rules import publish
from disclosure_schema.taxonomy import EDITIONS


def embedded(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="form-data">(.*?)</script>', page, re.S)
    assert match
    data: dict[str, object] = json.loads(match.group(1))
    return data


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_the_page_needs_no_network(edition: str) -> None:
    page = build_form(edition)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"https?://", page.split('id="form-data">')[0])
    assert "default-src 'none'" in page  # and the page forbids itself any fetch


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_label_of_the_edition_is_on_the_page_verbatim(edition: str) -> None:
    page = html.unescape(build_form(edition))
    spec = EDITIONS[edition]
    for section in spec.sections:
        assert f">{section.heading}<" in page or section.heading in page
    for table in spec.tables:
        for row in table.rows:
            for node in row.path:
                assert node.text in page, node.text
            for column in row.columns:
                assert column.text in page
                for header in column.headers:
                    assert header in page
        for text in (table.note, table.row_header):
            assert text is None or text in page
    cells = re.findall(r'data-ptr="([^"]+)"', page)
    assert cells == [c.pointer for t in spec.tables for c in t.cells]  # one input per figure, printed order


def test_the_embedded_rules_are_the_published_rules() -> None:
    for edition in EDITIONS:
        data = embedded(build_form(edition))
        assert data["rules"] == json.loads((EXAMPLES.parent / "schemas" / f"rules-{edition}.json").read_text("utf-8"))
        assert data["rules"] == publish(edition)


def test_report_text_cannot_break_out_of_the_page() -> None:
    hostile = "</script><script>alert(1)</script>\u2028<!--"
    report = ds.load(EXAMPLES / "huaian-2024.json")
    import attrs

    report = attrs.evolve(report, issuer=hostile, preamble=hostile)
    page = build_form("2021", report=report)
    assert hostile not in page and "alert(1)</script>" not in page
    assert embedded(page)["draft"]["issuer"] == hostile  # type: ignore[index]


def test_form_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "填报.html"
    assert main(["form", "--edition", "2021", "--report", str(EXAMPLES / "huaian-2024.json"), "-o", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out
    assert embedded(out.read_text("utf-8"))["draft"] == json.loads((EXAMPLES / "huaian-2024.json").read_text("utf-8"))
    # A draft of the other edition, a damaged draft, a wrong output name: said in Chinese, no page written.
    other = tmp_path / "other.html"
    assert main(["form", "--edition", "2021", "--report", str(EXAMPLES / "beifeng-2020.json"), "-o", str(other)]) == 2
    assert "2019 版格式" in capsys.readouterr().err and not other.exists()
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"edition": "2021", "year": 2024', encoding="utf-8")
    assert main(["form", "--edition", "2021", "--previous", str(damaged), "-o", str(other)]) == 1
    err = capsys.readouterr().err
    assert "不是有效的报告" in err and "Traceback" not in err and not other.exists()
    assert main(["form", "--edition", "2021", "-o", str(tmp_path / "x.pdf")]) == 2
    assert ".html" in capsys.readouterr().err
