"""Measuring tools of scripts/bench_pages.py: Lighthouse (installed on first use) and the
repeat-visit first and largest contentful paint measured with Playwright under CDP throttling.

Lighthouse: npm package `lighthouse@12`, installed into .tools/ by `ensure_lighthouse` when it
is missing (the set-up and test commands do not install it). Each run is mobile form factor
with simulated throttling at the phone profile (150 ms RTT, 1.6 Mbit/s down, 4x CPU slowdown:
Lighthouse's default mobile profile, passed explicitly), Chromium headless.

Repeat visit: Playwright drives Chromium; the page is throttled with
Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate. A page's throttling does
not reach requests a service worker makes (tried here: a page-throttled, SW-controlled
navigation came back in ~10 ms under 400 ms of emulated latency), so the service worker target
is attached too (browser CDP session, Target.attachToTarget) and its network throttled alike.
Each visit's paints: first-contentful-paint from performance.getEntriesByType('paint'), the
largest contentful paint from a buffered PerformanceObserver for 'largest-contentful-paint'
(its last entry), read once the page says it is ready (data-ready) and its first paint is in.
"""

import json
import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
# The phone profile of issue 5 (Lighthouse's default mobile throttling).
RTT_MS, DOWN_KBPS, CPU_SLOWDOWN = 150, 1638.4, 4


# --- Lighthouse --------------------------------------------------------------------------------


def ensure_lighthouse() -> str:
    """Install lighthouse@12 into .tools/ when missing; return its version."""
    if not LIGHTHOUSE.exists():
        print("installing lighthouse@12 into .tools/ (first run) ...", flush=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(TOOLS),
                "lighthouse@12",
            ],
            check=True,
        )
    package = TOOLS / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def run_lighthouse(url: str, out: Path, chrome: str, cookie: str = "") -> dict:
    """One Lighthouse run (performance and accessibility); the report is kept at `out`."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        "--throttling-method=simulate",
        f"--throttling.rttMs={RTT_MS}",
        f"--throttling.throughputKbps={DOWN_KBPS}",
        f"--throttling.cpuSlowdownMultiplier={CPU_SLOWDOWN}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--max-wait-for-load=90000",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    result = subprocess.run(
        command,
        check=False,
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text())


def summary(lhr: dict) -> dict:
    """The figures printed for one report."""
    audits = lhr["audits"]

    def value(audit_id):
        return audits.get(audit_id, {}).get("numericValue")

    items = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    return {
        "perf": lhr["categories"]["performance"]["score"],
        "a11y": lhr["categories"]["accessibility"]["score"],
        "fcp": value("first-contentful-paint"),
        "lcp": value("largest-contentful-paint"),
        "tbt": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "bytes": value("total-byte-weight"),
        "js": sum(i.get("transferSize") or 0 for i in items if i.get("resourceType") == "Script"),
        "requests": len(items),
        "final_url": lhr.get("finalDisplayedUrl", ""),
        "error": (lhr.get("runtimeError") or {}).get("message", ""),
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's advice: several runs)."""
    ranked = sorted(runs, key=lambda r: (r["summary"]["perf"] or 0, r["summary"]["fcp"] or 0))
    return ranked[(len(ranked) - 1) // 2]


def accessibility_failures(lhr: dict) -> list[dict]:
    """Failed accessibility audits: id, title, weight and the elements (selector, snippet)."""
    failures = []
    for ref in lhr["categories"]["accessibility"]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if (
            audit.get("scoreDisplayMode") not in ("binary", "numeric")
            or audit["score"] is None
            or audit["score"] >= 1
        ):
            continue
        nodes = []
        for item in (audit.get("details") or {}).get("items", []):
            node = item.get("node") or {}
            nodes.append(
                {
                    "selector": node.get("selector", ""),
                    "label": node.get("nodeLabel", ""),
                    "snippet": node.get("snippet", ""),
                    "explanation": node.get("explanation", ""),
                }
            )
        failures.append(
            {"id": ref["id"], "title": audit["title"], "weight": ref["weight"], "nodes": nodes}
        )
    return failures


def layout_shifts(lhr: dict) -> list[dict]:
    """The elements that moved (Lighthouse's layout-shifts audit), with their shift scores."""
    items = (lhr["audits"].get("layout-shifts", {}).get("details") or {}).get("items", [])
    return [
        {
            "selector": (i.get("node") or {}).get("selector", ""),
            "score": i.get("score") or 0,
            "snippet": (i.get("node") or {}).get("snippet", ""),
        }
        for i in items
    ]


def print_findings(label: str, lhr: dict) -> None:
    """Failed accessibility audits with their elements, and the elements that shifted."""
    failures = accessibility_failures(lhr)
    print(
        f"\n{label}: "
        + (
            "no failed accessibility audit"
            if not failures
            else f"{len(failures)} failed accessibility audit(s)"
        )
    )
    for failure in failures:
        print(f"  {failure['id']} (weight {failure['weight']}): {failure['title']}")
        for node in failure["nodes"][:8]:
            print(f"    - {node['selector']}  [{node['label'][:60]}]")
            print(f"      {node['snippet'][:200]}")
        if len(failure["nodes"]) > 8:
            print(f"    ... and {len(failure['nodes']) - 8} more")
    for shift in layout_shifts(lhr):
        print(f"  layout shift {shift['score']:.3f}: {shift['selector']}  {shift['snippet'][:80]}")


# --- repeat visit ------------------------------------------------------------------------------

PAINT_JS = """async () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
  const lcp = await new Promise(resolve => {
    let last = null;
    new PerformanceObserver(list => { const e = list.getEntries(); last = e[e.length - 1]; })
      .observe({type: 'largest-contentful-paint', buffered: true});
    setTimeout(() => resolve(last ? last.startTime : null), 300);
  });
  return {fcp: fcp ? fcp.startTime : null, lcp, via_sw: nav.workerStart > 0,
          controlled: !!navigator.serviceWorker.controller,
          html_ms: nav.responseEnd - nav.startTime, url: location.pathname};
}"""

SW_READY_JS = """async () => {
  await navigator.serviceWorker.ready;
  for (let i = 0; i < 600 && !navigator.serviceWorker.controller; i++)
    await new Promise(r => setTimeout(r, 100));
  for (let i = 0; i < 600 && !(await caches.match('/family')); i++)
    await new Promise(r => setTimeout(r, 100));
  return !!navigator.serviceWorker.controller && !!(await caches.match('/family'));
}"""


class WorkerThrottle:
    """Throttle the network of every service worker of the browser (the page's own throttling
    does not reach the requests a service worker makes)."""

    def __init__(self, browser, conditions: dict):
        self.cdp = browser.new_browser_cdp_session()
        self.conditions = conditions
        self.attached: dict[str, str] = {}
        self.errors: list[str] = []
        self.cdp.on("Target.receivedMessageFromTarget", self._reply)

    def _reply(self, event):
        if '"error"' in event["message"][:200] and '"id"' in event["message"][:20]:
            self.errors.append(event["message"][:300])

    def apply(self) -> int:
        for target in self.cdp.send("Target.getTargets")["targetInfos"]:
            if target["type"] != "service_worker" or target["targetId"] in self.attached:
                continue
            session = self.cdp.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
            )["sessionId"]
            self.attached[target["targetId"]] = session
            for n, (method, params) in enumerate(
                [("Network.enable", {}), ("Network.emulateNetworkConditions", self.conditions)]
            ):
                self.cdp.send(
                    "Target.sendMessageToTarget",
                    {
                        "sessionId": session,
                        "message": json.dumps({"id": n + 1, "method": method, "params": params}),
                    },
                )
        return len(self.attached)


