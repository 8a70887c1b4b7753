"""Copied-text check (``text-check``): rapidfuzz against difflib, on a province's worth of sections.

What is measured: :func:`disclosure_schema.copying.repetition` (rapidfuzz's
``fuzz.ratio`` through ``process.extractOne``) on ``--pairs`` pairs of sections
of about 25 sentences each.  Baseline in the same run: the same comparison with
the standard library's :class:`difflib.SequenceMatcher` (length bound,
``real_quick_ratio`` and ``quick_ratio`` filters, then ``ratio``), the
implementation rapidfuzz replaced.  Sentences come from the shipped examples'
sections and are recombined, so pairs share many sentences and near-sentences,
as a body's two years do.  The script also counts where the two disagree:
difflib's ratio counts the matching blocks its heuristic finds, a lower bound of
the exact measure rapidfuzz computes, so rapidfuzz may find more near-sentences,
never fewer.
"""

from __future__ import annotations

import argparse
import random
import time
from difflib import SequenceMatcher

from common import ROOT, machine, table

import disclosure_schema as ds
from disclosure_schema.copying import SIMILAR, repetition, sentences


def difflib_repeated(this: str, last: str) -> tuple[str, ...]:
    now, before = sentences(this), sentences(last)
    exact = set(before)
    found = []
    matcher = SequenceMatcher(None, autojunk=False)
    for sentence in now:
        if sentence in exact:
            found.append(sentence)
            continue
        matcher.set_seq2(sentence)
        for other in before:
            shorter, longer = sorted((len(sentence), len(other)))
            if shorter < SIMILAR * longer:
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
                found.append(sentence)
                break
    return tuple(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=2000, help="section pairs (a province: a few thousand bodies)")
    args = parser.parse_args()
    pool = []
    for name in ("huaian-2024.json", "beifeng-2020.json"):
        for section in ds.load(ROOT / "examples" / name).sections.values():
            for block in section.blocks:
                pool.extend(sentences(block.text))
    rng = random.Random(13)

    def mutate(sentence: str) -> str:  # a changed figure or word: a near-sentence
        i = rng.randrange(len(sentence))
        return sentence[:i] + rng.choice("一二三四五六七八九十") + sentence[i + 1 :]

    pairs = []
    for _ in range(args.pairs):
        last = rng.sample(pool, 25)
        this = [mutate(s) if rng.random() < 0.3 else s for s in rng.sample(last, 10)] + rng.sample(pool, 15)
        pairs.append(("".join(this), "".join(last)))
    print(machine())
    started = time.perf_counter()
    ours = [repetition(a, b).repeated for a, b in pairs]
    fast = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [difflib_repeated(a, b) for a, b in pairs]
    slow = time.perf_counter() - started
    rows = [
        ("implementation", "total s", "ms/pair", "ratio"),
        ("rapidfuzz (copying.repetition)", f"{fast:.2f}", f"{1000 * fast / len(pairs):.2f}", "1.0"),
        ("difflib baseline", f"{slow:.2f}", f"{1000 * slow / len(pairs):.2f}", f"{slow / fast:.1f}"),
    ]
    print(table(rows))
    same = sum(1 for a, b in zip(ours, theirs, strict=True) if a == b)
    more = sum(len(set(a) - set(b)) for a, b in zip(ours, theirs, strict=True))
    fewer = sum(len(set(b) - set(a)) for a, b in zip(ours, theirs, strict=True))
    print(f"same repeated sentences in {same} of {len(pairs)} pairs; rapidfuzz finds {more} more and {fewer} fewer")
    print("(difflib's ratio counts the matching blocks its heuristic finds, a lower bound of the exact LCS measure)")


if __name__ == "__main__":
    main()
