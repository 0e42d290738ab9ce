"""Goal services: shape, rules, authorisation and the access log."""

from datetime import UTC, date, datetime
from functools import partial

import pytest
from sqlmodel import select

from familywork_app.domain import (
    GoalStatus,
    Role,
    SupportArea,
)
from familywork_app.models import Family, Goal, GoalEntry
from familywork_app.services import NotAllowed
from familywork_app.services.goals import (
    GoalEntryRow,
    GoalRow,
    add_goal_entry,
    create_goal,
    end_goal,
    family_goals,
)
from familywork_app.services.messages import conversation, send_message, staff_inbox
from tests.conftest import user_by_email
from tests.goal_message_helpers import (
    BAD_IDS,
    GUARDIAN,
    GUARDIAN2,
    SUPERVISOR,
    WORKER,
    WORKER2,
    _count,
    _family,
    _goal_ids,
    _log_count,
    _refused,
)


def test_family_goals_shape_order_and_one_log_row(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    before = _log_count(demo_db)
    goals = family_goals(demo_db, guardian, family.id, ip="10.0.0.1")
    assert [g.title for g in goals] == ["Aamut sujuvat ilman riitaa", "Rauhallinen iltarutiini"]
    first = goals[0]
    assert isinstance(first, GoalRow) and isinstance(first.entries, tuple)
    assert first.status is GoalStatus.ACTIVE and isinstance(first.target_date, date)
    assert first.support_area in set(SupportArea)
    times = [e.created_at for e in first.entries]
    assert len(times) == 5 and times == sorted(times) and times[0].tzinfo is not None
    assert isinstance(first.entries[0], GoalEntryRow)
    assert (first.entries[0].author_name, first.entries[0].rating) == ("Laura Kemppainen", 3)
    assert first.entries[0].author_role is Role.GUARDIAN
    assert {e.author_role for e in first.entries} == {"guardian", "worker"}
    assert [r.rating for r in first.ratings] == [3, 4, 6]
    assert all(isinstance(r.at, datetime) for r in first.ratings)
    assert goals[1].entries[2].text == "" and goals[1].entries[2].rating == 5
    assert _log_count(demo_db) == before + 1
    assert (
        _log_count(
            demo_db, action="view_goals", user_id=guardian.id, family_id=family.id, ip="10.0.0.1"
        )
        == 1
    )


def test_goals_listed_active_then_achieved_then_dropped(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    existing = _goal_ids(demo_db, family.id)
    new = [
        create_goal(demo_db, worker, family.id, f"Tavoite {i}", "growth", "", None).id
        for i in range(3)
    ]
    end_goal(demo_db, worker, existing[0], "dropped")
    end_goal(demo_db, worker, new[0], "achieved")
    order = [(g.id, g.status) for g in family_goals(demo_db, worker, family.id)]
    assert order == [
        (existing[1], "active"),
        (new[1], "active"),
        (new[2], "active"),
        (new[0], "achieved"),
        (existing[0], "dropped"),
    ]


def test_guardian_cannot_reach_other_families_goals(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    own = _family(demo_db, "Kemppainen")
    others = demo_db.exec(select(Family).where(Family.id != own.id)).all()
    foreign_goals = demo_db.exec(select(Goal.id).where(Goal.family_id != own.id)).all()
    assert len(others) >= 8 and foreign_goals
    logs, entries = _log_count(demo_db), _count(demo_db, GoalEntry)
    for family_id in [f.id for f in others] + BAD_IDS:
        with pytest.raises(NotAllowed):
            family_goals(demo_db, guardian, family_id)
    for goal_id in foreign_goals + BAD_IDS:
        with pytest.raises(NotAllowed):
            add_goal_entry(demo_db, guardian, goal_id, "Hei", 5)
    assert _log_count(demo_db) == logs and _count(demo_db, GoalEntry) == entries


def test_worker2_cannot_reach_kemppainen(demo_db):
    worker2 = user_by_email(demo_db, WORKER2)
    family = _family(demo_db, "Kemppainen")
    goal_id = _goal_ids(demo_db, family.id)[0]
    logs = _log_count(demo_db)
    calls = [
        lambda: family_goals(demo_db, worker2, family.id),
        lambda: add_goal_entry(demo_db, worker2, goal_id, "Hei", None),
        lambda: create_goal(demo_db, worker2, family.id, "Uusi", "growth", "", None),
        lambda: end_goal(demo_db, worker2, goal_id, "achieved"),
        lambda: conversation(demo_db, worker2, family.id),
        lambda: send_message(demo_db, worker2, family.id, "Hei"),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert _log_count(demo_db) == logs
    assert family.id not in {r.family_id for r in staff_inbox(demo_db, worker2)}


def test_add_goal_entry_from_both_sides(demo_db):
    guardian, worker = user_by_email(demo_db, GUARDIAN2), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    goal_id = _goal_ids(demo_db, family.id)[0]
    before = _log_count(demo_db)
    entry = add_goal_entry(demo_db, guardian, goal_id, "  Hyvä viikko  ", "7", ip="10.0.0.2")
    assert entry.text == "Hyvä viikko" and entry.rating == 7
    assert entry.author_name == "Jussi Kemppainen" and entry.author_role == "guardian"
    assert isinstance(entry, GoalEntryRow) and entry.created_at.tzinfo is not None
    assert _log_count(demo_db) == before + 1
    assert _log_count(demo_db, action="add_goal_entry", user_id=guardian.id, ip="10.0.0.2") == 1
    zero = add_goal_entry(demo_db, guardian, goal_id, "", 0)
    ten = add_goal_entry(demo_db, guardian, goal_id, "", " 10 ")
    assert zero.rating == 0 and ten.rating == 10
    staff_entry = add_goal_entry(demo_db, worker, goal_id, "Hienoa edistystä", "")
    assert staff_entry.rating is None and staff_entry.author_role == "worker"
    assert _log_count(demo_db) == before + 4
    goal = next(g for g in family_goals(demo_db, guardian, family.id) if g.id == goal_id)
    assert [e.id for e in goal.entries][-4:] == [
        entry.id,
        zero.id,
        ten.id,
        staff_entry.id,
    ]
    assert [r.rating for r in goal.ratings][-3:] == [7, 0, 10]


@pytest.mark.parametrize("rating", [11, -1, "abc", 3.5, True, "11", "-1", "5.0", "٣", [5], {}])
def test_bad_ratings_refused(demo_db, rating):
    guardian = user_by_email(demo_db, GUARDIAN)
    goal_id = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)[0]
    logs, entries = _log_count(demo_db), _count(demo_db, GoalEntry)
    _refused(
        "error.rating_range",
        add_goal_entry,
        demo_db,
        guardian,
        goal_id,
        "Teksti",
        rating,
        field="rating",
    )
    assert _log_count(demo_db) == logs and _count(demo_db, GoalEntry) == entries


def test_entry_text_rules(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    goal_id = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)[0]
    entries = _count(demo_db, GoalEntry)
    _refused(
        "error.entry_empty", add_goal_entry, demo_db, guardian, goal_id, "", None, field="text"
    )
    _refused(
        "error.entry_empty", add_goal_entry, demo_db, guardian, goal_id, "   ", "", field="text"
    )
    _refused(
        "error.text_long", add_goal_entry, demo_db, guardian, goal_id, "x" * 2001, 5, field="text"
    )
    for text in (None, 5, ["a"]):
        _refused("error.invalid", add_goal_entry, demo_db, guardian, goal_id, text, 5)
    assert _count(demo_db, GoalEntry) == entries
    assert add_goal_entry(demo_db, guardian, goal_id, "x" * 2000, None).text == "x" * 2000


def test_ended_goal_and_closed_family_take_no_entries(demo_db):
    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    goal_id = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)[0]
    end_goal(demo_db, worker, goal_id, "achieved")
    _refused("error.goal_not_active", add_goal_entry, demo_db, guardian, goal_id, "Hei", 5)
    _refused("error.goal_not_active", end_goal, demo_db, worker, goal_id, "dropped")
    closed = _family(demo_db, "Komulainen")
    assert closed.status == "closed"
    goal = create_goal(demo_db, worker, closed.id, "Jälkiseuranta", "everyday", "", "")
    former = user_by_email(demo_db, "heikki.komulainen@example.org")
    assert [g.id for g in family_goals(demo_db, former, closed.id)] == [goal.id]
    with pytest.raises(NotAllowed):
        add_goal_entry(demo_db, former, goal.id, "Hei", 5)
    assert add_goal_entry(demo_db, worker, goal.id, "Soitettu perheelle", None).text


def test_create_goal_rules(demo_db):
    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    with pytest.raises(NotAllowed):
        create_goal(demo_db, guardian, family.id, "Oma", "growth", "", None)
    for bad in BAD_IDS + [_family(demo_db, "Ryynänen").id]:
        with pytest.raises(NotAllowed):
            create_goal(demo_db, worker, bad, "Tavoite", "growth", "", None)
    args = dict(
        session=demo_db,
        user=worker,
        family_id=family.id,
        title="Tavoite",
        support_area="growth",
        what_we_do="",
        target_date=None,
    )
    cases = [
        ("title", "   ", "error.title_required"),
        ("title", "x" * 201, "error.title_long"),
        ("title", None, "error.invalid"),
        ("support_area", "bogus", "error.area_required"),
        ("support_area", None, "error.area_required"),
        ("support_area", ["growth"], "error.area_required"),
        ("what_we_do", "x" * 2001, "error.text_long"),
        ("target_date", "2026-13-01", "error.date_invalid"),
        ("target_date", "tomorrow", "error.date_invalid"),
        ("target_date", "20260101", "error.date_invalid"),
        ("target_date", 20260101, "error.date_invalid"),
        ("target_date", datetime(2026, 1, 1, tzinfo=UTC), "error.date_invalid"),
    ]
    goals, logs = _count(demo_db, Goal), _log_count(demo_db)
    for field, value, code in cases:
        _refused(code, partial(create_goal, **{**args, field: value}), field=field)
    assert _count(demo_db, Goal) == goals and _log_count(demo_db) == logs
    goal = create_goal(
        **{**args, "title": " Uni ", "what_we_do": " Iltasatu ", "target_date": "2026-05-01"},
        ip="10.0.0.3",
    )
    assert goal.title == "Uni" and goal.what_we_do == "Iltasatu"
    assert goal.target_date == date(2026, 5, 1) and goal.status is GoalStatus.ACTIVE
    assert goal.support_area is SupportArea.GROWTH
    assert goal.entries == () and goal.ratings == ()
    assert _log_count(demo_db) == logs + 1
    assert _log_count(demo_db, action="create_goal", family_id=family.id, ip="10.0.0.3") == 1
    june = date(2026, 6, 1)
    assert create_goal(**{**args, "target_date": june}).target_date == june
    assert create_goal(**args).target_date is None


def test_end_goal_rules(demo_db):
    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    supervisor = user_by_email(demo_db, SUPERVISOR)
    first, second = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)
    with pytest.raises(NotAllowed):
        end_goal(demo_db, guardian, first, "achieved")
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            end_goal(demo_db, worker, bad, "achieved")
    for status in ("active", "bogus", None, 1):
        _refused("error.invalid", end_goal, demo_db, worker, first, status)
    logs = _log_count(demo_db)
    assert end_goal(demo_db, worker, first, "achieved") is None
    assert end_goal(demo_db, supervisor, second, "dropped") is None
    assert _log_count(demo_db) == logs + 2
    assert _log_count(demo_db, action="end_goal", user_id=worker.id) == 1
    ended = {goal_id: demo_db.get(Goal, goal_id) for goal_id in (first, second)}
    assert ended[first].status == "achieved" and ended[second].status == "dropped"
    assert ended[first].ended_at is not None and ended[second].ended_at is not None
