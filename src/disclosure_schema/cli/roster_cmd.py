"""``disclosure-schema roster ROSTER.csv DIR...``: which bodies have published, per year.

For every body of the roster and every year: the report found (matched by 发布机关),
missing, invalid (errors of its own), or published after the deadline of 条例
第四十九条 judged by the report's own date.  A table on the terminal; ``-o`` also
writes it as CSV or XLSX.  Reports naming no roster body are listed, never
dropped.  Exit 0 when every body published a valid report on time, 1 otherwise,
2 when the command cannot run (a roster with problems names each one).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line, refuse_overwriting

if TYPE_CHECKING:
    from ..publication import Publication

HEADER = {
    "zh": ("年度", "机关", "层级", "上级", "情况", "报告日期", "截止日期", "逾期天数", "错误数", "文件"),
    "en": ("year", "body", "level", "parent", "status", "report date", "deadline", "days late", "errors", "file"),
}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "roster",
        help="which bodies of a roster have published, per year (missing, invalid, late) / 名册：谁发布了年报",
        description=(
            "按名册（CSV：body,level,parent 或 机关,层级,上级）核对每个机关每个年度的年报：已发布、未发布、无效、逾期"
            "（条例第四十九条：部门和乡镇 1 月 31 日前，县级以上人民政府 3 月 31 日前；以报告自身的发布日期、成文日期或印发日期为准）。"
            "退出码 0 全部按时发布且有效，1 有缺漏、无效或逾期，2 无法运行。"
        ),
    )
    parser.add_argument("roster", metavar="ROSTER", help="the roster CSV: body,level,parent")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    parser.add_argument("--year", type=int, action="append", dest="years", metavar="YEAR", help="only these years (repeatable; default: every year the reports cover)")
    parser.add_argument("-o", "--output", metavar="FILE", help="also write the table as .csv or .xlsx")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every file with this reader")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..checker import check
    from ..publication import Checked, publication
    from ..roster import RosterError, load_roster
    from ..spreadsheet import SpreadsheetError, format_for, write_rows
    from .loading import load_reports

    lang = args.lang
    if args.output:
        try:
            format_for(args.output)
        except SpreadsheetError as exc:
            raise UsageError(str(exc)) from exc
    try:
        roster = load_roster(args.roster)
    except RosterError as exc:
        error_line("roster cannot be used:" if lang == "en" else "名册有问题，无法核对：")
        for zh, en in exc.problems:
            error_line("  " + (en if lang == "en" else zh))
        return EXIT_USAGE
    loaded = load_reports(args.paths, reader=args.reader, lang=lang)
    checked = [Checked(path, report, tuple(check(report))) for path, report in loaded.reports]
    result = publication(roster, checked, years=args.years)
    rows = table_rows(result, lang)
    for path, _ in loaded.unreadable:
        rows.append(["", "", "", "", "无法读取" if lang != "en" else "unreadable", "", "", "", "", path])
    if args.output_format == "json":
        json.dump([dict(zip(HEADER["en"], row, strict=True)) for row in rows], sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(HEADER[lang], rows))
        sys.stdout.write(summary(result, lang))
    if args.output:
        read = [args.roster, *(path for path, _ in loaded.reports), *(path for path, _ in loaded.unreadable)]
        refuse_overwriting("-o", args.output, read)
        try:
            write_rows(args.output, HEADER[lang], rows, sheet="发布情况" if lang != "en" else "publication")
        except SpreadsheetError as exc:
            raise UsageError(str(exc)) from exc
        error_line(f"{args.output}: written" if lang == "en" else f"{args.output}：已写入")
    from ..publication import Status

    complete = all(s.status in (Status.PUBLISHED, Status.UNDATED) for s in result.standings)
    return EXIT_OK if complete and not result.strays and not loaded.unreadable else EXIT_INVALID


def table_rows(result: Publication, lang: str) -> list[list[Any]]:
    """One row per body and year, then one per report that fits no roster entry."""
    from ..publication import STATUS_WORDS
    from ..roster import LEVEL_NAMES

    index = 1 if lang == "en" else 0
    rows: list[list[Any]] = []
    for s in result.standings:
        status = STATUS_WORDS[s.status][index]
        if s.late and s.status is not s.status.LATE:
            status += "; late" if lang == "en" else "，逾期发布"
        rows.append([
            s.year,
            s.entry.body,
            LEVEL_NAMES[s.entry.level][index],
            s.entry.parent or "",
            status,
            s.date.isoformat() if s.date else "",
            s.deadline.isoformat(),
            s.days_late or "",
            s.report.errors if s.report else "",
            s.report.source if s.report else "",
        ])
    for stray in result.strays:
        if stray.duplicate_of:
            status = f"second report (first: {stray.duplicate_of})" if lang == "en" else f"重复报告（已有 {stray.duplicate_of}）"
        else:
            status = "issuer not in roster" if lang == "en" else "发布机关不在名册中"
        rows.append([stray.year, stray.issuer or "", "", "", status, "", "", "", "", stray.source])
    return rows


def summary(result: Publication, lang: str) -> str:
    from ..publication import Status

    counts = {status: len(result.of(status)) for status in Status}
    late = sum(1 for s in result.standings if s.late)
    if lang == "en":
        return (
            f"{len(result.standings)} body-years: {counts[Status.PUBLISHED]} on time, {late} late, "
            f"{counts[Status.INVALID]} invalid, {counts[Status.MISSING]} missing, {counts[Status.UNDATED]} undated; "
            f"{len(result.strays)} reports fit no roster entry\n"
        )
    return (
        f"共 {len(result.standings)} 个机关年度：按时发布 {counts[Status.PUBLISHED]}，逾期 {late}，无效 {counts[Status.INVALID]}，"
        f"未发布 {counts[Status.MISSING]}，日期不明 {counts[Status.UNDATED]}；{len(result.strays)} 份报告对不上名册\n"
    )


def render(header: tuple[str, ...], rows: list[list[Any]]) -> str:
    """A plain table, columns padded by display width (CJK characters count two)."""
    shown = [[str(v) for v in header]] + [["" if v is None else _one_line(str(v)) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in shown) for i in range(len(header))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip() for row in shown]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text if len(text) <= 60 else text[:20] + "…" + text[-39:]  # a path's end names the file


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
