"""The fill-in page in a real browser: Debian's Chromium driven by Playwright (no browser download).

A clerk's session end to end -- type the report cell by cell, see the sum error at the
right cell in the CLI's words, fix it, save, validate the download with the CLI, reload
and find the draft -- and the bad input the issue names: text, negative, decimal and huge
numbers in count cells, a JSON of the other edition, a damaged JSON, a full local storage,
markup in the report's text.  Skipped (not failed) where Chromium or Playwright is missing;
``scripts/setup.sh`` installs both, so CI runs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES

import disclosure_schema as ds
from disclosure_schema.cli import main as cli_main

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()), None)
if CHROMIUM is None:
    pytest.skip("chromium is not installed (scripts/setup.sh installs Debian's chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

HUAIAN = EXAMPLES / "huaian-2024.json"
WRONG_TOTAL = "/requests/results/total/natural_person"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=zh-CN"])
        except Exception as exc:  # noqa: BLE001 - a browser that cannot start is a skip, not a failure
            pytest.skip(f"chromium does not start here: {exc}")
        yield launched
        launched.close()


def make_page(tmp_path: Path, *args: str, name: str = "填报.html") -> Path:
    out = tmp_path / name
    assert cli_main(["form", *args, "-o", str(out)]) == 0
    return out


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True)
    yield ctx
    ctx.close()


def wait_until(page: Any, expression: str, seconds: float = 20.0) -> None:
    """Poll ``expression`` from Python: the page's Content-Security-Policy forbids the string evaluation
    that ``page.wait_for_function`` needs once it has to poll."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {seconds} s: {expression}")
        time.sleep(0.05)


def open_page(context: Any, path: Path) -> Any:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append("dialog: " + dialog.message))
    page.goto(path.as_uri())
    wait_until(page, "window.DisclosureForm !== undefined")
    page.errors = errors
    return page


def settle(page: Any) -> None:
    """Let the debounced check run (the page re-checks 150 ms after the last keystroke)."""
    page.evaluate("DisclosureForm.report()")


