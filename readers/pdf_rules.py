"""Ruled tables from a page's drawn lines: which rectangles the ruling lines close, grouped into tables.

Why our own: the reader used pdfplumber's ``find_tables()``, which needs pdfplumber's page objects
(and so pdfminer's slow parse).  This is the same method, on :class:`~.pdf_page.Segment` from any
source, with pdfplumber's default settings (3 points for every tolerance), so that the tables found
are the same:

1. horizontal and vertical segments of at least 1 point are the edges (a thin filled rectangle gives
   two close edges, its short sides are dropped); slanted ones are not rules;
2. edges within 3 points of each other across their direction are snapped to their mean position,
   and edges on one line that meet or leave a gap of at most 3 points are joined; edges shorter than
   3 points are dropped;
3. a horizontal and a vertical edge that reach each other (within 3 points) cross at a point;
4. each crossing point is the top-left corner of at most one cell: the smallest rectangle whose four
   corners are crossings joined by edges;
5. cells that share a corner belong to one table; tables are ordered top to bottom, then left to
   right, and a lone cell is not a table.

Bounds: the caller checks :func:`crossings` against its limit before :func:`find_tables`, and step 4
stops after a fixed amount of work (:class:`TooMuchWork`), so a hostile drawing costs little.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .pdf_page import Segment

__all__ = ["Edge", "Table", "TooMuchWork", "crossings", "find_tables", "merged_edges"]

_TOLERANCE = 3.0
_MIN_PREFILTER = 1.0
_MIN_LENGTH = 3.0
_LEVEL = 1e-3
"""How far a segment's ends may differ across it and still count as exactly horizontal (or vertical)."""
MAX_CELL_WORK = 2_000_000
"""Corner pairs tried while looking for cells; a real page needs a few thousand."""

BBox = tuple[float, float, float, float]


class Edge(NamedTuple):
    """A horizontal (``position`` = top; ``start``..``end`` along x) or vertical edge."""

    horizontal: bool
    position: float
    start: float
    end: float


class Table(NamedTuple):
    """A ruled table: its bounding box and its cells, each ``(x0, top, x1, bottom)``."""

    bbox: BBox
    cells: list[BBox]


class TooMuchWork(Exception):
    """Finding the cells took more than :data:`MAX_CELL_WORK` steps: the drawing is not a report table."""


def _edges(segments: Iterable[Segment]) -> list[Edge]:
    edges: list[Edge] = []
    for s in segments:
        if abs(s.top - s.bottom) <= _LEVEL:
            start, end = sorted((s.x0, s.x1))
            if end - start >= _MIN_PREFILTER:
                edges.append(Edge(True, min(s.top, s.bottom), start, end))
        elif abs(s.x0 - s.x1) <= _LEVEL:
            start, end = sorted((s.top, s.bottom))
            if end - start >= _MIN_PREFILTER:
                edges.append(Edge(False, min(s.x0, s.x1), start, end))
    return edges


def _snap(edges: list[Edge]) -> list[Edge]:
    """Edges of one direction moved to the mean position of their cluster (chained within the tolerance)."""
    edges = sorted(edges, key=lambda e: e.position)
    snapped: list[Edge] = []
    cluster: list[Edge] = []
    for edge in edges:
        if cluster and edge.position > cluster[-1].position + _TOLERANCE:
            snapped.extend(_moved(cluster))
            cluster = []
        cluster.append(edge)
    snapped.extend(_moved(cluster))
    return snapped


def _moved(cluster: list[Edge]) -> list[Edge]:
    if not cluster:
        return []
    mean = sum(e.position for e in cluster) / len(cluster)
    return [e._replace(position=mean) for e in cluster]


def _join(edges: list[Edge]) -> list[Edge]:
    """Edges on one line that overlap or leave a gap of at most the tolerance, as one."""
    joined: list[Edge] = []
    for _, line in itertools.groupby(sorted(edges, key=lambda e: (e.position, e.start)), key=lambda e: e.position):
        for edge in line:
            if joined and joined[-1].position == edge.position and edge.start <= joined[-1].end + _TOLERANCE:
                if edge.end > joined[-1].end:
                    joined[-1] = joined[-1]._replace(end=edge.end)
            else:
                joined.append(edge)
    return joined


def merged_edges(segments: Iterable[Segment]) -> tuple[list[Edge], list[Edge]]:
    """The horizontal and the vertical edges after snapping and joining, short ones dropped."""
    edges = _edges(segments)
    result = []
    for horizontal in (True, False):
        merged = _join(_snap([e for e in edges if e.horizontal is horizontal]))
        result.append([e for e in merged if e.end - e.start >= _MIN_LENGTH])
    return result[0], result[1]


def crossings(horizontal: Sequence[Edge], vertical: Sequence[Edge]) -> int:
    """Horizontal × vertical edges: what finding the cells costs at most."""
    return len(horizontal) * len(vertical)


def find_tables(horizontal: Sequence[Edge], vertical: Sequence[Edge]) -> list[Table]:
    """The ruled tables the edges draw (steps 3-5 above)."""
    points: dict[tuple[float, float], tuple[set[Edge], set[Edge]]] = {}
    for v in sorted(vertical, key=lambda e: (e.position, e.start)):
        for h in sorted(horizontal, key=lambda e: (e.position, e.start)):
            if (
                v.start <= h.position + _TOLERANCE
                and v.end >= h.position - _TOLERANCE
                and h.start - _TOLERANCE <= v.position <= h.end + _TOLERANCE
            ):
                ends = points.setdefault((v.position, h.position), (set(), set()))
                ends[0].add(v)
                ends[1].add(h)
    return _tables(_cells(points))


def _cells(points: dict[tuple[float, float], tuple[set[Edge], set[Edge]]]) -> list[BBox]:
    by_x: dict[float, list[float]] = defaultdict(list)
    by_y: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(points):
        by_x[x].append(y)
        by_y[y].append(x)

    def joined(p: tuple[float, float], q: tuple[float, float]) -> bool:
        if p[0] == q[0] and points[p][0] & points[q][0]:
            return True
        return p[1] == q[1] and bool(points[p][1] & points[q][1])

    work = 0
    cells: list[BBox] = []
    for point in sorted(points):
        x, y = point
        column, row = by_x[x], by_y[y]
        below = column[bisect_left(column, y) + 1 :]
        right = row[bisect_left(row, x) + 1 :]
        found = None
        for below_y in below:
            if not joined(point, (x, below_y)):
                continue
            for right_x in right:
                work += 1
                if work > MAX_CELL_WORK:
                    raise TooMuchWork
                if not joined(point, (right_x, y)):
                    continue
                corner = (right_x, below_y)
                if corner in points and joined(corner, (right_x, y)) and joined(corner, (x, below_y)):
                    found = (x, y, right_x, below_y)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[BBox]) -> list[Table]:
    """Cells grouped by shared corners (connected groups), top-to-bottom then left-to-right."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[BBox]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[root(i)].append(cell)
    tables = [
        Table((min(c[0] for c in g), min(c[1] for c in g), max(c[2] for c in g), max(c[3] for c in g)), g)
        for g in groups.values()
        if len(g) > 1
    ]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t.cells))
