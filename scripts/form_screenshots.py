"""Pictures of the fill-in page at 1366x768 for docs/images/ (Debian's Chromium through Playwright).

    .venv/bin/python scripts/form_screenshots.py [OUT_DIR [PRINT.pdf]]

The page is generated from examples/huaian-2024.json (2021 edition) and examples/beifeng-2020.json
(2019 edition); in table 三 one figure is typed wrong so the picture shows a finding beside its cell.
With PRINT.pdf also writes the page as Ctrl+P prints it (render it with pdftoppm to look at it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def page_for(example: str, edition: str, folder: Path) -> Path:
    out = folder / f"form-{edition}.html"
    subprocess.run(
        [sys.executable, "-m", "disclosure_schema", "form", "--edition", edition, "--report", str(ROOT / "examples" / example), "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def shoot(page, section: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("s => document.querySelector(`section[data-key='${s}']`).scrollIntoView({block: 'start'})", section)
    page.wait_for_timeout(200)
    page.screenshot(path=str(path))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=zh-CN"])
        for example, edition in (("huaian-2024.json", "2021"), ("beifeng-2020.json", "2019")):
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            page = context.new_page()
            page.goto(page_for(example, edition, Path(tmp)).as_uri())
            page.wait_for_function("window.DisclosureForm !== undefined")
            shoot(page, "proactive_disclosure", out / f"form-{edition}-table2.png")
            if edition == "2021":
                wrong = page.locator("input.cell[data-ptr='/requests/received/natural_person']")
                wrong.fill("3010")
                page.evaluate("DisclosureForm.report()")
                shoot(page, "requests", out / f"form-{edition}-table3.png")
                wrong.focus()
                page.wait_for_timeout(200)
                page.screenshot(path=str(out / f"form-{edition}-table3.png"))
                if len(sys.argv) > 2:
                    page.pdf(path=sys.argv[2], format="A4", landscape=True)
                wrong.fill("3001")
                page.evaluate("DisclosureForm.report()")
            else:
                shoot(page, "requests", out / f"form-{edition}-table3.png")
            shoot(page, "review_and_litigation", out / f"form-{edition}-table4.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
