"""Web push and e-mail notifications: a real push to a local push endpoint that decrypts to the
content-free text, dead subscriptions deleted, e-mail off by default, the right recipients
(never the actor), and strict checking of a browser's subscription JSON."""

import base64
import json
import os
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02
from sqlmodel import select

from familywork_app.domain import FamilyStatus, Role
from familywork_app.i18n import t
from familywork_app.models import Application, PushSubscription, User
from familywork_app.services import NotAllowed, ServiceError, notifications, push, vapid
from familywork_app.services.applications import accept_application, decline_application
from familywork_app.services.meetings import (
    agree_meeting,
    cancel_meeting,
    move_meeting,
    propose_meeting,
)
from familywork_app.services.messages import send_message
from tests.factories import FamilyWorld, make_application, make_family, make_user

SECRET_TEXT = "Salainen viesti: Ellan asia Pohjolankadulla"


class PushEndpoint(BaseHTTPRequestHandler):
    """A push service on loopback: records each request; the path chooses the answer."""

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.received.append(
            {"path": self.path, "headers": dict(self.headers), "body": body}
        )
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        status = {"/gone": 410, "/missing": 404, "/broken": 500}.get(self.path, 201)
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch, tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), PushEndpoint)
    httpd.received = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("FAMILYWORK_PUSH_HOSTS", "127.0.0.1")
    monkeypatch.setenv("FAMILYWORK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FAMILYWORK_VAPID_PRIVATE_KEY", raising=False)
    monkeypatch.delenv("FAMILYWORK_VAPID_PUBLIC_KEY", raising=False)
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    notifications.wait_for_deliveries()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def mails(monkeypatch):
    sent = []
    monkeypatch.setattr(
        notifications, "send_mail", lambda to, subject, body: sent.append((to, subject, body))
    )
    return sent


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Browser:
    """A browser's push keys: a real P-256 pair and a 16-byte auth secret."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.p256dh = b64(
            self.key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def subscription(self, endpoint: str) -> dict:
        return {
            "endpoint": endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": b64(self.auth)},
        }

    def decrypt(self, body: bytes) -> str:
        return http_ece.decrypt(
            body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"
        ).decode()


def _people(db) -> tuple[dict[str, User], FamilyWorld, FamilyWorld]:
    """The people by name: a family's two guardians ("family", "family2") and its worker,
    another worker, a supervisor and an applicant family's guardian; and the two families."""
    world = make_family(db, guardians=["Laura Virtanen", "Jussi Virtanen"])
    world.family.address, world.children[0].first_name = "Pohjolankatu 12", "Ella"
    db.commit()
    applied = make_family(db, status=FamilyStatus.APPLIED)
    make_application(db, applied, days_ago=3)
    people = {
        "family": world.guardians[0],
        "family2": world.guardians[1],
        "worker": world.worker,
        "worker2": make_user(db, Role.WORKER),
        "supervisor": make_user(db, Role.SUPERVISOR),
        "applicant": applied.guardians[0],
    }
    return people, world, applied


def _subscribe(db, server, user: User, name: str, browser: Browser | None = None) -> Browser:
    """Subscribe one of `user`'s browsers, at the push endpoint path /u/<name>."""
    browser = browser or Browser()
    push.subscribe(db, user, browser.subscription(f"{server.url}/u/{name}"))
    return browser


def _hits(server) -> list[str]:
    notifications.wait_for_deliveries()
    return sorted(r["path"] for r in server.received)


