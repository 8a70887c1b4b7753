"""``disclosure-schema series DIR|FILE...``: one body's reports over the years, checked pair by pair.

A sub-command of its own rather than a ``validate`` option: its output is a table
of years, not a list of files.  Exit code 1 when any year has an error (X1
included) or a year has two reports; gaps between years are reported as warnings.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..series import Figure, Series

from .common import EXIT_INVALID, EXIT_OK, add_lang, error_line


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "series",
        help="check one body's reports over several years (X1/X2, gaps) / 核对同一机关的历年报告",
        description=(
            "同一机关多个年度的报告：逐年校验，相邻两年核对 X1（上年结转 = 上年结转下年）和 X2，"
            "指出缺少的年度，并逐年列出主要数字。PATH 可以是目录。退出码 0 无错误，1 有错误，2 无法运行。"
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a directory of reports, or report files")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every file with this reader")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..series import FIGURES, SeriesError, check_series
    from .loading import load_reports

    lang = args.lang
    found = load_reports(args.paths, reader=args.reader, lang=lang, shown=None)
    loaded = list(found.reports)
    unreadable = len(found.unreadable)
    try:
        series = check_series(loaded)
    except SeriesError as exc:
        error_line(exc.message(lang))
        return EXIT_INVALID
    if args.output_format == "json":
        json.dump(_series_json(series, lang, FIGURES), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_series_text(series, lang, FIGURES))
    return EXIT_OK if series.valid and not unreadable else EXIT_INVALID


def _series_json(series: Series, lang: str, figures: Sequence[Figure]) -> dict[str, Any]:
    rows = series.figures()
    from ..taxonomy.indicators import INDICATORS

    return {
        "indicators": [{"key": i.key, "label": i.label_en if lang == "en" else i.label_zh} for i in INDICATORS],
        "issuers": list(series.issuers),
        "valid": series.valid,
        "missing_years": list(series.missing_years),
        "figures": [{"key": f.key, "label": f.label, "pointers": list(f.pointers)} for f in figures],
        "years": [
            {
                "year": year.year,
                "file": year.source,
                "edition": year.report.edition,
                "compared_with_previous": year.compared_with_previous,
                "errors": year.errors,
                "warnings": year.warnings,
                "figures": {key: value if value is None or isinstance(value, int) else str(value) for key, value in row.items()},
                "unread_figures": [f.key for f in figures if f.unread(year.report)],
                "indicators": {key: None if value is None else str(value) for key, value in ratios.items()},
                "findings": [v.to_json(lang) for v in year.findings],
            }
            for year, row, ratios in zip(series.years, rows, series.indicators(), strict=True)
        ],
    }


def _series_text(series: Series, lang: str, figures: Sequence[Figure]) -> str:
    en = lang == "en"
    by_year = dict(zip((y.year for y in series.years), zip(series.years, series.figures(), strict=True), strict=True))
    first, last = series.years[0].year, series.years[-1].year
    years = list(range(first, last + 1))
    missing = "missing" if en else "缺"
    unread = "unread" if en else "未能读取"
    header = ["year" if en else "年度", *(str(y) for y in years)]
    table = [header]
    for figure in figures:
        cells = [figure.label]
        for y in years:
            value = by_year[y][1][figure.key] if y in by_year else None
            if y in by_year and figure.unread(by_year[y][0].report):
                cells.append(unread)
                continue
            cells.append(missing if y not in by_year else "" if value is None else str(value))
        table.append(cells)
    from ..taxonomy.indicators import INDICATORS

    ratios = dict(zip((y.year for y in series.years), series.indicators(), strict=True))
    for indicator in INDICATORS:
        cells = [indicator.label_en if en else indicator.label_zh]
        for y in years:
            value = ratios[y][indicator.key] if y in ratios else None
            cells.append(missing if y not in ratios else "" if value is None else f"{value:.2%}")
        table.append(cells)
    table.append(["errors" if en else "错误", *(str(by_year[y][0].errors) if y in by_year else missing for y in years)])
    table.append(["warnings" if en else "警告", *(str(by_year[y][0].warnings) if y in by_year else missing for y in years)])
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for row in table:
        cells = [_pad(row[0], widths[0], left=True), *(_pad(c, w, left=False) for c, w in zip(row[1:], widths[1:], strict=True))]
        lines.append("  ".join(cells).rstrip())
    if series.issuers:
        lines.insert(0, ("body: " if en else "机关：") + ("; ".join(series.issuers) if en else "；".join(series.issuers)))
    if len(series.issuers) > 1:
        lines.append("warning: the reports name different bodies" if en else "警告：这些报告的发布机关不一致")
    if series.missing_years:
        listed = ", ".join(str(y) for y in series.missing_years)
        lines.append(
            f"warning: no report for {listed}; X1 not checked across the gap"
            if en
            else f"警告：缺少 {listed} 年度的报告，跨过缺口的年份无法核对 X1"
        )
    for year in series.years:
        for v in year.findings:
            if v.level.value == "error":
                lines.append(f"{year.year} {year.source}: [{v.code}] {v.message(lang)}")
    for year in series.years:
        for v in year.findings:
            if (
                v.code.startswith("X2")
                or v.code == "X1.not_checkable"
                or (v.level.value == "warning" and v.code.startswith("cross_year"))
            ):
                lines.append(f"{year.year} {year.source}: [{v.code}] {v.message(lang)}")
    verdict = ("series valid" if series.valid else "series has errors") if en else ("序列无错误" if series.valid else "序列有错误")
    lines.append(verdict)
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, left: bool) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text
