"""The issue list (问题清单): one row per finding, to hand on to the body that must correct it.

A reviewer sends each body the list of what is wrong in its report.  Each row
names the file, the body (发布机关) and year, the place as the format prints it
(表, 行 and 列 in the official labels), the reported and the computed value, the
finding's code and level, the message in Chinese (or English) and whether the
finding was accepted (:mod:`disclosure_schema.accepted`).  Rows are sorted by
body, then year and file, then in the order the checks found them.  Written by
:mod:`disclosure_schema.spreadsheet`, so no text from a report becomes a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .accepted import Acceptance
from .validation import FileResult
from .violations import Violation

HEADER = {
    "zh": ("文件", "机关", "年度", "表", "行", "列", "填报值", "应为", "代码", "级别", "说明", "已接受"),
    "en": ("file", "body", "year", "table", "row", "column", "reported", "computed", "code", "level", "message", "accepted"),
}
LEVELS = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def issue_rows(results: Iterable[FileResult], lang: str = "zh") -> list[list[Any]]:
    """Every finding of every result as a row of :data:`HEADER`, sorted by body, year and file."""
    keyed: list[tuple[tuple[str, int, str, int], list[Any]]] = []
    for result in results:
        report = result.report
        body = (report.issuer or "") if report else ""
        year = report.year if report else 0
        review = result.review
        pairs: list[tuple[Violation, Acceptance | None]] = [(v, None) for v in result.violations]
        if review is not None:
            pairs.extend(review.accepted)
        for order, (violation, accepted) in enumerate(pairs):
            keyed.append(((body, year, result.source, order), _row(result.source, body, year if report else None, violation, accepted, lang)))
    keyed.sort(key=lambda item: item[0])
    return [row for _, row in keyed]


def _row(source: str, body: str, year: int | None, v: Violation, accepted: Acceptance | None, lang: str) -> list[Any]:
    location = v.location
    if accepted is None:
        flag = "no" if lang == "en" else "否"
    elif lang == "en":
        flag = f"yes: {accepted.who} {accepted.date}: {accepted.reason}"
    else:
        flag = f"是：{accepted.who} {accepted.date}，{accepted.reason}"
    return [
        source,
        body,
        year,
        f"表{location.table}" if location and lang != "en" else (f"table {location.table}" if location else ""),
        " ".join(location.row) if location else "",
        "·".join(location.column) if location else v.pointer,
        _value(v.reported),
        _value(v.computed),
        v.code,
        LEVELS[lang if lang in LEVELS else "zh"][v.level.value],
        v.message(lang),
        flag,
    ]


def _value(value: Any) -> Any:
    if value is None or (isinstance(value, (int, Decimal)) and not isinstance(value, bool)):
        return value
    return str(value)
