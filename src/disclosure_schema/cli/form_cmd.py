"""``disclosure-schema form --edition E [--previous LAST.json] [--report DRAFT.json] -o 填报.html``.

Writes the fill-in page (:mod:`disclosure_schema.form`): one offline HTML file a clerk
opens in any browser to type the report, with the sums checked while typing and the
result saved as report JSON.  ``--previous`` embeds last year's report for X1/X2;
``--report`` fills the page with a draft.  Both may be JSON or any file a reader takes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..form import build_form
from ..io import write_atomic
from ..model import Report
from ..taxonomy import EDITIONS
from ..validation import SourceUnavailable, open_report
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, add_lang, error_line, refuse_overwriting


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "form",
        help="write the offline fill-in page (html) / 生成离线填报网页",
        description=(
            "生成离线填报网页（一个 HTML 文件，无需联网、无需安装）：按官方格式逐格填写，边填边核对勾稽关系，"
            "保存为报告 JSON。退出码 0 成功，1 --previous/--report 文件无效，2 无法运行。"
        ),
    )
    parser.add_argument("--edition", choices=tuple(EDITIONS), required=True, help="format edition / 格式版本")
    parser.add_argument("--previous", metavar="FILE", help="last year's report: also check X1/X2 / 上年报告")
    parser.add_argument("--report", metavar="FILE", help="a draft to fill the page with / 预先填入的报告草稿")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the page to write (.html) / 输出文件")
    add_lang(parser)
    parser.set_defaults(run=run)


def _read(path: str, what: tuple[str, str], en: bool) -> Report | None:
    try:
        report, violations, _ = open_report(path)
    except SourceUnavailable as exc:
        raise UsageError(f"--{what[1]} {exc}") from None
    if report is None:
        lang = "en" if en else "zh"
        head = f"{path}: not a report ({what[1]})" if en else f"{path}：不是有效的报告（{what[0]}）"
        error_line(head)
        for violation in violations[:20]:
            error_line(f"  {violation.pointer or '/'}  {violation.message(lang)}")
        return None
    return report


def run(args: argparse.Namespace) -> int:
    en = args.lang == "en"
    output = Path(args.output)
    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o {output}: 填报页是网页，文件名应以 .html 结尾 (the page is an .html file)")
    refuse_overwriting("-o", args.output, [args.previous, args.report])  # a published web page is a report
    previous = report = None
    if args.previous:
        previous = _read(args.previous, ("上年报告", "previous"), en)
        if previous is None:
            return EXIT_INVALID
    if args.report:
        report = _read(args.report, ("报告草稿", "report"), en)
        if report is None:
            return EXIT_INVALID
        if report.edition != args.edition:
            raise UsageError(
                f"--report {args.report}: 这是 {report.edition} 版格式的报告，与 --edition {args.edition} 不符"
                f" (a {report.edition}-edition report)"
            )
    page = build_form(args.edition, previous=previous, report=report).encode("utf-8")
    try:
        write_atomic(output, lambda stream: stream.write(page))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        error_line(f"{output}: cannot write the file ({reason})" if en else f"{output}：无法写入文件（{reason}）")
        return EXIT_USAGE
    if en:
        print(f"{output}: fill-in page for the {args.edition} edition written; open it in a browser")
    else:
        print(f"{output}：已生成 {args.edition} 版格式的填报网页，用浏览器打开即可填写")
    return EXIT_OK
