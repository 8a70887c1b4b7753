"""Text repeated from last year's report, and an overview longer than the notice allows.

Both notices forbid a section 五 that repeats itself year after year ("不得出现敷衍了事
甚至年年雷同现象", 国办公开办函〔2019〕60号 and 〔2021〕30号, 一（五）), and the 2021
notice limits 一、总体情况 ("篇幅原则上不超过一千字", 〔2021〕30号 一（一）).

How repetition is measured: each section's text is cut into sentences (at 。！？；
and line ends), compared after NFKC and with white space removed; a sentence of
this year counts as repeated when last year's same section has the same sentence
or one at least :data:`SIMILAR` alike (the normalised Indel similarity
``2·LCS / (len a + len b)`` of ``rapidfuzz.fuzz.ratio``, the measure
:class:`difflib.SequenceMatcher` approximates; so a sentence whose year or one
figure was changed still counts).  rapidfuzz (the ``review`` extra) does this in C:
on a province's worth of reports it is several times faster than difflib
(``benchmarks/bench_copying.py``).  Sentences shorter
than :data:`MIN_SENTENCE` characters (sub-headings such as （一）主动公开) are not
counted.  The share is the repeated sentences' characters over all counted
characters.  At or above :data:`THRESHOLD` (half the section) it is a warning:
half a section carried over unchanged is what 年年雷同 means in practice, while a
few shared stock phrases (a sentence or two of a typical ten) stay well below it.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from .bodies import same_body
from .model import Report
from .taxonomy import Level
from .taxonomy.common import OVERVIEW, PROBLEMS
from .violations import Violation

THRESHOLD = 0.5
"""Share of a section's text repeated from last year at which a warning is given."""
SIMILAR = 0.9
"""Two sentences this alike (0-1) count as the same sentence."""
MIN_SENTENCE = 10
"""Sentences shorter than this (characters, no white space) are not counted."""
OVERVIEW_LIMIT = 1000
"""〔2021〕30号: 一、总体情况 "篇幅原则上不超过一千字" (characters, white space not counted)."""
SECTIONS = (PROBLEMS.key, OVERVIEW.key)
"""The sections compared: 五 (what the notices name) and 一."""

_BREAK = re.compile(r"(?<=[。！？；!?;])|\n")
_SPACE = re.compile(r"\s+")


def section_text(report: Report, key: str) -> str:
    """A section's text, its blocks joined by line ends; ``""`` when the report omits it."""
    section = report.sections.get(key)
    return "\n".join(block.text for block in section.blocks) if section else ""


def sentences(text: str) -> list[str]:
    """The counted sentences of ``text``, normalised (NFKC, no white space)."""
    found = []
    for piece in _BREAK.split(text):
        normal = _SPACE.sub("", unicodedata.normalize("NFKC", piece))
        if len(normal) >= MIN_SENTENCE:
            found.append(normal)
    return found


@attrs.frozen
class Repetition:
    """How much of one section of this year's report repeats last year's."""

    section: str
    share: float
    """Repeated characters over counted characters, 0 to 1."""
    repeated: tuple[str, ...]
    """This year's sentences found in last year's section, in order."""
    counted: int
    """How many sentences this year's section has (counted ones)."""

    @property
    def warned(self) -> bool:
        return self.counted > 0 and self.share >= THRESHOLD


def repetition(this_text: str, last_text: str, section: str = "") -> Repetition:
    """The share of ``this_text`` repeated from ``last_text``, with the repeated sentences."""
    now = sentences(this_text)
    before = sentences(last_text)
    exact = set(before)
    repeated = []
    for sentence in now:
        if sentence in exact or _similar(sentence, before):
            repeated.append(sentence)
    total = sum(len(s) for s in now)
    share = sum(len(s) for s in repeated) / total if total else 0.0
    return Repetition(section, share, tuple(repeated), len(now))


class SimilarityUnavailable(RuntimeError):
    """rapidfuzz is not installed; the message names the extra that installs it."""


def _similar(sentence: str, candidates: list[str]) -> bool:
    if not candidates:
        return False
    try:
        from rapidfuzz import fuzz, process
    except ImportError as exc:
        raise SimilarityUnavailable(
            "比较文字需要 rapidfuzz：pip install 'disclosure-schema[review]' "
            "(comparing text needs rapidfuzz: pip install 'disclosure-schema[review]')"
        ) from exc
    return process.extractOne(sentence, candidates, scorer=fuzz.ratio, score_cutoff=SIMILAR * 100) is not None


def text_findings(report: Report, previous: Report | None = None) -> list[Violation]:
    """Warnings: sections 五 and 一 repeated from ``previous`` (last year's report of the same
    body, consecutive year) at or above :data:`THRESHOLD`, and a 2021-edition overview over
    :data:`OVERVIEW_LIMIT` characters.  ``previous`` of another body or year is ignored."""
    found: list[Violation] = []
    if report.edition == "2021":
        length = len(_SPACE.sub("", section_text(report, OVERVIEW.key)))
        if length > OVERVIEW_LIMIT:
            found.append(
                Violation(
                    "text.overview_too_long",
                    Level.WARNING,
                    f"/sections/{OVERVIEW.key}",
                    reported=length,
                    params={"heading": OVERVIEW.heading, "limit": OVERVIEW_LIMIT},
                )
            )
    if previous is None or previous.year != report.year - 1 or same_body(report.issuer, previous.issuer) is False:
        return found
    headings = {section.key: section.heading for section in report.spec.sections}
    for key in SECTIONS:
        result = repetition(section_text(report, key), section_text(previous, key), key)
        if result.warned:
            found.append(
                Violation(
                    "text.repeated_from_previous",
                    Level.WARNING,
                    f"/sections/{key}",
                    reported=f"{result.share:.0%}",
                    params={
                        "heading": headings.get(key, key),
                        "share": f"{result.share:.0%}",
                        "threshold": f"{THRESHOLD:.0%}",
                        "repeated": len(result.repeated),
                        "counted": result.counted,
                        "previous_year": previous.year,
                        "sentences": result.repeated,
                    },
                )
            )
    return found
