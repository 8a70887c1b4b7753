"""``disclosure-schema validate PATH...``: check reports and say, in the format's words, what is wrong.

One file or a hundred thousand: directories are walked, files are checked on every
core (``--jobs``), each file's verdict is written as soon as it is known (text, a
JSON array, or JSON lines) and a summary closes the run.  Each worker renders its
file's output itself, so the parent only writes strings and counts codes: memory
stays flat as the number of files grows.  ``validate FILE`` on one file never
imports ``multiprocessing`` and starts as fast as the core allows.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ..batch import WorkerLost
from ..checker import Coverage
from ..taxonomy import Level
from ..validation import (
    FileResult,
    SourceUnavailable,
    discover,
    open_report,
    parallel_map,
    parallel_stream,
    validate_file,
    validate_json_quickly,
)
from ..violations import Violation
from . import review_output
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line
from .language import in_language

if TYPE_CHECKING:
    import msgspec

LEVEL_WORDS = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}
FORMATS = ("text", "json", "jsonl", "xlsx", "csv")
TOP_CODES = 10
LISTED_PROBLEMS = 50
"""Paths not checked that the summary names one by one; the rest are counted."""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "validate",
        help="check reports: shape, sums, completeness / 校验年度报告",
        description=(
            "校验年度报告：结构、勾稽关系、完整性。PATH 可以是文件或目录（递归查找 .json 及已安装读取器能读的文件）。"
            "退出码 0 全部有效（允许警告），1 有文件无效，2 无法运行。"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="PATH", help="report files or directories (JSON, or any type a reader takes)")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", dest="output_format", help="text, a JSON array, or JSON lines (one per report); with several files a summary follows "
        "(on stdout for text, on stderr for json and jsonl); xlsx or csv: the issue list (问题清单) to -o"
    )
    add_lang(parser)
    parser.add_argument("--previous", metavar="FILE", help="last year's report of the same body: also check X1 and X2")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every FILE with this reader")
    parser.add_argument(
        "-j", "--jobs", type=int, default=None, metavar="N", help="processes to check files on (default: every core)"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress line on stderr (default: only when stderr is a terminal)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="text format: list only files with findings")
    review_output.add_options(parser)
    parser.set_defaults(run=run)


class Settings(NamedTuple):
    """What every worker needs to check and render one file (picklable: paths and names only)."""

    lang: str
    output_format: str
    reader: str | None
    previous: str | None
    quiet: bool
    accept: str | None = None


class Outcome(NamedTuple):
    """One file's verdict as the parent needs it: the rendered output and the counts (cheap to pickle)."""

    text: str
    available: bool
    valid: bool = False
    errors: int = 0
    warnings: int = 0
    error_codes: tuple[str, ...] = ()
    """Distinct codes of the error-level findings, for the summary's top list."""
    problem: str = ""
    """Why the file could not be opened, when it could not."""
    not_checkable: int = 0
    """Sum checks that involve a cell the reader could not read."""
    used_in_reading: int = 0
    """Sum checks the reader used to settle run-together digits."""
    not_a_report: bool = False
    """The file is something else (a README, a data file): counted apart from the reports."""


_STATE: dict[str, Any] = {}


def _initialise(settings: Settings) -> None:
    """Per worker process: remember the settings and read last year's report once."""
    _STATE["settings"] = settings
    _STATE["previous"] = None
    if settings.previous is not None:
        _STATE["previous"] = open_report(settings.previous, reader=settings.reader)[0]
    _STATE["accept"] = review_output.load_accept(settings.accept)
    _STATE["quick"] = settings.reader in (None, "json") and _STATE["accept"] is None


def check_one(path: str) -> Outcome:
    """Validate one file and render it in the requested format (runs in a worker)."""
    text, outcome = _check(path)
    return outcome._replace(text=text)


