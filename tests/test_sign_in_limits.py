"""Sign-in delays an attacker cannot turn against everyone at the same address (issue 14):
per account as before, per address only against many distinct accounts, waiting attempts
not counted. The clock is `sign_in_limits.utcnow`, moved by the tests."""

import importlib
import sys
from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from familywork_app.models import SignInAttempt, utcnow
from familywork_app.services import auth, sign_in_limits
from familywork_app.services.demo_data import DEMO_PASSWORD
from familywork_app.services.sign_in_limits import (
    ACCOUNT_FREE_FAILURES,
    ADDRESS_FREE_ACCOUNTS,
    ADDRESS_MAX_WAIT_SECONDS,
)
from tests.conftest import ROOT

OFFICE = "198.51.100.20"  # one address shared by everyone at a county office (or a CGNAT)
WRONG = "wrong password!!"


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now: datetime = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr(sign_in_limits, "utcnow", frozen)
    return frozen


def _attempts(db) -> int:
    return db.exec(select(func.count()).select_from(SignInAttempt)).one()


def test_a_hundred_wrong_passwords_for_one_account_do_not_stop_another_account(demo_db, clock):
    tries = [auth.authenticate(demo_db, "family2@example.org", WRONG, OFFICE) for _ in range(100)]
    assert all(t.user is None for t in tries)
    assert [t.wait_seconds > 0 for t in tries] == [False] * ACCOUNT_FREE_FAILURES + [True] * (
        100 - ACCOUNT_FREE_FAILURES
    )
    # The other guardian at the same address signs in at once.
    other = auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, OFFICE)
    assert other.wait_seconds == 0 and other.user is not None
    assert other.user.email == "family@example.org"


def test_the_attacked_accounts_right_password_works_once_its_own_wait_has_passed(demo_db, clock):
    for _ in range(100):
        auth.authenticate(demo_db, "family2@example.org", WRONG, OFFICE)
    # Right away, even the right password waits (no oracle): the wait of 10 checked failures,
    # not of 100 (the 90 refused attempts were not checked and do not count).
    waiting = auth.authenticate(demo_db, "family2@example.org", DEMO_PASSWORD, OFFICE)
    assert waiting.user is None and waiting.wait_seconds == 1
    clock.advance(waiting.wait_seconds)
    right = auth.authenticate(demo_db, "family2@example.org", DEMO_PASSWORD, OFFICE)
    assert right.wait_seconds == 0 and right.user is not None


def test_waiting_attempts_neither_extend_the_wait_nor_count_as_failures(demo_db, clock):
    checked = 0
    while checked < ACCOUNT_FREE_FAILURES + 2:  # 12 checked failures: the wait is now 4 s
        result = auth.authenticate(demo_db, "family2@example.org", WRONG, OFFICE)
        checked += result.wait_seconds == 0
        clock.advance(result.wait_seconds)
    rows = _attempts(demo_db)
    clock.advance(1)
    for _ in range(50):  # hammering while waiting: refused unchecked, nothing recorded
        assert auth.authenticate(demo_db, "family2@example.org", WRONG, OFFICE).wait_seconds == 3
    assert _attempts(demo_db) == rows
    clock.advance(3)
    assert auth.authenticate(demo_db, "family2@example.org", DEMO_PASSWORD, OFFICE).user


def test_three_wrong_passwords_each_for_a_hundred_accounts_are_slowed(demo_db, clock):
    tries = [
        (n, auth.authenticate(demo_db, f"person{n}@example.net", WRONG, OFFICE))
        for n in range(100)
        for _ in range(3)
    ]
    checked = [n for n, t in tries if t.wait_seconds == 0]
    # Failures for the first 20 accounts are checked; from then on the address waits.
    assert len(checked) == (ADDRESS_FREE_ACCOUNTS - 1) * 3 + 1
    assert all(t.wait_seconds > 0 for n, t in tries if n >= ADDRESS_FREE_ACCOUNTS)
    assert _attempts(demo_db) == len(checked)
    # While the address sprays, its people's right passwords pass after a short delay...
    waiting = auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, OFFICE)
    assert waiting.user is None and 0 < waiting.wait_seconds <= ADDRESS_MAX_WAIT_SECONDS
    # ...and the same account from another address is not slowed at all.
    assert auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, "203.0.113.5").user
    clock.advance(waiting.wait_seconds)
    assert auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, OFFICE).user


