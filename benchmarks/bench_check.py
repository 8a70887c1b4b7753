"""Full check vs python-jsonschema: JSON text in, every finding out.

Ours: ``disclosure_schema.loads`` (strict parse + structure) then ``check`` (every
rule: domains, R1-R4, completeness).  Baseline, in the same run: ``json.loads``
then a ``Draft202012Validator`` (built once per edition) validating the same
document against our published schema -- which checks the shape only, not one
sum.  Prints reports/s for both and the ratio (target: ours >= 10x).
"""

from __future__ import annotations

import argparse
import json

from common import machine, per_call, table
from generate import report_texts
from jsonschema import Draft202012Validator

import disclosure_schema as ds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500, help="generated reports per round (default 500)")
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per contender")
    args = parser.parse_args()
    print(machine())

    texts = report_texts(args.count)
    docs_editions = [json.loads(text)["edition"] for text in texts]
    validators = {edition: Draft202012Validator(ds.json_schema(edition)) for edition in ds.EDITIONS}

    def ours() -> None:
        for text in texts:
            if any(v.is_error for v in ds.check(ds.loads(text))):
                raise AssertionError("a generated report has an error")

    def baseline() -> None:
        for text, edition in zip(texts, docs_editions, strict=True):
            if next(validators[edition].iter_errors(json.loads(text)), None) is not None:
                raise AssertionError("jsonschema rejects a generated report")

    ours_s = per_call(ours, min_seconds=args.seconds) / len(texts)
    base_s = per_call(baseline, min_seconds=args.seconds) / len(texts)
    size = sum(len(t.encode()) for t in texts) // len(texts)
    print(f"full check of {len(texts)} generated reports (both editions, with text sections, ~{size} bytes each)")
    print(
        table(
            [
                ("contender", "µs/report", "reports/s"),
                ("disclosure_schema loads + check", f"{ours_s * 1e6:.0f}", f"{1 / ours_s:,.0f}"),
                ("json.loads + jsonschema Draft 2020-12", f"{base_s * 1e6:.0f}", f"{1 / base_s:,.0f}"),
            ]
        )
    )
    ratio = base_s / ours_s
    print(f"ratio: disclosure_schema is {ratio:.1f}x faster than jsonschema (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")


if __name__ == "__main__":
    main()
