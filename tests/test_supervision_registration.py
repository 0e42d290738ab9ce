"""Moving a family to another worker and registering paper/phone applications, on a real
migrated database (tests/supervision_world.py, whose fixtures tests/conftest.py loads)."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import func, select

from familywork_app.domain import ApplicationChannel, Language, SupportArea
from familywork_app.models import (
    AccessLog,
    Application,
    Child,
    Family,
    FamilyGuardian,
    Meeting,
    OneTimeToken,
    User,
    utcnow,
)
from familywork_app.services import NotAllowed, ServiceError, auth
from familywork_app.services import supervision as sup
from familywork_app.services.application_checks import (
    ChildEntry,
    FormErrors,
    check_application,
)
from familywork_app.services.applications import create_applicant_family
from familywork_app.services.staff import set_password_with_token
from tests.supervision_world import (
    FORM,
    GARBAGE,
    TODAY,
    _family,
    _meeting,
)


def _reassign_setup(db, people):
    family = _family(db, "Muuttuva", "Kajaani", worker=people["a"])
    now = utcnow()
    moved = [
        _meeting(db, family, status, now + timedelta(days=3))
        for status in ("proposed", "agreed", "change_requested")
    ]
    kept = [
        _meeting(db, family, "agreed", now - timedelta(days=2)),
        _meeting(db, family, "held", now - timedelta(days=9)),
        _meeting(db, family, "cancelled", now + timedelta(days=4)),
    ]
    return family, moved, kept


def test_reassign_moves_the_family_and_its_future_open_meetings(db, people):
    family, moved, kept = _reassign_setup(db, people)
    assert sup.reassign_family(db, people["sup"], family.id, people["b"].id, ip="1.2.3.4") is None
    db.expire_all()
    assert db.get(Family, family.id).worker_id == people["b"].id
    assert [db.get(Meeting, m.id).worker_id for m in moved] == [people["b"].id] * 3
    assert [db.get(Meeting, m.id).worker_id for m in kept] == [people["a"].id] * 3
    row = db.exec(select(AccessLog)).one()
    assert (row.action, row.family_id, row.detail, row.ip) == (
        "reassign_family",
        family.id,
        f"worker {people['b'].id}",
        "1.2.3.4",
    )


def test_reassign_rules(db, people):
    family, moved, _kept = _reassign_setup(db, people)
    for user in (people["a"], people["b"], people["guardian"], None):
        with pytest.raises(NotAllowed):
            sup.reassign_family(db, user, family.id, people["b"].id)
    for worker_id in (
        None,
        "3",
        True,
        2.0,
        -3,
        10**9,
        people["sup"].id,
        people["gone"].id,
        people["guardian"].id,
        {"id": 3},
    ):
        with pytest.raises(ServiceError, match="error.worker_required") as raised:
            sup.reassign_family(db, people["sup"], family.id, worker_id)
        assert raised.value.field == "worker"
    for status in ("applied", "closed"):
        other = _family(db, f"Tila {status}", "Kuhmo", status=status, worker=people["a"])
        with pytest.raises(ServiceError, match="error.invalid"):
            sup.reassign_family(db, people["sup"], other.id, people["b"].id)
    for bad in GARBAGE:
        with pytest.raises(NotAllowed):
            sup.reassign_family(db, people["sup"], bad, people["b"].id)
    db.expire_all()
    assert db.get(Family, family.id).worker_id == people["a"].id
    assert {db.get(Meeting, m.id).worker_id for m in moved} == {people["a"].id}
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def test_register_application_without_email(db, people, capsys):
    family_id = sup.register_application(
        db, people["a"], replace(FORM, password="x"), "phone", ip="10.1.1.1"
    )
    family = db.get(Family, family_id)
    assert (family.name, family.status, family.municipality) == (
        "Paperinen",
        "applied",
        "Suomussalmi",
    )
    link = db.exec(select(FamilyGuardian).where(FamilyGuardian.family_id == family_id)).one()
    guardian = db.get(User, link.user_id)
    assert guardian.password_hash is None and guardian.role == "guardian"
    assert re.fullmatch(r"no-email-[a-z0-9_-]{12}@invalid", guardian.email)
    children = db.exec(select(Child).where(Child.family_id == family_id)).all()
    assert sorted((c.first_name, c.birth_year) for c in children) == [
        ("Aili", 2022),
        ("Eino", 2020),
    ]
    application = db.exec(select(Application)).one()
    assert (
        application.channel,
        application.submitted_by_id,
        application.consent,
        application.status,
        application.support_areas,
    ) == ("phone", people["a"].id, True, "submitted", ["everyday", "resources"])
    assert db.exec(select(func.count()).select_from(OneTimeToken)).one() == 0
    assert "MAIL" not in capsys.readouterr().out
    log = db.exec(select(AccessLog)).one()
    assert (log.action, log.family_id, log.user_id, log.ip) == (
        "register_application",
        family_id,
        people["a"].id,
        "10.1.1.1",
    )
    second = sup.register_application(db, people["sup"], replace(FORM, email="  "), "paper")
    emails = db.exec(
        select(User.email).where(User.role == "guardian", User.email.startswith("no-email-"))
    ).all()
    assert second != family_id and len(set(emails)) == 2


def test_register_application_with_email_lets_the_guardian_set_a_password_once(db, people, capsys):
    form = replace(FORM, email=" Paula@Example.org ")
    family_id = sup.register_application(db, people["a"], form, "paper")
    out = capsys.readouterr().out
    assert "MAIL to=paula@example.org" in out
    token = re.search(r"/set-password\?token=(\S+)", out).group(1)
    row = db.exec(select(OneTimeToken)).one()
    assert (row.purpose, row.family_id) == ("set_password", family_id)
    assert timedelta(days=6, hours=23) < row.expires_at - utcnow() <= timedelta(days=7)
    password = "suomussalmen kirkko on vanha"
    assert auth.authenticate(db, "paula@example.org", password).user is None
    with pytest.raises(ServiceError, match="error.password_short"):
        set_password_with_token(db, token, "lyhyt")
    user = set_password_with_token(db, token, password)
    assert user.email == "paula@example.org"
    assert auth.authenticate(db, "paula@example.org", password).user.id == user.id
    with pytest.raises(ServiceError, match="error.invitation_invalid"):
        set_password_with_token(db, token, "toinen pitkä salasana")
    assert auth.authenticate(db, "paula@example.org", password).user is not None


def test_register_application_rules(db, people):
    with pytest.raises(NotAllowed):
        sup.register_application(db, people["guardian"], FORM, "paper")
    with pytest.raises(NotAllowed):
        sup.register_application(db, people["gone"], FORM, "paper")
    for channel in ("eform", "PAPER", "", None, 1, ["paper"]):
        with pytest.raises(ServiceError, match="error.invalid") as raised:
            sup.register_application(db, people["a"], FORM, channel)
        assert raised.value.field == "channel"
    with pytest.raises(FormErrors) as raised:
        sup.register_application(db, people["a"], replace(FORM, consent=False), "phone")
    assert raised.value.errors == {"consent": "error.consent_required"}
    with pytest.raises(FormErrors) as raised:
        sup.register_application(db, people["a"], replace(FORM, email="Aino@example.org"), "phone")
    assert raised.value.errors == {"email": "error.email_unavailable"}
    for email in ("not-an-address", "a@", "x" * 250 + "@example.org"):
        with pytest.raises(FormErrors) as raised:
            sup.register_application(db, people["a"], replace(FORM, email=email), "phone")
        assert set(raised.value.errors) == {"email"}
    for form in (None, [], "form", {"children": "x", "support_areas": {"$ne": 1}}):
        with pytest.raises(FormErrors) as raised:
            sup.register_application(db, people["a"], form, "phone")
        assert "password" not in raised.value.errors
    assert db.exec(select(func.count()).select_from(Family)).one() == 0
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def test_malformed_arguments_never_crash(db, people, dataset):
    supervisor, worker_b = people["sup"], people["b"].id
    calls = [
        lambda bad: sup.service_figures(db, bad, TODAY),
        lambda bad: sup.service_figures(db, supervisor, bad if bad is not None else 1),
        lambda bad: sup.reassign_family(db, bad, 1, worker_b),
        lambda bad: sup.reassign_family(db, supervisor, 1, bad),
        lambda bad: sup.register_application(db, bad, FORM, "paper"),
        lambda bad: sup.register_application(db, supervisor, bad, "paper"),
        lambda bad: sup.register_application(db, supervisor, FORM, bad),
    ]
    ip_calls = [
        lambda ip: sup.service_figures(db, supervisor, TODAY, ip=ip),
        lambda ip: sup.reassign_family(db, supervisor, 1, worker_b, ip=ip),
        lambda ip: sup.register_application(db, supervisor, FORM, "paper", ip=ip),
    ]
    for call, bad in [(c, b) for c in calls for b in GARBAGE] + [
        (c, b) for c in ip_calls for b in GARBAGE if not isinstance(b, str)
    ]:
        with pytest.raises(ServiceError):
            call(bad)
    assert (
        db.exec(select(func.count()).select_from(Family).where(Family.name == "Paperinen")).one()
        == 0
    )
    assert db.get(Family, 1).worker_id == people["a"].id
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def test_one_builder_makes_the_applicant_family_for_the_e_form_and_for_staff(db, people):
    checked = check_application(db, FORM, staff=True)
    assert checked.support_areas == (SupportArea.EVERYDAY, SupportArea.RESOURCES)
    assert [(c.first_name, c.birth_year) for c in checked.children] == [
        ("Eino", 2020),
        ("Aili", 2022),
    ]
    own, own_family = create_applicant_family(
        db, checked, channel=ApplicationChannel.EFORM, language=Language.SV, password_hash="h"
    )
    staff, staff_family = create_applicant_family(
        db,
        checked,
        channel=ApplicationChannel.PHONE,
        language=Language.FI,
        submitted_by=people["b"],
    )
    db.commit()
    for guardian, family, submitted_by, channel in (
        (own, own_family, own.id, "eform"),
        (staff, staff_family, people["b"].id, "phone"),
    ):
        assert (family.name, family.status, family.address) == (
            "Paperinen",
            "applied",
            "Kirkkotie 1, 89600 Suomussalmi",
        )
        link = db.exec(select(FamilyGuardian).where(FamilyGuardian.family_id == family.id)).one()
        assert link.user_id == guardian.id and guardian.role == "guardian"
        assert re.fullmatch(r"no-email-[a-z0-9_-]{12}@invalid", guardian.email)
        children = db.exec(select(Child.first_name).where(Child.family_id == family.id)).all()
        assert sorted(children) == ["Aili", "Eino"]
        application = db.exec(select(Application).where(Application.family_id == family.id)).one()
        assert (application.submitted_by_id, application.channel, application.status) == (
            submitted_by,
            channel,
            "submitted",
        )
    assert (own.password_hash, own.language, staff.password_hash, staff.language) == (
        "h",
        "sv",
        None,
        "fi",
    )
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0  # callers log


def test_check_application_refuses_what_the_form_model_lets_through(db, people):
    year = utcnow().year
    bad = replace(
        FORM,
        name=" ",
        phone="12",
        municipality="Oulu",
        children=(
            ChildEntry("", str(year + 1)),
            ChildEntry("Ok", "２０２０"),
            ChildEntry("x" * 61, ""),
        ),
        support_areas=("bogus",),
        description="x" * 2001,
    )
    with pytest.raises(FormErrors) as raised:
        check_application(db, bad, staff=True)
    assert raised.value.errors == {
        "name": "error.name_required",
        "phone": "error.phone_invalid",
        "municipality": "error.municipality_required",
        "support_areas": "error.area_required",
        "description": "error.text_long",
        "child_0_name": "error.child_name",
        "child_0_year": "error.birth_year",
        "child_1_year": "error.birth_year",
        "child_2_name": "error.child_name",
        "child_2_year": "error.birth_year",
    }
    with pytest.raises(FormErrors) as raised:
        check_application(db, replace(FORM, children=()), staff=True)
    assert raised.value.errors == {"children": "error.children_required"}
    with pytest.raises(FormErrors) as raised:
        check_application(db, FORM)  # the e-form: e-mail and password are required
    assert set(raised.value.errors) == {"email", "password"}
    many = check_application(db, replace(FORM, children=FORM.children[:1] * 12), staff=True)
    assert len(many.children) == 10  # MAX_CHILDREN: the rest are not read
