"""``disclosure-schema tidy PATH... -o cells.csv|cells.parquet``: many reports as one long table.

The output format follows the suffix of ``-o`` (or ``--to``); the exporter is the
plug-in registered under that name (``csv``, ``parquet``), used through its
``export_many`` so that reports stream through one at a time.  Files that cannot
be read are named and left out; the exit code is then 1.  Reports with rule
errors are exported as they are: this command moves data, ``validate`` judges it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import EXIT_INVALID, EXIT_OK, UsageError, add_lang, error_line

if TYPE_CHECKING:
    from ..model import Report

TIDY_FORMATS = ("csv", "parquet")


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "tidy",
        help="every cell of many reports as one long table (CSV, Parquet) / 多份报告导出为长表",
        description=(
            "把多份报告的每个单元格导出为一行（发布机关、年度、版本、表、行、列、数值、JSON 指针），"
            "输出 CSV（UTF-8 带 BOM，Excel 可直接打开）或 Parquet。PATH 可以是目录。"
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="cells.csv or cells.parquet")
    parser.add_argument("--to", choices=TIDY_FORMATS, help="output format (default: from the suffix of -o)")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every file with this reader")
    parser.add_argument(
        "--indicators", action="store_true", help="also one row per indicator (公开率 …, docs/reference/indicators.md) per report"
    )
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..io import write_atomic
    from ..plugins import PluginError, get_exporter
    from ..validation import discover

    output = Path(args.output)
    name = args.to or output.suffix.lower().lstrip(".")
    if name not in TIDY_FORMATS:
        raise UsageError(f"-o {output}: 请用 .csv 或 .parquet 结尾，或用 --to 指定格式 (use a .csv or .parquet name, or --to)")
    if not output.parent.is_dir():
        raise UsageError(f"-o {output}: 目录不存在 (no such directory)")
    try:
        exporter: Any = get_exporter(name)
        paths = list(discover(args.paths, reader=args.reader))
    except PluginError as exc:
        raise UsageError(str(exc)) from exc
    if not hasattr(exporter, "export_many"):
        raise UsageError(f"exporter {name!r} cannot write many reports into one file")
    skipped: list[str] = []
    written: list[int] = []

    def write(stream: Any) -> None:
        options = {"indicators": True} if args.indicators else {}
        written.append(exporter.export_many(_reports(paths, args, skipped), stream, **options))

    try:
        write_atomic(output, write)
    except PluginError as exc:
        raise UsageError(str(exc)) from exc
    en = args.lang == "en"
    reports = len(paths) - len(skipped)
    rows = written[0] if written else 0
    error_line(f"{output}: {rows} cells of {reports} reports" if en else f"{output}：{reports} 份报告，{rows} 个单元格")
    if skipped:
        listed = ", ".join(skipped) if en else "、".join(skipped)
        error_line(f"not exported (cannot be read): {listed}" if en else f"以下文件无法读取，未导出：{listed}")
        return EXIT_INVALID
    return EXIT_OK


def _reports(paths: list[str], args: argparse.Namespace, skipped: list[str]) -> Iterator[Report]:
    from ..validation import SourceUnavailable, open_report

    for path in paths:
        try:
            report, problems, _ = open_report(path, reader=args.reader)
        except SourceUnavailable as exc:
            error_line(str(exc))
            skipped.append(path)
            continue
        if report is None:
            for v in problems:
                error_line(f"{path}: {v.message(args.lang)}")
            skipped.append(path)
            continue
        yield report
