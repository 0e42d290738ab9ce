"""The private calendar feed: the token works, a revoked or replaced one is a 404 at once, only the
user's own agreed meetings are in it, in Helsinki time with a VTIMEZONE, and each read logs one
access-log row per family included."""

import asyncio
import concurrent.futures
from datetime import timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from icalendar import Calendar
from sqlmodel import col, select

from familywork_app import db as app_db
from familywork_app.domain import Role
from familywork_app.models import AccessLog, CalendarFeedToken, Family, Meeting, utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.calendar_feed import (
    create_feed,
    feed_path,
    feed_status,
    read_feed,
    revoke_feed,
)
from tests.factories import make_family, make_user

HELSINKI = ZoneInfo("Europe/Helsinki")


def _events(body: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def _uids(*meetings: Meeting) -> set[str]:
    return {f"meeting-{m.id}@perhetyo" for m in meetings}


def _add_meeting(db, family_id: int, worker_id: int, status: str, days: int) -> Meeting:
    start = (utcnow() + timedelta(days=days)).replace(microsecond=0)
    meeting = Meeting(
        family_id=family_id,
        worker_id=worker_id,
        status=status,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="home",
        place_detail="Pohjolankatu 12 B 4",
    )
    db.add(meeting)
    db.commit()
    return meeting


def test_guardian_feed_has_own_family_agreed_meetings_in_helsinki_time(db):
    world = make_family(db)
    guardian, worker = world.guardians[0], world.worker
    agreed = _add_meeting(db, world.id, worker.id, "agreed", 3)
    later = _add_meeting(db, world.id, worker.id, "agreed", 150)  # months ahead
    held = _add_meeting(db, world.id, worker.id, "held", -5)
    old = _add_meeting(db, world.id, worker.id, "agreed", -40)
    proposed = _add_meeting(db, world.id, worker.id, "proposed", 5)
    cancelled = _add_meeting(db, world.id, worker.id, "cancelled", 6)
    others = _add_meeting(db, make_family(db, worker).id, worker.id, "agreed", 2)
    token = create_feed(db, guardian)
    body = read_feed(db, token)

    events = _events(body)
    assert set(events) == _uids(agreed, later, held)
    assert not set(events) & _uids(old, proposed, cancelled, others)
    calendar = Calendar.from_ical(body)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    for uid, event in events.items():
        meeting = db.get(Meeting, int(uid.split("-")[1].split("@")[0]))
        start = event.decoded("dtstart")
        assert event["dtstart"].params["TZID"] == "Europe/Helsinki"
        assert (
            start == meeting.starts_at
            and start.utcoffset() == meeting.starts_at.astimezone(HELSINKI).utcoffset()
        )
        assert start.replace(tzinfo=None) == meeting.starts_at.astimezone(HELSINKI).replace(
            tzinfo=None
        )
    text = body.decode()
    for detail in (world.family.name, "Pohjolankatu", guardian.display_name, worker.display_name):
        assert detail not in text


def test_revoking_or_replacing_the_token_stops_the_old_url_at_once(db):
    guardian = make_family(db).guardians[0]
    first = create_feed(db, guardian)
    assert read_feed(db, first) is not None and feed_status(db, guardian).active
    second = create_feed(db, guardian)
    assert read_feed(db, first) is None and read_feed(db, second) is not None
    assert revoke_feed(db, guardian) == 1
    assert read_feed(db, second) is None and not feed_status(db, guardian).active
    stored = db.exec(select(CalendarFeedToken.token_hash)).all()
    assert first not in stored and second not in stored and len(stored) == 2  # hashes only
    third = create_feed(db, guardian)
    guardian.is_active = False
    db.add(guardian)
    db.commit()
    assert read_feed(db, third) is None  # a deactivated account's feed stops too
    for forged in ("", "x" * 43 + "/", third[:-1], None, 123, {"$ne": ""}, third + "a"):
        assert read_feed(db, forged) is None
    with pytest.raises(NotAllowed):
        create_feed(db, None)


def test_worker_feed_has_only_own_meetings_and_logs_one_row_per_family(db):
    worker, worker2 = make_user(db, Role.WORKER), make_user(db, Role.WORKER)
    taken_over, second, old_own = (
        make_family(db, worker2),
        make_family(db, worker2),
        make_family(db, worker),
    )
    twice = [_add_meeting(db, taken_over.id, worker2.id, "agreed", d) for d in (3, 4)]
    earlier = _add_meeting(db, taken_over.id, worker.id, "held", -2)  # the previous worker's
    held = _add_meeting(db, second.id, worker2.id, "held", -1)
    not_theirs = _add_meeting(db, old_own.id, worker.id, "agreed", 2)
    token = create_feed(db, worker2)
    before = db.exec(select(AccessLog.id).order_by(col(AccessLog.id).desc())).first() or 0
    events = _events(read_feed(db, token, ip="10.1.2.3"))

    assert set(events) == _uids(*twice, held)
    assert not set(events) & _uids(earlier, not_theirs)
    rows = db.exec(select(AccessLog).where(AccessLog.id > before)).all()
    assert sorted(r.family_id for r in rows) == sorted([taken_over.id, second.id])
    assert {(r.user_id, r.role, r.action, r.ip) for r in rows} == {
        (worker2.id, "worker", "read_calendar_feed", "10.1.2.3")
    }


def test_a_reassigned_family_leaves_the_old_workers_feed(db):
    world = make_family(db)
    worker, worker2 = world.worker, make_user(db, Role.WORKER)
    mine = _uids(*(_add_meeting(db, world.id, worker.id, "agreed", d) for d in (1, 8)))
    token = create_feed(db, worker)
    assert mine <= set(_events(read_feed(db, token)))
    family = db.get(Family, world.id)
    family.worker_id = worker2.id
    db.add(family)
    db.commit()
    assert not mine & set(_events(read_feed(db, token)))


def _get(app, path: str) -> httpx.Response:
    async def call():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path)

    # In a thread of its own: when the browser tests run in the same session, this thread
    # already has Playwright's event loop running.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, call()).result()


def test_feed_over_http_and_unknown_tokens_are_404(db, monkeypatch):
    world = make_family(db)
    guardian = world.guardians[0]
    _add_meeting(db, world.id, world.worker.id, "agreed", 3)
    url = db.get_bind().url.render_as_string(hide_password=False)
    monkeypatch.setenv("REFLEX_DB_URL", url)
    app_db.get_engine.cache_clear()
    try:
        from familywork_app.web_routes import auth_api

        token = create_feed(db, guardian)
        response = _get(auth_api, feed_path(token))
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/calendar")
        assert response.headers["cache-control"] == "no-store"
        assert _events(response.content)
        revoke_feed(db, guardian)
        assert _get(auth_api, feed_path(token)).status_code == 404
        assert _get(auth_api, "/calendar/feed/nonsense.ics").status_code == 404
        assert _get(auth_api, feed_path("A" * 43)).status_code == 404
    finally:
        app_db.get_engine().dispose()
        app_db.get_engine.cache_clear()
