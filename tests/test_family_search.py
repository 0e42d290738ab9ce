"""Supervisor family search: supervisors only, prefix match, one log row per family found."""

import pytest
from sqlmodel import func, select

from familywork_app.domain import FamilyStatus, Municipality, Role
from familywork_app.models import AccessLog
from familywork_app.services import NotAllowed
from familywork_app.services.family_search import active_workers, find_families
from tests.factories import make_family, make_user


def _families(db):
    """Three families (two in Kajaani, one in Kuhmo) and two active workers (and a former)."""
    anna = make_user(db, Role.WORKER, "Anna Heikkinen")
    mikko = make_user(db, Role.WORKER, "Mikko Pulkkinen")
    make_user(db, Role.WORKER, "Entinen Työntekijä").is_active = False
    db.commit()
    make_family(db, anna, name="Kemppainen")
    make_family(db, mikko, name="Korhonen", municipality=Municipality.KUHMO)
    make_family(db, status=FamilyStatus.APPLIED, name="Tolonen")
    return anna


def test_supervisor_finds_families_and_each_is_logged(db):
    _families(db)
    supervisor = make_user(db, Role.SUPERVISOR)
    rows = find_families(db, supervisor, "kemp")
    assert [r.name for r in rows] == ["Kemppainen"] and rows[0].worker_name == "Anna Heikkinen"
    assert rows[0].status == FamilyStatus.ACTIVE and rows[0].municipality == "Kajaani"
    in_kajaani = find_families(db, supervisor, "Kajaani")
    assert [r.name for r in in_kajaani] == ["Kemppainen", "Tolonen"]
    assert {r.municipality for r in in_kajaani} == {"Kajaani"}
    assert in_kajaani[1].worker_name == ""  # an applicant has no worker yet
    logged = db.exec(
        select(func.count()).select_from(AccessLog).where(AccessLog.action == "search_family")
    ).one()
    assert logged == 1 + len(in_kajaani)


def test_search_rejects_others_and_odd_queries(db):
    worker = _families(db)
    supervisor = make_user(db, Role.SUPERVISOR)
    for bad in ("", "k", None, 5, {"$regex": "."}, "%", "_%"):
        assert find_families(db, supervisor, bad) == []
    for user in (worker, make_user(db, Role.GUARDIAN)):
        with pytest.raises(NotAllowed):
            find_families(db, user, "kemp")
        with pytest.raises(NotAllowed):
            active_workers(db, user)
    assert {w.name for w in active_workers(db, supervisor)} == {
        "Anna Heikkinen",
        "Mikko Pulkkinen",
    }
