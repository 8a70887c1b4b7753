"""The JSON exporter writes the core's canonical JSON, byte for byte."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import valid_reports
from hypothesis import given, settings

import disclosure_schema as ds
from disclosure_schema.plugins import get_exporter


def exported(report: ds.Report) -> bytes:
    stream = io.BytesIO()
    get_exporter("json").export(report, stream)
    return stream.getvalue()


def test_registered_with_its_suffix_and_media_type() -> None:
    exporter = get_exporter("json")
    assert (exporter.name, exporter.suffix, exporter.media_type) == ("json", ".json", "application/json")


def test_the_canonical_json_of_an_example_is_the_shipped_file(example_path: Path) -> None:
    assert exported(ds.load(example_path)) == example_path.read_bytes()


@settings(max_examples=25, deadline=None)
@given(valid_reports())
def test_same_report_same_bytes_and_it_reads_back(report: ds.Report) -> None:
    first = exported(report)
    assert first == exported(report)
    assert first == ds.dumps(report).encode("utf-8")
    assert ds.loads(first) == report


def test_options_are_ignored(example: ds.Report) -> None:
    stream = io.BytesIO()
    get_exporter("json").export(example, stream, font="/nowhere.ttf", template=True)
    assert stream.getvalue() == exported(example)
