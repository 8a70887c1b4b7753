"""Tolerant, but never loose, matching of printed labels against the taxonomy's official wording.

Why: published reports print the official labels with layout noise (full-width/half-width forms,
line breaks inside cells, ``1、`` for ``1.``, straight for curly quotes, trailing colons) and with a
handful of known variants (typos, abbreviations).  Everything here compares *normalised* forms, so
noise never matters; known variants are data beside the declaration
(:mod:`disclosure_schema.taxonomy.variants`), applied here in one place; a label printed without
its ordinal (``予以公开`` for ``（一）予以公开``) is matched when exactly one official label has that
wording; anything else that does not match is reported by the caller, never guessed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, repeat

import attrs

from disclosure_schema.taxonomy.variants import FRAGMENT_VARIANTS, LABEL_VARIANTS

__all__ = ["VARIANTS", "LabelSet", "Match", "Positions", "match_label", "norm", "numbering", "squash", "squash_map",
           "strip_numbering", "variant_forms"]

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u300c": '"', "\u300d": '"',
                         "\u3001": ","})
"""Curly and corner quotes as straight ones, and 、 as a comma: crawled and converted text prints
ASCII commas where the format has 、 (``逾期不补正, 行政机关不再处理``)."""
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(\d+)[、,.]")
_TRAILING = ".,:;。，：；、"


@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """NFKC, straight quotes, 、 as a comma and no whitespace at all: the form in which layout noise is gone.

    Cached: the same lines and labels are compared at several stages of one reading."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("\u00a0", " "))


_SQUASHED: dict[str, str] = {}
"""Each character seen so far and its squashed form (``""`` for whitespace, ``(一)`` for ``㈠``)."""
MAX_REMEMBERED = 100_000
"""Distinct characters remembered; a hostile text may hold many more, and then the memory starts over."""
_UNSURE = re.compile("[^!-~\u3002\u4e00-\u9fff]+")
"""Runs of characters that squashing may change: all but printable ASCII, 。 and the CJK Unified
Ideographs, which no step of :func:`squash` touches (no whitespace, no compatibility decomposition);
tests/test_readers_squash.py checks every one of them."""


@lru_cache(maxsize=256)
def _runs_of(chars: str) -> re.Pattern[str]:
    """Runs of any of ``chars`` (the characters a text loses when squashed)."""
    return re.compile("[" + "".join(map(re.escape, chars)) + "]+")


class Positions:
    """For each character of a squashed text, its position in the text it was squashed from.

    Where squashing only dropped characters (and changed others one for one), the positions are
    kept as the runs dropped, not as a list of one integer per character: a position is found by
    bisection over the runs."""

    def __init__(self, length: int, dropped: list[tuple[int, int]], table: list[int] | None = None) -> None:
        self._length = length
        self._table = table
        self._starts: list[int] = []  # squashed position of the first character after each dropped run
        self._shifts: list[int] = []  # characters dropped up to there
        gone = 0
        for start, end in dropped:
            gone += end - start
            self._starts.append(end - gone)
            self._shifts.append(gone)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, pos: int) -> int:
        if pos < 0:
            pos += self._length
        if not 0 <= pos < self._length:
            raise IndexError(pos)
        if self._table is not None:
            return self._table[pos]
        k = bisect.bisect_right(self._starts, pos)
        return pos + self._shifts[k - 1] if k else pos


