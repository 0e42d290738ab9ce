"""Staff accounts: listing, inviting, deactivating, and setting a password with a link."""

import re
from datetime import timedelta

import pytest
from sqlmodel import col, func, select

from familywork_app.domain import Role
from familywork_app.models import AccessLog, AuthSession, Family, OneTimeToken, User
from familywork_app.services import NotAllowed, ServiceError, auth, staff
from familywork_app.services.security import hash_password, new_token, token_hash
from familywork_app.services.staff import StaffRow

PASSWORD = "kajaanin kanavan varrella"
GARBAGE = (None, "", "1", 1.5, True, -1, 0, 10**12, [], {"$gt": 0}, b"x", object())


def _user(db, email, role, name, active=True, password=None):
    user = User(
        email=email,
        role=role,
        display_name=name,
        is_active=active,
        password_hash=hash_password(password) if password else None,
    )
    db.add(user)
    db.commit()
    return user


@pytest.fixture
def people(db):
    return {
        "sup": _user(db, "sari@example.org", "supervisor", "Sari Esihenkilö"),
        "a": _user(db, "aino@example.org", "worker", "Aino Aalto", password=PASSWORD),
        "gone": _user(db, "cecilia@example.org", "worker", "Cecilia Ex", active=False),
        "guardian": _user(db, "huoltaja@example.org", "guardian", "Hilla Huoltaja"),
    }


def _signed_in(db, user):
    """A live session token for `user`, made as the sign-in route makes it."""
    token, _user_row = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
    assert auth.resolve_session(db, token).id == user.id
    return token


def _invite(db, people, capsys, email="uusi.tyontekija@example.org"):
    staff.invite_worker(db, people["sup"], email, "  Uusi Työntekijä ", ip="10.0.0.9")
    return re.search(r"/set-password\?token=(\S+)", capsys.readouterr().out).group(1)


def test_staff_list_is_for_supervisors(db, people):
    for family_status in ("active", "active", "closed"):
        db.add(
            Family(
                name="Perhe", municipality="Kuhmo", status=family_status, worker_id=people["a"].id
            )
        )
    db.commit()
    rows = staff.staff_list(db, people["sup"])
    assert rows == [
        StaffRow(people["a"].id, "Aino Aalto", "aino@example.org", "worker", True, 2),
        StaffRow(people["gone"].id, "Cecilia Ex", "cecilia@example.org", "worker", False, 0),
        StaffRow(people["sup"].id, "Sari Esihenkilö", "sari@example.org", "supervisor", True, 0),
    ]
    assert all(type(r.role) is Role for r in rows)
    for user in (people["a"], people["guardian"], people["gone"], None, "sari@example.org"):
        with pytest.raises(NotAllowed):
            staff.staff_list(db, user)
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def test_invited_worker_sets_a_password_once_and_signs_in(db, people, capsys):
    token = _invite(db, people, capsys)
    worker = db.exec(select(User).where(User.email == "uusi.tyontekija@example.org")).one()
    assert (worker.role, worker.display_name, worker.password_hash, worker.is_active) == (
        "worker",
        "Uusi Työntekijä",
        None,
        True,
    )
    row = db.exec(select(OneTimeToken)).one()
    assert (row.purpose, row.user_id, row.created_by_id) == (
        "staff_invite",
        worker.id,
        people["sup"].id,
    )
    log = db.exec(select(AccessLog)).one()
    assert (log.action, log.family_id, log.user_id, log.ip) == (
        "invite_worker",
        None,
        people["sup"].id,
        "10.0.0.9",
    )
    assert auth.authenticate(db, worker.email, PASSWORD).user is None
    for weak, code in (
        ("lyhyt", "error.password_short"),
        ("x" * 129, "error.password_long"),
        ("Password1234", "error.password_common"),
        (None, "error.password_short"),
    ):
        with pytest.raises(ServiceError, match=code) as raised:
            staff.set_password_with_token(db, token, weak)
        assert raised.value.field == "password"
    assert staff.set_password_with_token(db, token, PASSWORD).id == worker.id
    assert auth.authenticate(db, worker.email, PASSWORD).user.id == worker.id
    with pytest.raises(ServiceError, match="error.invitation_invalid"):
        staff.set_password_with_token(db, token, "toinen hyvä salasana")