def repeat_visit(
    base: str,
    path: str,
    cookie: tuple[str, str],
    chrome: str,
    repeats: int = 3,
    latency_ms: float = 150,
    down_bps: float = 1.6e6,
    up_bps: float = 750e3,
    cpu: float = 4,
) -> dict:
    """Open `path` once (the service worker installs and caches the shell), then `repeats`
    times more, each in a new tab as from the home screen; first and largest contentful paint
    of each visit."""
    from playwright.sync_api import sync_playwright

    conditions = {
        "offline": False,
        "latency": latency_ms,
        "downloadThroughput": down_bps / 8,
        "uploadThroughput": up_bps / 8,
    }
    visits = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=1.75,
            is_mobile=True,
            has_touch=True,
            locale="fi-FI",
        )
        context.add_cookies([{"name": cookie[0], "value": cookie[1], "url": base}])
        workers = WorkerThrottle(browser, conditions)
        for visit in range(1 + repeats):
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", conditions)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
            throttled_workers = workers.apply()
            started = time.perf_counter()
            page.goto(base + path, wait_until="load", timeout=180_000)
            page.wait_for_selector("[data-ready='true']", state="attached", timeout=180_000)
            ready_s = time.perf_counter() - started
            page.wait_for_function(
                "performance.getEntriesByType('paint')"
                ".some(e => e.name === 'first-contentful-paint')",
                timeout=60_000,
            )
            figures = page.evaluate(PAINT_JS)
            if visit == 0:
                figures["sw_installed"] = page.evaluate(SW_READY_JS)
                time.sleep(2)  # the service worker's cache writes settle
            figures.update(visit=visit + 1, ready_s=ready_s, throttled_workers=throttled_workers)
            visits.append(figures)
            page.close()
        errors = workers.errors
        context.close()
        browser.close()
    repeat_fcps = [v["fcp"] for v in visits[1:] if v["fcp"] is not None]
    repeat_lcps = [v["lcp"] for v in visits[1:] if v["lcp"] is not None]
    return {
        "visits": visits,
        "worker_errors": errors,
        "median_repeat_fcp": statistics.median(repeat_fcps) if repeat_fcps else None,
        "median_repeat_lcp": statistics.median(repeat_lcps) if repeat_lcps else None,
        "conditions": conditions,
        "cpu": cpu,
    }
