"""No lost data under faults (issue 7): guardians on several phones send messages and answer a
meeting while the backend is killed with SIGKILL and started again. Every message a sender saw
as sent (shown in their conversation, which only happens after the server committed it) is in
the database afterwards, and the pages reconnect by themselves, without a reload.

SQLite in WAL mode with synchronous=FULL (familywork_app/db.py), one worker: the zero-set-up
deployment.
"""

import os
import signal
import threading
import time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import (
    _LAST_STEP,
    PHONE,
    _stop,
    app_env,
    open_page,
    prepare_database,
    sign_in,
    start_app,
)

pytestmark = pytest.mark.e2e
GUARDIANS = (
    "family@example.org",
    "tiina.huttunen@example.org",
    "petri.korhonen@example.org",
    "minna.seppanen@example.org",
)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """This module's own server, so the test can kill it (a handle in a mutable holder)."""
    workdir = tmp_path_factory.mktemp("faults")
    _LAST_STEP.clear()
    env = app_env(f"sqlite:///{workdir / 'faults.db'}")
    prepare_database(env)
    log = workdir / "app.log"
    holder = {"env": env, "log": log, "process": start_app(env, log)}
    try:
        yield holder
    finally:
        _stop(holder["process"])


def _send(page: Page, body: str, wait: float) -> bool:
    """Send one message; True once it shows in the conversation (the server's acknowledgement)."""
    try:
        box = page.get_by_label("Uusi viesti", exact=True)
        box.fill(body, timeout=wait * 1000)
        page.get_by_role("button", name="Lähetä", exact=True).click(timeout=wait * 1000)
        expect(page.locator(".msg-body").get_by_text(body, exact=True)).to_be_visible(
            timeout=wait * 1000
        )
        return True
    except Exception:  # not acknowledged (the server was down): it does not count as sent
        return False


def _kill_and_restart(server: dict, after: float, done: threading.Event) -> None:
    time.sleep(after)
    os.killpg(server["process"].pid, signal.SIGKILL)
    server["process"].wait()
    server["process"] = start_app(server["env"], server["log"])
    done.set()


def _stored(db_url: str, bodies: list[str]) -> int:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        found = {row[0] for row in connection.execute(text("SELECT body FROM message"))}
    engine.dispose()
    return sum(1 for body in bodies if body in found)


def test_messages_acknowledged_before_and_after_a_kill_9_are_all_stored(app_server, new_context):
    pages = []
    for email in GUARDIANS:
        page = new_context(PHONE)
        sign_in(page, email, home="/family")
        open_page(page, "/family/messages")
        pages.append(page)
    proposed = pages[0]
    open_page(proposed, "/family/meetings")
    proposed.get_by_role("button", name="Aika sopii").first.click()
    expect(proposed.get_by_text("Sovittu", exact=True).first).to_be_visible()
    open_page(proposed, "/family/messages")

    restarted = threading.Event()
    killer = threading.Thread(target=_kill_and_restart, args=(app_server, 4.0, restarted))
    killer.start()
    acknowledged, attempts, rounds_after = [], 0, 0
    deadline = time.monotonic() + 300
    for round_ in range(1, 1000):
        down_or_up = restarted.is_set()
        for number, page in enumerate(pages):
            body = f"Viesti {round_}.{number} kaatumistestistä"
            attempts += 1
            if _send(page, body, wait=15 if down_or_up else 3):
                acknowledged.append(body)
        rounds_after += down_or_up
        if rounds_after >= 2 or time.monotonic() > deadline:
            break
    killer.join()
    # Every page reconnected by itself: one more message from each is acknowledged, no reload.
    for number, page in enumerate(pages):
        body = f"Viesti uudelleenkäynnistyksen jälkeen {number}"
        assert _send(page, body, wait=30), f"page {number} did not reconnect"
        acknowledged.append(body)
    stored = _stored(app_server["env"]["REFLEX_DB_URL"], acknowledged)
    print(
        f"\nkill -9 test: {len(acknowledged)} sent, {stored} stored "
        f"({attempts + len(pages)} attempts, the rest were refused while the server was down)"
    )
    assert stored == len(acknowledged)
    engine = create_engine(app_server["env"]["REFLEX_DB_URL"])
    with engine.connect() as connection:
        agreed = connection.execute(
            text("SELECT count(*) FROM meeting WHERE status = 'agreed' AND agreed_at IS NOT NULL")
        ).one()
    engine.dispose()
    assert agreed[0] >= 2  # the demo's agreed meeting and the one answered before the kill
