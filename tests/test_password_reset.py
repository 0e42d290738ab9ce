"""Forgotten password: the same answer for every address, a 30-minute single-use link."""

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from familywork_app.models import OneTimeToken, utcnow
from familywork_app.services import ServiceError, auth, password_reset, staff
from familywork_app.services.demo_data import DEMO_PASSWORD
from tests.conftest import user_by_email
from tests.test_staff import GARBAGE

NEW = "pohjoisen tuuli puhaltaa"


def _link(capsys) -> str:
    out = capsys.readouterr().out
    return re.search(r"/reset-password\?token=(\S+)", out).group(1)


def _signed_in(db, user):
    token, _ = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
    return token


def test_a_known_address_gets_a_link_and_an_unknown_one_gets_nothing(demo_db, capsys):
    password_reset.request_reset(demo_db, " Family@Example.org ", "10.0.0.1")
    out = capsys.readouterr().out
    assert "MAIL to=family@example.org" in out
    assert re.search(r"http://\S+/reset-password\?token=\S{40,}", out)
    row = demo_db.exec(select(OneTimeToken).where(OneTimeToken.purpose == "password_reset")).one()
    minutes = (row.expires_at - utcnow()).total_seconds() / 60
    assert 29 < minutes <= 30
    assert password_reset.request_reset(demo_db, "nobody@example.org") is None
    assert capsys.readouterr().out == ""
    assert (
        len(
            demo_db.exec(select(OneTimeToken).where(OneTimeToken.purpose == "password_reset")).all()
        )
        == 1
    )


def test_malformed_addresses_are_refused_about_the_form(demo_db):
    for bad in GARBAGE + ("not-an-address", "x" * 300 + "@example.org"):
        with pytest.raises(ServiceError) as refused:
            password_reset.request_reset(demo_db, bad)
        assert refused.value.field == "email"


def test_at_most_three_open_links_per_account(demo_db, capsys):
    for _ in range(5):
        password_reset.request_reset(demo_db, "family@example.org")
    assert capsys.readouterr().out.count("MAIL to=") == password_reset.MAX_OPEN_LINKS


def test_the_link_sets_a_new_password_once_and_ends_every_session(demo_db, capsys):
    user = user_by_email(demo_db, "family@example.org")
    session_token = _signed_in(demo_db, user)
    password_reset.request_reset(demo_db, user.email)
    first = _link(capsys)
    password_reset.request_reset(demo_db, user.email)
    second = _link(capsys)
    assert password_reset.reset_link_is_open(demo_db, first)
    with pytest.raises(ServiceError, match="error.password_short"):
        password_reset.reset_password(demo_db, first, "lyhyt")
    assert password_reset.reset_password(demo_db, first, NEW).id == user.id
    assert auth.resolve_session(demo_db, session_token) is None
    assert auth.authenticate(demo_db, user.email, NEW).user.id == user.id
    assert auth.authenticate(demo_db, user.email, DEMO_PASSWORD).user is None
    for used in (first, second):  # used up, and the other open link with it
        assert not password_reset.reset_link_is_open(demo_db, used)
        with pytest.raises(ServiceError, match="error.invitation_invalid"):
            password_reset.reset_password(demo_db, used, "vielä yksi hyvä salasana")


def test_expired_links_and_other_purposes_do_not_reset(demo_db, capsys):
    user = user_by_email(demo_db, "worker@example.org")
    password_reset.request_reset(demo_db, user.email)
    token = _link(capsys)
    row = demo_db.exec(select(OneTimeToken).where(OneTimeToken.purpose == "password_reset")).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    demo_db.commit()
    with pytest.raises(ServiceError, match="error.invitation_invalid"):
        password_reset.reset_password(demo_db, token, NEW)
    # An invitation link is not a reset link, and a reset link is not an invitation link.
    invite = staff.new_password_token(demo_db, "staff_invite", user, user)
    demo_db.commit()
    assert not password_reset.reset_link_is_open(demo_db, invite)
    row.expires_at = utcnow() + timedelta(minutes=5)
    demo_db.commit()
    assert not staff.token_is_open(demo_db, token)
    for bad in GARBAGE + ("x" * 43,):
        assert not password_reset.reset_link_is_open(demo_db, bad)


def test_deactivated_accounts_get_no_link(demo_db, capsys):
    user = user_by_email(demo_db, "worker2@example.org")
    user.is_active = False
    demo_db.commit()
    password_reset.request_reset(demo_db, user.email)
    assert capsys.readouterr().out == ""