def _check(path: str) -> tuple[str, Outcome]:
    """One file's rendered output and its counts (an :class:`Outcome` without the text)."""
    settings: Settings = _STATE["settings"]
    result = None
    if _STATE["quick"] and path.lower().endswith(".json"):
        result = validate_json_quickly(path, previous=_STATE["previous"])
    plain = result is not None and result.report is not None  # findings of the checks alone: ints, Decimals, text
    if result is None:
        try:
            result = validate_file(path, previous=_STATE["previous"], reader=settings.reader)
        except SourceUnavailable as exc:
            return "", Outcome("", available=False, problem=str(exc))
        result = review_output.apply_accept(result, _STATE.get("accept"))
    errors = 0
    codes: set[str] = set()
    for violation in result.violations:  # one pass for every count (FileResult's properties pass once each)
        if violation.level is Level.ERROR:
            errors += 1
            codes.add(violation.code)
    counts = _Counts(result.report is not None and errors == 0, errors, len(result.violations) - errors)
    if settings.output_format == "jsonl":
        data = _result_json(result, settings.lang, counts)
        text = (_compact_json(data) if plain else json.dumps(data, ensure_ascii=False, separators=(",", ":"))) + "\n"
    elif settings.output_format == "json":
        body = json.dumps(_result_json(result, settings.lang, counts), ensure_ascii=False, indent=2)
        text = "\n".join("  " + line for line in body.split("\n"))
    elif settings.quiet and counts.valid and not result.violations:
        text = ""
    else:
        buffer = io.StringIO()
        _print_text(result, settings.lang, buffer, counts)
        text = buffer.getvalue()
    coverage = result.coverage
    return text, Outcome(
        "",
        True,
        counts.valid,
        counts.errors,
        counts.warnings,
        tuple(sorted(codes)),
        not_checkable=coverage.not_checkable if coverage else 0,
        used_in_reading=coverage.used_in_reading if coverage else 0,
        not_a_report=result.report is None and _not_a_report(codes, result),
    )


_NOT_A_REPORT = frozenset(("shape.not_a_report", "read.not_a_report"))


def _not_a_report(codes: set[str], result: FileResult) -> bool:
    """Whether a file was refused only for not being a report at all (JSON or a document of another kind)."""
    if codes == {"shape.not_a_report"}:
        return True
    return codes == {"read.failed"} and bool(result.notes) and all(n.code in _NOT_A_REPORT for n in result.notes)


