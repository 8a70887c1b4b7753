"""The fuzz campaign: mutated inputs for the JSON loader and every reader, round trips through every
exporter, and failure injection on every command's write path.  It counts what must stay 0.

Run from the repository root (the long run; its figures go in benchmarks/README.md)::

    .venv/bin/python benchmarks/fuzz.py --inputs 10000 --round-trips 1000 --seed 1

``tests/fuzz/`` runs a short campaign with the same code in the normal test run.

What is counted (every count but the totals must be 0):

* ``tracebacks`` -- an exception escaped the library's own handling (for a reader: the reader
  failed internally, ``read.reader_failed``), or a message could not be printed as UTF-8;
* ``hangs`` -- one input took more than ``--timeout`` seconds of CPU time (or twelve times that of
  wall-clock time; the worker process is killed);
* ``memory`` -- one input needed more than ``--memory-mb`` of address space (``RLIMIT_AS`` on the
  worker: the allocation fails), or the worker died;
* ``silent_acceptances`` -- a document made wrong on purpose (a count as a string or a float, a
  negative count, a missing table, invalid Unicode, a duplicate or unknown key) passed ``validate``;
* ``unwritable`` -- a report that loaded (from JSON or through a reader) cannot be written as its
  canonical JSON, or its JSON does not load back equal;
* ``round_trip_differences`` -- a generated report written by an exporter and read back differs;
* ``injections`` -- an exported workbook holds a formula, a CSV cell starts with a formula
  character, or markup in a text field was interpreted in the PDF;
* ``partial_files`` -- after a failed or interrupted write: a temporary file left, a partial
  output, an earlier good file changed, a missing or wrong message, an "Exception ignored" line.

Inputs are run in worker processes (one at a time each) so that a hang or a memory blow-up is
measured, not suffered: ``RLIMIT_AS`` bounds each worker, the parent kills a worker that does not
answer within the timeout and starts another.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import errno
import io
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
sys.path.insert(0, str(Path(__file__).resolve().parent))

FORMATS = ("json", "text", "html", "docx", "xlsx", "pdf")
SUFFIX = {"json": ".json", "text": ".txt", "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}
SHARE = {"json": 0.51, "text": 0.15, "html": 0.12, "docx": 0.10, "xlsx": 0.10, "pdf": 0.02}
"""How the inputs are divided between the formats (PDF reading is the slowest by far)."""
MEMORY_MB = 1024
"""The stated bound (docs/limits.md): reading any one file takes less than 1 GiB of address space."""
TIMEOUT = 10.0

COUNTS = (
    "tracebacks",
    "hangs",
    "memory",
    "silent_acceptances",
    "unwritable",
    "round_trip_differences",
    "injections",
    "partial_files",
)

HOSTILE_TEXTS = (
    "=HYPERLINK(\"http://evil.example\",\"点击\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "<b>粗体</b> <font color=\"red\">红</font> &amp; <br/>",
    "<script>alert(1)</script>",
    "𠀀𠀁𪚥 emoji 😀 👍🏽",
    "\u202e倒序\u202c 零宽\u200b字符",
    "很长" * 3000,
    "一行\n二行\r\n三行",
    "'引号\" ‘全角’ “双引号”",
)


# -- seeds and mutations ---------------------------------------------------------------------------

def seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Inputs to mutate, per format: the shipped examples, their exported workbooks, the real files."""
    import disclosure_schema as ds
    from disclosure_schema.plugins import get_exporter

    found: dict[str, list[tuple[str, bytes]]] = {fmt: [] for fmt in FORMATS}
    for path in sorted((ROOT / "examples").glob("*.json")):
        found["json"].append((path.name, path.read_bytes()))
        buffer = io.BytesIO()
        get_exporter("xlsx").export(ds.load(path), buffer)
        found["xlsx"].append((path.stem + ".xlsx", buffer.getvalue()))
    patterns = {
        "text": ["reports/*.txt", "cases/*.txt"],
        "html": ["robustness/*/*.html", "cases/*.html"],
        "docx": ["real/*.docx", "robustness/*/*.docx"],
        "xlsx": ["robustness/*/*.xlsx"],
        "pdf": ["real/hongze-2024.pdf"],
        "json": ["robustness/*/*.json", "robustness/*/batch/*.json"],
    }
    for fmt, globs in patterns.items():
        for pattern in globs:
            for path in sorted(REFERENCE.glob(pattern)):
                if path.stat().st_size < 2_000_000:
                    found[fmt].append((path.name, path.read_bytes()))
    buffer = io.BytesIO()  # our own PDF beside the real one (the real ones take seconds each to read)
    get_exporter("pdf").export(ds.load(ROOT / "examples" / "huaian-2024.json"), buffer)
    found["pdf"].append(("huaian-2024.pdf", buffer.getvalue()))
    if not found["html"]:
        found["html"].append(("tiny.html", "<html><body><p>某县2024年政府信息公开工作年度报告</p></body></html>".encode()))
    if not found["text"]:
        found["text"].append(("tiny.txt", "某县2024年政府信息公开工作年度报告\n\t一\n".encode()))
    if not found["docx"]:
        import docx

        document = docx.Document()
        document.add_paragraph("某县2024年政府信息公开工作年度报告")
        document.add_table(rows=2, cols=2)
        buffer = io.BytesIO()
        document.save(buffer)
        found["docx"].append(("tiny.docx", buffer.getvalue()))
    return found


