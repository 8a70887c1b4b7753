"""把一份年度报告做成正式文件（Word 公文、PDF 公文、Excel 表格、JSON 数据）的 Python 示例。

办事员请直接用安装后自带的命令（见 docs/clerk-guide.zh.md）::

    disclosure-schema export 2024年报.xlsx --to docx,pdf,xlsx,json -o 正式文件

用法::

    python examples/make_official_files.py 报告.json [输出目录]
    python examples/make_official_files.py 填好的.xlsx [输出目录]

先读取并校验报告：有错误（如勾稽关系不平）时列出每个错误的位置并停止，改好后再运行；
只有警告时照常生成。输出目录默认为报告所在文件夹下的“正式文件”。每份文件都是先写临时文件、
写完再改名，所以中途出错不会留下半截文件，也不会覆盖原有的好文件。

This is an example of the library's public API: read and check a report, then
run the exporters registered under ``disclosure_schema.exporters``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from disclosure_schema import Exporter, Report
from disclosure_schema.io import write_atomic
from disclosure_schema.plugins import PluginError, get_exporter
from disclosure_schema.validation import SourceUnavailable, validate_file

FORMATS = (("docx", "Word 公文"), ("pdf", "PDF 公文"), ("xlsx", "Excel 表格"), ("json", "JSON 数据"))


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make_official_files.py",
        description="把年度报告（JSON 或填好的 Excel 模板）做成正式文件：docx、pdf、xlsx、json。",
    )
    parser.add_argument("report", metavar="报告文件", help="报告.json 或 填好的.xlsx")
    parser.add_argument("output", nargs="?", metavar="输出目录", help="默认：报告所在文件夹下的“正式文件”")
    parser.add_argument("--font", metavar="字体文件", help="PDF 所用中文字体（.ttf 或 .ttc），找不到字体时使用")
    parser.add_argument("--force", action="store_true", help="报告有错误时也生成文件（不建议用于正式发布）")
    return parser.parse_args(argv)


def writer(exporter: Exporter, report: Report, options: dict[str, Any]) -> Callable[[BinaryIO], None]:
    """What :func:`write_atomic` calls with the temporary file: the exporter writing the report."""

    def write(stream: BinaryIO) -> None:
        exporter.export(report, stream, **options)

    return write


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    args = parse(argv)
    source = Path(args.report)
    output = Path(args.output) if args.output else source.parent / "正式文件"
    print(f"正在读取并校验：{source}")
    try:
        result = validate_file(source)
    except SourceUnavailable as exc:
        print(f"无法打开文件：{exc}")
        return 2
    for note in result.notes:
        print(f"  说明（{note.where}）：{note.zh}")
    for violation in result.violations:
        level = "错误" if violation.is_error else "警告"
        print(f"  {level}：{violation.message('zh')}")
    if result.report is None:
        print("这个文件不是一份完整的年度报告，没有生成任何文件。请按上面的提示修改后再运行。")
        return 1
    if result.errors and not args.force:
        print(f"报告有 {result.errors} 个错误，没有生成文件。请改正后再运行（确需生成可加 --force）。")
        return 1
    if result.warnings:
        print(f"报告有 {result.warnings} 个警告，请核对；文件照常生成。")
    report = result.report
    output.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"font": args.font} if args.font else {}
    if result.errors:
        options["draft"] = True  # forced: the Word and PDF documents say 草稿 at the top
    failed = 0
    for name, words in FORMATS:
        try:
            exporter = get_exporter(name)
            target = output / f"{source.stem}{exporter.suffix}"
            if target.resolve() == source.resolve():
                print(f"  跳过{words}：输出会覆盖原报告文件，请指定别的输出目录。")
                failed += 1
                continue
            write_atomic(target, writer(exporter, report, options))
        except PluginError as exc:
            print(f"  无法生成{words}：缺少组件。{exc}")
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 -- the clerk gets one line per failed file, never a traceback
            print(f"  无法生成{words}：{exc}")
            failed += 1
            continue
        print(f"  已生成{words}：{target}")
    if failed:
        print(f"有 {failed} 份文件没有生成，原因见上。")
        return 2
    print(f"完成。{len(FORMATS)} 份文件都在：{output.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
