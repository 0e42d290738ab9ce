"""Every access to family data writes exactly one access-log row per family touched.

1. Discovery: every public function of `familywork_app.services` (defined in its module) with a
   parameter named `user` must be either audited (tests/access_log_audit.py `EXPECT`, with a
   call in `CALLS` below) or excluded with a reason (`EXCLUDED`); a new one fails the test.
2. Each entry of `CALLS` is called on the demo data: first as a user the policy refuses (same
   arguments), which must raise NotAllowed and leave no access-log row at all (committed or
   pending); then as an authorised user, which must add (and commit) exactly one row per
   family touched, naming the family, the acting user's id and role and an action, and
   nothing else.
3. The audit plugin (every service call in every non-e2e test) is installed and can fail.
"""

import importlib
import inspect
import pkgutil
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

import familywork_app.services as services
from familywork_app.domain import LogAction, MeetingPlace
from familywork_app.method_content import ROLE_TASKS
from familywork_app.models import (
    AccessLog,
    Application,
    Child,
    Family,
    Goal,
    Handover,
    Meeting,
    MeetingVideoLink,
)
from familywork_app.oidc_profile import TEST_PEOPLE, Provider
from familywork_app.services import NotAllowed, auth, client_plan, together
from familywork_app.services.access_log import log_access
from familywork_app.services.application_checks import ApplicationEntry, ChildEntry
from familywork_app.services.case_process import first_application_day
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.services.meetings import OPEN_STATUSES
from familywork_app.services.methods import family_members
from familywork_app.services.oidc_client import IdentityClaims, VerifiedIdentity
from tests import access_log_audit as audit
from tests.conftest import user_by_email
from tests.message_file_calls import MESSAGE_FILE_CALLS

HELSINKI = ZoneInfo("Europe/Helsinki")


class Demo:
    """Who and what is who in the demo data (services/demo_families.py)."""

    def __init__(self, db):
        self.db = db

    def user(self, who: str):
        return user_by_email(self.db, f"{who}@example.org")

    def family(self, name: str) -> int:
        return self.db.exec(select(Family.id).where(Family.name == name)).one()

    def meeting(self, family: str, status: str) -> Meeting:
        return self.db.exec(
            select(Meeting)
            .where(Meeting.family_id == self.family(family), Meeting.status == status)
            .order_by(col(Meeting.starts_at).desc())
        ).first()

    def goal(self, family: str) -> int:
        return self.db.exec(
            select(Goal.id).where(Goal.family_id == self.family(family), Goal.status == "active")
        ).first()

    def application(self, family: str) -> int:
        return self.db.exec(
            select(Application.id).where(Application.family_id == self.family(family))
        ).one()

    def worker_families(self, who: str, *statuses: str) -> list[int]:
        stmt = select(Family.id).where(Family.worker_id == self.user(who).id)
        if statuses:
            stmt = stmt.where(col(Family.status).in_(statuses))
        return list(self.db.exec(stmt))

    def week_families(self, who: str, day) -> list[int]:
        monday = day - timedelta(days=day.weekday())
        start = datetime.combine(monday, time(0), tzinfo=HELSINKI)
        return list(
            set(
                self.db.exec(
                    select(Meeting.family_id).where(
                        Meeting.worker_id == self.user(who).id,
                        col(Meeting.status).in_(OPEN_STATUSES),
                        Meeting.starts_at >= start,
                        Meeting.starts_at < start + timedelta(days=7),
                    )
                )
            )
        )

    def child(self, family: str) -> int:
        return self.db.exec(select(Child.id).where(Child.family_id == self.family(family))).first()

    def rolemap(self, family: str) -> dict:
        members = list(family_members(self.db, self.db.get(Family, self.family(family))))
        return {task: [members[0]] for task in ROLE_TASKS}

    def token(self, who: str) -> str:
        return auth.redeem_signin_ticket(
            self.db, auth.issue_signin_ticket(self.db, self.user(who))
        )[0]

    def locked(self, who: str, family: str) -> str:
        """A session token of `who` in together mode with `family`."""
        token = self.token(who)
        together.start(self.db, self.user(who), self.family(family), "2468", token)
        return token

    def lock(self, who: str, family: str):
        return together.current(self.db, self.user(who), self.locked(who, family))

    def plan(self, family: str, made: bool = False) -> int:
        """A draft (or, `made`, a made version) of the family's plan, by its worker."""
        save = client_plan.make_plan if made else client_plan.save_plan_draft
        entry = PlanEntry(next_review=_soon(30).date().isoformat(), goal_ids=[self.goal(family)])
        return save(self.db, self.user("worker"), self.family(family), entry).id

    def with_draft(self, family: str) -> int:
        """The family's id, once its worker has opened a draft of its plan."""
        self.plan(family)
        return self.family(family)

    def seed_log(self, family: str) -> None:
        log_access(self.db, self.user("family"), self.family(family), LogAction.VIEW_FAMILY_HOME)
        self.db.commit()