def squash_map(text: str) -> tuple[str, Positions]:
    """``text`` squashed character by character, and for each squashed character its position in ``text``.

    Why: labels are searched in the squashed text and found again in the source by position.  The
    same as ``"".join(squash(ch) for ch in text)`` with the positions kept, but without a Python step
    per character (a report's text is tens of thousands of characters, squashed several times per
    report): each distinct character that squashing may change is squashed once; where every change
    is one character for one (``，`` for ``,``) or none (whitespace), the changes are made by
    :meth:`str.replace` and the positions kept as the runs of dropped characters.
    """
    if len(_SQUASHED) > MAX_REMEMBERED:
        _SQUASHED.clear()
    distinct = set("".join(_UNSURE.findall(text)))
    for ch in distinct.difference(_SQUASHED):
        _SQUASHED[ch] = squash(ch)
    changed = sorted(ch for ch in distinct if _SQUASHED[ch] != ch)
    if all(len(new := _SQUASHED[ch]) == 0 or (len(new) == 1 and squash(new) == new) for ch in changed):
        squashed = text
        for ch in changed:  # no replacement is itself changed, so the order does not matter
            squashed = squashed.replace(ch, _SQUASHED[ch])
        dropped = "".join(ch for ch in changed if not _SQUASHED[ch])
        runs = [run.span() for run in _runs_of(dropped).finditer(text)] if dropped else []
        return squashed, Positions(len(squashed), runs)
    forms = [_SQUASHED.get(ch, ch) for ch in text]  # a character not remembered is one squashing keeps
    table = list(chain.from_iterable(map(repeat, range(len(text)), map(len, forms))))
    return "".join(forms), Positions(len(table), [], table)


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """The comparable form of a label: :func:`squash`, ``1、`` as ``1.``, no trailing punctuation."""
    s = _NUMBERING.sub(r"\1.", squash(text))
    return s.rstrip(_TRAILING)


MEMO_SIZE = 4096
"""Printed labels remembered per label set (labels repeat across the rows and files of a batch)."""
MIN_UNNUMBERED = 4
"""A label printed without its ordinal is matched only when at least this many characters remain
(``总计`` or ``其他`` alone are ordinary words, not a row)."""


#: :data:`~disclosure_schema.taxonomy.variants.FRAGMENT_VARIANTS` in normalised form, longest first.
VARIANTS: tuple[tuple[str, str], ...] = tuple(
    sorted(((norm(v.printed), norm(v.official)) for v in FRAGMENT_VARIANTS), key=lambda pair: -len(pair[0]))
)


def apply_variants(normalised: str) -> str:
    """``normalised`` with every known fragment variant replaced by its official wording."""
    for variant, official in VARIANTS:
        if variant in normalised:
            normalised = normalised.replace(variant, official)
    return normalised


def variant_forms(official: str) -> tuple[str, ...]:
    """The normalised forms in which ``official`` may be printed: as is, and with each known fragment
    variant in place of the official fragment (used where labels are *searched* in running text)."""
    n = norm(official)
    forms = [n]
    for variant, fragment in VARIANTS:
        if fragment in n:
            forms.append(n.replace(fragment, variant))
    return tuple(dict.fromkeys(forms))


def numbering(normalised: str) -> str | None:
    """The item number a normalised label starts with (``1.``, ``(三)``, ``一、``), if any."""
    m = _ORDINAL.match(normalised)
    return m.group(1) if m else None


_ORDINAL = re.compile(r"^(\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、,])")


def strip_numbering(normalised: str) -> str:
    """A normalised label without its leading item number (``(一)予以公开`` -> ``予以公开``)."""
    return _ORDINAL.sub("", normalised, count=1)


@attrs.frozen
class Match:
    """A printed label identified as one official label, and how."""

    official: str
    """The official wording (as in the taxonomy)."""
    how: str
    """``exact`` (same text), ``layout`` (only line breaks differ), ``normalised`` (width, numbering,
    quotes, spaces or punctuation), ``unnumbered`` (printed without its ordinal), ``variant`` (a known
    variant), ``abbreviated`` (a shortened label)."""


def _how_exact(printed: str, official: str) -> str:
    if printed.strip() == official:
        return "exact"
    if re.sub(r"[\r\n]+\s*", "", printed.strip()) == official:
        return "layout"
    return "normalised"


