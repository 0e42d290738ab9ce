"""Supervisors search the access log by family, user and date; nobody else can."""

from datetime import date, timedelta

import pytest

from familywork_app.domain import Role
from familywork_app.models import utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.access_log import search_log
from familywork_app.services.family_home import family_home
from tests.factories import make_family, make_user


def test_search_by_family_user_and_date(db):
    world = make_family(db, name="Kemppainen")
    other = make_family(db, name="Huttunen")
    guardian = world.guardians[0]
    family_home(db, guardian)
    family_home(db, other.guardians[0])
    supervisor = make_user(db, Role.SUPERVISOR)
    rows = search_log(db, supervisor, family_name="Kemppainen")
    assert rows and {r.family for r in rows} == {"Kemppainen"}
    assert any(
        r.email == guardian.email
        and r.action == "view_family_home"
        and r.role == Role.GUARDIAN
        and r.who
        for r in rows
    )
    by_user = search_log(db, supervisor, email=guardian.email.upper())
    assert by_user and {r.email for r in by_user} == {guardian.email}
    today = utcnow().date()
    assert search_log(db, supervisor, day_from=today + timedelta(days=1)) == []
    assert search_log(db, supervisor, day_from=today, day_to=today)
    # The search itself left a row naming the family searched for.
    mine = search_log(db, supervisor, email=supervisor.email)
    assert mine[0].action == "search_access_log"
    assert any(r.family == "Kemppainen" for r in mine)


def test_only_supervisors_search_and_odd_arguments_do_not_crash(db):
    world = make_family(db)
    for user in (world.worker, world.guardians[0]):
        with pytest.raises(NotAllowed):
            search_log(db, user)
    supervisor = make_user(db, Role.SUPERVISOR)
    assert (
        search_log(db, supervisor, family_name={"$ne": ""}, email=5, day_from="x", day_to=date.max)
        is not None
    )