def test_invitation_rules(db, people, capsys):
    for user in (people["a"], people["guardian"], people["gone"], None):
        with pytest.raises(NotAllowed):
            staff.invite_worker(db, user, "x@example.org", "X")
    for email, name, code, field in (
        ("AINO@example.org", "Aino", "error.email_unavailable", "email"),
        ("", "Nimi", "error.required_email", "email"),
        ("not-an-address", "Nimi", "error.invalid_email", "email"),
        (["a@example.org"], "Nimi", "error.required_email", "email"),
        ("b@example.org", "   ", "error.name_required", "name"),
        ("b@example.org", "x" * 121, "error.name_required", "name"),
        ("b@example.org", 7, "error.name_required", "name"),
    ):
        with pytest.raises(ServiceError, match=code) as raised:
            staff.invite_worker(db, people["sup"], email, name)
        assert raised.value.field == field
    assert "MAIL" not in capsys.readouterr().out
    assert db.exec(select(func.count()).select_from(User)).one() == 4


def test_deactivation_ends_sessions_at_once(db, people):
    worker = people["a"]
    tokens = [_signed_in(db, worker), _signed_in(db, worker)]
    staff.deactivate_staff(db, people["sup"], worker.id, ip="10.0.0.2")
    assert [auth.resolve_session(db, t) for t in tokens] == [None, None]
    assert (
        db.exec(
            select(func.count()).select_from(AuthSession).where(col(AuthSession.ended_at).is_(None))
        ).one()
        == 0
    )
    assert auth.authenticate(db, worker.email, PASSWORD).user is None
    db.expire_all()
    assert db.get(User, worker.id).is_active is False
    log = db.exec(select(AccessLog)).one()
    assert (log.action, log.family_id, log.detail) == (
        "deactivate_staff",
        None,
        f"user {worker.id}",
    )


def test_deactivation_rules(db, people):
    supervisor = people["sup"]
    token = _signed_in(db, supervisor)
    with pytest.raises(ServiceError, match="error.invalid"):
        staff.deactivate_staff(db, supervisor, supervisor.id)
    assert auth.resolve_session(db, token).id == supervisor.id
    with pytest.raises(NotAllowed):
        staff.deactivate_staff(db, people["a"], supervisor.id)
    with pytest.raises(NotAllowed):
        staff.deactivate_staff(db, supervisor, people["guardian"].id)
    for bad in GARBAGE:
        with pytest.raises(NotAllowed):
            staff.deactivate_staff(db, supervisor, bad)
    for ip in (None, 5, ["x"]):
        with pytest.raises(ServiceError):
            staff.deactivate_staff(db, supervisor, people["a"].id, ip=ip)
    db.expire_all()
    assert db.get(User, people["a"].id).is_active and db.get(User, people["guardian"].id).is_active
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def _token(db, user, purpose, **changes):
    token = new_token()
    row = OneTimeToken(
        purpose=purpose,
        token_hash=token_hash(token),
        user_id=user.id,
        expires_at=changes.pop("expires_at", None) or auth.utcnow() + timedelta(days=7),
        **changes,
    )
    db.add(row)
    db.commit()
    return token


def test_set_password_refuses_other_expired_or_forged_links(db, people):
    worker = people["a"]
    now = auth.utcnow()
    refused = [
        _token(db, worker, "guardian_invite"),
        _token(db, worker, "signin"),
        _token(db, worker, "password_reset"),
        _token(db, worker, "set_password", expires_at=now - timedelta(seconds=1)),
        _token(db, worker, "set_password", used_at=now),
        _token(db, people["gone"], "staff_invite"),
        "x" * 43,
    ] + list(GARBAGE)
    for token in refused:
        with pytest.raises(ServiceError, match="error.invitation_invalid"):
            staff.set_password_with_token(db, token, "uusi hyvä salasana")
    assert auth.authenticate(db, worker.email, PASSWORD).user is not None


def test_set_password_ends_the_accounts_sessions(db, people):
    worker = people["a"]
    session_token = _signed_in(db, worker)
    staff.set_password_with_token(db, _token(db, worker, "set_password"), "uusi hyvä salasana")
    assert auth.resolve_session(db, session_token) is None
    assert auth.authenticate(db, worker.email, PASSWORD).user is None
    assert auth.authenticate(db, worker.email, "uusi hyvä salasana").user.id == worker.id
