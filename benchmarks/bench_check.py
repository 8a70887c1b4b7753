"""Full check vs structural validators and bare JSON parsers: JSON bytes in, verdict and findings out.

Ours: ``disclosure_schema.loads`` + ``check_with_coverage`` (strict parse, structure,
every rule: domains, R1-R4, completeness, patterns, coverage) on the fast path, on
valid generated reports and on the same reports with one wrong cell each; and the
general (walking) path on the same documents for reference.

Baselines, on the same documents in the same run (they check the shape only, not one sum):
jsonschema-rs (Rust) and fastjsonschema (generated Python) against our published
schema, python-jsonschema (``Draft202012Validator``), and the parsers alone
(``json.loads``, ``msgspec.json.decode``).  fastjsonschema does not know draft 2020-12:
it is given the same schema declared as draft-07 (ours uses nothing draft-07 lacks;
``$ref``s are plain JSON pointers into ``$defs``), and it must accept every valid
document and reject every document with a string in a count.

CPU time (``time.process_time``) per report, the median over ``--rounds`` interleaved
rounds (every contender once per round), so a busy machine slows all alike.
Targets (issue 10): a valid report <= 60 µs and >= 1.5x faster than jsonschema-rs on
the same document; a report with a wrong cell <= 2x a valid one.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import fastjsonschema
import jsonschema_rs
import msgspec
from common import machine, table
from generate import report_texts
from jsonschema import Draft202012Validator

import disclosure_schema as ds
from disclosure_schema.checker import check_walking
from disclosure_schema.io import loads_walking


def wrong_cell(text: str, rng: random.Random) -> bytes:
    """The same report with one total off by one: the target of an error-level sum check."""
    report = ds.loads(text)
    targets = {c.target.pointer for c in ds.checks_for(report.edition) if c.relation.level is ds.Level.ERROR}
    pointer = rng.choice(sorted(targets))
    value = report.cell(pointer)
    changed = (value or 0) + (Decimal(1) if isinstance(value, Decimal) else 1)
    return ds.dumps(report.with_cells({pointer: changed})).encode("utf-8")


def draft7(schema: dict[str, Any]) -> dict[str, Any]:
    copy = dict(schema)
    copy["$schema"] = "http://json-schema.org/draft-07/schema#"
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="generated reports (default 1000)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument("--slow-count", type=int, default=40, help="reports python-jsonschema checks per round (it is slow)")
    args = parser.parse_args()
    print(machine())

    texts = report_texts(args.count)
    valid = [text.encode("utf-8") for text in texts]
    rng = random.Random(7)
    wrong = [wrong_cell(text, rng) for text in texts]
    editions = [json.loads(data)["edition"] for data in valid]
    schemas = {edition: ds.json_schema(edition) for edition in ds.EDITIONS}
    rs = {edition: jsonschema_rs.validator_for(schema) for edition, schema in schemas.items()}
    fast = {edition: fastjsonschema.compile(draft7(schema)) for edition, schema in schemas.items()}
    python = {edition: Draft202012Validator(schema) for edition, schema in schemas.items()}
    pairs = list(zip(valid, editions, strict=True))

    # Every contender must decide what it should, or its time means nothing.
    for data, edition in pairs:
        assert not any(v.is_error for v in ds.check(ds.loads(data)))
        assert rs[edition].is_valid(json.loads(data))
        fast[edition](json.loads(data))
    for data in wrong:
        assert any(v.is_error for v in ds.check(ds.loads(data)))
    broken = json.loads(valid[0])
    broken["requests"]["received"]["natural_person"] = "12"
    assert not rs[editions[0]].is_valid(broken)
    try:
        fast[editions[0]](broken)
        raise AssertionError("fastjsonschema accepted a string in a count")
    except fastjsonschema.JsonSchemaValueException:
        pass
    for data in valid + wrong:
        assert ds.check_with_coverage(ds.loads(data)) == check_walking(loads_walking(data))

    def ours_valid() -> None:
        for data in valid:
            ds.check_with_coverage(ds.loads(data))

    def ours_wrong() -> None:
        for data in wrong:
            ds.check_with_coverage(ds.loads(data))

    def walking_valid() -> None:
        for data in valid:
            check_walking(loads_walking(data))

    def rust() -> None:
        for data, edition in pairs:
            rs[edition].is_valid(json.loads(data))

    def rust_parsed_only() -> None:
        for document, edition in parsed:
            rs[edition].is_valid(document)

    def fastjs() -> None:
        for data, edition in pairs:
            fast[edition](json.loads(data))

    def python_jsonschema() -> None:
        for data, edition in pairs[: args.slow_count]:
            next(python[edition].iter_errors(json.loads(data)), None)

    def json_loads() -> None:
        for data in valid:
            json.loads(data)

    def msgspec_decode() -> None:
        for data in valid:
            msgspec.json.decode(data)

    parsed = [(json.loads(data), edition) for data, edition in pairs]
    contenders: list[tuple[str, Callable[[], None], int]] = [
        ("disclosure_schema loads + check, valid (fast path)", ours_valid, len(valid)),
        ("disclosure_schema loads + check, one wrong cell", ours_wrong, len(wrong)),
        ("disclosure_schema general path (walk), valid", walking_valid, len(valid)),
        ("json.loads + jsonschema-rs (structure only)", rust, len(valid)),
        ("jsonschema-rs on parsed documents (no parse)", rust_parsed_only, len(valid)),
        ("json.loads + fastjsonschema draft-7 (structure only)", fastjs, len(valid)),
        ("json.loads + python-jsonschema 2020-12", python_jsonschema, min(args.slow_count, len(valid))),
        ("json.loads alone", json_loads, len(valid)),
        ("msgspec.json.decode alone (untyped)", msgspec_decode, len(valid)),
    ]
    times: dict[str, list[float]] = {name: [] for name, _, _ in contenders}
    for function in (c[1] for c in contenders):
        function()  # warm caches
    for _ in range(args.rounds):
        for name, function, n in contenders:
            started = time.process_time()
            function()
            times[name].append((time.process_time() - started) / n)
    median = {name: statistics.median(values) for name, values in times.items()}
    ours = median[contenders[0][0]]
    size = sum(len(d) for d in valid) // len(valid)
    print(
        f"{len(valid)} generated reports (both editions, text sections, ~{size} bytes each); "
        f"CPU µs per report, median of {args.rounds} interleaved rounds"
    )
    rows = [("contender", "µs/report", "reports/s", "÷ ours (valid)")]
    for name, _, _ in contenders:
        rows.append((name, f"{median[name] * 1e6:.1f}", f"{1 / median[name]:,.0f}", f"{median[name] / ours:.2f}x"))
    print(table(rows))
    rust_s = median["json.loads + jsonschema-rs (structure only)"]
    wrong_s = median[contenders[1][0]]
    print(f"valid report: {ours * 1e6:.1f} µs (target <= 60 µs: {'met' if ours <= 60e-6 else 'NOT met'})")
    print(
        f"vs json.loads + jsonschema-rs: {rust_s / ours:.2f}x faster "
        f"(target >= 1.5x: {'met' if rust_s / ours >= 1.5 else 'NOT met'})"
    )
    print(f"wrong cell / valid: {wrong_s / ours:.2f}x (target <= 2x: {'met' if wrong_s / ours <= 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
