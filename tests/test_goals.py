"""Goal services: shape, rules, authorisation and the access log."""

from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest

from familywork_app.domain import FamilyStatus, GoalStatus, Role, SupportArea
from familywork_app.models import Goal, GoalEntry, utcnow
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
from tests.factories import make_entry, make_family, make_goal, make_user
from tests.goal_message_helpers import BAD_IDS, _count, _goal_ids, _log_count, _refused


def _goal_world(db):
    """A family of two guardians (Laura, then Jussi) and its two active goals (no entries)."""
    world = make_family(db, guardians=["Laura Virtanen", "Jussi Virtanen"])
    goals = [
        make_goal(db, world, title="Aamut sujuvat ilman riitaa"),
        make_goal(db, world, title="Rauhallinen iltarutiini", area=SupportArea.PARENTING),
    ]
    return world, goals


def test_family_goals_shape_order_and_one_log_row(db):
    world, (mornings, evenings) = _goal_world(db)
    laura, jussi = world.guardians
    mornings.target_date = date(2026, 6, 30)
    db.commit()
    now = utcnow()
    written = [  # (author, text, rating, days ago), written newest first
        (laura, "Paras viikko", 6, 2),
        (world.worker, "Jatketaan", None, 8),
        (jussi, "", 4, 12),
        (world.worker, "Hyvä alku", None, 18),
        (laura, "Aamu meni riidatta", 3, 20),
    ]
    for author, text, rating, days in written:
        make_entry(db, mornings, author, text, rating, at=now - timedelta(days=days))
    for text, rating, days in (("Ilta 1", 2, 9), ("Ilta 2", None, 5), ("", 5, 1)):
        make_entry(db, evenings, jussi, text, rating, at=now - timedelta(days=days))
    make_goal(db, make_family(db, world.worker), title="Toisen perheen tavoite")
    before = _log_count(db)
    goals = family_goals(db, laura, world.id, ip="10.0.0.1")
    assert [g.title for g in goals] == ["Aamut sujuvat ilman riitaa", "Rauhallinen iltarutiini"]
    first = goals[0]
    assert isinstance(first, GoalRow) and isinstance(first.entries, tuple)
    assert first.status is GoalStatus.ACTIVE and first.target_date == date(2026, 6, 30)
    assert first.support_area in set(SupportArea)
    times = [e.created_at for e in first.entries]
    assert len(times) == 5 and times == sorted(times) and times[0].tzinfo is not None
    assert isinstance(first.entries[0], GoalEntryRow)
    assert (first.entries[0].author_name, first.entries[0].rating) == ("Laura Virtanen", 3)
    assert first.entries[0].author_role is Role.GUARDIAN
    assert {e.author_role for e in first.entries} == {"guardian", "worker"}
    assert [r.rating for r in first.ratings] == [3, 4, 6]
    assert all(isinstance(r.at, datetime) for r in first.ratings)
    assert goals[1].entries[2].text == "" and goals[1].entries[2].rating == 5
    assert [r.rating for r in goals[1].ratings] == [2, 5]
    assert _log_count(db) == before + 1
    assert (
        _log_count(db, action="view_goals", user_id=laura.id, family_id=world.id, ip="10.0.0.1")
        == 1
    )


def test_goals_listed_active_then_achieved_then_dropped(db):
    world, _ = _goal_world(db)
    worker = world.worker
    existing = _goal_ids(db, world.id)
    new = [
        create_goal(db, worker, world.id, f"Tavoite {i}", "growth", "", None).id for i in range(3)
    ]
    end_goal(db, worker, existing[0], "dropped")
    end_goal(db, worker, new[0], "achieved")
    order = [(g.id, g.status) for g in family_goals(db, worker, world.id)]
    assert order == [
        (existing[1], "active"),
        (new[1], "active"),
        (new[2], "active"),
        (new[0], "achieved"),
        (existing[0], "dropped"),
    ]


