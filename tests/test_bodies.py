"""One body, however its name is typed: the rule X1/X2, the roster and text-check share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from disclosure_schema.bodies import same_body
from disclosure_schema.roster import parse_roster


def test_real_names_of_one_body() -> None:
    # 洪泽区 named itself both ways (reference/real/hongze-2023.pdf and hongze-2024.pdf).
    assert same_body("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert same_body("某县 人民政府", "某县人民政府") and same_body("ＡＢ县人民政府", "AB县人民政府")


def test_different_bodies() -> None:
    assert same_body("甲县人民政府", "乙县人民政府") is False
    assert same_body("某县教育局", "教育局") is False  # too short to stand for a body on its own
    assert same_body("某县教育局附属学校", "某县教育局") is False  # an ending, not a region in front
    assert same_body("某县人民政府办公室", "某县人民政府") is False
    assert same_body(None, "某县人民政府") is None


@given(st.text(min_size=1, max_size=12))
def test_same_body_is_symmetric_and_reflexive(name: str) -> None:
    assert same_body(name, name) in (True, None)
    assert same_body(name, "洪泽区人民政府") == same_body("洪泽区人民政府", name)


def test_roster_finds_a_body_named_with_its_region() -> None:
    roster = parse_roster("body,level,parent\n洪泽区人民政府,政府,\n洪泽区教育局,部门,洪泽区人民政府\n")
    entry = roster.find("淮安市洪泽区人民政府")
    assert entry is not None and entry.body == "洪泽区人民政府"
    assert roster.find("淮安市人民政府") is None
