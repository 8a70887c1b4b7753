"""Print the web pages of ``tests/kinds_pages.py`` to PDF with a browser (Debian's Chromium), once, into this folder.

Why: real PDFs come from more producers than Word and LibreOffice.  A report read on a government
site and printed from the browser ("打印" → "另存为 PDF") is a PDF of the web page: Chromium lays the
tables out itself (column widths from the content, labels wrapped where the browser likes), and a
page whose tables have no ruling lines (``border:none``, common on crawled and re-published pages)
prints no lines at all, so the reader has only the positions of the text to go by.  Each page is
printed in the styles of :data:`STYLES`; a few in landscape and on a narrow sheet where table 三's
labels wrap over several lines (:data:`EXTRA`).

Committed rather than made in the test: a browser run is too slow for a test on a shared machine.
``manifest.json`` records the digest of each page's description and style, and
``tests/test_reader_kinds_browser.py`` fails when a page changed and its PDF was not made again.
Needs Debian's ``chromium`` and the ``playwright`` package (no browser download).  Run from the
repository root:

    .venv/bin/python tests/data/kinds/browser/make_pdfs.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from kinds_pages import (  # noqa: E402
    BROWSER_STYLES,
    OFFICIAL_EXAMPLE,
    PAGES,
    browser_page,
    browser_prints,
    official_digest,
    official_docx,
    print_digest,
    unruled_html,
)

_HEADER = ('<div style="font-size:8px;width:100%;margin:0 1.5cm;display:flex;justify-content:space-between">'
           '<span>2025/3/28 09:41</span><span class="title"></span></div>')
_FOOTER = ('<div style="font-size:8px;width:100%;margin:0 1.5cm;display:flex;justify-content:space-between">'
           '<span>https://www.example.gov.cn/zwgk/ndbg/2024.html</span>'
           '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')
"""Chromium's own header and footer as its print dialog sets them: the date and the title, the address
and the page number (playwright's defaults are empty, so they are spelt out)."""


def _example() -> Path:
    return HERE.parents[3] / "examples" / OFFICIAL_EXAMPLE


def _official_pages(office: str | None) -> dict[str, str]:
    """The shipped example in the template's layout (``official_docx``) saved as a web page by LibreOffice
    (its tables top-aligned, as Word's are), in each style; none without LibreOffice."""
    if office is None:
        print("make_pdfs: LibreOffice (soffice) is needed for the official layout; skipped", file=sys.stderr)
        return {}
    import disclosure_schema as ds

    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "official.docx").write_bytes(official_docx(ds.load(_example())))
        subprocess.run([office, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "html",
                        "--outdir", str(folder), str(folder / "official.docx")], check=True, timeout=600, capture_output=True)
        html = (folder / "official.html").read_text(encoding="utf-8")
    return {style: unruled_html(html) if style == "unruled" else html for style in BROWSER_STYLES}


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("make_pdfs: Debian's chromium is needed: apt-get install chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    manifest: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--lang=zh-CN"])
        try:
            page: Any = browser.new_page(locale="zh-CN")
            for name, (kind, style, sheet) in browser_prints().items():
                html = browser_page(PAGES[kind], style).decode("utf-8")
                page.set_content(html.replace("<head>", f"<head><title>{kind}</title>", 1), wait_until="load")
                page.emulate_media(media="print")
                options: dict[str, Any] = {"print_background": False, "margin": {"top": "2cm", "bottom": "2cm",
                                                                                  "left": "1.5cm", "right": "1.5cm"}}
                if sheet == "landscape":
                    options.update(format="A4", landscape=True)
                elif sheet == "narrow":
                    options.update(width="105mm", height="297mm")
                elif sheet == "headers":
                    options.update(format="A4", display_header_footer=True, header_template=_HEADER,
                                   footer_template=_FOOTER)
                else:
                    options.update(format="A4")
                (HERE / f"{name}.pdf").write_bytes(page.pdf(**options))
                manifest[name] = print_digest(PAGES[kind], style, sheet)
            for style, html in _official_pages(shutil.which("soffice") or shutil.which("libreoffice")).items():
                page.set_content(html, wait_until="load")
                (HERE / f"official.{style}.pdf").write_bytes(page.pdf(format="A4", margin={"top": "2cm", "bottom": "2cm",
                                                                                            "left": "1.5cm", "right": "1.5cm"}))
                manifest[f"official.{style}"] = official_digest(_example().read_bytes()) + style
        finally:
            browser.close()
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
