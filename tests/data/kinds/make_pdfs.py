"""Print the Word pages of ``tests/kinds_pages.py`` to PDF with LibreOffice, once, into this folder.

Why committed rather than made in the test: one LibreOffice run takes seconds, too slow for a test on
a shared machine; the PDFs are small.  ``manifest.json`` records the digest of each page's
description, and ``tests/test_reader_kinds.py`` fails when a page changed and its PDF was not made
again.  Run from the repository root:

    .venv/bin/python tests/data/kinds/make_pdfs.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from kinds_pages import OFFICIAL_EXAMPLE, PAGES, docx_page, official_digest, official_docx, page_digest  # noqa: E402


def main() -> int:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("make_pdfs: LibreOffice (soffice) is needed: apt-get install libreoffice-writer", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        sources = []
        for name, page in PAGES.items():
            path = folder / f"{name}.docx"
            path.write_bytes(docx_page(page))
            sources.append(str(path))
        import disclosure_schema as ds

        example = HERE.parents[2] / "examples" / OFFICIAL_EXAMPLE
        official = folder / "official-repeated-header.docx"
        official.write_bytes(official_docx(ds.load(example)))
        sources.append(str(official))
        subprocess.run([office, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(HERE), *sources], check=True, timeout=600, capture_output=True)
    manifest = {name: page_digest(page) for name, page in PAGES.items()}
    manifest["official-repeated-header"] = official_digest((HERE.parents[2] / "examples" / OFFICIAL_EXAMPLE).read_bytes())
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
