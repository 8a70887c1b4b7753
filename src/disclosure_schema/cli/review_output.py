"""The reviewer's additions to ``validate``: ``--accept``, ``--write-accepted`` and the issue list.

``validate DIR --format xlsx -o 问题清单.xlsx`` (or ``csv``) writes one row per
finding instead of printing; ``--write-accepted FILE`` writes the findings as an
accepted-findings file to be edited by the reviewer; ``--accept FILE`` shows the
findings it lists as accepted.  These run file by file in this process (the list
is sorted by body, so it is written once all files are checked).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from ..validation import FileResult
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, error_line, refuse_overwriting
from .language import in_language

ISSUE_FORMATS = ("xlsx", "csv")


def add_options(parser: Any) -> None:
    """The options ``validate`` gains (``--format xlsx|csv`` is added to its format choices)."""
    parser.add_argument("-o", "--output", metavar="FILE", help="with --format xlsx or csv: where to write the issue list (问题清单)")
    parser.add_argument("--accept", metavar="FILE", help="accepted findings (from --write-accepted): shown as accepted, not as errors")
    parser.add_argument("--write-accepted", metavar="FILE", help="write the findings as an accepted-findings file to edit")
    parser.add_argument("--reason", default="", help="with --write-accepted: the reason written into each entry")
    parser.add_argument("--who", default="", help="with --write-accepted: who accepts (姓名)")


def load_accept(path: str | None) -> Any:
    """The accepted-findings file, or a :class:`UsageError` that names what is wrong in it."""
    if path is None:
        return None
    from ..accepted import AcceptedFileError, load_accepted

    try:
        return load_accepted(path)
    except AcceptedFileError as exc:
        raise UsageError(f"--accept {exc.zh} ({exc.en})") from exc


def apply_accept(result: FileResult, accepted: Any) -> FileResult:
    """``result`` with the accepted findings moved out of its violations."""
    if accepted is None or result.report is None:
        return result
    from ..accepted import review

    standing, outcome = review(accepted, result.source, result.report, result.violations)
    return attrs.evolve(result, violations=tuple(standing), review=outcome)


def wanted(args: argparse.Namespace) -> bool:
    """Whether ``validate`` must run the reviewer's path instead of streaming its verdicts."""
    return args.output_format in ISSUE_FORMATS or bool(args.write_accepted)


def _refuse_writing_over_inputs(args: argparse.Namespace, paths: list[str]) -> None:
    """A usage error when the issue list or the accepted-findings file would replace a file being read.

    Why: ``validate 年报/ --format csv -o 年报/某局.json`` otherwise checks that report and then writes
    the issue list over it; the report is lost.  (``--write-accepted`` may name the ``--accept`` file:
    it is rewritten with the accepted entries kept.)
    """
    inputs: list[str | None] = [*paths, args.previous]
    if args.output:
        refuse_overwriting("-o", args.output, [*inputs, args.accept])
    if args.write_accepted:
        refuse_overwriting("--write-accepted", args.write_accepted, inputs)
    if args.output and args.write_accepted and Path(args.output).resolve() == Path(args.write_accepted).resolve():
        raise UsageError(f"-o {args.output}: 与 --write-accepted 是同一个文件 (the same file as --write-accepted)")


def run_review(args: argparse.Namespace, paths: list[str], previous: Any) -> int:
    """Check every file, then write the issue list and/or the accepted-findings file."""
    from ..accepted import dump_accepted, entries_for
    from ..issue_list import HEADER, issue_rows
    from ..spreadsheet import SpreadsheetError, write_rows
    from ..validation import SourceUnavailable, validate_file

    lang = args.lang
    if args.output_format in ISSUE_FORMATS and not args.output:
        raise UsageError("--format xlsx/csv 需要 -o 文件 (needs -o FILE)")
    if args.output_format not in ISSUE_FORMATS and args.output:
        raise UsageError("-o 只与 --format xlsx 或 csv 一起使用 (-o goes with --format xlsx or csv)")
    _refuse_writing_over_inputs(args, paths)
    accepted = load_accept(args.accept)
    results: list[FileResult] = []
    unavailable = 0
    for path in paths:
        try:
            result = validate_file(path, previous=previous, reader=args.reader)
        except SourceUnavailable as exc:
            error_line(in_language(str(exc), lang))
            unavailable += 1
            continue
        result = apply_accept(result, accepted)
        if result.review is not None and result.review.problem:
            error_line(f"{path}: {result.review.problem[1 if lang == 'en' else 0]}")
        results.append(result)
    if args.output_format in ISSUE_FORMATS:
        rows = issue_rows(results, lang)
        try:
            write_rows(args.output, HEADER["en" if lang == "en" else "zh"], rows, sheet="问题清单" if lang != "en" else "issues", kind=args.output_format)
        except SpreadsheetError as exc:
            raise UsageError(str(exc)) from exc
        error_line(f"{args.output}: {len(rows)} findings written" if lang == "en" else f"{args.output}：已写入 {len(rows)} 条问题")
    if args.write_accepted:
        editions = sorted({r.report.edition for r in results if r.report is not None})
        if len(editions) > 1:
            error_line(
                "--write-accepted: the reports are of several editions; write one file per edition"
                if lang == "en"
                else f"--write-accepted：这些报告分属不同格式版本（{'、'.join(editions)}），请每个版本分别写一个接受清单"
            )
            return EXIT_USAGE
        if not editions:
            error_line("--write-accepted: no readable report" if lang == "en" else "--write-accepted：没有可读的报告")
            return EXIT_USAGE
        entries = []
        for r in results:
            if r.report is not None:
                entries.extend(entries_for(r.source, r.report, r.violations, reason=args.reason, who=args.who, date=dt.date.today()))
                if r.review is not None:
                    entries.extend(a for _, a in r.review.accepted)
        dump_accepted(args.write_accepted, editions[0], entries)
        error_line(
            f"{args.write_accepted}: {len(entries)} findings written; keep the ones you accept, with a reason"
            if lang == "en"
            else f"{args.write_accepted}：已写入 {len(entries)} 条问题；请只保留确认接受的条目并写明理由"
        )
    if unavailable:
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in results) else EXIT_INVALID
