"""Real published reports (tests/corpus/ and ../shared/reference): no cell read wrong, every verdict right.

The fidelity numbers over the whole corpus (share of cells recovered, reading time) are measured by
``benchmarks/bench_fidelity.py``; here each report must hold the two promises a reviewer relies on:
a figure the reader gives is the figure the report prints, and ``validate`` never calls a report
invalid (or valid) against what the report itself prints.
"""

from __future__ import annotations

import pytest
from corpus_tools import CORPUS as CORPUS_FOLDER
from corpus_tools import CORPUS_CELLS, Entry, entries, score, verdict

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


def test_the_corpus_folder_holds_only_published_reports() -> None:
    """Every file a directory walk would take from ``tests/corpus`` is a report with hand-read cells.

    A ``.json`` or ``.md`` that is not a published report (a cells file, the sources notes) would be
    taken by ``disclosure-schema validate tests/corpus`` and called an invalid report.
    """
    from disclosure_schema.validation import readable_suffixes

    suffixes = readable_suffixes()
    walked = {path.name for path in CORPUS_FOLDER.iterdir() if path.suffix.lower() in suffixes}
    with_cells = {e.source.name for e in CORPUS if e.source.parent == CORPUS_FOLDER}
    assert walked == with_cells
    cells = {path.name[: -len(".cells.json")] for path in CORPUS_CELLS.glob("*.cells.json")}
    assert {name.rsplit(".", 1)[0] for name in with_cells} == cells
