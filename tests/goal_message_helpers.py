"""Helpers shared by the goal and message tests: counting rows, a refusal, and a page state's
handlers run on a plain object (`StateDouble`)."""

import inspect
from typing import Any

import pytest
from sqlmodel import Session, func, select

from familywork_app.models import AccessLog, Goal
from familywork_app.services import NotAllowed, ServiceError

BAD_IDS = [None, "1", 1.0, True, -1, 0, 10**12, {"$gt": 0}, [1]]


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


class StateDouble:
    """A page state's handlers run through the real entry point on a plain object instead of
    a Reflex state (no app, no browser): `user` is signed in, `family_id` is their family, the
    vars are plain attributes starting from `state_vars`, and the state's own helpers
    (`_reload`, `_refused`...) are borrowed from `state_cls`."""

    def __init__(self, state_cls: type, user: Any, family_id: int = 0, **state_vars: Any):
        self._cls, self._signed_in, self._family_id = state_cls, user, family_id
        self.lang, self.unread, self.crashed = "fi", 0, False
        self.__dict__.update(state_vars)

    def __getattr__(self, name: str) -> Any:  # only for names the double does not have
        for klass in self._cls.__mro__:
            found = vars(klass).get(name)
            if inspect.isfunction(found):
                return found.__get__(self)
        raise AttributeError(name)

    def call(self, handler: str, *args: Any) -> Any:
        """Call the event handler `handler` as the browser would."""
        return self._cls.event_handlers[handler].fn(self, *args)

    # What the entry point asks of a state.
    def _user(self, db: Session) -> Any:
        return self._signed_in

    def _guard(self, db: Session, *roles: Any) -> tuple[Any, list[str]]:
        allowed = self._signed_in is not None and self._signed_in.role in roles
        return (self._signed_in, []) if allowed else (None, ["redirect"])

    def _own_family(self, db: Session, user: Any, badge: bool = True) -> int:
        return self._family_id

    def _ip(self) -> str:
        return "192.0.2.9"

    def reset(self) -> None:
        self.crashed = True
