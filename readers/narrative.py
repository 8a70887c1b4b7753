"""The report's running text: where each of the six sections starts, and its blocks.

Why: the sections are found by their official headings (from the taxonomy, with the known heading
variants of :mod:`labels`), never by position.  Text extracted from PDFs is hard-wrapped, so lines
are joined back into paragraphs when most lines run to the same width; sub-headings such as
``（一）政府信息公开工作基本情况`` (short, numbered, no sentence) become ``BlockKind.HEADING``.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import attrs

from disclosure_schema.model import Block, BlockKind, Section

from .document import Line
from .labels import LabelSet, Match, Positions, norm, numbering, squash, squash_map, variant_forms

__all__ = ["find_heading", "join_paragraphs", "make_blocks", "split_inline_headings", "width"]

_MARKER = re.compile(r"^\s*([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+\s*、|\d+\s*[、.．](?!\d))")
_TERMINAL = tuple("。！？；：”’）)」』.!?;:")
MAX_HEADING = 40


_WIDE_BLOCKS = ("\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6")
"""The wide (W) and full-width (F) blocks of East Asian Width that report text uses."""
_NARROW = re.compile(f"[^{_WIDE_BLOCKS}]+")


def width(text: str) -> int:
    """Display width: CJK and full-width characters count 2.

    Counted as twice the length less the narrow characters, found in runs: report text is mostly
    wide, so there are few runs to count, where matching each wide character was one match each."""
    s = text.strip()
    return 2 * len(s) - sum(map(len, _NARROW.findall(s)))


def find_heading(line: str, headings: LabelSet, expected: Sequence[str] = ()) -> Match | None:
    """The section heading ``line`` is, if it is one (the whole line, tolerant of spaces and variants).

    Beyond the official wording and its known variants, a heading in other words is accepted for
    the sections in ``expected`` (those that may come next): it must carry the section's numeral
    (``五、``) and read mostly like the official heading (``五、存在的主要问题及整改措施``).
    """
    if len(line) > 3 * MAX_HEADING or len(squash(line)) > MAX_HEADING:
        return None
    m = headings.match(line)
    if m is not None:
        return m
    if not expected:
        return None
    n = norm(line)
    if _SENTENCE_STOP.search(n):
        return None
    for official in expected:
        o, numeral = _numbered(official)
        if numeral is None or not n.startswith(numeral):
            continue
        rest, official_rest = n[len(numeral):], o[len(numeral):]
        if len(rest) >= 4 and difflib.SequenceMatcher(None, rest, official_rest).ratio() >= SIMILAR_HEADING:
            return Match(official, "similar")
    return None


_SENTENCE_STOP = re.compile(r"[。；;]")


@lru_cache(maxsize=64)
def _numbered(official: str) -> tuple[str, str | None]:
    """An official heading's normalised form and its numeral (``五、``)."""
    o = norm(official)
    return o, numbering(o)


SIMILAR_HEADING = 0.6
"""How alike (difflib ratio) a numbered line must be to an expected heading to be read as it."""


def split_inline_headings(lines: list[Line], headings: LabelSet) -> list[Line]:
    """Lines cut at each section heading, for text where the headings run on inside a line (crawled pages).

    Used only when no heading stands on a line of its own.  Headings are searched in order, each
    after the previous, so the list of parts in an opening paragraph (总体情况、主动公开…) is not cut;
    a heading that is not found does not stop the search for the ones after it.
    """
    wanted = [variant_forms(h) for h in headings.officials]
    out: list[Line] = []
    k = 0
    for line in _join_split_headings(lines, wanted):
        text = line.text
        pieces: list[str] = []
        cut = 0  # where the rest of the line starts, in ``text`` and in its squashed form ``s``
        if k < len(wanted):
            s, index = squash_map(text)
            at = 0
        while k < len(wanted):
            found = _first_heading(s, index, at, wanted[k:])
            if found is None:
                break
            step, pos, end = found
            if text[cut:pos].strip():
                pieces.append(text[cut:pos])
            pieces.append(text[pos:end])
            cut = end
            at = bisect.bisect_left(index, end)
            k += step + 1
        if text[cut:].strip():
            pieces.append(text[cut:])
        for n, piece in enumerate(pieces):
            out.append(Line(piece.strip(), line.where if len(pieces) == 1 else f"{line.where} part {n + 1}"))
    return out


