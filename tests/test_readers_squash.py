"""``labels.squash_map``: the fast squashing of a whole text gives exactly the character-by-character result.

The readers search labels in a text squashed by :func:`squash_map` and find them again in the source
by its positions; the fast path (distinct characters only, :meth:`str.replace`, positions kept as
runs) must agree with ``squash`` applied to each character, positions included, on any text.
"""

from __future__ import annotations

import re

from disclosure_schema_readers.labels import _UNSURE, squash, squash_map
from hypothesis import given, settings
from hypothesis import strategies as st


def _one_by_one(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in squash(ch):
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def _same(text: str) -> None:
    squashed, positions = squash_map(text)
    expected, index = _one_by_one(text)
    assert squashed == expected
    assert len(positions) == len(index)
    assert [positions[i] for i in range(len(positions))] == index
    if index:
        assert positions[-1] == index[-1]


def test_the_characters_skipped_are_the_ones_squash_keeps() -> None:
    """Printable ASCII, 。 and the CJK Unified Ideographs are never looked at: squash must keep each."""
    skipped = [chr(c) for c in [*range(0x21, 0x7F), 0x3002, *range(0x4E00, 0xA000)]]
    assert [ch for ch in skipped if _UNSURE.fullmatch(ch)] == []
    assert [ch for ch in skipped if squash(ch) != ch] == []
    neighbours = " \x7f\u3001\u3003\u4dff\ua000\uff0c\u3000"
    assert all(_UNSURE.fullmatch(ch) for ch in neighbours)


REPORT_LIKE = "（一）予以公开，１２３ 件\u3000\t\n“依申请”、㈠①Ⅻﬁ\u00a0e\u0301。abc 中文|"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=REPORT_LIKE, max_size=60))
def test_report_like_text(text: str) -> None:
    _same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text(text: str) -> None:
    _same(text)


def test_expanding_characters_keep_their_position() -> None:
    squashed, positions = squash_map("a㈠ b")
    assert squashed == "a(一)b"
    assert [positions[i] for i in range(len(positions))] == [0, 1, 1, 1, 3]


def test_dropped_runs() -> None:
    text = "  一、 总体情况\n\n二、\t主动公开 "
    squashed, positions = squash_map(text)
    assert squashed == re.sub(r"\s", "", text).replace("、", ",")
    assert [text[positions[i]] for i in range(len(positions))] == [ch for ch in text if not ch.isspace()]
