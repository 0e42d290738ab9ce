"""Access-log audit: which service functions read or change family data, and a pytest plugin that
checks, during every non-e2e test, that each such call wrote exactly its access-log rows.

`EXPECT` maps "module.function" (under familywork_app.services) to a function
`(session, arguments, result) -> list of family ids` giving the rows a *successful* call must
add: one per family touched (None for a deliberately family-less row). `EXCLUDED` names the
functions with a `user` parameter that touch no family data, each with its reason.
tests/test_access_log_coverage.py checks that these two tables cover every such function.

The plugin (registered from tests/conftest.py) replaces each function in `EXPECT` by a wrapper,
before the test modules are imported. While a non-e2e test runs, the outermost audited call
(nested calls are not counted again) notes the largest AccessLog id in the caller's session,
calls the function and then reads the rows with a larger id in the same session (through the
DBAPI cursor of the session's connection, so statement-counting tests do not see the audit):
- on success they must be exactly the expected families, each naming the acting user (id and
  role) and an action, and no AccessLog may be left pending (added but never committed);
- on a ServiceError (a refusal, NotAllowed, or invalid input) there must be no new row at all.
"""

import contextvars
import functools
import importlib
import inspect
import sys
from collections import Counter

import pytest
from sqlalchemy.orm import Session

from familywork_app.models import (
    AccessLog,
    Application,
    ClientPlan,
    Family,
    FamilyGuardian,
    Goal,
    Meeting,
    MessageFile,
)
from familywork_app.services import ServiceError

PACKAGE = "familywork_app.services"


