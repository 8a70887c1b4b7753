"""``disclosure-schema import FILE... -o DIR``: published reports (text, HTML, Word, PDF) into report JSON.

Each input is read by the reader its suffix names (or ``--from``), and the reading notes (what was
normalised, missing or ambiguous, and where in the source) are printed in Chinese (``--lang en``
for English).  The report is written as canonical JSON, atomically: ``DIR/<stem>.json``, or the
file given with ``-o`` when there is one input and ``-o`` names a ``.json`` file.  ``--strict``
makes any reading note an error: nothing is written for that input and the exit code is 1.
Exit codes: 0 all imported, 1 an input could not be read (or had notes under ``--strict``),
2 the command could not run (no such file, no reader for the suffix, bad options).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..converter import ReportShapeError
from ..io import dump
from ..plugins import PluginError, ReadError, ReadingNote
from ..sources import read_report
from .common import EXIT_INVALID, EXIT_OK, UsageError, add_lang, error_line


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "import",
        help="read published reports (txt, html, docx, pdf, ...) into report JSON / 读取已发布的年度报告",
        description=(
            "读取已发布的年度报告（文本、网页、Word、PDF 等），输出报告 JSON，并列出读取说明（规范化、缺失或有歧义之处及其位置）。"
            "退出码 0 全部读取，1 有文件无法读取（或 --strict 下有读取说明），2 无法运行。"
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="published report files")
    parser.add_argument("-o", "--output", required=True, metavar="DIR|FILE",
                        help="output directory (DIR/<stem>.json), or a .json file when there is one input")
    parser.add_argument("--from", dest="reader", metavar="READER", help="read every FILE with this reader (text, html, ...)")
    parser.add_argument("--strict", action="store_true", help="treat any reading note as an error / 有读取说明即视为错误")
    add_lang(parser)
    parser.set_defaults(run=run)


def targets(files: list[str], output: str) -> dict[str, Path]:
    """Where each input's JSON goes; refuses two inputs writing one file or an output replacing an input."""
    out = Path(output)
    single_file = len(files) == 1 and out.suffix.lower() == ".json" and not out.is_dir()
    if len(files) > 1 and out.suffix.lower() == ".json" and not out.is_dir():
        raise UsageError(f"-o {output}: 有多个输入文件时 -o 须为目录 (with several inputs, -o must be a directory)")
    if not single_file:
        if out.exists() and not out.is_dir():
            raise UsageError(f"-o {output}: 不是目录 (not a directory)")
        out.mkdir(parents=True, exist_ok=True)
    inputs = {Path(name).resolve() for name in files}
    planned: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for name in files:
        path = out if single_file else out / f"{Path(name).stem}.json"
        resolved = path.resolve()
        if resolved in inputs:
            raise UsageError(f"{path}: 输出会覆盖输入文件 (the output would overwrite an input)")
        if resolved in seen:
            raise UsageError(f"{path}: {seen[resolved]} 与 {name} 输出同名 (two inputs would write the same file)")
        seen[resolved] = name
        planned[name] = path
    if not single_file and not out.is_dir():
        raise UsageError(f"-o {output}: 无法创建目录 (cannot create the directory)")
    return planned


def note_line(note: ReadingNote, lang: str) -> str:
    return f"  [{note.code}] {note.line(lang)}"


def run(args: argparse.Namespace) -> int:
    for name in args.files:
        if not Path(name).is_file():
            raise UsageError(f"{name}: 文件不存在或不是普通文件 (no such file)")
    planned = targets(args.files, args.output)
    lang = args.lang
    failed = False
    for name, target in planned.items():
        try:
            result = read_report(name, reader=args.reader)
            if result.errors:
                raise ReadError(list(result.errors))
        except ReadError as exc:
            failed = True
            error_line(f"{name}：无法读取为年度报告" if lang == "zh" else f"{name}: cannot be read as an annual report")
            for note in exc.notes:
                error_line(note_line(note, lang))
            continue
        except PluginError as exc:
            raise UsageError(f"{name}: {exc}") from exc
        except OSError as exc:
            raise UsageError(f"{name}: {exc.strerror or exc}") from exc
        except ReportShapeError as exc:
            failed = True
            error_line(f"{name}：无法读取为年度报告" if lang == "zh" else f"{name}: cannot be read as an annual report")
            for violation in exc.violations:
                error_line("  " + violation.message(lang))
            continue
        notes = result.notes
        if lang == "zh":
            print(f"{name}：{len(notes)} 条读取说明" if notes else f"{name}：读取完成，无读取说明")
        else:
            print(f"{name}: {len(notes)} reading notes" if notes else f"{name}: read, no reading notes")
        for note in notes:
            print(note_line(note, lang))
        if args.strict and notes:
            failed = True
            error_line(f"{name}：--strict 下有读取说明，未写出" if lang == "zh"
                       else f"{name}: reading notes under --strict; nothing written")
            continue
        try:
            dump(result.report, target)
        except ReportShapeError as exc:  # a report the library could not read back is not written
            failed = True
            error_line(f"{name}：读出的内容无法写成报告 JSON，未写出" if lang == "zh"
                       else f"{name}: what was read cannot be written as report JSON; nothing written")
            for violation in exc.violations:
                error_line("  " + violation.message(lang))
            continue
        print(f"  → {target}")
    return EXIT_INVALID if failed else EXIT_OK


__all__ = ["register", "run", "targets"]