def byte_mutation(data: bytes, rng: random.Random) -> bytes:
    """One of: flip bytes, insert, delete, duplicate a chunk, truncate, splice in hostile bytes."""
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    data = bytearray(data)
    kind = rng.randrange(6)
    n = len(data)
    if kind == 0:
        for _ in range(rng.randint(1, 16)):
            data[rng.randrange(n)] = rng.randrange(256)
    elif kind == 1:
        at = rng.randrange(n)
        data[at:at] = rng.choice([b"\x00", b"\t \n", b"|", b"\xff\xfe", b"\xed\xbf\xbf", b"<", b"]]>", b"\r", b"\t\n\t \n"])
    elif kind == 2:
        at = rng.randrange(n)
        del data[at : at + rng.randint(1, 256)]
    elif kind == 3:
        at = rng.randrange(n)
        chunk = data[at : at + rng.randint(1, 400)]
        data[at:at] = chunk * rng.randint(1, 50)
    elif kind == 4:
        del data[rng.randrange(n) :]
    else:
        at = rng.randrange(n)
        data[at:at] = rng.choice(HOSTILE_TEXTS).encode("utf-8")
    return bytes(data)


def _random_object(document: Any, rng: random.Random) -> Any:
    """A non-empty JSON object somewhere in ``document``, chosen at random."""
    objects = [path for path, value in _paths(document) if isinstance(value, dict) and value]
    parent = document
    for part in rng.choice(objects):
        parent = parent[part]
    return parent


def _paths(node: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield here, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*here, index))


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def json_mutation(data: bytes, rng: random.Random) -> tuple[bytes, str | None]:
    """A mutated JSON document and, when it is wrong on purpose, what makes it wrong."""
    from disclosure_schema import TABLE_KEYS
    from disclosure_schema.taxonomy import EDITIONS, Kind

    try:
        document = json.loads(data)
    except ValueError:
        return byte_mutation(data, rng), None
    if not isinstance(document, dict) or document.get("edition") not in EDITIONS:
        return byte_mutation(data, rng), None
    document = copy.deepcopy(document)
    edition = EDITIONS[document["edition"]]
    kind = rng.randrange(12)
    counts = [cell for key in TABLE_KEYS for cell in edition.table(key).cells
              if cell.kind is Kind.COUNT]
    if kind <= 3:
        cell = rng.choice(counts)
        path = tuple(part for part in cell.pointer.split("/")[1:])
        bad = [("12", "a count given as a string"), (12.5, "a count given as a float"),
               (-rng.randint(1, 99), "a negative count"), (True, "a count given as a boolean"),
               ("１２", "a count in full-width digits"), (2**60, "a count out of range")][rng.randrange(6)]
        _set(document, path, bad[0])
        return json.dumps(document, ensure_ascii=False).encode(), bad[1]
    if kind == 4:
        del document[rng.choice(TABLE_KEYS)]
        return json.dumps(document, ensure_ascii=False).encode(), "a missing table"
    if kind == 5:
        strings = [path for path, value in _paths(document) if isinstance(value, str) and path]
        path = rng.choice(strings)
        parent: Any = document
        for part in path[:-1]:
            parent = parent[part]
        value = parent[path[-1]]
        at = rng.randrange(len(value) + 1)
        parent[path[-1]] = value[:at] + chr(rng.randrange(0xD800, 0xE000)) + value[at:]
        return json.dumps(document, ensure_ascii=True).encode(), "invalid Unicode in a string"
    if kind == 6:
        parent = _random_object(document, rng)
        key = rng.choice(list(parent))
        parent[key + chr(rng.randrange(0xD800, 0xE000))] = parent.pop(key)
        return json.dumps(document, ensure_ascii=True).encode(), "invalid Unicode in a key"
    if kind == 7:
        text = json.dumps(document, ensure_ascii=False, indent=rng.choice([None, 2]))
        matches = list(re.finditer(r'"(natural_person|total|received|issuer|year)": ?([^,{}\[\]]+),', text))
        if matches:
            match = rng.choice(matches)
            text = text[: match.end()] + match.group(0) + text[match.end() :]
            return text.encode(), "a duplicate key"
        return text.encode(), None
    if kind == 8:
        parent = _random_object(document, rng)
        key = rng.choice(list(parent))
        parent[key + "_x"] = parent.pop(key)
        return json.dumps(document, ensure_ascii=False).encode(), "an unknown key"
    if kind == 9:
        strings = [path for path, value in _paths(document) if isinstance(value, str) and path and path[-1] != "edition"
                   and path[-1] != "$schema" and "date" not in str(path[-1]) and path[0] != "sections"
                   and (len(path) < 2 or path[-2] not in ("period",))]
        strings += [path for path, value in _paths(document) if isinstance(value, str) and path and path[0] == "sections"
                    and path[-1] in ("text", "heading")]
        if strings:
            path = rng.choice(strings)
            _set(document, path, rng.choice(HOSTILE_TEXTS))
        return json.dumps(document, ensure_ascii=False).encode(), None
    if kind == 10:
        depth = rng.choice([50, 999, 1001, 5000, 100_000])
        return ("[" * depth + "]" * depth).encode() if rng.random() < 0.5 else ('{"a":' * depth + "1" + "}" * depth).encode(), "not a report"
    return byte_mutation(json.dumps(document, ensure_ascii=False, indent=2).encode(), rng), None


