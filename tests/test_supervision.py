"""Supervisor figures on a real migrated database with a small hand-made dataset of known
dates (tests/supervision_world.py, whose fixtures tests/conftest.py loads)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from familywork_app.domain import ApplicationStatus, SupportArea
from familywork_app.models import (
    AccessLog,
)
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services import supervision as sup
from familywork_app.services.supervision_rows import (
    AreaMonth,
    MunicipalityMonth,
    QueueWait,
    WorkerActive,
    WorkerMeetings,
)
from tests.supervision_world import (
    TODAY,
    _application,
    _family,
    _meeting,
    hel,
)


def test_figures_are_for_supervisors_only(db, people):
    for user in (people["a"], people["guardian"], None, "sari@example.org", object()):
        with pytest.raises(NotAllowed):
            sup.service_figures(db, user, TODAY)
    people["sup"].is_active = False
    db.commit()
    with pytest.raises(NotAllowed):
        sup.service_figures(db, people["sup"], TODAY)
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def test_figures_on_a_known_dataset(db, people, dataset):
    figures = sup.service_figures(db, people["sup"], TODAY, ip="10.0.0.1")
    a, b = people["a"].id, people["b"].id
    assert figures.queue == (
        QueueWait(dataset["older"], "Forsman", "Kajaani", 20, "in_review"),
        QueueWait(dataset["later"], "Eskola", "Hyrynsalmi", 10, "submitted"),
    )
    assert figures.active_per_worker == (
        WorkerActive(a, "Aino Aalto", 3),
        WorkerActive(b, "Bertta Berg", 1),
    )
    assert figures.meetings_per_worker == (
        WorkerMeetings(a, "Aino Aalto", this_week=2, next_week=1),
        WorkerMeetings(b, "Bertta Berg", this_week=0, next_week=2),
    )
    assert figures.median_days_to_first_meeting == 8.0  # median of 2, 5.5, 10.5, 20
    per_month = figures.applications_per_month
    assert per_month.by_area == (
        AreaMonth("2024-04", "resources", 1),
        AreaMonth("2024-12", "parenting", 1),
        AreaMonth("2025-01", "everyday", 1),
        AreaMonth("2025-01", "parenting", 1),
        AreaMonth("2025-02", "growth", 1),
        AreaMonth("2025-02", "parenting", 2),
        AreaMonth("2025-03", "interaction", 1),
    )
    assert per_month.by_municipality == (
        MunicipalityMonth("2024-04", "Puolanka", 1),
        MunicipalityMonth("2024-12", "Sotkamo", 1),
        MunicipalityMonth("2025-01", "Kuhmo", 1),
        MunicipalityMonth("2025-01", "Paltamo", 1),
        MunicipalityMonth("2025-02", "Kajaani", 2),
        MunicipalityMonth("2025-03", "Hyrynsalmi", 1),
    )
    assert all(type(q.status) is ApplicationStatus for q in figures.queue)
    assert all(type(r.area) is SupportArea for r in per_month.by_area)
    rows = db.exec(select(AccessLog)).all()
    assert [(r.action, r.family_id, r.user_id, r.ip) for r in rows] == [
        ("view_figures", None, people["sup"].id, "10.0.0.1")
    ]


def test_median_is_none_without_meetings_and_odd_counts_take_the_middle(db, people):
    family = _family(db, "Ylönen", "Kuhmo", worker=people["a"])
    _application(db, family, hel(1, 1), "growth")
    assert sup.service_figures(db, people["sup"], TODAY).median_days_to_first_meeting is None
    _meeting(db, family, "agreed", hel(1, 4), agreed_at=hel(1, 2))
    other = _family(db, "Östman", "Kuhmo", worker=people["a"])
    _application(db, other, hel(1, 1), "growth")
    _meeting(db, other, "held", hel(1, 8))
    third = _family(db, "Åberg", "Kuhmo", worker=people["a"])
    _application(db, third, hel(1, 1), "growth")
    _meeting(db, third, "held", hel(1, 31), agreed_at=hel(1, 4, 22))
    assert sup.service_figures(db, people["sup"], TODAY).median_days_to_first_meeting == 3.5


def test_figures_today_must_be_a_date(db, people):
    assert sup.service_figures(db, people["sup"]).queue == ()
    aware = datetime(2025, 3, 9, 22, 30, tzinfo=ZoneInfo("UTC"))  # Monday 10.3. in Helsinki
    _meeting(db, _family(db, "Ahonen", "Kuhmo", worker=people["a"]), "agreed", hel(3, 10, 12))
    weeks = sup.service_figures(db, people["sup"], aware).meetings_per_worker
    assert weeks[0].this_week == 1
    for bad in ("2025-03-12", 20250312, [], {"y": 2025}, 1.5):
        with pytest.raises(ServiceError, match="error.invalid"):
            sup.service_figures(db, people["sup"], bad)
