"""From a neutral :data:`~disclosure_schema_readers.document.Document` to a typed :class:`Report`.

Why one recognizer for every reader: the format is the same whatever the file type, so the
knowledge of it (edition markers, headings, labels, envelope conventions) lives here once, and
every reader (text, HTML, Word, PDF) only has to produce lines and grids.  The steps:

1. the edition, from the labels only one edition prints (``Edition.marker_labels``), not the year;
2. the tables, row by row (:mod:`tables`), and, where no table grid exists, from text in which the
   cells run together (:mod:`inline`);
3. the six sections by their headings, their blocks, and the envelope around them (:mod:`envelope`);
4. numbers quoted in the text compared with the tables (:mod:`crosscheck`).

Everything normalised, missing or ambiguous becomes a :class:`ReadingNote`.
"""

from __future__ import annotations

import datetime as dt
import re

from disclosure_schema.model import TABLE_KEYS, Reading, Report, Section, TableData, Value
from disclosure_schema.plugins import ReadError, ReadingNote, ReadResult
from disclosure_schema.taxonomy import EDITIONS, edition_for_year

from .crosscheck import cross_check
from .document import Document, Grid, GridTooLarge, Line
from .envelope import PUBLISHED, Head, find_title, join_wrapped_title, read_head, read_tail, title_parts, year_in_text
from .inline import read_inline
from .labels import LabelSet, norm
from .layout import EditionLayout, layout_for
from .narrative import find_heading, join_paragraphs, make_section, split_inline_headings, wrap_of
from .notes import Notes
from .rows import TableReading
from .tables import read_tables
from .values import read_values

__all__ = ["detect_edition", "recognize"]

MAX_ITEMS = 200_000
MIN_SECTIONS_WITHOUT_TABLES = 2
"""A text with no row of the tables is read as a report only when it prints at least this many headings."""


def _all_text(document: Document) -> str:
    parts: list[str] = []
    for item in document:
        if isinstance(item, Line):
            parts.append(item.text)
        else:
            parts.extend(cell.text for row in item.rows for cell in row)
    return "\n".join(parts)


def detect_edition(document: Document, year: int | None, notes: Notes, source: str) -> str:
    """The edition whose marker labels the document prints; the year decides only when none is printed."""
    text = norm.__wrapped__(_all_text(document).replace("\n", ""))  # the whole text: not kept in norm's cache
    found = {eid: [m for m in ed.marker_labels if norm(m) in text] for eid, ed in EDITIONS.items()}
    ranked = sorted(found, key=lambda eid: len(found[eid]), reverse=True)
    best = ranked[0]
    if not found[best]:
        if year is None:
            raise ReadError([ReadingNote("read.not_a_report", source,
                                         "未找到年度报告的表格标签，也无法确定报告年度：不像政府信息公开工作年度报告",
                                         "no table labels of the annual report and no report year: not an annual report")])
        eid = edition_for_year(year).id
        notes.add("edition.by_year", source, f"未找到区分格式版本的标签，按报告年度 {year} 采用 {eid} 版格式",
                  f"no label tells the editions apart; edition {eid} assumed from the report year {year}")
        return eid
    if len(ranked) > 1 and found[ranked[1]]:
        other = ranked[1]
        notes.add("edition.mixed", source,
                  f"同时出现 {best} 版标签（{'、'.join(found[best])}）和 {other} 版标签（{'、'.join(found[other])}），按 {best} 版读取",
                  f"labels of edition {best} ({', '.join(found[best])}) and of edition {other} ({', '.join(found[other])}); "
                  f"read as edition {best}")
    if year is not None and edition_for_year(year).id != best:
        notes.add("edition.layout", source,
                  f"{year} 年度报告使用了 {best} 版格式（依据：{'、'.join(found[best])}）",
                  f"the {year} report uses the layout of edition {best} (labels: {', '.join(found[best])})")
    return best


def recognize(document: Document, source: str) -> ReadResult:
    """The report in ``document`` with every reading note (see the module docstring)."""
    if len(document) > MAX_ITEMS:
        raise ReadError([ReadingNote("read.too_large", source, f"文档过大（{len(document)} 段）", "document too large")])
    notes = Notes()
    lines_only = [item for item in document if isinstance(item, Line)]
    head_year = _early_year(lines_only)
    edition_id = detect_edition(document, head_year, notes, source)
    layout = layout_for(edition_id)
    try:
        reading = read_tables(document, layout, notes)
    except GridTooLarge as exc:
        raise ReadError([ReadingNote("read.too_large", source, f"表格过大：{exc}", f"table too large: {exc}")]) from exc

    # Running text: lines, plus grids that held no table (a signature line split by spaces, say).
    flow: list[Line | Grid] = []
    for item in document:
        if isinstance(item, Grid) and id(item) not in reading.table_grids:
            for r, row in enumerate(item.rows):
                text = " ".join(c.text.strip() for c in row if c.text.strip())
                if text:
                    flow.append(Line(text, row[0].where if row else f"{item.where} row {r + 1}"))
        else:
            flow.append(item)
    headings = layout.section_headings
    if not any(isinstance(i, Line) and find_heading(i.text, headings) for i in flow):
        flow = _split_flow(flow, headings)
    _inline_tables(flow, layout, reading, notes)
    report, candidates = _assemble(flow, layout, reading, notes, source, head_year)
    cross_check(report, notes, candidates)
    return ReadResult(report, notes.as_tuple())


