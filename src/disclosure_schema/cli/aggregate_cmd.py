"""``disclosure-schema aggregate FILE... --issuer NAME -o summary.json``: the roll-up of several reports.

The inputs are read and checked first; a file that cannot be read as a report is
never summed, and a report with errors of its own is summed only with
``--force``.  Notes on blank cells go to stderr, the roll-up to ``-o``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from .common import EXIT_INVALID, EXIT_OK, UsageError, add_lang, error_line


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "aggregate",
        help="sum reports of one edition and year cell by cell / 汇总多份报告",
        description=(
            "把同一格式版本、同一年度的多份报告逐格相加，得到汇总报告（表二、表三、表四；正文不汇总）。"
            "有错误的报告默认拒绝汇总，加 --force 仍然汇总。退出码 0 成功，1 输入不能汇总，2 无法运行。"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="the reports to sum (JSON, or any type a reader takes)")
    parser.add_argument("--issuer", required=True, metavar="NAME", help="the body issuing the roll-up / 汇总报告的发布机关")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the roll-up (JSON)")
    parser.add_argument("--force", action="store_true", help="sum reports even if they have errors of their own")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every FILE with this reader")
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..aggregate import AggregationError, aggregate_with_notes
    from ..converter import ReportShapeError
    from ..io import dump
    from ..taxonomy import Level
    from ..validation import SourceUnavailable, validate_file

    output = Path(args.output)
    if not output.parent.is_dir():
        raise UsageError(f"-o {output}: 目录不存在 (no such directory)")
    if any(_same_file(output, name) for name in args.files):
        raise UsageError(f"-o {output}: 输出文件不能是输入文件之一 (the output must not be one of the inputs)")
    en = args.lang == "en"
    twice = _named_twice(args.files)
    if twice:
        error_line(
            f"a file is given twice and would be counted twice: {twice}" if en else f"同一文件出现了两次，会重复计数：{twice}"
        )
        return EXIT_INVALID
    reports = []
    unreadable = []
    with_errors = []
    for name in args.files:
        try:
            result = validate_file(name, reader=args.reader)
        except SourceUnavailable as exc:
            raise UsageError(str(exc)) from exc
        if result.report is None:
            unreadable.append(name)
            for v in result.violations:
                error_line(f"{name}: {v.message(args.lang)}")
            continue
        errors = [v for v in result.violations if v.level is Level.ERROR]
        if errors:
            with_errors.append(name)
            for v in errors:
                error_line(f"{name}: [{v.code}] {v.message(args.lang)}")
        reports.append(result.report)
    if unreadable:
        listed = ", ".join(unreadable) if en else "、".join(unreadable)
        error_line(f"cannot be read as reports, not aggregated: {listed}" if en else f"以下文件不是可读的报告，无法汇总：{listed}")
        return EXIT_INVALID
    if with_errors and not args.force:
        listed = ", ".join(with_errors) if en else "、".join(with_errors)
        error_line(
            f"these reports have errors; nothing written (use --force to sum them anyway): {listed}"
            if en
            else f"以下报告有错误，未汇总（确需汇总请加 --force）：{listed}"
        )
        return EXIT_INVALID
    try:
        rollup = aggregate_with_notes(reports, issuer=args.issuer, names=args.files, force=True)
    except AggregationError as exc:
        error_line(exc.message(args.lang))
        return EXIT_INVALID
    for note in rollup.notes:
        error_line(("note: " if en else "说明：") + note.message(args.lang))
    try:
        dump(rollup.report, output)
    except ReportShapeError as exc:
        for violation in exc.violations:
            error_line(f"{output}: {violation.message(args.lang)}")
        return EXIT_INVALID
    count = len(reports)
    error_line(f"{output}: sum of {count} reports written" if en else f"{output}：已写入 {count} 份报告的汇总")
    return EXIT_OK


def _named_twice(names: list[str]) -> str | None:
    """The first input named twice (the same file under any spelling of its path), if any."""
    seen: set[str] = set()
    for name in names:
        key = os.path.realpath(name)
        if key in seen:
            return name
        seen.add(key)
    return None


def _same_file(output: Path, name: str) -> bool:
    try:
        return output.exists() and os.path.samefile(output, name)
    except OSError:
        return False