def _soon(days: int) -> datetime:
    return datetime.now(HELSINKI).replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(
        days=days
    )


FORM = ApplicationEntry(
    name="Outi Uusiperhe",
    phone="040 123 4567",
    municipality="Kajaani",
    address="Testitie 1, 87100 Kajaani",
    children=(ChildEntry("Ella", "2019"),),
    support_areas=("parenting",),
    consent=True,
)


def _call(user, args, families, stranger="worker2"):
    """`args(demo)` -> (positional, keyword) arguments after (session, user); `families`: names
    (None: a row without a family), or `families(demo)` -> ids, read after the call."""
    return {"user": user, "args": args, "families": families, "stranger": stranger}


def _kemppainen(user, args, stranger="worker2"):
    return _call(user, args, ("Kemppainen",), stranger)


K = "Kemppainen"
LAURA = VerifiedIdentity(  # Suomi.fi's answer for the demo's Laura (test identity)
    Provider.SUOMIFI,
    "laura-subject",
    IdentityClaims(
        "Laura", "Kemppainen", personal_identity_code=TEST_PEOPLE[0].personal_identity_code
    ),
)


def _remote_meeting(d: Demo, link: str = "") -> int:
    """The family's agreed meeting made remote (with `link` stored, if given)."""
    meeting = d.meeting(K, "agreed")
    meeting.place = MeetingPlace.REMOTE
    d.db.add(meeting)
    if link:
        d.db.add(MeetingVideoLink(meeting_id=meeting.id, url=link))
    d.db.commit()
    return meeting.id


