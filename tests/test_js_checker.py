"""The JavaScript checker (js/checker.js, driven only by schemas/rules-*.json) against the Python one.

A thousand generated reports of both editions, valid and broken in every way the checker
knows (sums off by some, blank and negative cells, sums beyond 2^53, wrong year and period,
missing sections, 2019's misread column, last year's report consecutive or not, of the other
edition), go through both checkers; the findings must be identical, field for field:
code, level, pointer, the Chinese and English sentences, reported, computed, contributions.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import disclosure_schema as ds
from disclosure_schema.converter import MAX_MAGNITUDE, unstructure_report
from disclosure_schema.rules import checks_for
from disclosure_schema.taxonomy import EDITIONS, Kind

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (scripts/setup.sh installs nodejs)")
CASES = 1000


def consistent_report(rng: random.Random, edition: str, year: int, scale: int = 5000) -> ds.Report:
    """A report whose every sum holds, with random details (some blank)."""
    report = ds.Report.empty(edition, year)
    totals = {c.target.pointer for c in checks_for(edition) if c.relation.computes_total}
    changes: dict[str, ds.Value] = {}
    for cell, _ in report.values():
        if cell.pointer in totals or (cell.table.key == "requests" and cell.row.key in ("received", "carried_over")):
            continue
        if rng.random() < 0.03:
            changes[cell.pointer] = None
        elif cell.kind is Kind.MONEY:
            changes[cell.pointer] = Decimal(rng.randrange(0, 10**8)) / 100
        elif cell.kind is Kind.SIGNED_COUNT:
            changes[cell.pointer] = rng.randint(-scale, scale)
        else:
            changes[cell.pointer] = rng.randint(0, scale)
    report = ds.fill_totals(report.with_cells(changes))
    balance: dict[str, ds.Value] = {}
    table = report.requests
    for column in table.spec.row_index["received"].columns:
        if column.key == "total":
            continue
        due = (table.get("results/total", column.key) or 0) + (table.get("carried_forward", column.key) or 0)
        carried = rng.randint(0, due)
        balance[f"/requests/carried_over/{column.key}"] = carried
        balance[f"/requests/received/{column.key}"] = due - carried
    report = ds.fill_totals(report.with_cells(balance))
    sections = {s.key: ds.Section(blocks=(ds.Block("文字"),)) for s in report.spec.sections if s.table is None}
    period = ds.Period(*(__import__("datetime").date(year, m, d) for m, d in ((1, 1), (12, 31))))
    return ds.Report(**{**_fields(report), "sections": sections, "statistics_period": period})


def _fields(report: ds.Report) -> dict[str, Any]:
    import attrs

    return {f.name: getattr(report, f.name) for f in attrs.fields(ds.Report)}


def broken(rng: random.Random, report: ds.Report) -> ds.Report:
    """The report with a few random faults of the kinds the checker finds."""
    cells = [cell for cell, _ in report.values()]
    changes: dict[str, ds.Value] = {}
    for _ in range(rng.randint(1, 4)):
        cell = rng.choice(cells)
        fault = rng.random()
        if fault < 0.15:
            changes[cell.pointer] = None
        elif cell.kind is Kind.MONEY:
            changes[cell.pointer] = Decimal(rng.choice(["-5.25", "0", "12.5", "-0.01"]))
        elif fault < 0.3:
            changes[cell.pointer] = -rng.randint(1, 50)
        elif fault < 0.35:
            changes[cell.pointer] = MAX_MAGNITUDE - rng.randint(0, 10)
        else:
            value = report.cell(cell.pointer) or 0
            assert not isinstance(value, Decimal)
            changes[cell.pointer] = value + rng.choice([-3, -1, 1, 2, 100])
    report = report.with_cells(changes)
    fields = _fields(report)
    roll = rng.random()
    if roll < 0.1:
        fields["sections"] = {k: v for k, v in report.sections.items() if rng.random() < 0.5}
    elif roll < 0.15:
        fields["statistics_period"] = ds.Period(
            __import__("datetime").date(report.year, 1, 1), __import__("datetime").date(report.year, 6, 30)
        )
    elif roll < 0.2:
        other = [y for y in range(2019, 2031) if y != report.year]
        fields["year"] = rng.choice(other)
    return ds.Report(**fields)


def misread_2019(rng: random.Random, report: ds.Report) -> ds.Report:
    """2019's 处理决定数量 filled with 上一年项目数量 + 本年增/减 (the pattern the checker warns about)."""
    changes: dict[str, ds.Value] = {}
    for row in report.proactive_disclosure.spec.rows:
        keys = {c.key for c in row.columns}
        if {"previous_items", "change", "decisions"} <= keys and rng.random() < 0.6:
            items = rng.randint(0, 100)
            change = rng.choice([0, rng.randint(-items, 50)])
            base = f"/proactive_disclosure/{row.key}"
            changes |= {f"{base}/previous_items": items, f"{base}/change": change, f"{base}/decisions": items + change}
    return report.with_cells(changes)


