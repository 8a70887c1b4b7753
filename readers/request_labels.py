"""Table 三's row labels read against their context: the level-1 row and the group printed above them.

Why a module of its own: table 三 nests its rows three deep (``三、本年度办理结果`` > ``（三）不予公开`` >
``1.属于国家秘密``), and the same short wording stands for different rows in different groups (``其他``,
``总计``, the ``1.``/``2.`` items).  A printed label is therefore read against the labels printed
above it, which may lie on an earlier row (a row span) or an earlier page.  This module keeps that
context and says which path of the declaration a printed label stands for; what the row's figures
are, and what is noted, is :mod:`tables`'s job.  Every label comes from the taxonomy, through
:class:`~disclosure_schema_readers.layout.EditionLayout` (国办公开办函〔2021〕30号 / 〔2019〕60号, table 三).
"""

from __future__ import annotations

from .labels import Match
from .layout import EditionLayout, Prefix

__all__ = ["RequestContext"]


class RequestContext:
    """Where in table 三's tree of labels the rows being read are (``()``: at the top)."""

    def __init__(self, layout: EditionLayout) -> None:
        self.layout = layout
        self.prefix: Prefix = ()

    def reset(self) -> None:
        """A new table begins: no label above."""
        self.prefix = ()

    def enter(self, prefix: Prefix) -> None:
        """A label was read as ``prefix``: a group becomes the context; a row's group stays it."""
        self.prefix = prefix if prefix not in self.layout.request_rows else prefix[:-1]

    def node(self, text: str, *, resolving: bool = False, short: bool = False) -> tuple[Prefix, Match] | None:
        """The path prefix a printed label of table 三 stands for, read against the current context.

        A label that is the beginning of an official one is left for the next row to complete
        (a label split over lines or pages) unless ``resolving`` says no completion came.
        """
        lay = self.layout
        ctx = self.prefix
        m = lay.request_node_labels.match(text)
        if m is not None:
            prefixes = lay.request_nodes[m.official]
            fitting = [p for p in prefixes if ctx[: len(p) - 1] == p[:-1]]
            chosen = fitting or list(prefixes)
            if len(chosen) == 1:
                return chosen[0], m
            return None
        if not resolving and self.is_fragment(text):
            return None
        for depth in range(len(ctx), -1, -1):
            parent = ctx[:depth]
            children = lay.request_children.get(parent)
            if children is None:
                continue
            m = children.match(text, abbreviations=True, short=short)
            if m is not None:
                for p in lay.request_nodes[m.official]:
                    if p[:-1] == parent:
                        return p, m
        return None

    def is_fragment(self, text: str) -> bool:
        """Whether ``text`` begins an official label of table 三 (anywhere, or under the current context)."""
        if self.layout.request_node_labels.prefix_of(text):
            return True
        children = self.layout.request_children.get(self.prefix)
        return bool(children and children.prefix_of(text))
