"""Ctrl-C while the command line is still starting: one short line and exit code 130, no traceback.

Why here: the console script imports the whole package before the command line's own handler
runs, which takes a noticeable moment on a slow machine; a clerk who presses Ctrl-C then must not
see a Python traceback.  The hook is installed only when the running program is the
``disclosure-schema`` console script (or ``python -m disclosure_schema``), never for a library user.
"""

from __future__ import annotations

import contextlib
import os
import sys
from types import TracebackType

PROGRAMS = ("disclosure-schema", "__main__.py")


def _is_command_line() -> bool:
    program = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return program.removesuffix(".exe") in PROGRAMS or program == "-m"


def install() -> None:
    """Make an uncaught ``KeyboardInterrupt`` end the command line quietly (exit 130)."""
    if not _is_command_line() or getattr(sys.excepthook, "_disclosure_schema", False):
        return
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            try:
                sys.stderr.write("已中断（Ctrl-C） interrupted\n")
                sys.stderr.flush()
            finally:
                os._exit(130)
        previous(kind, value, trace)

    hook._disclosure_schema = True  # type: ignore[attr-defined]
    sys.excepthook = hook
    _terminate_quietly()


def _terminate_quietly() -> None:
    """SIGTERM while the command line is still importing: exit 143 at once, quietly (nothing is written yet).

    The command line replaces this handler with its own (which also removes temporary files) as soon
    as it runs.
    """
    import signal

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(143)

    with contextlib.suppress(ValueError, OSError):  # not the main thread
        signal.signal(signal.SIGTERM, handler)


install()
