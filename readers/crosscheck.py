"""Numbers quoted in the running text compared with the tables.

Why: reports often state their key figures in section 一 (受理 859 件, 办结 805 件, 行政复议 7 件) and
the text often disagrees with the tables (format.md: shanghai-2019; hongze-2024 says 17 applications
where table 三 shows 95).  Each disagreement becomes a warning-level note with both values and the
sentence quoted; agreement says nothing.  Only phrases with an unambiguous meaning are read, and
each figure is compared with every reading the phrase allows (受理/收办 may include last year's
carry-over), so a note means a real disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache

import attrs

from disclosure_schema.model import Report, TableData, Value
from disclosure_schema.taxonomy import EDITIONS, Cell

from .notes import Notes

__all__ = ["cross_check", "sentences"]

Getter = Callable[["Figures"], list[int]]
"""The table values a quoted figure may stand for (empty: the tables cannot tell)."""

_N = r"(\d[\d,，]*)\s*"
_GAP = r"(?:(?!同意公开|予以公开|全部公开|部分公开|不予公开|无法提供|不予处理|其他处理|公开答复)[^\d。；;，,：:（(]){0,16}?"
"""What may stand between a phrase and its figure: a few characters of the same clause, never another
outcome phrase (in 办结的申请中同意公开答复9件 the 9 belongs to 同意公开, not to 办结)."""

MAX_POSSIBLE = 64
"""Possible values of one total kept while adding up rows read from ambiguous runs; beyond it the
tables cannot tell (no comparison), so the work stays bounded."""


@attrs.define
class Figures:
    """The report's cells as the cross-check sees them: read values, and for a cell left unread in an
    ambiguous run of digits, every value a fitting split gives it (issue 8: a narrative figure that no
    candidate allows is a mismatch).  ``used_candidates`` says whether the last total needed them."""

    report: Report
    candidates: Mapping[str, frozenset[Value]] = attrs.field(factory=dict)
    used_candidates: bool = False

    def row_total(self, table: TableData, row_key: str) -> frozenset[int] | None:
        """The row's possible 总计: the printed one, or the sum of its other cells where 总计 is blank
        (blanks beside figures are the 0s many reports leave empty), or, where the row is unread in an
        ambiguous run, what each fitting split gives its 总计; ``None`` when the row cannot tell (a cell
        unread without candidates, or every cell blank: a blank row is not 0 in a comparison)."""
        row = table.spec.row_index.get(row_key)
        cells = [] if row is None else [(c, table.values[c.index]) for c in _cells(table, row_key)]
        unread = self.report.reading.unread
        total = next(((c, v) for c, v in cells if c.column.key == "total"), None)
        if any(c.pointer in unread for c, _ in cells):
            if total is not None and total[0].pointer in unread and total[0].pointer in self.candidates:
                options = frozenset(o for o in self.candidates[total[0].pointer] if isinstance(o, int))
                if options:
                    self.used_candidates = True
                    return options
            return None
        if all(v is None for _, v in cells):
            return None
        if total is not None and isinstance(total[1], int):
            return frozenset((total[1],))
        return frozenset((sum(v for c, v in cells if c.column.key != "total" and isinstance(v, int)),))

    def group_total(self, table: TableData, prefix: str) -> frozenset[int] | None:
        """The possible sums of the rows under ``prefix``; ``None`` when a row cannot tell or every row is
        blank."""
        rows = list(table.spec.rows_under(prefix))
        if not rows:
            return None
        sums: frozenset[int] | None = None
        unread = self.report.reading.unread
        for row in rows:
            totals = self.row_total(table, row.key)
            if totals is None:
                if any(cell.pointer in unread for cell in _cells(table, row.key)):
                    return None  # a row that cannot tell
                continue  # a blank row among figures adds nothing
            sums = totals if sums is None else _add(sums, totals)
            if sums is None:
                return None
        return sums


def _add(a: frozenset[int], b: frozenset[int]) -> frozenset[int] | None:
    out = frozenset(x + y for x in a for y in b)
    return out if len(out) <= MAX_POSSIBLE else None


def _cells(table: TableData, row_key: str) -> list[Cell]:
    return [table.spec.cell(row_key, column.key) for column in table.spec.row_index[row_key].columns]


def _sum_of(parts: list[frozenset[int] | None]) -> list[int]:
    if any(p is None for p in parts):
        return []
    total: frozenset[int] | None = frozenset((0,))
    for part in parts:
        assert part is not None
        total = _add(total, part) if total is not None else None
    return sorted(total) if total is not None else []


def _requests(*prefixes: str) -> Getter:
    def get(figures: Figures) -> list[int]:
        table = figures.report.requests
        return _sum_of([figures.group_total(table, p) for p in prefixes])
    return get


def _received(figures: Figures) -> list[int]:
    new = _requests("received")(figures)
    both = _requests("received", "carried_over")(figures)
    return new + both


def _review(*row_keys: str) -> Getter:
    def get(figures: Figures) -> list[int]:
        table = figures.report.review_and_litigation
        return _sum_of([figures.row_total(table, key) for key in row_keys])
    return get


def _proactive(row: str, column: str) -> Getter:
    def get(figures: Figures) -> list[int]:
        table = figures.report.proactive_disclosure
        try:
            value = table.get(row, column)
        except KeyError:
            return []
        pointer = table.spec.cell(row, column).pointer
        if pointer in figures.report.reading.unread and pointer in figures.candidates:
            figures.used_candidates = True
            return sorted(o for o in figures.candidates[pointer] if isinstance(o, int))
        return [value] if isinstance(value, int) else []
    return get


def _results_key(report: Report) -> str:
    return next(row.key for row in report.requests.spec.rows if row.key.endswith("/total"))


def _results_total(figures: Figures) -> list[int]:
    return _requests(_results_key(figures.report))(figures)


Claim = tuple[str, str, "re.Pattern[str]", Getter]
"""What a phrase means (zh, en), its pattern (one figure group), and the table values it may stand for."""


def _alternatives(texts: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(t) for t in sorted(set(texts), key=len, reverse=True)) + ")"


@cache
def claims(edition_id: str) -> tuple[Claim, ...]:
    """The phrases read from the running text.  Their verbs (受理, 办结, 结转) are running-text wording;
    every format label in them comes from the taxonomy."""
    edition = EDITIONS[edition_id]
    review = edition.table("review_and_litigation")
    review_label = review.rows[0].path[0].text
    litigation_label = review.rows[1].path[0].text
    shared = ""
    for a, b in zip(review_label, litigation_label, strict=False):
        if a != b:
            break
        shared += a
    normative = _alternatives(
        row.text for e in EDITIONS.values() for row in e.table("proactive_disclosure").rows
        if row.key.endswith("/normative_documents")
    )
    requests = edition.table("requests")
    results = {row.path[1].key: row.path[1].text for row in requests.rows if len(row.path) > 1}

    def group(key: str) -> str:
        text = results[key]
        return re.escape(re.sub(r"^[（(][一二三四五六七八九十]+[）)]", "", text).split("（")[0])

    out: list[Claim] = [
        ("本年新收申请", "new requests", re.compile(r"(?:受理|收到|新收|收办)" + _GAP + _N + "件"), _received),
        ("上年结转申请", "requests carried over", re.compile(r"上一?年度?结转" + _GAP + _N + "件"),
         _requests("carried_over")),
        ("结转下年度申请", "requests carried forward",
         re.compile(r"(?:" + _N + r"件[^\d。；;，,、]{0,12}?(?:顺延|结转|转)(?:到|至)?下一?年度|(?:结转|转|顺延)(?:到|至)?下一?年度"
                    r"[^\d。；;，,]{0,8}?(\d[\d,，]*)\s*件)"),
         _requests("carried_forward")),
        ("办结申请", "requests handled",
         re.compile(r"(?<!公开)(?<!办理)(?:办结|答复|办理完结)" + _GAP + _N + "件"), _results_total),
        (group("disclosed"), "disclosed",
         re.compile(r"(?:同意公开|" + group("disclosed") + r"|全部公开)(?:答复)?(?![及和、])" + _GAP + _N + "件"),
         _requests("results/disclosed")),
        (group("partially_disclosed"), "partially disclosed",
         re.compile(r"(?<![及和、])" + group("partially_disclosed") + r"(?:答复)?" + _GAP + _N + "件"),
         _requests("results/partially_disclosed")),
        (group("other_handling"), "other handling", re.compile(group("other_handling") + _GAP + _N + "件"),
         _requests("results/other_handling")),
        ("予以公开及部分公开", "disclosed in full or in part",
         re.compile(group("disclosed") + r"(?:及|和|、)" + group("partially_disclosed") + _GAP + _N + "件"),
         _requests("results/disclosed", "results/partially_disclosed")),
        ("不予公开", "withheld", re.compile(group("withheld") + _GAP + _N + "件"), _requests("results/withheld")),
        ("无法提供", "unable to provide", re.compile(group("unable_to_provide") + _GAP + _N + "件"),
         _requests("results/unable_to_provide")),
        ("不予处理", "not processed", re.compile(group("not_processed") + _GAP + _N + "件"),
         _requests("results/not_processed")),
        (f"{review_label}案件", "administrative review cases",
         re.compile(re.escape(review_label) + r"(?:案件)?[^\d。；;，,]{0,6}?" + _N + "件"), _review("administrative_review")),
        (f"{litigation_label}案件", "lawsuits",
         re.compile(f"(?:{re.escape(shared)})?" + re.escape(litigation_label[len(shared):]) + r"(?:案件)?[^\d。；;，,]{0,6}?"
                    + _N + "件"),
         _review("litigation/direct", "litigation/after_review")),
    ]
    if edition_id == "2021":
        proactive = edition.table("proactive_disclosure")
        for row in proactive.rows:
            if not row.key.endswith("/normative_documents"):
                continue
            for column in row.columns:
                verb = column.text.replace("本年", "").replace("件数", "")
                out.append((f"{column.text}（{row.text}）", f"{row.text}: {column.key}",
                            re.compile(re.escape(verb) + "(?:的)?" + normative + _GAP + _N + "件"),
                            _proactive(row.key, column.key)))
    return tuple(out)


_FEE = re.compile(r"信息(?:公开)?处理费|收费|收取[^。]{0,8}费|未发生[^。]{0,6}费")
_REQUESTS_TOPIC = re.compile(r"申请")
_OTHER_TOPICS = re.compile(r"网络问政|问政|信访|来信|来访|来电|留言|咨询|热线|12345|建议|提案|投诉|举报|诉求|群众|网民|政务服务")
"""Case counts of other channels: a figure next to these words is not about information requests
(unless the clause itself speaks of 申请)."""
_REQUEST_CLAIMS = frozenset(("requests",))


@cache
def _request_getters(edition_id: str) -> frozenset[Getter]:
    """The claims about table 三 (information requests), told apart from 复议/诉讼 and documents."""
    review = EDITIONS[edition_id].table("review_and_litigation").rows[0].path[0].text
    return frozenset(getter for zh, _, _, getter in claims(edition_id)
                     if not zh.startswith(review[:2]) and "（" not in zh)


def sentences(text: str) -> Iterable[str]:
    for part in re.split(r"(?<=[。；;！？])", text):
        if part.strip():
            yield part.strip()


MAX_SENTENCE = 2000
"""Characters of one sentence the cross-check reads: real sentences are far shorter, and the claim
patterns backtrack over long runs of digits, so a longer "sentence" (a run of figures without a full
stop) is not searched; this bounds the work per character of input."""


def cross_check(report: Report, notes: Notes, candidates: Mapping[str, frozenset[Value]] | None = None) -> None:
    """Note every figure quoted in the sections that no table value supports.

    ``candidates``: for cells left unread in an ambiguous run, every value a fitting split gives them
    (``CellValues.candidates``); a quoted figure is a mismatch only when no candidate allows it.
    """
    figures = Figures(report, candidates or {})
    known: dict[int, tuple[list[int], bool]] = {}  # each claim's table values, once per report, not per sentence
    for key, section in report.sections.items():
        for n, block in enumerate(section.blocks):
            if "件" not in block.text:
                continue  # every claim quotes a count of 件
            where = f"第{report.spec.section_index[key].number}部分第{n + 1}段 / section {key}, block {n + 1}"
            requests_topic = bool(_REQUESTS_TOPIC.search(block.text))
            for sentence in sentences(block.text):
                if len(sentence) <= MAX_SENTENCE:
                    _check_sentence(figures, sentence, where, notes, requests_topic, known)
    if report.edition == "2021":
        other = report.sections.get("other_matters")
        if other is not None and not any(_FEE.search(b.text) for b in other.blocks):
            notes.add("narrative.fee_missing", "第六部分 / section other_matters",
                      "第六部分未提及信息处理费（2021 版格式要求在此报告收取信息处理费情况）",
                      "section 6 does not mention information processing fees (the 2021 format asks for them there)")


def _about_requests(compact: str, at: int, generic: bool = True) -> bool:
    """Whether the figure at ``at`` of a sentence is about information requests (the paragraph speaks of
    申请): the clause holding the figure does not count another channel (网络问政, 信访 …)."""
    start = max(compact.rfind(p, 0, at) for p in "，,；;：:")
    end_candidates = [i for p in "，,；;" if (i := compact.find(p, at)) >= 0]
    clause = compact[start + 1: min(end_candidates) if end_candidates else len(compact)]
    if _REQUESTS_TOPIC.search(clause):
        return True
    if _OTHER_TOPICS.search(clause):
        return False
    if not generic:
        return True  # an outcome phrase (予以公开, 不予处理 …) is itself about requests
    # A clause that names no topic (全年共受理859件) belongs to the request figures only when the
    # sentence speaks of 申请 before it; otherwise it may count anything (收到各类来件182件).
    return bool(_REQUESTS_TOPIC.search(compact, 0, max(start, 0)))


def _check_sentence(figures: Figures, sentence: str, where: str, notes: Notes, requests_topic: bool,
                    known: dict[int, tuple[list[int], bool]] | None = None) -> None:
    if "件" not in sentence:
        return  # every claim quotes a count of 件
    report = figures.report
    compact = re.sub(r"\s+", "", sentence)
    known = {} if known is None else known
    for zh, en, pattern, getter in claims(report.edition):
        about_requests = getter in _request_getters(report.edition)
        for m in pattern.finditer(compact):
            generic = getter is _received or getter is _results_total
            if about_requests and not (requests_topic and _about_requests(compact, m.start(), generic)):
                continue
            figure = next(g for g in m.groups() if g)
            quoted = int(figure.replace(",", "").replace("，", ""))
            if id(getter) not in known:
                figures.used_candidates = False
                known[id(getter)] = (getter(figures), figures.used_candidates)
            table_values, from_candidates = known[id(getter)]
            if not table_values or quoted in table_values:
                continue
            shown = " 或 ".join(str(v) for v in dict.fromkeys(table_values))
            shown_en = " or ".join(str(v) for v in dict.fromkeys(table_values))
            if from_candidates:
                shown = f"{shown}（表格数字连在一起未能读出，此为各种可能分法所得）"
                shown_en = f"{shown_en} (the table's digits run together and were not read; these are what every fitting split gives)"
            notes.add("narrative.mismatch", where,
                      f"正文称{zh} {quoted} 件，表格为 {shown}：“{sentence}”",
                      f"the text says {quoted} ({en}), the tables say {shown_en}: “{sentence}”")
