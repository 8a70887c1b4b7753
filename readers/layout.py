"""What the recognizer knows about one edition's tables, derived from the taxonomy once and cached.

Why: matching a printed row needs the official labels of every row, group, caption and column in
normalised form; computing that per cell would make reading quadratic.  Nothing here is typed by
hand: every label comes from :mod:`disclosure_schema.taxonomy`.
"""

from __future__ import annotations

from functools import cache

import attrs

from disclosure_schema.taxonomy import EDITIONS, Edition, Label, Row, Table

from .labels import LabelSet

__all__ = ["EditionLayout", "layout_for"]

Prefix = tuple[str, ...]
"""A path of label keys from a table's top, e.g. ``("results", "withheld")``."""


@attrs.frozen(eq=False)
class EditionLayout:
    """One edition's tables in the form the matchers use; one object per edition (compared by identity)."""

    edition: Edition
    proactive: Table
    requests: Table
    review: Table
    # table 二
    captions: LabelSet
    row_header: str | None
    proactive_rows: dict[str, Row]
    """Official row label -> row (table 二's row labels are unique)."""
    proactive_row_labels: LabelSet
    proactive_columns: LabelSet
    # table 三
    request_nodes: dict[str, tuple[Prefix, ...]]
    """Official label of any level -> the path prefixes ending in it."""
    request_children: dict[Prefix, LabelSet]
    """Path prefix -> the labels one level below it (``()`` for the top level)."""
    request_node_labels: LabelSet
    request_rows: dict[Prefix, Row]
    request_columns: LabelSet
    request_headers: LabelSet
    # table 四
    review_columns: LabelSet
    review_groups: LabelSet
    # everything, for telling table text from narrative
    section_headings: LabelSet


@cache
def layout_for(edition_id: str) -> EditionLayout:
    edition = EDITIONS[edition_id]
    proactive = edition.table("proactive_disclosure")
    requests = edition.table("requests")
    review = edition.table("review_and_litigation")
    nodes: dict[str, list[Prefix]] = {}
    children: dict[Prefix, list[str]] = {}
    rows: dict[Prefix, Row] = {}
    for row in requests.rows:
        path: list[Label] = []
        for label in row.path:
            parent = tuple(node.key for node in path)
            path.append(label)
            prefix = tuple(node.key for node in path)
            if prefix not in nodes.get(label.text, []):
                nodes.setdefault(label.text, []).append(prefix)
            if label.text not in children.setdefault(parent, []):
                children[parent].append(label.text)
        rows[tuple(node.key for node in row.path)] = row
    headers = {h for row in requests.rows for column in row.columns for h in column.headers}
    return EditionLayout(
        edition=edition,
        proactive=proactive,
        requests=requests,
        review=review,
        captions=LabelSet(row.path[0].text for row in proactive.rows),
        row_header=proactive.row_header,
        proactive_rows={row.text: row for row in proactive.rows},
        proactive_row_labels=LabelSet((row.text for row in proactive.rows), edition=edition_id),
        proactive_columns=LabelSet(column.text for row in proactive.rows for column in row.columns),
        request_nodes={text: tuple(prefixes) for text, prefixes in nodes.items()},
        request_children={prefix: LabelSet(texts) for prefix, texts in children.items()},
        request_node_labels=LabelSet(nodes),
        request_rows=rows,
        request_columns=LabelSet(column.text for column in requests.rows[0].columns),
        request_headers=LabelSet(sorted(headers)),
        review_columns=LabelSet(column.text for column in review.rows[0].columns),
        review_groups=LabelSet(label.text for row in review.rows for label in row.path),
        section_headings=LabelSet(section.heading for section in edition.sections),
    )
