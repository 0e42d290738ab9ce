"""The client plan's pages without a browser: the presenters, the worker's plan section on the
record (save, make, review, refusals beside their fields and in the summary), the guardian's
page (the family's view, the acknowledgement, a forged acknowledgement of another family's
plan), and the demo family's plan."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import func, select

from familywork_app.domain import CaseStepKind, LogAction
from familywork_app.models import (
    AccessLog,
    CaseStep,
    ClientPlan,
    Family,
    PlanAcknowledgement,
    User,
)
from familywork_app.services.case_process import helsinki_today
from familywork_app.services.client_plan import (
    acknowledge_plan,
    family_plans,
    make_plan,
    save_plan_draft,
    write_family_view,
)
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.services.demo_data import load_demo_data
from familywork_app.services.goals import family_goals
from familywork_app.state.client_plan import NO_ERRORS, ClientPlanState, PlanForm
from familywork_app.state.family_plan import FamilyPlanState
from familywork_app.state.plan_presenters import form_defaults, goal_choices, present_version
from tests.conftest import user_by_email
from tests.factories import FamilyWorld, make_family, make_goal
from tests.goal_message_helpers import StateDouble
from tests.test_design_system import _toasts

SOON = (helsinki_today() + timedelta(days=60)).isoformat()
PAST = (helsinki_today() - timedelta(days=1)).isoformat()


def _count(db, model, **where) -> int:
    stmt = select(func.count()).select_from(model)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return db.exec(stmt).one()


def _worker(world: FamilyWorld) -> User:
    assert world.worker is not None
    return world.worker


def _record_section(world) -> StateDouble:
    """The worker's plan section of the world's record, loaded."""
    state = StateDouble(
        ClientPlanState,
        world.worker,
        router=SimpleNamespace(page=SimpleNamespace(params={"fid": str(world.id)})),
        current=None,
        draft=None,
        defaults=None,
    )
    state.call("load")
    return state


def _form(goals, **fields) -> dict:
    values = {
        "intent": "make",
        "family_view": "",
        "family_strengths": "",
        "worker_view": "Arki on raskasta.",
        "who_does_what": "Äiti herättää.",
        "meeting_rhythm": "Kerran viikossa",
        "next_review": SOON,
        "differences": "",
        **{f"goal-{g.id}": "on" for g in goals},
    }
    return {**values, **fields}


def test_a_version_is_shown_with_its_dates_goals_and_acknowledgements(db):
    world = make_family(db, guardians=["Laura Kemppainen"])
    goal = make_goal(db, world, title="Rauhalliset aamut")
    made = make_plan(db, _worker(world), world.id, PlanEntry(next_review=SOON, goal_ids=[goal.id]))
    acknowledge_plan(db, world.guardians[0], made.id, "Kiitos.")
    plans = family_plans(db, _worker(world), world.id)
    assert plans.current is not None
    view = present_version(plans.current, "fi")
    assert view.heading == "Versio 1" and view.made.startswith("Laadittu ")
    assert view.made.endswith(_worker(world).display_name)
    assert [(g.title, g.area, g.status_label) for g in view.goals] == [
        ("Rauhalliset aamut", "Perheen arjessa selviytyminen", "Käynnissä")
    ]
    assert [(a.name, a.comment) for a in view.acks] == [("Laura Kemppainen", "Kiitos.")]
    # a review starts from the version in force, but not from its review date
    assert form_defaults(None, plans.current).next_review == ""
    draft = save_plan_draft(db, _worker(world), world.id, PlanEntry(next_review=SOON))
    assert form_defaults(draft, plans.current).next_review == SOON
    assert present_version(draft, "en").made.startswith("Draft, started on ")


def test_the_goal_choices_tick_what_the_service_would_put_in_the_plan(db):
    world = make_family(db)
    first, second = make_goal(db, world, title="Aamut"), make_goal(db, world, title="Illat")
    goals = family_goals(db, _worker(world), world.id)
    assert [c.chosen for c in goal_choices(goals, None, None, "fi")] == [True, True]
    made = make_plan(db, _worker(world), world.id, PlanEntry(next_review=SOON, goal_ids=[first.id]))
    chosen = {c.title: c.chosen for c in goal_choices(goals, None, made, "fi")}
    assert chosen == {"Aamut": True, "Illat": False}
    assert second.id is not None


def test_the_plan_forms_goal_checkboxes_are_read_from_their_names():
    form = PlanForm.parse({"goal-12": "on", "goal-13": True, "goal-14": False, "goal-x": "on"})
    assert form.goal_ids() == [12, 13, 0]  # a forged name becomes 0, which the service refuses
    assert PlanForm.parse({"intent": ["make"]}).intent == ""


@pytest.mark.usefixtures("handler_db")
def test_the_worker_makes_then_reviews_the_plan_with_a_toast_each_time(db):
    world = make_family(db)
    goal = make_goal(db, world)
    state = _record_section(world)
    assert state.loaded and not state.has_current and state.next_version == "1"
    assert [c.chosen for c in state.goal_choices] == [True]
    saved = state.call("submit_plan", _form([goal], intent="save", worker_view="Luonnos."))
    assert _toasts(saved) == ["Luonnos tallennettu. Perhe voi kirjoittaa siihen näkemyksensä."]
    assert state.has_draft and state.defaults.worker_view == "Luonnos."
    made = state.call("submit_plan", _form([goal]))
    assert _toasts(made) == ["Suunnitelma laadittu. Perhe voi lukea ja kuitata sen."]
    assert state.has_current and not state.has_draft and state.current.version == "1"
    assert state.next_version == "2" and state.errors == NO_ERRORS
    reviewed = state.call("submit_plan", _form([goal], worker_view="Tarkistettu."))
    assert _toasts(reviewed)[0].startswith("Tarkistettu suunnitelma tallennettu.")
    assert state.current.version == "2" and state.current.worker_view == "Tarkistettu."
    assert [v.version for v in state.earlier] == ["1"]
    kinds = db.exec(select(CaseStep.kind).where(CaseStep.family_id == world.id)).all()
    assert sorted(kinds) == sorted([CaseStepKind.PLAN_MADE, CaseStepKind.PLAN_REVIEWED])


@pytest.mark.usefixtures("handler_db")
def test_refusals_stand_beside_their_fields_and_in_the_summary_and_nothing_is_saved(db):
    world = make_family(db)
    goal = make_goal(db, world)
    state = _record_section(world)
    key = state.form_key
    focus = state.call("submit_plan", _form([]))
    assert state.errors["goals"] == "error.plan_goal_required"
    assert [(link.field, link.key) for link in state.error_links] == [
        ("plan-goals", "error.plan_goal_required")
    ]
    assert "fwFocusErrorSummary" in str(focus)
    state.call("submit_plan", _form([goal], next_review=PAST))
    assert state.errors == {**NO_ERRORS, "next_review": "error.review_in_past"}
    assert state.error_links[0].field == "plan-review"
    state.call("submit_plan", _form([goal], intent="save", next_review="31.12.2099"))
    assert state.errors["next_review"] == "error.date_invalid"
    assert _count(db, ClientPlan) == 0 and state.form_key == key  # the typed text stays
    assert not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_the_workers_untouched_family_text_keeps_what_the_family_wrote_meanwhile(db):
    world = make_family(db)
    goal = make_goal(db, world)
    save_plan_draft(db, _worker(world), world.id, PlanEntry(goal_ids=[goal.id]))
    state = _record_section(world)  # the form shows the family's (empty) view
    write_family_view(db, world.guardians[0], world.id, "Meillä on kiire.", "Huumori.")
    state.call("submit_plan", _form([goal], intent="save"))
    assert (state.draft.family_view, state.draft.family_strengths) == (
        "Meillä on kiire.",
        "Huumori.",
    )
    state.call("submit_plan", _form([goal], intent="save", family_view="Yhdessä kirjoitettu."))
    assert state.draft.family_view == "Yhdessä kirjoitettu."


def _guardian_page(world, guardian=None) -> StateDouble:
    state = StateDouble(
        FamilyPlanState, guardian or world.guardians[0], world.id, current=None, my_ack=None
    )
    state.call("load")
    return state


@pytest.mark.usefixtures("handler_db")
def test_the_guardian_writes_the_familys_view_and_acknowledges_the_plan(db):
    world = make_family(db, guardians=2)
    goal = make_goal(db, world)
    state = _guardian_page(world)
    assert state.loaded and not state.has_current and not state.has_draft
    refused = state.call("write_view", {"family_view": "Kiire", "family_strengths": ""})
    assert state.errors["view"] == "error.plan_no_draft" and "fwFocusErrorSummary" in str(refused)
    made = make_plan(db, _worker(world), world.id, PlanEntry(next_review=SOON, goal_ids=[goal.id]))
    save_plan_draft(db, _worker(world), world.id, PlanEntry(next_review=SOON))
    state.call("load")
    assert state.has_current and state.has_draft and state.draft_version == "2"
    assert state.download == f"/export/plan/{made.id}.html" and not state.acked
    saved = state.call("write_view", {"family_view": " Aamut ", "family_strengths": "Huumori"})
    assert _toasts(saved) == ["Perheen näkemys tallennettu. Työntekijä näkee sen."]
    assert (state.draft_view, state.draft_strengths) == ("Aamut", "Huumori")
    acked = state.call("acknowledge", {"plan_id": str(made.id), "comment": " Hyvä <3 "})
    assert _toasts(acked) == ["Kuittaus tallennettu. Työntekijä näkee sen."]
    assert state.acked and state.my_ack.comment == "Hyvä <3" and state.my_ack.on
    assert state.call("acknowledge", {"plan_id": str(made.id), "comment": ""}) is None
    assert state.errors["ack"] == "error.plan_acknowledged"
    state.call("acknowledge", {"plan_id": str(made.id), "comment": "x" * 1001})  # forged length
    assert _count(db, PlanAcknowledgement) == 1 and not state.crashed


@pytest.mark.usefixtures("handler_db")
def test_a_forged_acknowledgement_of_another_familys_plan_is_refused_and_stores_nothing(db):
    world, other = make_family(db), make_family(db, name="Toinen perhe")
    goal = make_goal(db, other)
    theirs = make_plan(
        db, _worker(other), other.id, PlanEntry(next_review=SOON, goal_ids=[goal.id])
    )
    state = _guardian_page(world)
    logged = _count(db, AccessLog)
    for forged in (theirs.id, str(theirs.id), "999999", {"$gt": 0}, ""):
        assert state.call("acknowledge", {"plan_id": forged, "comment": "forged"}) is None
    assert state.errors["ack"] == "error.not_allowed" and not state.acked
    assert _count(db, PlanAcknowledgement) == 0
    assert _count(db, AccessLog) == logged  # the service logs only what it allowed
    assert _count(db, AccessLog, action=LogAction.ACKNOWLEDGE_PLAN) == 0
    assert "Toinen perhe" not in repr(vars(state)) and not state.has_current


@pytest.mark.usefixtures("handler_db")
def test_a_family_without_a_plan_sees_the_empty_page(db):
    world = make_family(db)
    state = _guardian_page(world)
    assert state.loaded and not (state.has_current or state.has_draft or state.earlier)


def test_the_demo_family_has_a_made_plan_acknowledged_by_jussi_and_an_open_review(db):
    assert load_demo_data(db) is True
    laura = user_by_email(db, "family@example.org")
    worker = user_by_email(db, "worker@example.org")
    family_id = db.exec(select(Family.id).where(Family.name == "Kemppainen")).one()
    plans = family_plans(db, laura, family_id)
    assert plans.current is not None and plans.draft is not None
    assert (plans.current.version, plans.draft.version) == (1, 2)
    assert len(plans.current.goals) == 2 and plans.draft.goals == plans.current.goals
    assert [a.guardian_name for a in plans.current.acknowledgements] == ["Jussi Kemppainen"]
    assert plans.current.next_review and plans.current.next_review > helsinki_today()
    acknowledge_plan(db, laura, plans.current.id, "Luettu.")  # what the browser test does
    review = PlanEntry(next_review=SOON, goal_ids=[g.id for g in plans.draft.goals])
    assert make_plan(db, worker, family_id, review).version == 2  # the review can be made


@pytest.mark.usefixtures("handler_db")
def test_the_browser_tests_review_on_the_demo_family_in_the_same_steps(db):
    """tests/e2e/test_client_plan.py's tablet steps, without the browser."""
    assert load_demo_data(db) is True
    family = db.exec(select(Family).where(Family.name == "Kemppainen")).one()
    world = SimpleNamespace(id=family.id, worker=user_by_email(db, "worker@example.org"))
    state = _record_section(world)
    assert state.has_current and state.has_draft and state.defaults.next_review == ""
    sent = {
        "intent": "make",
        "family_view": state.defaults.family_view,  # as the form showed it
        "family_strengths": state.defaults.family_strengths,
        "worker_view": "Aamut sujuvat, iltoihin tarvitaan vielä tukea.",
        "who_does_what": state.defaults.who_does_what,
        "meeting_rhythm": state.defaults.meeting_rhythm,
        "differences": state.defaults.differences,
    }
    state.call("submit_plan", {**sent, "next_review": ""})
    assert state.errors["next_review"] == "error.review_required"  # refused before the goals
    state.call("submit_plan", {**sent, "next_review": SOON})
    assert state.errors["goals"] == "error.plan_goal_required"
    goal = next(c for c in state.goal_choices if c.title == "Rauhallinen iltarutiini")
    made = state.call("submit_plan", {**sent, "next_review": SOON, f"goal-{goal.id}": "on"})
    assert _toasts(made)[0].startswith("Tarkistettu suunnitelma tallennettu.")
    assert state.current.heading == "Versio 2" and [g.title for g in state.current.goals] == [
        "Rauhallinen iltarutiini"
    ]
    assert [v.heading for v in state.earlier] == ["Versio 1"]
    assert [a.name for a in state.earlier[0].acks] == ["Jussi Kemppainen"]
