"""The real deployment's configuration (issue 7): PostgreSQL and Redis servers started on loopback
by the test itself, Reflex's Redis state manager and two backend worker processes (Granian).

A message a worker sends through one backend worker reaches the family's phone whose websocket
is held by the other worker, without a reload; both sides keep working.
"""

import re
import subprocess
import time

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import (BASE, CHROMIUM_ARGS, PHONE, PORT, TABLET, _LAST_STEP, _stop, app_env, open_page,
                                prepare_database, sign_in, start_app, wait_ready)
from tests.pg_server import PgServer, pg_bin_dir
from tests.redis_server import RedisServer, redis_binary

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not (pg_bin_dir() and redis_binary()), reason="needs Debian's postgresql and redis-server")]


@pytest.fixture(scope="module")
def lna_browser(browser):
    """A second Chromium that lets a page whose HTTP came from Playwright (see `_context`) open
    its websocket to localhost (Local Network Access checks off)."""
    options = {"args": [*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]}
    if Path("/usr/bin/chromium").exists():
        options["executable_path"] = "/usr/bin/chromium"
    chromium = browser.browser_type.launch(**options)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The production app on PostgreSQL + Redis with two backend workers (this module only)."""
    workdir = tmp_path_factory.mktemp("prod")
    _LAST_STEP.clear()
    pg, redis = PgServer(pg_bin_dir()).start(), RedisServer().start()
    admin = create_engine(pg.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE familywork"))
    admin.dispose()
    env = app_env(pg.url("familywork"), REFLEX_REDIS_URL=redis.url, GRANIAN_WORKERS="2")
    prepare_database(env)
    log = workdir / "app.log"
    process = start_app(env, log)
    try:
        yield {"db_url": env["REFLEX_DB_URL"], "log": log, "process": process}
    finally:
        _stop(process)
        redis.stop()
        pg.stop()


def _ss(*filters: str) -> list[str]:
    return subprocess.run(["ss", "-tnpH", "state", "established", *filters], capture_output=True,
                          text=True, check=True).stdout.splitlines()


def _browser_sockets() -> dict[int, int]:
    """The browser's connections to the app: its local port -> pid of the backend worker
    holding the other end. Pages of `_context` load over HTTP outside the browser, so these
    are the websockets only."""
    workers = {}
    for line in _ss(f"( sport = :{PORT} )"):
        peer, pid = re.search(r"\s\S+:(\d+)\s+users:", line), re.search(r"pid=(\d+)", line)
        if peer and pid:
            workers[int(peer.group(1))] = int(pid.group(1))
    browser_ports = [int(m.group(1)) for line in _ss(f"( dport = :{PORT} )") if "chrom" in line
                     for m in [re.search(r"^\S+\s+\S+\s+\S+:(\d+)\s", line)] if m]
    return {port: workers[port] for port in browser_ports if port in workers}


def _open(browser, viewport, email: str, home: str, path: str = "") -> tuple[Page, set[int]]:
    """Sign in on a new page; returns it and the backend workers holding its websockets."""
    before = _browser_sockets()
    page = _context(browser, viewport)
    sign_in(page, email, home=home)
    if path:
        open_page(page, path)
    time.sleep(2)  # sockets of pages left behind close
    return page, {pid for port, pid in _browser_sockets().items() if port not in before}


def _context(browser, viewport) -> Page:
    """A page whose HTTP requests are made outside the browser (Playwright fetches them), so
    the browser's only connection to the app is its websocket; service workers blocked."""
    context = browser.new_context(viewport=viewport, locale="fi-FI", base_url=BASE,
                                  service_workers="block")
    context.route("**/*", lambda route: route.fulfill(response=route.fetch()))
    return context.new_page()


def test_two_backend_worker_processes_listen(app_server):
    out = subprocess.run(["ss", "-tlnpH", f"( sport = :{PORT} )"], capture_output=True, text=True,
                         check=True).stdout
    assert len(set(re.findall(r"pid=(\d+)", out))) >= 2, out


def test_message_through_one_worker_reaches_a_browser_on_the_other(lna_browser, app_server):
    browser = lna_browser
    for _ in range(8):  # a phone whose websocket is held by one worker
        phone, phone_workers = _open(browser, PHONE, "family@example.org", "/family",
                                     "/family/messages")
        if len(phone_workers) == 1:
            break
        phone.context.close()
    for attempt in range(8):  # a tablet held by the other worker
        tablet, tablet_workers = _open(browser, TABLET, "worker@example.org", "/caseload")
        if tablet_workers and tablet_workers.isdisjoint(phone_workers):
            break
        tablet.context.close()
    else:
        pytest.fail(f"every tablet connection landed on the phone's worker {phone_workers}")
    tablet.get_by_role("link", name="Kemppainen").first.click()
    expect(tablet).to_have_url(re.compile(r"/record/\d+$"))
    wait_ready(tablet)
    body = f"Hei, tämä kulki toisen työprosessin kautta ({attempt})."
    tablet.get_by_label("Uusi viesti", exact=True).fill(body)
    tablet.get_by_role("button", name="Lähetä", exact=True).click()
    expect(tablet.get_by_text(body)).to_be_visible()
    # The phone (on the other worker) shows it without a reload.
    expect(phone.get_by_text(body)).to_be_visible(timeout=20_000)
    assert axe_violations(phone) == []
    # And the guardian's answer goes the other way.
    phone.get_by_label("Uusi viesti", exact=True).fill("Kiitos, tuli perille.")
    phone.get_by_role("button", name="Lähetä", exact=True).click()
    expect(tablet.get_by_text("Kiitos, tuli perille.")).to_be_visible(timeout=20_000)
    assert _browser_sockets()  # both websockets still up
    for page in (phone, tablet):
        page.context.close()
