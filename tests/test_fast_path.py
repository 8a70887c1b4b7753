"""The fast path (typed decoder per edition, generated sum checks) finds exactly what the walk finds.

Both paths get the same documents -- valid ones, and the same ones mutated the ways
clerks' tools and hostile files break them -- and must agree on everything: the
report, or the refusal with every violation; every finding's code, level, pointer,
location, numbers, contributions, parameters and message in Chinese and English;
and the coverage of the sum checks.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from conftest import EXAMPLES, valid_reports
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_schema as ds
from disclosure_schema import compiled
from disclosure_schema.checker import check_walking
from disclosure_schema.converter import _ENVELOPE
from disclosure_schema.io import loads_walking

MUTATIONS = (
    "none",
    "wrong_cell",
    "string",
    "float",
    "whole_float",
    "bool",
    "fullwidth",
    "huge",
    "limit",
    "negative",
    "null",
    "drop",
    "unknown_key",
    "duplicate_key",
    "duplicate_top",
    "deep",
    "invalid_utf8",
    "lone_surrogate",
    "escaped_colon",
    "colon_text",
    "unread",
    "settled",
    "bad_date",
    "year",
    "edition",
    "schema",
    "bom",
    "money_number",
    "block_kind",
    "sections_null",
    "negative_text",
    "control_text",
)

HAZARDS = ("\x07", "\x1b", "\x85", "\x7f", "\u202e", "\u2066", "\ufffe")
"""Control and bidi-control characters (text_hazards): a warning per field on both paths."""


def _document(report: ds.Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ds.dumps(report))
    data["issuer"] = "示例机关: 办公室"
    data["statistics_period"] = {"start": f"{report.year}-01-01", "end": f"{report.year}-12-31"}
    data["sections"] = {
        "overview": {
            "heading": "一、总体情况",
            "blocks": [{"text": "网址 http://example.gov.cn"}, {"text": "小标题", "kind": "heading"}],
        }
    }
    return data


def _cell_parent(document: dict[str, Any], rng: random.Random) -> tuple[dict[str, Any], str]:
    node: Any = document[rng.choice(list(ds.TABLE_KEYS))]
    while True:
        key = rng.choice(sorted(node))
        if not isinstance(node[key], dict):
            return node, key
        node = node[key]


def mutated(report: ds.Report, rng: random.Random, how: str) -> bytes:
    """The report's JSON bytes, broken (or not) one way."""
    document = _document(report)
    parent, key = _cell_parent(document, rng)
    value = parent[key]
    if how == "wrong_cell":
        parent[key] = str(Decimal(value) + 1) if isinstance(value, str) else (value or 0) + rng.choice((1, -1, 1000))
    elif how in (
        "string",
        "float",
        "whole_float",
        "bool",
        "fullwidth",
        "huge",
        "limit",
        "negative",
        "null",
        "money_number",
    ):
        parent[key] = {
            "string": "12",
            "float": 12.5,
            "whole_float": 12.0,
            "bool": True,
            "fullwidth": "１２",
            "huge": 2**70,
            "limit": rng.choice((2**53 - 1, 2**53, -(2**53))),
            "negative": -3,
            "null": None,
            "money_number": 3,
        }[how]
    elif how == "negative_text":
        # A negative amount (or a signed zero) as text: only the general decoder takes it.
        parent[key] = rng.choice(("-2.5", "-0", "-0.0")) if isinstance(value, str) else -2
    elif how == "drop":
        del parent[key]
    elif how == "unknown_key":
        rng.choice([parent, document, document["sections"]["overview"]])["unexpected"] = 1
    elif how == "deep":
        parent[key] = "__DEEP__"
    elif how == "unread":
        pointer = rng.choice(sorted(report.spec.cells))
        _set(document, pointer, None)
        document["reading"] = {"unread": [pointer]}
    elif how == "settled":
        chk = rng.choice(ds.checks_for(report.edition))
        document["reading"] = {"settled": {chk.target.pointer: [chk.id]}}
    elif how == "bad_date":
        document["statistics_period"]["end"] = rng.choice((f"{report.year}-02-30", "2024/12/31", 20241231))
    elif how == "year":
        document["year"] = rng.choice((1900, "2024", 2024.0, True))
    elif how == "edition":
        document["edition"] = rng.choice(("2020", 2021, None))
    elif how == "schema":
        other = "2019" if report.edition == "2021" else "2021"
        document["$schema"] = f"urn:disclosure-schema:annual-report-{other}"
    elif how == "block_kind":
        document["sections"]["overview"]["blocks"][0]["kind"] = rng.choice(("title", 1, None))
    elif how == "control_text":
        blocks = document["sections"]["overview"]["blocks"]
        at = rng.randrange(len(blocks[0]["text"]) + 1)
        blocks[0]["text"] = blocks[0]["text"][:at] + rng.choice(HAZARDS) + blocks[0]["text"][at:]
        if rng.random() < 0.5:
            document["issuer"] += rng.choice(HAZARDS)
    elif how == "sections_null":
        document["sections"] = rng.choice((None, [], {"overview": None}))
    text = json.dumps(document, ensure_ascii=False, indent=rng.choice((None, 2)))
    if how == "deep":
        depth = rng.choice((50, 3000))
        text = text.replace('"__DEEP__"', "[" * depth + "0" + "]" * depth)
    elif how == "duplicate_key":
        text = text.replace(f'"{key}":', f'"{key}": 7, "{key}":', 1)
    elif how == "duplicate_top":
        text = text.replace('"issuer":', '"issuer": "另一个机关", "issuer" :', 1)
    elif how == "escaped_colon":
        text = text.replace('"issuer":', '"issuer": "a\\u003ab", "issuer":', 1)
    elif how == "colon_text":
        text = text.replace("示例机关:", "示例机关:::", 1)
    elif how == "lone_surrogate":
        text = text.replace("示例机关", "示例\\ud800机关", 1)
    data = text.encode("utf-8")
    if how == "invalid_utf8":
        data = data.replace("示例".encode(), b"\xff\xfe", 1)
    elif how == "bom":
        data = b"\xef\xbb\xbf" + data
    return data


