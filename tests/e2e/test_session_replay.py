"""Over a real websocket against the production build: a handshake from a foreign Origin is
refused; a session cookie replayed after sign-out, idle timeout or deactivation is refused; and the
same tab (Reflex client token) reconnecting after its session ended gets none of its stored page
state (it is reset by familywork_app.state.session_binding before hydration).
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import socketio
from sqlalchemy import text as sql_text
from sqlmodel import Session, select

from familywork_app import config
from familywork_app.models import User
from familywork_app.services import auth
from tests.e2e.forge import APP_STATE, ForgeClient, as_text, redirects, role_seen
from tests.e2e.forge_world import (
    EVIL_ORIGINS,
    LeakFinder,
    World,
    make_session,
    session_alive,
    session_row,
)

pytestmark = pytest.mark.e2e


# --------------------------------------------------------------------------------------------
# 1. Foreign Origin
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_handshake_from_a_foreign_origin_is_refused(app_server, transport):
    for origin in EVIL_ORIGINS:
        client = ForgeClient(app_server["base"], origin=origin, path="/")
        with pytest.raises(socketio.exceptions.ConnectionError):
            client.connect(transport=transport)
        client.close()
    if transport == "websocket":  # the app's own origin still connects (Reflex only serves
        allowed = ForgeClient(app_server["base"], path="/")  # the websocket transport)
        assert allowed.connect() and allowed.connected, "the app's own origin must connect"
        allowed.close()


# --------------------------------------------------------------------------------------------
# 2. Replayed sessions
# --------------------------------------------------------------------------------------------

GUARDIAN_HOME, WORKER_HOME = "/family", "/caseload"
HOME_STATE = {
    GUARDIAN_HOME: f"{APP_STATE}.familywork_app___state___family_home____family_home_state.load",
    WORKER_HOME: f"{APP_STATE}.familywork_app___state___caseload____caseload_state.load",
}
REPLAYS = {  # how the session ended -> (whose session, their home page)
    "signed_out": ("family@example.org", GUARDIAN_HOME),
    "idle": ("worker@example.org", WORKER_HOME),
    "deactivated": ("family2@example.org", GUARDIAN_HOME),
}


def _count(world: World, table: str) -> int:
    with world.engine.connect() as conn:
        return conn.execute(sql_text(f"SELECT count(*) FROM {table}")).scalar_one()


def _end(world: World, how: str, email: str, token: str) -> None:
    with Session(world.engine, expire_on_commit=False) as db:
        if how == "signed_out":
            auth.end_session(db, token)
        elif how == "idle":
            row = session_row(db, token)
            back = timedelta(minutes=config.STAFF_IDLE_MINUTES + 1)
            row.last_seen_at, row.created_at = row.last_seen_at - back, row.created_at - back
            db.add(row)
            db.commit()
        elif how == "deactivated":
            user = db.exec(select(User).where(User.email == email)).one()
            user.is_active = False
            db.add(user)
            db.commit()


def _restore(world: World, how: str, email: str) -> None:
    if how == "deactivated":
        with Session(world.engine) as db:
            user = db.exec(select(User).where(User.email == email)).one()
            user.is_active = True
            db.add(user)
            db.commit()


def _visible_strings(world: World, email: str) -> LeakFinder:
    """A finder for the strings of the families this user could see before the session ended."""
    return LeakFinder(world, None, only=world.own_families(email))


def _signed_in_tab(app_server, world, email, home) -> tuple[str, ForgeClient, LeakFinder]:
    token = make_session(world.engine, email)
    tab = ForgeClient(app_server["base"], token, path=home)
    before = tab.connect()
    finder = _visible_strings(world, email)
    assert role_seen(before) == world.roles[world.users[email]], "the session must work first"
    assert finder.find(before), "the page must show the family's data before the session ends"
    return token, tab, finder


@pytest.mark.parametrize("how", sorted(REPLAYS))
def test_a_session_cookie_replayed_after_it_ended_is_refused(app_server, world, how):
    email, home = REPLAYS[how]
    token, tab, finder = _signed_in_tab(app_server, world, email, home)
    tab.close()
    _end(world, how, email, token)
    try:
        replay = ForgeClient(app_server["base"], token, path=home)  # a new tab, the old cookie
        updates = replay.connect()
        updates += replay.call(HOME_STATE[home])
        messages_before = _count(world, "message")
        fid = next(iter(world.own_families(email)))
        updates += replay.call(
            f"{APP_STATE}.familywork_app___state___family_messages____family_messages_state.send",
            {"form_data": {"body": "replay"}},
        )
        updates += replay.call(
            f"{APP_STATE}.familywork_app___state___worker_family____worker_family_state.load",
            path=f"/record/{fid}",
            query={"fid": str(fid)},
        )
        replay.close()
        messages_after = _count(world, "message")
        assert "/signin" in redirects(updates), f"no redirect to sign-in: {redirects(updates)}"
        assert role_seen(updates) in (None, ""), "the replayed session was taken as signed in"
        assert finder.find(updates) == [], "family data in the replies to a replayed session"
        assert token not in as_text(updates)
        assert messages_after == messages_before, "a replayed session sent a message"
        with Session(world.engine) as db:
            row = session_row(db, token)
            if how != "deactivated":
                assert row.ended_at is not None, "the ended session must stay ended"
    finally:
        _restore(world, how, email)


def reopen_tab(app_server, cookie: str | None, path: str, client_token: str) -> list[dict]:
    """Reconnect as the same browser tab (same Reflex client token), as a tab does after its
    socket dropped. While the server still links the token to the closed socket it hands out a
    new one instead (duplicate-tab guard): wait for the old link to go and try again."""
    for _ in range(20):
        tab = ForgeClient(app_server["base"], cookie, path=path, client_token=client_token)
        updates = tab.connect()
        tab.close()
        if tab.client_token == client_token:
            return updates
        time.sleep(0.5)
    raise AssertionError("the server never let the tab's client token be used again")


def test_the_sign_out_handler_leaves_nothing_for_the_same_tab(app_server, world):
    """Sign-out through the app clears the tab's server-side state: a reconnect of that tab (same
    Reflex client token) gets no family data, with or without the old cookie."""
    email, home = "family@example.org", GUARDIAN_HOME
    token, tab, finder = _signed_in_tab(app_server, world, email, home)
    tab.call(f"{APP_STATE}.sign_out")
    client_token = tab.client_token
    tab.close()
    assert not session_alive(world.engine, token)
    for cookie in (token, None):
        updates = reopen_tab(app_server, cookie, home, client_token)
        assert finder.find(updates) == [], "family data after sign-out"
        assert "/signin" in redirects(updates)


@pytest.mark.parametrize("how", sorted(REPLAYS) + ["other_user"])
def test_the_same_tab_replayed_after_the_session_ended_gets_no_family_data(app_server, world, how):
    if how == "other_user":  # the victim's tab went away; another family's guardian connects
        email, home = "family@example.org", "/family/messages"
    else:
        email, home = REPLAYS[how]
    token, tab, finder = _signed_in_tab(app_server, world, email, home)
    client_token = tab.client_token
    tab.close()
    if how == "other_user":
        cookie = make_session(world.engine, "applicant@example.org")
    else:
        _end(world, how, email, token)
        cookie = token
    try:
        updates = reopen_tab(app_server, cookie, home, client_token)
        assert finder.find(updates) == [], (
            f"{how}: the stored page state came back: {finder.find(updates)[:5]}"
        )
    finally:
        _restore(world, how, email)