HAZARDS = ("\x07", "\x00", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\u202e", "\u202a", "\u2066", "\u2069")
"""Control and bidi-control characters (text_hazards.py)."""


def with_hazards(rng: random.Random, report: ds.Report) -> ds.Report:
    """Control or bidi characters in a few text fields, after an astral character now and then (positions count code points)."""
    fields = _fields(report)

    def spoil(text: str | None) -> str:
        text = text or ""
        at = rng.randint(0, len(text))
        return text[:at] + rng.choice(("", "𠀀", "😀")) + "".join(rng.choices(HAZARDS, k=rng.randint(1, 3))) + text[at:]

    for name in rng.sample(["issuer", "title", "preamble", "copy_to", "printed_by", "signature"], rng.randint(0, 2)):
        fields[name] = spoil(fields[name])
    if rng.random() < 0.3:
        fields["contact"] = ds.Contact(phone=spoil("0517-83605210"), email="a@b.cn")
    sections = dict(report.sections)
    for key in rng.sample(sorted(sections), min(len(sections), rng.randint(0, 2))):
        section = sections[key]
        blocks = list(section.blocks) or [ds.Block("")]
        index = rng.randrange(len(blocks))
        blocks[index] = ds.Block(spoil(blocks[index].text), blocks[index].kind)
        heading = spoil(section.heading) if rng.random() < 0.3 else section.heading
        sections[key] = ds.Section(heading, tuple(blocks))
    fields["sections"] = sections
    return ds.Report(**fields)


def make_cases(seed: int = 12) -> list[tuple[ds.Report, ds.Report | None]]:
    rng = random.Random(seed)
    hazard_rng = random.Random(seed + 1)  # its own stream: the other cases stay as they were
    cases: list[tuple[ds.Report, ds.Report | None]] = []
    for index in range(CASES):
        edition = "2019" if index % 2 else "2021"
        year = rng.randint(2020, 2020) if edition == "2019" else rng.randint(2022, 2030)
        scale = MAX_MAGNITUDE // 400 if index % 50 == 0 else 5000
        report = consistent_report(rng, edition, year, scale)
        if edition == "2019" and rng.random() < 0.3:
            report = misread_2019(rng, report)
        if index % 5:
            report = broken(rng, report)
        previous = None
        if rng.random() < 0.5:
            previous_edition = edition if rng.random() < 0.8 else ("2019" if edition == "2021" else "2021")
            previous_year = report.year - 1 if rng.random() < 0.85 else report.year - 2
            previous = consistent_report(rng, previous_edition, previous_year)
            if rng.random() < 0.5:  # make X1/X2 hold, then maybe break them
                carried = {
                    f"/requests/carried_forward/{c.column.key}": report.cell(f"/requests/carried_over/{c.column.key}")
                    for c in previous.requests.spec.cells
                    if c.row.key == "carried_forward"
                }
                previous = previous.with_cells(carried)
        if rng.random() < 0.6:
            names = BODIES[rng.randrange(len(BODIES))]
            report = ds.Report(**(_fields(report) | {"issuer": rng.choice(names)}))
            if previous is not None:
                other = names if rng.random() < 0.7 else rng.choice(BODIES)
                previous = ds.Report(**(_fields(previous) | {"issuer": rng.choice([*other, None])}))
        if hazard_rng.random() < 0.15:
            report = with_hazards(hazard_rng, report)
        cases.append((report, previous))
    return cases


BODIES = (
    ("淮安市洪泽区人民政府", "洪泽区人民政府", "洪泽区 人民政府", "ＡＢ县人民政府"),
    ("北峰街道办事处", "泉州市丰泽区北峰街道办事处", "北峰"),
    ("某某市交通运输局", "某某市交通运输局办公室"),
)
"""Issuers that name one body in several ways (region in front, spaces, full width), and others."""


def python_findings(report: ds.Report, previous: ds.Report | None, lang: str) -> list[dict[str, Any]]:
    data = [v.to_json(lang) for v in ds.check(report, previous)]
    return json.loads(json.dumps(data, ensure_ascii=False))  # type: ignore[no-any-return]


def node_findings(tmp_path: Path, cases: list[tuple[ds.Report, ds.Report | None]], lang: str) -> list[Any]:
    lines = []
    for report, previous in cases:
        item = {"report": unstructure_report(report)}
        if previous is not None:
            item["previous"] = unstructure_report(previous)
        lines.append(json.dumps(item, ensure_ascii=False))
    source = tmp_path / "cases.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(ROOT / "js" / "cli.js"), "--jsonl", str(source), "--lang", lang],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_js_and_python_checkers_give_identical_findings(tmp_path: Path) -> None:
    cases = make_cases()
    results = node_findings(tmp_path, cases, "zh")
    assert len(results) == CASES
    codes: set[str] = set()
    valid = sides = 0
    for index, ((report, previous), found) in enumerate(zip(cases, results, strict=True)):
        ds.loads(ds.dumps(report))  # a document the schema accepts: the checkers' common input
        expected = python_findings(report, previous, "zh")
        assert found == expected, (index, report.edition, previous is not None)
        codes.update(f["code"] for f in expected)
        sides += sum("两边不相等" in f["message"] for f in expected)
        valid += not any(f["level"] == "error" for f in expected)
    # The generated reports exercise every kind of finding, and both verdicts.
    assert {"R1.mismatch", "R2.mismatch", "R3.mismatch", "R4.mismatch", "X1.mismatch", "X2.mismatch"} <= codes
    assert {"domain.negative", "completeness.blank_cell", "cross_year.not_consecutive", "cross_year.other_body"} <= codes
    assert {"completeness.missing_section", "completeness.edition_year", "completeness.statistics_period"} <= codes
    assert "pattern.decisions_from_items" in codes
    assert {"text.control_character", "text.bidi_control"} <= codes
    assert sides > 10  # mismatches whose computed value is impossible, told as two sides
    assert 100 < valid < CASES - 100


def test_english_sentences_are_identical_too(tmp_path: Path) -> None:
    cases = make_cases(seed=7)[:150]
    for (report, previous), found in zip(cases, node_findings(tmp_path, cases, "en"), strict=True):
        assert found == python_findings(report, previous, "en")


def test_sums_beyond_two_to_the_53_are_exact(tmp_path: Path) -> None:
    report = ds.Report.empty("2021", 2024)
    big = MAX_MAGNITUDE
    report = report.with_cells({"/requests/results/disclosed/natural_person": big, "/requests/results/partially_disclosed/natural_person": big})
    (found,) = node_findings(tmp_path, [(report, None)], "zh")
    r2 = [f for f in found if f["code"] == "R2.mismatch" and f["pointer"].endswith("/total/natural_person")]
    assert r2 and r2[0]["computed"] == 2 * big
    assert found == python_findings(report, None, "zh")


def test_the_published_copy_is_the_packaged_checker() -> None:
    packaged = ROOT / "src" / "disclosure_schema" / "web" / "checker.js"
    assert (ROOT / "js" / "checker.js").read_bytes() == packaged.read_bytes()


def test_node_cli_exit_codes(tmp_path: Path) -> None:
    assert NODE is not None
    good = subprocess.run([NODE, str(ROOT / "js" / "cli.js"), str(ROOT / "examples" / "huaian-2024.json")], capture_output=True, text=True)
    assert good.returncode == 0 and json.loads(good.stdout) == []
    bad_report = ds.load(ROOT / "examples" / "huaian-2024.json").with_cells({"/requests/received/natural_person": 1})
    bad = tmp_path / "bad.json"
    ds.dump(bad_report, bad)
    run = subprocess.run([NODE, str(ROOT / "js" / "cli.js"), str(bad)], capture_output=True, text=True)
    assert run.returncode == 1
    assert json.loads(run.stdout) == python_findings(bad_report, None, "zh")
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    run = subprocess.run([NODE, str(ROOT / "js" / "cli.js"), str(damaged)], capture_output=True, text=True)
    assert run.returncode == 2 and "不是有效的 JSON" in run.stderr and "at " not in run.stderr.split("（")[0]
    assert EDITIONS  # the editions the rules files cover


def with_unread(rng: random.Random, report: ds.Report) -> ds.Report:
    """The report as a reader might return it: a few cells (sometimes a whole row) unread, their values null."""
    cells = [cell for cell, _ in report.values()]
    chosen = {rng.choice(cells).pointer for _ in range(rng.randint(1, 3))}
    if rng.random() < 0.3:
        row = rng.choice(cells).row
        chosen |= {c.pointer for c in cells if c.row is row}
    report = report.with_cells(dict.fromkeys(chosen))
    return ds.Report(**(_fields(report) | {"reading": ds.Reading(unread=frozenset(chosen))}))


def test_unread_cells_give_the_same_findings_as_validate(tmp_path: Path) -> None:
    """The optional ``reading`` object: not-checkable relations and unread rows, as the Python checker gives them.

    Codes, levels, pointers, values and contributions are compared for every finding; the sentence too,
    except for a not-checkable relation naming several unread cells, which validate groups by row or
    column into one phrase and the JavaScript checker lists cell by cell.
    """
    rng = random.Random(8)
    cases = []
    for report, previous in make_cases(seed=3)[:300]:
        report = with_unread(rng, report)
        if previous is not None and rng.random() < 0.5:
            previous = with_unread(rng, previous)
        cases.append((report, previous))
    codes: set[str] = set()
    exact = 0
    for (report, previous), found in zip(cases, node_findings(tmp_path, cases, "zh"), strict=True):
        expected = python_findings(report, previous, "zh")
        assert [f["code"] for f in found] == [f["code"] for f in expected]
        for mine, theirs in zip(found, expected, strict=True):
            several = theirs["code"].endswith(".not_checkable") and theirs["message"].count("未能读取") and (
                "；" in theirs["message"].split("：无法核对")[1] or "、" in theirs["message"].split("：无法核对")[1]
                or "全部" in theirs["message"].split("：无法核对")[1]
            )
            if several:
                mine, theirs = {**mine, "message": ""}, {**theirs, "message": ""}
            elif theirs["code"].endswith(".not_checkable"):
                exact += 1
            assert mine == theirs
        codes.update(f["code"] for f in expected)
    assert {"completeness.unread", "R1.not_checkable", "R2.not_checkable", "R3.not_checkable", "X1.not_checkable"} <= codes
    assert exact > 100  # sentences naming one unread cell are compared word for word