def test_worker_message_reaches_guardian_device_encrypted_and_content_free(db, server):
    user, world, _ = _people(db)
    guardian, worker = user["family"], user["worker"]
    browser = _subscribe(db, server, guardian, "family")
    send_message(db, worker, world.id, SECRET_TEXT)
    notifications.wait_for_deliveries()

    assert len(server.received) == 1
    request = server.received[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert request["path"] == "/u/family"
    assert headers["content-encoding"] == "aes128gcm" and int(headers["ttl"]) > 0
    authorization = headers["authorization"]
    assert authorization.startswith("vapid t=")
    assert f"k={vapid.vapid_keys().public_key}" in authorization
    assert Vapid02.verify(authorization)  # signed by our VAPID key
    claims = json.loads(
        base64.urlsafe_b64decode(authorization.split("t=")[1].split(",")[0].split(".")[1] + "==")
    )
    assert claims["aud"] == server.url and claims["sub"].startswith("mailto:")
    assert SECRET_TEXT.encode() not in request["body"]

    text = browser.decrypt(request["body"])
    assert json.loads(text) == {
        "title": "Perhetyö",
        "url": "/family",
        "body": t(guardian.language, "notify.push_body"),
    }
    for detail in (
        world.family.name,
        "Ella",
        "Pohjolankatu",
        SECRET_TEXT,
        worker.display_name,
        guardian.display_name,
    ):
        assert detail not in text
    row = db.exec(select(PushSubscription)).one()
    db.refresh(row)
    assert row.last_success_at is not None and row.last_failure_at is None


@pytest.mark.parametrize("path, kept", [("/gone", False), ("/missing", False), ("/broken", True)])
def test_gone_subscription_is_deleted_and_a_failing_one_kept(db, server, path, kept):
    world = make_family(db)
    push.subscribe(db, world.guardians[0], Browser().subscription(server.url + path))
    send_message(db, world.worker, world.id, "Hei")
    assert _hits(server) == [path]
    db.expire_all()
    rows = db.exec(select(PushSubscription)).all()
    assert len(rows) == (1 if kept else 0)
    if kept:
        assert rows[0].last_failure_at is not None and rows[0].last_success_at is None


def test_a_slow_or_unreachable_push_service_neither_fails_nor_delays_the_action(db, server):
    world = make_family(db, guardians=2)
    push.subscribe(db, world.guardians[0], Browser().subscription(server.url + "/slow"))
    closed = ThreadingHTTPServer(("127.0.0.1", 0), PushEndpoint)
    closed.server_close()  # nothing listens on this port any more
    push.subscribe(
        db,
        world.guardians[1],
        Browser().subscription(f"http://127.0.0.1:{closed.server_address[1]}/x"),
    )
    started = time.monotonic()
    sent = send_message(db, world.worker, world.id, "Hei")
    assert time.monotonic() - started < 1.0 and sent.body == "Hei"
    assert _hits(server) == ["/slow"]


def test_email_is_off_by_default_and_content_free_when_on(db, server, mails):
    user, world, _ = _people(db)
    worker, guardian = user["worker"], user["family"]
    assert notifications.email_enabled(db, guardian) is False
    send_message(db, worker, world.id, SECRET_TEXT)
    notifications.wait_for_deliveries()
    assert mails == []

    assert notifications.set_email_notifications(db, guardian, True) is True
    with pytest.raises(ServiceError):
        notifications.set_email_notifications(db, guardian, "yes")
    send_message(db, worker, world.id, SECRET_TEXT)
    notifications.wait_for_deliveries()
    assert [to for to, _s, _b in mails] == [guardian.email]  # not family2: still off
    _to, subject, body = mails[0]
    assert subject == t(guardian.language, "notify.mail_subject")
    assert "/family" in body and "/settings" in body
    for detail in (world.family.name, "Pohjolankatu", SECRET_TEXT, worker.display_name):
        assert detail not in subject + body

    notifications.set_email_notifications(db, guardian, False)
    send_message(db, worker, world.id, "Taas")
    notifications.wait_for_deliveries()
    assert len(mails) == 1


def _soon(days: int) -> datetime:
    return datetime.now(ZoneInfo("Europe/Helsinki")).replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + timedelta(days=days)


def test_the_other_side_is_told_and_never_the_actor(db, server, mails):
    user, world, applied = _people(db)
    for name, person in user.items():
        _subscribe(db, server, person, name)
        notifications.set_email_notifications(db, person, True)
    family_id = world.id
    names = {person.email: name for name, person in user.items()}

    def told(action) -> tuple[list[str], list[str]]:
        server.received.clear()
        mails.clear()
        action()
        paths = _hits(server)
        return paths, sorted(names[to] for to, _s, _b in mails)

    guardians = ["/u/family", "/u/family2"]
    # The actor is left out even if a rule ever listed them.
    assert [
        x.email
        for x in notifications._targets(db, [user["family"], user["worker"]], user["worker"].id)
    ] == [user["family"].email]
    assert told(lambda: send_message(db, user["worker"], family_id, "Hei")) == (
        guardians,
        ["family", "family2"],
    )
    assert told(lambda: send_message(db, user["family"], family_id, "Kiitos")) == (
        ["/u/worker"],
        ["worker"],
    )
    assert told(lambda: send_message(db, user["supervisor"], family_id, "Hei")) == (
        guardians,
        ["family", "family2"],
    )
    meeting = {}
    assert told(
        lambda: meeting.update(
            id=propose_meeting(db, user["worker"], family_id, _soon(9), 60, "home", "", "").id
        )
    ) == (guardians, ["family", "family2"])
    assert told(lambda: agree_meeting(db, user["family"], meeting["id"])) == ([], [])
    assert (
        told(lambda: move_meeting(db, user["worker"], meeting["id"], _soon(10), 60))[0] == guardians
    )
    assert told(lambda: cancel_meeting(db, user["family2"], meeting["id"], "Sairaana"))[0] == [
        "/u/worker"
    ]
    application = db.exec(select(Application).where(Application.family_id == applied.id)).one()
    assert told(lambda: decline_application(db, user["supervisor"], application.id, "Ei nyt.")) == (
        ["/u/applicant"],
        ["applicant"],
    )


def test_an_accepted_application_tells_its_guardian(db, server):
    user, _, applied = _people(db)
    _subscribe(db, server, user["applicant"], "applicant")
    _subscribe(db, server, user["supervisor"], "supervisor")
    _subscribe(db, server, user["worker2"], "worker2")
    application = db.exec(select(Application).where(Application.family_id == applied.id)).one()
    accept_application(db, user["supervisor"], application.id, user["worker2"].id)
    assert _hits(server) == ["/u/applicant"]


def test_test_notification_goes_to_own_devices_only(db, server):
    world = make_family(db, guardians=2)
    guardian = world.guardians[0]
    with pytest.raises(ServiceError, match="notify.no_devices"):
        notifications.send_test(db, guardian)
    phone, tablet = Browser(), Browser()
    push.subscribe(db, guardian, phone.subscription(server.url + "/phone"))
    push.subscribe(db, guardian, tablet.subscription(server.url + "/gone"))
    _subscribe(db, server, world.guardians[1], "family2")
    assert notifications.send_test(db, guardian) == notifications.DeliveryCount(sent=1, failed=1)
    assert sorted(r["path"] for r in server.received) == ["/gone", "/phone"]
    body = next(r["body"] for r in server.received if r["path"] == "/phone")
    assert json.loads(phone.decrypt(body))["title"] == "Perhetyö"
    assert push.device_count(db, guardian) == 1  # the gone one was deleted


GOOD = Browser()
P = GOOD.subscription("http://127.0.0.1:9/x")["keys"]["p256dh"]
A = GOOD.subscription("http://127.0.0.1:9/x")["keys"]["auth"]


def _forged(endpoint="http://127.0.0.1:9/x", p256dh=P, auth=A, **extra):
    return {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}, **extra}


