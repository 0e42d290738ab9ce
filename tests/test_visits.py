"""Visit records, the week view, overlap warnings, closing a case and the family record header:
the rules, on a real migrated database with the demo data."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, func, select

from familywork_app.models import AccessLog, Family, Meeting, utcnow
from familywork_app.services import NotAllowed, ServiceError, meetings, visits
from tests.conftest import user_by_email

HELSINKI = ZoneInfo("Europe/Helsinki")
BAD_IDS = (None, "1", -1, 0, True, 10**12, {"$gt": 0})


def _family(db, name):
    return db.exec(select(Family).where(Family.name == name)).one()


def _people(db):
    return {key: user_by_email(db, f"{key}@example.org")
            for key in ("worker", "worker2", "supervisor", "family")}


def _last_log(db) -> int:
    return db.exec(select(func.max(AccessLog.id))).one() or 0


def _logs_since(db, last: int) -> list[tuple[int | None, str]]:
    rows = db.exec(select(AccessLog).where(AccessLog.id > last).order_by(col(AccessLog.id)))
    return [(row.family_id, row.action) for row in rows]


def _meeting(db, family, status="agreed", starts_at=None, minutes=60, worker_id=None):
    """A meeting written straight into the database (past and agreed states need this)."""
    start = starts_at or utcnow() - timedelta(hours=2)
    meeting = Meeting(family_id=family.id, worker_id=worker_id or family.worker_id,
                      status=status, starts_at=start, ends_at=start + timedelta(minutes=minutes),
                      proposed_by_id=family.worker_id, topic="Testikäynti")
    db.add(meeting)
    db.commit()
    return meeting


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI).astimezone(UTC)


def test_record_visit_marks_held_and_keeps_the_first_held_at(demo_db):
    worker = _people(demo_db)["worker"]
    family = _family(demo_db, "Kemppainen")
    meeting = _meeting(demo_db, family)
    last = _last_log(demo_db)
    data = visits.record_visit(demo_db, worker, meeting.id, "  Kävimme läpi illan.  ",
                               " Isä väsynyt. ", ["cards", "discussion", "cards"], ip="10.0.0.1")
    assert data["status"] == "held" and data["summary"] == "Kävimme läpi illan."
    assert data["methods"] == ["discussion", "cards"] and data["internal_note"] == "Isä väsynyt."
    stored = demo_db.get(Meeting, meeting.id)
    first_held = stored.held_at
    assert first_held is not None and stored.methods == "discussion,cards"
    assert _logs_since(demo_db, last) == [(family.id, "record_visit")]
    assert demo_db.get(AccessLog, last + 1).ip == "10.0.0.1"
    last = _last_log(demo_db)
    again = visits.record_visit(demo_db, worker, meeting.id, "Korjattu.", "", [])
    assert again["summary"] == "Korjattu." and again["methods"] == [] and not again["internal_note"]
    assert demo_db.get(Meeting, meeting.id).held_at == first_held
    assert _logs_since(demo_db, last) == [(family.id, "record_visit")]


def test_internal_note_is_for_staff_only(demo_db):
    people = _people(demo_db)
    family = _family(demo_db, "Kemppainen")
    meeting = _meeting(demo_db, family)
    visits.record_visit(demo_db, people["worker"], meeting.id, "Yhteinen yhteenveto",
                        "SALAINEN-HUOMIO", ["guidance"])
    staff_view = meetings.family_meetings(demo_db, people["worker"], family.id)
    row = next(m for m in staff_view["past"] if m["id"] == meeting.id)
    assert row["internal_note"] == "SALAINEN-HUOMIO" and row["summary"] == "Yhteinen yhteenveto"
    family_view = meetings.family_meetings(demo_db, people["family"], family.id)
    row = next(m for m in family_view["past"] if m["id"] == meeting.id)
    assert "internal_note" not in row and row["summary"] == "Yhteinen yhteenveto"
    assert "SALAINEN-HUOMIO" not in repr(family_view)


@pytest.mark.parametrize("summary, note, methods, code, field", [
    ("", "", ["discussion"], "error.note_required", "summary"),
    ("   ", "", ["discussion"], "error.note_required", "summary"),
    (None, "", ["discussion"], "error.invalid", "summary"),
    (5, "", ["discussion"], "error.invalid", "summary"),
    ("x" * 4001, "", ["discussion"], "error.text_long", "summary"),
    ("ok", None, ["discussion"], "error.invalid", "internal_note"),
    ("ok", "x" * 4001, ["discussion"], "error.text_long", "internal_note"),
    ("ok", "", "x", "error.invalid", "methods"),
    ("ok", "", ["nope"], "error.invalid", "methods"),
    ("ok", "", "discussion", "error.invalid", "methods"),
    ("ok", "", [1], "error.invalid", "methods"),
    ("ok", "", ["discussion", None], "error.invalid", "methods"),
    ("ok", "", None, "error.invalid", "methods"),
    ("ok", "", {"discussion": 1}, "error.invalid", "methods"),
])
def test_record_visit_refuses_bad_input(demo_db, summary, note, methods, code, field):
    worker = _people(demo_db)["worker"]
    meeting = _meeting(demo_db, _family(demo_db, "Kemppainen"))
    last = _last_log(demo_db)
    with pytest.raises(ServiceError) as raised:
        visits.record_visit(demo_db, worker, meeting.id, summary, note, methods)
    assert (raised.value.code, raised.value.field) == (code, field)
    demo_db.refresh(meeting)
    assert meeting.status == "agreed" and meeting.summary == "" and meeting.held_at is None
    assert _logs_since(demo_db, last) == []


def test_only_a_begun_agreed_meeting_can_be_recorded(demo_db):
    worker = _people(demo_db)["worker"]
    family = _family(demo_db, "Kemppainen")
    future = _meeting(demo_db, family, starts_at=utcnow() + timedelta(hours=1))
    refused = [future] + [_meeting(demo_db, family, status=s)
                          for s in ("proposed", "change_requested", "cancelled")]
    for meeting in refused:
        with pytest.raises(ServiceError, match="error.meeting_not_open"):
            visits.record_visit(demo_db, worker, meeting.id, "Kävimme.", "", [])
        demo_db.refresh(meeting)
        assert meeting.status != "held" and meeting.summary == ""


def test_guardian_and_inactive_staff_are_refused_everything(demo_db):
    people = _people(demo_db)
    family = _family(demo_db, "Kemppainen")
    meeting = _meeting(demo_db, family)
    now = utcnow()
    last = _last_log(demo_db)
    worker = people["worker"]
    worker.is_active = False
    for user in (people["family"], worker, None, "worker@example.org"):
        for call in (
            lambda u=user: visits.record_visit(demo_db, u, meeting.id, "Kävimme.", "", []),
            lambda u=user: visits.close_case(demo_db, u, family.id, "Loppu."),
            lambda u=user: visits.family_record(demo_db, u, family.id),
            lambda u=user: visits.worker_week(demo_db, u, now.date()),
            lambda u=user: visits.overlapping(demo_db, u, now, now + timedelta(hours=1)),
        ):
            with pytest.raises(NotAllowed):
                call()
    demo_db.refresh(meeting)
    assert meeting.status == "agreed" and _family(demo_db, "Kemppainen").status == "active"
    assert _logs_since(demo_db, last) == []


def test_worker2_cannot_touch_kemppainen(demo_db):
    worker2 = _people(demo_db)["worker2"]
    family = _family(demo_db, "Kemppainen")
    past = _meeting(demo_db, family)
    upcoming = demo_db.exec(select(Meeting).where(Meeting.family_id == family.id,
                                                  Meeting.status == "agreed",
                                                  Meeting.starts_at > utcnow())).one()
    last = _last_log(demo_db)
    for call in (
        lambda: visits.record_visit(demo_db, worker2, past.id, "Kävimme.", "", []),
        lambda: visits.close_case(demo_db, worker2, family.id, "Loppu."),
        lambda: visits.family_record(demo_db, worker2, family.id),
    ):
        with pytest.raises(NotAllowed):
            call()
    week = visits.worker_week(demo_db, worker2, upcoming.starts_at.date())
    assert all(row["family_id"] != family.id for row in week)
    assert visits.overlapping(demo_db, worker2, upcoming.starts_at, upcoming.ends_at) == []
    assert all(family_id != family.id for family_id, _ in _logs_since(demo_db, last))
    assert _family(demo_db, "Kemppainen").status == "active"


def test_bad_ids_and_arguments_are_refused(demo_db):
    worker = _people(demo_db)["worker"]
    now = utcnow()
    last = _last_log(demo_db)
    for bad in BAD_IDS:
        for call in (lambda b=bad: visits.record_visit(demo_db, worker, b, "Kävimme.", "", []),
                     lambda b=bad: visits.close_case(demo_db, worker, b, "Loppu."),
                     lambda b=bad: visits.family_record(demo_db, worker, b)):
            with pytest.raises(NotAllowed):
                call()
        if bad is not None:
            with pytest.raises(NotAllowed):
                visits.overlapping(demo_db, worker, now, now + timedelta(hours=1), bad)
    for week_start in (None, "2026-01-05", now, 20260105, date(1999, 12, 27)):
        with pytest.raises(ServiceError, match="error.date_invalid"):
            visits.worker_week(demo_db, worker, week_start)
    naive = datetime(2030, 1, 1, 10, 0)
    for start, end in ((naive, naive + timedelta(hours=1)), (now, now), (now, now - timedelta(1)),
                       ("2030-01-01", now), (now, None)):
        with pytest.raises(ServiceError, match="error.date_invalid"):
            visits.overlapping(demo_db, worker, start, end)
    with pytest.raises(ServiceError, match="error.invalid"):
        visits.family_record(demo_db, worker, _family(demo_db, "Kemppainen").id, ip=None)
    assert _logs_since(demo_db, last) == []


def test_week_view_lists_own_open_meetings_of_the_helsinki_week(demo_db):
    people = _people(demo_db)
    worker, family = people["worker"], _family(demo_db, "Kemppainen")
    agreed = demo_db.exec(select(Meeting).where(Meeting.family_id == family.id,
                                                Meeting.status == "agreed")).one()
    monday = _monday(agreed.starts_at.astimezone(HELSINKI).date())
    inside = _meeting(demo_db, family, starts_at=_at(monday + timedelta(days=6), 23, 30))
    next_week = _meeting(demo_db, family, starts_at=_at(monday + timedelta(days=7), 0))
    before = _meeting(demo_db, family, starts_at=_at(monday - timedelta(days=1), 23, 59))
    held = _meeting(demo_db, family, status="held", starts_at=_at(monday, 9))
    other = _meeting(demo_db, _family(demo_db, "Huttunen"), starts_at=_at(monday, 8),
                     worker_id=people["supervisor"].id)
    new = meetings.propose_meeting(demo_db, worker, family.id, agreed.starts_at, 30, "home",
                                   "", "Päällekkäin")
    expected = [m for m in demo_db.exec(select(Meeting)).all()
                if m.worker_id == worker.id and m.status in meetings.OPEN_STATUSES
                and _monday(m.starts_at.astimezone(HELSINKI).date()) == monday]
    last = _last_log(demo_db)
    week = visits.worker_week(demo_db, worker, monday + timedelta(days=2))
    ids = [row["id"] for row in week]
    assert set(ids) == {m.id for m in expected} and inside.id in ids and new["id"] in ids
    assert not {next_week.id, before.id, held.id, other.id} & set(ids)
    assert [row["starts_at"] for row in week] == sorted(row["starts_at"] for row in week)
    by_id = {row["id"]: row for row in week}
    assert by_id[agreed.id]["overlaps"] == [new["id"]]
    assert by_id[new["id"]]["overlaps"] == [agreed.id] and by_id[new["id"]]["status"] == "proposed"
    assert all(not row["overlaps"] for row in week if row["id"] not in (agreed.id, new["id"]))
    assert by_id[agreed.id]["family_name"] == "Kemppainen"
    logs = _logs_since(demo_db, last)
    assert sorted(logs) == sorted((f, "view_week") for f in {row["family_id"] for row in week})
    assert [row["id"] for row in visits.worker_week(demo_db, worker, monday)] == ids
    own = visits.worker_week(demo_db, people["supervisor"], monday)
    assert [(row["id"], row["family_name"]) for row in own] == [(other.id, "Huttunen")]


def test_overlapping_warns_about_own_open_meetings(demo_db):
    worker = _people(demo_db)["worker"]
    family = _family(demo_db, "Kemppainen")
    agreed = demo_db.exec(select(Meeting).where(Meeting.family_id == family.id,
                                                Meeting.status == "agreed")).one()
    start = agreed.starts_at
    last = _last_log(demo_db)
    found = visits.overlapping(demo_db, worker, start - timedelta(minutes=30),
                               start + timedelta(minutes=30))
    assert found == [{"id": agreed.id, "family_name": "Kemppainen", "starts_at": agreed.starts_at,
                      "ends_at": agreed.ends_at, "status": "agreed"}]
    assert _logs_since(demo_db, last) == [(family.id, "check_overlap")]
    last = _last_log(demo_db)
    local = start.astimezone(HELSINKI)
    assert visits.overlapping(demo_db, worker, local, local + timedelta(minutes=5),
                              exclude_meeting_id=agreed.id) == []
    assert visits.overlapping(demo_db, worker, start - timedelta(hours=1), start) == []
    assert visits.overlapping(demo_db, worker, agreed.ends_at, agreed.ends_at
                              + timedelta(hours=1)) == []
    assert _logs_since(demo_db, last) == []
    _meeting(demo_db, family, starts_at=start + timedelta(minutes=10))
    last = _last_log(demo_db)
    assert len(visits.overlapping(demo_db, worker, start, start + timedelta(minutes=20))) == 2
    assert _logs_since(demo_db, last) == [(family.id, "check_overlap")]


def test_close_case_cancels_future_meetings_and_freezes_the_family_side(demo_db):
    people = _people(demo_db)
    family = _family(demo_db, "Kemppainen")
    begun = _meeting(demo_db, family)
    rows = demo_db.exec(select(Meeting).where(Meeting.family_id == family.id)).all()
    future_open = {m.id for m in rows
                   if m.status in meetings.OPEN_STATUSES and m.starts_at > utcnow()}
    unchanged = {m.id: m.status for m in rows if m.id not in future_open}
    assert len(future_open) == 2
    last = _last_log(demo_db)
    summary = "  Tavoitteet saavutettiin. " + "x" * 1200
    assert visits.close_case(demo_db, people["worker"], family.id, summary) is None
    demo_db.refresh(family)
    assert family.status == "closed" and family.closing_summary == summary.strip()
    assert family.closed_on == utcnow().astimezone(HELSINKI).date()
    for meeting in demo_db.exec(select(Meeting).where(Meeting.family_id == family.id)).all():
        if meeting.id in future_open:
            assert meeting.status == "cancelled" and meeting.cancelled_by_id == people["worker"].id
            assert meeting.cancel_reason == summary.strip()[:1000]
        else:
            assert meeting.status == unchanged[meeting.id]
    assert _logs_since(demo_db, last) == [(family.id, "close_case")]
    data = meetings.family_meetings(demo_db, people["family"], family.id)
    assert data["past"] and not data["upcoming"]
    for meeting_id in (begun.id, *future_open):
        with pytest.raises(NotAllowed):
            meetings.request_change(demo_db, people["family"], meeting_id, "Toinen aika?")
    with pytest.raises(ServiceError, match="error.invalid"):
        visits.close_case(demo_db, people["worker"], family.id, "Uudestaan")
    assert visits.record_visit(demo_db, people["worker"], begun.id, "Jälkikirjaus.", "",
                               [])["status"] == "held"


def test_close_case_checks_summary_and_status(demo_db):
    people = _people(demo_db)
    family = _family(demo_db, "Ryynänen")
    for text, code in (("", "error.note_required"), ("  ", "error.note_required"),
                       (None, "error.invalid"), ("x" * 4001, "error.text_long")):
        with pytest.raises(ServiceError) as raised:
            visits.close_case(demo_db, people["worker2"], family.id, text)
        assert (raised.value.code, raised.value.field) == (code, "closing_summary")
    demo_db.refresh(family)
    assert family.status == "active" and family.closed_on is None
    for name in ("Tolonen", "Komulainen"):
        with pytest.raises(ServiceError, match="error.invalid"):
            visits.close_case(demo_db, people["supervisor"], _family(demo_db, name).id, "Loppu.")
    visits.close_case(demo_db, people["supervisor"], family.id, "Perhe muutti.")
    assert _family(demo_db, "Ryynänen").status == "closed"


def test_family_record_header(demo_db):
    people = _people(demo_db)
    family = _family(demo_db, "Kemppainen")
    last = _last_log(demo_db)
    data = visits.family_record(demo_db, people["worker"], family.id)
    assert (data["id"], data["name"], data["municipality"], data["status"]) == (
        family.id, "Kemppainen", "Kajaani", "active")
    assert data["worker_id"] == people["worker"].id and data["worker_name"] == "Anna Heikkinen"
    assert data["opened_on"] == family.opened_on and data["closed_on"] is None
    assert {(g["name"], g["email"]) for g in data["guardians"]} == {
        ("Laura Kemppainen", "family@example.org"), ("Jussi Kemppainen", "family2@example.org")}
    assert all(g["phone"] and g["id"] for g in data["guardians"])
    assert data["children"] == [{"first_name": "Eetu", "birth_year": 2017},
                                {"first_name": "Aino", "birth_year": 2021}]
    application = data["application"]
    assert application["support_areas"] == ["parenting", "everyday"]
    assert application["status"] == "accepted" and application["channel"] == "eform"
    assert "Anna Heikkinen" in application["decision_note"]
    assert _logs_since(demo_db, last) == [(family.id, "view_family_record")]
    pending = visits.family_record(demo_db, people["supervisor"], _family(demo_db, "Tolonen").id)
    assert pending["worker_id"] is None and pending["worker_name"] == ""
    assert pending["application"]["status"] == "submitted"
    closed = visits.family_record(demo_db, people["worker"], _family(demo_db, "Komulainen").id)
    assert closed["status"] == "closed" and closed["closing_summary"] and closed["closed_on"]


def test_reassigned_familys_meetings_leave_the_old_workers_views(demo_db):
    people = _people(demo_db)
    family = _family(demo_db, "Kemppainen")
    agreed = demo_db.exec(select(Meeting).where(Meeting.family_id == family.id,
                                                Meeting.status == "agreed")).one()
    assert any(r["id"] == agreed.id for r in visits.worker_week(demo_db, people["worker"],
                                                                agreed.starts_at.date()))
    family.worker_id = people["worker2"].id
    demo_db.add(family)
    demo_db.commit()
    last = _last_log(demo_db)
    week = visits.worker_week(demo_db, people["worker"], agreed.starts_at.date())
    assert week and all(row["family_id"] != family.id for row in week)
    assert visits.overlapping(demo_db, people["worker"], agreed.starts_at, agreed.ends_at) == []
    assert all(family_id != family.id for family_id, _ in _logs_since(demo_db, last))
