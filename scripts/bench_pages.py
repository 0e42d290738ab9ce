"""Page-speed benchmark on a cheap phone: our production build beside a blank Reflex app.

Run from the project root (after `source scripts/setup.sh`; it builds the production frontend
in this checkout's .web, as scripts/run.sh does, and a blank app in a temporary directory):

    .venv/bin/python scripts/bench_pages.py                  # ports 3555 (ours), 3556 (blank)
    .venv/bin/python scripts/bench_pages.py --runs 1         # one Lighthouse run per page
    .venv/bin/python scripts/bench_pages.py --port 3655 --blank-port 3656

What it does (a script that prints figures, not a test):
1. Migrates a fresh SQLite database in a temporary directory, loads the demo data and starts
   `reflex run --env prod --single-port` on --port. Makes a blank Reflex app with
   `reflex init --template blank` (the template ships inside Reflex; no download) in the same
   temporary directory and starts it the same way on --blank-port.
2. Runs Lighthouse 12 (installed into .tools/ on first run: scripts/bench_pages_tools.py) --runs
   times on each page: our sign-in page, the family home as the demo guardian, the caseload as
   the demo worker and the blank app's page. Mobile form factor, simulated throttling at the
   phone profile of issue 5 (150 ms RTT, 1.6 Mbit/s down, 4x CPU slowdown). Nobody signs in:
   an AuthSession row is inserted for family@example.org and worker@example.org (as
   auth.redeem_signin_ticket makes it) and Lighthouse sends `Cookie: fw_session=<token>`
   (--extra-headers). Prints, for the run with the median performance score, performance and
   accessibility scores, first and largest contentful paint, total blocking time, bytes (all,
   JavaScript) and requests; then every failed accessibility audit on our pages with its
   elements, and the elements that shifted (cumulative layout shift).
3. Repeat visit with the service worker (Playwright, Chromium; CDP throttling of the page and
   of the service worker: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU): opens the
   family home once (the service worker installs), then --repeats times more, each in a new
   tab, and prints first-contentful-paint (performance.getEntriesByType('paint')) of each.
Targets (issue 5): Lighthouse performance >= 0.95 and accessibility 1.00 on the sign-in page
and the family home; repeat-visit first paint under 1 s. Reports and logs stay in the
temporary directory (printed at the end).
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
os.chdir(ROOT)  # reflex reads rxconfig.py from the working directory

import bench_pages_tools as tools  # noqa: E402
from bench_load import stop_app  # noqa: E402  (the same way of stopping the app)
from sqlmodel import Session, select  # noqa: E402

from familywork_app.db import make_engine  # noqa: E402
from familywork_app.models import AuthSession, User, utcnow  # noqa: E402
from familywork_app.services.security import new_token, token_hash  # noqa: E402

BIN = Path(sys.executable).parent
BLANK_TEMPLATE = "reflex_base/.templates/apps/blank/code/blank.py"


# --- the two apps ------------------------------------------------------------------------------


def base_env(port: int) -> dict:
    base = f"http://localhost:{port}"
    env = {
        **os.environ,
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{BIN}:{os.environ.get('PATH', '')}",
        "REFLEX_CORS_ALLOWED_ORIGINS": f"{base},http://127.0.0.1:{port}",
    }
    for name in ("REFLEX_REDIS_URL", "GRANIAN_WORKERS", "REFLEX_DB_URL"):
        env.pop(name, None)
    return env


def prepare_db(env: dict) -> None:
    """Migrate the fresh database and load the demo data."""
    subprocess.run(
        [str(BIN / "alembic"), "upgrade", "head"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [sys.executable, "-m", "familywork_app.services.demo_data"],
        env=env,
        check=True,
        capture_output=True,
    )


def make_blank_app(workdir: Path, env: dict) -> tuple[Path, str]:
    """A blank Reflex app: `reflex init --template blank`, else the same template by hand."""
    app_dir = workdir / "blank_app"
    app_dir.mkdir()
    result = subprocess.run(
        [str(BIN / "reflex"), "init", "--template", "blank", "--no-agents"],
        check=False,
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
    )
    (workdir / "blank_init.log").write_text(result.stdout + result.stderr)
    if result.returncode == 0 and (app_dir / "blank_app" / "blank_app.py").exists():
        return app_dir, "reflex init --template blank"
    # By hand: the files `reflex init` writes (its blank page, a heading; its rxconfig).
    import reflex_base
    from reflex_base.compiler.templates import rxconfig_template

    template = Path(reflex_base.__file__).parents[1] / BLANK_TEMPLATE
    (app_dir / "blank_app").mkdir(exist_ok=True)
    (app_dir / "blank_app" / "__init__.py").write_text("")
    shutil.copy(template, app_dir / "blank_app" / "blank_app.py")
    (app_dir / "rxconfig.py").write_text(rxconfig_template(app_name="blank_app"))
    return app_dir, "written by hand from Reflex's blank template (reflex init failed)"


def start_app(cwd: Path, env: dict, port: int, probe: str, log: Path) -> subprocess.Popen:
    """`reflex run --env prod --single-port` (builds the frontend), once `probe` answers 200."""
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                str(BIN / "reflex"),
                "run",
                "--env",
                "prod",
                "--single-port",
                "--backend-port",
                str(port),
            ],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the app in {cwd} exited:\n" + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(f"http://localhost:{port}{probe}", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        time.sleep(1)
    stop_app(process)
    sys.exit(f"the app in {cwd} did not start:\n" + log.read_text()[-3000:])


def new_session(db_url: str, email: str) -> str:
    """A live session for a demo user, inserted directly (no argon2, no TOTP); its token."""
    with Session(make_engine(db_url)) as db:
        user = db.exec(select(User).where(User.email == email)).one()
        token = new_token()
        db.add(
            AuthSession(
                user_id=user.id,
                token_hash=token_hash(token),
                expires_at=utcnow() + timedelta(hours=2),
                user_agent="bench_pages",
            )
        )
        db.commit()
    return token


# --- printing ----------------------------------------------------------------------------------


def machine() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        lines = []
    model = next((x.split(":", 1)[1].strip() for x in lines if x.startswith("model name")), "")
    return f"{os.cpu_count()} cores {model or platform.processor()}, {platform.system()}"


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


def verdict(name: str, ok: bool, detail: str) -> None:
    print(f"  {'MET    ' if ok else 'NOT MET'}  {name}: {detail}")


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=3555, help="our app")
    parser.add_argument("--blank-port", type=int, default=3556, help="the blank Reflex app")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--repeats", type=int, default=3, help="repeat visits after the first")
    parser.add_argument("--chrome", default="/usr/bin/chromium")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench_pages_"))
    base, blank_base = f"http://localhost:{args.port}", f"http://localhost:{args.blank_port}"
    version = tools.ensure_lighthouse()
    chrome = subprocess.run(
        [args.chrome, "--version"], check=False, capture_output=True, text=True
    ).stdout
    for label, value in [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("machine", machine()),
        (
            "load average",
            "{:.2f} {:.2f} {:.2f} before the start (1, 5, 15 min)".format(*os.getloadavg()),
        ),
        ("browser", f"{chrome.strip()}; Lighthouse {version}"),
        ("our app", f"{base} (reflex run --env prod, SQLite with the demo data, 1 worker)"),
        ("blank app", f"{blank_base} (Reflex 0.10.1 blank template, built the same way)"),
        (
            "Lighthouse",
            f"mobile, simulated throttling {tools.RTT_MS} ms RTT, "
            f"{tools.DOWN_KBPS:g} kbit/s down, {tools.CPU_SLOWDOWN}x CPU; "
            f"{args.runs} run(s) per page, the median by performance shown",
        ),
    ]:
        print(f"{label + ':':<14}{value}", flush=True)

    db_url = f"sqlite:///{workdir / 'bench.db'}"
    env = {**base_env(args.port), "REFLEX_DB_URL": db_url, "FAMILYWORK_PUBLIC_URL": base}
    processes = []
    try:
        prepare_db(env)
        blank_dir, how = make_blank_app(workdir, base_env(args.blank_port))
        print(f"{'blank made by:':<14}{how}", flush=True)
        started = time.perf_counter()
        processes.append(start_app(ROOT, env, args.port, "/signin", workdir / "app.log"))
        print(f"our app built and up in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        processes.append(
            start_app(
                blank_dir, base_env(args.blank_port), args.blank_port, "/", workdir / "blank.log"
            )
        )
        print(f"blank app built and up in {time.perf_counter() - started:.0f} s", flush=True)

        pages = [
            ("sign-in (/signin)", f"{base}/signin", None),
            ("family home (/family)", f"{base}/family", "family@example.org"),
            ("caseload (/caseload)", f"{base}/caseload", "worker@example.org"),
            ("blank Reflex app (/)", f"{blank_base}/", None),
        ]
        rows, guardian_token = [], None
        for n, (label, url, email) in enumerate(pages):
            token = new_session(db_url, email) if email else ""
            if email == "family@example.org":
                guardian_token = token
            runs = []
            for run in range(args.runs):
                out = workdir / f"lighthouse-{n}-{run}.json"
                lhr = tools.run_lighthouse(
                    url, out, args.chrome, f"fw_session={token}" if token else ""
                )
                runs.append({"lhr": lhr, "summary": tools.summary(lhr), "path": out})
                s = runs[-1]["summary"]
                print(
                    f"  {label}: run {run + 1}: performance {score(s['perf'])}, accessibility "
                    f"{score(s['a11y'])}, final URL {s['final_url']}",
                    flush=True,
                )
            rows.append((label, runs))

        repeat = tools.repeat_visit(
            base, "/family", ("fw_session", guardian_token), args.chrome, repeats=args.repeats
        )
        (workdir / "repeat_visit.json").write_text(json.dumps(repeat, indent=1))
    finally:
        for process in processes:
            stop_app(process)

    print_table(rows)
    print(
        "FCP/LCP/TBT/CLS: Lighthouse's simulated phone; KB: total transferred; JS KB: "
        "scripts; req: requests"
    )
    for (label, runs), (_l, url, _e) in zip(rows, pages, strict=True):
        final = tools.median_run(runs)["summary"]["final_url"]
        if final.rstrip("/") != url.rstrip("/"):
            print(f"WARNING: {label} ended at {final}, not {url}")
    for label, runs in rows[:3]:
        tools.print_findings(label, tools.median_run(runs)["lhr"])
    print_repeat(repeat)

    print("\nTargets (issue 5):")
    for label, runs in rows[:2]:
        s = tools.median_run(runs)["summary"]
        verdict(f"{label} performance >= 0.95", (s["perf"] or 0) >= 0.95, score(s["perf"]))
        verdict(f"{label} accessibility 1.00", (s["a11y"] or 0) >= 1.0, score(s["a11y"]))
    first_repeat = repeat["visits"][1]["fcp"] if len(repeat["visits"]) > 1 else None
    verdict(
        "repeat-visit first paint < 1 s",
        first_repeat is not None and first_repeat < 1000,
        f"first repeat {ms(first_repeat)}, median of {args.repeats} repeats "
        f"{ms(repeat['median_repeat_fcp'])}",
    )
    print(
        "\nload average at the end: {:.2f} {:.2f} {:.2f}; reports, logs and database in {}".format(
            *os.getloadavg(), workdir
        )
    )


if __name__ == "__main__":
    main()
