"""Reminders to staff with a frozen clock: one push and one e-mail the working day before an item
falls due and one when it is overdue, over Finnish holidays; never twice (a second run, a
"restart", two senders at once); content-free, in the worker's language, leading to /work."""

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from familywork_app import periodic
from familywork_app.domain import CaseStepKind, FamilyStatus, Language, ReminderKind, Role
from familywork_app.i18n import t
from familywork_app.models import CaseStep, StaffReminder
from familywork_app.services import notifications, push, staff_reminders
from familywork_app.services.staff_reminders import reminder_kind, send_reminders
from tests import test_notifications
from tests.factories import make_family, make_user
from tests.test_notifications import Browser

# The push endpoint on loopback and the captured e-mails of tests/test_notifications.py.
server, mails = test_notifications.server, test_notifications.mails
HELSINKI = ZoneInfo("Europe/Helsinki")
RECEIVED = date(2026, 12, 22)  # Tuesday: the assessment must start by Tuesday 2027-01-05
DUE = date(2027, 1, 5)
DUE_KIND, OVERDUE_KIND = ReminderKind.DUE, ReminderKind.OVERDUE


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Helsinki time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("moment", "kind"),
    [
        (at(date(2027, 1, 4), 7, 59), None),  # Monday before 8:00
        (at(date(2027, 1, 4), 8, 0), DUE_KIND),  # the working day before, from 8:00
        (at(DUE, 23, 59), DUE_KIND),
        (at(date(2027, 1, 6), 12), None),  # Epiphany: not a working day
        (at(date(2027, 1, 7), 7, 59), None),
        (at(date(2027, 1, 7), 8, 0), OVERDUE_KIND),  # the first working day after the due day
        (at(date(2027, 3, 1), 9), OVERDUE_KIND),
        (at(date(2026, 12, 31), 12), None),  # too early
    ],
)
def test_the_reminders_window_follows_working_days_in_helsinki(moment, kind):
    assert reminder_kind(DUE, moment) == kind


def test_a_monday_item_is_reminded_on_friday_and_over_the_weekend():
    monday = date(2027, 1, 11)
    assert reminder_kind(monday, at(date(2027, 1, 8), 7)) is None
    assert reminder_kind(monday, at(date(2027, 1, 8), 8)) == DUE_KIND
    assert reminder_kind(monday, at(date(2027, 1, 9), 20)) == DUE_KIND  # Saturday: not yet sent
    assert reminder_kind(monday, at(date(2027, 1, 12), 8)) == OVERDUE_KIND


def _worker_with_a_device(db, server, language=Language.FI):
    worker = make_user(db, Role.WORKER)
    worker.language = language
    db.add(worker)
    db.commit()
    browser = Browser()
    push.subscribe(db, worker, browser.subscription(f"{server.url}/w{worker.id}"))
    notifications.set_email_notifications(db, worker, True)
    return worker, browser


def _family_received(db, worker, on=RECEIVED, **kwargs):
    world = make_family(db, worker, **kwargs)
    db.add(CaseStep(family_id=world.id, kind=CaseStepKind.RECEIVED, on=on))
    db.commit()
    return world


def _run(db, moment) -> list:
    sent = send_reminders(db, moment)
    notifications.wait_for_deliveries()
    return sent


