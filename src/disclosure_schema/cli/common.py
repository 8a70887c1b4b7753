"""What the sub-commands share: exit codes, messages to stderr, output paths."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command cannot run as asked (bad option, missing file); exit code 2."""


def error_line(text: str) -> None:
    print(text, file=sys.stderr)


def add_lang(parser: object) -> None:
    parser.add_argument(  # type: ignore[attr-defined]
        "--lang", choices=("zh", "en"), default="zh", help="message language / 提示语言 (default zh)"
    )
