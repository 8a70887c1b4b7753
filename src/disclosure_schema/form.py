"""The fill-in page: one self-contained offline HTML file in which a clerk types the whole report.

Clerks who cannot install software all have a browser.  :func:`build_form` writes a
page that needs nothing else -- no server, no network, no external script or font --
so it works from a USB stick or an e-mail attachment.  Everything on it is derived:

- the envelope fields carry the titles the model declares (``attrs`` metadata), the
  six sections their official headings and the template's hints;
- tables 二, 三 and 四 are laid out from :func:`~disclosure_schema.presentation.table_grid`,
  the geometry the XLSX workbook and the PDF draw, labels verbatim;
- the checks run in the page from the published rules document
  (:func:`~disclosure_schema.rules.publish`, ``schemas/rules-<edition>.json``) by the
  JavaScript checker ``web/checker.js`` (published as ``js/checker.js``), which
  also carries the message templates of :mod:`disclosure_schema.messages`: the
  page says what ``validate`` says, from one source.

Every text that reaches the page is escaped: labels and values in HTML with
:func:`html.escape`, data in ``<script type="application/json">`` blocks with
``<``, ``>`` and ``&`` written as ``\\u`` escapes, so no report text can close a tag.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from importlib import resources
from typing import Any

import attrs

from .converter import MAX_MAGNITUDE, unstructure_report
from .model import YEARS, Contact, Period, Report
from .presentation import CellSlot, LabelBox, TableGrid, table_grid
from .rules import publish
from .taxonomy import EDITIONS, Edition, Table
from .violations import Location

ENVELOPE_HEAD = ("issuer", "document_number", "title", "publication_date")
"""Envelope fields printed before the statistics period, in the report's own order."""
ENVELOPE_TAIL = ("signature", "signature_date", "copy_to", "printed_by", "printed_date")
"""The 公文 tail after section 六: signing body, date, 抄送 and 印发."""
MULTILINE_FIELDS = frozenset({"preamble"})
DATE_FIELDS = frozenset({"publication_date", "signature_date", "printed_date"})


def _asset(name: str) -> str:
    return resources.files("disclosure_schema").joinpath("web").joinpath(name).read_text(encoding="utf-8")


def checker_source() -> str:
    """The JavaScript checker the page embeds (also published as ``js/checker.js``)."""
    return _asset("checker.js")


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``, whatever its strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _title(cls: type, name: str) -> str:
    title: str = attrs.fields_dict(cls)[name].metadata.get("title", name)
    return title


def _field(path: str, title: str, *, kind: str = "text", hint: str = "") -> str:
    ident = "f-" + path.replace("/", "-")
    label = f'<label for="{ident}">{_e(title)}</label>'
    placeholder = f' placeholder="{_e(hint)}"' if hint else ""
    if kind == "textarea":
        control = f'<textarea id="{ident}" data-field="{_e(path)}" rows="3"{placeholder}></textarea>'
    elif kind == "date":
        control = f'<input id="{ident}" type="date" data-field="{_e(path)}" min="1990-01-01" max="2100-12-31">'
    elif kind == "year":
        control = (
            f'<input id="{ident}" data-field="{_e(path)}" inputmode="numeric" maxlength="4" class="year"{placeholder}>'
        )
    else:
        control = f'<input id="{ident}" data-field="{_e(path)}"{placeholder}>'
    return f'<div class="field field-{kind}">{label}{control}</div>'


def _envelope(edition: Edition) -> str:
    parts = [_field(name, _title(Report, name)) for name in ENVELOPE_HEAD if name not in DATE_FIELDS]
    parts.append(_field("year", _title(Report, "year"), kind="year"))
    parts += [_field(name, _title(Report, name), kind="date") for name in ENVELOPE_HEAD if name in DATE_FIELDS]
    period = _title(Report, "statistics_period")
    parts += [
        _field(f"statistics_period/{f.name}", f"{period}：{_title(Period, f.name)}", kind="date") for f in attrs.fields(Period)
    ]
    parts.append(_field("preamble", _title(Report, "preamble"), kind="textarea"))
    contact = _title(Report, "contact")
    parts += [_field(f"contact/{f.name}", f"{contact}：{_title(Contact, f.name)}") for f in attrs.fields(Contact)]
    parts.append(_field("publication", _title(Report, "publication")))
    return '<section class="envelope" id="envelope"><div class="fields">' + "".join(parts) + "</div></section>"


