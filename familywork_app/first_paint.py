"""The prerendered page paints before its scripts are fetched (issue 18: content first).

React Router's production HTML lists some ten `<link rel="modulepreload">` tags in the head and
ends with an inline module script that imports the router's manifest, the root and the page's
route module and then `entry.client`. A phone on a slow network then fetches about 190 KB of
JavaScript (compressed) at high priority alongside the document and its stylesheets, and the
first paint of the prerendered text waits for bandwidth it does not need: the page is already
readable HTML, and the scripts only hydrate it.

`FirstPaintPlugin.post_build` rewrites every built page so that the same preloads and the same
imports, in the same order, start in the task after the first frame is painted
(`requestAnimationFrame` then `setTimeout`; at once in a hidden tab, which paints no frame),
and React hydrates once the page's plain scripts have run (`fwScriptsReady`,
components/head_scripts.py).
Links are plain `<a href>` before hydration, so a tap on them works meanwhile. A page whose
script does not have the expected shape (a React Router upgrade, say) fails the build.
"""

import json
import re
import sys
from pathlib import Path
from typing import Unpack

from reflex_base.plugins.base import Plugin, PostBuildContext

MODULE_PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]+)"/>')
MODULE_SCRIPT = re.compile(r'<script type="module" async="">(.*?)</script>', re.S)
SIDE_EFFECT_IMPORT = re.compile(r'^import "([^"]+)";$', re.M)
NAMESPACE_IMPORT = re.compile(r'^import \* as (\w+) from "([^"]+)";$', re.M)
MARKER = "fwAfterFirstPaint"

# The scripts start in the task after the first painted frame; a hidden tab paints none.
LOADER = """const {marker} = async () => {{
  for (const href of {preloads}) {{
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    document.head.append(link);
  }}
  await globalThis.fwScriptsReady;
{body}
}};
if (document.visibilityState === "hidden") {marker}();
else requestAnimationFrame(() => setTimeout({marker}, 0));"""


def _deferred_module_body(body: str) -> str | None:
    """The module script's body with its static imports as awaited dynamic ones, or None."""
    converted = SIDE_EFFECT_IMPORT.sub(lambda m: f"await import({json.dumps(m[1])});", body)
    converted = NAMESPACE_IMPORT.sub(
        lambda m: f"const {m[1]} = await import({json.dumps(m[2])});", converted
    )
    if re.search(r"^\s*import\s", converted, re.M) or "export " in converted:
        return None  # an import or export form this rewrite does not know
    return "\n".join(f"  {line}" if line.strip() else "" for line in converted.splitlines())


def defer_scripts_after_first_paint(html: str) -> str | None:
    """The page with its module preloads and imports started after the first paint.

    Returns None when the page is not of the expected shape (no module script, two of them, or
    an unknown import form) or is already rewritten.
    """
    scripts = MODULE_SCRIPT.findall(html)
    if len(scripts) != 1 or MARKER in html:
        return None
    body = _deferred_module_body(scripts[0])
    if body is None:
        return None
    preloads = MODULE_PRELOAD.findall(html)
    loader = LOADER.format(marker=MARKER, preloads=json.dumps(preloads), body=body)
    html = MODULE_PRELOAD.sub("", html)
    return MODULE_SCRIPT.sub(lambda _: f'<script type="module">{loader}</script>', html, count=1)


def rewrite_built_pages(static_dir: Path) -> tuple[int, list[Path]]:
    """Rewrite every built `.html`; returns (pages rewritten, pages left as they were)."""
    rewritten, skipped = 0, []
    for page in sorted(static_dir.rglob("*.html")):
        new = defer_scripts_after_first_paint(page.read_text(encoding="utf-8"))
        if new is None:
            skipped.append(page)
            continue
        page.write_text(new, encoding="utf-8")
        rewritten += 1
    return rewritten, skipped


class FirstPaintPlugin(Plugin):
    """Runs `rewrite_built_pages` after the production build, before Reflex compresses it."""

    def post_build(self, **context: Unpack[PostBuildContext]) -> None:
        rewritten, skipped = rewrite_built_pages(context["static_dir"])
        if skipped:
            # The page's plain scripts wait for the first paint (components/head_scripts.py);
            # only the rewritten loader makes React wait for them in turn. A page React Router
            # built in another shape would hydrate without them: refuse the build instead.
            names = ", ".join(str(p.relative_to(context["static_dir"])) for p in skipped)
            raise RuntimeError(f"first_paint: pages of an unexpected shape: {names}")
        print(f"first_paint: {rewritten} pages paint before their scripts load", file=sys.stderr)