def text_mutation(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        lines = data.split(b"\n")
        at = rng.randrange(len(lines))
        lines[at:at] = [lines[at]] * rng.choice([2, 50, 2000])
        return b"\n".join(lines)
    if kind == 1:
        return rng.choice([b"\t\n\t \n", b"\ta\n\t \n", b"| a  b\n", b"\t \t\n \t\n\t", b"|" * 5000, b"\t" * 3000 + b"\n"]) + data
    if kind == 2:
        row = b"| " + b" | ".join(str(rng.randint(0, 9)).encode() for _ in range(rng.randint(2, 30))) + b" |\n"
        return data + row * rng.choice([10, 1000, 40_000])
    if kind == 3:
        lines = data.split(b"\n")
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(lines))
            lines[at] = lines[at].replace(b"  ", rng.choice([b"\t", b"|", b"\t \t", "\u3000".encode()]))
        return b"\n".join(lines)
    return byte_mutation(data, rng)


def html_mutation(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    text = data.decode("utf-8", "replace")
    if kind == 0:
        text = re.sub(r"<td", lambda m: f'<td colspan="{rng.choice([2, 999999999, -1, "x"])}"' if rng.random() < 0.05 else m.group(0), text)
    elif kind == 1:
        text = re.sub(r"<td", lambda m: f'<td rowspan="{rng.choice([3, 2000000000, 0])}"' if rng.random() < 0.05 else m.group(0), text)
    elif kind == 2:
        cells = list(re.finditer(r">(\d+)<", text))
        if cells:
            match = rng.choice(cells)
            text = text[: match.start(1)] + rng.choice(["约64", "&#xdfff;", "六十四", "1,0", "-5", "=1+1", "64人"]) + text[match.end(1) :]
    elif kind == 3:
        depth = rng.choice([5, 50, 500])
        text = text.replace("<body>", "<body>" + "<table><tr><td>" * depth, 1)
    elif kind == 4:
        rows = re.findall(r"<tr.*?</tr>", text, re.S)
        if rows:
            row = rng.choice(rows)
            text = text.replace(row, row * rng.choice([2, 300, 3000]), 1)
    else:
        return byte_mutation(data, rng)
    return text.encode("utf-8", "surrogatepass")


def _rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return out.getvalue()


def office_mutation(fmt: str, data: bytes, rng: random.Random) -> bytes:
    try:
        zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return byte_mutation(data, rng)
    kind = rng.randrange(8)
    main = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet"
    big = rng.choice([b"2000000000", b"999999999999999999999", b"-5", b"65", b"x"])

    def change(name: str, part: bytes) -> bytes:
        if not name.startswith(main):
            return part
        if kind == 0 and fmt == "docx":
            return part.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + big + b'"/>', rng.randint(1, 3))
        if kind == 0:
            return part.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>', 1) \
                if b"<mergeCells" not in part else re.sub(rb'ref="[A-Z]+[0-9]+:[A-Z]+[0-9]+"', b'ref="A1:XFD1048576"', part, count=1)
        if kind == 1 and fmt == "docx":
            return part.replace(b"<w:trPr>", b'<w:trPr><w:gridBefore w:val="' + big + b'"/>', 1).replace(
                b"<w:tcPr>", b'<w:tcPr><w:vMerge w:val="restart"/>', 5)
        if kind == 1:
            return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', part).replace(
                b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>', 1)
        if kind == 2:
            return part.replace(b"?>", b"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">]>", 1)
        if kind == 3 and fmt == "xlsx":
            return re.sub(rb'<c r="C(\d+)"([^>]*?) t="inlineStr"><is><t>([^<]*)</t></is></c>',
                          lambda m: b'<c r="C' + m.group(1) + m.group(2) + b'><f>HYPERLINK("http://evil.example","' + m.group(3)[:20] + b'")</f><v></v></c>'
                          if rng.random() < 0.3 else m.group(0), part)
        if kind == 3:
            rows = re.findall(rb"<w:tr[ >].*?</w:tr>", part, re.S)
            if rows:
                row = rng.choice(rows)
                return part.replace(row, row * rng.choice([2, 200, 5000]), 1)
        if kind == 4:
            return byte_mutation(part, rng)
        return part

    if kind == 5:
        return byte_mutation(data, rng)
    if kind == 6:  # a member removed
        source = zipfile.ZipFile(io.BytesIO(data))
        names = [info.filename for info in source.infolist()]
        drop = rng.choice(names)
        return _rezip(data, lambda name, part: b"" if name == drop else part)
    try:
        return _rezip(data, change)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return byte_mutation(data, rng)


