"""Tolerant label matching and cell values: what is accepted, what is noted, what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from disclosure_schema_readers.labels import LabelSet, norm
from disclosure_schema_readers.numbers import parse_value
from hypothesis import given
from hypothesis import strategies as st

from disclosure_schema.taxonomy import EDITIONS, Column, Kind

REQUESTS = EDITIONS["2021"].table("requests")
ALL_LABELS = sorted({label.text for e in EDITIONS.values() for t in e.tables for r in t.rows for label in r.path})
LEAVES = LabelSet(row.text for row in REQUESTS.rows)


@given(st.sampled_from(ALL_LABELS), st.lists(st.integers(min_value=0, max_value=40), max_size=4),
       st.sampled_from([" ", "\n", "\u3000", "\u00a0", "\t"]))
def test_whitespace_anywhere_inside_a_label_is_layout(label: str, cuts: list[int], space: str) -> None:
    printed = label
    for cut in sorted({min(c, len(label)) for c in cuts}, reverse=True):
        printed = printed[:cut] + space + printed[cut:]
    match = LabelSet(ALL_LABELS).match(printed)
    assert match is not None and match.official == label


def test_norm_is_idempotent_and_width_blind() -> None:
    for label in ALL_LABELS:
        assert norm(norm(label)) == norm(label)
    assert norm("３、危及\"三安全一稳定\"：") == norm(next(t for t in ALL_LABELS if "三安全" in t))


@pytest.mark.parametrize("printed, how", [
    ("5.属于三类内容事务信息", "variant"),
    ("3、其他", "normalised"),
    ("３．其他", "normalised"),
    ("属于国家秘密", "unnumbered"),
    ("本机关不掌握相关政府信息", "unnumbered"),
])
def test_known_forms(printed: str, how: str) -> None:
    match = LEAVES.match(printed)
    assert match is not None and match.how == how


@pytest.mark.parametrize("printed", ["其他", "其他法律禁止公开", "9.属于国家秘密", "1.国家秘密事项清单", "申请"])
def test_unknown_forms_are_not_matched_loosely(printed: str) -> None:
    assert LEAVES.match(printed) is None


def test_abbreviations_only_when_asked_and_unique() -> None:
    groups = LabelSet(row.path[1].text for row in REQUESTS.rows if len(row.path) > 1)
    assert groups.match("（二）部分公开") is None
    match = groups.match("（二）部分公开", abbreviations=True)
    assert match is not None and match.how == "abbreviated"
    assert groups.match("（二）公开", abbreviations=True) is None


COUNT = Column("c", "c")
SIGNED = Column("s", "s", Kind.SIGNED_COUNT)
MONEY_WAN = Column("m", "m", Kind.MONEY, unit="万元")
MONEY_YUAN = Column("y", "y", Kind.MONEY, unit="元")


@pytest.mark.parametrize("text, column, value, noted", [
    ("", COUNT, None, False),
    ("\u00a0 ", COUNT, None, False),
    ("12", COUNT, 12, False),
    ("１２", COUNT, 12, True),
    ("1,234", COUNT, 1234, True),
    ("12件", COUNT, 12, True),
    ("-15", SIGNED, -15, False),
    ("－15", SIGNED, -15, True),
    ("24252.311082", MONEY_WAN, Decimal("24252.311082"), False),
    ("251000元", MONEY_YUAN, Decimal("251000"), True),
    ("25000元", MONEY_WAN, Decimal("2.5"), True),
    ("3万元", MONEY_YUAN, Decimal("30000"), True),
])
def test_values(text: str, column: Column, value: object, noted: bool) -> None:
    parsed = parse_value(text, column)
    assert parsed.value == value and type(parsed.value) is type(value)
    assert parsed.problem is None
    assert (parsed.normalised is not None) == noted


@pytest.mark.parametrize("text, column, code", [
    ("—", COUNT, "cell.dash"),
    ("12.5", COUNT, "cell.unreadable"),
    ("69 3", COUNT, "cell.unreadable"),
    ("-3", COUNT, "cell.negative"),
    ("abc", MONEY_WAN, "cell.unreadable"),
    ("1" * 40, COUNT, "cell.unreadable"),
])
def test_unreadable_values_stay_blank(text: str, column: Column, code: str) -> None:
    parsed = parse_value(text, column)
    assert parsed.value is None and parsed.problem is not None and parsed.problem[0] == code