def test_one_push_and_one_email_for_due_and_for_overdue_and_never_twice(db, server, mails):
    worker, browser = _worker_with_a_device(db, server)
    world = _family_received(db, worker, name="Salainen Perhe")

    assert _run(db, at(date(2027, 1, 4), 7, 45)) == []
    assert server.received == [] and mails == []

    due = _run(db, at(date(2027, 1, 4), 8, 0))
    assert [(r.kind, r.worker_id) for r in due] == [(DUE_KIND, worker.id)]
    assert len(server.received) == 1 and len(mails) == 1
    notice = json.loads(browser.decrypt(server.received[0]["body"]))
    assert notice == {
        "title": "Perhetyö",
        "body": t("fi", "notify.remind_due_push"),
        "url": "/work",
    }
    to, subject, body = mails[0]
    assert to == worker.email and subject == t("fi", "notify.remind_due_subject")
    assert "/work" in body and "/settings" in body
    for secret in (world.family.name, "Salainen", "Child0", str(world.id)):
        assert secret not in json.dumps(notice) + subject + body

    for moment in (at(date(2027, 1, 4), 8, 15), at(DUE, 9), at(date(2027, 1, 6), 10)):
        assert _run(db, moment) == []  # the next runs, a "restart", the holiday
    assert len(server.received) == 1 and len(mails) == 1

    overdue = _run(db, at(date(2027, 1, 7), 8, 0))
    assert [r.kind for r in overdue] == [OVERDUE_KIND]
    assert len(server.received) == 2 and len(mails) == 2
    assert json.loads(browser.decrypt(server.received[1]["body"]))["body"] == t(
        "fi", "notify.remind_overdue_push"
    )
    assert mails[1][1] == t("fi", "notify.remind_overdue_subject")
    assert _run(db, at(date(2027, 1, 8), 8)) == [] and _run(db, at(date(2027, 2, 8), 8)) == []
    assert len(server.received) == 2 and len(mails) == 2
    rows = db.exec(select(StaffReminder.kind, StaffReminder.worker_id)).all()
    assert sorted(rows) == [(DUE_KIND, worker.id), (OVERDUE_KIND, worker.id)]


def test_a_workers_items_in_one_run_are_told_in_one_notice_in_their_language(db, server, mails):
    worker, browser = _worker_with_a_device(db, server, Language.SV)
    _family_received(db, worker)
    _family_received(db, worker)
    sent = _run(db, at(date(2027, 1, 4), 9))
    assert len(sent) == 2 and len({r.item_key for r in sent}) == 2
    assert len(server.received) == 1 and len(mails) == 1
    text = json.loads(browser.decrypt(server.received[0]["body"]))["body"]
    assert text == t("sv", "notify.remind_due_push") != t("fi", "notify.remind_due_push")


def test_closed_families_unassigned_items_and_deactivated_workers_get_no_reminder(
    db, server, mails
):
    worker, _ = _worker_with_a_device(db, server)
    _family_received(db, worker, status=FamilyStatus.CLOSED)
    gone, _ = _worker_with_a_device(db, server)
    _family_received(db, gone)
    gone.is_active = False
    db.add(gone)
    db.commit()
    assert _run(db, at(date(2027, 1, 4), 9)) == []
    assert server.received == [] and mails == []
    assert db.exec(select(StaffReminder)).all() == []


def test_the_unique_claim_alone_stops_a_second_sender(db, server, mails, monkeypatch):
    """As if the second sender had read before the first one wrote: only the claim stops it."""
    worker, _ = _worker_with_a_device(db, server)
    _family_received(db, worker)
    monkeypatch.setattr(staff_reminders, "_already_sent", lambda session, keys: set())
    assert len(_run(db, at(date(2027, 1, 4), 9))) == 1
    assert _run(db, at(date(2027, 1, 4), 9)) == []
    assert len(server.received) == 1 and len(mails) == 1


def test_two_senders_at_the_same_moment_send_each_reminder_once(db, server, mails):
    worker, _ = _worker_with_a_device(db, server)
    _family_received(db, worker)
    engine = db.get_bind()
    start = threading.Barrier(2)
    results: list[list] = []

    def sender():
        with Session(engine, expire_on_commit=False) as session:
            start.wait()
            results.append(send_reminders(session, at(date(2027, 1, 4), 8, 30)))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    notifications.wait_for_deliveries()
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(server.received) == 1 and len(mails) == 1
    assert len(db.exec(select(StaffReminder)).all()) == 1


def test_the_app_runs_the_loop_which_survives_a_failed_run_and_waits_15_minutes(monkeypatch):
    from familywork_app.familywork_app import app

    assert staff_reminders.remind_staff_every_quarter_hour in app.get_lifespan_tasks()
    runs, waits = [], []

    def failing_run():
        runs.append(1)
        raise RuntimeError("the database is away")

    async def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 2:
            raise asyncio.CancelledError

    monkeypatch.setattr(staff_reminders, "send_reminders_now", failing_run)
    monkeypatch.setattr(periodic.asyncio, "sleep", sleep)
    # on a thread of its own: with the browser tests first in the same process, Playwright's
    # event loop holds the main thread
    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(asyncio.CancelledError):
        pool.submit(asyncio.run, staff_reminders.remind_staff_every_quarter_hour()).result()
    assert (len(runs), waits) == (2, [900, 900])