def _join_split_headings(lines: list[Line], wanted: list[tuple[str, ...]]) -> list[Line]:
    """Lines joined where a heading runs from the end of one into the start of the next.

    Why: a PDF gives a paragraph as its printed lines, and a heading run into the paragraph
    (``…略。四、政府信息公开行政复`` / ``议、行政诉讼情况``) is then cut by the line break.
    """
    reach = 2 * max((len(form) for forms in wanted for form in forms), default=0)
    out: list[Line] = []
    for line in lines:
        if out and _straddles(out[-1].text[-reach:], line.text[:reach], wanted):
            out[-1] = Line(out[-1].text + line.text, out[-1].where)
        else:
            out.append(line)
    return out


def _straddles(tail: str, head: str, wanted: list[tuple[str, ...]]) -> bool:
    """Whether a heading of ``wanted`` begins in ``tail`` and ends in ``head``."""
    s, _ = squash_map(tail + head)
    boundary = len(squash_map(tail)[0])
    for forms in wanted:
        for form in forms:
            start = s.find(form, max(0, boundary - len(form) + 1))
            if 0 <= start < boundary:
                return True
    return False


def _first_heading(s: str, index: Positions, at: int, wanted: list[tuple[str, ...]]) -> tuple[int, int, int] | None:
    """(index in ``wanted``, start, end) of the earliest heading of ``wanted`` printed in ``s`` from ``at``.

    ``s`` is a line squashed by :func:`squash_map` and ``index`` its map: start and end are positions in the line."""
    best: tuple[int, int, int] | None = None
    for step, forms in enumerate(wanted):
        for form in forms:
            found = s.find(form, at)
            if found < 0 or (best is not None and index[found] >= best[1]):
                continue
            end = found + len(form)
            best = (step, index[found], index[end - 1] + 1)
    return best


@attrs.frozen
class Wrap:
    """Whether the text is hard-wrapped, and at what width."""

    wrapped: bool
    typical: int


def wrap_of(lines: list[str]) -> Wrap:
    """Hard-wrapped text has one line width far more common than any other (PDF extraction)."""
    widths = Counter(w for line in lines if (w := width(line)) >= 20)
    if widths.total() < 8:
        return Wrap(False, 0)
    best, count = 0, 0
    for w in sorted(widths):
        near = sum(widths[x] for x in range(w - 3, w + 4) if x in widths)
        if near > count or (near == count and w > best):
            best, count = w, near
    return Wrap(count >= widths.total() * 0.4 and best <= 200, best + 3)


PAGE_NUMBER = re.compile(r"^\s*([-—－]\s*\d{1,3}\s*[-—－]|第\s*\d{1,3}\s*页(\s*[/，,]?\s*共\s*\d{1,3}\s*页)?)\s*$")


def join_paragraphs(lines: list[str], wrap: Wrap) -> list[str]:
    """Paragraphs from lines: each line is one, unless the text is hard-wrapped (then lines are re-joined).

    Page numbers (``-3-``, ``第 3 页``) are page furniture, not text, and are dropped.
    """
    lines = [line for line in lines if not PAGE_NUMBER.match(line)]
    if not wrap.wrapped:
        return [line.strip() for line in lines if line.strip()]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        s = line.strip()
        if not s:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and _MARKER.match(s):
            paragraphs.append(current)
            current = ""
        current += s
        full = width(line) >= wrap.typical - 8
        if s.endswith(_TERMINAL) and not full:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def is_subheading(text: str) -> bool:
    s = text.strip()
    return bool(_MARKER.match(s)) and len(s) <= MAX_HEADING and not re.search(r"[。！？；，,;]", s)


def make_blocks(paragraphs: list[str]) -> tuple[Block, ...]:
    return tuple(Block(p, BlockKind.HEADING if is_subheading(p) else BlockKind.PARAGRAPH) for p in paragraphs)


def make_section(heading: str, paragraphs: list[str]) -> Section:
    return Section(heading=heading, blocks=make_blocks(paragraphs))
