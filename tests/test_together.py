"""Together mode: who may start it, what a locked session reaches, and leaving it."""

import pytest

from familywork_app.models import Family, TogetherSession
from familywork_app.services import NotAllowed, ServiceError, auth, together
from tests.conftest import user_by_email
from tests.goal_message_helpers import (
    BAD_IDS,
    GUARDIAN,
    SUPERVISOR,
    WORKER,
    WORKER2,
    _family,
    _log_count,
)

DEMO_PASSWORD = "perhetyo-demo-2026"


def _token(db, user) -> str:
    token, _user = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
    return token


def test_worker_locks_own_session_to_an_assigned_family(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    token, other_tab = _token(demo_db, worker), _token(demo_db, worker)
    before = _log_count(demo_db, action="start_together", family_id=family.id)
    assert together.start(demo_db, worker, family.id, "2468", token) == family.id
    assert _log_count(demo_db, action="start_together", family_id=family.id) == before + 1
    # The locked session reaches nothing but the together page; the worker's other session does.
    assert auth.resolve_session(demo_db, token) is None
    assert auth.resolve_session(demo_db, token, together=True).id == worker.id
    assert auth.is_locked(demo_db, token) and not auth.is_locked(demo_db, other_tab)
    assert auth.resolve_session(demo_db, other_tab).id == worker.id
    lock = together.current(demo_db, worker, token)
    assert lock.family_id == family.id and lock.pin_hash.startswith("$argon2")
    people = together.family_people(demo_db, worker, lock)
    assert [g["name"] for g in people["guardians"]] == ["Laura", "Jussi"]
    assert people["family_name"] == "Kemppainen" and len(people["children"]) == 2


def test_worker_cannot_start_for_a_family_not_on_their_caseload(demo_db):
    worker2, worker = user_by_email(demo_db, WORKER2), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    token = _token(demo_db, worker2)
    with pytest.raises(NotAllowed):
        together.start(demo_db, worker2, family.id, "2468", token)
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            together.start(demo_db, worker, bad, "2468", _token(demo_db, worker))
    # Another user's session token cannot be locked either.
    with pytest.raises(NotAllowed):
        together.start(demo_db, worker, family.id, "2468", token)
    guardian = user_by_email(demo_db, GUARDIAN)
    with pytest.raises(NotAllowed):
        together.start(demo_db, guardian, family.id, "2468", _token(demo_db, guardian))
    assert demo_db.exec(TogetherSession.__table__.select()).all() == []


def test_pin_rules_and_family_must_be_active(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    token = _token(demo_db, worker)
    for pin in ("", "123", "123456789", "12a4", None, 1234):
        with pytest.raises(ServiceError) as caught:
            together.start(demo_db, worker, family.id, pin, token)
        assert caught.value.code == "together.pin_invalid"
    family.status = "closed"
    demo_db.add(family)
    demo_db.commit()
    with pytest.raises(ServiceError) as caught:
        together.start(demo_db, worker, family.id, "2468", token)
    assert caught.value.code == "together.family_not_active"


def test_leaving_needs_the_pin_or_the_password(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    token = _token(demo_db, worker)
    together.start(demo_db, worker, family.id, "2468", token)
    for wrong in ("1357", "not the password at all", ""):
        with pytest.raises(ServiceError) as caught:
            together.end(demo_db, worker, token, wrong)
        assert caught.value.code in ("together.unlock_wrong", "together.unlock_required")
    assert auth.is_locked(demo_db, token)
    assert together.end(demo_db, worker, token, " 2468 ") == family.id
    assert not auth.is_locked(demo_db, token)
    assert auth.resolve_session(demo_db, token).id == worker.id
    assert _log_count(demo_db, action="end_together", family_id=family.id) == 1
    with pytest.raises(NotAllowed):  # nothing left to end
        together.end(demo_db, worker, token, "2468")
    together.start(demo_db, worker, family.id, "1111", token)
    assert together.end(demo_db, worker, token, DEMO_PASSWORD) == family.id


def test_five_wrong_pins_leave_only_the_password(demo_db):
    worker = user_by_email(demo_db, WORKER)
    token = _token(demo_db, worker)
    together.start(demo_db, worker, _family(demo_db, "Kemppainen").id, "2468", token)
    for _ in range(together.MAX_PIN_FAILURES):
        with pytest.raises(ServiceError):
            together.end(demo_db, worker, token, "0000")
    with pytest.raises(ServiceError) as caught:
        together.end(demo_db, worker, token, "2468")  # the right PIN no longer opens it
    assert caught.value.code == "together.unlock_wrong"
    assert together.end(demo_db, worker, token, DEMO_PASSWORD)


def test_supervisor_may_use_together_mode_and_deactivated_worker_may_not(demo_db):
    supervisor, worker = user_by_email(demo_db, SUPERVISOR), user_by_email(demo_db, WORKER)
    family = demo_db.exec(Family.__table__.select().where(Family.name == "Kemppainen")).first()
    token = _token(demo_db, supervisor)
    assert together.start(demo_db, supervisor, family.id, "2468", token) == family.id
    worker_token = _token(demo_db, worker)
    worker.is_active = False
    demo_db.add(worker)
    demo_db.commit()
    with pytest.raises(NotAllowed):
        together.start(demo_db, worker, family.id, "2468", worker_token)
