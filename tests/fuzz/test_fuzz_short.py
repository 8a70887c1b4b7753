"""A short run of the fuzz campaign (``benchmarks/fuzz.py``): every count must be 0.

The long run (10,000 inputs, 1,000 round trips) is a documented command in benchmarks/README.md;
this one takes about a minute and uses the same code, so a regression of any kind shows here first.
``FUZZ_INPUTS``, ``FUZZ_ROUND_TRIPS`` and ``FUZZ_SEED`` scale or vary it.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import fuzz

pytestmark = pytest.mark.fuzz

SEED = int(os.environ.get("FUZZ_SEED", "20261129"))
LOG: list[str] = []


def _assert_zero(counts: Counter[str]) -> None:
    found = {name: counts[name] for name in fuzz.COUNTS if counts.get(name)}
    assert not found, (found, LOG[-20:])


def test_mutated_inputs_of_every_format() -> None:
    inputs = int(os.environ.get("FUZZ_INPUTS", "90"))
    counts = fuzz.fuzz_inputs(inputs, SEED, jobs=1, memory_mb=fuzz.MEMORY_MB, timeout=fuzz.TIMEOUT, log=LOG.append)
    assert counts["inputs"] == inputs
    assert all(counts[f"inputs.{fmt}"] > 0 for fmt in fuzz.FORMATS)
    _assert_zero(counts)


def test_generated_reports_round_trip_through_every_exporter() -> None:
    trips = int(os.environ.get("FUZZ_ROUND_TRIPS", "8"))
    counts = fuzz.round_trips(trips, SEED, pdf_every=8, log=LOG.append)
    assert counts["round_trips"] == trips and counts["round_trips.pdf"] >= 1
    _assert_zero(counts)


def test_injected_write_failures_on_every_command() -> None:
    counts = fuzz.inject_write_failures(1, SEED, log=LOG.append)
    assert counts["write_failures"] >= 6
    _assert_zero(counts)


def test_a_full_small_file_system() -> None:
    counts = fuzz.full_disk(log=LOG.append)
    if counts.get("full_disk.skipped"):
        pytest.skip("mounting a small tmpfs needs root")
    _assert_zero(counts)


def test_signals_during_writes() -> None:
    counts = fuzz.signals_during_writes(2, SEED, log=LOG.append)
    assert counts["signals"] == 2
    _assert_zero(counts)
