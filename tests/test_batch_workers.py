"""The worker processes of ``validate --jobs N``: results in order, items taken as needed, clean endings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES

from disclosure_schema.batch import WINDOW, WorkerLost, ordered_map
from disclosure_schema.cli import main

CLI = str(Path(sys.executable).parent / "disclosure-schema")


def _slow_square(n: int) -> int:
    time.sleep(0.002 * (n % 3))  # results come back out of order
    return n * n


def _fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def _die_on_five(n: int) -> int:
    if n == 5:
        os._exit(9)
    return n


_OFFSET: list[int] = [0]


def _set_offset(value: int) -> None:
    _OFFSET[0] = value


def _add_offset(n: int) -> int:
    return n + _OFFSET[0]


def test_results_come_in_the_order_of_the_items() -> None:
    assert list(ordered_map(_slow_square, range(60), jobs=2)) == [n * n for n in range(60)]


def test_the_initializer_runs_in_every_worker() -> None:
    assert list(ordered_map(_add_offset, range(10), jobs=2, initializer=_set_offset, initargs=(100,))) == list(
        range(100, 110)
    )


def test_items_are_taken_only_as_fast_as_results_are_used() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for n in range(10_000):
            taken.append(n)
            yield n

    results = ordered_map(_slow_square, items(), jobs=2)
    for used, _ in enumerate(results, start=1):
        assert len(taken) <= used + 2 * WINDOW  # never the whole walk ahead of the output
        if used == 200:
            break
    results.close()
    assert len(taken) < 300


def _double(text: str) -> str:
    return text + text


@pytest.mark.skipif(not hasattr(signal, "alarm"), reason="signal.alarm is POSIX")
def test_large_items_and_large_results_never_stall() -> None:
    """Items and results larger than a pipe's buffer: neither side may wait for the other for ever."""

    def stalled(signum: int, frame: object) -> None:
        raise AssertionError("ordered_map stalled")

    previous = signal.signal(signal.SIGALRM, stalled)
    signal.alarm(120)
    try:
        items = [chr(0x4E00 + n) * 400_000 for n in range(12)]
        assert list(ordered_map(_double, items, jobs=2)) == [text + text for text in items]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_error_in_a_worker_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(ordered_map(_fail_on_seven, range(20), jobs=2))


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    with pytest.raises(WorkerLost) as caught:
        list(ordered_map(_die_on_five, range(20), jobs=2))
    assert caught.value.exitcode == 9


def test_validate_says_in_one_line_that_a_worker_died(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from disclosure_schema.cli import validate as validate_cmd

    data = (EXAMPLES / "huaian-2024.json").read_bytes()
    for i in range(8):
        (tmp_path / f"r{i}.json").write_bytes(data)

    def die(paths: list[str]) -> object:
        os._exit(9)

    monkeypatch.setattr(validate_cmd, "check_chunk", die)
    code = main(["validate", str(tmp_path), "--jobs", "2", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert "检查进程意外退出（退出码 9）" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_ctrl_c_during_a_batch_is_one_line_from_the_parent_alone(tmp_path: Path) -> None:
    data = (EXAMPLES / "huaian-2024.json").read_bytes()
    for i in range(3000):
        (tmp_path / f"r{i:04d}.json").write_bytes(data)
    process = subprocess.Popen(
        [CLI, "validate", str(tmp_path), "--jobs", "2", "--format", "jsonl", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert process.stdout is not None
    process.stdout.readline()  # the workers are checking files
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to every process of the group
    _, err = process.communicate(timeout=120)
    text = err.decode("utf-8")
    if process.returncode == 130:
        assert text.splitlines() == ["已中断（Ctrl-C），未完成的文件均已清理"]
    else:  # it finished before the signal came
        assert process.returncode == 0 and "Traceback" not in text