def _compact_json(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``, by msgspec's encoder (several times faster).

    Only for data made of text, whole numbers, booleans, ``None``, lists and dicts, where
    both give the same text (every character is escaped alike; floats, which they write
    differently, are not among them).  Text that is not valid Unicode (a lone surrogate),
    which msgspec refuses, is left to ``json.dumps``.
    """
    try:
        return _encoder().encode(data).decode("utf-8")
    except (TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@cache
def _encoder() -> msgspec.json.Encoder:
    import msgspec

    return msgspec.json.Encoder()


class _Counts(NamedTuple):
    """``FileResult.valid``, ``.errors`` and ``.warnings``, counted once."""

    valid: bool
    errors: int
    warnings: int


CHUNK = 100
"""Files per worker call at most: one call, one rendered string, one message back to the parent."""
STREAM_AFTER = 10_000
"""With more files than this the walk is not listed first: paths go to the workers in chunks as found."""


def _chunks(paths: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(paths)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _usage_errors(paths: Iterator[str]) -> Iterator[str]:
    """The rest of a walk; a failure there (an unknown reader met late) is a usage error, as before the walk."""
    try:
        yield from paths
    except Exception as exc:
        raise UsageError(str(exc)) from exc


def check_chunk(paths: list[str]) -> tuple[str, tuple[Outcome, ...]]:
    """Validate a chunk of files in one worker call; their output comes back as one string.

    The outcomes keep only the counts (their text is in the string): for ``--format json``
    the files' objects are joined with the array's separator, the parent adds the one
    before the chunk.
    """
    checked = [_check(path) for path in paths]
    if _STATE["settings"].output_format == "json":
        text = ",\n".join(text for text, outcome in checked if outcome.available)
    else:
        text = "".join(text for text, _ in checked)
    return text, tuple(outcome for _, outcome in checked)


def prepare() -> None:
    """Build the typed decoders and generated checks now (in the parent, so forked workers share them)."""
    from ..compiled import prepare as prepare_decoders

    prepare_decoders()


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 至少为 1 (--jobs must be at least 1)")
    if args.previous:
        try:
            previous, problems, _ = open_report(args.previous, reader=args.reader)
        except SourceUnavailable as exc:
            raise UsageError(str(exc)) from exc
        if previous is None:
            error_line(in_language(f"--previous {args.previous}: 上年报告本身无效，无法核对 X1/X2 (the previous report is invalid)",
                                   args.lang))
            for v in problems:
                error_line("  " + v.message(args.lang))
            return EXIT_USAGE
    skipped: list[tuple[str, str]] = []
    try:
        found = discover(args.files, reader=args.reader, skipped=skipped)
        head = list(itertools.islice(found, STREAM_AFTER))
    except Exception as exc:
        raise UsageError(str(exc)) from exc
    many = len(head) != 1 or any(os.path.isdir(p) for p in args.files) or bool(skipped)
    summary = Summary()
    reported_skips = _report_skipped(skipped, 0, summary, args.lang)
    if not head and not skipped:
        error_line("没有找到可校验的文件 (no report files found)" if args.lang == "zh" else "no report files found")
        return EXIT_USAGE
    streamed = len(head) == STREAM_AFTER
    paths: Iterable[str] = itertools.chain(head, _usage_errors(found)) if streamed else head
    if review_output.wanted(args):
        return review_output.run_review(args, list(paths), previous if args.previous else None)
    review_output.load_accept(args.accept)  # a bad file is named before any work starts
    settings = Settings(args.lang, args.output_format, args.reader, args.previous, args.quiet, args.accept)
    jobs = args.jobs or os.cpu_count() or 1
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    if show_progress and many and streamed:
        head = list(paths)  # the progress line needs the total
        paths = head
        streamed = False
    progress = Progress(len(head), args.lang, sys.stderr) if show_progress and many else None
    out = sys.stdout
    if args.output_format == "json":
        out.write("[")
    if jobs > 1 and many:
        prepare()  # decoders and check plans built once, before the workers fork (one file builds only what it reads)
    if streamed:  # many files: chunks made as the walk goes, never all paths in memory at once
        results: Iterator[tuple[str, tuple[Outcome, ...]]] = parallel_stream(
            check_chunk, _chunks(paths, CHUNK), jobs=jobs, initializer=_initialise, initargs=(settings,)
        )
    else:
        listed = list(paths)
        size = max(1, min(CHUNK, len(listed) // (jobs * 4)))
        chunks = [listed[i : i + size] for i in range(0, len(listed), size)]
        results = parallel_map(check_chunk, chunks, jobs=jobs, initializer=_initialise, initargs=(settings,))
    try:
        for text, outcomes in results:
            if progress is not None:
                progress.clear()
            if args.output_format == "json":
                if any(outcome.available for outcome in outcomes):
                    out.write(("\n" if summary.reports == 0 else ",\n") + text)
            elif text:
                out.write(text)
            for outcome in outcomes:
                if not outcome.available:
                    error_line(in_language(outcome.problem, args.lang))
                summary.add(outcome)
                if progress is not None:
                    progress.step()
    except WorkerLost as exc:  # killed (out of memory, by hand): say so, never a traceback
        if progress is not None:
            progress.clear()
        out.flush()
        error_line(in_language(
            f"检查进程意外退出（退出码 {exc.exitcode}），未能检查全部文件 "
            f"(a worker process ended unexpectedly, exit code {exc.exitcode}; not every file was checked)", args.lang
        ))
        return EXIT_USAGE
    if progress is not None:
        progress.clear()
    _report_skipped(skipped, reported_skips, summary, args.lang)  # paths the streamed walk passed over
    if args.output_format == "json":
        out.write("\n]\n" if summary.reports else "]\n")
    if many:
        summary_text = summary.render(args.lang)
        if args.output_format == "text":
            out.write(summary_text)
        else:
            out.flush()
            sys.stderr.write(summary_text)
    out.flush()
    if summary.unavailable:
        return EXIT_USAGE
    return EXIT_OK if summary.invalid == 0 else EXIT_INVALID


def _report_skipped(skipped: list[tuple[str, str]], start: int, summary: Summary, lang: str) -> int:
    """Name each path the walk could not check (symlink loop, broken link, FIFO …) from ``start`` on."""
    for path, reason in skipped[start:]:
        error_line(in_language(f"{path}: {reason}", lang))
        summary.add(Outcome("", available=False, problem=f"{path}: {reason}"))
    return len(skipped)


class Summary:
    """Counts only: how many reports, how many valid, which error codes are the most frequent."""

    def __init__(self) -> None:
        self.reports = 0
        self.valid = 0
        self.invalid = 0
        self.unavailable = 0
        self.not_reports = 0
        self.warnings = 0
        self.not_checkable = 0
        self.used_in_reading = 0
        self.codes: Counter[str] = Counter()
        self.problems: list[str] = []
        """Each path not checked, with the reason (the first :data:`LISTED_PROBLEMS` kept)."""

    def add(self, outcome: Outcome) -> None:
        if not outcome.available:
            self.unavailable += 1
            if len(self.problems) < LISTED_PROBLEMS:
                self.problems.append(outcome.problem)
            return
        self.reports += 1  # every file written out (the JSON list's commas count on it)
        self.not_reports += outcome.not_a_report
        if outcome.valid:
            self.valid += 1
        else:
            self.invalid += 1
        self.warnings += outcome.warnings
        self.not_checkable += outcome.not_checkable
        self.used_in_reading += outcome.used_in_reading
        if outcome.error_codes:  # Counter.update on an empty tuple still costs an ABC check per file
            self.codes.update(outcome.error_codes)

    def render(self, lang: str) -> str:
        reports, with_errors = self.reports - self.not_reports, self.invalid - self.not_reports
        said: list[tuple[str, str]] = [(
            f"汇总：共 {reports} 份报告，有效 {self.valid} 份，有错误 {with_errors} 份，"
            f"无法打开 {self.unavailable} 个文件；警告共 {self.warnings} 条",
            f"summary: {reports} reports, {self.valid} valid, {with_errors} with errors, "
            f"{self.unavailable} could not be opened; {self.warnings} warnings",
        )]
        if self.not_reports:
            said.append((f"不是年度报告、未计入上述份数的文件 {self.not_reports} 个",
                         f"not annual reports (not counted above): {self.not_reports} files"))
        if self.not_checkable or self.used_in_reading:
            said.append((
                f"因单元格未能读取而无法核对的勾稽关系共 {self.not_checkable} 项；"
                f"读取时已使用、不计为已核对的 {self.used_in_reading} 项",
                f"checks not checkable (cells not read): {self.not_checkable}; "
                f"used in reading, not counted as verified: {self.used_in_reading}",
            ))
        if self.codes:
            said.append(("最常见的错误（涉及报告份数）：", "most frequent errors (reports affected):"))
        lines = [en if lang == "en" else zh for zh, en in said]
        width = max((len(code) for code in self.codes), default=0)
        lines.extend(f"  {code:<{width}}  {n}" for code, n in self.codes.most_common(TOP_CODES))
        if self.problems:
            lines.append("not checked:" if lang == "en" else "未检查的路径及原因：")
            lines.extend(f"  {in_language(problem, lang)}" for problem in self.problems)
            more = self.unavailable - len(self.problems)
            if more > 0:
                lines.append(f"  ... and {more} more" if lang == "en" else f"  …… 另有 {more} 个")
        return "\n".join(lines) + "\n"


class Progress:
    """A one-line progress indicator on a terminal: ``\\r`` and a count, redrawn ten times a second."""

    def __init__(self, total: int, lang: str, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.lang = lang
        self.stream = stream
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.visible = False

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.drawn_at < 0.1 and self.done < self.total:
            return
        self.drawn_at = now
        rate = self.done / max(now - self.started, 1e-9)
        percent = 100 * self.done // self.total
        unit = "files/s" if self.lang == "en" else "份/秒"
        self.stream.write(f"\r{self.done}/{self.total} ({percent}%) {rate:,.0f} {unit}\x1b[K")
        self.stream.flush()
        self.visible = True

    def clear(self) -> None:
        if self.visible:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.visible = False


def result_json(result: FileResult, lang: str) -> dict[str, Any]:
    """One file's verdict as JSON data (an element of ``--format json``, a line of ``jsonl``)."""
    return _result_json(result, lang, _Counts(result.valid, result.errors, result.warnings))


def _result_json(result: FileResult, lang: str, counts: _Counts) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": result.source,
        "valid": counts.valid,
        "errors": counts.errors,
        "warnings": counts.warnings,
    }
    if result.review is not None:
        data.update(_review_json(result, lang))
    if result.coverage is not None:
        data["checks"] = result.coverage.to_json()
    source = result.source
    data["findings"] = [v.to_json(lang, source=source) for v in result.violations]
    data["reading_notes"] = [
        {"code": n.code, "where": n.where, "place": n.place(lang), "message": n.message(lang)} for n in result.notes
    ]
    return data