def _tail() -> str:
    parts = [
        _field(name, _title(Report, name), kind="date" if name in DATE_FIELDS else "text") for name in ENVELOPE_TAIL
    ]
    return '<section class="envelope tail" id="tail"><div class="fields">' + "".join(parts) + "</div></section>"


def _label_cell(box: LabelBox) -> str:
    span = (f' rowspan="{box.rows}"' if box.rows > 1 else "") + (f' colspan="{box.columns}"' if box.columns > 1 else "")
    tag = "th"
    return f'<{tag} class="lbl {box.role.value}"{span}>{_e(box.text)}</{tag}>'


def _slot_cell(slot: CellSlot) -> str:
    cell = slot.cell
    span = f' colspan="{slot.columns}"' if slot.columns > 1 else ""
    where = Location.of(cell).words("zh")
    return (
        f'<td class="slot"{span}><input class="cell" data-ptr="{_e(cell.pointer)}" data-kind="{cell.kind.value}" '
        f'data-r="{slot.row}" data-c="{slot.column}" inputmode="numeric" autocomplete="off" '
        f'aria-label="{_e(where)}" title="{_e(where)}"></td>'
    )


def table_html(grid: TableGrid) -> str:
    """A table as the template prints it: merged label cells, one input per figure."""
    starts: dict[int, list[tuple[int, str]]] = {}
    for box in grid.labels:
        starts.setdefault(box.row, []).append((box.column, _label_cell(box)))
    for slot in grid.slots:
        starts.setdefault(slot.row, []).append((slot.column, _slot_cell(slot)))
    rows = []
    for line in range(grid.height):
        cells = "".join(text for _, text in sorted(starts.get(line, [])))
        rows.append(f"<tr>{cells}</tr>")
    head = f"<thead>{''.join(rows[: grid.header_rows])}</thead>" if grid.header_rows else ""
    colgroup = "".join(
        f'<col class="{"label-col" if i < grid.label_columns else "value-col"} c{i}">' for i in range(grid.width)
    )
    table = grid.table
    return (
        f'<table class="grid layout-{table.layout.value}" data-table="{_e(table.key)}">'
        f"<colgroup>{colgroup}</colgroup>{head}<tbody>{''.join(rows[grid.header_rows :])}</tbody></table>"
    )


def _section(edition: Edition, key: str) -> str:
    section = edition.section_index[key]
    heading = f'<h2 id="s-{_e(key)}">{_e(section.heading)}</h2>'
    if section.table is not None:
        table: Table = edition.table(section.table)
        body = (
            f'<ul class="findings" data-table="{_e(table.key)}" aria-live="polite"></ul>'
            f'<div class="table-wrap">{table_html(table_grid(table))}</div>'
        )
    else:
        hint = section.hint or ""
        body = (
            f'<textarea class="section-text" data-section="{_e(key)}" rows="6" placeholder="{_e(hint)}" '
            f'aria-label="{_e(section.heading)}"></textarea><div class="print-text" data-print-for="{_e(key)}"></div>'
        )
    layout = f" table-{edition.table(section.table).layout.value}" if section.table is not None else ""
    return f'<section class="part{layout}" data-key="{_e(key)}">{heading}{body}</section>'


def default_year(edition: Edition, today: dt.date | None = None) -> int:
    """Last calendar year, kept within the years the edition applies to."""
    year = (today or dt.date.today()).year - 1
    return max(edition.first_year, min(year, edition.last_year or year))


