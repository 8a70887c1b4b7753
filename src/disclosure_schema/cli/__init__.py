"""The ``disclosure-schema`` command line.

Each sub-command lives in its own module of this package, exposing
``register(subparsers)``; the module names are listed in :data:`COMMANDS`.
Exit codes: 0 success, 1 a file is invalid, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from ..atomic import Terminated, WriteError, termination_requested
from .common import EXIT_USAGE, INTERRUPTED, TERMINATED, UsageError, error_line, os_error_line, terminate_cleanly

COMMANDS = ("validate", "schema_cmd", "rules_cmd", "aggregate_cmd", "series_cmd", "tidy_cmd", "export_cmd", "exporters_cmd", "template_cmd", "import_cmd", "rollup_cmd", "roster_cmd", "text_check_cmd", "form_cmd")
"""Modules of this package that register a sub-command, in the order ``--help`` lists them."""

COMMAND_MODULES = {
    "validate": "validate",
    "schema": "schema_cmd",
    "rules": "rules_cmd",
    "aggregate": "aggregate_cmd",
    "series": "series_cmd",
    "tidy": "tidy_cmd",
    "export": "export_cmd",
    "exporters": "exporters_cmd",
    "template": "template_cmd",
    "import": "import_cmd",
    "rollup-check": "rollup_cmd",
    "roster": "roster_cmd",
    "text-check": "text_check_cmd",
    "form": "form_cmd",
}
"""Each sub-command's name and its module: a command line naming one imports only that module."""


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width without importing :mod:`shutil`.

    Why: argparse makes a formatter for every option it registers, and without a width the
    formatter imports ``shutil`` (and with it ``bz2``, ``lzma``, ``fnmatch``) to ask the
    terminal; that is a twentieth of ``validate one.json``'s start-up.  The width is found as
    ``shutil.get_terminal_size().columns`` finds it, so help text wraps exactly as before.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """Usage headed in both languages, like every other line of the help."""
        super().add_usage(usage, actions, groups, "用法 usage: " if prefix is None else prefix)


def _columns() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the terminal on stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class _Parser(argparse.ArgumentParser):
    """argparse's parser with its own words in Chinese as well: a clerk reads the help too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数 positional arguments"
        self._optionals.title = "选项 options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="显示本帮助并退出 / show this help and exit")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command`` (a sub-command's name) only that sub-command is registered."""
    parser = _Parser(
        prog="disclosure-schema",
        description="政府信息公开工作年度报告：校验、导出、读取。Annual reports on open government information: check, export, read.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else COMMANDS
    for name in modules:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def _lang_of(argv: Sequence[str] | None) -> str:
    """``en`` when ``--lang en`` is among the arguments (for messages before they are parsed)."""
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--lang=en" or (word == "--lang" and words[index + 1 : index + 2] == ["en"]):
            return "en"
    return "zh"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it).

    A file that cannot be written (:class:`~disclosure_schema.atomic.WriteError`: full disk,
    no permission) ends the run with one line naming the file and the cause, exit code 2; so does
    any other operating-system error.  SIGTERM and Ctrl-C clean up temporary files and end with a
    short line (exit codes 143 and 130), never a traceback.
    """
    lang = _lang_of(argv)
    for stream in (sys.stdout, sys.stderr):  # a file name with undecodable bytes must not crash a print
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        with terminate_cleanly():
            parser = build_parser(arguments[0] if arguments else None)
            args = parser.parse_args(arguments)
            lang = getattr(args, "lang", lang)
            if not getattr(args, "run", None):
                parser.print_help(sys.stderr)
                return EXIT_USAGE
            code: int = args.run(args)
            if termination_requested():  # a plug-in swallowed the signal's exception; the run still ends so
                raise Terminated
            return code
    except UsageError as exc:
        from .language import usage_line

        command = arguments[0] if arguments and arguments[0] in COMMAND_MODULES else None
        error_line(usage_line(str(exc), lang, command))
        return EXIT_USAGE
    except WriteError as exc:
        error_line(exc.message(lang))
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            return 0
        error_line(os_error_line(exc, lang))
        return EXIT_USAGE
    except KeyboardInterrupt:
        error_line(INTERRUPTED[lang == "en"])
        return 130
    except Terminated:
        error_line(TERMINATED[lang == "en"])
        return 143


def entry() -> None:
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C outside main's own handling (while it was returning)
        error_line(INTERRUPTED[False])
        code = 130
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    sys.exit(code)
