"""``disclosure-schema validate FILE...``: check reports and say, in the format's words, what is wrong."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ..validation import FileResult, SourceUnavailable, open_report, validate_file
from ..violations import Violation
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line

LEVEL_WORDS = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "validate",
        help="check reports: shape, sums, completeness / 校验年度报告",
        description="校验年度报告：结构、勾稽关系、完整性。退出码 0 全部有效（允许警告），1 有文件无效，2 无法运行。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="report files (JSON, or any type a reader takes)")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    add_lang(parser)
    parser.add_argument("--previous", metavar="FILE", help="last year's report of the same body: also check X1 and X2")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every FILE with this reader")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    previous = None
    if args.previous:
        try:
            previous, problems, _ = open_report(args.previous, reader=args.reader)
        except SourceUnavailable as exc:
            raise UsageError(str(exc)) from exc
        if previous is None:
            error_line(f"--previous {args.previous}: 上年报告本身无效，无法核对 X1/X2 (the previous report is invalid)")
            for v in problems:
                error_line("  " + v.message(args.lang))
            return EXIT_USAGE
    results: list[FileResult] = []
    unavailable = False
    for name in args.files:
        try:
            results.append(validate_file(name, previous=previous, reader=args.reader))
        except SourceUnavailable as exc:
            error_line(str(exc))
            unavailable = True
    if args.output_format == "json":
        json.dump([result_json(r, args.lang) for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            print_text(result, args.lang, sys.stdout)
    if unavailable:
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in results) else EXIT_INVALID


def result_json(result: FileResult, lang: str) -> dict[str, Any]:
    return {
        "file": result.source,
        "valid": result.valid,
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [v.to_json(lang) for v in result.violations],
        "reading_notes": [{"code": n.code, "where": n.where, "message": n.message(lang)} for n in result.notes],
    }


def print_text(result: FileResult, lang: str, out: TextIO) -> None:
    if lang == "en":
        verdict = "valid" if result.valid else "INVALID"
        out.write(f"{result.source}: {verdict} ({result.errors} errors, {result.warnings} warnings)\n")
    else:
        verdict = "有效" if result.valid else "无效"
        out.write(f"{result.source}：{verdict}（{result.errors} 个错误，{result.warnings} 个警告）\n")
    for violation in result.violations:
        out.write(f"  {LEVEL_WORDS[lang][violation.level.value]} [{violation.code}] {violation.message(lang)}\n")
        detail = contributions_line(violation, lang)
        if detail:
            out.write(f"      {detail}\n")


def contributions_line(violation: Violation, lang: str) -> str:
    """The non-zero cells behind a computed value: ``= 予以公开 5 + 部分公开 7``."""
    parts = []
    for c in violation.contributions:
        if not c.value:
            continue
        label = " ".join(c.location.row) if violation.code.startswith(("R1", "R2", "X1")) else "·".join(c.location.column)
        if c.previous:
            label = ("last year's " if lang == "en" else "上年") + label
        parts.append(f"{'−' if c.sign < 0 else '+'} {label} {c.value}")
    if not parts:
        return ""
    text = " ".join(parts)
    return "= " + (text[2:] if text.startswith("+ ") else text)