def _early_year(lines: list[Line]) -> int | None:
    """The year of the title, or else of the opening words, if the start prints one (used before the sections
    are found, to choose an edition when no label tells)."""
    year = title_parts(join_wrapped_title([line.text for line in lines[:40]]))[3]
    return year if year is not None else year_in_text("".join(line.text for line in lines[:5])[:500])


def _split_flow(flow: list[Line | Grid], headings: LabelSet) -> list[Line | Grid]:
    out: list[Line | Grid] = []
    pending: list[Line] = []
    for item in flow:
        if isinstance(item, Line):
            pending.append(item)
        else:
            out.extend(split_inline_headings(pending, headings) if pending else [])
            pending = []
            out.append(item)
    out.extend(split_inline_headings(pending, headings))
    return out


def _inline_tables(flow: list[Line | Grid], layout: EditionLayout, reading: TableReading, notes: Notes) -> None:
    missing = [t for t in ("proactive_disclosure", "requests", "review_and_litigation")
               if not any(key.startswith(t + "/") for key in reading.seen_rows)]
    if missing:
        read_inline([i for i in flow if isinstance(i, Line)], layout, reading, notes, missing)


def _prints_figures(reading: TableReading) -> bool:
    """Whether any matched row prints a digit: labels with words beside them (a list of the rows) are not a table."""
    texts = [figure.text for figure in reading.unplaced]
    for row in reading.rows:
        if row.run is not None:
            texts.append(row.run.text)
        texts.extend(figure.text for figure in row.figures or () if figure is not None)
        texts.extend(figure.text for figure in row.unplaced)
    return any(_DIGIT.search(text) for text in texts)


_DIGIT = re.compile(r"[0-9０-９]")


