"""``disclosure-schema template --edition E -o 空白模板.xlsx``: the blank workbook a clerk fills in.

The workbook is the XLSX exporter's, asked for as a template (live 总计
formulas, validated input cells, protected labels); the command finds it through
the plug-in registry like any other exporter, so the core never imports the
exporters package.  What the clerk returns is read by ``import``/``validate``
through the XLSX reader.
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
from .common import EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line

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
    parser.add_argument("--edition", choices=tuple(EDITIONS), required=True, help="format edition / 格式版本")
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


def run(args: argparse.Namespace) -> int:
    en = args.lang == "en"
    year = args.year if args.year is not None else default_year(args.edition)
    if year not in YEARS:
        raise UsageError(
            f"--year {year}: 应在 {YEARS.start}–{YEARS.stop - 1} 之间 (must be {YEARS.start}-{YEARS.stop - 1})"
        )
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {output}: 模板是 Excel 工作簿，文件名应以 .xlsx 结尾 (the template is an .xlsx workbook)")
    try:
        exporter = get_exporter(EXPORTER)
    except PluginError as exc:
        error_line(f"{output}: {exc}" if en else f"{output}：无法生成模板，xlsx 导出插件不可用（{exc}）")
        return EXIT_USAGE
    report = Report.empty(args.edition, year, blank=True)
    try:
        write_atomic(output, lambda stream: exporter.export(report, stream, template=True))
    except WriteError as exc:
        error_line(exc.message(args.lang))
        return EXIT_USAGE
    if en:
        print(f"{output}: blank {args.edition}-edition template for {year} written")
    else:
        print(f"{output}：已生成 {args.edition} 版格式的 {year} 年度空白填报模板")
    return EXIT_OK
