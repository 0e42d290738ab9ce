"""Page-speed benchmark on a cheap phone: our production build beside a blank Reflex app.

Run from the project root (after `source scripts/setup.sh`). It does not touch this checkout's
.web: our app is built and served from a copy of the working tree in a temporary directory
(scripts/bench_apps.py), so an app already running from the checkout keeps working.

    .venv/bin/python scripts/bench_pages.py                  # ports 3555 (ours), 3556 (blank)
    .venv/bin/python scripts/bench_pages.py --runs 1         # one Lighthouse run per page
    .venv/bin/python scripts/bench_pages.py --port 3655 --blank-port 3656

What it does (a script that prints figures, not a test):
1. Copies the working tree into a temporary directory, migrates a fresh SQLite database there,
   loads the demo data and starts `reflex run --env prod --single-port` in the copy on --port.
   Makes a blank Reflex app with `reflex init --template blank` (the template ships inside
   Reflex; no download) in the same temporary directory and starts it the same way on
   --blank-port.
2. Runs Lighthouse 12 (installed into .tools/ on first run: scripts/bench_pages_tools.py) --runs
   times on each page: our front page `/`, the sign-in page, the family home as the demo
   guardian, the caseload as the demo worker and the blank app's page. Mobile form factor,
   simulated throttling at the phone profile (150 ms RTT, 1.6 Mbit/s down, 4x CPU slowdown).
   Nobody signs in: an AuthSession row is inserted for family@example.org and
   worker@example.org (as auth.redeem_signin_ticket makes it) and Lighthouse sends
   `Cookie: fw_session=<token>` (--extra-headers). Prints, for the run with the median
   performance score, performance and accessibility scores, first and largest contentful paint,
   total blocking time, bytes (all, JavaScript) and requests; then every failed accessibility
   audit on our pages with its elements, and the elements that shifted.
3. Repeat visit with the service worker (Playwright, Chromium; CDP throttling of the page and
   of the service worker: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU): opens the
   family home once (the service worker installs), then --repeats times more, each in a new
   tab, and prints first and largest contentful paint of each (the paint entries and a
   PerformanceObserver for largest-contentful-paint).
4. Prints every target of issue 18 with MET or NOT MET and its figures: performance >= 0.95 on
   /, /signin, /family and /caseload (median of the runs) and above the blank app's;
   accessibility 1.00; LCP <= 1.1 x FCP; total blocking time <= 50 ms; repeat-visit LCP < 1.5 s
   (median of the repeats). Reports, logs and the copy stay in the temporary directory (printed
   at the end). The figures depend on the machine and its load: measure on a quiet machine and
   compare with the blank app of the same run.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import bench_apps as apps  # noqa: E402
import bench_pages_tools as tools  # noqa: E402

GUARDIAN, WORKER = "family@example.org", "worker@example.org"


# --- printing ----------------------------------------------------------------------------------


def ms(value) -> str:
    return "-" if value is None else f"{value / 1000:.2f} s"


def score(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(rows: list[tuple[str, list[dict]]]) -> None:
    print(
        f"\n{'page':<28} | {'perf':>4} | {'a11y':>4} | {'FCP':>7} | {'LCP':>7} | {'TBT':>7} "
        f"| {'CLS':>5} | {'KB':>5} | {'JS KB':>5} | {'req':>3} | perf of each run"
    )
    print("-" * 120)
    for label, runs in rows:
        s = tools.median_run(runs)["summary"]
        each = " ".join(score(r["summary"]["perf"]) for r in runs)
        print(
            f"{label:<28} | {score(s['perf']):>4} | {score(s['a11y']):>4} | {ms(s['fcp']):>7} "
            f"| {ms(s['lcp']):>7} | {ms(s['tbt']):>7} | {s['cls'] or 0:5.3f} "
            f"| {(s['bytes'] or 0) / 1024:5.0f} "
            f"| {s['js'] / 1024:5.0f} | {s['requests']:3d} | {each}"
        )
        if s["error"]:
            print(f"{'':<28}   Lighthouse runtime error: {s['error']}")


def print_repeat(result: dict) -> None:
    c = result["conditions"]
    print(
        f"\nRepeat visit of /family as the demo guardian (Playwright, Chromium, phone 390x844; "
        f"CDP throttling of the page and the service worker: {c['latency']:g} ms latency, "
        f"{c['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, "
        f"{c['uploadThroughput'] * 8 / 1e3:g} kbit/s up, {result['cpu']:g}x CPU)\n"
    )
    print(
        f"{'visit':<24} | {'FCP':>7} | {'LCP':>7} | HTML via SW | controlled | HTML in | ready (s)"
    )
    for v in result["visits"]:
        kind = "1 (first, SW installs)" if v["visit"] == 1 else f"{v['visit']} (repeat)"
        print(
            f"{kind:<24} | {ms(v['fcp']):>7} | {ms(v['lcp']):>7} | {v['via_sw']!s:>11} | "
            f"{v['controlled']!s:>10} | {ms(v['html_ms']):>7} | {v['ready_s']:.1f}"
        )
    first = result["visits"][0]
    print(
        f"service worker installed and /family cached after visit 1: "
        f"{first.get('sw_installed')}; service workers throttled: "
        f"{result['visits'][-1]['throttled_workers']}"
        + (f"; CDP errors: {result['worker_errors']}" if result["worker_errors"] else "")
    )


def check_targets(rows: list[tuple[str, list[dict]]], repeat: dict) -> None:
    """Every target of issue 18 with MET or NOT MET; the blank app is the last row."""
    verdict = apps.verdict
    blank = tools.median_run(rows[-1][1])["summary"]
    print("\nTargets (issue 18; median run of each page, the blank app of the same run):")
    for label, runs in rows[:-1]:
        s = tools.median_run(runs)["summary"]
        perf, blank_perf = s["perf"] or 0, blank["perf"] or 0
        verdict(
            f"{label}: performance >= 0.95 and above the blank app",
            perf >= 0.95 and perf > blank_perf,
            f"{score(s['perf'])} (blank {score(blank['perf'])}; each run "
            + " ".join(score(r["summary"]["perf"]) for r in runs)
            + ")",
        )
        verdict(f"{label}: accessibility 1.00", (s["a11y"] or 0) >= 1.0, score(s["a11y"]))
        fcp, lcp = s["fcp"], s["lcp"]
        ratio = lcp / fcp if fcp and lcp else None
        verdict(
            f"{label}: LCP <= 1.1 x FCP",
            ratio is not None and ratio <= 1.1,
            f"LCP {ms(lcp)}, FCP {ms(fcp)}, ratio " + ("-" if ratio is None else f"{ratio:.2f}"),
        )
        tbt = s["tbt"]
        verdict(
            f"{label}: total blocking time <= 50 ms",
            tbt is not None and tbt <= 50,
            "-" if tbt is None else f"{tbt:.0f} ms",
        )
    lcps = [v["lcp"] for v in repeat["visits"][1:]]
    measured = [x for x in lcps if x is not None]
    median = statistics.median(measured) if measured else None
    verdict(
        "repeat visit of /family through the service worker: LCP < 1.5 s",
        median is not None and median < 1500 and len(measured) == len(lcps),
        f"median of {len(lcps)} repeats {ms(median)}; each " + " ".join(ms(x) for x in lcps),
    )


# --- main --------------------------------------------------------------------------------------


def lighthouse_rows(args, workdir: Path, pages: list, tokens: dict) -> list:
    rows = []
    for n, (label, url, email) in enumerate(pages):
        cookie = f"fw_session={tokens[email]}" if email else ""
        runs = []
        for run in range(args.runs):
            out = workdir / f"lighthouse-{n}-{run}.json"
            lhr = tools.run_lighthouse(url, out, args.chrome, cookie)
            runs.append({"lhr": lhr, "summary": tools.summary(lhr), "path": out})
            s = runs[-1]["summary"]
            print(
                f"  {label}: run {run + 1}: performance {score(s['perf'])}, accessibility "
                f"{score(s['a11y'])}, final URL {s['final_url']}",
                flush=True,
            )
        rows.append((label, runs))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--port", type=int, default=3555, help="our app")
    parser.add_argument("--blank-port", type=int, default=3556, help="the blank Reflex app")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--repeats", type=int, default=3, help="repeat visits after the first")
    parser.add_argument("--chrome", default="/usr/bin/chromium")
    apps.add_tree_option(parser)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_pages_"))
    base, blank_base = f"http://localhost:{args.port}", f"http://localhost:{args.blank_port}"
    version = tools.ensure_lighthouse()
    chrome = subprocess.run(
        [args.chrome, "--version"], check=False, capture_output=True, text=True
    ).stdout
    apps.print_header(
        [
            ("browser", f"{chrome.strip()}; Lighthouse {version}"),
            ("our app", f"{base} (reflex run --env prod in a copy, SQLite, demo data, 1 worker)"),
            ("blank app", f"{blank_base} (Reflex's blank template, built the same way)"),
            (
                "Lighthouse",
                f"mobile, simulated throttling {tools.RTT_MS} ms RTT, "
                f"{tools.DOWN_KBPS:g} kbit/s down, {tools.CPU_SLOWDOWN}x CPU; "
                f"{args.runs} run(s) per page, the median by performance shown",
            ),
        ],
        tree=args.tree,
    )
    pages = [
        ("front page (/)", f"{base}/", None),
        ("sign-in (/signin)", f"{base}/signin", None),
        ("family home (/family)", f"{base}/family", GUARDIAN),
        ("caseload (/caseload)", f"{base}/caseload", WORKER),
        ("blank Reflex app (/)", f"{blank_base}/", None),
    ]
    processes, db_url = apps.start_ours_and_blank(workdir, args.port, args.blank_port, args.tree)
    try:
        tokens = {email: apps.new_sessions(db_url, email)[0] for email in (GUARDIAN, WORKER)}
        rows = lighthouse_rows(args, workdir, pages, tokens)
        repeat = tools.repeat_visit(
            base, "/family", ("fw_session", tokens[GUARDIAN]), args.chrome, repeats=args.repeats
        )
        (workdir / "repeat_visit.json").write_text(json.dumps(repeat, indent=1))
    finally:
        for process in processes:
            apps.stop_app(process)

    print_table(rows)
    print(
        "FCP/LCP/TBT/CLS: Lighthouse's simulated phone; KB: total transferred; JS KB: "
        "scripts; req: requests"
    )
    for (label, runs), (_l, url, _e) in zip(rows, pages, strict=True):
        final = tools.median_run(runs)["summary"]["final_url"]
        if final.rstrip("/") != url.rstrip("/"):
            print(f"WARNING: {label} ended at {final}, not {url}")
    for label, runs in rows[:-1]:
        tools.print_findings(label, tools.median_run(runs)["lhr"])
    print_repeat(repeat)
    check_targets(rows, repeat)
    print(f"\nload average at the end: {apps.load_average()}")
    print(f"reports, logs, database and the copy of the app in {workdir}")


if __name__ == "__main__":
    main()
