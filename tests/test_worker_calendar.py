"""The worker's calendar (issue 14, part 3): the meetings of a week grouped into its seven days
(today marked, empty days empty, each day in time order, Helsinki days), the day view's steps
and their bounds, and the page state driven through the real entry point, forged arguments
included."""

from datetime import UTC, date, datetime, timedelta

import pytest

from familywork_app.domain import MeetingPlace, MeetingStatus, Role
from familywork_app.services import visits
from familywork_app.services.visit_rows import WeekRow
from familywork_app.state.meeting_presenters import CalendarDayView, present_week
from familywork_app.state.worker_week import (
    WEEKS_EITHER_WAY,
    CalendarPlace,
    WeekState,
    helsinki_today,
    moved,
    one_step,
    today_place,
)
from tests.factories import make_family, make_user
from tests.goal_message_helpers import StateDouble
from tests.visit_helpers import add_meeting, helsinki_at

MONDAY = date(2026, 11, 30)  # week 49
FORGED = (10**12, -(10**12), 2, 0, "1", 1.0, True, None, [1], {"$gt": 0})


def _row(at: datetime, family: str = "Kemppainen", minutes: int = 60, **extra) -> WeekRow:
    fields = {
        "id": 1,
        "family_id": 7,
        "family_name": family,
        "status": MeetingStatus.AGREED,
        "starts_at": at,
        "ends_at": at + timedelta(minutes=minutes),
        "place": MeetingPlace.HOME,
        "topic": "Iltarutiinit",
        "overlaps": (),
    }
    return WeekRow(**{**fields, **extra})


def test_a_week_is_seven_days_from_monday_each_with_its_own_meetings_in_time_order():
    late = _row(helsinki_at(MONDAY + timedelta(days=1), 14), "Huttunen", id=2)
    early = _row(helsinki_at(MONDAY + timedelta(days=1), 9, 30), "Korhonen", id=3, overlaps=(4,))
    sunday = _row(helsinki_at(MONDAY + timedelta(days=6), 23, 30), "Seppänen", id=5)
    week = present_week(MONDAY, [late, sunday, early], MONDAY + timedelta(days=1), "fi")
    assert [d.iso for d in week] == [(MONDAY + timedelta(days=n)).isoformat() for n in range(7)]
    assert [d.weekday for d in week][:3] == ["maanantai", "tiistai", "keskiviikko"]
    assert [d.date for d in week][:2] == ["30.11.", "1.12."]
    assert week[1].long == "tiistai 1.12.2026"
    assert [d.today for d in week] == [False, True, False, False, False, False, False]
    assert [d.rest_day for d in week] == [False] * 5 + [True, True]
    tuesday = week[1]
    assert [(m.time, m.family) for m in tuesday.meetings] == [
        ("09:30–10:30", "Korhonen"),
        ("14:00–15:00", "Huttunen"),
    ]
    assert tuesday.meetings[0].overlap == "Päällekkäin toisen tapaamisen kanssa"
    assert tuesday.meetings[1].overlap == ""
    assert tuesday.meetings[0].family_id == "7" and tuesday.meetings[0].status_key == "agreed"
    # 23.30 on Sunday in Helsinki is Sunday 21.30 UTC: the Sunday column, not Monday's.
    assert [m.family for m in week[6].meetings] == ["Seppänen"]
    assert [len(d.meetings) for d in week] == [0, 2, 0, 0, 0, 0, 1]
    assert all(d.meetings == () for d in (week[0], *week[2:6]))


def test_a_helsinki_day_starts_at_helsinki_midnight_not_at_utc_midnight():
    just_after = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # Tuesday 00.30 in Helsinki
    week = present_week(MONDAY, [_row(just_after)], MONDAY, "en")
    assert [len(d.meetings) for d in week] == [0, 1, 0, 0, 0, 0, 0]
    assert week[1].meetings[0].time == "00:30–01:30"
    assert (week[1].weekday, week[1].date, week[1].long) == (
        "Tuesday",
        "1 Dec",
        "Tuesday 1 Dec 2026",
    )


def test_no_day_is_today_in_another_week_and_an_empty_week_has_seven_empty_days():
    week = present_week(MONDAY, [], MONDAY + timedelta(days=7), "sv")
    assert len(week) == 7 and not any(d.today for d in week)
    assert all(d.meetings == () for d in week)
    assert [d.weekday for d in week][5:] == ["lördag", "söndag"]


def test_the_day_view_steps_through_weeks_and_stops_a_year_either_way():
    friday = CalendarPlace(0, 4)
    assert moved(friday, 1) == CalendarPlace(0, 5)
    assert moved(CalendarPlace(0, 6), 1) == CalendarPlace(1, 0)  # Sunday -> next Monday
    assert moved(CalendarPlace(0, 0), -1) == CalendarPlace(-1, 6)
    assert moved(friday, 7) == CalendarPlace(1, 4)  # a week on keeps the weekday
    last = WEEKS_EITHER_WAY - 1
    assert moved(CalendarPlace(last, 6), 1) is None
    assert moved(CalendarPlace(last, 5), 1) == CalendarPlace(last, 6)
    assert moved(CalendarPlace(-last, 0), -1) is None
    assert moved(CalendarPlace(-last, 3), -7) is None
    thursday = date(2026, 12, 3)
    assert today_place(thursday) == CalendarPlace(0, 3)
    assert CalendarPlace(1, 2).day(thursday) == date(2026, 12, 9)
    assert CalendarPlace(-1, 0).monday(thursday) == date(2026, 11, 23)


def test_only_one_step_either_way_is_a_step():
    assert (one_step(1), one_step(-1)) == (1, -1)
    assert [one_step(v) for v in FORGED] == [0] * len(FORGED)


