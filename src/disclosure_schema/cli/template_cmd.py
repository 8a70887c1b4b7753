"""``disclosure-schema template --edition E -o 空白模板.xlsx``: the blank workbook a clerk fills in.

The workbook is the XLSX exporter's, asked for as a template (live 总计
formulas, validated input cells, protected labels); the command finds it through
the plug-in registry like any other exporter, so the core never imports the
exporters package.  What the clerk returns is read by ``import``/``validate``
through the XLSX reader.

``--previous 2024.json`` (or a filled ``2024.xlsx``) starts next year's workbook
from this year's report (:mod:`disclosure_schema.carryover`): the carried-over
figures and the envelope filled in, last year's figures beside the rows with
live X1/X2 checks, and a list of what did not carry over.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ..io import WriteError, write_atomic
from ..model import YEARS, Report
from ..plugins import PluginError, get_exporter
from ..taxonomy import EDITIONS
from .common import EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line, refuse_overwriting

EXPORTER = "xlsx"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "template",
        help="write the blank workbook to fill in / 生成空白填报模板（xlsx）",
        description=(
            "生成空白年度报告填报模板（Excel 工作簿）：总计栏为自动求和公式，填数单元格只接受相应类型的数值，标签受保护。"
            "退出码 0 成功，2 无法运行。"
        ),
    )
    parser.add_argument("--edition", choices=tuple(EDITIONS), help="format edition / 格式版本 (default: from the year)")
    parser.add_argument(
        "--previous", metavar="FILE",
        help="last year's report (.json or filled .xlsx): next year's workbook carried over from it / 上年报告，据此生成下一年模板",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the workbook to write (.xlsx) / 输出文件"
    )
    parser.add_argument(
        "--year", type=int, metavar="YEAR", help="report year to pre-fill / 预填的报告年度 (default: last year)"
    )
    add_lang(parser)
    parser.set_defaults(run=run)


def default_year(edition: str, today: dt.date | None = None) -> int:
    """Last calendar year, kept within the years the edition applies to."""
    spec = EDITIONS[edition]
    year = (today or dt.date.today()).year - 1
    return max(spec.first_year, min(year, spec.last_year or year))


def _previous(path: str, en: bool) -> Report:
    from ..validation import SourceUnavailable, open_report

    try:
        report, problems, _ = open_report(path)
    except SourceUnavailable as exc:
        raise UsageError(f"--previous {exc}") from exc
    if report is None:
        details = "; ".join(v.message("en" if en else "zh") for v in problems[:5])
        raise UsageError(f"--previous {path}: " + ("not a valid report: " if en else "不是有效的报告：") + details)
    return report


def run(args: argparse.Namespace) -> int:
    en = args.lang == "en"
    if args.previous is None and args.edition is None:
        raise UsageError("请指定 --edition 或 --previous (give --edition or --previous)")
    previous = _previous(args.previous, en) if args.previous is not None else None
    if previous is not None:
        from ..carryover import carry_over

        start = carry_over(previous, args.year)
        if args.edition is not None and args.edition != start.report.edition:
            raise UsageError(
                f"--edition {args.edition}: {start.report.year} 年度应使用 {start.report.edition} 版格式 "
                f"(the {start.report.year} report uses the {start.report.edition} edition)"
            )
        return _write(args, start.report, previous, start.not_carried, en)
    year = args.year if args.year is not None else default_year(args.edition)
    if year not in YEARS:
        raise UsageError(
            f"--year {year}: 应在 {YEARS.start}–{YEARS.stop - 1} 之间 (must be {YEARS.start}-{YEARS.stop - 1})"
        )
    return _write(args, Report.empty(args.edition, year, blank=True), None, (), en)


def _write(args: argparse.Namespace, report: Report, previous: Report | None,
           not_carried: tuple[tuple[str, str], ...], en: bool) -> int:
    year = report.year
    if year not in YEARS:
        raise UsageError(
            f"--year {year}: 应在 {YEARS.start}–{YEARS.stop - 1} 之间 (must be {YEARS.start}-{YEARS.stop - 1})"
        )
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {output}: 模板是 Excel 工作簿，文件名应以 .xlsx 结尾 (the template is an .xlsx workbook)")
    refuse_overwriting("-o", args.output, [args.previous])  # last year's filled workbook
    try:
        exporter = get_exporter(EXPORTER)
    except PluginError as exc:
        error_line(f"{output}: {exc}" if en else f"{output}：无法生成模板，xlsx 导出插件不可用（{exc}）")
        return EXIT_USAGE
    try:
        write_atomic(output, lambda stream: exporter.export(report, stream, template=True, previous=previous))
    except WriteError as exc:
        error_line(exc.message(args.lang))
        return EXIT_USAGE
    if previous is not None:
        if en:
            print(f"{output}: {report.edition}-edition workbook for {year} written, carried over from the {previous.year} report")
        else:
            print(f"{output}：已生成 {report.edition} 版格式的 {year} 年度填报模板，已带入 {previous.year} 年度报告的结转数和发布机关等信息")
        for zh, english in not_carried:
            print(("  not carried: " + english) if en else ("  未带入：" + zh))
    elif en:
        print(f"{output}: blank {report.edition}-edition template for {year} written")
    else:
        print(f"{output}：已生成 {report.edition} 版格式的 {year} 年度空白填报模板")
    return EXIT_OK
