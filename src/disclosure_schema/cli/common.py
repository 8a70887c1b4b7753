"""What the sub-commands share: exit codes, messages to stderr, output paths."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from ..atomic import Terminated, clear_termination_request, describe_os_error, request_termination

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command cannot run as asked (bad option, missing file); exit code 2."""


def error_line(text: str) -> None:
    print(text, file=sys.stderr)


def refuse_overwriting(option: str, target: str, inputs: Iterable[str | None]) -> None:
    """A usage error when the output ``target`` is one of the files the command reads.

    Why: an output written over its own input loses what the user had (last year's filled workbook
    replaced by next year's template, a roster by its result, a report by the issue list).
    Links and ``.`` are resolved, so ``d/./a.json`` is ``d/a.json``.
    """
    resolved = Path(target).resolve()
    if any(name is not None and Path(name).resolve() == resolved for name in inputs):
        raise UsageError(f"{option} {target}: 输出会覆盖输入文件，请换一个文件名 (the output would overwrite an input)")


def add_lang(parser: object) -> None:
    parser.add_argument(  # type: ignore[attr-defined]
        "--lang", choices=("zh", "en"), default="zh", help="message language / 提示语言 (default zh)"
    )


INTERRUPTED = ("已中断（Ctrl-C），未完成的文件均已清理", "interrupted (Ctrl-C); no partial file was left")
TERMINATED = ("收到终止信号，已停止，未完成的文件均已清理", "terminated by a signal; no partial file was left")


def os_error_line(exc: OSError, lang: str) -> str:
    """One line for an operating-system error: the file it concerns and the cause in words."""
    zh, en = describe_os_error(exc)
    name = exc.filename if exc.filename is not None else ""
    if lang == "en":
        return f"{name}: {en}" if name else f"error: {en}"
    return f"{name}：{zh}" if name else f"错误：{zh}"


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """SIGTERM (and SIGHUP) raise :class:`Terminated` in this process while the block runs.

    Why: the default action kills the process at once, leaving a write's temporary file behind;
    raised as an exception it unwinds through :func:`~disclosure_schema.atomic.write_atomic`, which
    removes it.  Child processes (a ``validate`` pool) inherit the handler; in them it falls back to
    the default action.
    """
    owner = os.getpid()
    clear_termination_request()

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        request_termination()
        raise Terminated

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous: dict[int, object] = {}
    try:
        for name in names:
            number = getattr(signal, name)
            previous[number] = signal.signal(number, handler)
    except ValueError:  # not the main thread: leave signals alone
        previous = {}
    try:
        yield
    finally:
        for number, old in previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, old)  # type: ignore[arg-type]
