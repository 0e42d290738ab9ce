"""Page weight: the bytes a first visit transfers, per page, by kind (a script that prints
figures, not a test).

    .venv/bin/python scripts/bench_weight.py --base http://localhost:3000 [--base http://...]

Give a running production app (scripts/run.sh, demo data) and, to compare, a second one (e.g. an
earlier commit built in a copy). For each, a fresh Chromium profile (empty cache, no service
worker) opens `/`, `/signin` and, signed in as the demo guardian, `/family`; it sums the
transfer sizes the browser reports (Resource Timing: compressed bytes on the wire, headers
included) by kind: document, script, stylesheet, font, image, other.
"""

import argparse
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

from familywork_app.services.demo_data import DEMO_PASSWORD

KINDS = {"script": "js", "link": "css", "css": "css", "img": "image"}
MEASURE = """() => {
  const entries = [performance.getEntriesByType('navigation')[0],
                   ...performance.getEntriesByType('resource')];
  return entries.map(e => [e.name, e.initiatorType, e.transferSize]);
}"""


def _kind(url: str, initiator: str) -> str:
    if url.endswith(".woff2"):
        return "font"
    if initiator == "navigation":
        return "document"
    if url.endswith(".css"):
        return "css"
    if url.endswith(".js"):
        return "js"
    return KINDS.get(initiator, "other")


def _weigh(page, path: str) -> dict[str, int]:
    page.goto(path)
    page.wait_for_selector("[data-ready='true']", timeout=60_000)
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = defaultdict(int)
    for url, initiator, size in page.evaluate(MEASURE):
        sizes[_kind(url, initiator)] += size
    return dict(sizes)


def _sign_in(page) -> None:
    page.goto("/signin")
    page.wait_for_selector("[data-ready='true']", timeout=60_000)
    page.get_by_label("Sähköposti").fill("family@example.org")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url("**/family**", timeout=60_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", action="append", required=True)
    args = parser.parse_args()
    options = {"executable_path": "/usr/bin/chromium"} if Path("/usr/bin/chromium").exists() else {}
    kinds = ("document", "js", "css", "font", "image", "other")
    print("| app | page | total KB | " + " | ".join(kinds) + " |")
    print("|---|---|---:|" + "---:|" * len(kinds))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(args=["--no-sandbox"], **options)
        for base in args.base:
            signing_in = browser.new_context(base_url=base, service_workers="block", locale="fi-FI")
            _sign_in(signing_in.new_page())
            session = signing_in.storage_state()  # the cookie only: a new context, an empty cache
            signing_in.close()
            for path in ("/", "/signin", "/family"):
                state = session if path == "/family" else None
                context = browser.new_context(
                    base_url=base, service_workers="block", storage_state=state, locale="fi-FI"
                )
                page = context.new_page()
                sizes = _weigh(page, path)
                row = " | ".join(f"{sizes.get(k, 0) / 1024:.1f}" for k in kinds)
                print(f"| {base} | {path} | {sum(sizes.values()) / 1024:.1f} | {row} |")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
