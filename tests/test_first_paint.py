"""The built pages start their scripts after the first paint (familywork_app/first_paint.py,
components/head_scripts.py)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from familywork_app.components.head_scripts import after_first_paint_code
from familywork_app.first_paint import (
    FirstPaintPlugin,
    defer_scripts_after_first_paint,
)

# The shape React Router's production build gives a prerendered page (abridged from .web/build).
BUILT_PAGE = (
    '<!DOCTYPE html><html lang="fi"><head><meta charSet="utf-8"/>'
    '<link rel="modulepreload" href="/assets/manifest-f4fd4469.js"/>'
    '<link rel="modulepreload" href="/assets/entry.client-DMqNtF3h.js"/>'
    '<link rel="modulepreload" href="/assets/react-dom-C1Trl0Td.js"/>'
    '<link rel="modulepreload" href="/assets/root-qW1QETlS.js"/>'
    '<link rel="modulepreload" href="/assets/_index-fm_g7fy6.js"/>'
    '<link href="/styles.css" rel="stylesheet"/></head><body><main><h1>Perhetyö</h1></main>'
    "<script>window.__reactRouterContext = {};</script>"
    '<script type="module" async="">import "/assets/manifest-f4fd4469.js";\n'
    'import * as route0 from "/assets/root-qW1QETlS.js";\n'
    'import * as route1 from "/assets/_index-fm_g7fy6.js";\n  \n'
    '  window.__reactRouterRouteModules = {"root":route0,"routes/_index":route1};\n\n'
    'import("/assets/entry.client-DMqNtF3h.js");</script>'
    '<script id="_R_">requestAnimationFrame(function(){$RT=performance.now()});</script>'
    "</body></html>"
)


def _loader(html: str) -> str:
    match = re.search(r'<script type="module">(.*?)</script>', html, re.S)
    assert match, html
    return match[1]


def test_the_preloads_leave_the_head_and_start_after_the_first_paint():
    page = defer_scripts_after_first_paint(BUILT_PAGE)
    assert page is not None
    assert 'rel="modulepreload"' not in page
    loader = _loader(page)
    preloads = re.findall(r'"(/assets/[^"]+)"', loader.split("]")[0])
    assert preloads == re.findall(r'modulepreload" href="([^"]+)"', BUILT_PAGE)
    assert "requestAnimationFrame(() => setTimeout(fwAfterFirstPaint, 0))" in loader
    assert 'document.visibilityState === "hidden"' in loader
    # The content and the other scripts are untouched.
    assert "<main><h1>Perhetyö</h1></main>" in page
    assert '<script id="_R_">' in page and "window.__reactRouterContext = {};" in page


def test_the_imports_run_in_their_order_with_the_route_modules_set_before_the_entry():
    loader = _loader(defer_scripts_after_first_paint(BUILT_PAGE) or "")
    order = [
        'await import("/assets/manifest-f4fd4469.js");',
        'const route0 = await import("/assets/root-qW1QETlS.js");',
        'const route1 = await import("/assets/_index-fm_g7fy6.js");',
        'window.__reactRouterRouteModules = {"root":route0,"routes/_index":route1};',
        'import("/assets/entry.client-DMqNtF3h.js");',
    ]
    positions = [loader.index(statement) for statement in order]
    assert positions == sorted(positions)
    assert not re.search(r"^\s*import\s", loader, re.M)  # no static import is left


def test_the_loader_is_a_valid_module(tmp_path: Path):
    node = shutil.which("node")
    assert node, "node comes with the set-up (scripts/setup.sh installs bun with npm)"
    module = tmp_path / "loader.mjs"
    module.write_text(_loader(defer_scripts_after_first_paint(BUILT_PAGE) or ""))
    subprocess.run([node, "--check", str(module)], check=True, capture_output=True)


def test_a_page_of_another_shape_is_left_as_built():
    named_import = BUILT_PAGE.replace(
        'import * as route0 from "/assets/root-qW1QETlS.js";',
        'import { route0 } from "/assets/root-qW1QETlS.js";',
    )
    two_scripts = BUILT_PAGE.replace(
        "</body>", '<script type="module" async="">x()</script></body>'
    )
    no_script = re.sub(r'<script type="module" async="">.*?</script>', "", BUILT_PAGE, flags=re.S)
    for page in (named_import, two_scripts, no_script):
        assert defer_scripts_after_first_paint(page) is None
    rewritten = defer_scripts_after_first_paint(BUILT_PAGE)
    assert rewritten and defer_scripts_after_first_paint(rewritten) is None


def test_the_plugin_rewrites_every_page_of_the_build_and_refuses_an_unknown_shape(
    tmp_path: Path,
):
    (tmp_path / "caseload").mkdir()
    (tmp_path / "index.html").write_text(BUILT_PAGE)
    (tmp_path / "caseload" / "index.html").write_text(BUILT_PAGE)
    FirstPaintPlugin().post_build(static_dir=tmp_path)
    for page in ("index.html", "caseload/index.html"):
        assert "fwAfterFirstPaint" in (tmp_path / page).read_text()
    # A page React would hydrate without waiting for the plain scripts fails the build.
    (tmp_path / "odd.html").write_text("<html><body>no scripts</body></html>")
    with pytest.raises(RuntimeError, match="odd.html"):
        FirstPaintPlugin().post_build(static_dir=tmp_path)


def test_the_app_config_runs_the_plugin():
    from rxconfig import config

    assert any(isinstance(plugin, FirstPaintPlugin) for plugin in config.plugins)


def test_react_hydrates_only_once_the_plain_scripts_have_run():
    loader = _loader(defer_scripts_after_first_paint(BUILT_PAGE) or "")
    waits = loader.index("await globalThis.fwScriptsReady;")
    assert waits < loader.index('await import("/assets/manifest-f4fd4469.js");')
    assert waits > loader.index("document.head.append(link);")  # the fetches start first


# A stand-in for the browser: a hidden tab (no frame to wait for), a parsed document, and scripts
# that load (or hang) when appended; the 8-second give-up runs after 10 ms.
BROWSER = """
const appended = [];
const realSetTimeout = setTimeout;
globalThis.setTimeout = (f, ms) => realSetTimeout(f, ms === 8000 ? 10 : ms);
globalThis.window = globalThis;
globalThis.requestAnimationFrame = (f) => realSetTimeout(f, 0);
globalThis.document = {
  visibilityState: "hidden", readyState: "complete", addEventListener() {},
  createElement: () => ({}),
  head: { append(el) { appended.push(el.src); if (!HANG) realSetTimeout(() => el.onload(), 5); } },
};
"""
REPORT = (
    "const t0 = Date.now();"
    "window.fwScriptsReady.then(() => console.log(JSON.stringify({appended, gaveUp: Date.now()"
    " - t0 >= 10})));"
)


def _run_head_script(tmp_path: Path, sources: list[str], hang: bool) -> dict:
    node = shutil.which("node")
    assert node, "node comes with the set-up (scripts/setup.sh installs bun with npm)"
    script = tmp_path / "head.js"
    code = after_first_paint_code(sources)
    script.write_text(f"const HANG = {str(hang).lower()};" + BROWSER + code + REPORT)
    done = subprocess.run([node, str(script)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def test_the_plain_scripts_load_after_the_first_paint(tmp_path: Path):
    sources = ["/offline.js", "/app.js", "/texts/dynamic.0123456789ab.js"]
    code = after_first_paint_code(sources)
    assert "requestAnimationFrame(() => setTimeout(next, 0))" in code
    assert '"DOMContentLoaded"' in code
    loaded = _run_head_script(tmp_path, sources, hang=False)
    assert loaded == {"appended": sources, "gaveUp": False}


def test_a_script_that_hangs_does_not_keep_the_page_from_hydrating(tmp_path: Path):
    hung = _run_head_script(tmp_path, ["/video_join.js"], hang=True)
    assert hung == {"appended": ["/video_join.js"], "gaveUp": True}
    assert _run_head_script(tmp_path, [], hang=True) == {"appended": [], "gaveUp": False}


def test_the_manifest_is_linked_after_the_install_listener():
    offline = (Path(__file__).resolve().parents[1] / "assets" / "offline.js").read_text()
    assert offline.index('"beforeinstallprompt"') < offline.index('manifest.rel = "manifest"')


def test_no_page_head_fetches_a_plain_script_before_its_first_paint():
    from familywork_app.familywork_app import HEAD

    scripts = [c.render() for c in HEAD if c.render().get("name") == '"script"']
    assert not [s for s in scripts if any("src" in str(p) for p in s["props"])]
    links = [str(c.render()) for c in HEAD if c.render().get("name") == '"link"']
    assert not [link for link in links if "manifest" in link]  # offline.js links it
    assert any("offline.js" in str(s) and "video_join.js" in str(s) for s in scripts)
