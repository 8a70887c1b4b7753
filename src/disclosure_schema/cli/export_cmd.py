"""``disclosure-schema export FILE... --to xlsx,pdf,json -o DIR``: the official files of each report.

Each input (JSON, or any file a reader takes) becomes ``DIR/<stem><suffix>`` per
format.  Exporters are plug-ins found by name (:func:`~disclosure_schema.plugins.get_exporter`);
the core never imports them.  Every output is written atomically: a failed export
leaves no half-written file and never replaces a good one.  An input that is not
a report is named with its located problems and skipped (exit 1); reports whose
sums do not add up are still exported, with a note -- ``validate`` judges them.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

from ..checker import check
from ..essentials import publishable
from ..io import WriteError, write_atomic
from ..model import Report
from ..plugins import Exporter, PluginError, exporter_names, get_exporter
from ..taxonomy import Level
from ..validation import SourceUnavailable, open_report
from ..violations import Violation
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line
from .language import in_language

DEFAULT_FORMATS = "xlsx,pdf,json"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help="write each report as official files (xlsx, pdf, json, ...) / 导出正式文件",
        description=(
            "把每份报告导出为正式文件：输出为 目录/<输入文件名><后缀>。输入可以是 JSON 或读取器支持的文件（如填好的 xlsx）。"
            "退出码 0 全部导出，1 有输入文件无效（已跳过），2 无法运行（格式未安装、字体缺失等）。"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="report files (JSON, or any type a reader takes)")
    parser.add_argument(
        "--to", default=DEFAULT_FORMATS, metavar="FORMATS",
        help=f"comma-separated exporter names (default {DEFAULT_FORMATS}); see `disclosure-schema exporters`",
    )
    parser.add_argument("-o", "--output-dir", default=".", metavar="DIR", help="directory for the outputs (default .)")
    parser.add_argument("--font", metavar="PATH", help="TrueType CJK font (.ttf/.ttc) for the PDF / PDF 所用中文字体文件")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every FILE with this reader")
    parser.add_argument(
        "--force", action="store_true",
        help="export reports with errors too, marked as drafts / 报告有错误时也导出（文件标明“草稿”）",
    )
    add_lang(parser)
    parser.set_defaults(run=run)


def exporters_for(spec: str) -> list[Exporter]:
    """The exporters named in ``--to``, in order, each once; a usage error names what is installed."""
    names = list(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))
    if not names:
        raise UsageError("--to: 请至少指定一种格式 (name at least one format)")
    unknown = [name for name in names if name not in exporter_names()]
    if unknown:
        installed = ", ".join(exporter_names()) or "none"
        wanted = ", ".join(unknown)
        raise UsageError(f"--to: 未知的导出格式 {wanted}，已安装的有 {installed} (unknown exporter {wanted}; installed: {installed})")
    try:
        return [get_exporter(name) for name in names]
    except PluginError as exc:
        raise UsageError(str(exc)) from exc


def outputs_for(files: list[str], exporters: list[Exporter], directory: Path) -> dict[str, list[Path]]:
    """Each input's output paths; refuses two inputs writing one output, or an output replacing an input."""
    inputs = {Path(name).resolve() for name in files}
    seen: dict[Path, str] = {}
    planned: dict[str, list[Path]] = {}
    for name in files:
        paths = [directory / f"{Path(name).stem}{exporter.suffix}" for exporter in exporters]
        for path in paths:
            resolved = path.resolve()
            if resolved in inputs:
                raise UsageError(f"{path}: 输出会覆盖输入文件，请换一个输出目录 (the output would overwrite an input; use another -o)")
            if resolved in seen and seen[resolved] != name:
                raise UsageError(f"{path}: {seen[resolved]} 与 {name} 输出同名 (two inputs would write the same file)")
            seen[resolved] = name
        planned[name] = paths
    return planned


def run(args: argparse.Namespace) -> int:
    exporters = exporters_for(args.to)
    directory = Path(args.output_dir)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"-o {directory}: 不是目录 (not a directory)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"-o {directory}: 无法创建目录 cannot create the directory ({exc.strerror or exc})") from exc
    if args.font and not Path(args.font).is_file():
        raise UsageError(f"--font {args.font}: 字体文件不存在 (no such font file)")
    options: dict[str, Any] = {"font": args.font} if args.font else {}
    planned = outputs_for(args.files, exporters, directory)
    en = args.lang == "en"
    code = EXIT_OK
    for name in args.files:
        try:
            report, problems, notes = open_report(name, reader=args.reader)
        except SourceUnavailable as exc:
            error_line(in_language(str(exc), args.lang))
            code = EXIT_USAGE
            continue
        for note in notes:
            said = note.message(args.lang) if note.where == name else note.line(args.lang)  # the file once
            error_line(f"{name}: {said}" if en else f"{name}：{said}")
        if report is None:
            error_line(f"{name}: not a valid report, skipped" if en else f"{name}：不是有效的报告，未导出")
            for violation in problems:
                error_line("  " + violation.message(args.lang))
            code = max(code, EXIT_INVALID)
            continue
        blocking = publishable(check(report))
        if blocking and not args.force:
            _refuse(name, blocking, args.lang)
            code = max(code, EXIT_INVALID)
            continue
        _note_findings(name, report, en)
        file_options = {**options, "draft": True} if blocking else options
        for exporter, path in zip(exporters, planned[name], strict=True):
            if not _export(exporter, report, path, file_options, en):
                code = EXIT_USAGE
    return code


def _refuse(name: str, blocking: list[Violation], lang: str) -> None:
    """Say which problems stop the export, each with its place, and how to write a draft anyway."""
    if lang == "en":
        error_line(f"{name}: not exported: {len(blocking)} problem(s) to correct first "
                   "(or use --force to write a draft):")
    else:
        error_line(f"{name}：有 {len(blocking)} 个问题需要先改正，未导出（确需生成可加 --force，文件将标明“草稿”）：")
    for violation in blocking:
        error_line("  " + violation.message(lang))


def _note_findings(name: str, report: Report, en: bool) -> None:
    findings = check(report)
    errors = sum(1 for v in findings if v.level is Level.ERROR)
    warnings = len(findings) - errors
    if errors or warnings:
        if en:
            error_line(f"{name}: note: {errors} errors, {warnings} warnings (see `disclosure-schema validate {name}`)")
        else:
            error_line(f"{name}：注意：有 {errors} 个错误、{warnings} 个警告（运行 disclosure-schema validate {name} 查看）")


def _export(exporter: Exporter, report: Report, path: Path, options: dict[str, Any], en: bool) -> bool:
    """Write one output atomically; report a failure in one line and leave any existing file as it was."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            write_atomic(path, lambda stream: exporter.export(report, stream, **options))
    except PluginError as exc:
        error_line(f"{path}: {exc}")
        return False
    except WriteError as exc:
        error_line(exc.message("en" if en else "zh"))
        return False
    except Exception as exc:  # noqa: BLE001 -- an exporter is a plug-in: whatever it raises is reported, not a traceback
        reason = in_language(str(exc) or type(exc).__name__, "en" if en else "zh")
        error_line(f"{path}: export failed ({exporter.name}): {reason}" if en else f"{path}：导出失败（{exporter.name}）：{reason}")
        return False
    for warning in caught:  # e.g. characters no installed font can print, with the field that holds them
        if issubclass(warning.category, UserWarning):
            text = in_language(str(warning.message), "en" if en else "zh")
            error_line(f"{path}: warning: {text}" if en else f"{path}：警告：{text}")
    print(path)
    return True