def mutate(fmt: str, data: bytes, rng: random.Random) -> tuple[bytes, str | None]:
    if fmt == "json":
        return json_mutation(data, rng)
    if fmt == "text":
        return text_mutation(data, rng), None
    if fmt == "html":
        return html_mutation(data, rng), None
    if fmt in ("docx", "xlsx"):
        return office_mutation(fmt, data, rng), None
    return byte_mutation(data, rng), None


# -- the worker: one input at a time, bounded -------------------------------------------------------

def check_input(path: str, fmt: str, expect: str | None) -> list[str]:
    """Run one input through the path the command line takes; the names of the counts it raises."""
    from disclosure_schema import dumps, loads
    from disclosure_schema.plugins import ReadError
    from disclosure_schema.sources import read_report
    from disclosure_schema.validation import validate_file

    found: list[str] = []
    try:
        if fmt == "json":
            result = validate_file(path)
            for violation in result.violations:
                violation.message("zh").encode("utf-8")
                violation.message("en").encode("utf-8")
            if expect is not None and result.valid:
                found.append("silent_acceptances")
            report = result.report
        else:
            try:
                report = read_report(path).report
            except ReadError as exc:
                for note in exc.notes:
                    f"{note.where}{note.zh}{note.en}".encode()
                    if note.code == "read.reader_failed":
                        found.append("tracebacks")
                    if note.code == "read.out_of_memory":
                        found.append("memory")
                    if re.search(r"<[\w.]+ object at 0x|Traceback|Error:", note.zh + note.en):
                        found.append("tracebacks")
                report = None
        if report is not None:
            try:
                text = dumps(report)
                if loads(text) != report:
                    found.append("unwritable")
            except Exception:  # noqa: BLE001 -- the count is the finding
                found.append("unwritable")
    except MemoryError:
        found.append("memory")
    except Exception:  # noqa: BLE001 -- the count is the finding
        import traceback

        traceback.print_exc(file=sys.stderr)
        found.append("tracebacks")
    return found


def worker(memory_mb: int) -> None:
    """Answer one JSON line per input read from stdin: the counts it raised."""
    import resource

    limit = memory_mb * 1024 * 1024
    import disclosure_schema.sources  # noqa: F401 -- warm imports before the limit
    from disclosure_schema.plugins import get_reader, reader_names

    for name in reader_names():
        with contextlib.suppress(Exception):
            get_reader(name)
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        job = json.loads(line)
        started = time.process_time()
        found = check_input(job["path"], job["format"], job.get("expect"))
        answer = {"found": found, "seconds": round(time.process_time() - started, 3)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


class Pool:
    """Worker processes fed one input at a time; a worker that does not answer in time is killed."""

    def __init__(self, jobs: int, memory_mb: int, timeout: float) -> None:
        self.memory_mb = memory_mb
        self.timeout = timeout
        self.workers: list[subprocess.Popen[str] | None] = [None] * jobs

    def _start(self) -> subprocess.Popen[str]:
        """A new worker, once it has imported everything (its start-up is not counted against an input)."""
        process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--memory-mb", str(self.memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("a fuzz worker could not start")
        return process

    def run(self, jobs: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[str], float]]:
        pending = list(reversed(jobs))
        busy: dict[int, tuple[dict[str, Any], float, float]] = {}
        while pending or busy:
            for slot in range(len(self.workers)):
                if slot in busy or not pending:
                    continue
                process = self.workers[slot]
                if process is None or process.poll() is not None:
                    process = self.workers[slot] = self._start()
                job = pending.pop()
                assert process.stdin is not None
                process.stdin.write(json.dumps(job) + "\n")
                process.stdin.flush()
                busy[slot] = (job, time.monotonic(), _cpu_seconds(process.pid))
            streams = {self.workers[slot].stdout.fileno(): slot for slot in busy}  # type: ignore[union-attr]
            ready, _, _ = select.select(list(streams), [], [], 0.2)
            for fd in ready:
                slot = streams[fd]
                process = self.workers[slot]
                assert process is not None and process.stdout is not None
                line = process.stdout.readline()
                job, started, _ = busy.pop(slot)
                if not line:  # the worker died: out of memory in C code, or a crash
                    process.wait()
                    self.workers[slot] = None
                    yield job, ["memory"], time.monotonic() - started
                    continue
                answer = json.loads(line)
                yield job, answer["found"], answer["seconds"]
            now = time.monotonic()
            for slot, (job, started, cpu) in list(busy.items()):
                process = self.workers[slot]
                assert process is not None
                used = _cpu_seconds(process.pid) - cpu
                # a hang is CPU time (a busy machine does not make one), or a wait far beyond the timeout
                if used > self.timeout or now - started > WALL_FACTOR * self.timeout:
                    process = self.workers[slot]
                    assert process is not None
                    process.kill()
                    process.wait()
                    self.workers[slot] = None
                    busy.pop(slot)
                    yield job, ["hangs"], used

    def close(self) -> None:
        for process in self.workers:
            if process is not None:
                with contextlib.suppress(Exception):
                    process.stdin.close()  # type: ignore[union-attr]
                    process.wait(timeout=5)


