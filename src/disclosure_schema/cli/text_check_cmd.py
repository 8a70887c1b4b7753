"""``disclosure-schema text-check DIR...``: text repeated from last year's report, and long overviews.

The reports are grouped by body (发布机关); for each body's consecutive years the
share of section 五's and section 一's text repeated from the year before is
printed, with the repeated sentences when it reaches the threshold (see
:mod:`disclosure_schema.copying`), and a 2021-edition 一、总体情况 over about a
thousand characters is flagged.  Exit 0 when nothing is flagged, 1 when something
is (or a file cannot be read), 2 when the command cannot run.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .common import EXIT_INVALID, EXIT_OK, UsageError, add_lang, error_line


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "text-check",
        help="text repeated from last year's report (sections 五 and 一), overlong overviews / 年年雷同与篇幅检查",
        description=(
            "按发布机关分组，相邻两年比较第五部分（存在的主要问题及改进情况）和第一部分（总体情况）的文字，"
            "给出与上年相同或几乎相同的文字比例和这些句子；比例达到 50% 时提示（通知要求不得“年年雷同”）。"
            "2021 版格式的总体情况超过一千字时也提示。退出码 0 无提示，1 有提示或文件无法读取，2 无法运行。"
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories (several bodies and years)")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every file with this reader")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..copying import SimilarityUnavailable

    try:
        return _run(args)
    except SimilarityUnavailable as exc:
        raise UsageError(str(exc)) from exc


def _run(args: argparse.Namespace) -> int:
    from ..bodies import body_key, keys_match
    from ..copying import SECTIONS, repetition, section_text, text_findings
    from .loading import load_reports

    lang = args.lang
    en = lang == "en"
    loaded = load_reports(args.paths, reader=args.reader, lang=lang)
    groups: dict[str, dict[int, tuple[str, Any]]] = {}
    anonymous = []
    for path, report in loaded.reports:
        if not report.issuer:
            anonymous.append(path)
            continue
        key = body_key(report.issuer)
        if key not in groups:  # the same body named with its region in front joins its group
            key = next((known for known in groups if keys_match(known, key)), key)
        years = groups.setdefault(key, {})
        if report.year in years:
            error_line(
                f"{path}: a second {report.year} report of {report.issuer} (first: {years[report.year][0]}); not compared"
                if en
                else f"{path}：{report.issuer} 的第二份 {report.year} 年报告（已有 {years[report.year][0]}），未比较"
            )
            continue
        years[report.year] = (path, report)
    for path in anonymous:
        error_line(f"{path}: names no issuer; cannot be matched with last year's" if en else f"{path}：未写发布机关，无法与上年报告对应")
    entries: list[dict[str, Any]] = []
    flagged = 0
    for key in sorted(groups):
        years = groups[key]
        for year in sorted(years):
            path, report = years[year]
            previous = years.get(year - 1)
            findings = text_findings(report, previous[1] if previous else None)
            flagged += len(findings)
            shares = {}
            if previous is not None:
                for section in SECTIONS:
                    r = repetition(section_text(report, section), section_text(previous[1], section), section)
                    shares[section] = round(r.share, 4) if r.counted else None
            entries.append(
                {
                    "body": report.issuer,
                    "year": year,
                    "file": path,
                    "previous_file": previous[0] if previous else None,
                    "repeated_share": shares,
                    "findings": [v.to_json(lang) | _sentences(v) for v in findings],
                }
            )
    if args.output_format == "json":
        json.dump(entries, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_text(entries, lang))
    return EXIT_OK if not flagged and not loaded.unreadable and not anonymous else EXIT_INVALID


def _sentences(violation: Any) -> dict[str, Any]:
    sentences = violation.params.get("sentences")
    return {"sentences": list(sentences)} if sentences else {}


def _text(entries: list[dict[str, Any]], lang: str) -> str:
    from ..taxonomy import EDITIONS

    en = lang == "en"
    numbers = {s.key: s.number for s in EDITIONS["2021"].sections}
    lines = []
    for entry in entries:
        shares = entry["repeated_share"]
        if shares:
            shown = ", ".join(
                f"{('section ' if en else '第') + numbers[k] + ('' if en else '部分')} "
                + ("-" if v is None else f"{v:.0%}")
                for k, v in shares.items()
            )
            head = f"{entry['body']} {entry['year']}: repeated from {entry['year'] - 1}: {shown}" if en else f"{entry['body']} {entry['year']}：与 {entry['year'] - 1} 年相同的文字 {shown}"
        else:
            head = f"{entry['body']} {entry['year']}: no report for {entry['year'] - 1} to compare with" if en else f"{entry['body']} {entry['year']}：没有 {entry['year'] - 1} 年报告可比较"
        lines.append(head)
        for finding in entry["findings"]:
            lines.append(f"  {'warning' if en else '警告'} [{finding['code']}] {finding['message']}")
            for sentence in finding.get("sentences", []):
                lines.append(f"      “{sentence}”")
    from .loading import printable

    return "\n".join(printable(line) for line in lines) + "\n"
