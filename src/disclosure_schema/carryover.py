"""Next year's report started from this year's: what the format carries over, and what it does not.

Why: a clerk starting next year's report retypes last year's closing figures,
and X1 (二、上年结转 = last year's 四、结转下年度继续办理) is among the relations most
often broken in published reports.  The format itself says which figures carry:

* X1 (both editions): table 三's 二、上年结转政府信息公开申请数量 is last year's
  四、结转下年度继续办理, column by column;
* X2 (2021 edition): 现行有效件数 = last year's 现行有效件数 + 本年制发 − 本年废止, so last
  year's 现行有效件数 is needed beside each row (it is not a cell of the new report);
* 2019 edition: a row's 上一年项目数量 is last year's 上一年项目数量 + 本年增/减.

The edition follows the new year (:func:`~disclosure_schema.taxonomy.edition_for_year`),
so a 2020 report carries into the 2021 edition as far as the two editions share
rows; everything that does not carry is named in :attr:`CarryOver.not_carried`.
The envelope (issuing body, contact, publication channel, 印发机关, 抄送) carries
as it is; the statistics period becomes the new calendar year.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .model import Period, Report, Value
from .taxonomy import edition_for_year

__all__ = ["CarryOver", "carry_over"]


@attrs.frozen
class CarryOver:
    """The new year's report to fill in, last year's report, and what could not be carried."""

    report: Report
    previous: Report
    carried: tuple[str, ...]
    """JSON pointers of the new report's cells filled from last year's."""
    not_carried: tuple[tuple[str, str], ...]
    """What did not carry over, as (Chinese, English) sentences."""


def _add(a: Value, b: Value) -> Value:
    if a is None or b is None:
        return None
    return a + b


def carry_over(previous: Report, year: int | None = None) -> CarryOver:
    """The report for ``year`` (default: the year after ``previous``) with what the format carries filled in."""
    year = previous.year + 1 if year is None else year
    edition = edition_for_year(year)
    report = Report.empty(
        edition.id,
        year,
        blank=True,
        issuer=previous.issuer,
        contact=previous.contact,
        publication=previous.publication,
        statistics_period=Period(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        copy_to=previous.copy_to,
        printed_by=previous.printed_by,
    )
    changes: dict[str, Value] = {}
    missing: list[tuple[str, str]] = []
    requests = previous.requests
    for column in requests.spec.row_index["carried_forward"].columns:
        value = requests.get("carried_forward", column.key)
        if value is not None:
            changes[f"/requests/carried_over/{column.key}"] = value
    if edition.id == "2019" and previous.edition == "2019":
        table = previous.proactive_disclosure
        for row in table.spec.rows:
            keys = {column.key for column in row.columns}
            if {"previous_items", "change"} <= keys:
                items = _add(table.get(row.key, "previous_items"), table.get(row.key, "change"))
                if items is not None:
                    changes[f"/proactive_disclosure/{row.key}/previous_items"] = items
    if previous.edition != edition.id:
        missing.append((
            f"{previous.year} 年度报告使用 {previous.edition} 版格式，{year} 年度使用 {edition.id} 版格式：表二的栏目不同，"
            "表二的数字均未带入；",
            f"the {previous.year} report uses the {previous.edition} edition and {year} the {edition.id} edition: "
            "table 二's columns differ, so none of its figures carry over;",
        ))
        stock = next((r for r in edition.relations if r.id == "X2"), None)
        if stock is not None:
            missing.append((
                f"上年报告没有 X2 所需的上年数字，X2（{stock.statement_zh}）今年无法核对",
                f"last year's report lacks the figures X2 needs ({stock.statement_en}); X2 cannot be checked this year",
            ))
    if not previous.issuer:
        missing.append(("上年报告没有发布机关，请在“报告正文”中填写", "last year's report names no issuing body; fill it in"))
    forward, over = requests.spec.row_index["carried_forward"], requests.spec.row_index["carried_over"]
    blank = [c.text for c in forward.columns if requests.get(forward.key, c.key) is None]
    if blank:
        missing.append((
            f"上年报告表三“{forward.text}”中 {'、'.join(blank)} 为空白，“{over.text}”的这些格未带入",
            f"last year's table 三 row {forward.key} is blank in {len(blank)} columns; those cells of {over.key} are left blank",
        ))
    report = report.with_cells(changes)
    return CarryOver(report, previous, tuple(changes), tuple(missing))
