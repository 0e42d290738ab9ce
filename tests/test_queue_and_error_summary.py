"""Defects found by using the app (issue 14) whose behaviour lives in services and states: the
supervisor opens an application before deciding and is told what the decision did; a failed
form lists its errors at the top and moves the focus there; a pending applicant's shell; the
ratings chart's short dates."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from familywork_app.domain import ApplicationStatus, FamilyStatus, Role, SupportArea
from familywork_app.i18n import fmt_day_month
from familywork_app.models import Family
from familywork_app.services import NotAllowed
from familywork_app.services.application_details import application_details
from familywork_app.services.family_home import work_started
from familywork_app.state.app_state import AppState
from familywork_app.state.apply import ApplyState
from familywork_app.state.error_summary import ErrorLink
from familywork_app.state.figures import FiguresState
from familywork_app.state.queue_presenters import ApplicationDetailView
from familywork_app.state.signin import SignInState
from familywork_app.state.staff_home import OverviewState
from tests.factories import make_application, make_family, make_user
from tests.goal_message_helpers import StateDouble, _log_count
from tests.test_application_form import BROWSER


def _applicant(db, name="Tolonen"):
    world = make_family(
        db, status=FamilyStatus.APPLIED, guardians=["Sanna Tolonen"], children=2, name=name
    )
    guardian = world.guardians[0]
    guardian.phone = "040 111 2222"
    db.add(guardian)
    db.commit()
    application = make_application(db, world, areas=(SupportArea.PARENTING, SupportArea.EVERYDAY))
    return world, application


def test_the_supervisor_reads_an_application_and_the_read_is_logged(db):
    world, application = _applicant(db)
    supervisor = make_user(db, Role.SUPERVISOR)
    before = _log_count(db, family_id=world.id, action="view_application")
    details = application_details(db, supervisor, application.id, "192.0.2.1")
    assert details.description == "We would like help with the mornings."
    assert [(c.first_name, c.birth_year) for c in details.children] == [
        ("Child0", 2016),
        ("Child1", 2017),
    ]
    assert [(c.name, c.phone) for c in details.contacts] == [("Sanna Tolonen", "040 111 2222")]
    assert details.areas == (SupportArea.PARENTING, SupportArea.EVERYDAY)
    assert details.status is ApplicationStatus.SUBMITTED
    assert _log_count(db, family_id=world.id, action="view_application") == before + 1
    worker, guardian = make_user(db, Role.WORKER), world.guardians[0]
    for stranger in (worker, guardian):
        with pytest.raises(NotAllowed):
            application_details(db, stranger, application.id)
    for bad in (None, "1", 0, 10**12, {"$gt": 0}):
        with pytest.raises(NotAllowed):
            application_details(db, supervisor, bad)


@pytest.mark.usefixtures("handler_db")
def test_overview_opens_an_application_and_says_what_accepting_did(db):
    world, application = _applicant(db)
    worker = make_user(db, Role.WORKER, "Anna Heikkinen")
    supervisor = make_user(db, Role.SUPERVISOR)
    state = StateDouble(
        OverviewState,
        supervisor,
        loaded=False,
        queue=[],
        workers=[],
        errors={},
        opened=ApplicationDetailView(),
        notice="",
        _form_key="",
    )
    state.call("load")
    app_id = str(application.id)
    assert [q.id for q in state.queue] == [app_id]
    state.call("open_application", app_id)
    assert state.opened.id == app_id and state.opened.description.startswith("We would like")
    assert state.opened.children == ("Child0, s. 2016", "Child1, s. 2017")
    assert state.opened.contacts[0].phone == "040 111 2222"
    state.call("open_application", app_id)  # the same button closes it
    assert state.opened == ApplicationDetailView()
    state.call("open_application", app_id)
    refresh = state.call("accept", {"application_id": app_id, "worker_id": str(worker.id)})
    assert state.notice == "Hyväksytty: perhe Tolonen on osoitettu työntekijälle Anna Heikkinen."
    assert state.queue == [] and state.opened == ApplicationDetailView()  # it left the queue
    assert refresh is FiguresState.load  # the figures on the same page count the new family
    assert db.get(Family, world.id).worker_id == worker.id
    state.call("accept", {"application_id": app_id, "worker_id": str(worker.id)})  # again
    assert state.notice == "" and state.errors[app_id] == "error.application_decided"
    assert not state.crashed


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_refused_application_lists_its_errors_in_the_forms_order_and_takes_the_focus(
    handler_db,
):
    no_cookie = SimpleNamespace(headers=SimpleNamespace(cookie=""))  # no Suomi.fi sign-in
    state = StateDouble(
        ApplyState,
        None,
        children=[0, 1],
        errors={},
        has_errors=False,
        error_links=[],
        router=no_cookie,
    )
    wrong = {**BROWSER, "email": "x@", "consent": "", "child_1_year": "1990", "password": "x"}
    focus = state.call("submit", wrong)
    assert "fwFocusErrorSummary" in str(focus.args) and "apply-errors" in str(focus.args)
    assert [(e.field, e.key) for e in state.error_links] == [
        ("email", "error.invalid_email"),
        ("child_1_year", "error.birth_year"),
        ("password", "error.password_short"),
        ("consent", "error.consent_required"),
    ]
    nothing_chosen = {k: v for k, v in BROWSER.items() if not k.startswith("area_")}
    state.call("submit", nothing_chosen)
    assert state.error_links == [ErrorLink(field="area_parenting", key="error.area_required")]
    assert "fwSignInWith" in str(state.call("submit", BROWSER).args)
    assert state.error_links == []


@pytest.mark.usefixtures("handler_db")
def _awaited(coroutine):
    """The async sign-in handler's result, run on a thread of its own: when the browser tests
    run first in the same pytest process, Playwright's loop is still running on this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_failed_sign_in_lists_its_errors_at_the_top_and_takes_the_focus(handler_db):
    fields = {"step": "password", "email": "", "email_error": "", "password_error": ""}
    state = StateDouble(SignInState, None, form_error="", error_links=[], **fields)
    focus = _awaited(state.call("submit", {"email": "", "password": ""}))
    assert "fwFocusErrorSummary" in str(focus.args) and "signin-errors" in str(focus.args)
    assert [(e.field, e.key) for e in state.error_links] == [
        ("email", "error.required_email"),
        ("password", "error.required_password"),
    ]
    _awaited(state.call("submit", {"email": "nobody@example.org", "password": "väärä x"}))
    assert state.error_links == [ErrorLink(field="", key="", text=state.form_error)]
    assert state.form_error == "Sähköposti tai salasana on väärin."


def test_the_shell_knows_whether_the_familys_work_has_begun(db):
    applied = make_family(db, status=FamilyStatus.APPLIED)
    active, closed = make_family(db), make_family(db, status=FamilyStatus.CLOSED)
    assert not work_started(db, applied.id)
    assert work_started(db, active.id) and work_started(db, closed.id)

    class Shell:
        family_started, unread = True, 0

    own_family = vars(AppState)["_own_family"]
    shell = Shell()
    assert own_family(shell, db, applied.guardians[0]) == applied.id
    assert shell.family_started is False  # no Meetings, Goals or Our work tabs
    assert own_family(shell, db, active.guardians[0]) == active.id and shell.family_started


def test_the_ratings_chart_labels_its_bars_with_short_dates():
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert [fmt_day_month(at, lang) for lang in ("fi", "sv", "en")] == ["2.3.", "2.3.", "2 Mar"]
