"""Small scripts that must run before a page shows, inlined into every page's head.

An inline script runs while the HTML is parsed, before the page's module scripts (which load
asynchronously), and costs no request of its own: unlike a `<script src>` without `defer`, it
does not hold the first paint while a file downloads. Full-line `//` comments are left out of
the page (they stay in the file under assets/).
"""

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
