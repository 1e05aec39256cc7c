"""The README's screenshots: the main web pages in Dutch, for a bundled synthetic sample.

``python -m scripts.web_screenshots [--out docs/screenshots] [--sample FILE]``

Starts the web app on a free port of 127.0.0.1 (a temporary data folder), drives Debian's
chromium headless through Playwright as a coordinator would (upload in Dutch, columns, issues,
analysis, settings, forming groups, the groups and one "why?"), and writes one PNG per page.
Each is cut to its first ``MAX_HEIGHT`` pixels and stored as a 256-colour PNG so that it stays
under 150 KB. The sample's people are fictional (``intake.samples``), so no real personal data
appears.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from PIL import Image

from web.app import WebConfig, create_app

ROOT = Path(__file__).resolve().parent.parent
WIDTH, MAX_HEIGHT = 1200, 1100
MAX_BYTES = 150_000
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic"]


def serve(data_dir: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    """The app on a free local port, in a thread."""
    app = create_app(WebConfig(data_dir=data_dir))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def save(page, out: Path, name: str) -> Path:
    """The top of the page as a small PNG (palette colours: text and flat colours survive)."""
    raw = out / f"{name}.raw.png"
    page.evaluate("window.scrollTo(0, 0)")
    height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.screenshot(path=str(raw))
    target = out / f"{name}.png"
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
            target, optimize=True
        )
    raw.unlink()
    if target.stat().st_size > MAX_BYTES:
        raise RuntimeError(f"{target} is {target.stat().st_size} bytes, over {MAX_BYTES}")
    return target


def take(url: str, sample: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        context = browser.new_context(
            viewport={"width": WIDTH, "height": 900}, locale="nl-NL", accept_downloads=False
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url + "/")
        shots.append(save(page, out, "01_upload"))
        page.set_input_files("#file-input", str(sample))
        page.click("button[type=submit].primary")
        page.wait_for_url(re.compile(r"/mapping$"))
        shots.append(save(page, out, "02_kolommen"))
        session = page.url.removesuffix("/mapping")
        page.goto(session + "/issues")
        shots.append(save(page, out, "03_meldingen"))
        page.goto(session + "/analysis")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.charts img')]"
            ".every(i => i.complete && i.naturalWidth)"
        )
        shots.append(save(page, out, "04_analyse"))
        page.goto(session + "/settings")
        page.fill("input[name=time_limit_s]", "10")
        shots.append(save(page, out, "05_instellingen"))
        page.set_viewport_size({"width": WIDTH, "height": 900})
        page.click("#solve")
        page.wait_for_url(re.compile(r"/groups$"), timeout=180_000)
        page.wait_for_selector("#total-score")
        shots.append(save(page, out, "06_groepen"))
        page.set_viewport_size({"width": WIDTH, "height": 900})
        why = page.locator("a[href*='/explain/']").first
        if why.count():
            page.goto(url + why.get_attribute("href"))
            shots.append(save(page, out, "07_waarom"))
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--sample", type=Path, default=ROOT / "data" / "samples" / "intake_40.xlsx")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        server, thread, url = serve(Path(data_dir))
        try:
            for path in take(url, args.sample, args.out):
                print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1000} KB")
        finally:
            server.should_exit = True
            thread.join(timeout=30)


if __name__ == "__main__":
    main()
