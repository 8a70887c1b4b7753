"""The official format, declared once per edition: the single source of truth.

``EDITIONS`` maps an edition id to its :class:`Edition`; everything in the
library that needs a label, a row, a column or a sum relation asks here.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import edition_2019, edition_2021
from .concepts import (
    Cell,
    Column,
    Edition,
    Kind,
    Label,
    Layout,
    Level,
    Per,
    Relation,
    Row,
    Section,
    Table,
    Term,
)

EDITIONS: Mapping[str, Edition] = {edition.id: edition for edition in (edition_2019.EDITION, edition_2021.EDITION)}
"""Every edition of the format, oldest first."""


def edition_for_year(year: int) -> Edition:
    """The edition the notices prescribe for a report year (2019 and 2020: 2019; later: 2021)."""
    return EDITIONS["2019"] if year < 2021 else EDITIONS["2021"]


__all__ = [
    "EDITIONS",
    "Cell",
    "Column",
    "Edition",
    "Kind",
    "Label",
    "Layout",
    "Level",
    "Per",
    "Relation",
    "Row",
    "Section",
    "Table",
    "Term",
    "edition_for_year",
]
