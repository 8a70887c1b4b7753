"""``disclosure-schema rollup-check SUMMARY PARTS...``: is the summary report the sum of its parts?

Every cell of the summary (汇总报告) is compared with the sum of the reports it
covers; each difference names the cell as the format prints it, both values and
the parts that contribute.  Exit 0 when every cell agrees, 1 when a cell differs
or a part cannot be used, 2 when the command cannot run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "rollup-check",
        help="compare a summary report with the sum of its parts, cell by cell / 核对汇总报告与下级报告之和",
        description=(
            "逐格核对汇总报告：每个单元格与各下级报告之和比较，列出不一致的单元格、两个数值和构成之和的报告。"
            "下级报告须与汇总报告同一格式版本、同一年度，同一机关不得出现两次。PARTS 可以是目录。"
            "退出码 0 全部一致，1 有不一致，2 无法核对（报告无法读取、同一文件重复、版本或年度不一致等，会说明原因）。"
        ),
    )
    parser.add_argument("summary", metavar="SUMMARY", help="the summary report (汇总报告)")
    parser.add_argument("parts", nargs="+", metavar="PART", help="the reports it sums: files or directories")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every file with this reader")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..rollup import RollupError, check_rollup
    from ..validation import SourceUnavailable, open_report
    from .loading import listed, load_reports, printable

    lang = args.lang
    en = lang == "en"
    try:
        summary, problems, _ = open_report(args.summary, reader=args.reader)
    except SourceUnavailable as exc:
        raise UsageError(str(exc)) from exc
    if summary is None:
        for v in problems:
            error_line(f"{args.summary}: {v.message(lang)}")
        error_line(f"{args.summary}: the summary cannot be read" if en else f"{args.summary}：汇总报告无法读取")
        return EXIT_USAGE
    loaded = load_reports(args.parts, reader=args.reader, lang=lang)
    if loaded.unreadable:
        names = [name for name, _ in loaded.unreadable]
        error_line(
            f"cannot be read as reports, nothing compared: {listed(names, lang)}"
            if en
            else f"以下文件不是可读的报告，未核对：{listed(names, lang)}"
        )
        return EXIT_USAGE
    names = [name for name, _ in loaded.reports]
    seen: dict[str, str] = {}
    for name in [args.summary, *names]:
        key = os.path.realpath(name)
        if key in seen:
            error_line(
                f"{name}: the same file as {seen[key]}; it would be counted twice" if en else f"{name}：与 {seen[key]} 是同一个文件，会重复计数"
            )
            return EXIT_USAGE
        seen[key] = name
    try:
        result = check_rollup(summary, [r for _, r in loaded.reports], names=names, summary_name=args.summary)
    except RollupError as exc:
        error_line(exc.message(lang))
        return EXIT_USAGE
    if args.output_format == "json":
        data = {
            "summary": args.summary,
            "parts": names,
            "consistent": result.consistent,
            "differences": [d.to_json(lang) for d in result.differences],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        out = sys.stdout
        count = len(result.differences)
        if en:
            out.write(f"{args.summary}: compared with the sum of {len(names)} reports; {count} cells differ\n")
        else:
            out.write(f"{args.summary}：与 {len(names)} 份下级报告之和逐格核对，{count} 个单元格不一致\n")
        for difference in result.differences:
            out.write(f"  [rollup.mismatch] {printable(difference.message(lang))}\n")
    return EXIT_OK if result.consistent else EXIT_INVALID
