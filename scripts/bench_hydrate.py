"""Hydrate benchmark: what a page load costs over the websocket, ours against a blank Reflex app.

Run from the project root (after `source scripts/setup.sh`). Like scripts/bench_pages.py it
builds and serves our app from a copy of the working tree in a temporary directory (this
checkout's .web is not touched) and a blank Reflex app beside it (scripts/bench_apps.py):

    .venv/bin/python scripts/bench_hydrate.py                       # 200 clients, 10 loads each
    .venv/bin/python scripts/bench_hydrate.py --clients 20 --loads 3   # a short check
    .venv/bin/python scripts/bench_hydrate.py --port 3657 --blank-port 3658

1. Page load audit, one tab at a time (scripts/bench_hydrate_audit.py): for the front page `/`,
   the sign-in page, the family home, meetings, goals and messages (as the demo guardian
   family@example.org), the caseload and a family record (as the demo worker
   worker@example.org) and the blank app's `/`: the bytes of every message the server sends
   for the page load (the hydrate in the CONNECT packet, then the on_load deltas), the first
   state message, and each split into the page's own data and the shell.
2. Hydrate load: --clients socket.io clients (scripts/bench_load_client.py), each connected to
   the page, send its page-load event (`hydrate_and_load`, as a reload or a reconnect does)
   --loads times in a closed loop (the next as soon as the last one is answered): the blank
   app's `/`, then our `/`, `/family` (each client its own session of the demo guardian) and
   `/caseload` (the demo worker). Prints p50/p95/p99 of the round trip (emit to the
   `is_hydrated` delta), errors and the bytes the server sent per hydrate.
3. The targets of issue 18 with MET or NOT MET: the hydrate message (the first state message)
   of each page <= 2 KB plus the page's own data (the parts of the states its on_load handlers
   change; the whole page load's shell is printed beside it), the front page's first state
   message <= 3 KB, and our `/` under load: p95 <= 1.5 x the blank app's p95 in the same run,
   0 errors.
Nobody signs in: sessions are AuthSession rows inserted into the database (as
auth.redeem_signin_ticket makes them), sent as the fw_session cookie. The load generator runs
on the same machine: measure on a quiet one and judge by the ratio to the blank app.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import aiohttp  # noqa: E402
import bench_apps as apps  # noqa: E402
from bench_hydrate_audit import PageLoad, kb, page_load, print_audit  # noqa: E402
from bench_load_client import Lost, Person, Tab  # noqa: E402
from bench_load_phases import Stats  # noqa: E402

GUARDIAN, WORKER = "family@example.org", "worker@example.org"
SHELL_MAX, FRONT_FIRST_MAX, LOAD_RATIO_MAX = 2048, 3072, 1.5


async def audit(http, base: str, blank: str, tokens: dict, fid: int) -> list[PageLoad]:
    pages = [
        ("front page /", base, "/", None, None),
        ("sign-in /signin", base, "/signin", None, None),
        ("family home /family", base, "/family", GUARDIAN, None),
        ("meetings /family/meetings", base, "/family/meetings", GUARDIAN, None),
        ("goals /family/goals", base, "/family/goals", GUARDIAN, None),
        ("messages /family/messages", base, "/family/messages", GUARDIAN, None),
        ("caseload /caseload", base, "/caseload", WORKER, None),
        (f"family record /record/{fid}", base, f"/record/{fid}", WORKER, {"fid": str(fid)}),
        ("blank Reflex app /", blank, "/", None, None),
    ]
    loads = []
    for label, url, path, email, query in pages:
        person = Person(email or "visitor", "guardian", tokens[email][0] if email else "")
        tab = Tab(url, url, person, http, 60)
        loads.append(await page_load(tab, label, path, query))
    return loads


async def hydrate_phase(http, base: str, path: str, tokens: list[str], args) -> tuple:
    """Every client connects to `path`, then sends --loads page loads back to back."""
    tabs = [
        Tab(base, base, Person(f"client-{i}", "guardian", token), http, args.timeout)
        for i, token in enumerate(tokens)
    ]
    gate, stats, sizes = asyncio.Semaphore(20), Stats(), []

    async def connect(tab: Tab) -> None:
        async with gate:
            try:
                stats.record("connect", await tab.connect(path))
            except Lost:
                stats.error("connect")

    async def client(tab: Tab) -> None:
        for _ in range(args.loads):
            try:
                if tab.sio is None or not tab.sio.connected:
                    await tab.connect(path)
                before = tab.bytes_in
                result = await tab.load(path)
                stats.record("hydrate", result)
                if result[1]:
                    sizes.append(tab.bytes_in - before)
            except Lost:
                stats.error("hydrate")
                await tab.close()

    await asyncio.gather(*(connect(tab) for tab in tabs))
    started = time.perf_counter()
    await asyncio.gather(*(client(tab) for tab in tabs))
    stats.wall = time.perf_counter() - started
    await asyncio.gather(*(tab.close() for tab in tabs))
    await asyncio.sleep(2)  # let the server forget the closed sockets
    return stats, sizes


async def bench(args, base: str, blank: str, db_url: str, fid: int) -> tuple[list, list]:
    n = args.clients
    tokens = {GUARDIAN: apps.new_sessions(db_url, GUARDIAN, n)}
    tokens[WORKER] = apps.new_sessions(db_url, WORKER, n)
    http = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar()
    )
    try:
        loads = await audit(http, base, blank, tokens, fid)
        phases = []
        for label, url, path, email in [
            ("blank Reflex app /", blank, "/", None),
            ("ours /", base, "/", None),
            ("ours /family (guardian)", base, "/family", GUARDIAN),
            ("ours /caseload (worker)", base, "/caseload", WORKER),
        ]:
            stats, sizes = await hydrate_phase(
                http, url, path, tokens[email] if email else [""] * n, args
            )
            phases.append((label, stats, sizes))
            print_phase(label, stats, sizes)
    finally:
        await http.close()
    return loads, phases


def print_phase(label: str, stats: Stats, sizes: list[int]) -> None:
    count, rate, p50, p95, p99, errors = stats.summary(["hydrate"])
    connect_errors = stats.errors.get("connect", 0)
    mean = statistics.mean(sizes) if sizes else 0
    print(
        f"  {label:<26} | {count:6d} | {rate:6.0f} | {p50:7.0f} | {p95:7.0f} | {p99:7.0f} "
        f"| {errors + connect_errors:6d} | {kb(round(mean))}",
        flush=True,
    )


def check_targets(loads: list[PageLoad], phases: list, clients: int) -> None:
    verdict = apps.verdict
    print("\nTargets (issue 18):")
    for load in loads[:-1]:  # the last is the blank app
        verdict(
            f"{load.label}: hydrate message <= 2 KB plus the page's own data",
            load.accepted and load.first > 0 and load.first_shell <= SHELL_MAX,
            f"first state message {load.first:,} B = {load.first_page_data:,} B page data "
            f"+ {load.first_shell:,} B shell; whole page load {load.total:,} B in "
            f"{load.messages} messages, shell {load.shell:,} B"
            + ("" if load.accepted else " (the page load was refused or redirected)"),
        )
    front = loads[0]
    verdict(
        "front page's first state message <= 3 KB",
        front.accepted and 0 < front.first <= FRONT_FIRST_MAX,
        f"{front.first:,} B (blank app: {loads[-1].first:,} B)",
    )
    (_b, blank, _s), (_o, ours, _z) = phases[0], phases[1]
    _n, _r, _p50, blank_p95, _p99, _e = blank.summary(["hydrate"])
    _n, _r, _p50, ours_p95, _p99, _e = ours.summary(["hydrate"])
    errors = sum(ours.errors.values())
    ratio = ours_p95 / blank_p95 if blank_p95 else float("inf")
    verdict(
        f"{phases[1][0]}, {clients} clients ({len(ours.times.get('hydrate', []))} page loads; "
        f"the target: 200): p95 <= {LOAD_RATIO_MAX} x the blank app's p95, 0 errors",
        ratio <= LOAD_RATIO_MAX and errors == 0,
        f"p95 {ours_p95:.0f} ms against {blank_p95:.0f} ms = {ratio:.2f}x, {errors} errors",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients per page")
    parser.add_argument("--loads", type=int, default=10, help="page loads per client")
    parser.add_argument("--timeout", type=float, default=60, help="per page load, seconds")
    parser.add_argument("--port", type=int, default=3557, help="our app")
    parser.add_argument("--blank-port", type=int, default=3558, help="the blank Reflex app")
    apps.add_tree_option(parser)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_hydrate_"))
    base, blank = f"http://localhost:{args.port}", f"http://localhost:{args.blank_port}"
    apps.print_header(
        [
            ("our app", f"{base} (reflex run --env prod in a copy, SQLite, demo data, 1 worker)"),
            ("blank app", f"{blank} (Reflex's blank template, built the same way)"),
            (
                "load",
                f"{args.clients} clients per page, {args.loads} page loads each, closed loop; "
                "the load generator (one Python process) on the same CPU",
            ),
        ],
        tree=args.tree,
    )
    processes, db_url = apps.start_ours_and_blank(workdir, args.port, args.blank_port, args.tree)
    try:
        fid = apps.first_family_of(db_url, WORKER)
        print(
            f"\nHydrate load: round trip of one page load, emit -> is_hydrated (ms)\n\n"
            f"  {'page':<26} | {'loads':>6} | {'per s':>6} | {'p50':>7} | {'p95':>7} "
            f"| {'p99':>7} | {'errors':>6} | KB per hydrate",
            flush=True,
        )
        loads, phases = asyncio.run(bench(args, base, blank, db_url, fid))
    finally:
        for process in processes:
            apps.stop_app(process)
    print_audit(loads)
    check_targets(loads, phases, args.clients)
    print(f"\nload average at the end: {apps.load_average()}")
    print(f"logs, database and the copy of the app in {workdir}")


if __name__ == "__main__":
    main()