def raw(session: Session, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of `sql` on the session's own connection and transaction, through the DBAPI cursor:
    no autoflush, and invisible to SQLAlchemy's statement events (tests that count a service's
    statements do not see the audit's). `?` marks a parameter."""
    connection = session.connection()
    if connection.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def _distinct(ids) -> list:
    return list(dict.fromkeys(ids))


def _arg(name: str):
    """The family named by an argument (e.g. `family_id`)."""
    return lambda session, a, result: [a[name]]


def _record(model: type, name: str):
    """The family of the row (meeting, goal, application) named by an argument."""
    sql = f"SELECT family_id FROM {model.__tablename__} WHERE id = ?"
    return lambda session, a, result: [raw(session, sql, (a[name],))[0][0]]


def _field(row, key: str):
    """A field of a result row: a frozen dataclass (or a dict)."""
    return row[key] if isinstance(row, dict) else getattr(row, key)


def _listed(key: str):
    """One row per distinct family listed in the result."""
    return lambda session, a, result: _distinct(_field(row, key) for row in result)


def _own(session, a, result) -> list:
    """The acting guardian's own family."""
    return [
        raw(
            session,
            f"SELECT family_id FROM {FamilyGuardian.__tablename__} WHERE user_id = ?",
            (a["user"].id,),
        )[0][0]
    ]


def _no_family(session, a, result) -> list:
    return [None]


def _search_log(session, a, result) -> list:
    """One row for the search, naming the family when the rows found name just one."""
    names = {_field(row, "family") for row in result if _field(row, "family")}
    if len(names) != 1:
        return [None]
    ids = raw(session, f"SELECT id FROM {Family.__tablename__} WHERE name = ?", (names.pop(),))
    return [ids[0][0]] if len(ids) == 1 else [None]


def _overlapping(session, a, result) -> list:
    ids = [_field(row, "id") for row in result]
    if not ids:
        return []
    families = dict(
        raw(
            session,
            f"SELECT id, family_id FROM {Meeting.__tablename__} WHERE id IN "
            f"({', '.join('?' * len(ids))})",
            tuple(ids),
        )
    )
    return _distinct(families[i] for i in ids)


def _video_links_read(session, a, result) -> list:
    """One row for the family when the list included a link (a read of the link)."""
    return [a["family_id"]] if any(_field(row, "url") for row in result) else []


EXPECT = {
    "access_log.search_log": _search_log,
    "application_details.application_details": _record(Application, "application_id"),
    "application_withdrawal.application_in_full": _own,
    "application_withdrawal.withdraw_application": _record(Application, "application_id"),
    "interpreter.interpreter_need": _arg("family_id"),
    "application_identity.identify_application": _own,
    "application_identity.family_identification": _arg("family_id"),
    "application_identity.record_identity_check": _arg("family_id"),
    "interpreter.set_interpreter": _arg("family_id"),
    "interpreter.set_interpreter_booked": _record(Meeting, "meeting_id"),
    "applications.accept_application": _record(Application, "application_id"),
    "attachments.add_files": _arg("family_id"),
    "attachments.attach_waiting": lambda session, a, result: [a["family_id"]] if result else [],
    "attachments.file_content": _record(MessageFile, "file_id"),
    "attachments.remove_file": _arg("family_id"),
    "applications.application_status": _arg("family_id"),
    "applications.decline_application": _record(Application, "application_id"),
    "applications.set_in_review": _record(Application, "application_id"),
    "calendar.meeting_ics": _record(Meeting, "meeting_id"),
    "video_links.set_video_link": _record(Meeting, "meeting_id"),
    "video_links.video_meetings": _video_links_read,
    "case_process.case_timeline": _arg("family_id"),
    "case_process.record_step": _arg("family_id"),
    "client_plan.acknowledge_plan": _record(ClientPlan, "plan_id"),
    "client_plan.family_plans": _arg("family_id"),
    "client_plan.make_plan": _arg("family_id"),
    "client_plan.plan_acknowledgements": _record(ClientPlan, "plan_id"),
    "client_plan.save_plan_draft": _arg("family_id"),
    "client_plan.write_family_view": _arg("family_id"),
    "plan_document.plan_document": _record(ClientPlan, "plan_id"),
    "caseload.application_queue": _listed("family_id"),
    "caseload.caseload": _listed("id"),
    "caseload.overview": lambda session, a, result: _distinct(
        _field(q, "family_id") for q in _field(result, "queue")
    ),
    "export.family_access_log": _own,
    "export.family_export": _own,
    "family_home.family_home": _own,
    # The row names the family and "gave the closing feedback", nothing of the answers, which
    # are stored apart without a time or an order to join them by (services/feedback.py).
    "feedback.give_feedback": _own,
    "family_search.find_families": _listed("id"),
    "goals.add_goal_entry": _record(Goal, "goal_id"),
    "handover.cover_caseload": lambda session, a, result: list(result),  # the families moved
    "handover.family_handovers": _arg("family_id"),
    "handover.transfer_family": _arg("family_id"),
    "goals.create_goal": _arg("family_id"),
    "goals.end_goal": _record(Goal, "goal_id"),
    "goals.family_goals": _arg("family_id"),
    "invitations.family_members": _own,
    "invitations.invite_guardian": _own,
    "method_results.family_results": _arg("family_id"),
    **{
        f"methods.{name}": _arg("family_id")
        for name in (
            "save_cards",
            "save_child_checkin",
            "save_evaluation",
            "save_network",
            "save_rolemap",
        )
    },
    "together.start": _arg("family_id"),
    "together.end": lambda session, a, result: [result],  # returns the family's id
    "together.family_people": lambda session, a, result: [a["lock"].family_id],
    "meetings.agree_meeting": _record(Meeting, "meeting_id"),
    "meetings.cancel_meeting": _record(Meeting, "meeting_id"),
    "meetings.family_meetings": _arg("family_id"),
    "meetings.move_meeting": _record(Meeting, "meeting_id"),
    "meetings.propose_meeting": _arg("family_id"),
    "meetings.request_change": _record(Meeting, "meeting_id"),
    "messages.conversation": _arg("family_id"),
    "messages.send_message": _arg("family_id"),
    "messages.staff_inbox": _listed("family_id"),
    "supervision.reassign_family": _arg("family_id"),
    "supervision.register_application": lambda session, a, result: [result],
    # Aggregates: one row without a family (tests/test_supervision.py asserts exactly this).
    "supervision.service_figures": _no_family,
    "closing_figures.closing_figures": _no_family,
    "deadline_figures.deadline_figures": _no_family,
    "visits.close_case": _arg("family_id"),
    "visits.family_record": _arg("family_id"),
    "visits.overlapping": _overlapping,
    "visits.record_visit": _record(Meeting, "meeting_id"),
    "visits.worker_week": _listed("family_id"),
    "work_list.work_list": _listed("family_id"),
}

_OWN_ACCOUNT = "the signed-in user's own account (sessions, password); no family data"
_POLICY = "policy check: answers yes/no or raises; the calling service logs the access"
_STAFF_ADMIN = "staff administration; no family data (invite/deactivate log a row without one)"
_TOTP = "the staff user's own second factor; no family data"
_OWN_SETTINGS = (
    "the signed-in user's own notification settings, devices or calendar link; no family data"
)
_NOTIFY_HOOK = (
    "runs after the acting service's own logged commit: finds the other side's "
    "accounts, devices and e-mail choice and sends a content-free notice"
)
EXCLUDED = {
    "access_log.log_access": "the logging primitive itself",
    "access_log.log_families": "the logging primitive itself",
    "attachments.waiting_files": "the user's own files chosen for their next message, not yet "
    "sent: their own draft, like the text in the message box (adding, sending, removing and "
    "opening a file are logged)",
    "attachments.has_waiting": "helper: whether send_message's sender has a file waiting (an "
    "empty text is then allowed); send_message has authorised the family and logs the send",
    "account.change_password": _OWN_ACCOUNT,
    "account.end_my_session": _OWN_ACCOUNT,
    "account.my_sessions": _OWN_ACCOUNT,
    "strong_identity.masked_code": _OWN_ACCOUNT,
    "strong_identity.new_session_token": "starts a session for an identity already checked; "
    "the strong sign-in itself is logged by linked_guardian/link_guardian",
    "case_process.add_step": "helper: adds a checked step for a service that has authorised "
    "the family and logs and commits itself (client_plan.make_plan, record_step)",
    "auth.issue_signin_ticket": "sign-in of the user's own account; no family data",
    "auth.live_sessions": _OWN_ACCOUNT,
    "language.choose_language": _OWN_ACCOUNT,
    "feedback.feedback_offer": "whether the guardian's own closed family may still answer (a "
    "yes/no on the family home, whose own load logs the view)",
    "family_home.own_family": "authorisation helper: returns the guardian's Family to a service "
    "that logs; shows nothing itself",
    "family_search.active_workers": "names of the active workers only; no family data",
    **{
        f"policy.{name}": _POLICY
        for name in (
            "acting_user",
            "guardian_family_id",
            "is_active",
            "is_staff",
            "is_supervisor",
            "may_view_family",
            "require_family",
            "require_record",
            "require_staff",
            "require_supervisor",
            "side",
        )
    },
    "messages.latest_message_id": "the newest message's id only, a cue for the open page to "
    "load again (the reload is logged)",
    **{f"calendar_feed.{n}": _OWN_SETTINGS for n in ("create_feed", "feed_status", "revoke_feed")},
    **{
        f"notifications.{n}": _NOTIFY_HOOK
        for n in ("message_sent", "meeting_changed", "application_decided")
    },
    **{
        f"notifications.{n}": _OWN_SETTINGS
        for n in ("email_enabled", "send_test", "set_email_notifications")
    },
    **{
        f"push.{n}": _OWN_SETTINGS
        for n in ("subscribe", "unsubscribe", "unsubscribe_all", "device_count", "is_subscribed")
    },
    "together.current": "reads the session's own together-mode lock; no family data",
    **{
        f"reminder_settings.{n}": _OWN_SETTINGS
        for n in ("reminder_choices", "set_reminder_choices")
    },
    "reminder_settings.sms_number": "helper: `user` is the account an SMS goes to, not an actor",
    "work_phone.set_work_phone": _OWN_ACCOUNT,
    "family_worker.set_reachable_hours": _OWN_ACCOUNT,
    "staff.deactivate_staff": _STAFF_ADMIN,
    "staff.invite_worker": _STAFF_ADMIN,
    "staff.staff_list": _STAFF_ADMIN,
    "staff.new_password_token": "helper: `user` is the account a link is for, not an actor",
    **{
        f"totp.{name}": _TOTP
        for name in (
            "confirm_enrolment",
            "is_enrolled",
            "needs_second_factor",
            "unused_recovery_codes",
            "verify_code",
        )
    },
}

# --- The checks ---------------------------------------------------------------------------

_depth = contextvars.ContextVar("access_log_audit_depth", default=0)
_state = {"active": False, "checked": 0}


def max_log_id(session: Session) -> int:
    """The largest AccessLog id the session sees, after flushing what it holds."""
    session.flush()
    return raw(session, f"SELECT COALESCE(MAX(id), 0) FROM {AccessLog.__tablename__}")[0][0]


def new_rows(session: Session, after: int) -> list[tuple]:
    """(family_id, user_id, role, action) of the rows with id > `after`, without flushing."""
    return raw(
        session,
        f"SELECT family_id, user_id, role, action FROM {AccessLog.__tablename__} "
        "WHERE id > ? ORDER BY id",
        (after,),
    )


def pending_rows(session: Session) -> list:
    """AccessLog rows added to the session but neither flushed nor committed."""
    return [obj for obj in session.new if isinstance(obj, AccessLog)]


def problems(rows: list[tuple], expected: list, user) -> list[str]:
    """What is wrong with the rows a successful call added (empty: nothing)."""
    found = []
    if Counter(r[0] for r in rows) != Counter(expected):
        found.append(f"rows for families {[r[0] for r in rows]}, expected {expected}")
    for family_id, user_id, role, action in rows:
        if user_id != user.id or role != user.role or not action:
            found.append(
                f"row for family {family_id} names user {user_id} ({role!r}, "
                f"action {action!r}), not {user.id} ({user.role!r})"
            )
    return found


def _check(name: str, session: Session, before: int, expected: list, user) -> None:
    rows = new_rows(session, before)
    found = (
        problems(rows, expected, user)
        if user is not None
        else ([f"a refused or invalid call added rows {rows}"] if rows else [])
    )
    if pending_rows(session):
        found.append(f"{len(pending_rows(session))} AccessLog row(s) left uncommitted")
    _state["checked"] += 1
    if found:
        raise AssertionError(f"access log after {name}: " + "; ".join(found))


def audited(name: str, fn, expect):
    """`fn` checked against `expect` (see the module docstring)."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not _state["active"] or _depth.get():
            return fn(*args, **kwargs)
        try:
            arguments = signature.bind(*args, **kwargs).arguments
        except TypeError:
            return fn(*args, **kwargs)
        session = arguments.get("session")
        if not isinstance(session, Session):
            return fn(*args, **kwargs)
        before = max_log_id(session)
        token = _depth.set(1)
        try:
            result = fn(*args, **kwargs)
        except ServiceError:
            _check(name, session, before, [], None)
            raise
        finally:
            _depth.reset(token)
        expected = expect(session, arguments, result)
        _check(name, session, before, expected, arguments["user"])
        return result

    wrapper.__audited__ = name
    return wrapper


def install() -> None:
    """Replace each function in EXPECT by its audited wrapper, wherever it is already bound."""
    for name, expect in EXPECT.items():
        module_name, function_name = name.split(".")
        module = importlib.import_module(f"{PACKAGE}.{module_name}")
        original = getattr(module, function_name)
        if hasattr(original, "__audited__"):
            continue
        wrapper = audited(name, original, expect)
        for loaded in list(sys.modules.values()):
            if getattr(loaded, "__name__", "").startswith(("familywork_app", "tests")):
                for attr, value in list(vars(loaded).items()):
                    if value is original:
                        setattr(loaded, attr, wrapper)


def pytest_configure(config) -> None:
    install()


@pytest.fixture(autouse=True)
def _access_log_audit(request):
    """Audit every service call of a non-e2e test."""
    if request.node.get_closest_marker("e2e"):
        yield
        return
    _state["active"] = True
    try:
        yield
    finally:
        _state["active"] = False


def pytest_terminal_summary(terminalreporter) -> None:
    if _state["checked"]:
        terminalreporter.write_line(f"access-log audit: {_state['checked']} service calls checked")
