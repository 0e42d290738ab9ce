"""How applicants were identified (issue 15): an application made after a Suomi.fi sign-in is
marked strongly identified (with the verified name) in the queue and on the family record; a
password-only applicant is "not identified" until the worker records an in-person check."""

import pytest
from sqlmodel import select

from familywork_app.domain import LogAction, Role
from familywork_app.models import AccessLog, StrongIdentity
from familywork_app.oidc_profile import TEST_PEOPLE, Provider
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.application_identity import (
    family_identification,
    identify_application,
    record_identity_check,
)
from familywork_app.services.caseload import application_queue
from familywork_app.services.oidc_client import IdentityClaims, VerifiedIdentity
from familywork_app.services.strong_identity import masked_code, pic_hash
from familywork_app.state.identity_check import present_identification
from familywork_app.state.presenters import present_queue
from tests.factories import make_application, make_family, make_user

AINO = TEST_PEOPLE[2]
IDENTITY = VerifiedIdentity(
    Provider.SUOMIFI,
    "aino-subject",
    IdentityClaims(
        given_name=AINO.given_name,
        family_name=AINO.family_name,
        personal_identity_code=AINO.personal_identity_code,
        acr=str(AINO.acr),
    ),
)


@pytest.fixture
def world(db):
    worker = make_user(db, Role.WORKER)
    strong = make_family(db, worker, name="Testinen")
    plain = make_family(db, worker, name="Salasana")
    return {
        "worker": worker,
        "strong": strong,
        "plain": plain,
        "strong_app": make_application(db, strong),
        "plain_app": make_application(db, plain),
        "supervisor": make_user(db, Role.SUPERVISOR),
    }


def test_a_strong_application_links_the_account_and_is_marked_in_the_queue(db, world):
    guardian = world["strong"].guardians[0]
    identify_application(db, guardian, IDENTITY, "10.0.0.1")
    link = db.exec(select(StrongIdentity).where(StrongIdentity.user_id == guardian.id)).one()
    assert link.pic_hash == pic_hash(AINO.personal_identity_code)
    assert AINO.personal_identity_code not in (link.pic_sealed or "")
    assert masked_code(db, guardian) == "150690-****"

    rows = {r.name: r for r in application_queue(db, world["supervisor"])}
    assert rows["Testinen"].strongly_identified and not rows["Salasana"].strongly_identified
    shown = {v.name: v for v in present_queue(list(rows.values()), "en")}
    assert shown["Testinen"].identified == "Strongly identified"
    assert shown["Salasana"].identified == "Not identified"


def test_only_the_applicant_marks_their_own_application(db, world):
    with pytest.raises(NotAllowed):
        identify_application(db, world["worker"], IDENTITY)
    with pytest.raises(NotAllowed):  # a guardian whose family's application someone else sent
        other = make_family(db, name="Muu")
        identify_application(db, other.guardians[0], IDENTITY)


def test_the_record_says_strong_with_the_verified_name(db, world):
    identify_application(db, world["strong"].guardians[0], IDENTITY)
    found = family_identification(db, world["worker"], world["strong"].id)
    assert found.strong and found.verified_name == "Aino Testinen"
    assert present_identification(found, "en") == "Applied identified with Suomi.fi: Aino Testinen"
    with pytest.raises(ServiceError):  # nothing to check in person
        record_identity_check(db, world["worker"], world["strong"].id)


def test_the_worker_records_the_in_person_check_of_a_password_only_applicant(db, world):
    worker, family_id = world["worker"], world["plain"].id
    before = family_identification(db, worker, family_id)
    assert not before.strong and before.checked_at is None
    assert present_identification(before, "en").startswith("The applicant signed in with a")
    after = record_identity_check(db, worker, family_id, "10.0.0.2")
    assert after.checked_by == worker.display_name and after.checked_at is not None
    assert "Identity checked at a meeting" in present_identification(after, "en")
    logged = db.exec(select(AccessLog).where(AccessLog.action == LogAction.CHECK_IDENTITY)).all()
    assert [(r.family_id, r.user_id) for r in logged] == [(family_id, worker.id)]
    with pytest.raises(ServiceError):  # once only
        record_identity_check(db, worker, family_id)


def test_another_workers_family_is_not_theirs_to_check(db, world):
    stranger = make_user(db, Role.WORKER)
    with pytest.raises(NotAllowed):
        record_identity_check(db, stranger, world["plain"].id)
    with pytest.raises(NotAllowed):
        family_identification(db, stranger, world["plain"].id)


def test_a_person_linked_to_another_account_marks_no_application(db, world):
    identify_application(db, world["strong"].guardians[0], IDENTITY)
    with pytest.raises(NotAllowed):
        identify_application(db, world["plain"].guardians[0], IDENTITY)
    rows = {r.name: r for r in application_queue(db, world["supervisor"])}
    assert not rows["Salasana"].strongly_identified
