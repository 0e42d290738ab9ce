"""Supervisor family search: supervisors only, prefix match, one log row per family found."""

import pytest
from sqlmodel import func, select

from familywork_app.domain import FamilyStatus
from familywork_app.models import AccessLog
from familywork_app.services import NotAllowed
from familywork_app.services.family_search import active_workers, find_families
from tests.conftest import user_by_email


def test_supervisor_finds_families_and_each_is_logged(demo_db):
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    rows = find_families(demo_db, supervisor, "kemp")
    assert [r.name for r in rows] == ["Kemppainen"] and rows[0].worker_name == "Anna Heikkinen"
    assert rows[0].status == FamilyStatus.ACTIVE and rows[0].municipality == "Kajaani"
    in_kajaani = find_families(demo_db, supervisor, "Kajaani")
    assert len(in_kajaani) >= 1 and {r.municipality for r in in_kajaani} == {"Kajaani"}
    logged = demo_db.exec(
        select(func.count()).select_from(AccessLog).where(AccessLog.action == "search_family")
    ).one()
    assert logged == 1 + len(in_kajaani)


def test_search_rejects_others_and_odd_queries(demo_db):
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    for bad in ("", "k", None, 5, {"$regex": "."}, "%", "_%"):
        assert find_families(demo_db, supervisor, bad) == []
    for role_email in ("worker@example.org", "family@example.org"):
        with pytest.raises(NotAllowed):
            find_families(demo_db, user_by_email(demo_db, role_email), "kemp")
        with pytest.raises(NotAllowed):
            active_workers(demo_db, user_by_email(demo_db, role_email))
    assert {w.name for w in active_workers(demo_db, supervisor)} == {
        "Anna Heikkinen",
        "Mikko Pulkkinen",
    }