def build_form(edition_id: str, *, previous: Report | None = None, report: Report | None = None) -> str:
    """The whole page as HTML text.

    ``previous`` (last year's report) turns on X1/X2; ``report`` (a draft) fills the
    page.  Raises ``ValueError`` when the draft's edition is not ``edition_id``.
    """
    edition = EDITIONS[edition_id]
    if report is not None and report.edition != edition_id:
        raise ValueError(f"the draft is a {report.edition}-edition report, the page is for the {edition_id} edition")
    config = {
        "edition": edition.id,
        "source": edition.source,
        "title": edition.title,
        "defaultYear": default_year(edition),
        "years": [YEARS.start, YEARS.stop - 1],
        "maxMagnitude": MAX_MAGNITUDE,
        "schemaId": f"urn:disclosure-schema:annual-report-{edition.id}",
        "sections": [
            {"key": s.key, "heading": s.heading, "table": s.table} for s in edition.sections
        ],
        "envelopeHead": ["issuer", "document_number", "title", "publication_date", "preamble", "statistics_period",
                         "publication", "contact"],
        "envelopeTail": list(ENVELOPE_TAIL),
        "contactKeys": [f.name for f in attrs.fields(Contact)],
        "tables": [t.key for t in edition.tables],
        "generated": dt.date.today().isoformat(),
    }
    data = {
        "config": config,
        "rules": publish(edition_id),
        "previous": unstructure_report(previous) if previous is not None else None,
        "draft": unstructure_report(report) if report is not None else None,
    }
    sections = "".join(_section(edition, s.key) for s in edition.sections)
    page_title = f"{edition.title} · 填报（{edition.id} 版）"
    previous_note = (
        f"已载入上年（{previous.year} 年）报告，同时核对 X1/X2" if previous is not None else "未载入上年报告（不核对 X1/X2）"
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'">
<title>{_e(page_title)}</title>
<style>{_asset("form.css")}</style>
</head>
<body>
<header class="bar" id="bar">
  <div class="bar-title"><strong>{_e(edition.title)}</strong> <span class="muted">{_e(edition.source)} · {_e(previous_note)}</span></div>
  <div class="bar-counts" id="counts" role="status" aria-live="polite">
    <button type="button" class="count error" id="count-errors">错误 <b>0</b></button>
    <button type="button" class="count warning" id="count-warnings">警告 <b>0</b></button>
    <span class="count input" id="count-inputs" hidden>输入有误 <b>0</b></span>
    <span class="muted" id="saved-at"></span>
  </div>
  <div class="bar-actions">
    <button type="button" id="btn-totals" title="按各分项之和填入总计栏（改动已填的数前会先询问）">填入总计</button>
    <button type="button" id="btn-open" title="打开以前保存的报告 JSON 文件">打开…</button>
    <button type="button" id="btn-save" class="primary" title="下载报告 JSON 文件">保存</button>
    <button type="button" id="btn-print" title="打印草稿（Ctrl+P）">打印</button>
    <button type="button" id="btn-clear" title="清空页面重新填写（现在的内容先另存为备份草稿）">清空</button>
    <input type="file" id="file-open" accept=".json,application/json" hidden>
  </div>
  <div class="bar-status" id="status" role="status" aria-live="polite"></div>
</header>
<main id="main">
<h1>{_e(edition.title)}</h1>
<p class="print-only muted">草稿，打印于 <span id="print-date"></span></p>
{_envelope(edition)}
<ul class="findings general" data-table="" aria-live="polite"></ul>
{sections}
{_tail()}
</main>
<div class="callout" id="callout" hidden></div>
<div class="modal-back" id="modal" hidden><div class="modal" role="dialog" aria-modal="true"><div id="modal-text"></div><ul id="modal-list"></ul><div class="modal-buttons" id="modal-buttons"></div></div></div>
<script type="application/json" id="form-data">{_json_for_script(data)}</script>
<script>{checker_source()}</script>
<script>{_asset("form.js")}</script>
</body>
</html>
"""
