"""Atomic file writes that survive a full disk, a missing permission and a signal.

Why: a clerk's earlier good file must never be replaced by half a file, and a failed write must
say, in Chinese, which file and why (磁盘空间不足, 没有写入权限), never a traceback.  Every command's
write path (``import -o``, ``aggregate -o``, ``template -o``, ``export``, ``tidy``) goes through
:func:`write_atomic`:

* the data goes to a temporary file ``.NAME.XXXXXXXX.tmp`` beside the target, held under an
  exclusive ``flock`` while it is written, then ``fsync``-ed and renamed over the target;
* any failure (including ``KeyboardInterrupt`` and the :class:`Terminated` that the command line
  raises on SIGTERM) removes the temporary file and leaves the target as it was;
* the exporter writes through a guard: after the first ``OSError`` every further write is
  swallowed, so the exporter's own clean-up (zip archives closing in destructors) cannot print
  "Exception ignored" tracebacks, and the first error is the one reported;
* a temporary file of our naming that no live writer holds locked (left by SIGKILL or a power
  cut) is removed by the next write into the same directory.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from .errors import BilingualError

try:  # POSIX: a live writer's temporary file is locked, a stale one is not
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "Terminated",
    "WriteError",
    "clear_termination_request",
    "describe_os_error",
    "remove_stale_temporaries",
    "request_termination",
    "termination_requested",
    "write_atomic",
]

TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
"""Our temporary files: ``.`` + the target's name + ``.`` + ``mkstemp``'s eight characters + ``.tmp``."""

_CAUSES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间不足", "no space left on the disk"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.EROFS: ("文件系统是只读的", "the file system is read-only"),
    errno.ENOENT: ("目录不存在", "no such directory"),
    errno.ENOTDIR: ("路径中有一段不是目录", "a part of the path is not a directory"),
    errno.EISDIR: ("目标是一个目录", "the target is a directory"),
    errno.EFBIG: ("文件过大", "file too large"),
    errno.EIO: ("磁盘读写错误", "input/output error"),
    errno.ENAMETOOLONG: ("文件名过长", "file name too long"),
    errno.EEXIST: ("目标已存在且不是普通文件（设备、管道或套接字），不会被替换", "the target exists and is not a regular file (a device, pipe or socket); it is not replaced"),
}


class Terminated(SystemExit):
    """Raised by the command line's SIGTERM handler so that writes in progress clean up (exit 143)."""

    def __init__(self) -> None:
        super().__init__(143)


_termination: list[bool] = []


def request_termination() -> None:
    """Record that the process was asked to end (the SIGTERM handler calls this before raising).

    Why: a plug-in may catch every exception, :class:`Terminated` included, and raise its own;
    :func:`write_atomic` then still ends the write as terminated, not as an export error.
    """
    _termination.append(True)


def termination_requested() -> bool:
    return bool(_termination)


def clear_termination_request() -> None:
    """Forget an earlier request (a new command-line run in the same process starts clean)."""
    _termination.clear()


class WriteError(BilingualError, OSError):
    """A file could not be written; the message names the file and the cause.  Nothing was left behind."""

    def __init__(self, path: str | os.PathLike[str], cause: OSError) -> None:
        zh_cause, en_cause = describe_os_error(cause)
        self.path = os.fspath(path)
        self.cause = cause
        BilingualError.__init__(self, f"{self.path}：无法写入（{zh_cause}）", f"{self.path}: cannot write ({en_cause})")
        self.errno = cause.errno
        self.filename = self.path


def describe_os_error(exc: OSError) -> tuple[str, str]:
    """The cause of an ``OSError`` in words (Chinese, English), without Python's text."""
    if exc.errno in _CAUSES:
        return _CAUSES[exc.errno]
    reason = exc.strerror or "未知原因"
    return f"系统错误：{reason}", f"system error: {exc.strerror or 'unknown'}"


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else what a plain ``open()`` would give (``mkstemp`` gives 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temporaries(directory: str | os.PathLike[str]) -> list[str]:
    """Remove temporary files of our naming in ``directory`` that no live writer holds; returns their names.

    A writer holds an exclusive ``flock`` on its temporary file from creation to rename; the lock
    dies with the process however it ends, so a file we can lock is stale.  Without ``flock``
    (Windows) only files older than a day are removed.  Never raises.
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not TEMPORARY.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if fcntl is None:  # pragma: no cover - Windows
                import time

                if time.time() - entry.stat().st_mtime < 86400:
                    continue
                os.unlink(entry.path)
            else:
                fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live writer holds it
                else:
                    os.unlink(entry.path)
                finally:
                    os.close(fd)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


class _GuardedStream(io.RawIOBase):
    """The temporary file as the exporter sees it: the first ``OSError`` is kept, later writes swallowed.

    After a failure (or once :func:`write_atomic` is done with the file) writes and seeks only move
    a position kept here, so that an exporter's clean-up -- a zip archive writing its directory from
    a destructor -- finds a consistent file and has nothing to complain about.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self._position = 0
        self._end = 0
        self.failure: OSError | None = None
        self.finished = False

    @property
    def _live(self) -> bool:
        return self.failure is None and not self.finished

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        if self._live:
            try:
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
            except OSError as exc:
                self.failure = exc
                raise
        self._position += size
        self._end = max(self._end, self._position)
        return size

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._live:
            self._position = os.lseek(self._fd, offset, whence)
        else:
            base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._end}[whence]
            self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def truncate(self, size: int | None = None) -> int:
        size = self._position if size is None else size
        if self._live:
            os.ftruncate(self._fd, size)
        self._end = size
        return size

    def flush(self) -> None:
        return None

    def close(self) -> None:
        # the descriptor belongs to write_atomic; closing the stream only stops the writing
        self.finished = True
        super().close()


def write_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    Raises :class:`WriteError` (an ``OSError`` with a Chinese and an English message naming the
    file and the cause) when the file cannot be written; the target is then left as it was and
    no temporary file remains.  Whatever else ``write`` raises is re-raised after the same clean-up.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode: int | None = os.stat(target).st_mode
    except OSError:
        mode = None  # no such file yet (or unreadable): the write itself says what is wrong
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # /dev/full, /dev/null, a FIFO: renaming over it would destroy it and report success.
        raise WriteError(target, OSError(errno.EEXIST, "not a regular file"))
    remove_stale_temporaries(directory)
    import tempfile  # here, not at the top: ``validate`` never writes, and tempfile's imports cost its start-up

    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WriteError(target, exc) from None
    stream = _GuardedStream(descriptor)
    try:
        try:
            if fcntl is not None:
                with contextlib.suppress(OSError):  # a file system without locks: the file is then never stale
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            write(stream)  # type: ignore[arg-type]
        except Exception:
            if termination_requested():  # a plug-in swallowed the Terminated raised inside it
                raise Terminated from None
            if stream.failure is not None:  # the exporter may have wrapped the OSError in its own error
                raise WriteError(target, stream.failure) from None
            raise
        if stream.failure is not None:  # the exporter swallowed it; the file is incomplete all the same
            raise WriteError(target, stream.failure)
        stream.finished = True
        try:
            os.fsync(descriptor)
            os.chmod(temporary, _mode_for(target))
            os.close(descriptor)
            descriptor = -1
            os.replace(temporary, target)
        except OSError as exc:
            raise WriteError(target, exc) from None
    except BaseException:
        stream.finished = True
        if descriptor >= 0:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        stream.finished = True
