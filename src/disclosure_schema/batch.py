"""Running one function over many items on several processes, results in order, with no thread in the parent.

Why not :class:`multiprocessing.pool.Pool`: its parent runs three threads, and the one that
watches the workers wakes up whenever a result is waiting to be read, so while the cores are busy
checking files it spins, taking the cores from the workers (measured: 0.3 s of the parent's CPU
per 10,000 files in its threads, against 0.06 s for this whole loop), and a worker that dies
leaves ``imap`` waiting for ever.  Here the parent is one loop: it takes
the next item only when a worker has room (so a directory walk feeding it goes at the workers'
pace and memory stays flat), sends it down that worker's pipe, and yields the results in the
items' order.  The workers are forked once the parent has imported and built what they need, so
each starts ready; they leave Ctrl-C to the parent (one line, no traceback from every worker)
and end when the parent's end of their pipe closes, whatever ended the parent.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 2
"""Items sent to a worker before its first result comes back: it never waits for the parent."""
WINDOW = 4
"""Items per worker at most between the next result to yield and the last item sent (memory stays flat)."""


class WorkerLost(Exception):
    """A worker process ended before it returned the results of the items it was given."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        super().__init__(f"a worker process ended unexpectedly (exit code {exitcode})")


class _Worker:
    __slots__ = ("connection", "process", "room", "waiting")

    def __init__(self, connection: Connection, process: BaseProcess) -> None:
        self.connection = connection
        self.process = process
        self.waiting = 0
        """Items sent whose result has not come back."""
        self.room = _room(connection)
        """Bytes an item may have while it waits in the pipe behind another (0: none may wait)."""


def _room(connection: Connection) -> int:
    """A quarter of the socket's send buffer (Linux: ~50 KB; macOS: 2 KB), or 0 when that cannot be known."""
    try:
        import socket

        with socket.socket(fileno=os.dup(connection.fileno())) as duplicate:
            size: int = duplicate.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)
    except (OSError, ValueError, AttributeError):  # not a socket (Windows' named pipes)
        return 0
    return size // 4


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Generator[R, None, None]:
    """``function(item)`` for each of ``items``, in order, computed on ``jobs`` worker processes.

    ``initializer(*initargs)`` runs once in each worker before its first item.  ``items`` is
    consumed only as fast as the workers take it.  An exception raised by ``function`` is raised
    here (the workers stop); a worker that dies raises :class:`WorkerLost`.  Closing the iterator
    early (or an exception in the caller, Ctrl-C, a signal) stops the workers at once.
    """
    import multiprocessing

    workers: list[_Worker] = []
    gc.freeze()  # what is built so far stays shared with the workers: their collections never touch (copy) it
    try:
        for _ in range(jobs):
            parent_end, child_end = multiprocessing.Pipe()
            inherited = [w.connection for w in workers] + [parent_end]
            process = multiprocessing.Process(
                target=_serve,
                args=(function, initializer, initargs, child_end, inherited),
                daemon=True,
                name="disclosure-schema-worker",
            )
            process.start()
            child_end.close()
            workers.append(_Worker(parent_end, process))
    except BaseException:
        _stop(workers, kill=True)
        raise
    finally:
        gc.unfreeze()
    try:
        yield from _results(workers, iter(items), jobs * WINDOW)
    except BaseException:
        _stop(workers, kill=True)
        raise
    _stop(workers, kill=False)


def _results(workers: list[_Worker], items: Iterator[T], window: int) -> Iterator[R]:
    """The loop of :func:`ordered_map`: send items, gather results, yield them in order.

    A send never blocks for long: an item goes to a worker that is still busy with another
    only if it fits in the pipe's buffer (:attr:`_Worker.room`), else it waits for a worker
    that has nothing left to do, which reads it at once.  (A worker sending a large result
    waits for the parent to read it; were the parent itself waiting for that worker to read
    an item, neither would move.)
    """
    import pickle
    from multiprocessing.connection import wait

    done: dict[int, R] = {}
    sent = yielded = 0
    message: bytes | None = None
    """The next item, pickled, when no worker had room for it yet."""
    exhausted = False
    by_connection = {id(w.connection): w for w in workers}
    while True:
        for worker in workers:  # give each worker room to work ahead, within the window
            while worker.waiting < AHEAD:
                if message is None:
                    if exhausted or sent - yielded >= window:
                        break
                    item = next(items, _END)
                    if item is _END:
                        exhausted = True
                        break
                    message = pickle.dumps((sent, item), pickle.HIGHEST_PROTOCOL)
                    sent += 1
                if worker.waiting and len(message) > worker.room:
                    break
                try:
                    worker.connection.send_bytes(message)
                except OSError:  # its end of the pipe is closed: it died
                    raise _lost(worker) from None
                worker.waiting += 1
                message = None
        while yielded in done:
            yield done.pop(yielded)
            yielded += 1
        if exhausted and message is None and yielded == sent:
            return
        busy = [w.connection for w in workers if w.waiting]
        for connection in wait(busy):
            worker = by_connection[id(connection)]
            try:
                index, ok, value = worker.connection.recv()
            except (EOFError, OSError):
                raise _lost(worker) from None
            worker.waiting -= 1
            if not ok:
                raise value
            done[index] = value


_END: Any = object()


def _lost(worker: _Worker) -> WorkerLost:
    worker.process.join(30)  # it is exiting (its end of the pipe is closed): its exit code comes at once
    return WorkerLost(worker.process.exitcode)


def _stop(workers: list[_Worker], *, kill: bool) -> None:
    """End the workers: closing their pipes ends their loops; ``kill`` ends them at once (SIGTERM)."""
    for worker in workers:
        if kill and worker.process.is_alive():
            with contextlib.suppress(OSError):
                worker.process.terminate()
        with contextlib.suppress(OSError):
            worker.connection.close()
    for worker in workers:
        worker.process.join()


def _serve(
    function: Callable[[T], R],
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
    connection: Connection,
    inherited: list[Connection],
) -> None:
    """A worker's loop: take ``(index, item)``, send back ``(index, True, result)`` or ``(index, False, error)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent answers it
    for other in inherited:  # the parent's ends, copied by fork: only the parent may hold them, or no EOF comes
        other.close()
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            index, item = connection.recv()
        except (EOFError, OSError):
            return  # the parent is done (or gone)
        try:
            reply: tuple[int, bool, Any] = (index, True, function(item))
        except Exception as exc:  # noqa: BLE001 -- raised again in the parent, as the pool did
            reply = (index, False, exc)
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 -- a result or an error that cannot be pickled
            connection.send((index, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