FORGED = [
    None,
    "x",
    [],
    {"endpoint": "http://127.0.0.1:9/x"},
    _forged(extra="1"),
    _forged(expirationTime="tomorrow"),
    _forged(expirationTime=True),
    {"endpoint": "http://127.0.0.1:9/x", "keys": {"p256dh": P, "auth": A, "x": "y"}},
    {"endpoint": "http://127.0.0.1:9/x", "keys": [P, A]},
    _forged(endpoint="ftp://127.0.0.1/x"),
    _forged(endpoint="javascript:alert(1)"),
    _forged(endpoint="http://127.0.0.1:9/" + "a" * 490),
    _forged(endpoint="https://evil.example/x"),
    _forged(endpoint="https://fcm.googleapis.com.evil.example/x"),
    _forged(endpoint="http://10.0.0.1/x"),
    _forged(endpoint="http://u:p@127.0.0.1:9/x"),
    _forged(endpoint="http://127.0.0.1:9/x y"),
    _forged(endpoint="http://127.0.0.1:9/x\n"),
    _forged(endpoint="http://127.0.0.1:99999/x"),
    _forged(endpoint=["http://127.0.0.1:9/x"]),
    _forged(endpoint={"$gt": ""}),
    _forged(endpoint=""),
    _forged(p256dh=P[:-2]),
    _forged(p256dh=b64(b"\x04" + os.urandom(64))),
    _forged(p256dh=b64(b"\x05" + base64.urlsafe_b64decode(P + "=")[1:])),
    _forged(p256dh=P.replace("-", "+").replace("_", "/") + "+/"),
    _forged(p256dh=123),
    _forged(auth=b64(os.urandom(15))),
    _forged(auth=b64(os.urandom(17))),
    _forged(auth=None),
    _forged(auth=A + "!"),
    {**_forged(), 1: "x"},  # a key that is not text
    {"endpoint": "http://127.0.0.1:9/x", "keys": {"p256dh": P, "auth": A, 2: "y"}},
]