SCORES = {"parenting": 3, "growth": 4, "everyday": 2, "interaction": 3, "resources": 4}
FACES = {"today": 4, "home": 4, "school": 3, "friends": 5, "sleep": 3}
PERSON = {"name": "Mummo", "category": "relatives", "closeness": 1, "effect": "helps"}
CALLS = {
    **MESSAGE_FILE_CALLS,  # photos and PDFs in messages (tests/message_file_calls.py)
    "case_process.case_timeline": _kemppainen("family", lambda d: ((d.family(K),), {})),
    "case_process.record_step": _kemppainen(
        "worker",
        lambda d: ((d.family(K), "received", first_application_day(d.db, d.family(K))), {}),
    ),
    "client_plan.acknowledge_plan": _kemppainen(
        "family", lambda d: ((d.plan(K, made=True), "Luettu."), {})
    ),
    "client_plan.family_plans": _kemppainen("family", lambda d: ((d.family(K),), {})),
    "client_plan.make_plan": _kemppainen(
        "worker",
        lambda d: ((d.family(K), PlanEntry(next_review="2099-01-01", goal_ids=[d.goal(K)])), {}),
    ),
    "client_plan.plan_acknowledgements": _kemppainen(
        "worker", lambda d: ((d.plan(K, made=True),), {})
    ),
    "client_plan.save_plan_draft": _kemppainen(
        "worker", lambda d: ((d.family(K), PlanEntry(worker_view="Arki sujuu.")), {})
    ),
    "client_plan.write_family_view": _kemppainen(
        "family", lambda d: ((d.with_draft(K), "Meillä on kiire.", "Huumori."), {})
    ),
    "plan_document.plan_document": _kemppainen("family", lambda d: ((d.plan(K, made=True),), {})),
    "method_results.family_results": _kemppainen("family", lambda d: ((d.family(K),), {})),
    "methods.save_cards": _kemppainen(
        "worker", lambda d: ((d.family(K), ["feelings.happy"], "Hyvä"), {})
    ),
    "methods.save_child_checkin": _kemppainen(
        "family", lambda d: ((d.family(K), d.child(K), FACES, ""), {})
    ),
    "methods.save_evaluation": _kemppainen(
        "worker", lambda d: ((d.family(K), "worker", "start", SCORES), {})
    ),
    "methods.save_network": _kemppainen("worker", lambda d: ((d.family(K), [PERSON]), {})),
    "methods.save_rolemap": _kemppainen("worker", lambda d: ((d.family(K), d.rolemap(K)), {})),
    "together.start": _kemppainen(
        "worker", lambda d: ((d.family(K), "2468", d.token("worker")), {})
    ),
    "together.end": _kemppainen("worker", lambda d: ((d.locked("worker", K), "2468"), {})),
    "together.family_people": _kemppainen("worker", lambda d: ((d.lock("worker", K),), {})),
    "access_log.search_log": _kemppainen(
        "supervisor", lambda d: (d.seed_log(K) or (), {"family_name": K})
    ),
    "application_details.application_details": _call(
        "supervisor", lambda d: ((d.application("Tolonen"),), {}), ("Tolonen",)
    ),
    "applications.accept_application": _call(
        "supervisor", lambda d: ((d.application("Tolonen"), d.user("worker2").id), {}), ("Tolonen",)
    ),
    "application_withdrawal.application_in_full": _call(
        "applicant", lambda d: ((), {}), ("Tolonen",)
    ),
    "application_withdrawal.withdraw_application": _call(
        "applicant", lambda d: ((d.application("Tolonen"),), {}), ("Tolonen",), "family"
    ),
    "interpreter.interpreter_need": _kemppainen("worker", lambda d: ((d.family(K),), {})),
    # strong identification (issue 15): the applicant's mark, read and checked in person
    "application_identity.identify_application": _kemppainen("family", lambda d: ((LAURA,), {})),
    "application_identity.family_identification": _kemppainen(
        "worker", lambda d: ((d.family(K),), {})
    ),
    "application_identity.record_identity_check": _kemppainen(
        "worker", lambda d: ((d.family(K),), {})
    ),
    "interpreter.set_interpreter": _kemppainen(
        "worker", lambda d: ((d.family(K), True, "arabia"), {})
    ),
    "interpreter.set_interpreter_booked": _kemppainen(
        "worker", lambda d: ((d.meeting(K, "agreed").id, True), {})
    ),
    "applications.application_status": _call(
        "applicant", lambda d: ((d.family("Tolonen"),), {}), ("Tolonen",)
    ),
    "applications.decline_application": _call(
        "supervisor", lambda d: ((d.application("Tolonen"), "Ei nyt."), {}), ("Tolonen",)
    ),
    "applications.set_in_review": _call(
        "supervisor", lambda d: ((d.application("Tolonen"),), {}), ("Tolonen",)
    ),
    "calendar.meeting_ics": _kemppainen("family", lambda d: ((d.meeting(K, "agreed").id,), {})),
    "caseload.application_queue": _call(
        "worker", lambda d: ((), {}), ("Tolonen", "Väisänen"), stranger="family"
    ),
    "caseload.caseload": _call(
        "worker", lambda d: ((), {}), lambda d: d.worker_families("worker"), stranger="family"
    ),
    "caseload.overview": _call("supervisor", lambda d: ((), {}), ("Tolonen", "Väisänen")),
    "export.family_access_log": _kemppainen("family", lambda d: ((), {})),
    "export.family_export": _kemppainen("family", lambda d: ((), {})),
    "family_home.family_home": _kemppainen("family2", lambda d: ((), {})),
    # A guardian of the closed demo family; the stranger is an active family's guardian.
    "feedback.give_feedback": _call(
        "heikki.komulainen", lambda d: ((5, 4, 5, "Kiitos."), {}), ("Komulainen",), "family"
    ),
    "family_search.find_families": _call(
        "supervisor", lambda d: (("kajaani",), {}), ("Kemppainen", "Moilanen")
    ),
    "goals.add_goal_entry": _kemppainen("family", lambda d: ((d.goal(K), "Parempi.", 7), {})),
    "goals.create_goal": _kemppainen(
        "worker", lambda d: ((d.family(K), "Ulkoilu", "everyday", "Kävelyt", None), {})
    ),
    "goals.end_goal": _kemppainen("worker", lambda d: ((d.goal(K), "achieved"), {})),
    "goals.family_goals": _kemppainen("supervisor", lambda d: ((d.family(K),), {})),
    "handover.cover_caseload": _call(
        "supervisor",
        lambda d: ((d.user("worker").id, d.user("worker2").id, _soon(7).date(), "Loma."), {}),
        lambda d: list(
            d.db.exec(select(Handover.family_id).where(col(Handover.cover_until).is_not(None)))
        ),
    ),
    "handover.family_handovers": _kemppainen("worker", lambda d: ((d.family(K),), {})),
    "handover.transfer_family": _kemppainen(
        "supervisor", lambda d: ((d.family(K), d.user("worker2").id, "Muistio."), {})
    ),
    "invitations.family_members": _kemppainen("family", lambda d: ((), {})),
    "invitations.invite_guardian": _kemppainen(
        "family", lambda d: (("isovanhempi@example.org",), {})
    ),
    "meetings.agree_meeting": _kemppainen("family", lambda d: ((d.meeting(K, "proposed").id,), {})),
    "meetings.cancel_meeting": _kemppainen(
        "worker", lambda d: ((d.meeting(K, "agreed").id, "Sairastuminen"), {})
    ),
    "meetings.family_meetings": _kemppainen("family", lambda d: ((d.family(K),), {})),
    "video_links.set_video_link": _kemppainen(
        "worker", lambda d: ((_remote_meeting(d), "https://teams.example.com/l/abc"), {})
    ),
    "video_links.video_meetings": _kemppainen(
        "family",
        lambda d: (_remote_meeting(d, "https://meet.example.fi/r0om") and (d.family(K),), {}),
    ),
    "meetings.move_meeting": _kemppainen(
        "worker", lambda d: ((d.meeting(K, "proposed").id, _soon(12), 60), {})
    ),
    "meetings.propose_meeting": _kemppainen(
        "worker", lambda d: ((d.family(K), _soon(20), 60, "home", "", "Aihe"), {})
    ),
    "meetings.request_change": _kemppainen(
        "family", lambda d: ((d.meeting(K, "agreed").id, "Iltapäivä sopisi."), {})
    ),
    "messages.conversation": _kemppainen("family", lambda d: ((d.family(K),), {})),
    "messages.send_message": _kemppainen("worker", lambda d: ((d.family(K), "Hei!"), {})),
    "messages.staff_inbox": _call(
        "worker",
        lambda d: ((), {}),
        lambda d: d.worker_families("worker", "active", "closed"),
        stranger="family",
    ),
    "supervision.reassign_family": _kemppainen(
        "supervisor", lambda d: ((d.family(K), d.user("worker2").id), {})
    ),
    "supervision.register_application": _call(
        "worker", lambda d: ((FORM, "paper"), {}), ("Uusiperhe",), stranger="family"
    ),
    "supervision.service_figures": _call("supervisor", lambda d: ((), {}), (None,)),
    "closing_figures.closing_figures": _call("supervisor", lambda d: ((), {}), (None,)),
    "deadline_figures.deadline_figures": _call("supervisor", lambda d: ((), {}), (None,)),
    "visits.close_case": _kemppainen("worker", lambda d: ((d.family(K), "Päättyi."), {})),
    "visits.family_record": _kemppainen("worker", lambda d: ((d.family(K),), {})),
    "visits.overlapping": _kemppainen(
        "worker",
        lambda d: (
            (d.meeting(K, "agreed").starts_at, d.meeting(K, "agreed").ends_at),
            {"exclude_meeting_id": d.meeting(K, "proposed").id},
        ),
    ),
    "visits.record_visit": _kemppainen(
        "worker", lambda d: ((d.meeting(K, "held").id, "Yhteenveto.", "Muistiinpano.", []), {})
    ),
    "work_list.work_list": _call(
        "worker",
        lambda d: ((), {}),
        lambda d: d.worker_families("worker", "active"),
        stranger="family",
    ),
    "visits.worker_week": _call(
        "worker",
        lambda d: ((d.meeting(K, "agreed").starts_at.astimezone(HELSINKI).date(),), {}),
        lambda d: d.week_families(
            "worker", d.meeting(K, "agreed").starts_at.astimezone(HELSINKI).date()
        ),
        stranger="family",
    ),
}


