"""Passwords, sign-in, sessions and brute-force limits, on a real migrated database."""

import time
from datetime import timedelta

from passlib.hash import argon2
from sqlmodel import select

from familywork_app.models import SignInAttempt, User, utcnow
from familywork_app.services import auth
from familywork_app.services.demo_data import DEMO_PASSWORD
from familywork_app.services.security import hash_password, password_problem, verify_password
from familywork_app.services.sign_in_limits import FREE_FAILURES, MAX_WAIT_SECONDS
from familywork_app.state.signin import EnrolForm, PasswordForm, ticket_script
from tests.conftest import user_by_email


def test_password_rules():
    assert password_problem("short") == "error.password_short"
    assert password_problem("x" * 129) == "error.password_long"
    assert password_problem("Password1234") == "error.password_common"
    assert password_problem("kettu juoksee metsässä") is None
    assert password_problem("a" * 12 + "b") is None  # no composition rules


def test_every_stored_hash_is_argon2id_with_the_agreed_parameters(demo_db):
    users = demo_db.exec(select(User)).all()
    assert len(users) >= 6
    for user in users:
        if user.password_hash is None:
            continue
        params = argon2.from_string(user.password_hash)
        assert (params.type, params.memory_cost, params.rounds, params.parallelism) == (
            "id",
            19456,
            2,
            1,
        )
    assert hash_password("kettu juoksee metsässä").startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_wrong_password_and_unknown_email_fail_alike_and_take_as_long(demo_db):
    assert auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD).user is not None
    assert auth.authenticate(demo_db, "FAMILY@example.org ", "wrong password!!").user is None
    timings = {}
    for email in ("family@example.org", "nobody-here@example.org"):
        start = time.perf_counter()
        for _ in range(3):
            assert auth.authenticate(demo_db, email, "wrong password!!").user is None
        timings[email] = time.perf_counter() - start
    known, unknown = timings.values()
    assert 0.5 < unknown / known < 2.0, timings


def test_malformed_credentials_are_refused(demo_db):
    for email, password in ((None, None), (123, ["x"]), ({"$gt": ""}, {"$gt": ""}), ("", "")):
        assert auth.authenticate(demo_db, email, password).user is None
    assert verify_password("x" * 10_000, None) is False


def test_ticket_is_single_use_and_gives_a_fresh_session(demo_db):
    user = user_by_email(demo_db, "worker@example.org")
    ticket = auth.issue_signin_ticket(demo_db, user)
    token, signed_in = auth.redeem_signin_ticket(demo_db, ticket)
    assert signed_in.id == user.id and len(token) >= 32
    assert auth.redeem_signin_ticket(demo_db, ticket) is None
    assert auth.resolve_session(demo_db, token).id == user.id
    second, _ = auth.redeem_signin_ticket(demo_db, auth.issue_signin_ticket(demo_db, user))
    assert second != token


def _session_for(db, email):
    user = user_by_email(db, email)
    token, _ = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
    return user, token


def test_sign_out_ends_the_session(demo_db):
    _user, token = _session_for(demo_db, "family@example.org")
    auth.end_session(demo_db, token)
    assert auth.resolve_session(demo_db, token) is None


def test_staff_idle_timeout_and_deactivation(demo_db):
    from sqlmodel import select

    from familywork_app.models import AuthSession
    from familywork_app.services.security import token_hash

    user, token = _session_for(demo_db, "worker@example.org")
    row = demo_db.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).one()
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    demo_db.commit()
    assert auth.resolve_session(demo_db, token) is None
    user, token = _session_for(demo_db, "worker@example.org")
    user.is_active = False
    demo_db.commit()
    assert auth.resolve_session(demo_db, token) is None
    assert auth.authenticate(demo_db, "worker@example.org", DEMO_PASSWORD).user is None


def test_guardian_session_survives_a_day_idle(demo_db):
    from sqlmodel import select

    from familywork_app.models import AuthSession
    from familywork_app.services.security import token_hash

    user, token = _session_for(demo_db, "family@example.org")
    row = demo_db.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).one()
    row.last_seen_at = utcnow() - timedelta(hours=24)
    demo_db.commit()
    assert auth.resolve_session(demo_db, token).id == user.id


def test_end_all_sessions(demo_db):
    user, first = _session_for(demo_db, "family@example.org")
    _user, second = _session_for(demo_db, "family@example.org")
    assert auth.end_all_sessions(demo_db, user.id) == 2
    assert auth.resolve_session(demo_db, first) is None
    assert auth.resolve_session(demo_db, second) is None


