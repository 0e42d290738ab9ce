"""Inviting the other guardian: single use, expiry, one family only."""

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from familywork_app.models import Family, FamilyGuardian, OneTimeToken
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services import invitations as inv
from familywork_app.services.family_home import family_home
from familywork_app.state.family_members import AcceptForm, InviteForm
from tests.conftest import user_by_email


def _invite(db, capsys, email="uusi.huoltaja@example.org"):
    inv.invite_guardian(db, user_by_email(db, "family@example.org"), email)
    link = re.search(r"/invite\?token=(\S+)", capsys.readouterr().out)
    return link.group(1)


def test_invitee_joins_the_same_family_once(demo_db, capsys):
    token = _invite(demo_db, capsys)
    assert inv.invitation_info(demo_db, token) == inv.Invitation(
        email="uusi.huoltaja@example.org", family_name="Kemppainen"
    )
    with pytest.raises(ServiceError, match="error.password_short"):
        inv.accept_invitation(demo_db, token, "Uusi Huoltaja", "lyhyt")
    user = inv.accept_invitation(demo_db, token, "Uusi Huoltaja", "metsän polku on pitkä")
    assert family_home(demo_db, user).family_name == "Kemppainen"
    with pytest.raises(ServiceError, match="error.invitation_invalid"):
        inv.accept_invitation(demo_db, token, "Toinen", "metsän polku on pitkä")
    assert inv.invitation_info(demo_db, token) is None


def test_expired_or_forged_tokens_are_refused(demo_db, capsys):
    token = _invite(demo_db, capsys)
    row = demo_db.exec(select(OneTimeToken).where(OneTimeToken.purpose == "guardian_invite")).one()
    row.expires_at = row.expires_at - timedelta(days=8)
    demo_db.commit()
    for bad in (token, "x" * 43, None, 5, {"token": token}):
        assert inv.invitation_info(demo_db, bad) is None
        with pytest.raises(ServiceError):
            inv.accept_invitation(demo_db, bad, "Nimi", "metsän polku on pitkä")


def test_invitation_rules(demo_db, capsys):
    with pytest.raises(ServiceError, match="error.email_unavailable"):
        _invite(demo_db, capsys, "worker@example.org")
    with pytest.raises(ServiceError, match="error.invalid_email"):
        _invite(demo_db, capsys, "not-an-address")
    with pytest.raises(NotAllowed):
        inv.invite_guardian(demo_db, user_by_email(demo_db, "worker@example.org"), "a@example.org")
    closed = demo_db.exec(select(Family).where(Family.status == "closed")).first()
    link = demo_db.exec(select(FamilyGuardian).where(FamilyGuardian.family_id == closed.id)).first()
    from familywork_app.models import User

    with pytest.raises(ServiceError):
        inv.invite_guardian(demo_db, demo_db.get(User, link.user_id), "a@example.org")
    members = inv.family_members(demo_db, user_by_email(demo_db, "family@example.org"))
    assert sorted(members.guardians) == ["Jussi Kemppainen", "Laura Kemppainen"]


def test_the_forms_trim_what_is_typed_and_a_long_name_is_asked_again():
    assert InviteForm.parse({"email": " Uusi@Example.org "}).email == "Uusi@Example.org"
    accepted = AcceptForm.parse({"name": f"  {'a' * 120}  ", "password": ["x"]})
    assert (accepted.name, accepted.password) == ("a" * 120, "")
    with pytest.raises(ServiceError) as long_name:
        AcceptForm.parse({"name": "a" * 121})
    assert (long_name.value.code, long_name.value.field) == ("error.name_required", "name")
