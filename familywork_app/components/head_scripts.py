"""Small scripts that must run before a page shows, inlined into every page's head.

An inline script runs while the HTML is parsed, before the page's module scripts (which load
asynchronously), and costs no request of its own: unlike a `<script src>` without `defer`, it
does not hold the first paint while a file downloads. Full-line `//` comments are left out of
the page (they stay in the file under assets/).
"""

import json
import re
from pathlib import Path

import reflex as rx

ASSETS = Path(__file__).resolve().parents[2] / "assets"
_COMMENT_LINE = re.compile(r"^\s*//.*\n", re.MULTILINE)


def inline_script(name: str) -> rx.Component:
    """assets/`name` as an inline `<script>` (the file must not contain `</script`)."""
    code = _COMMENT_LINE.sub("", (ASSETS / name).read_text(encoding="utf-8"))
    if "</script" in code.lower():
        raise ValueError(f"{name} cannot be inlined: it closes the script element")
    return rx.el.script(code)


# Appends the scripts once the first frame is painted and the document parsed, each to run as
# soon as it arrives (none needs another). `fwScriptsReady` settles when every script has loaded
# or failed, or after 8 s (a request that hangs on a poor connection must not keep the page from
# ever working); first_paint.py's loader waits for it before React hydrates, so handlers can
# call the functions the scripts define and the dynamic texts are there.
_AFTER_FIRST_PAINT = """window.fwScriptsReady = new Promise((ready) => {
  const painted = new Promise((next) => {
    if (document.visibilityState === "hidden") next();
    else requestAnimationFrame(() => setTimeout(next, 0));
  });
  const parsed = new Promise((next) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", next);
    else next();
  });
  Promise.all([painted, parsed]).then(() => {
    const sources = %s;
    let left = sources.length;
    for (const src of sources) {
      const script = document.createElement("script");
      script.src = src;
      script.onload = script.onerror = () => --left || ready();
      document.head.append(script);
    }
    if (!left) ready();
    setTimeout(ready, 8000);
  });
});"""


def after_first_paint_code(sources: list[str]) -> str:
    """The inline code that loads `sources` after the first paint."""
    return _AFTER_FIRST_PAINT % json.dumps(sources)


def scripts_after_first_paint(sources: list[str]) -> rx.Component:
    """Plain scripts a page needs once it is interactive, not for its first paint: fetched after
    that paint (on a slow phone their requests would otherwise wait on, and share, the bandwidth
    the document, its stylesheets and font need); React hydrates once they have loaded (on the
    pages first_paint.py rewrote, which the production build makes sure is every page)."""
    return rx.el.script(after_first_paint_code(sources))
