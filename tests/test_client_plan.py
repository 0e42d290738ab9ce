"""The client plan: drafts the family writes into, made versions that stay as they were, the
guardians' acknowledgements, and the refusals (no goal, a review date past, another family's
plan or goal, a worker of another caseload)."""

from datetime import timedelta

import pytest

from familywork_app.domain import CaseStepKind, GoalStatus, Role
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.case_process import case_timeline, helsinki_today
from familywork_app.services.client_plan import (
    acknowledge_plan,
    family_plans,
    make_plan,
    plan_acknowledgements,
    save_plan_draft,
    write_family_view,
)
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.services.export import family_export
from familywork_app.services.export_html import render_export
from tests.factories import make_family, make_goal, make_user


def _refused(call, code: str, field: str = "") -> None:
    with pytest.raises(ServiceError) as refused:
        call()
    assert (refused.value.code, refused.value.field) == (code, field)


def _entry(goals, days: int = 90, **fields) -> PlanEntry:
    review = (helsinki_today() + timedelta(days=days)).isoformat()
    values = {
        "worker_view": "Vanhemmat jaksavat paremmin.",
        "who_does_what": "Äiti herättää, isä tekee aamupalan.",
        "meeting_rhythm": "Kerran viikossa",
        "next_review": review,
        "differences": "Unen määrä.",
        "goal_ids": [g.id for g in goals],
    }
    return PlanEntry(**{**values, **fields})


def test_the_family_writes_its_view_into_the_draft_and_the_worker_makes_the_plan(db):
    world = make_family(db, guardians=2)
    worker, mother, father = world.worker, *world.guardians
    goal = make_goal(db, world)
    _refused(lambda: write_family_view(db, mother, world.id, "x", "y"), "error.plan_no_draft")
    draft = save_plan_draft(db, worker, world.id, PlanEntry(goal_ids=[goal.id]))
    assert draft.is_draft and draft.version == 1 and [g.id for g in draft.goals] == [goal.id]
    written = write_family_view(db, mother, world.id, " Aamut ovat kiireisiä. ", "Huumori")
    assert (written.family_view, written.family_strengths) == ("Aamut ovat kiireisiä.", "Huumori")
    made = make_plan(db, worker, world.id, _entry([goal]))
    assert not made.is_draft and made.family_view == "Aamut ovat kiireisiä."  # kept
    assert made.created_by == worker.display_name and made.meeting_rhythm == "Kerran viikossa"
    _refused(lambda: write_family_view(db, mother, world.id, "x", "y"), "error.plan_no_draft")
    steps = case_timeline(db, worker, world.id).steps
    assert [s.kind for s in steps] == [CaseStepKind.PLAN_MADE]

    acknowledge_plan(db, mother, made.id, "  Hyvä suunnitelma. ")
    _refused(lambda: acknowledge_plan(db, mother, made.id, ""), "error.plan_acknowledged")
    acknowledge_plan(db, father, made.id)
    acks = plan_acknowledgements(db, worker, made.id)
    assert [(a.guardian_name, a.comment) for a in acks] == [
        (mother.display_name, "Hyvä suunnitelma."),
        (father.display_name, ""),
    ]
    plans = family_plans(db, father, world.id)
    assert plans.draft is None and plans.current is not None and plans.earlier == ()
    assert len(plans.current.acknowledgements) == 2


def test_a_review_makes_a_new_version_and_the_earlier_stays_readable(db):
    world = make_family(db)
    worker = world.worker
    kept, ended = make_goal(db, world, title="Aamut"), make_goal(db, world, title="Ulkoilu")
    first = make_plan(
        db, worker, world.id, _entry([kept, ended]), on=helsinki_today() - timedelta(5)
    )
    ended.status = GoalStatus.ACHIEVED
    db.add(ended)
    db.commit()
    draft = save_plan_draft(db, worker, world.id, PlanEntry(worker_view="Uusi näkemys."))
    assert draft.version == 2 and [g.id for g in draft.goals] == [kept.id]  # active ones go on
    assert draft.who_does_what == ""  # the entry wrote every staff field
    assert draft.family_view == first.family_view  # the family's own text carries over
    _refused(
        lambda: make_plan(db, worker, world.id, _entry([kept]), on=helsinki_today() - timedelta(6)),
        "error.review_before_plan",
        "on",
    )
    second = make_plan(db, worker, world.id, _entry([kept], days=180))
    plans = family_plans(db, world.guardians[0], world.id)
    assert plans.current is not None and plans.current.id == second.id
    assert [p.id for p in plans.earlier] == [first.id]
    assert plans.earlier[0].worker_view == "Vanhemmat jaksavat paremmin."
    assert [g.title for g in plans.earlier[0].goals] == ["Aamut", "Ulkoilu"]
    kinds = [s.kind for s in case_timeline(db, worker, world.id).steps]
    assert kinds == [CaseStepKind.PLAN_MADE, CaseStepKind.PLAN_REVIEWED]