def _review_json(result: FileResult, lang: str) -> dict[str, Any]:
    if result.review is None:
        return {}
    from ..accepted import review_json

    return review_json(result.review, lang)


def coverage_words(coverage: Coverage, lang: str) -> str:
    """The sum checks in one clause: how many hold, fail, could not be checked, were used in reading."""
    if lang == "en":
        return (
            f"{coverage.total} checks: {coverage.verified} hold, {coverage.failed} fail, "
            f"{coverage.not_checkable} not checkable, {coverage.used_in_reading} used in reading"
        )
    return (
        f"勾稽关系 {coverage.total} 项：成立 {coverage.verified}，不成立 {coverage.failed}，"
        f"无法核对 {coverage.not_checkable}，读取时已使用 {coverage.used_in_reading}"
    )


def print_text(result: FileResult, lang: str, out: TextIO) -> None:
    """One file's verdict as text: a line for the file, then a line (and a detail line) per finding."""
    _print_text(result, lang, out, _Counts(result.valid, result.errors, result.warnings))


def _print_text(result: FileResult, lang: str, out: TextIO, counts: _Counts) -> None:
    coverage = result.coverage
    if lang == "en":
        verdict = "valid" if counts.valid else "INVALID"
        checks = f"; {coverage_words(coverage, lang)}" if coverage is not None else ""
        out.write(f"{result.source}: {verdict} ({counts.errors} errors, {counts.warnings} warnings{checks})\n")
    else:
        verdict = "有效" if counts.valid else "无效"
        checks = f"；{coverage_words(coverage, lang)}" if coverage is not None else ""
        out.write(f"{result.source}：{verdict}（{counts.errors} 个错误，{counts.warnings} 个警告{checks}）\n")
    # Errors first: a blank template's one wrong sum must not hide below two hundred blank-cell warnings.
    for violation in sorted(result.violations, key=lambda v: v.level is not Level.ERROR):
        out.write(f"  {LEVEL_WORDS[lang][violation.level.value]} [{violation.code}] {violation.message(lang)}\n")
        detail = contributions_line(violation, lang)
        if detail:
            out.write(f"      {detail}\n")
    # How the file was read (a number typed as text, a formula without its value, a label taken as
    # its official form): --format json has them as reading_notes; the text must name them too, or
    # a clerk is told a section is empty without the cell that explains why.
    word = "note" if lang == "en" else "读取说明"
    for note in result.notes if result.report is not None else ():  # else the notes are the read.failed errors
        out.write(f"  {word} [{note.code}] {note.line(lang)}\n")
    if result.review is not None:  # accepted findings (--accept): the module is loaded only then
        from ..accepted import review_lines

        for line in review_lines(result.review, lang):
            out.write(line + "\n")


def contributions_line(violation: Violation, lang: str) -> str:
    """The non-zero cells behind a computed value: ``= 予以公开 5 + 部分公开 7``.

    Nothing for a check that could not be computed (``.not_checkable``) or whose message already
    gives both sides' sums (a computed value the cell cannot hold).
    """
    if violation.code.endswith(".not_checkable") or "left" in violation.params:
        return ""
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
