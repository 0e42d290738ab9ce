"""The real deployment's configuration (issue 7): PostgreSQL and Redis servers started on loopback
by the test itself, Reflex's Redis state manager, several backend worker processes.

Two app processes share the database and Redis, as two machines behind a proxy would: the
family's phone talks to the first (two Granian workers), the worker's tablet to the second. A
message sent through the second reaches the phone on the first without a reload, and the answer
goes back.
"""

import re
import subprocess

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import (
    _LAST_STEP,
    PHONE,
    PORT,
    TABLET,
    _stop,
    app_env,
    open_page,
    prepare_database,
    sign_in,
    start_app,
    wait_ready,
)
from tests.pg_server import PgServer, pg_bin_dir
from tests.redis_server import RedisServer, redis_binary

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (pg_bin_dir() and redis_binary()), reason="needs Debian's postgresql and redis-server"
    ),
]
SECOND_PORT = PORT + 1


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
        yield {
            "db_url": env["REFLEX_DB_URL"],
            "redis_url": redis.url,
            "log": log,
            "workdir": workdir,
        }
    finally:
        _stop(process)
        redis.stop()
        pg.stop()


def test_two_backend_worker_processes_listen(app_server):
    out = subprocess.run(
        ["ss", "-tlnpH", f"( sport = :{PORT} )"], capture_output=True, text=True, check=True
    ).stdout
    assert len(set(re.findall(r"pid=(\d+)", out))) >= 2, out


def test_message_through_one_process_reaches_a_browser_on_the_other(
    new_context, browser, app_server
):
    phone = new_context(PHONE)
    sign_in(phone, "family@example.org", home="/family")
    open_page(phone, "/family/messages")
    # The second process builds the frontend again for its own port: the phone's page is
    # already loaded (and only talks to its own process's websocket from now on).
    env = app_env(
        app_server["db_url"],
        port=SECOND_PORT,
        REFLEX_REDIS_URL=app_server["redis_url"],
        GRANIAN_WORKERS="1",
    )
    second = start_app(env, app_server["workdir"] / "second.log", port=SECOND_PORT)
    try:
        context = browser.new_context(
            viewport=TABLET, locale="fi-FI", base_url=f"http://localhost:{SECOND_PORT}"
        )
        tablet = context.new_page()
        sign_in(tablet, "worker@example.org", home="/caseload")
        tablet.get_by_role("link", name="Kemppainen").first.click()
        expect(tablet).to_have_url(re.compile(r"/record/\d+$"))
        wait_ready(tablet)
        body = "Hei, tämä viesti kulki toisen palvelinprosessin kautta."
        tablet.get_by_label("Uusi viesti", exact=True).fill(body)
        tablet.get_by_role("button", name="Lähetä", exact=True).click()
        expect(tablet.get_by_text(body)).to_be_visible()
        # The phone, on the first process, shows it without a reload.
        expect(phone.get_by_text(body)).to_be_visible(timeout=20_000)
        assert axe_violations(phone) == []
        phone.get_by_label("Uusi viesti", exact=True).fill("Kiitos, tuli perille.")
        phone.get_by_role("button", name="Lähetä", exact=True).click()
        expect(tablet.get_by_text("Kiitos, tuli perille.")).to_be_visible(timeout=20_000)
        assert phone.url.startswith(f"http://localhost:{PORT}/")
        assert tablet.url.startswith(f"http://localhost:{SECOND_PORT}/")
        context.close()
    finally:
        _stop(second)
