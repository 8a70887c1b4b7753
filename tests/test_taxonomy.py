"""The declaration against the official texts: labels verbatim, shapes as the format prints them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT, reference

from disclosure_schema.taxonomy import EDITIONS, Layout


def all_labels(edition_id: str) -> set[str]:
    edition = EDITIONS[edition_id]
    labels = {section.heading for section in edition.sections}
    for table in edition.tables:
        labels.update(node.text for row in table.rows for node in row.path)
        labels.update(col.text for row in table.rows for col in row.columns)
        labels.update(h for row in table.rows for col in row.columns for h in col.headers)
        labels.update(x for x in (table.note, table.row_header) if x)
    return labels


def test_every_label_is_printed_verbatim_in_the_official_template() -> None:
    for edition_id, notice in (("2019", "notice-2019-60.txt"), ("2021", "notice-2021-30.txt")):
        text = reference("official", notice).read_text(encoding="utf-8")
        template = re.sub(r"\s+", "", text[text.index("附件") :])
        for label in all_labels(edition_id):
            assert re.sub(r"\s+", "", label) in template, (edition_id, label)


def test_every_label_appears_in_format_md() -> None:
    text = reference("format.md").read_text(encoding="utf-8")
    for edition_id in EDITIONS:
        for label in all_labels(edition_id):
            assert label in text, (edition_id, label)


def test_shapes_match_the_format() -> None:
    for edition_id, data_rows in (("2019", 23), ("2021", 25)):
        edition = EDITIONS[edition_id]
        requests = edition.table("requests")
        assert requests.layout is Layout.MATRIX
        assert len(requests.rows) == data_rows
        assert all(len(row.columns) == 7 for row in requests.rows)
        review = edition.table("review_and_litigation")
        assert len(review.cells) == 15
        assert [s.number for s in edition.sections] == list("一二三四五六")
    assert len(EDITIONS["2019"].table("proactive_disclosure").rows) == 8
    assert len(EDITIONS["2021"].table("proactive_disclosure").rows) == 6


def test_keys_are_unique_and_snake_case() -> None:
    for edition in EDITIONS.values():
        pointers = [cell.pointer for table in edition.tables for cell in table.cells]
        assert len(pointers) == len(set(pointers))
        for pointer in pointers:
            assert re.fullmatch(r"(/[a-z0-9_]+)+", pointer), pointer


def _string_literals(path: Path) -> set[str]:
    """Every string constant of a module except docstrings (prose may name a label; code may not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            docstrings.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    }


def test_no_official_label_is_typed_outside_the_declaration() -> None:
    labels = set().union(*(all_labels(e) for e in EDITIONS))
    # Short generic words (其他, 总计) are ordinary Chinese too; the rule is about the format's own labels.
    labels = {label for label in labels if len(label) > 3}
    declaration = ROOT / "src" / "disclosure_schema" / "taxonomy"
    offenders = []
    for folder in ("src", "exporters", "readers"):
        for path in (ROOT / folder).rglob("*.py"):
            if declaration in path.parents:
                continue
            literals = _string_literals(path)
            repeated = {label for label in labels if any(label in literal for literal in literals)}
            if repeated:
                offenders.append((path.relative_to(ROOT), sorted(repeated)))
    assert not offenders, offenders