def cli_findings(path: Path, *extra: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_schema", "validate", str(path), "--format", "json", *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    (result,) = json.loads(done.stdout)
    return [{k: v for k, v in f.items() if k != "file"} for f in result["findings"]]


def cell(page: Any, pointer: str) -> Any:
    return page.locator(f'input.cell[data-ptr="{pointer}"]')


def type_report(page: Any, report: ds.Report, skip: frozenset[str] = frozenset()) -> None:
    """Type every figure, the envelope and the text sections as a clerk would (keyboard, cell by cell)."""
    for c, value in report.values():
        if c.pointer in skip:
            continue
        box = cell(page, c.pointer)
        box.click()
        page.keyboard.type("" if value is None else str(value))
    page.locator('[data-field="issuer"]').fill(report.issuer or "")
    page.locator('[data-field="year"]').fill(str(report.year))
    page.locator('[data-field="statistics_period/start"]').fill(f"{report.year}-01-01")
    page.locator('[data-field="statistics_period/end"]').fill(f"{report.year}-12-31")
    for key, section in report.sections.items():
        area = page.locator(f'textarea[data-section="{key}"]')
        if area.count() and section.blocks and key != "other_matters":
            area.fill("\n\n".join(block.text for block in section.blocks))
    settle(page)


def test_a_clerk_types_sees_the_error_fixes_it_saves_validates_and_reloads(tmp_path: Path, context: Any) -> None:
    report = ds.load(HUAIAN)
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    type_report(page, report, skip=frozenset({WRONG_TOTAL}))

    # One figure typed wrong: 2933 where the parts add up to 2932.
    right = report.cell(WRONG_TOTAL)
    assert right == 2932
    cell(page, WRONG_TOTAL).click()
    page.keyboard.type("2933")
    settle(page)
    broken = tmp_path / "broken.json"
    typed = ds.Report(**(_fields(report.with_cells({WRONG_TOTAL: 2933})) | _page_envelope(report)))
    ds.dump(typed, broken)
    expected = cli_findings(broken)
    r2 = next(f for f in expected if f["code"] == "R2.mismatch")
    assert r2["pointer"] == WRONG_TOTAL and "应为 2932" in r2["message"]
    # The error is at the right cell, in the CLI's words, and the bar counts it.
    assert "f-error" in (cell(page, WRONG_TOTAL).get_attribute("class") or "")
    item = page.locator(f'ul.findings[data-table="requests"] li[data-code="R2.mismatch"][data-pointer="{WRONG_TOTAL}"] .text')
    assert item.inner_text() == r2["message"]
    assert page.evaluate("DisclosureForm.findings()") == expected
    errors = sum(f["level"] == "error" for f in expected)
    assert page.locator("#count-errors b").inner_text() == str(errors) and errors >= 2
    cell(page, WRONG_TOTAL).focus()
    assert r2["message"] in page.locator("#callout").inner_text()

    # Fixed: the error goes away.
    cell(page, WRONG_TOTAL).fill(str(right))
    settle(page)
    assert page.locator("#count-errors b").inner_text() == "0"
    assert "f-error" not in (cell(page, WRONG_TOTAL).get_attribute("class") or "")

    # Saved: a download the CLI reads, with the same findings as the page (the missing section 六 warning).
    with page.expect_download() as info:
        page.locator("#btn-save").click()
    saved = tmp_path / "saved.json"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert ds.dumps(ds.loads(text)) == text  # canonical form, byte for byte
    schema = json.loads((EXAMPLES.parent / "schemas" / "annual-report-2021.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(text))) == []
    page_findings = page.evaluate("DisclosureForm.findings()")
    assert cli_findings(saved) == page_findings
    assert [f["code"] for f in page_findings] == ["completeness.missing_section"]
    assert ds.load(saved).requests == report.requests and ds.load(saved).review_and_litigation == report.review_and_litigation

    # Reopened: the draft is there.
    page.reload()
    wait_until(page, "window.DisclosureForm !== undefined")
    assert cell(page, WRONG_TOTAL).input_value() == str(right)
    assert page.locator('[data-field="issuer"]').input_value() == report.issuer
    assert "已恢复" in page.locator("#status").inner_text()
    assert page.evaluate("DisclosureForm.report()") == json.loads(text)
    assert page.errors == []


def _fields(report: ds.Report) -> dict[str, Any]:
    import attrs

    return {f.name: getattr(report, f.name) for f in attrs.fields(ds.Report)}


def _page_envelope(report: ds.Report) -> dict[str, Any]:
    """What type_report typed of the envelope and text (the rest is left empty, as on the page)."""
    sections = {k: v for k, v in report.sections.items() if k != "other_matters" and v.blocks}
    sections = {k: ds.Section(blocks=v.blocks) for k, v in sections.items()}
    return {
        "issuer": report.issuer,
        "statistics_period": report.statistics_period,
        "sections": sections,
        "title": None,
        "preamble": None,
        "contact": None,
        "document_number": None,
        "publication_date": None,
        "publication": None,
    }


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("abc", "应填整数，实际为 文字 'abc'"),
        ("-3", "填报 -3，数量和金额不能为负数"),
        ("12.5", "应填整数，实际为 小数 '12.5'"),
        ("99999999999999999999", "数值 99999999999999999999 超出允许范围"),
    ],
)
def test_bad_input_in_a_count_cell_is_named_and_kept(tmp_path: Path, context: Any, typed: str, words: str) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    pointer = "/requests/received/natural_person"
    cell(page, pointer).click()
    page.keyboard.type(typed)
    settle(page)
    item = page.locator(f'li.finding.input[data-pointer="{pointer}"] .text').inner_text()
    assert item.startswith("表三 一、本年新收政府信息公开申请数量 行，自然人 列：") and words in item
    assert "f-input" in (cell(page, pointer).get_attribute("class") or "")
    assert page.locator("#count-inputs b").inner_text() == "1"
    page.locator("#btn-save").click()  # refused: nothing downloads, the text stays, the status says why
    assert "改正后才能保存" in page.locator("#status").inner_text()
    assert cell(page, pointer).input_value() == typed
    page.reload()
    wait_until(page, "window.DisclosureForm !== undefined")
    assert cell(page, pointer).input_value() == typed  # kept in the draft as typed
    assert page.errors == []


def test_whole_numbers_as_clerks_write_them_are_read(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2019"))
    cases = {
        "/requests/received/natural_person": ("１２", 12),
        "/requests/received/other": ("1,234", 1234),
        "/proactive_disclosure/article_20_5/licensing/change": ("-7", -7),  # 本年增/减 may be negative
        "/proactive_disclosure/article_20_9/procurement/amount": ("1234.50", "1234.50"),
        "/requests/carried_over/other": ("0", 0),
    }
    for pointer, (typed, _) in cases.items():
        cell(page, pointer).fill(typed)
    doc = page.evaluate("DisclosureForm.report()")
    assert page.evaluate("DisclosureForm.problems()") == {}
    for pointer, (_, value) in cases.items():
        node: Any = doc
        for part in pointer.strip("/").split("/"):
            node = node[part]
        assert node == value, pointer
    assert doc["requests"]["carried_over"]["natural_person"] is None  # blank stays blank, not 0


def test_opening_other_edition_or_damaged_json_changes_nothing(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    cell(page, "/requests/received/other").fill("5")
    before = page.evaluate("DisclosureForm.report()")
    page.locator("#file-open").set_input_files(str(EXAMPLES / "beifeng-2020.json"))
    page.wait_for_selector("#modal:not([hidden])")
    assert "2019 版格式" in page.locator("#modal-text").inner_text() + page.locator("#modal-list").inner_text()
    page.locator("#modal-buttons button").first.click()
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(HUAIAN.read_bytes()[:5000])
    page.locator("#file-open").set_input_files(str(damaged))
    wait_until(page, "document.getElementById('status').textContent.includes('不是有效的 JSON')")
    assert "页面上的内容没有改动" in page.locator("#status").inner_text()
    assert page.evaluate("DisclosureForm.report()") == before
    # A good file of this edition opens (after asking, since the page has content) and shows its figures.
    page.locator("#file-open").set_input_files(str(HUAIAN))
    page.wait_for_selector("#modal:not([hidden])")
    page.locator('#modal-buttons button[data-value="replace"]').click()
    wait_until(page, "document.getElementById('status').textContent.includes('已打开')")
    assert page.evaluate("DisclosureForm.report()") == json.loads(HUAIAN.read_text(encoding="utf-8"))
    assert page.errors == []


def test_a_full_local_storage_is_said_and_nothing_is_lost(tmp_path: Path, browser: Any) -> None:
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    ctx.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    try:
        page = open_page(ctx, make_page(tmp_path, "--edition", "2021"))
        cell(page, "/requests/received/other").click()
        page.keyboard.type("42")
        settle(page)
        assert "本地存储已满" in page.locator("#status").inner_text()
        assert cell(page, "/requests/received/other").input_value() == "42"
        assert page.evaluate("DisclosureForm.report()")["requests"]["received"]["other"] == 42
        assert page.errors == []
    finally:
        ctx.close()


def test_fill_totals_asks_before_changing_a_typed_total(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    for column, value in (("upheld", 3), ("corrected", 4), ("pending", 1)):
        cell(page, f"/review_and_litigation/administrative_review/{column}").fill(str(value))
    cell(page, "/review_and_litigation/litigation/direct/upheld").fill("2")
    cell(page, "/review_and_litigation/litigation/direct/total").fill("9")
    page.locator("#btn-totals").click()
    page.wait_for_selector("#modal:not([hidden])")
    assert "现填 9，各分项之和为 2" in page.locator("#modal-list").inner_text()
    page.locator('#modal-buttons button[data-value="blanks"]').click()
    assert cell(page, "/review_and_litigation/administrative_review/total").input_value() == "8"
    assert cell(page, "/review_and_litigation/litigation/direct/total").input_value() == "9"  # not overwritten
    assert cell(page, "/review_and_litigation/litigation/after_review/total").input_value() == ""  # parts blank
    page.locator("#btn-totals").click()
    page.wait_for_selector("#modal:not([hidden])")
    page.locator('#modal-buttons button[data-value="all"]').click()
    assert cell(page, "/review_and_litigation/litigation/direct/total").input_value() == "2"


def test_paste_from_a_spreadsheet_and_keyboard_moves(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    start = "/requests/results/withheld/state_secret/natural_person"
    cell(page, start).click()
    page.evaluate(
        """([pointer, text]) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.querySelector(`input.cell[data-ptr="${pointer}"]`)
              .dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        [start, "1\t2\t3\r\n4\t5\t6\r\n"],
    )
    values = {
        "withheld/state_secret/natural_person": "1",
        "withheld/state_secret/commercial_enterprise": "2",
        "withheld/state_secret/research_institution": "3",
        "withheld/prohibited_by_law/natural_person": "4",
        "withheld/prohibited_by_law/research_institution": "6",
    }
    for key, value in values.items():
        assert cell(page, f"/requests/results/{key}").input_value() == value
    assert "已粘贴 6 个单元格" in page.locator("#status").inner_text()
    # Enter goes down, arrows move across at the ends of the text, as in a spreadsheet.
    cell(page, start).click()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.ptr") == "/requests/results/withheld/prohibited_by_law/natural_person"
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.ptr").endswith("prohibited_by_law/commercial_enterprise")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.dataset.ptr").endswith("state_secret/commercial_enterprise")


def test_markup_in_the_report_is_shown_as_text(tmp_path: Path, context: Any) -> None:
    hostile = "</script><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"
    report = ds.load(HUAIAN)
    draft = _fields(report) | {"issuer": hostile, "sections": {"overview": ds.Section(blocks=(ds.Block(hostile),))}}
    path = tmp_path / "hostile.json"
    ds.dump(ds.Report(**draft), path)
    page = open_page(context, make_page(tmp_path, "--edition", "2021", "--report", str(path)))
    assert page.evaluate("window.pwned") is None
    assert page.locator('[data-field="issuer"]').input_value() == hostile
    assert page.locator('textarea[data-section="overview"]').input_value() == hostile
    assert page.errors == []


def test_last_years_report_turns_on_x1(tmp_path: Path, context: Any) -> None:
    report = ds.load(HUAIAN)
    previous = report.with_cells({"/requests/carried_forward/natural_person": 30})
    previous = ds.Report(**(_fields(previous) | {"year": 2023}))
    last = tmp_path / "last.json"
    ds.dump(previous, last)
    page = open_page(context, make_page(tmp_path, "--edition", "2021", "--report", str(HUAIAN), "--previous", str(last)))
    expected = cli_findings(HUAIAN, "--previous", str(last))
    assert page.evaluate("DisclosureForm.findings()") == expected
    x1 = [f for f in expected if f["code"] == "X1.mismatch"]
    assert x1 and page.locator('li[data-code="X1.mismatch"]').count() == len(x1)
    assert "f-error" in (cell(page, "/requests/carried_over/natural_person").get_attribute("class") or "")


def test_a_2019_report_opened_in_its_page_has_the_clis_findings(tmp_path: Path, context: Any) -> None:
    source = EXAMPLES / "beifeng-2020.json"
    page = open_page(context, make_page(tmp_path, "--edition", "2019", "--report", str(source)))
    expected = cli_findings(source)
    assert expected and page.evaluate("DisclosureForm.findings()") == expected
    assert page.evaluate("DisclosureForm.report()") == json.loads(source.read_text(encoding="utf-8"))
    pattern = page.locator('ul.findings[data-table="proactive_disclosure"] li[data-code="pattern.decisions_from_items"] .text')
    assert pattern.inner_text() == next(f["message"] for f in expected if f["code"] == "pattern.decisions_from_items")


def test_blank_cells_are_summed_up_per_table_and_listed_on_request(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    summary = page.locator('ul.findings[data-table="review_and_litigation"] li.blank-summary')
    assert "本表有 15 个单元格空白" in summary.inner_text()
    summary.locator("summary").click()
    items = summary.locator("li.finding")
    items.first.wait_for()  # the list is filled on the details' toggle event, after the click returns
    assert items.count() == 15
    assert items.first.locator(".text").inner_text() == "表四 行政复议 行，结果维持 列：单元格空白，没有填数（无数据应填 0）"
    warnings = int(page.locator("#count-warnings b").inner_text())
    assert warnings == sum(f["level"] == "warning" for f in page.evaluate("DisclosureForm.findings()"))


def test_printing_shows_the_text_not_the_text_boxes(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021", "--report", str(HUAIAN)))
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.locator('textarea[data-section="overview"]').is_visible()
    mirror = page.locator('[data-print-for="overview"]')
    assert mirror.is_visible() and "2024 年，我市坚持" in mirror.inner_text()
    assert not page.locator("#btn-save").is_visible()
    assert page.locator('table[data-table="requests"] thead').is_visible()


def test_clearing_asks_first_and_keeps_a_backup(tmp_path: Path, context: Any) -> None:
    page = open_page(context, make_page(tmp_path, "--edition", "2021"))
    cell(page, "/requests/received/other").fill("7")
    settle(page)
    assert "草稿已自动保存" in page.locator("#saved-at").inner_text()
    page.locator("#btn-clear").click()
    page.locator('#modal-buttons button[data-value="cancel"]').click()
    assert cell(page, "/requests/received/other").input_value() == "7"
    page.locator("#btn-clear").click()
    page.locator('#modal-buttons button[data-value="clear"]').click()
    assert cell(page, "/requests/received/other").input_value() == ""
    backup = page.evaluate("localStorage.getItem(DisclosureForm.storageKey + ':backup')")
    assert json.loads(backup)["cells"]["/requests/received/other"] == "7"
