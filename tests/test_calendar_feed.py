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
from familywork_app.models import AccessLog, CalendarFeedToken, Family, Meeting, User, utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.calendar_feed import (
    create_feed,
    feed_path,
    feed_status,
    read_feed,
    revoke_feed,
)
from tests.conftest import user_by_email

HELSINKI = ZoneInfo("Europe/Helsinki")


def _user(db, who: str) -> User:
    return user_by_email(db, f"{who}@example.org")


def _family_id(db, name: str) -> int:
    return db.exec(select(Family.id).where(Family.name == name)).one()


def _events(body: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def _expected(db, **where) -> set[str]:
    """UIDs of the agreed or held meetings ending within 30 days back or later."""
    stmt = (
        select(Meeting)
        .join(Family, Family.id == Meeting.family_id)
        .where(
            col(Meeting.status).in_(("agreed", "held")),
            Meeting.ends_at >= utcnow() - timedelta(days=30),
        )
    )
    for column, value in where.items():
        stmt = stmt.where(
            getattr(
                Family if column.startswith("family_") else Meeting, column.removeprefix("family_")
            )
            == value
        )
    return {f"meeting-{m.id}@perhetyo" for m in db.exec(stmt)}


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


def test_guardian_feed_has_own_family_agreed_meetings_in_helsinki_time(demo_db):
    guardian, worker = _user(demo_db, "family"), _user(demo_db, "worker")
    family_id = _family_id(demo_db, "Kemppainen")
    old = _add_meeting(demo_db, family_id, worker.id, "agreed", -40)
    proposed = _add_meeting(demo_db, family_id, worker.id, "proposed", 5)
    token = create_feed(demo_db, guardian)
    body = read_feed(demo_db, token)

    events = _events(body)
    expected = _expected(demo_db, family_id=family_id)
    assert expected and set(events) == expected
    assert f"meeting-{old.id}@perhetyo" not in events  # more than 30 days back
    assert f"meeting-{proposed.id}@perhetyo" not in events  # not agreed
    calendar = Calendar.from_ical(body)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    for uid, event in events.items():
        meeting = demo_db.get(Meeting, int(uid.split("-")[1].split("@")[0]))
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
    for detail in ("Kemppainen", "Pohjolankatu", guardian.display_name, worker.display_name):
        assert detail not in text


def test_revoking_or_replacing_the_token_stops_the_old_url_at_once(demo_db):
    guardian = _user(demo_db, "family")
    first = create_feed(demo_db, guardian)
    assert read_feed(demo_db, first) is not None and feed_status(demo_db, guardian).active
    second = create_feed(demo_db, guardian)
    assert read_feed(demo_db, first) is None and read_feed(demo_db, second) is not None
    assert revoke_feed(demo_db, guardian) == 1
    assert read_feed(demo_db, second) is None and not feed_status(demo_db, guardian).active
    stored = demo_db.exec(select(CalendarFeedToken.token_hash)).all()
    assert first not in stored and second not in stored and len(stored) == 2  # hashes only
    third = create_feed(demo_db, guardian)
    guardian.is_active = False
    demo_db.add(guardian)
    demo_db.commit()
    assert read_feed(demo_db, third) is None  # a deactivated account's feed stops too
    for forged in ("", "x" * 43 + "/", third[:-1], None, 123, {"$ne": ""}, third + "a"):
        assert read_feed(demo_db, forged) is None
    with pytest.raises(NotAllowed):
        create_feed(demo_db, None)


def test_worker_feed_has_only_own_meetings_and_logs_one_row_per_family(demo_db):
    worker, worker2 = _user(demo_db, "worker"), _user(demo_db, "worker2")
    family_id = demo_db.exec(select(Family.id).where(Family.worker_id == worker2.id)).first()
    twice = [_add_meeting(demo_db, family_id, worker2.id, "agreed", d).id for d in (3, 4)]
    earlier = _add_meeting(demo_db, family_id, worker.id, "held", -2)  # the previous worker's
    token = create_feed(demo_db, worker2)
    before = demo_db.exec(select(AccessLog.id).order_by(col(AccessLog.id).desc())).first() or 0
    events = _events(read_feed(demo_db, token, ip="10.1.2.3"))

    expected = _expected(demo_db, worker_id=worker2.id, family_worker_id=worker2.id)
    assert expected and set(events) == expected
    assert not set(events) & _expected(demo_db, worker_id=worker.id)
    assert {f"meeting-{i}@perhetyo" for i in twice} <= set(events)
    assert f"meeting-{earlier.id}@perhetyo" not in events
    families = set(
        demo_db.exec(
            select(Meeting.family_id).where(
                col(Meeting.id).in_([int(uid.split("-")[1].split("@")[0]) for uid in events])
            )
        )
    )
    rows = demo_db.exec(select(AccessLog).where(AccessLog.id > before)).all()
    assert sorted(r.family_id for r in rows) == sorted(families)  # one row per family
    assert {(r.user_id, r.role, r.action, r.ip) for r in rows} == {
        (worker2.id, "worker", "read_calendar_feed", "10.1.2.3")
    }


def test_a_reassigned_family_leaves_the_old_workers_feed(demo_db):
    worker, worker2 = _user(demo_db, "worker"), _user(demo_db, "worker2")
    family_id = _family_id(demo_db, "Kemppainen")
    token = create_feed(demo_db, worker)
    mine = _expected(demo_db, family_id=family_id)
    assert mine and mine <= set(_events(read_feed(demo_db, token)))
    family = demo_db.get(Family, family_id)
    family.worker_id = worker2.id
    demo_db.add(family)
    demo_db.commit()
    assert not mine & set(_events(read_feed(demo_db, token)))


def _get(app, path: str) -> httpx.Response:
    async def call():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path)

    # In a thread of its own: when the browser tests run in the same session, this thread
    # already has Playwright's event loop running.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, call()).result()


def test_feed_over_http_and_unknown_tokens_are_404(demo_db, monkeypatch):
    url = demo_db.get_bind().url.render_as_string(hide_password=False)
    monkeypatch.setenv("REFLEX_DB_URL", url)
    app_db.get_engine.cache_clear()
    try:
        from familywork_app.web_routes import auth_api

        token = create_feed(demo_db, _user(demo_db, "family"))
        response = _get(auth_api, feed_path(token))
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/calendar")
        assert response.headers["cache-control"] == "no-store"
        assert _events(response.content)
        revoke_feed(demo_db, _user(demo_db, "family"))
        assert _get(auth_api, feed_path(token)).status_code == 404
        assert _get(auth_api, "/calendar/feed/nonsense.ics").status_code == 404
        assert _get(auth_api, feed_path("A" * 43)).status_code == 404
    finally:
        app_db.get_engine().dispose()
        app_db.get_engine.cache_clear()
