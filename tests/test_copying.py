"""Text repeated from last year's report, and the 2021 notice's limit on 一、总体情况."""

from __future__ import annotations

import attrs

import disclosure_schema as ds
from disclosure_schema.copying import OVERVIEW_LIMIT, THRESHOLD, repetition, text_findings
from disclosure_schema.taxonomy.common import OVERVIEW, PROBLEMS

LAST = "一是公开平台的互动功能不足。二是政策解读形式较为单一。三是培训次数偏少，业务水平有待提高。下一步将开发移动端专栏。"


def _with(section: str, text: str, year: int = 2024, issuer: str = "甲局") -> ds.Report:
    report = ds.Report.empty("2021", year, issuer=issuer)
    return attrs.evolve(report, sections={section: ds.Section(blocks=(ds.Block(text),))})


def test_share_and_sentences() -> None:
    this = "一是公开平台的互动功能不足。二是政策解读形式较为单一。今年新增了依申请公开的网上办理系统。明年计划组织两次政府开放日活动。"
    result = repetition(this, LAST)
    assert result.repeated == ("一是公开平台的互动功能不足。", "二是政策解读形式较为单一。")
    assert 0.3 < result.share < 0.5 and not result.warned


def test_a_copy_with_a_changed_figure_still_counts() -> None:
    this = LAST.replace("偏少", "偏少（全年仅 2 次）")
    assert repetition(this, LAST).share > THRESHOLD


def test_warning_only_for_the_same_body_and_the_year_before() -> None:
    now, before = _with(PROBLEMS.key, LAST), _with(PROBLEMS.key, LAST, 2023)
    assert [v.code for v in text_findings(now, before)] == ["text.repeated_from_previous"]
    message = text_findings(now, before)[0].message()
    assert "100%" in message and "年年雷同" in message
    assert text_findings(now, attrs.evolve(before, issuer="乙局")) == []
    assert text_findings(now, attrs.evolve(before, year=2022)) == []


def test_overview_over_a_thousand_characters_is_a_2021_warning() -> None:
    long = _with(OVERVIEW.key, "字" * (OVERVIEW_LIMIT + 1))
    found = text_findings(long)
    assert [v.code for v in found] == ["text.overview_too_long"] and "一千字" in found[0].message()
    assert text_findings(_with(OVERVIEW.key, "字" * OVERVIEW_LIMIT)) == []
    old = attrs.evolve(ds.Report.empty("2019", 2020), sections=long.sections)
    assert text_findings(old) == []  # the 2019 notice sets no limit
