"""What the user is told about a row whose cells ran together: settled how, or why not read.

Why a module of its own: the wording is what a clerk checks the reading by, so it names the row as
the format prints it, quotes the run, shows the split (or the candidates) and names the relation
that settled it by its official statement and check ids (``R3/received``), from the taxonomy.
"""

from __future__ import annotations

import attrs

from disclosure_schema.taxonomy import Edition, Kind

from .notes import Notes
from .settle import Reason, Run, Settled, Unsettled

__all__ = ["MAX_LISTED", "MAX_QUOTED", "Place", "note_settled", "note_unsettled"]

MAX_LISTED = 6
"""Candidate splits quoted in one note; the count of the rest is given."""


@attrs.frozen
class Place:
    """Where a run is and how to name it to the user."""

    where: str
    zh: str
    """The row as the format prints it: ``“一、本年新收政府信息公开申请数量”行``."""
    en: str
    pointer: str | None
    """The row's JSON pointer, when the run fills one row."""


MAX_QUOTED = 80
"""Characters of a run quoted in a note; a longer run is cut with an ellipsis (hostile input)."""


def _flat(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_QUOTED else flat[:MAX_QUOTED] + "…"


def _split(parts: tuple[str, ...]) -> str:
    return " | ".join(part or "（空白）" for part in parts)


def _listed(candidates: tuple[tuple[str, ...], ...], total: int) -> tuple[str, str]:
    shown = [_split(c) for c in candidates[:MAX_LISTED]]
    more = total - len(shown)
    return ("；".join(shown) + (f"；另有 {more} 种" if more > 0 else ""),
            "; ".join(shown) + (f"; {more} more" if more > 0 else ""))


def _relations(ids: tuple[str, ...], edition: Edition) -> tuple[str, str]:
    """The relations behind check ids, by their official statement, each with its ids."""
    by_relation: dict[str, list[str]] = {}
    for check_id in ids:
        by_relation.setdefault(check_id.split("/")[0], []).append(check_id)
    statements = {r.id: r for r in edition.relations}
    zh = "；".join(f"{statements[r].statement_zh}（{'、'.join(c)}）" for r, c in by_relation.items())
    en = "; ".join(f"{statements[r].statement_en} ({', '.join(c)})" for r, c in by_relation.items())
    return zh, en


def _forms(run: Run) -> tuple[str, str]:
    signed = [c.column.text for c in run.cells if c.column.kind is Kind.SIGNED_COUNT]
    money = any(c.column.kind is Kind.MONEY for c in run.cells)
    blanks = 1 < len(run.text.split()) < len(run.cells)
    zh = ("各栏的数字格式（计数不以 0 开头" + (f"，只有“{signed[0]}”栏可为负" if signed else "") + ("，金额可有小数" if money else "")
          + ("；以空格分开的数字少于栏数，空白单元格可能被略去" if blanks else "") + "）")
    en = ("the columns' number forms (no leading zero in a count" + (f"; only {signed[0]!r} may be negative" if signed else "")
          + ("; money may have decimals" if money else "")
          + ("; fewer spaced figures than cells, so blank cells may have been dropped" if blanks else "") + ")")
    return zh, en


def note_settled(notes: Notes, place: Place, run: Run, outcome: Settled, edition: Edition) -> None:
    """``cells.settled``: the row, the run, the split read and what settled it."""
    count, flat, split = len(run.cells), _flat(run.text), _split(outcome.cells)
    forms_zh, forms_en = _forms(run)
    if outcome.checks:
        rel_zh, rel_en = _relations(outcome.checks, edition)
        zh = (f"{place.zh}的 {count} 个单元格连在一起印出（“{flat}”），符合{forms_zh}的分法不止一种，"
              f"只有“{split}”满足{rel_zh}，据此读取；这些勾稽关系用于读取，不计为已核对")
        en = (f"{place.en}: its {count} cells run together ({flat!r}); of the splits fitting {forms_en}, only "
              f"{split!r} satisfies {rel_en}; read so, and these relations count as used for reading, not as verified")
    else:
        zh = f"{place.zh}的 {count} 个单元格连在一起印出（“{flat}”），按{forms_zh}只有一种分法：“{split}”，据此读取"
        en = f"{place.en}: its {count} cells run together ({flat!r}); {forms_en} allow one split only: {split!r}"
    notes.add("cells.settled", place.where, zh, en, place.pointer)


def note_unsettled(notes: Notes, place: Place, run: Run, outcome: Unsettled, edition: Edition) -> None:
    """``cells.run_together``: the row, the run, why it is unread and the candidates left."""
    count, flat = len(run.cells), _flat(run.text)
    forms_zh, forms_en = _forms(run)
    list_zh, list_en = _listed(outcome.candidates, outcome.total)
    rel_zh, rel_en = _relations(outcome.relations, edition)
    lead_zh = f"{place.zh}的 {count} 个单元格连在一起印出（“{flat}”），"
    lead_en = f"{place.en}: its {count} cells run together ({flat!r}); "
    tail_zh = "，无法确定如何分隔：各单元格未读出（不按空白计），涉及的勾稽关系无法核对"
    tail_en = "; the split cannot be known, so the cells are unread (not blank) and the relations on them not checkable"
    if outcome.reason is Reason.SEVERAL and outcome.relations:
        zh = f"符合{forms_zh}且满足{rel_zh}的分法有 {outcome.total} 种：{list_zh}"
        en = f"{outcome.total} splits fit {forms_en} and satisfy {rel_en}: {list_en}"
    elif outcome.reason is Reason.SEVERAL:
        zh = f"符合{forms_zh}的分法有 {outcome.total} 种：{list_zh}；本行没有可据以确定分法的勾稽关系"
        en = f"{outcome.total} splits fit {forms_en}: {list_en}; no relation of the report decides between them"
    elif outcome.reason is Reason.INCONSISTENT:
        zh = (f"符合{forms_zh}的 {outcome.total} 种分法（{list_zh}）没有一种满足{rel_zh}，"
              "公布的该行数字可能本身有误")
        en = (f"none of the {outcome.total} splits fitting {forms_en} ({list_en}) satisfies {rel_en}; "
              "the published row may itself be wrong")
    elif outcome.reason is Reason.NO_FIT:
        zh = f"无法按{forms_zh}分成 {count} 栏"
        en = f"it cannot be split into {count} cells by {forms_en}"
    else:
        zh = "数字过长或分法过多，未逐一列举"
        en = "the run is too long or has too many splits to examine"
    notes.add("cells.run_together", place.where, lead_zh + zh + tail_zh, lead_en + en + tail_en, place.pointer)