def discover() -> tuple[set[str], list[str]]:
    """ "module.function" of every public service function with a `user` parameter, and the
    modules that could not be imported."""
    found, broken = set(), []
    for info in pkgutil.iter_modules(services.__path__):
        try:
            module = importlib.import_module(f"{services.__name__}.{info.name}")
        except Exception as error:  # noqa: BLE001 - reported as a failure below
            broken.append(f"{info.name}: {error!r}")
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            function = inspect.unwrap(function)
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            if "user" in inspect.signature(function).parameters:
                found.add(f"{info.name}.{name}")
    return found, broken


def test_every_service_function_with_a_user_is_audited_or_excluded():
    found, broken = discover()
    assert not broken, f"service modules that do not import: {broken}"
    missing = sorted(found - set(audit.EXPECT) - set(audit.EXCLUDED))
    assert not missing, (
        "service functions taking `user` that are neither audited nor excluded: add each to "
        f"tests/access_log_audit.py EXPECT (and CALLS here) or EXCLUDED with a reason: {missing}"
    )
    assert not set(audit.EXPECT) & set(audit.EXCLUDED)
    stale = sorted((set(audit.EXPECT) | set(audit.EXCLUDED)) - found)
    assert not stale, f"listed but no longer service functions taking `user`: {stale}"
    assert set(CALLS) == set(audit.EXPECT), set(CALLS) ^ set(audit.EXPECT)
    assert all(reason.strip() for reason in audit.EXCLUDED.values())


