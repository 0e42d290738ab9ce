"""Meeting reminders to guardians with a frozen clock: exactly one push, one e-mail and one SMS
(to a gateway on loopback that checks the request format) the evening before an agreed meeting;
none for a cancelled or moved one; none twice after a restart or with two workers on PostgreSQL.
The text names no family, topic or place, in the guardian's language."""

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from familywork_app import periodic, reminder_task
from familywork_app.domain import (
    Language,
    MeetingPlace,
    MeetingReminderKind,
    MeetingReminderStatus,
    MeetingStatus,
)
from familywork_app.models import Meeting, MeetingReminder
from familywork_app.services import (
    NotAllowed,
    ServiceError,
    meeting_reminders,
    push,
    reminder_delivery,
)
from familywork_app.services.meeting_reminders import claim_due, due_at, plan_reminders
from familywork_app.services.reminder_delivery import reminder_text, send_meeting_reminders
from familywork_app.services.reminder_settings import reminder_choices, set_reminder_choices
from familywork_app.services.sms_gateway import normalise_phone
from tests import test_notifications
from tests.factories import make_family
from tests.test_notifications import Browser

server = test_notifications.server  # the push service on loopback
HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = date(2027, 3, 10)  # a Wednesday
SMS_KEY = "test-gateway-key"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


START = at(DAY, 10)
EVE = DAY - timedelta(days=1)


class SmsGateway(BaseHTTPRequestHandler):
    """An SMS gateway on loopback speaking the README's format; a bad request gets a 400."""

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        problems = []
        if self.path != "/send":
            problems.append("path")
        if self.headers.get("authorization") != f"Bearer {SMS_KEY}":
            problems.append("key")
        if not self.headers.get("content-type", "").startswith("application/json"):
            problems.append("content-type")
        message = json.loads(body)
        if set(message) != {"to", "text", "sender", "reference"}:
            problems.append("fields")
        self.server.received.append(message)
        self.server.problems.extend(problems)
        self.send_response(400 if problems or self.server.refuse else 202)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sms(monkeypatch):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SmsGateway)
    httpd.received, httpd.problems, httpd.refuse = [], [], False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("FAMILYWORK_SMS_URL", f"http://127.0.0.1:{httpd.server_address[1]}/send")
    monkeypatch.setenv("FAMILYWORK_SMS_KEY", SMS_KEY)
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def mails(monkeypatch):
    sent = []
    monkeypatch.setattr(reminder_delivery, "send_mail", lambda to, s, b: sent.append((to, s, b)))
    return sent


def _world(db, server, language=Language.FI, **choices):
    """A family with one guardian (a phone, a push device, the chosen channels) and an agreed
    remote meeting at START."""
    world = make_family(db, name="Salainen Perhe")
    guardian = world.guardians[0]
    guardian.phone, guardian.language = "040 123 4567", language
    db.add(guardian)
    meeting = Meeting(
        family_id=world.id,
        worker_id=world.worker.id,
        status=MeetingStatus.AGREED,
        starts_at=START,
        ends_at=START + timedelta(hours=1),
        place=MeetingPlace.HOME,
        place_detail="Pohjolankatu 12",
        topic="Ellan koulu",
    )
    db.add(meeting)
    db.commit()
    browser = Browser()
    push.subscribe(db, guardian, browser.subscription(f"{server.url}/g{guardian.id}"))
    wanted = {"push": True, "email": True, "sms": True, "two_hours": False, **choices}
    set_reminder_choices(db, guardian, **wanted)
    return world, guardian, meeting, browser


def _counts(server, mails, sms) -> tuple[int, int, int]:
    return len(server.received), len(mails), len(sms.received)


