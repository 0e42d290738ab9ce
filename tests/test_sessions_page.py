"""My sessions and the password change (the account page's rules)."""

from datetime import timedelta

import pytest

from familywork_app.domain import Role
from familywork_app.models import AuthSession, SignInAttempt, utcnow
from familywork_app.services import NotAllowed, ServiceError, account, auth
from familywork_app.services.security import token_hash
from familywork_app.services.sign_in_limits import FREE_FAILURES, TooManyAttempts
from familywork_app.state.account_presenters import present_session
from tests.factories import PASSWORD, make_family, make_user
from tests.test_staff import GARBAGE

NEW = "pohjoisen tuuli puhaltaa"
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _guardian(db):
    return make_family(db).guardians[0]


def _signed_in(db, user, ua="", ip=""):
    token, _ = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user), ua, ip)
    return token


def test_lists_only_my_live_sessions_and_marks_this_one(db):
    user = _guardian(db)
    phone = _signed_in(db, user, IPHONE, "10.0.0.2")
    laptop = _signed_in(db, user, CHROME, "10.0.0.3")
    ended = _signed_in(db, user)
    auth.end_session(db, ended)
    _signed_in(db, _guardian(db))  # someone else's
    rows = account.my_sessions(db, user, laptop)
    assert [(r.device, r.ip, r.current) for r in rows] == [
        ("Chrome, Linux", "10.0.0.3", True),
        ("Safari, iOS", "10.0.0.2", False),
    ]
    assert all(r.created_at and r.last_seen_at and r.user_agent for r in rows)
    idle = db.get(AuthSession, rows[1].id)
    idle.last_seen_at = utcnow() - timedelta(days=8)  # past the guardian idle time
    db.commit()
    assert [r.current for r in account.my_sessions(db, user, laptop)] == [True]
    assert phone


def test_ending_another_session_signs_that_browser_out(db):
    user = _guardian(db)
    other = _signed_in(db, user, IPHONE)
    mine = _signed_in(db, user, CHROME)
    other_id = next(r.id for r in account.my_sessions(db, user, mine) if not r.current)
    account.end_my_session(db, user, other_id, mine)
    assert auth.resolve_session(db, other) is None
    assert auth.resolve_session(db, mine).id == user.id
    mine_id = account.my_sessions(db, user, mine)[0].id
    with pytest.raises(ServiceError):  # this browser's own: that is sign-out
        account.end_my_session(db, user, mine_id, mine)


def test_nobody_ends_someone_elses_session(db):
    user = _guardian(db)
    stranger = make_user(db, Role.WORKER)
    theirs = _signed_in(db, stranger)
    row_id = account.my_sessions(db, stranger, theirs)[0].id
    with pytest.raises(NotAllowed):
        account.end_my_session(db, user, row_id, "")
    for bad in GARBAGE:
        with pytest.raises(NotAllowed):
            account.end_my_session(db, user, bad, "")
    with pytest.raises(NotAllowed):
        account.end_my_session(db, None, row_id, "")
    assert auth.resolve_session(db, theirs).id == stranger.id


def test_password_change_needs_the_current_password_and_ends_the_other_sessions(db):
    user = make_user(db, Role.WORKER)
    other = _signed_in(db, user)
    mine = _signed_in(db, user)
    with pytest.raises(ServiceError) as wrong:
        account.change_password(db, user, "not the password", NEW, mine)
    assert (wrong.value.code, wrong.value.field) == ("error.current_password_wrong", "current")
    with pytest.raises(ServiceError) as weak:
        account.change_password(db, user, PASSWORD, "lyhyt", mine)
    assert (weak.value.code, weak.value.field) == ("error.password_short", "new")
    for bad in GARBAGE:
        with pytest.raises(ServiceError):
            account.change_password(db, user, bad, NEW, mine)
    assert auth.resolve_session(db, other).id == user.id  # nothing changed yet
    assert account.change_password(db, user, PASSWORD, NEW, mine) == 1
    assert auth.resolve_session(db, other) is None
    assert auth.resolve_session(db, mine).id == user.id
    assert auth.authenticate(db, user.email, NEW).user.id == user.id


def test_wrong_current_passwords_are_rate_limited(db):
    user = _guardian(db)
    mine = _signed_in(db, user)
    for _ in range(FREE_FAILURES):
        db.add(SignInAttempt(email=user.email, ip="10.0.0.4", success=False))
    db.commit()
    with pytest.raises(TooManyAttempts) as waiting:
        account.change_password(db, user, PASSWORD, NEW, mine, "10.0.0.4")
    assert waiting.value.seconds >= 1
    assert auth.authenticate(db, user.email, NEW).user is None


def test_user_agent_descriptions():
    assert account.describe_user_agent(CHROME) == "Chrome, Linux"
    assert account.describe_user_agent(IPHONE) == "Safari, iOS"
    assert account.describe_user_agent("") == ""
    assert account.describe_user_agent("curl/8.0  x") == "curl/8.0 x"


def test_session_hashes_only(db):
    user = _guardian(db)
    token = _signed_in(db, user)
    row = db.get(AuthSession, account.my_sessions(db, user, token)[0].id)
    assert row.token_hash == token_hash(token) and token not in row.token_hash


def test_a_session_row_as_the_account_page_shows_it(db):
    user = _guardian(db)
    token = _signed_in(db, user, IPHONE, "10.0.0.5")
    row = account.my_sessions(db, user, token)[0]
    view = present_session(row, "fi")
    assert (view.id, view.device, view.ip, view.current) == (
        str(row.id),
        "Safari, iOS",
        "10.0.0.5",
        True,
    )
    assert view.started and view.last_seen and view.started != present_session(row, "en").started
