"""Characters into words and lines, and the clean-up of the text a PDF gives.

Why this assembly: the reader used pdfplumber's ``extract_text`` (for a table cell) and
``extract_text_lines`` (for running text); these functions do the same, on :class:`~.pdf_page.Char`
from any source, so that the text of every line and cell reads as it always has.  The rules, with
pdfplumber's default tolerances of 3 points:

* characters are taken in runs of the same orientation, in content order; a run's characters are
  grouped into lines by their ``top`` (values within 3 points of the previous one join its line) and
  ordered left to right (text turned sideways: lines by ``x0``, top to bottom);
* a space character ends a word, and so does a gap of more than 3 points, a step back, or a change
  of more than 3 points in ``top``;
* words are grouped into lines by their ``top`` again; a line is its words joined by one space.

Then :func:`tidy` removes the spaces a PDF shows in justified CJK text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .pdf_page import Char

__all__ = ["PAGE_NUMBER", "cell_text", "join_wrapped", "text_lines", "tidy"]

_TOLERANCE = 3.0
PAGE_NUMBER = re.compile(r"^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$")
"""Page numbers as printed (``-3-``, ``— 3 —``, ``第3页 共6页``): pagination, not content."""


class _Word(NamedTuple):
    text: str
    top: float


def _cluster_ids(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each distinct value's cluster: sorted values within ``tolerance`` of the previous one share one."""
    ids: dict[float, int] = {}
    last: float | None = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def _words(chars: Sequence[Char]) -> list[_Word]:
    words: list[_Word] = []
    for upright, run in itertools.groupby(chars, key=lambda c: c.upright):
        group = list(run)
        ids = _cluster_ids((c.top if upright else c.x0 for c in group), _TOLERANCE)
        if len(ids) == 1:  # one line (most table cells): no regrouping needed
            lines: list[list[Char]] = [group]
        else:
            by_line = sorted(group, key=lambda c: ids[c.top if upright else c.x0])
            lines = [list(x) for _, x in itertools.groupby(by_line, key=lambda c: ids[c.top if upright else c.x0])]
        for line in lines:
            ordered = sorted(line, key=lambda c: c.x0) if upright else sorted(line, key=lambda c: (c.top, c.bottom))
            current: list[Char] = []
            for char in ordered:
                if char.text.isspace():
                    _flush(current, words)
                    current = []
                elif current and _new_word(current[-1], char, upright):
                    _flush(current, words)
                    current = [char]
                else:
                    current.append(char)
            _flush(current, words)
    return words


def _new_word(prev: Char, char: Char, upright: bool) -> bool:
    if upright:
        return char.x0 < prev.x0 or char.x0 > prev.x1 + _TOLERANCE or abs(char.top - prev.top) > _TOLERANCE
    return char.top < prev.top or char.top > prev.bottom + _TOLERANCE or abs(char.x0 - prev.x0) > _TOLERANCE


def _flush(chars: list[Char], words: list[_Word]) -> None:
    if chars:
        words.append(_Word("".join(c.text for c in chars), min(c.top for c in chars)))


def cell_text(chars: Sequence[Char]) -> str:
    """The text of a table cell's characters, a line per printed line (pdfplumber's ``extract_text``)."""
    if len(chars) == 1:  # a cell of one digit, the most common cell of all
        return "" if chars[0].text.isspace() else chars[0].text
    words = _words(chars)
    ids = _cluster_ids((w.top for w in words), _TOLERANCE)
    ordered = sorted(words, key=lambda w: ids[w.top])
    return "\n".join(" ".join(w.text for w in line) for _, line in itertools.groupby(ordered, key=lambda w: ids[w.top]))


def text_lines(chars: Sequence[Char]) -> list[tuple[float, str]]:
    """Running text as ``(top, text)`` lines in reading order (pdfplumber's ``extract_text_lines``)."""
    words = _words(chars)
    ids = _cluster_ids((w.top for w in words), _TOLERANCE)
    lines: list[tuple[float, str]] = []
    for _, run in itertools.groupby(words, key=lambda w: ids[w.top]):
        line = list(run)
        lines.append((min(w.top for w in line), " ".join(w.text for w in line)))
    return lines


# -- clean-up -----------------------------------------------------------------------------------------


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


_SPACED = re.compile(r"(?<=\S)[ \t\u3000]+(?=\S)")


def _wide_punctuation(char: str) -> bool:
    return _wide(char) and unicodedata.category(char).startswith("P")


def tidy(text: str) -> str:
    """Strip, and drop the spaces a PDF shows in justified CJK text (gaps, not content).

    A run of spaces goes between two CJK characters (``结 果``) and next to full-width punctuation
    (``邮编： 223100 ，``); it stays, as one space, between a CJK character and a Latin word or number
    (``2024 年``), where the original may well have had one.
    """
    text = text.strip()

    def replace(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1], text[match.end()]
        gap = (_wide(before) and _wide(after)) or _wide_punctuation(before) or _wide_punctuation(after)
        return "" if gap else " "

    return _SPACED.sub(replace, text)


def join_wrapped(lines: Iterable[str]) -> str:
    """Lines of one cell as one text: CJK runs on without a space, Latin words get one."""
    joined = ""
    for line in lines:
        line = tidy(line)
        if not line:
            continue
        if joined and joined[-1].isascii() and joined[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            joined += " "
        joined += line
    return joined