WALL_FACTOR = 12
"""A worker that has not answered after this many timeouts of wall-clock time is hung even if idle."""


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from ``/proc`` (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def fuzz_inputs(count: int, seed: int, *, jobs: int, memory_mb: int, timeout: float, keep: Path | None = None,
                log: Callable[[str], None] = print) -> Counter[str]:
    """Mutate and run ``count`` inputs across the formats; the counts (``inputs``, ``inputs.<format>`` included)."""
    rng = random.Random(seed)
    found_seeds = seeds()
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        job_list = []
        share_total = sum(SHARE.values())
        planned = {fmt: max(1, int(count * SHARE[fmt] / share_total)) for fmt in FORMATS}
        planned["json"] += count - sum(planned.values())
        for fmt in FORMATS:
            n = planned[fmt]
            for index in range(n):
                name, data = rng.choice(found_seeds[fmt])
                mutated, expect = mutate(fmt, data, rng)
                path = Path(folder) / f"{fmt}-{index:05d}{SUFFIX[fmt]}"
                path.write_bytes(mutated)
                job_list.append({"path": str(path), "format": fmt, "expect": expect, "seed": name})
        rng.shuffle(job_list)
        pool = Pool(jobs, memory_mb, timeout)
        slowest = 0.0
        try:
            for job, found, seconds in pool.run(job_list):
                counts["inputs"] += 1
                counts[f"inputs.{job['format']}"] += 1
                slowest = max(slowest, seconds)
                for name in found:
                    counts[name] += 1
                if counts["inputs"] % 500 == 0:
                    problems = {name: counts[name] for name in COUNTS if counts[name]}
                    log(f"  {counts['inputs']} inputs run; counts {problems or 'all 0'}")
                if found and keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(job["path"], keep / f"{'-'.join(sorted(set(found)))}-{Path(job['path']).name}")
                    log(f"  {sorted(set(found))}: {job['format']} from {job['seed']} ({job.get('expect')}) kept")
        finally:
            pool.close()
        counts["slowest_cpu_ms"] = int(slowest * 1000)
    return counts


# -- round trips -----------------------------------------------------------------------------------

def hostile_report(rng: random.Random) -> Any:
    """A generated report (every relation holds) with hostile text in its envelope and sections."""
    import attrs
    from generate import make_report

    from disclosure_schema.model import Block, BlockKind, Section

    edition = rng.choice(["2019", "2021"])
    year = rng.choice([2019, 2020]) if edition == "2019" else rng.randint(2021, 2026)
    report = make_report(rng, edition, year)
    texts = [t for t in HOSTILE_TEXTS if len(t) < 32767] + ["普通段落" * rng.randint(1, 50)]
    sections = dict(report.sections)
    for spec in rng.sample(list(report.spec.sections), k=min(3, len(report.spec.sections))):
        blocks = tuple(Block(rng.choice(texts), rng.choice(list(BlockKind))) for _ in range(rng.randint(1, 4)))
        sections[spec.key] = Section(rng.choice([None, rng.choice(texts)[:200]]), blocks)
    ordered = {spec.key: sections[spec.key] for spec in report.spec.sections if spec.key in sections}
    changes: dict[str, Any] = {"sections": ordered}
    if rng.random() < 0.7:
        changes["issuer"] = rng.choice(texts)[:300]
    if rng.random() < 0.5:
        changes["title"] = rng.choice(texts)[:300]
    return attrs.evolve(report, **changes)


def _workbook_formulas(data: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    return sum(1 for ws in workbook for row in ws.iter_rows() for cell in row if cell.data_type == "f")


def round_trips(count: int, seed: int, *, pdf_every: int = 10, log: Callable[[str], None] = print) -> Counter[str]:
    """Generated reports through every exporter and back (JSON, XLSX); PDF and CSV checked for injection."""
    import disclosure_schema as ds
    from disclosure_schema.plugins import get_exporter, get_reader
    from disclosure_schema.text_hazards import printable_report

    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    xlsx_reader = get_reader("xlsx")
    for index in range(count):
        report = hostile_report(rng)
        counts["round_trips"] += 1
        if counts["round_trips"] % 100 == 0:
            log(f"  {counts['round_trips']} round trips")
        try:
            if ds.loads(ds.dumps(report)) != report:
                counts["round_trip_differences"] += 1
                log(f"  json round trip differs ({index})")
            buffer = io.BytesIO()
            get_exporter("xlsx").export(report, buffer)
            if _workbook_formulas(buffer.getvalue()):
                counts["injections"] += 1
                log(f"  formula in exported workbook ({index})")
            back = xlsx_reader.read(buffer.getvalue(), source="roundtrip.xlsx").report
            # A printed format leaves control and bidi-control characters out (docs/limits.md): the
            # workbook holds the report as printed, and reads back as exactly that.
            if back != printable_report(report)[0]:
                counts["round_trip_differences"] += 1
                log(f"  xlsx round trip differs ({index})")
            csv = io.BytesIO()
            get_exporter("csv").export_many(iter([report]), csv)  # type: ignore[attr-defined]
            import csv as csv_module

            rows = list(csv_module.reader(io.StringIO(csv.getvalue().decode("utf-8-sig"))))
            if any(field[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"-?[0-9.]+", field) for row in rows for field in row):
                counts["injections"] += 1
                log(f"  formula character at the start of a CSV field ({index})")
            if index % pdf_every == 0:
                counts["round_trips.pdf"] += 1
                pdf = io.BytesIO()
                get_exporter("pdf").export(report, pdf)
                if _pdf_markup_interpreted(report, pdf.getvalue()):
                    counts["injections"] += 1
                    log(f"  markup interpreted in the PDF ({index})")
        except Exception as exc:  # noqa: BLE001 -- the count is the finding
            counts["tracebacks"] += 1
            log(f"  round trip {index} raised {type(exc).__name__}: {str(exc)[:200]}")
    return counts


def _pdf_markup_interpreted(report: Any, data: bytes) -> bool:
    """Whether a ``<font`` written in a printed text field (the title, the paragraphs) is missing from the PDF's
    text layer.  The issuer is printed only in a title made from it, so it is looked for only then."""
    texts = [report.title or report.issuer or ""] + [b.text for s in report.sections.values() for b in s.blocks]
    if not any("<font" in text for text in texts):
        return False
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        layer = "".join((page.extract_text() or "") for page in pdf.pages)
    return "<font" not in layer.replace(" ", "").replace("\n", "").replace("<fontcolor", "<font color")


# -- failure injection on the write paths ----------------------------------------------------------

def _commands(work: Path) -> list[tuple[str, list[str], Path]]:
    example = ROOT / "examples" / "huaian-2024.json"
    text = REFERENCE / "reports" / "huaian-2024.txt"
    out = work / "out"
    other = work / "other-body.json"  # aggregate refuses one body given twice: a second body's report
    if not other.exists():
        data = json.loads(example.read_text(encoding="utf-8"))
        data["issuer"] = "淮安市某区人民政府"
        other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    commands = [
        ("export json", ["export", str(example), "--to", "json", "-o", str(out)], out / "huaian-2024.json"),
        ("export xlsx", ["export", str(example), "--to", "xlsx", "-o", str(out)], out / "huaian-2024.xlsx"),
        ("export pdf", ["export", str(example), "--to", "pdf", "-o", str(out)], out / "huaian-2024.pdf"),
        ("aggregate -o", ["aggregate", str(example), str(other), "--issuer", "某市", "-o", str(out / "sum.json")], out / "sum.json"),
        ("template -o", ["template", "--edition", "2021", "-o", str(out / "t.xlsx")], out / "t.xlsx"),
        ("tidy -o", ["tidy", str(example), "-o", str(out / "cells.csv")], out / "cells.csv"),
    ]
    if text.exists():
        commands.append(("import -o", ["import", str(text), "-o", str(out / "imported.json")], out / "imported.json"))
    return commands


_CAUSE_WORDS = {errno.ENOSPC: "磁盘空间不足", errno.EACCES: "没有写入权限", errno.EROFS: "只读", errno.EIO: "磁盘读写错误"}


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] if folder.is_dir() else []


def inject_write_failures(rounds: int, seed: int, *, log: Callable[[str], None] = print) -> Counter[str]:
    """Every command's write path with an ``OSError`` injected at ``os.write``/``os.replace``/``mkstemp``.

    In process: the failing call raises after a random number of bytes; checked are the exit code
    (2), the message (file name and the cause in Chinese, no traceback, no "Exception ignored"), no
    temporary file left and the earlier good file byte for byte intact.
    """
    import tempfile as tempfile_module
    from unittest import mock

    from disclosure_schema.cli import main

    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    real_write = os.write
    with tempfile.TemporaryDirectory(prefix="fuzz-write-") as folder:
        work = Path(folder)
        for _ in range(rounds):
            for name, argv, target in _commands(work):
                target.parent.mkdir(parents=True, exist_ok=True)
                for leftover in _leftovers(target.parent):
                    (target.parent / leftover).unlink()
                earlier = b"earlier good file " + str(rng.random()).encode()
                target.write_bytes(earlier)
                code = rng.choice([errno.ENOSPC, errno.EACCES, errno.EIO, errno.EROFS])
                where = rng.choice(["write", "replace", "mkstemp"])
                budget = [rng.choice([0, 10, 1000, 4000])]

                def failing_write(fd: int, data: Any, _code: int = code, _budget: list[int] = budget) -> int:
                    if fd > 2 and _budget[0] < len(data):
                        raise OSError(_code, os.strerror(_code))
                    _budget[0] -= len(data)
                    return real_write(fd, data)

                patches: list[Any] = []
                if where == "write":
                    patches.append(mock.patch("os.write", failing_write))
                elif where == "replace":
                    patches.append(mock.patch("os.replace", side_effect=OSError(code, os.strerror(code))))
                else:
                    patches.append(mock.patch.object(tempfile_module, "mkstemp", side_effect=OSError(code, os.strerror(code))))
                unraisable: list[Any] = []
                old_hook = sys.unraisablehook
                sys.unraisablehook = unraisable.append
                stderr, stdout = io.StringIO(), io.StringIO()
                try:
                    with contextlib.ExitStack() as stack:
                        for patch in patches:
                            stack.enter_context(patch)
                        stack.enter_context(contextlib.redirect_stderr(stderr))
                        stack.enter_context(contextlib.redirect_stdout(stdout))
                        exit_code = main(argv)
                        import gc

                        gc.collect()
                except BaseException as exc:  # noqa: BLE001 -- the count is the finding
                    counts["tracebacks"] += 1
                    log(f"  {name}: {where} {errno.errorcode[code]} raised {type(exc).__name__}: {exc}")
                    continue
                finally:
                    sys.unraisablehook = old_hook
                counts["write_failures"] += 1
                message = stderr.getvalue()
                problems = []
                if exit_code != 2:
                    problems.append(f"exit {exit_code}")
                if target.read_bytes() != earlier:
                    problems.append("earlier file changed")
                if _leftovers(target.parent):
                    problems.append(f"left {_leftovers(target.parent)}")
                if str(target) not in message or _CAUSE_WORDS[code] not in message:
                    problems.append(f"message {message.strip()[-200:]!r}")
                if "Traceback" in message or unraisable:
                    problems.append("traceback or Exception ignored")
                if problems:
                    counts["partial_files"] += 1
                    log(f"  {name}: {where} {errno.errorcode[code]}: {'; '.join(problems)}")
    return counts


def full_disk(*, log: Callable[[str], None] = print) -> Counter[str]:
    """The commands writing onto a real, small, full file system (a tmpfs; needs root), as subprocesses."""
    counts: Counter[str] = Counter()
    if os.geteuid() != 0 or not shutil.which("mount"):
        counts["full_disk.skipped"] = 1
        return counts
    mount = Path(tempfile.mkdtemp(prefix="fuzz-full-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(mount)], capture_output=True).returncode:
        counts["full_disk.skipped"] = 1
        mount.rmdir()
        return counts
    try:
        cli = str(Path(sys.executable).with_name("disclosure-schema"))
        for name, argv, target in _commands(mount):
            target.parent.mkdir(parents=True, exist_ok=True)
            for leftover in _leftovers(target.parent):
                (target.parent / leftover).unlink()
            earlier = b"earlier good file"
            target.write_bytes(earlier)
            filler = mount / "filler"
            with contextlib.suppress(OSError), open(filler, "wb") as stream:
                while True:
                    stream.write(b"\0" * 4096)
                    stream.flush()
            result = subprocess.run([cli, *argv], capture_output=True, text=True, timeout=300)
            filler.unlink()
            counts["write_failures"] += 1
            problems = []
            if result.returncode != 2:
                problems.append(f"exit {result.returncode}")
            if target.read_bytes() != earlier:
                problems.append("earlier file changed")
            if _leftovers(target.parent):
                problems.append("temporary file left")
            if "磁盘空间不足" not in result.stderr or str(target) not in result.stderr:
                problems.append(f"message {result.stderr.strip()[-200:]!r}")
            if "Traceback" in result.stderr or "Exception ignored" in result.stderr:
                problems.append("traceback or Exception ignored")
            if problems:
                counts["partial_files"] += 1
                log(f"  full disk, {name}: {'; '.join(problems)}")
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
        with contextlib.suppress(OSError):
            mount.rmdir()
    return counts


def signals_during_writes(rounds: int, seed: int, *, log: Callable[[str], None] = print) -> Counter[str]:
    """``export --to pdf`` of a large report killed by SIGTERM (or SIGKILL) at random moments.

    After SIGTERM: exit 143 (or 0 if it had finished), no traceback, no temporary file, the output
    absent or complete.  After SIGKILL the temporary file may stay; the next write into the
    directory must remove it.
    """
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    cli = str(Path(sys.executable).with_name("disclosure-schema"))
    with tempfile.TemporaryDirectory(prefix="fuzz-signal-") as folder:
        work = Path(folder)
        document = json.loads((ROOT / "examples" / "huaian-2024.json").read_text(encoding="utf-8"))
        chars = "政府信息公开工作年度报告本机关依申请主动予以部分不掌握相关处理复议诉讼结果"
        document["sections"]["other_matters"] = {
            "blocks": [{"text": "".join(rng.choice(chars) for _ in range(1500))} for _ in range(150)]
        }
        big = work / "big.json"
        big.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        out = work / "out"
        for index in range(rounds):
            kill = signal.SIGKILL if index % 4 == 3 else signal.SIGTERM
            process = subprocess.Popen([cli, "export", str(big), "--to", "pdf", "-o", str(out)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(0.3, 3.0))
            process.send_signal(kill)
            _, stderr = process.communicate(timeout=120)
            counts["signals"] += 1
            problems = []
            if kill == signal.SIGTERM:
                # 143: our handler cleaned up; 0: it had finished; -15: killed while the interpreter
                # started, before any of our code ran (nothing written yet; the files are checked below)
                if process.returncode not in (0, 143, -signal.SIGTERM):
                    problems.append(f"exit {process.returncode}")
                if "Traceback" in stderr:
                    problems.append("traceback")
                if _leftovers(out):
                    problems.append(f"left {_leftovers(out)}")
            pdf = out / "big.pdf"
            if pdf.exists() and not pdf.read_bytes().rstrip().endswith(b"%%EOF"):
                problems.append("partial PDF")
            if kill == signal.SIGKILL:  # the next write into the directory removes the stale temporary
                subprocess.run([cli, "export", str(ROOT / "examples" / "huaian-2024.json"), "--to", "json", "-o", str(out)],
                               capture_output=True, timeout=120)
                if _leftovers(out):
                    problems.append(f"stale temporary not removed: {_leftovers(out)}")
            if problems:
                counts["partial_files"] += 1
                log(f"  signal {kill.name} round {index}: {'; '.join(problems)}")
    return counts


# -- the command -----------------------------------------------------------------------------------

def campaign(inputs: int, trips: int, seed: int, *, jobs: int, memory_mb: int, timeout: float, write_rounds: int,
             signal_rounds: int, keep: Path | None = None, log: Callable[[str], None] = print) -> Counter[str]:
    counts: Counter[str] = Counter()
    started = time.monotonic()
    log(f"fuzz: {inputs} inputs, {trips} round trips, seed {seed}, {jobs} workers, "
        f"{memory_mb} MiB address space and {timeout:g} CPU seconds per input")
    if inputs:
        counts.update(fuzz_inputs(inputs, seed, jobs=jobs, memory_mb=memory_mb, timeout=timeout, keep=keep, log=log))
        log(f"  inputs done in {time.monotonic() - started:.0f} s")
    if trips:
        counts.update(round_trips(trips, seed, log=log))
        log(f"  round trips done in {time.monotonic() - started:.0f} s")
    if write_rounds:
        counts.update(inject_write_failures(write_rounds, seed, log=log))
        counts.update(full_disk(log=log))
    if signal_rounds:
        counts.update(signals_during_writes(signal_rounds, seed, log=log))
    counts["seconds"] = int(time.monotonic() - started)
    return counts


def report_lines(counts: Counter[str]) -> list[str]:
    lines = [f"{'count':<24}{'value':>10}"]
    keys = ["inputs", *[f"inputs.{fmt}" for fmt in FORMATS], "round_trips", "round_trips.pdf", "write_failures", "signals"]
    keys += [*COUNTS, "slowest_cpu_ms", "seconds"]
    keys += sorted(k for k in counts if k not in keys)
    for key in keys:
        lines.append(f"{key:<24}{counts.get(key, 0):>10}")
    return lines


def _log(line: str) -> None:
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000, help="mutated inputs across the formats (default 10000)")
    parser.add_argument("--round-trips", type=int, default=1000, help="generated reports through the exporters and back")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--memory-mb", type=int, default=MEMORY_MB, help="address space per worker (the stated bound)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds an input may take before it is a hang")
    parser.add_argument("--write-rounds", type=int, default=10, help="rounds of injected write failures over every command")
    parser.add_argument("--signal-rounds", type=int, default=12, help="exports interrupted by SIGTERM/SIGKILL")
    parser.add_argument("--keep", type=Path, help="copy every input that raised a count into this folder")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.memory_mb)
        return 0
    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    counts = campaign(args.inputs, args.round_trips, args.seed, jobs=args.jobs, memory_mb=args.memory_mb,
                      timeout=args.timeout, write_rounds=args.write_rounds, signal_rounds=args.signal_rounds, keep=args.keep,
                      log=_log)
    print("\n".join(report_lines(counts)))
    return 1 if any(counts.get(name, 0) for name in COUNTS) else 0


if __name__ == "__main__":
    sys.exit(main())