def _function(name: str):
    module, function = name.split(".")
    return getattr(importlib.import_module(f"{services.__name__}.{module}"), function)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_call_logs_one_row_per_family_touched(demo_db, name):
    entry, demo = CALLS[name], Demo(demo_db)
    function = inspect.unwrap(_function(name))  # the service itself; the plugin checks too
    args, kwargs = entry["args"](demo)

    stranger = demo.user(entry["stranger"])
    before = audit.max_log_id(demo_db)
    with pytest.raises(NotAllowed):
        function(demo_db, stranger, *args, **kwargs)
    assert audit.pending_rows(demo_db) == [], "a refused call left an access-log row pending"
    assert audit.new_rows(demo_db, before) == [], "a refused call wrote an access-log row"
    demo_db.rollback()

    user = demo.user(entry["user"])
    before = audit.max_log_id(demo_db)
    result = function(demo_db, user, *args, **kwargs)
    rows = audit.new_rows(demo_db, before)
    families = entry["families"]
    expected = (
        families(demo) if callable(families) else [demo.family(f) if f else None for f in families]
    )
    assert expected, "the call should touch at least one family (or write its one row)"
    assert audit.problems(rows, expected, user) == []
    assert audit.pending_rows(demo_db) == []
    with demo_db.get_bind().connect() as other:  # committed, not only flushed
        assert [
            tuple(row)
            for row in other.execute(
                select(AccessLog.family_id, AccessLog.user_id, AccessLog.role, AccessLog.action)
                .where(AccessLog.id > before)
                .order_by(col(AccessLog.id))
            )
        ] == rows
    arguments = inspect.signature(function).bind(demo_db, user, *args, **kwargs).arguments
    assert sorted(audit.EXPECT[name](demo_db, arguments, result), key=str) == sorted(
        expected, key=str
    ), "the audit plugin's expectation disagrees with the demo data"


def test_the_audit_plugin_wraps_every_audited_function():
    for name in audit.EXPECT:
        assert getattr(_function(name), "__audited__", None) == name, name


@pytest.mark.parametrize("times", [0, 2])
def test_the_audit_plugin_fails_a_call_that_logs_wrongly(demo_db, monkeypatch, times):
    import familywork_app.services.goals as goals

    def log_wrongly(session, user, family_id, action, detail="", ip=""):
        for _ in range(times):
            log_access(session, user, family_id, action, detail, ip)

    monkeypatch.setattr(goals, "log_access", log_wrongly)
    demo = Demo(demo_db)
    with pytest.raises(AssertionError, match="access log after goals.family_goals"):
        goals.family_goals(demo_db, demo.user("worker"), demo.family(K))


def test_the_audit_plugin_checks_only_the_outermost_of_nested_calls(demo_db):
    from familywork_app.services.goals import family_goals
    from familywork_app.services.messages import conversation

    def both(session, user, family_id):
        return family_goals(session, user, family_id), conversation(session, user, family_id)

    outer = audit.audited("test.both", both, lambda session, a, result: [a["family_id"]] * 2)
    demo = Demo(demo_db)
    checked = audit._state["checked"]
    outer(demo_db, demo.user("worker"), demo.family(K))
    assert audit._state["checked"] == checked + 1
    with pytest.raises(AssertionError, match="access log after test.both"):
        audit.audited("test.both", both, lambda session, a, result: [a["family_id"]])(
            demo_db, demo.user("worker"), demo.family(K)
        )