class LabelSet:
    """A fixed set of official labels, normalised once, to match printed labels against."""

    def __init__(self, officials: Iterable[str], *, edition: str | None = None) -> None:
        self.officials = tuple(dict.fromkeys(officials))
        self._memo: dict[tuple[str, bool, bool], Match | None] = {}
        self.table = {norm(c): c for c in self.officials}
        #: Whole-label variants of ``edition`` whose official label is in this set.
        self.whole = {norm(v.printed): v.official for v in LABEL_VARIANTS
                      if v.edition == edition and v.official in self.officials and norm(v.printed) not in self.table}
        bare: dict[str, list[str]] = {}
        for key, official in self.table.items():
            stripped = strip_numbering(key)
            if stripped != key and len(stripped) >= 2 and stripped not in self.table:
                bare.setdefault(stripped, []).append(official)
        unique = {k: v[0] for k, v in bare.items() if len(v) == 1}
        #: Labels printed without their ordinal: only those that stand for exactly one official label.
        self.bare = {k: v for k, v in unique.items() if len(k) >= MIN_UNNUMBERED}
        #: The same for short labels (``其他``, ``总计``), used only where the caller knows the group.
        self.bare_short = unique

    def __contains__(self, official: object) -> bool:
        return official in self.officials

    def match(self, printed: str, *, abbreviations: bool = False, short: bool = False) -> Match | None:
        """The one official label that ``printed`` stands for, or ``None`` (see :func:`match_label`).

        ``short`` also accepts a short label printed without its ordinal (``其他``, ``总计``): only where the
        caller knows the group and the cell is a row's label (its first cell), since the same words head
        columns."""
        key = (printed, abbreviations, short)
        if key in self._memo:
            return self._memo[key]
        if len(self._memo) > MEMO_SIZE:
            self._memo.clear()
        found = self._memo[key] = self._match(printed, abbreviations, short)
        return found

    def _match(self, printed: str, abbreviations: bool, short: bool) -> Match | None:
        n = norm(printed)
        if not n:
            return None
        table = self.table
        if n in table:
            return Match(table[n], _how_exact(printed, table[n]))
        v = apply_variants(n)
        if v != n and v in table:
            return Match(table[v], "variant")
        if v in self.whole:
            return Match(self.whole[v], "variant")
        if numbering(v) is None and v in self.bare:
            return Match(self.bare[v], "unnumbered")
        if not abbreviations:
            return None
        if short and numbering(v) is None and v in self.bare_short:
            return Match(self.bare_short[v], "unnumbered")
        shortened = [c for k, c in table.items()
                     if (k.startswith(v + "(") or strip_numbering(k).startswith(v + "(")) and len(v) >= 3]
        if len(shortened) == 1:
            return Match(shortened[0], "abbreviated")
        number = numbering(v)
        if number is None or not number[0].isdigit():
            return None
        rest = v[len(number):]
        if len(rest) < 4:
            return None
        same = [c for k, c in table.items() if numbering(k) == number and all(ch in k[len(number):] for ch in rest)]
        if len(same) == 1:
            return Match(same[0], "abbreviated")
        return None

    def prefix_of(self, printed: str) -> list[str]:
        """Official labels that the printed text begins (a label split over cells or lines)."""
        n = norm(printed)
        if len(n) < 2:
            return []
        return [c for k, c in self.table.items() if k.startswith(n) and k != n]


def match_label(printed: str, candidates: Iterable[str], *, abbreviations: bool = False) -> Match | None:
    """The one official label among ``candidates`` that ``printed`` stands for, or ``None``.

    Exact normalised equality first, then the known variants.  With ``abbreviations`` (used only
    where the caller knows the row's group), two further, documented forms are accepted when they
    point at exactly one candidate: the label without its parenthetical remark (``（二）部分公开``),
    and a label with the same item number (``1.``, not a group's ``（二）``) and at least four further
    characters, every one of which occurs in the official one (``1.逾期不补正``).  Anything else is
    no match.
    """
    return LabelSet(candidates).match(printed, abbreviations=abbreviations)