def test_a_spray_that_obeys_every_wait_gets_about_two_guesses_a_minute(demo_db, clock):
    end, guesses = clock.now + timedelta(hours=1), 0
    while clock.now < end and guesses <= 1000:  # one guess for each account, waiting as told
        result = auth.authenticate(demo_db, f"p{guesses}@example.net", WRONG, OFFICE)
        guesses += result.wait_seconds == 0
        clock.advance(result.wait_seconds or 0.025)  # a checked guess costs one argon2 run
    # Unhindered, that hour would hold 144,000 guesses; the address limit allows 20 each time
    # its 15-minute window empties, and otherwise one a minute.
    assert guesses <= 2 * 60
    # An honest office never gets there: 19 people who each mistype 3 times are not slowed.
    for n in range(ADDRESS_FREE_ACCOUNTS - 1):
        assert all(
            auth.authenticate(demo_db, f"staff{n}@example.org", WRONG, "192.0.2.9").wait_seconds
            == 0
            for _ in range(3)
        )


def _rxconfig(monkeypatch, hops: str | None):
    """rxconfig.py's Reflex config, loaded the way `reflex run` loads it, under `hops`."""
    if hops is None:
        monkeypatch.delenv("REFLEX_TRUSTED_PROXY_HOPS", raising=False)
    else:
        monkeypatch.setenv("REFLEX_TRUSTED_PROXY_HOPS", hops)
    monkeypatch.syspath_prepend(str(ROOT))
    sys.modules.pop("rxconfig", None)
    return importlib.import_module("rxconfig").config


@pytest.mark.parametrize(
    ("hops", "forwarded", "seen"),
    [
        (None, "203.0.113.7", "10.0.0.2"),  # no setting: the proxy's address, header ignored
        ("1", "203.0.113.7", "203.0.113.7"),  # nginx's entry for the browser's address
        ("1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # what a browser forged is not believed
    ],
)
def test_x_forwarded_for_counts_only_behind_the_configured_proxies(
    monkeypatch, hops, forwarded, seen
):
    from reflex import app as reflex_app
    from reflex import constants

    config = _rxconfig(monkeypatch, hops)
    assert config.trusted_proxy_hops == (int(hops) if hops else 0)
    monkeypatch.setattr(reflex_app, "get_config", lambda: config)
    environ = {
        "asgi.scope": {
            "client": ("10.0.0.2", 51000),  # nginx
            "headers": [(b"x-forwarded-for", forwarded.encode())],
        }
    }
    # The function Reflex itself uses to fill router.session.client_ip for a websocket.
    router_data = reflex_app.EventNamespace._build_static_router_data(
        reflex_app.EventNamespace.__new__(reflex_app.EventNamespace), "sid", environ
    )
    assert router_data[constants.RouteVar.CLIENT_IP] == seen


@pytest.mark.parametrize(
    ("hops", "forwarded", "seen"),
    [
        (None, "203.0.113.7", "10.0.0.2"),
        ("1", "203.0.113.7", "203.0.113.7"),
        ("1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        ("1", "", "10.0.0.2"),  # no header although a proxy is configured: the peer
    ],
)
def test_the_plain_http_routes_read_the_address_like_the_websocket(
    monkeypatch, hops, forwarded, seen
):
    """The cookie hand-over, exports and calendar files log the same address as the events."""
    from starlette.requests import Request

    from familywork_app import web_routes

    config = _rxconfig(monkeypatch, hops)
    monkeypatch.setattr(web_routes, "get_config", lambda: config)
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    request = Request({"type": "http", "client": ("10.0.0.2", 51000), "headers": headers})
    assert web_routes.client_ip(request) == seen