@pytest.mark.parametrize("index", range(len(FORGED)))
def test_forged_subscription_json_is_refused_and_nothing_stored(db, server, index):
    guardian = make_family(db).guardians[0]
    with pytest.raises(ServiceError, match="error.push_invalid"):
        push.subscribe(db, guardian, FORGED[index])
    assert db.exec(select(PushSubscription)).all() == []


def test_a_valid_subscription_is_kept_once_and_moves_with_the_device(db, server):
    world = make_family(db)
    guardian, other = world.guardians[0], world.worker
    with pytest.raises(NotAllowed):
        push.subscribe(db, None, _forged())
    assert push.valid_subscription(_forged(p256dh=P + "=")) == push.Subscription(
        endpoint="http://127.0.0.1:9/x", p256dh=P.rstrip("="), auth=A.rstrip("=")
    )
    assert push.subscribe(db, guardian, _forged(expirationTime=None)) == 1
    assert push.subscribe(db, guardian, _forged(p256dh=P + "=")) == 1  # same device again
    assert push.is_subscribed(db, guardian, "http://127.0.0.1:9/x")
    push.subscribe(db, other, _forged())  # another user opts in on the same browser
    assert push.device_count(db, guardian) == 0 and push.device_count(db, other) == 1
    assert push.unsubscribe(db, guardian, "http://127.0.0.1:9/x") is False  # not theirs
    assert push.unsubscribe(db, other, "http://127.0.0.1:9/x") is True
    assert push.device_count(db, other) == 0


def test_production_allow_list_takes_real_push_services_only(monkeypatch):
    monkeypatch.delenv("FAMILYWORK_PUSH_HOSTS", raising=False)
    for good in (
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/abc",
        "https://wns2-db5p.notify.windows.com/w/?t=1",
    ):
        assert push.valid_endpoint(good) == good
    for bad in (
        "http://fcm.googleapis.com/fcm/send/abc",
        "http://127.0.0.1:9/x",
        "https://localhost/x",
        "https://notfcm.googleapis.com.example/x",
    ):
        with pytest.raises(ServiceError):
            push.valid_endpoint(bad)


def test_vapid_key_pair_is_generated_once_and_kept_private(monkeypatch, tmp_path):
    monkeypatch.delenv("FAMILYWORK_VAPID_PRIVATE_KEY", raising=False)
    monkeypatch.delenv("FAMILYWORK_VAPID_PUBLIC_KEY", raising=False)
    monkeypatch.setenv("FAMILYWORK_DATA_DIR", str(tmp_path / "keys"))
    first = vapid.vapid_keys().public_key
    key_file = tmp_path / "keys" / vapid.KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    vapid._load.cache_clear()
    assert vapid.vapid_keys().public_key == first and len(vapid.b64url_decode(first)) == 65
    numbers = ec.generate_private_key(ec.SECP256R1()).private_numbers()
    raw = numbers.private_value.to_bytes(32, "big")
    monkeypatch.setenv("FAMILYWORK_VAPID_PRIVATE_KEY", b64(raw))
    assert vapid.vapid_keys().public_key != first  # the environment wins over the file
    monkeypatch.setenv("FAMILYWORK_VAPID_PUBLIC_KEY", first)
    with pytest.raises(RuntimeError):
        vapid.vapid_keys()
