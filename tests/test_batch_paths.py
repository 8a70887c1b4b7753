"""The batch's quick per-file path says exactly what the general path says.

``validate`` checks a plain ``.json`` file with one ``open`` and one ``read``
(:func:`~disclosure_schema.validation.validate_json_quickly`) and writes its JSON line with
msgspec's encoder; :func:`~disclosure_schema.validation.validate_file` and ``json.dumps``
are the reference.  Anything the quick path is not sure of goes to the reference path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_schema.cli.validate import _compact_json, result_json
from disclosure_schema.io import MAX_BYTES
from disclosure_schema.validation import validate_file, validate_json_quickly

HUAIAN = EXAMPLES / "huaian-2024.json"

json_text = st.text(st.characters(codec="utf-8"), max_size=30)
json_data = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**40), 10**40) | json_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_text, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(json_text, json_data, max_size=6))
def test_compact_json_writes_what_json_dumps_writes(data: dict[str, Any]) -> None:
    assert _compact_json(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def test_compact_json_leaves_a_lone_surrogate_to_json_dumps() -> None:
    data = {"file": "bad\udc80name.json", "valid": True}
    assert _compact_json(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _files(root: Path) -> list[Path]:
    text = HUAIAN.read_text(encoding="utf-8")
    document = json.loads(text)
    document["requests"]["carried_forward"]["natural_person"] = 999
    cases = {
        "valid.json": text.encode("utf-8"),
        "wrong-cell.json": json.dumps(document, ensure_ascii=False).encode("utf-8"),
        "duplicate-key.json": b'{"edition": "2021", "edition": "2019"}',
        "not-utf8.json": b"\xff\xfe{}",
        "a-list.json": b"[1, 2]",
        "empty.json": b"",
        "bom.json": "\ufeff".encode() + text.encode("utf-8"),
        "escaped-colon.json": text.replace('"issuer": "', '"issuer": "\\u003a', 1).encode("utf-8"),
        "count-as-text.json": text.replace('"natural_person": 0', '"natural_person": "0"', 1).encode("utf-8"),
    }
    for name, data in cases.items():
        (root / name).write_bytes(data)
    return [root / name for name in cases]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_quick_path_finds_and_words_what_validate_file_does(tmp_path: Path, lang: str) -> None:
    for path in _files(tmp_path):
        quick = validate_json_quickly(str(path))
        assert quick is not None, path.name
        reference = validate_file(str(path))
        assert result_json(quick, lang) == result_json(reference, lang), path.name
        assert (quick.valid, quick.errors, quick.warnings) == (reference.valid, reference.errors, reference.warnings)
    verdicts = {path.name: validate_json_quickly(str(path)) for path in _files(tmp_path)}
    assert {name for name, result in verdicts.items() if result is not None and result.valid} == {
        "valid.json", "bom.json", "escaped-colon.json"
    }


def test_a_finding_about_the_shape_names_the_file_as_validate_file_does(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "dup.json").write_bytes(b'{"edition": "2021", "edition": "2019"}')
    path = f"{tmp_path}//d/./dup.json"  # as a user may type it: the findings name the file as a Path prints it
    quick, reference = validate_json_quickly(path), validate_file(path)
    assert quick is not None
    assert quick.source == reference.source == path
    assert [v.source for v in quick.violations] == [v.source for v in reference.violations] == [str(Path(path))]


def test_what_is_not_a_plain_file_within_the_limit_goes_to_the_general_path(tmp_path: Path) -> None:
    assert validate_json_quickly(str(tmp_path / "missing.json")) is None
    assert validate_json_quickly(str(tmp_path)) is None  # a directory
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert validate_json_quickly(str(fifo)) is None  # never waits for a writer
    large = tmp_path / "large.json"
    with open(large, "wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    assert validate_json_quickly(str(large)) is None
