"""Generated reports that satisfy every relation (R1-R4), for the benchmarks.

Detail cells are drawn at random; :func:`disclosure_schema.fill_totals` computes
the 总计 cells (R2, R3, R4); 二、上年结转 is then chosen so that R1 holds in every
column.  Cells are found through the taxonomy, never named by label.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

import disclosure_schema as ds
from disclosure_schema.model import Block, Period, Section
from disclosure_schema.taxonomy import Kind
from disclosure_schema.taxonomy.common import CARRIED_FORWARD, CARRIED_OVER, RECEIVED, RESULTS, RESULTS_TOTAL


def make_report(rng: random.Random, edition: str = "2021", year: int = 2024, *, sections: bool = True) -> ds.Report:
    """A report of ``edition`` for ``year`` with random figures and no error-level finding."""
    spec = ds.EDITIONS[edition]
    changes: dict[str, ds.Value] = {}
    for cell in spec.table("proactive_disclosure").cells:
        if cell.kind is Kind.MONEY:
            changes[cell.pointer] = Decimal(rng.randrange(0, 10**8)) / 10 ** rng.choice((0, 2, 6))
        elif cell.kind is Kind.SIGNED_COUNT:
            changes[cell.pointer] = rng.randint(-20, 40)
        else:
            changes[cell.pointer] = rng.randint(0, 400)
    requests = spec.table("requests")
    total_column = requests.rows[0].columns[-1].key
    for cell in requests.cells:
        if cell.column.key == total_column or cell.row.key in (RECEIVED.key, CARRIED_OVER.key):
            continue
        if cell.row.key == f"{RESULTS.key}/{RESULTS_TOTAL.key}":
            continue
        changes[cell.pointer] = rng.choice((0, 0, 0, rng.randint(0, 30)))
    for cell in spec.table("review_and_litigation").cells:
        changes[cell.pointer] = rng.randint(0, 6)
    envelope = {"issuer": f"示例机关{rng.randrange(10**6)}", "statistics_period": Period(dt.date(year, 1, 1), dt.date(year, 12, 31))}
    if sections:
        envelope["sections"] = {
            s.key: Section(blocks=(Block("示例文字。" * rng.randint(1, 20)),)) for s in spec.sections if s.table is None
        }
    report = ds.fill_totals(ds.Report.empty(edition, year, **envelope).with_cells(changes))
    # R1: received + carried over = handled + carried forward, column by column.
    r1: dict[str, ds.Value] = {}
    for column in requests.rows[0].columns:
        if column.key == total_column:
            continue
        handled = report.requests.get(f"{RESULTS.key}/{RESULTS_TOTAL.key}", column.key) or 0
        forward = report.requests.get(CARRIED_FORWARD.key, column.key) or 0
        over = rng.randint(0, min(int(handled) + int(forward), 10))
        r1[requests.cell(CARRIED_OVER.key, column.key).pointer] = over
        r1[requests.cell(RECEIVED.key, column.key).pointer] = int(handled) + int(forward) - over
    return ds.fill_totals(report.with_cells(r1))


def write_reports(directory: Path, count: int, *, seed: int = 1, distinct: int = 200) -> None:
    """``count`` small report files (compact JSON, no text sections) in folders of 1000.

    ``distinct`` different reports are generated and written in turn: generating is
    not what is measured, and every file is still read, parsed and checked in full.
    """
    rng = random.Random(seed)
    texts = []
    for i in range(min(distinct, count)):
        edition, year = ("2019", 2020) if i % 4 == 0 else ("2021", 2024)
        data = ds.unstructure_report(make_report(rng, edition, year, sections=False))
        texts.append(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    folder = directory
    for i in range(count):
        if i % 1000 == 0:
            folder = directory / f"{i // 1000:04d}"
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"r{i:06d}.json").write_bytes(texts[i % len(texts)])


def report_texts(count: int, *, seed: int = 1, sections: bool = True) -> list[str]:
    """The canonical JSON of ``count`` generated reports, both editions (one in four is 2019's)."""
    rng = random.Random(seed)
    return [
        ds.dumps(make_report(rng, *(("2019", 2020) if i % 4 == 0 else ("2021", 2024)), sections=sections))
        for i in range(count)
    ]
