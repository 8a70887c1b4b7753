"""Real published reports (tests/corpus/ and ../shared/reference): no cell read wrong, every verdict right.

The fidelity numbers over the whole corpus (share of cells recovered, reading time) are measured by
``benchmarks/bench_fidelity.py``; here each report must hold the two promises a reviewer relies on:
a figure the reader gives is the figure the report prints, and ``validate`` never calls a report
invalid (or valid) against what the report itself prints.
"""

from __future__ import annotations

import pytest
from corpus_tools import Entry, entries, score, verdict

from disclosure_schema.sources import read_report

CORPUS = list(entries())


@pytest.mark.parametrize("entry", CORPUS, ids=[e.name for e in CORPUS])
def test_no_cell_is_read_wrong(entry: Entry) -> None:
    result = score(read_report(entry.source).report, entry.truth())
    assert result.wrong == 0, result.wrong_cells
    assert result.expected > 0


@pytest.mark.parametrize("entry", [e for e in CORPUS if "expected" in e.truth()],
                         ids=[e.name for e in CORPUS if "expected" in e.truth()])
def test_the_verdict_is_right(entry: Entry) -> None:
    assert verdict(read_report(entry.source).report) == entry.truth()["expected"]["verdict"]


def test_the_corpus_is_there() -> None:
    own = [e for e in CORPUS if "tests/corpus" in str(e.source)]
    assert len(own) >= 30