def test_one_push_one_email_one_sms_the_evening_before_and_never_twice(db, server, mails, sms):
    world, guardian, _, browser = _world(db, server)
    assert send_meeting_reminders(db, at(EVE, 17, 55)) == []
    assert _counts(server, mails, sms) == (0, 0, 0)

    sent = send_meeting_reminders(db, at(EVE, 18, 0))
    assert [(s.user_id, s.channels) for s in sent] == [(guardian.id, ("push", "email", "sms"))]
    assert _counts(server, mails, sms) == (1, 1, 1)
    text = "Muistutus: sinulla on perhetyön tapaaminen huomenna klo 10:00."
    assert reminder_text("fi", START, at(EVE, 18)) == text
    notice = json.loads(browser.decrypt(server.received[0]["body"]))
    assert notice == {"title": "Perhetyö", "body": text, "url": "/family/meetings"}
    to, subject, body = mails[0]
    assert to == guardian.email and text in body and "/settings" in body
    assert sms.problems == []
    assert sms.received[0]["to"] == "+358401234567" and sms.received[0]["text"] == text
    everything = json.dumps(notice, ensure_ascii=False) + subject + body + json.dumps(sms.received)
    for secret in ("Salainen", "Pohjolankatu", "Ellan", world.worker.display_name):
        assert secret not in everything

    for moment in (at(EVE, 18, 5), at(EVE, 23, 55), at(DAY, 7)):
        assert send_meeting_reminders(db, moment) == []
    with Session(db.get_bind(), expire_on_commit=False) as restarted:  # a new process
        assert send_meeting_reminders(restarted, at(EVE, 18, 10)) == []
    assert _counts(server, mails, sms) == (1, 1, 1)
    rows = db.exec(select(MeetingReminder.kind, MeetingReminder.status)).all()
    assert rows == [(MeetingReminderKind.EVENING, MeetingReminderStatus.SENT)]


def test_a_cancelled_meeting_gets_no_reminder_even_when_planned(db, server, mails, sms):
    _, _, meeting, _ = _world(db, server)
    assert plan_reminders(db, at(EVE, 12)) == 1
    meeting.status = MeetingStatus.CANCELLED
    db.add(meeting)
    db.commit()
    assert send_meeting_reminders(db, at(EVE, 18)) == []
    assert _counts(server, mails, sms) == (0, 0, 0)
    assert db.exec(select(MeetingReminder.status)).all() == [MeetingReminderStatus.DROPPED]


def test_a_moved_meeting_is_reminded_at_its_new_time_only(db, server, mails, sms):
    _, _, meeting, browser = _world(db, server, sms=False)
    plan_reminders(db, at(EVE, 12))
    new_start = START + timedelta(days=1)
    meeting.starts_at, meeting.ends_at = new_start, new_start + timedelta(hours=1)
    db.add(meeting)
    db.commit()
    assert send_meeting_reminders(db, at(EVE, 18)) == []  # the old evening: nothing stale
    assert _counts(server, mails, sms) == (0, 0, 0)
    sent = send_meeting_reminders(db, at(DAY, 18))
    assert len(sent) == 1 and _counts(server, mails, sms) == (1, 1, 0)
    assert "huomenna klo 10:00" in json.loads(browser.decrypt(server.received[0]["body"]))["body"]
    statuses = sorted(db.exec(select(MeetingReminder.status)).all())
    assert statuses == [MeetingReminderStatus.DROPPED, MeetingReminderStatus.SENT]


def test_two_hours_before_when_chosen_in_swedish(db, server, mails, sms):
    _, guardian, _, browser = _world(db, server, language=Language.SV, two_hours=True)
    assert len(send_meeting_reminders(db, at(EVE, 18))) == 1
    assert send_meeting_reminders(db, at(DAY, 7, 59)) == []
    sent = send_meeting_reminders(db, at(DAY, 8))
    assert [s.user_id for s in sent] == [guardian.id]
    body = json.loads(browser.decrypt(server.received[1]["body"]))["body"]
    assert body == "Påminnelse: du har ett möte inom familjearbetet i dag kl. 10:00."
    assert sms.received[1]["text"] == body and _counts(server, mails, sms) == (2, 2, 2)


def test_push_only_by_default_and_nothing_after_the_moment_passed(db, server, mails, sms):
    world, guardian, _, _ = _world(db, server)
    set_reminder_choices(db, guardian, push=True, email=False, sms=False, two_hours=False)
    assert send_meeting_reminders(db, at(DAY, 9)) == []  # the evening has gone: not planned
    sent = send_meeting_reminders(db, at(EVE, 20))  # agreed late: still the evening before
    assert [s.channels for s in sent] == [("push",)] and _counts(server, mails, sms) == (1, 0, 0)
    assert reminder_choices(db, world.guardians[0]).push is True


