"""axe-core in the page: WCAG 2.1 A and AA rules only."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()
WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page: Page) -> list[str]:
    """Short descriptions of every WCAG 2.1 AA violation on the page as it is now."""
    results = _AXE.run(page, options=WCAG21_AA)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