def _calendar(user) -> StateDouble:
    return StateDouble(
        WeekState,
        user,
        loaded=False,
        offset=0,
        weekday=0,
        mode="week",
        heading="",
        title="",
        empty="",
        has_meetings=False,
        week=[],
        day=CalendarDayView(),
    )


def _worker_with_meetings(db):
    worker = make_user(db, Role.WORKER, "Anna Heikkinen")
    world = make_family(db, worker, name="Kemppainen")
    today = helsinki_today()
    add_meeting(db, world.family, starts_at=helsinki_at(today, 15))
    add_meeting(db, world.family, starts_at=helsinki_at(today, 8, 15))
    add_meeting(db, world.family, starts_at=helsinki_at(today + timedelta(days=1), 12))
    return worker, today


@pytest.mark.usefixtures("handler_db")
def test_the_calendar_opens_on_this_week_and_today_and_moves_a_day_at_a_time(db):
    worker, today = _worker_with_meetings(db)
    state = _calendar(worker)
    state.call("load")
    assert state.loaded and state.heading == "Viikon tapaamiset" and len(state.week) == 7
    assert [d.today for d in state.week].index(True) == today.weekday() == state.weekday
    assert state.day.today and state.day.iso == today.isoformat()
    assert [m.time for m in state.day.meetings] == ["08:15–09:15", "15:00–16:00"]
    state.call("show_mode", "day")
    assert state.mode == "day"
    state.call("move_day", 1)
    assert state.day.iso == (today + timedelta(days=1)).isoformat() and not state.day.today
    assert [m.time for m in state.day.meetings] == ["12:00–13:00"]
    assert state.offset == (1 if today.weekday() == 6 else 0)  # Sunday -> next week's Monday
    state.call("move_day", -1)
    state.call("move_day", -1)
    assert state.day.iso == (today - timedelta(days=1)).isoformat()
    assert state.day.meetings == ()
    assert state.offset == (-1 if today.weekday() == 0 else 0)  # Monday -> last week's Sunday
    state.call("go_today")
    state.call("shift", 1)  # a week on: the same weekday, the week's own heading
    week = (today + timedelta(days=7)).isocalendar().week
    assert state.day.iso == (today + timedelta(days=7)).isoformat()
    assert state.heading == f"Tapaamiset, viikko {week}" and state.offset == 1
    state.call("go_today")
    assert (state.offset, state.day.iso) == (0, today.isoformat())
    assert state.heading == "Viikon tapaamiset"
    state.call("show_mode", "week")
    assert state.mode == "week" and not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_forged_arguments_change_nothing_and_crash_nothing(db):
    worker, today = _worker_with_meetings(db)
    state = _calendar(worker)
    state.call("load")
    before = (state.offset, state.weekday, state.mode, state.day, state.week)
    for bad in FORGED:
        state.call("move_day", bad)
        state.call("shift", bad)
        state.call("show_mode", bad)
    for bad in ("month", "DAY", "", "week "):
        state.call("show_mode", bad)
    assert (state.offset, state.weekday, state.mode, state.day, state.week) == before
    assert not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_the_calendar_goes_no_further_than_a_year_either_way(db):
    worker, _today = _worker_with_meetings(db)
    state = _calendar(worker)
    state.call("load")
    for _ in range(WEEKS_EITHER_WAY + 5):
        state.call("shift", 1)
    assert state.offset == WEEKS_EITHER_WAY - 1
    for _ in range(7):  # to the Sunday of the last week reachable, and no further
        state.call("move_day", 1)
    assert (state.offset, state.weekday) == (WEEKS_EITHER_WAY - 1, 6)
    state.call("go_today")
    for _ in range(WEEKS_EITHER_WAY + 5):
        state.call("shift", -1)
    assert state.offset == -(WEEKS_EITHER_WAY - 1) and not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_a_guardian_cannot_open_the_calendar(db):
    guardian = make_family(db).guardians[0]
    state = _calendar(guardian)
    assert state.call("load") == ["redirect"]
    state.call("show_mode", "day")
    state.call("move_day", 1)
    assert (state.mode, state.week, state.loaded) == ("week", [], False)


def test_a_meeting_of_a_family_that_needs_an_interpreter_says_so_until_one_is_booked(db):
    """Issue 17: every meeting of such a family shows the need to the worker, the calendar too."""
    worker = make_user(db, Role.WORKER, "Anna Heikkinen")
    needs, other = make_family(db, worker, name="Ahmed"), make_family(db, worker, name="Korhonen")
    needs.family.interpreter_needed, needs.family.interpreter_language = True, "arabia"
    db.add(needs.family)
    start = helsinki_at(MONDAY, 9)
    booked = add_meeting(db, needs.family, starts_at=start)
    unbooked = add_meeting(db, needs.family, starts_at=start + timedelta(hours=2))
    add_meeting(db, other.family, starts_at=start + timedelta(hours=4))
    booked.interpreter_booked = True
    db.add(booked)
    db.commit()
    rows = visits.worker_week(db, worker, MONDAY)
    assert [(r.family_name, r.interpreter, r.interpreter_booked) for r in rows] == [
        ("Ahmed", "arabia", True),
        ("Ahmed", "arabia", False),
        ("Korhonen", "", False),
    ]
    assert unbooked.id == rows[1].id
    day = present_week(MONDAY, rows, MONDAY, "fi")[0]
    assert [m.interpreter for m in day.meetings] == [
        "Tulkki tarvitaan: arabia · Tulkki tilattu",
        "Tulkki tarvitaan: arabia · Tulkkia ei ole tilattu",
        "",
    ]
    english = present_week(MONDAY, rows, MONDAY, "en")[0].meetings[1]
    assert english.interpreter == "Interpreter needed: arabia · Interpreter not booked"