def _assemble(flow: list[Line | Grid], layout: EditionLayout, reading: TableReading, notes: Notes, source: str,
              head_year: int | None) -> tuple[Report, dict[str, frozenset[Value]]]:
    """The report, and for each cell unread in an ambiguous run the values its fitting splits give it."""
    edition = layout.edition
    headings = layout.section_headings
    by_heading = {s.heading: s for s in edition.sections}
    order = [s.heading for s in edition.sections]
    starts: list[tuple[int, str, str]] = []  # (flow index, section key, printed heading)
    seen: set[str] = set()
    last = -1
    for k, item in enumerate(flow):
        if isinstance(item, Line):
            m = find_heading(item.text, headings, order[last + 1:last + 3])
            if m is None:
                continue
            last = max(last, order.index(m.official))
            section = by_heading[m.official]
            if section.key in seen:
                notes.add("section.repeated", item.where, f"第{section.number}部分标题重复出现，按正文读取",
                          f"section {section.number}'s heading printed again; kept as text")
                continue
            seen.add(section.key)
            starts.append((k, section.key, item.text.strip()))
            if m.how not in ("exact", "layout"):
                notes.add("section.heading", item.where, f"标题“{item.text.strip()}”读作“{m.official}”",
                          f"heading {item.text.strip()!r} read as {m.official!r}")
    first = starts[0][0] if starts else len(flow)
    head_lines = [i for i in flow[:first] if isinstance(i, Line)]
    texts = join_wrapped_title([line.text for line in head_lines])
    title_index = next((k for k, t in enumerate(texts) if find_title(t)), -1)
    preamble_lines = [t for t in texts[title_index + 1:] if not _is_meta(t)]
    head = read_head(texts, preamble_lines)
    year = head.year
    if year is None:
        year = _year_without_title(head, preamble_lines, flow, starts, notes, source) or head_year
    if year is None:
        raise ReadError([ReadingNote("read.no_year", source, "无法确定报告年度（标题中未见“XXXX年”）",
                                     "cannot tell the report year (no year in the title)")])
    if not _prints_figures(reading) and len(starts) < MIN_SECTIONS_WITHOUT_TABLES:
        # Neither a figure in the tables nor the sections of a report: a text that only talks about
        # reports (a README, a notice, a list of sources, even one that tabulates the labels) is not one.
        raise ReadError([ReadingNote("read.not_a_report", source,
                                     "未找到年度报告的表格，部分标题也不足两个：不像政府信息公开工作年度报告",
                                     "no table of the report and fewer than two section headings: not an annual report")])
    _envelope_notes(head, year, notes, source)
    table_sections = {s.key for s in edition.sections if s.table}
    prose: list[str] = list(preamble_lines)
    for n, (k, key, _) in enumerate(starts):
        if key not in table_sections:
            end = starts[n + 1][0] if n + 1 < len(starts) else len(flow)
            prose.extend(i.text for i in flow[k + 1:end] if isinstance(i, Line))
    wrap = wrap_of(prose)
    sections: dict[str, Section] = {}
    tail_lines: list[str] = []
    for n, (k, key, printed) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(flow)
        body = [i.text for i in flow[k + 1:end] if isinstance(i, Line) and id(i) not in reading.table_lines]
        if n == len(starts) - 1:
            tail = read_tail(body)
            tail_lines = body[len(body) - tail.consumed:] if tail.consumed else []
            body = body[: len(body) - tail.consumed]
        sections[key] = make_section(printed, join_paragraphs(body, wrap))
    tail = read_tail(tail_lines)
    for section in edition.sections:
        if section.key not in sections:
            notes.add("section.missing", source, f"未找到第{section.number}部分“{section.heading}”",
                      f"section {section.number} ({section.heading}) not found")
    cells = read_values(reading, edition, notes, source)
    by_table: dict[str, dict[str, Value]] = {key: {} for key in TABLE_KEYS}
    for pointer, value in cells.values.items():
        table, _, key = pointer.lstrip("/").partition("/")
        by_table[table][key] = value
    # One report built with its tables filled (each cell's kind checked by ``replace``), not an empty
    # one copied with the cells set: the report's checks then run once.
    tables = {table: TableData.blank(edition.table(table)).replace(changes) for table, changes in by_table.items()}
    report = Report(
        edition=edition.id, year=year, **tables,
        issuer=head.issuer, document_number=head.document_number, title=head.title,
        publication_date=head.publication_date, preamble=head.preamble, statistics_period=head.statistics_period,
        publication=head.publication, contact=head.contact, sections=sections,
        signature=tail.signature, signature_date=tail.signature_date, copy_to=tail.copy_to,
        printed_by=tail.printed_by, printed_date=tail.printed_date,
        reading=Reading(frozenset(cells.unread), cells.settled),
    )
    return report, cells.candidates


def _year_without_title(head: Head, preamble: list[str], flow: list[Line | Grid], starts: list[tuple[int, str, str]],
                        notes: Notes, source: str) -> int | None:
    """No title names the year (a crawled article body): take it from the opening paragraph, the
    statistics period, or the first lines of section 一, in that order, and say where."""
    year = year_in_text("".join(preamble))
    if year is not None:
        notes.add("envelope.year", source, f"未找到报告标题，报告年度 {year} 取自开头段落",
                  f"no title; the report year {year} is taken from the opening paragraph")
        return year
    if head.statistics_period is not None:
        year = head.statistics_period.end.year
        notes.add("envelope.year", source, f"未找到报告标题，报告年度 {year} 取自统计期限",
                  f"no title; the report year {year} is taken from the statistics period")
        return year
    if starts:
        first = starts[0][0]
        for item in flow[first:first + 4]:
            if isinstance(item, Line) and (year := year_in_text(item.text)) is not None:
                notes.add("envelope.year", item.where, f"未找到报告标题，报告年度 {year} 取自第一部分开头",
                          f"no title; the report year {year} is taken from the start of section 1")
                return year
    return None


def _envelope_notes(head: Head, year: int, notes: Notes, source: str) -> None:
    """What the opening of a report normally states but this one does not (or states oddly)."""
    if head.title is None:
        notes.add("envelope.no_title", source, "未找到报告标题", "no report title found")
    if head.statistics_period is None:
        notes.add("envelope.no_period", source, "开头段落中未找到统计期限", "no statistics period in the opening paragraph")
    elif (head.statistics_period.start, head.statistics_period.end) != (dt.date(year, 1, 1), dt.date(year, 12, 31)):
        period = head.statistics_period
        notes.add("envelope.period", source, f"统计期限 {period.start} 至 {period.end} 不是 {year} 年全年",
                  f"the statistics period {period.start} to {period.end} is not the calendar year {year}")
    if head.contact is None:
        notes.add("envelope.no_contact", source, "开头段落中未找到联系方式", "no contact details in the opening paragraph")


def _is_meta(text: str) -> bool:
    return bool(PUBLISHED.search(text)) and len(text) <= 60
