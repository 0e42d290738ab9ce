"""Video links of remote meetings: made from the template with an unguessable room, or pasted by
the worker (https only); read only by the family's guardians and its staff, every read in the
access log; in the .ics download and the calendar feed; the Join window by the clock."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlmodel import col, select

from familywork_app.domain import LogAction, MeetingPlace, MeetingStatus, Role
from familywork_app.models import AccessLog
from familywork_app.services import NotAllowed, ServiceError, video_links
from familywork_app.services.calendar import meeting_ics
from familywork_app.services.calendar_feed import create_feed, read_feed
from familywork_app.services.video_links import (
    JOIN_EARLY,
    join_open,
    set_video_link,
    valid_link,
    video_meetings,
)
from familywork_app.state.video_meetings import present_video
from tests.factories import make_family, make_meeting, make_user

TEMPLATE = "https://meet.example.fi/{room}"
ROOM_URL = re.compile(r"^https://meet\.example\.fi/[0-9a-f]{32}$")


@pytest.fixture
def template(monkeypatch):
    monkeypatch.setenv("FAMILYWORK_VIDEO_URL_TEMPLATE", TEMPLATE)


def _remote(db, world, status=MeetingStatus.AGREED, days=2.0):
    return make_meeting(db, world, days=days, status=status, place=MeetingPlace.REMOTE)


def _log(db, action: LogAction) -> list[tuple]:
    return list(
        db.exec(
            select(AccessLog.family_id, AccessLog.user_id, AccessLog.detail)
            .where(AccessLog.action == action)
            .order_by(col(AccessLog.id))
        )
    )


def test_the_template_gives_each_remote_meeting_its_own_unguessable_room(db, template):
    world = make_family(db)
    first, second = _remote(db, world), _remote(db, world, days=3)
    make_meeting(db, world, status=MeetingStatus.AGREED)  # at home: no link, not listed
    rows = video_meetings(db, world.guardians[0], world.id)
    assert [r.meeting_id for r in rows] == [first.id, second.id]
    assert all(ROOM_URL.match(r.url) for r in rows) and rows[0].url != rows[1].url
    again = video_meetings(db, world.worker, world.id)
    assert [r.url for r in again] == [r.url for r in rows]  # made once, then kept


def test_without_a_template_there_is_no_link_until_the_worker_pastes_one(db, monkeypatch):
    monkeypatch.delenv("FAMILYWORK_VIDEO_URL_TEMPLATE", raising=False)
    world = make_family(db)
    meeting = _remote(db, world)
    assert [r.url for r in video_meetings(db, world.guardians[0], world.id)] == [""]
    assert _log(db, LogAction.READ_VIDEO_LINK) == []  # no link, no read
    teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc"
    row = set_video_link(db, world.worker, meeting.id, f"  {teams} ")
    assert (row.url, row.pasted) == (teams, True)
    assert [r.url for r in video_meetings(db, world.guardians[0], world.id)] == [teams]


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "http://meet.example.fi/room",
        "javascript:alert(1)",
        "https://meet.example.fi/a room",
        "https://user:secret@meet.example.fi/room",
        "https://",
        "https://meet.example.fi:99999/room",
        "https://meet.example.fi/" + "a" * 500,
        42,
    ],
)
def test_a_pasted_link_must_be_a_plain_https_address(bad):
    with pytest.raises(ServiceError) as refused:
        valid_link(bad)
    assert refused.value.field == "video_url"


def test_a_made_link_is_replaced_by_a_pasted_one_only_on_an_open_remote_meeting(db, template):
    world = make_family(db)
    meeting = _remote(db, world)
    made = video_meetings(db, world.worker, world.id)[0]
    assert ROOM_URL.match(made.url) and made.pasted is False
    pasted = set_video_link(db, world.worker, meeting.id, "https://teams.example.com/l/x")
    assert pasted.url == "https://teams.example.com/l/x" and pasted.pasted
    at_home = make_meeting(db, world, status=MeetingStatus.AGREED)
    cancelled = _remote(db, world, status=MeetingStatus.CANCELLED)
    for other in (at_home, cancelled):
        with pytest.raises(ServiceError):
            set_video_link(db, world.worker, other.id, "https://teams.example.com/l/y")


def test_only_the_familys_guardians_and_staff_read_the_link_and_only_staff_paste(db, template):
    world, other = make_family(db), make_family(db)
    meeting = _remote(db, world)
    for stranger in (other.guardians[0], other.worker):
        with pytest.raises(NotAllowed):
            video_meetings(db, stranger, world.id)
        with pytest.raises(NotAllowed):
            set_video_link(db, stranger, meeting.id, "https://teams.example.com/l/z")
    with pytest.raises(NotAllowed):
        set_video_link(db, world.guardians[0], meeting.id, "https://teams.example.com/l/z")
    supervisor = make_user(db, Role.SUPERVISOR)
    assert video_meetings(db, supervisor, world.id)[0].url  # staff who may see the family


def test_every_read_and_every_paste_is_in_the_access_log(db, template):
    world = make_family(db)
    guardian = world.guardians[0]
    meeting = _remote(db, world)
    video_meetings(db, guardian, world.id, ip="10.0.0.5")
    video_meetings(db, world.worker, world.id)
    set_video_link(db, world.worker, meeting.id, "https://teams.example.com/l/x")
    detail = f"meetings {meeting.id}"
    assert _log(db, LogAction.READ_VIDEO_LINK) == [
        (world.id, guardian.id, detail),
        (world.id, world.worker.id, detail),
    ]
    assert _log(db, LogAction.SET_VIDEO_LINK) == [
        (world.id, world.worker.id, f"meeting {meeting.id}")
    ]


def test_the_ics_and_the_calendar_feed_hold_the_link_and_log_its_read(db, template):
    world = make_family(db)
    guardian = world.guardians[0]
    meeting = _remote(db, world)
    url = video_meetings(db, guardian, world.id)[0].url
    event = Calendar.from_ical(meeting_ics(db, guardian, meeting.id)).walk("VEVENT")[0]
    assert str(event["url"]) == url and url in str(event["description"])
    assert _log(db, LogAction.DOWNLOAD_ICS) == [
        (world.id, guardian.id, f"meeting {meeting.id}, video link")
    ]
    feed = read_feed(db, create_feed(db, guardian))
    assert feed is not None
    events = Calendar.from_ical(feed).walk("VEVENT")
    assert [str(e["url"]) for e in events] == [url]
    assert _log(db, LogAction.READ_VIDEO_LINK)[-1] == (
        world.id,
        guardian.id,
        f"meetings {meeting.id}",
    )


def test_the_join_button_opens_ten_minutes_before_the_start_until_the_end(db, template):
    world = make_family(db)
    meeting = _remote(db, world)
    row = video_meetings(db, world.guardians[0], world.id)[0]
    start, end = meeting.starts_at, meeting.ends_at
    assert not join_open(row, start - JOIN_EARLY - timedelta(minutes=1))
    assert join_open(row, start - JOIN_EARLY) and join_open(row, start) and join_open(row, end)
    assert not join_open(row, end + timedelta(minutes=1))
    view = present_video(row, "en")
    assert int(view.join_from_ms) == int((start - timedelta(minutes=10)).timestamp() * 1000)
    assert int(view.join_until_ms) == int(end.timestamp() * 1000) and view.url == row.url
    past = video_meetings(db, world.guardians[0], world.id, now=end + timedelta(minutes=1))
    assert past == ()  # an ended meeting is no longer listed


def test_two_readers_making_a_link_at_once_keep_the_first(db, template):
    world = make_family(db)
    meeting = _remote(db, world)
    first = video_links._made(db, meeting)
    db.commit()
    second = video_links._made(db, meeting)  # as if it had not seen the first one's row
    db.commit()
    assert first is not None and second is not None and second.url == first.url
    assert [r.url for r in video_meetings(db, world.guardians[0], world.id)] == [first.url]
