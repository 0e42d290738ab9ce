"""Browser-test fixtures: the real production build on a fresh SQLite database with the demo
data, and Chromium contexts for a guardian's phone and a worker's tablet."""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from familywork_app.services.demo_data import DEMO_PASSWORD
from familywork_app.services.totp import DEMO_SECRET, code_at, current_step
from tests.processes import stop_process_group as _stop

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("E2E_PORT", "3111"))
BASE = f"http://localhost:{PORT}"
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
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


def _wait_until_up(
    process: subprocess.Popen, log: Path, timeout: float = 600, base: str = BASE
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the app exited:\n" + log.read_text()[-4000:])
        try:
            with urllib.request.urlopen(f"{base}/signin", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError("the app did not start:\n" + log.read_text()[-4000:])


def app_env(db_url: str, port: int = PORT, **extra: str) -> dict:
    """The environment of a production app on `port` with `db_url`."""
    base = f"http://localhost:{port}"
    bun_dir = ROOT / ".tools" / "node_modules" / ".bin"
    return {
        **os.environ,
        "PATH": f"{bun_dir}:{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_DB_URL": db_url,
        "FAMILYWORK_PUBLIC_URL": base,
        "REFLEX_CORS_ALLOWED_ORIGINS": f"{base},http://127.0.0.1:{port}",
        **extra,
    }


def prepare_database(env: dict) -> None:
    """Run the migrations and load the demo data into the environment's database."""
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "alembic"), "upgrade", "head"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "-m", "familywork_app.services.demo_data"], cwd=ROOT, env=env, check=True
    )


def start_app(env: dict, log: Path, port: int = PORT) -> subprocess.Popen:
    """`reflex run --env prod` on `port` (builds the frontend), once it answers."""
    bin_dir = Path(sys.executable).parent
    with open(log, "a") as out:
        process = subprocess.Popen(
            [
                str(bin_dir / "reflex"),
                "run",
                "--env",
                "prod",
                "--single-port",
                "--backend-port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_up(process, log, base=f"http://localhost:{port}")
    except RuntimeError:
        _stop(process)
        raise
    return process


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """Migrate a fresh database, load the demo data, serve the production build.

    One server per test module, so each module starts from the same demo data."""
    workdir = tmp_path_factory.mktemp("e2e")
    _LAST_STEP.clear()  # a fresh database: no code of the demo staff has been used yet
    env = app_env(f"sqlite:///{workdir / 'e2e.db'}")
    prepare_database(env)
    log = workdir / "app.log"
    process = start_app(env, log)
    try:
        yield {"base": BASE, "db_url": env["REFLEX_DB_URL"], "log": log}
    finally:
        _stop(process)


def serve_with_test_idp(tmp_path_factory, name: str):
    """For a module's own `app_server`: the production build with the test identity provider
    mounted (as `scripts/run.sh` runs the demo), on a fresh database with the demo data."""
    workdir = tmp_path_factory.mktemp(name)
    _LAST_STEP.clear()
    env = app_env(
        f"sqlite:///{workdir / 'e2e.db'}",
        FAMILYWORK_TEST_IDP="1",
        FAMILYWORK_BASE_URL=BASE,
        FAMILYWORK_DATA_DIR=str(workdir / "data"),
    )
    prepare_database(env)
    log = workdir / "app.log"
    process = start_app(env, log, PORT)
    try:
        yield {"base": BASE, "db_url": env["REFLEX_DB_URL"], "log": log}
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def world(app_server):
    """The demo data as the forged-event tests see it: who may see which family, and which
    strings would betray a family (tests/e2e/forge_world.py)."""
    from tests.e2e.forge_world import load_world

    return load_world(app_server["db_url"])


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        options = {"args": CHROMIUM_ARGS}
        if Path("/usr/bin/chromium").exists():
            options["executable_path"] = "/usr/bin/chromium"
        chromium = playwright.chromium.launch(**options)
        yield chromium
        chromium.close()


def _context(browser, viewport, locale="fi-FI", **extra):
    return browser.new_context(
        viewport=viewport, locale=locale, base_url=BASE, has_touch=viewport is PHONE, **extra
    )


@pytest.fixture
def phone(browser, app_server):
    context = _context(browser, PHONE, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def tablet(browser, app_server):
    context = _context(browser, TABLET)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_context(browser, app_server):
    """Make extra contexts (a second person, another language); closed after the test."""
    made = []

    def make(viewport=PHONE, locale="fi-FI"):
        context = _context(browser, viewport, locale)
        made.append(context)
        return context.new_page()

    yield make
    for context in made:
        context.close()


def wait_ready(page: Page) -> None:
    """Wait until the page's server-side on_load has run (the websocket is live)."""
    page.wait_for_selector("[data-ready='true']", timeout=30_000)


def open_page(page: Page, path: str) -> None:
    page.goto(path)
    wait_ready(page)


# The demo staff accounts sign in with a second factor made from the demo TOTP secret.
DEMO_STAFF = ("supervisor@example.org", "worker@example.org", "worker2@example.org")
_LAST_STEP: dict[str, int] = {}


def totp_code(email: str, secret: str = DEMO_SECRET) -> str:
    """A code the app has not accepted for `email` yet (each code works once): this 30-second
    step's, else the next step's (the app allows one step of drift), else wait for a new step."""
    while True:
        now = current_step()
        step = max(now, _LAST_STEP.get(email, now - 1) + 1)
        if step <= now + 1:
            _LAST_STEP[email] = step
            return code_at(secret, step)
        time.sleep(0.5)


def enter_code(page: Page, code: str) -> None:
    """The second step of a staff sign-in: the code from the authenticator app."""
    field = page.get_by_label("Vahvistuskoodi")
    expect(field).to_be_visible(timeout=20_000)
    field.fill(code)
    page.get_by_role("button", name="Vahvista", exact=True).click()


def sign_in(
    page: Page,
    email: str,
    password: str = DEMO_PASSWORD,
    home: str | None = None,
    second_factor: bool = True,
) -> None:
    """Sign in through the form, as a person would (labels in Finnish); demo staff then give
    the current code of the demo secret (unless `second_factor` is False)."""
    open_page(page, "/signin")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    if second_factor and email in DEMO_STAFF and password == DEMO_PASSWORD:
        enter_code(page, totp_code(email))
    if home:
        expect(page).to_have_url(re.compile(rf"{home}/?$"), timeout=20_000)
        wait_ready(page)