def _set(document: dict[str, Any], pointer: str, value: Any) -> None:
    parts = pointer.strip("/").split("/")
    node = document
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value


def _findings(violations: list[ds.Violation]) -> list[Any]:
    return [(v, v.message("zh"), v.message("en"), v.to_json("zh"), v.to_json("en")) for v in violations]


def outcome(data: bytes, *, fast: bool) -> Any:
    try:
        report = ds.loads(data) if fast else loads_walking(data)
    except ds.ReportShapeError as exc:
        return ("refused", _findings(exc.violations))
    found, coverage = ds.check_with_coverage(report) if fast else check_walking(report)
    return ("report", report, _findings(found), coverage)


@settings(max_examples=300, deadline=None)
@given(report=valid_reports(), seed=st.integers(0, 2**32), how=st.sampled_from(MUTATIONS))
def test_both_paths_find_the_same(report: ds.Report, seed: int, how: str) -> None:
    data = mutated(report, random.Random(seed), how)
    assert outcome(data, fast=True) == outcome(data, fast=False)


@settings(max_examples=20, deadline=None)
@given(report=valid_reports(), seed=st.integers(0, 2**32))
def test_control_characters_are_told_by_both_paths(report: ds.Report, seed: int) -> None:
    """Not a vacuous agreement: both paths warn of the paragraph's control character, naming it."""
    data = mutated(report, random.Random(seed), "control_text")
    for fast in (True, False):
        kind, _, findings, _ = outcome(data, fast=fast)
        assert kind == "report"
        told = [f for f in findings if f[0].code.startswith("text.")]
        assert [f[0].pointer for f in told if f[0].pointer.startswith("/sections")] == ["/sections/overview/blocks/0/text"]
        assert all(f[0].level is ds.Level.WARNING for f in told)
        assert told[-1][1].startswith("第一部分第1段：第 ")


@settings(max_examples=40, deadline=None)
@given(report=valid_reports(), seed=st.integers(0, 2**32))
def test_regular_documents_take_the_fast_path(report: ds.Report, seed: int) -> None:
    """Not a vacuous agreement: well-formed documents are decoded by the typed decoder itself."""
    data = mutated(report, random.Random(seed), "colon_text")
    decoded = compiled.decode(data)
    assert decoded is not None
    assert decoded == loads_walking(data)


def test_irregular_documents_are_left_to_the_walk() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    rng = random.Random(5)
    for how in (
        "duplicate_key",
        "duplicate_top",
        "escaped_colon",
        "invalid_utf8",
        "lone_surrogate",
        "string",
        "bool",
        "unread",
        "bom",
        "deep",
    ):
        assert compiled.decode(mutated(report, rng, how)) is None, how


def test_duplicate_key_is_refused_with_the_walks_message() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    data = mutated(report, random.Random(1), "duplicate_top")
    kind, findings = outcome(data, fast=True)
    assert kind == "refused"
    assert [f[0].code for f in findings] == ["shape.duplicate_key"]


