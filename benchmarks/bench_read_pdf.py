"""Reading time per PDF report: our reader against pypdfium2's text alone and pdfplumber's old path.

Inputs: the real published PDFs in ``shared/reference/real/*.pdf`` and any ``tests/corpus/*.pdf``.
Measured per report, in CPU time (``time.process_time``, so other processes on the machine count
less), the median over ``--rounds`` interleaved rounds (each round times every contender on every
file once, in turn, so a load spike hits them all alike):

* ``PdfReader.read``: the whole path a user runs -- bytes to a recognised report;
* ``pdf_document``: the same without recognising (bytes to lines and grids);
* pypdfium2 text alone (the baseline of issue 10): open the file and take every page's text with
  ``PdfTextPage.get_text_range``, nothing else;
* pdfplumber's old path: what the reader did before moving to pypdfium2 -- open with pdfplumber
  and, per page, its characters, ``find_tables()`` and ``extract_text_lines()``.

Target (issue 8/10): ≤ 150 ms per report for ``PdfReader.read``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from common import REFERENCE, ROOT, machine, table


def pdfium_text(data: bytes) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def pdfplumber_old_path(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _ = page.chars
            page.find_tables()
            page.extract_text_lines()
            page.close()


def cpu_ms(function: Callable[[bytes], object], data: bytes) -> float:
    started = time.process_time()
    function(data)
    return (time.process_time() - started) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds; the median is printed")
    parser.add_argument("--no-pdfplumber", action="store_true", help="skip the slow pdfplumber baseline")
    args = parser.parse_args()
    print(machine())
    from disclosure_schema_readers.pdf import PdfReader, pdf_document

    files = sorted((REFERENCE / "real").glob("*.pdf")) + sorted((ROOT / "tests" / "corpus").glob("*.pdf"))
    blobs = [(path.name, path.read_bytes()) for path in files]
    reader = PdfReader()
    contenders: dict[str, Callable[[bytes], object]] = {
        "PdfReader.read (bytes -> report)": lambda data: reader.read(data, source="bench.pdf"),
        "pdf_document (bytes -> lines, grids)": lambda data: pdf_document(data, source="bench.pdf"),
        "pypdfium2 text alone (baseline)": pdfium_text,
    }
    if not args.no_pdfplumber:
        contenders["pdfplumber old path (chars, find_tables, lines)"] = pdfplumber_old_path
    for _, data in blobs:  # warm imports and caches
        for function in contenders.values():
            function(data)
    samples: dict[tuple[str, str], list[float]] = {(n, c): [] for n, _ in blobs for c in contenders}
    for _ in range(args.rounds):
        for name, data in blobs:
            for label, function in contenders.items():
                samples[(name, label)].append(cpu_ms(function, data))
    baseline = "pypdfium2 text alone (baseline)"
    rows = [("file", "what", "ms/report (median CPU)", "vs pypdfium2 text")]
    for name, _ in blobs:
        base = statistics.median(samples[(name, baseline)])
        for label in contenders:
            ms = statistics.median(samples[(name, label)])
            rows.append((name, label, f"{ms:.1f}", f"{ms / base:.1f}x"))
    for label in contenders:
        ms = statistics.mean(statistics.median(samples[(name, label)]) for name, _ in blobs)
        base = statistics.mean(statistics.median(samples[(name, baseline)]) for name, _ in blobs)
        rows.append(("mean of files", label, f"{ms:.1f}", f"{ms / base:.1f}x"))
    print(f"reading time per PDF report ({len(blobs)} files, {args.rounds} rounds; target: PdfReader.read <= 150 ms)")
    print(table(rows))
    print(f"files: {', '.join(str(Path(f).relative_to(ROOT.parent)) for f in files)}")


if __name__ == "__main__":
    main()
