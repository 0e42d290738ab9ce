"""Supervisors search the access log by family, user and date; nobody else can."""

from datetime import date, timedelta

import pytest

from familywork_app.domain import Role
from familywork_app.models import utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.access_log import search_log
from familywork_app.services.family_home import family_home
from tests.conftest import user_by_email


def test_search_by_family_user_and_date(demo_db):
    guardian = user_by_email(demo_db, "family@example.org")
    family_home(demo_db, guardian)
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    rows = search_log(demo_db, supervisor, family_name="Kemppainen")
    assert rows and {r.family for r in rows} == {"Kemppainen"}
    assert any(
        r.email == "family@example.org"
        and r.action == "view_family_home"
        and r.role == Role.GUARDIAN
        and r.who
        for r in rows
    )
    by_user = search_log(demo_db, supervisor, email="FAMILY@example.org")
    assert by_user and {r.email for r in by_user} == {"family@example.org"}
    today = utcnow().date()
    assert search_log(demo_db, supervisor, day_from=today + timedelta(days=1)) == []
    assert search_log(demo_db, supervisor, day_from=today, day_to=today)
    # The search itself left a row naming the family searched for.
    assert (
        search_log(demo_db, supervisor, email="supervisor@example.org")[0].action
        == "search_access_log"
    )


def test_only_supervisors_search_and_odd_arguments_do_not_crash(demo_db):
    for email in ("worker@example.org", "family@example.org"):
        with pytest.raises(NotAllowed):
            search_log(demo_db, user_by_email(demo_db, email))
    supervisor = user_by_email(demo_db, "supervisor@example.org")
    assert (
        search_log(
            demo_db, supervisor, family_name={"$ne": ""}, email=5, day_from="x", day_to=date.max
        )
        is not None
    )