def test_envelope_fields_are_those_of_the_model() -> None:
    """The decoder's envelope is the model's: a field added to ``Report`` must be added here too."""
    decoded = {*compiled.TEXT_FIELDS, *compiled.DATE_FIELDS, "statistics_period", "contact"}
    assert decoded == set(_ENVELOPE)


def test_nesting_deeper_than_the_decoder_goes_falls_back_to_the_located_refusal() -> None:
    from disclosure_schema.compiled import decode
    from disclosure_schema.converter import ReportShapeError
    from disclosure_schema.io import loads

    deep = '{"a":' * 5000 + "1" + "}" * 5000
    assert decode(deep) is None  # the typed decoder's own recursion limit is not a crash
    try:
        loads(deep)
    except ReportShapeError as exc:
        assert exc.violations[0].code == "shape.too_deep"
    else:
        raise AssertionError("a 5,000-deep document must be refused")


def test_filled_reports_are_known_filled_and_others_are_looked_through() -> None:
    """The filled decoder's reports skip the look through their tables; a report with a blank does not."""
    from disclosure_schema.compiled_checks import known_filled

    report = ds.load(EXAMPLES / "huaian-2024.json")
    rng = random.Random(3)
    filled = ds.loads(mutated(report, rng, "none"))
    assert known_filled(filled)
    assert not known_filled(filled.with_cells({}))  # an equal report made otherwise is looked through
    assert ds.check_with_coverage(filled) == ds.check_with_coverage(filled.with_cells({})) == check_walking(filled)
    for how in ("null", "negative_text", "null", "negative_text"):
        data = mutated(report, rng, how)
        general = compiled.decode(data)
        assert general is not None, how
        assert not known_filled(general), how
        assert ds.check_with_coverage(general) == check_walking(general), how


def test_contributions_are_made_when_read_and_behave_as_made() -> None:
    import pickle

    import attrs

    from disclosure_schema.violations import Contribution, DeferredContributions, Violation

    report = ds.load(EXAMPLES / "huaian-2024.json")
    target = next(c.target for c in ds.checks_for(report.edition) if c.relation.id == "R3")
    data = ds.dumps(report.with_cells({target.pointer: (report.cell(target.pointer) or 0) + 1})).encode()
    slot = Violation.__dict__["contributions"].slot
    findings = [v for v in ds.check(ds.loads(data)) if v.code.endswith(".mismatch")]
    assert findings
    for finding in findings:
        assert type(slot.__get__(finding)) is DeferredContributions  # nothing made yet
        made = tuple(finding.contributions)
        assert made and all(type(c) is Contribution for c in made)
        assert slot.__get__(finding) is finding.contributions  # made once, then kept
        whole = Violation(
            finding.code,
            finding.level,
            finding.pointer,
            finding.location,
            finding.reported,
            finding.computed,
            made,
            finding.params,
        )
        assert whole == finding
        assert repr(whole) == repr(finding)
        assert whole.to_json("en") == finding.to_json("en")
    fresh = [v for v in ds.check(ds.loads(data)) if v.code.endswith(".mismatch")]
    assert [pickle.loads(pickle.dumps(v)) for v in fresh] == findings
    fresh = [v for v in ds.check(ds.loads(data)) if v.code.endswith(".mismatch")]
    assert [attrs.evolve(v, source="a.json").with_source("b.json").contributions for v in fresh] == [
        v.contributions for v in findings
    ]


def test_the_edition_a_document_names_chooses_its_decoder_and_anything_else_the_union() -> None:
    """One edition's decoder is built for a document naming it; a document without the member, with it
    twice, with another edition, or with it only inside another object gets the walk's findings all the same."""
    text = (EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8")
    data = text.encode()
    assert compiled._named_edition(data) == "2021"
    assert outcome(data, fast=True) == outcome(data, fast=False)
    without = json.loads(text)
    edition = without.pop("edition")
    moved = dict(without, contact={"edition": edition})
    twice = text.replace('"edition": "2021"', '"edition": "2021", "edition": "2019"', 1)
    other = text.replace('"edition": "2021"', '"edition": "2019"', 1)
    for variant in (json.dumps(without), json.dumps(moved), twice, other):
        variant_data = variant.encode()
        assert outcome(variant_data, fast=True) == outcome(variant_data, fast=False)
    assert compiled.decode(json.dumps(without).encode()) is None
    assert compiled.decode(json.dumps(moved).encode()) is None