def test_bad_plans_are_refused_with_their_field_and_nothing_is_saved(db):
    world = make_family(db)
    worker = world.worker
    goal = make_goal(db, world)
    _refused(
        lambda: make_plan(db, worker, world.id, _entry([])), "error.plan_goal_required", "goals"
    )
    _refused(
        lambda: make_plan(db, worker, world.id, _entry([goal], days=-1)),
        "error.review_in_past",
        "next_review",
    )
    _refused(
        lambda: save_plan_draft(db, worker, world.id, _entry([goal], days=-1)),
        "error.review_in_past",
        "next_review",
    )
    _refused(
        lambda: make_plan(db, worker, world.id, PlanEntry(goal_ids=[goal.id])),
        "error.review_required",
        "next_review",
    )
    _refused(
        lambda: make_plan(db, worker, world.id, _entry([goal], worker_view="x" * 4001)),
        "error.text_long",
        "worker_view",
    )
    _refused(
        lambda: make_plan(db, worker, world.id, _entry([goal]), on="2999-01-01"),
        "error.step_in_future",
        "on",
    )
    plans = family_plans(db, worker, world.id)
    assert (plans.draft, plans.current) == (None, None)
    draft = save_plan_draft(db, worker, world.id, PlanEntry(goal_ids=[]))
    _refused(
        lambda: make_plan(db, worker, world.id, _entry([goal], goal_ids=None)),
        "error.plan_goal_required",
        "goals",
    )
    assert draft.goals == ()


def test_a_draft_cannot_be_acknowledged(db):
    world = make_family(db)
    draft = save_plan_draft(db, world.worker, world.id, PlanEntry())
    _refused(lambda: acknowledge_plan(db, world.guardians[0], draft.id), "error.plan_not_made")


def test_attackers_meet_the_policy(db):
    world = make_family(db)
    goal = make_goal(db, world)
    plan = make_plan(db, world.worker, world.id, _entry([goal]))
    other = make_family(db)
    other_goal = make_goal(db, other)
    stranger_worker = make_user(db, Role.WORKER)
    supervisor = make_user(db, Role.SUPERVISOR)
    outsider = other.guardians[0]
    for call in (
        lambda: acknowledge_plan(db, outsider, plan.id, "forged"),  # another family's plan
        lambda: acknowledge_plan(db, world.worker, plan.id),  # staff do not acknowledge
        lambda: acknowledge_plan(db, world.guardians[0], 10**6),
        lambda: acknowledge_plan(db, world.guardians[0], "1"),
        lambda: plan_acknowledgements(db, outsider, plan.id),
        lambda: family_plans(db, outsider, world.id),
        lambda: family_plans(db, stranger_worker, world.id),
        lambda: save_plan_draft(db, stranger_worker, world.id, PlanEntry()),
        lambda: make_plan(db, stranger_worker, world.id, _entry([goal])),
        lambda: write_family_view(db, outsider, world.id, "x", "y"),
        lambda: save_plan_draft(db, world.guardians[0], world.id, PlanEntry()),
        lambda: make_plan(db, world.worker, world.id, _entry([other_goal])),  # forged goal id
    ):
        with pytest.raises(NotAllowed):
            call()
    assert plan_acknowledgements(db, world.guardians[0], plan.id) == []
    assert family_plans(db, supervisor, world.id).current is not None


def test_the_plan_is_in_the_familys_export(db):
    world = make_family(db)
    guardian = world.guardians[0]
    goal = make_goal(db, world, title="Rauhalliset aamut")
    plan = make_plan(db, world.worker, world.id, _entry([goal]))
    acknowledge_plan(db, guardian, plan.id, "Kiitos <3")
    data = family_export(db, guardian)
    assert [p.version for p in data.plans] == [1]
    assert data.plans[0].goals == ("Rauhalliset aamut",)
    assert data.plans[0].acknowledgements[0].comment == "Kiitos <3"
    exported = data.as_json()["plans"]
    assert exported[0]["who_does_what"] == "Äiti herättää, isä tekee aamupalan."
    page = render_export(data, "fi")
    assert "Asiakassuunnitelma" in page and "Kiitos &lt;3" in page