def test_a_second_planner_of_the_same_reminder_adds_nothing(db, server, sms):
    _, guardian, meeting, _ = _world(db, server)
    key = (meeting.id, guardian.id, MeetingReminderKind.EVENING, meeting.starts_at)
    assert meeting_reminders._plan_one(db, key, at(EVE, 12)) == 1
    db.commit()
    assert meeting_reminders._plan_one(db, key, at(EVE, 12)) == 0  # the unique key refuses it
    db.commit()
    assert len(db.exec(select(MeetingReminder)).all()) == 1


def test_the_evening_hour_is_configurable(monkeypatch):
    assert due_at(MeetingReminderKind.EVENING, START) == at(EVE, 18)
    monkeypatch.setenv("FAMILYWORK_REMINDER_EVENING_HOUR", "19")
    assert due_at(MeetingReminderKind.EVENING, START) == at(EVE, 19)
    assert due_at(MeetingReminderKind.TWO_HOURS, START) == at(DAY, 8)


def test_sms_needs_a_gateway_and_a_phone_and_only_guardians_choose(db, server, monkeypatch):
    world, guardian, _, _ = _world(db, server, sms=False)
    monkeypatch.delenv("FAMILYWORK_SMS_URL", raising=False)
    with pytest.raises(ServiceError):
        set_reminder_choices(db, guardian, push=True, email=False, sms=True, two_hours=False)
    assert reminder_choices(db, guardian).sms_available is False
    with pytest.raises(NotAllowed):
        reminder_choices(db, world.worker)
    with pytest.raises(ServiceError):
        set_reminder_choices(db, guardian, push="yes", email=False, sms=False, two_hours=False)
    assert normalise_phone("040-123 4567") == "+358401234567"
    assert normalise_phone("+46 70 123 45 67") == "+46701234567"
    assert normalise_phone("12") is None and normalise_phone("abc") is None


def test_a_gateway_refusal_is_logged_and_the_other_channels_still_go(db, server, mails, sms):
    _world(db, server)
    sms.refuse = True  # the gateway answers 400 from now on
    sent = send_meeting_reminders(db, at(EVE, 18))
    assert [s.channels for s in sent] == [("push", "email")]
    assert send_meeting_reminders(db, at(EVE, 19)) == []  # never tried again


def test_a_row_held_by_one_worker_is_skipped_by_another_on_postgresql(db, server, mails, sms):
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED: PostgreSQL; SQLite runs the one worker")
    _world(db, server)
    plan_reminders(db, at(EVE, 12))
    holder = Session(db.get_bind())
    held = holder.exec(select(MeetingReminder).with_for_update()).all()
    assert len(held) == 1
    with Session(db.get_bind(), expire_on_commit=False) as other:
        assert claim_due(other, at(EVE, 18)) == ([], 0)  # skipped, not waited for
    holder.rollback()
    holder.close()
    assert len(send_meeting_reminders(db, at(EVE, 18))) == 1


def test_two_workers_at_the_same_moment_send_it_once_on_postgresql(db, server, mails, sms):
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("several backend workers run on PostgreSQL; SQLite runs the one worker")
    _world(db, server)
    engine, start, results = db.get_bind(), threading.Barrier(2), []

    def worker():
        with Session(engine, expire_on_commit=False) as session:
            start.wait()
            results.append(send_meeting_reminders(session, at(EVE, 18)))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(len(r) for r in results) == [0, 1]
    assert _counts(server, mails, sms) == (1, 1, 1)
    assert len(db.exec(select(MeetingReminder)).all()) == 1


def test_the_app_runs_the_loop_which_survives_a_failed_run(monkeypatch):
    from familywork_app.familywork_app import app

    assert reminder_task.remind_guardians_every_five_minutes in app.get_lifespan_tasks()
    runs, waits = [], []

    def failing_run():
        runs.append(1)
        raise RuntimeError("the database is away")

    async def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 2:
            raise asyncio.CancelledError

    monkeypatch.setattr(reminder_task, "send_meeting_reminders_now", failing_run)
    monkeypatch.setattr(periodic.asyncio, "sleep", sleep)
    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(asyncio.CancelledError):
        pool.submit(asyncio.run, reminder_task.remind_guardians_every_five_minutes()).result()
    assert (len(runs), waits) == (2, [300, 300])
