"""Helpers shared by the goal and message service tests."""

import pytest
from sqlmodel import func, select

from familywork_app.models import AccessLog, Family, Goal
from familywork_app.services import NotAllowed, ServiceError

BAD_IDS = [None, "1", 1.0, True, -1, 0, 10**12, {"$gt": 0}, [1]]
GUARDIAN, GUARDIAN2 = "family@example.org", "family2@example.org"
WORKER, WORKER2, SUPERVISOR = "worker@example.org", "worker2@example.org", "supervisor@example.org"


def _family(db, name):
    return db.exec(select(Family).where(Family.name == name)).one()


def _log_count(db, **where):
    stmt = select(func.count()).select_from(AccessLog)
    for key, value in where.items():
        stmt = stmt.where(getattr(AccessLog, key) == value)
    return db.exec(stmt).one()


def _count(db, model):
    return db.exec(select(func.count()).select_from(model)).one()


def _refused(code, call, *args, field=None):
    with pytest.raises(ServiceError) as caught:
        call(*args)
    assert not isinstance(caught.value, NotAllowed)
    assert caught.value.code == code
    if field is not None:
        assert caught.value.field == field


def _goal_ids(db, family_id):
    return db.exec(select(Goal.id).where(Goal.family_id == family_id)).all()


# --- goals ------------------------------------------------------------------------------------