def test_many_failures_slow_down_but_never_lock_out(demo_db):
    for _ in range(FREE_FAILURES):
        demo_db.add(SignInAttempt(email="family@example.org", ip="10.0.0.9", success=False))
    demo_db.commit()
    waiting = auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, "10.0.0.9")
    assert waiting.user is None and waiting.wait_seconds >= 1
    # Once the wait has passed, the right password works again.
    for attempt in demo_db.exec(select(SignInAttempt)).all():
        attempt.at = attempt.at - timedelta(seconds=MAX_WAIT_SECONDS + 1)
    demo_db.commit()
    assert (
        auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, "10.0.0.9").user is not None
    )


def test_invalid_tokens_resolve_to_nobody(demo_db):
    for token in (None, "", "x", "a" * 43, 12345, {"token": "x"}, "a" * 10_000):
        assert auth.resolve_session(demo_db, token) is None


def test_a_thousand_wrong_passwords_are_slowed_and_logged_then_the_right_one_works(
    demo_db, caplog, monkeypatch
):
    import logging

    from familywork_app.services import sign_in_limits

    caplog.set_level(logging.WARNING, logger="familywork.security")
    frozen = utcnow()  # the burst takes no time: refused attempts no longer lengthen the wait
    monkeypatch.setattr(sign_in_limits, "utcnow", lambda: frozen)
    waits = [
        auth.authenticate(demo_db, "family@example.org", f"wrong guess {n}", "10.9.9.9")
        for n in range(1000)
    ]
    assert all(w.user is None for w in waits)
    assert all(w.wait_seconds == 0 for w in waits[:FREE_FAILURES])
    assert all(0 < w.wait_seconds <= MAX_WAIT_SECONDS for w in waits[FREE_FAILURES:])
    assert sum("sign-in limit hit" in r.getMessage() for r in caplog.records) >= 990
    # Right away, even the right password waits (no oracle for the attacker)...
    assert auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, "10.9.9.9").user is None
    # ...and once the stated longest delay has passed, it works: no lock-out.
    for attempt in demo_db.exec(select(SignInAttempt)).all():
        attempt.at = attempt.at - timedelta(seconds=MAX_WAIT_SECONDS + 1)
    demo_db.commit()
    assert (
        auth.authenticate(demo_db, "family@example.org", DEMO_PASSWORD, "10.9.9.9").user is not None
    )


def test_resolve_once_asks_once_per_database_session_and_forgets_on_any_change(demo_db):
    """The app's handlers resolve the session in their guard and again in the same event:
    the second answer comes from memory, but ending the session, deactivating the user or
    locking the session in together mode is seen at once."""
    from sqlalchemy import event

    from familywork_app.models import AuthSession, Family, TogetherSession
    from familywork_app.services.security import token_hash

    user, token = _session_for(demo_db, "worker@example.org")
    statements = []

    def count(*_args):
        statements.append(1)

    engine = demo_db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert auth.resolve_session_once(demo_db, token).id == user.id
        asked = len(statements)
        assert asked >= 1
        assert auth.resolve_session_once(demo_db, token).id == user.id
        assert len(statements) == asked
    finally:
        event.remove(engine, "before_cursor_execute", count)
    auth.end_session(demo_db, token)
    assert auth.resolve_session_once(demo_db, token) is None

    user, token = _session_for(demo_db, "worker@example.org")
    assert auth.resolve_session_once(demo_db, token).id == user.id
    row = demo_db.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).one()
    family = demo_db.exec(select(Family).where(Family.worker_id == user.id)).first()
    demo_db.add(
        TogetherSession(
            auth_session_id=row.id, family_id=family.id, worker_id=user.id, pin_hash="x"
        )
    )
    demo_db.commit()
    assert auth.resolve_session_once(demo_db, token) is None
    assert auth.resolve_session_once(demo_db, token, together=True).id == user.id

    user.is_active = False
    demo_db.commit()
    assert auth.resolve_session_once(demo_db, token, together=True) is None


def test_the_pending_sign_in_is_an_active_account_only(demo_db):
    worker = user_by_email(demo_db, "worker@example.org")
    assert auth.pending_user(demo_db, worker.id) is worker
    assert auth.pending_user(demo_db, 0) is None and auth.pending_user(demo_db, 10**9) is None
    worker.is_active = False
    demo_db.commit()
    assert auth.pending_user(demo_db, worker.id) is None


def test_the_sign_in_forms_trim_the_address_and_the_hand_over_is_called_by_name():
    form = PasswordForm.parse({"email": "  Family@Example.org ", "password": 7})
    assert (form.email, form.password) == ("Family@Example.org", "")
    assert len(PasswordForm.parse({"email": "a" * 400}).email) == 254
    assert PasswordForm.parse("forged") == PasswordForm()
    assert EnrolForm.parse({"enrol-code": "123 456", "enrol_code": "1"}).enrol_code == "123 456"
    assert ticket_script('x"y') == 'fwSignInWith("x\\"y", "/auth/session", "/signin")'