def test_guardian_cannot_reach_other_families_goals(db):
    world, _ = _goal_world(db)
    guardian = world.guardians[0]
    others = [
        make_family(db, world.worker),
        make_family(db),
        make_family(db, status=FamilyStatus.APPLIED),
        make_family(db, world.worker, status=FamilyStatus.CLOSED),
    ]
    foreign_goals = [make_goal(db, other).id for other in others if other.worker]
    logs, entries = _log_count(db), _count(db, GoalEntry)
    for family_id in [f.id for f in others] + BAD_IDS:
        with pytest.raises(NotAllowed):
            family_goals(db, guardian, family_id)
    for goal_id in foreign_goals + BAD_IDS:
        with pytest.raises(NotAllowed):
            add_goal_entry(db, guardian, goal_id, "Hei", 5)
    assert _log_count(db) == logs and _count(db, GoalEntry) == entries


def test_another_worker_cannot_reach_the_family(db):
    world, goals = _goal_world(db)
    worker2 = make_user(db, Role.WORKER)
    make_family(db, worker2)  # worker2 has a caseload of their own
    goal_id = goals[0].id
    logs = _log_count(db)
    calls = [
        lambda: family_goals(db, worker2, world.id),
        lambda: add_goal_entry(db, worker2, goal_id, "Hei", None),
        lambda: create_goal(db, worker2, world.id, "Uusi", "growth", "", None),
        lambda: end_goal(db, worker2, goal_id, "achieved"),
        lambda: conversation(db, worker2, world.id),
        lambda: send_message(db, worker2, world.id, "Hei"),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert _log_count(db) == logs
    send_message(db, world.guardians[0], world.id, "Hei")  # the family has a conversation
    assert world.id not in {r.family_id for r in staff_inbox(db, worker2)}
    assert world.id in {r.family_id for r in staff_inbox(db, world.worker)}


def test_add_goal_entry_from_both_sides(db):
    world, goals = _goal_world(db)
    guardian, worker = world.guardians[1], world.worker
    goal_id = goals[0].id
    before = _log_count(db)
    entry = add_goal_entry(db, guardian, goal_id, "  Hyvä viikko  ", "7", ip="10.0.0.2")
    assert entry.text == "Hyvä viikko" and entry.rating == 7
    assert entry.author_name == "Jussi Virtanen" and entry.author_role == "guardian"
    assert isinstance(entry, GoalEntryRow) and entry.created_at.tzinfo is not None
    assert _log_count(db) == before + 1
    assert _log_count(db, action="add_goal_entry", user_id=guardian.id, ip="10.0.0.2") == 1
    zero = add_goal_entry(db, guardian, goal_id, "", 0)
    ten = add_goal_entry(db, guardian, goal_id, "", " 10 ")
    assert zero.rating == 0 and ten.rating == 10
    staff_entry = add_goal_entry(db, worker, goal_id, "Hienoa edistystä", "")
    assert staff_entry.rating is None and staff_entry.author_role == "worker"
    assert _log_count(db) == before + 4
    goal = next(g for g in family_goals(db, guardian, world.id) if g.id == goal_id)
    assert [e.id for e in goal.entries] == [entry.id, zero.id, ten.id, staff_entry.id]
    assert [r.rating for r in goal.ratings] == [7, 0, 10]


@pytest.mark.parametrize("rating", [11, -1, "abc", 3.5, True, "11", "-1", "5.0", "٣", [5], {}])
def test_bad_ratings_refused(db, rating):
    world, goals = _goal_world(db)
    guardian, goal_id = world.guardians[0], goals[0].id
    logs, entries = _log_count(db), _count(db, GoalEntry)
    _refused(
        "error.rating_range",
        add_goal_entry,
        db,
        guardian,
        goal_id,
        "Teksti",
        rating,
        field="rating",
    )
    assert _log_count(db) == logs and _count(db, GoalEntry) == entries


def test_entry_text_rules(db):
    world, goals = _goal_world(db)
    guardian, goal_id = world.guardians[0], goals[0].id
    entries = _count(db, GoalEntry)
    _refused("error.entry_empty", add_goal_entry, db, guardian, goal_id, "", None, field="text")
    _refused("error.entry_empty", add_goal_entry, db, guardian, goal_id, "   ", "", field="text")
    _refused("error.text_long", add_goal_entry, db, guardian, goal_id, "x" * 2001, 5, field="text")
    for text in (None, 5, ["a"]):
        _refused("error.invalid", add_goal_entry, db, guardian, goal_id, text, 5)
    assert _count(db, GoalEntry) == entries
    assert add_goal_entry(db, guardian, goal_id, "x" * 2000, None).text == "x" * 2000


def test_ended_goal_and_closed_family_take_no_entries(db):
    world, goals = _goal_world(db)
    worker, guardian, goal_id = world.worker, world.guardians[0], goals[0].id
    end_goal(db, worker, goal_id, "achieved")
    _refused("error.goal_not_active", add_goal_entry, db, guardian, goal_id, "Hei", 5)
    _refused("error.goal_not_active", end_goal, db, worker, goal_id, "dropped")
    closed = make_family(db, worker, status=FamilyStatus.CLOSED)
    goal = create_goal(db, worker, closed.id, "Jälkiseuranta", "everyday", "", "")
    former = closed.guardians[0]
    assert [g.id for g in family_goals(db, former, closed.id)] == [goal.id]
    with pytest.raises(NotAllowed):
        add_goal_entry(db, former, goal.id, "Hei", 5)
    assert add_goal_entry(db, worker, goal.id, "Soitettu perheelle", None).text


def test_create_goal_rules(db):
    world, _ = _goal_world(db)
    worker, guardian = world.worker, world.guardians[0]
    with pytest.raises(NotAllowed):
        create_goal(db, guardian, world.id, "Oma", "growth", "", None)
    for bad in BAD_IDS + [make_family(db).id]:
        with pytest.raises(NotAllowed):
            create_goal(db, worker, bad, "Tavoite", "growth", "", None)
    args = dict(
        session=db,
        user=worker,
        family_id=world.id,
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
    goals, logs = _count(db, Goal), _log_count(db)
    for field, value, code in cases:
        _refused(code, partial(create_goal, **{**args, field: value}), field=field)
    assert _count(db, Goal) == goals and _log_count(db) == logs
    goal = create_goal(
        **{**args, "title": " Uni ", "what_we_do": " Iltasatu ", "target_date": "2026-05-01"},
        ip="10.0.0.3",
    )
    assert goal.title == "Uni" and goal.what_we_do == "Iltasatu"
    assert goal.target_date == date(2026, 5, 1) and goal.status is GoalStatus.ACTIVE
    assert goal.support_area is SupportArea.GROWTH
    assert goal.entries == () and goal.ratings == ()
    assert _log_count(db) == logs + 1
    assert _log_count(db, action="create_goal", family_id=world.id, ip="10.0.0.3") == 1
    june = date(2026, 6, 1)
    assert create_goal(**{**args, "target_date": june}).target_date == june
    assert create_goal(**args).target_date is None


def test_end_goal_rules(db):
    world, goals = _goal_world(db)
    worker, guardian = world.worker, world.guardians[0]
    supervisor = make_user(db, Role.SUPERVISOR)
    first, second = (goal.id for goal in goals)
    with pytest.raises(NotAllowed):
        end_goal(db, guardian, first, "achieved")
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            end_goal(db, worker, bad, "achieved")
    for status in ("active", "bogus", None, 1):
        _refused("error.invalid", end_goal, db, worker, first, status)
    logs = _log_count(db)
    assert end_goal(db, worker, first, "achieved") is None
    assert end_goal(db, supervisor, second, "dropped") is None
    assert _log_count(db) == logs + 2
    assert _log_count(db, action="end_goal", user_id=worker.id) == 1
    ended = {goal_id: db.get(Goal, goal_id) for goal_id in (first, second)}
    assert ended[first].status == "achieved" and ended[second].status == "dropped"
    assert ended[first].ended_at is not None and ended[second].ended_at is not None
