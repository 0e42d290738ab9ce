"""The closing feedback and the supervisor's closing figures: answers kept apart from the family
(no id, no time, a random row id, an access-log row without the answers), once per family,
refused for an active family's guardian and for staff; means only from 3 answers a quarter;
median days from application to start and to close per quarter of closing; a fixed number of
SQL statements."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from alembic import command
from familywork_app.db import make_engine
from familywork_app.domain import CaseStepKind, FamilyStatus, LogAction, MeetingStatus, Role
from familywork_app.models import AccessLog, Application, CaseStep, Family, Feedback, Meeting
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.closing_figures import closing_figures, first_quarter_day
from familywork_app.services.feedback import FeedbackOffer, feedback_offer, give_feedback
from familywork_app.state.feedback import FeedbackForm
from tests.factories import make_family, make_user
from tests.test_caseload_queries import _run
from tests.test_migrations import _config

HELSINKI = ZoneInfo("Europe/Helsinki")


def _closed(db, guardians=1):
    return make_family(db, status=FamilyStatus.CLOSED, guardians=guardians)


def test_the_answers_are_kept_apart_from_the_family(db):
    world = _closed(db)
    guardian = world.guardians[0]
    assert feedback_offer(db, guardian) == FeedbackOffer.OPEN
    give_feedback(db, guardian, 4, 5, 3, "  Työntekijä kuunteli aina.  ")

    columns = {c["name"] for c in inspect(db.get_bind()).get_columns("feedback")}
    assert columns == {"id", "quarter", "helped", "listened", "meetings", "comment"}
    row = db.exec(select(Feedback)).one()
    assert (row.helped, row.listened, row.meetings) == (4, 5, 3)
    assert row.comment == "Työntekijä kuunteli aina."
    assert len(row.id) == 32 and int(row.id, 16) > 0  # random, not a counter
    now = datetime.now(HELSINKI)
    assert row.quarter == f"{now.year}Q{(now.month - 1) // 3 + 1}"

    db.expire_all()
    assert db.get(Family, world.id).feedback_given_at is not None
    assert feedback_offer(db, guardian) == FeedbackOffer.GIVEN
    logged = db.exec(select(AccessLog).where(AccessLog.action == LogAction.GIVE_FEEDBACK)).one()
    assert (logged.family_id, logged.user_id, logged.detail) == (world.id, guardian.id, "")
    every_detail = " ".join(db.exec(select(AccessLog.detail)).all())
    assert "kuunteli" not in every_detail


def test_feedback_is_given_once_per_family(db):
    world = _closed(db, guardians=2)
    first, second = world.guardians
    give_feedback(db, first, 5, 5, 5)
    for guardian in (first, second):
        with pytest.raises(ServiceError, match="feedback.already_given"):
            give_feedback(db, guardian, 1, 1, 1, "Toinen kerta")
    assert len(db.exec(select(Feedback)).all()) == 1
    other = _closed(db)  # another closed family's answer does not use up this one's
    give_feedback(db, other.guardians[0], 2, 2, 2)
    assert len(db.exec(select(Feedback)).all()) == 2


def test_an_active_familys_guardian_and_staff_are_refused(db):
    active = make_family(db)
    closed = _closed(db)
    supervisor = make_user(db, Role.SUPERVISOR)
    assert active.worker and closed.worker
    for user in (active.guardians[0], active.worker, closed.worker, supervisor):
        with pytest.raises(NotAllowed):
            give_feedback(db, user, 5, 5, 5)
    assert feedback_offer(db, active.guardians[0]) == FeedbackOffer.NONE
    with pytest.raises(NotAllowed):
        feedback_offer(db, supervisor)
    with pytest.raises(NotAllowed):
        give_feedback(db, None, 5, 5, 5)  # pyright: ignore[reportArgumentType] - forged
    assert db.exec(select(Feedback)).all() == []
    db.expire_all()
    assert db.get(Family, closed.id).feedback_given_at is None


@pytest.mark.parametrize(
    ("answers", "field", "code"),
    [
        ((0, 3, 3, ""), "helped", "feedback.error_score"),
        ((3, 6, 3, ""), "listened", "feedback.error_score"),
        ((3, 3, "3", ""), "meetings", "feedback.error_score"),
        ((True, 3, 3, ""), "helped", "feedback.error_score"),
        ((3, 3, None, ""), "meetings", "feedback.error_score"),
        ((3, 3, 3, "x" * 2001), "comment", "error.text_long"),
        ((3, 3, 3, {"$gt": ""}), "comment", "error.invalid"),
    ],
)
def test_bad_answers_are_refused_beside_their_field_and_nothing_is_kept(db, answers, field, code):
    world = _closed(db)
    with pytest.raises(ServiceError) as refused:
        give_feedback(db, world.guardians[0], *answers)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert db.exec(select(Feedback)).all() == []
    assert feedback_offer(db, world.guardians[0]) == FeedbackOffer.OPEN


def test_the_form_turns_radio_values_into_scores():
    form = FeedbackForm.parse({"helped": "5", "listened": "1", "meetings": "9", "comment": "Hyvä"})
    assert (form.helped, form.listened, form.meetings, form.comment) == (5, 1, 0, "Hyvä")
    assert FeedbackForm.parse({"helped": ["5"], "comment": 3}).helped == 0
    with pytest.raises(ServiceError, match="error.text_long"):
        FeedbackForm.parse({"comment": "x" * 2001})


# --- the figures ---------------------------------------------------------------------------

TODAY = date(2026, 11, 20)  # in 2026Q4


def _answers(db, quarter: str, *scores, comment=""):
    for helped, listened, meetings in scores:
        db.add(
            Feedback(
                quarter=quarter,
                helped=helped,
                listened=listened,
                meetings=meetings,
                comment=comment,
            )
        )
    db.commit()


def _case(db, applied: datetime, closed_on: date, met: datetime | None, started: date | None):
    world = make_family(db, status=FamilyStatus.CLOSED)
    world.family.closed_on = closed_on
    db.add(world.family)
    db.add(Application(family_id=world.id, submitted_at=applied, consent=True))
    if met is not None:
        db.add(
            Meeting(
                family_id=world.id,
                status=MeetingStatus.HELD,
                starts_at=met,
                ends_at=met + timedelta(hours=1),
                agreed_at=met - timedelta(days=2),
            )
        )
    if started is not None:
        db.add(CaseStep(family_id=world.id, kind=CaseStepKind.ASSESSMENT_STARTED, on=started))
    db.commit()
    return world


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=HELSINKI)


def test_feedback_means_and_comments_only_from_three_answers_a_quarter(db):
    supervisor = make_user(db, Role.SUPERVISOR)
    _answers(db, "2026Q3", (5, 4, 3), (3, 4, 4), comment="Ö: viimeinen")
    _answers(db, "2026Q3", (4, 5, 5), comment="Aamut helpottuivat")
    _answers(db, "2026Q4", (1, 1, 1), (2, 2, 2), comment="Liian vähän")
    _answers(db, "2024Q1", (5, 5, 5), (5, 5, 5), (5, 5, 5))  # before the eight quarters shown
    figures = closing_figures(db, supervisor, today=TODAY)
    q3, q4 = figures.feedback
    assert (q3.quarter, q3.answers, q3.helped, q3.listened, q3.meetings) == (
        "2026Q3",
        3,
        4.0,
        4.3,
        4.0,
    )
    assert (q4.quarter, q4.answers, q4.helped, q4.listened, q4.meetings) == (
        "2026Q4",
        2,
        None,
        None,
        None,
    )
    assert [(c.quarter, c.comments) for c in figures.comments] == [
        ("2026Q3", ("Aamut helpottuivat", "Ö: viimeinen", "Ö: viimeinen"))
    ]


def test_median_days_to_start_and_to_close_per_quarter_of_closing(db):
    supervisor = make_user(db, Role.SUPERVISOR)
    applied = _at(date(2026, 7, 1))
    # start: the assessment step (5 d) before the meeting (10 d); close after 106 d
    _case(db, applied, date(2026, 10, 15), _at(date(2026, 7, 11)), date(2026, 7, 6))
    # start: the first meeting (20 d); close after 110 d
    _case(db, applied, date(2026, 10, 19), _at(date(2026, 7, 21)), None)
    # no start recorded; close after 114 d
    _case(db, applied, date(2026, 10, 23), None, None)
    _case(db, applied, date(2026, 9, 30), None, date(2026, 7, 3))  # 2026Q3: 2 d, 91 d
    active = make_family(db)  # not closed: not counted
    db.add(Application(family_id=active.id, submitted_at=applied, consent=True))
    db.commit()
    figures = closing_figures(db, supervisor, today=TODAY)
    by = {c.quarter: c for c in figures.closing}
    assert set(by) == {"2026Q3", "2026Q4"}
    assert (by["2026Q4"].closed, by["2026Q4"].days_to_start, by["2026Q4"].days_to_close) == (
        3,
        12.5,
        110.0,
    )
    assert (by["2026Q3"].closed, by["2026Q3"].days_to_start, by["2026Q3"].days_to_close) == (
        1,
        2.0,
        91.0,
    )


def test_only_supervisors_see_the_figures_and_the_log_names_no_family(db):
    world = _closed(db)
    assert world.worker
    for user in (world.guardians[0], world.worker):
        with pytest.raises(NotAllowed):
            closing_figures(db, user)
    supervisor = make_user(db, Role.SUPERVISOR)
    closing_figures(db, supervisor)
    row = db.exec(select(AccessLog).where(AccessLog.user_id == supervisor.id)).one()
    assert (row.family_id, row.action) == (None, LogAction.VIEW_FIGURES)


def test_the_figures_run_a_fixed_number_of_statements(db):
    supervisor = make_user(db, Role.SUPERVISOR)

    def add(n):
        for i in range(n):
            _case(db, _at(date(2026, 7, 1)), date(2026, 10, 1 + i), _at(date(2026, 7, 8)), None)
            _answers(db, "2026Q4", (3, 4, 5), comment=f"Kommentti {i}")

    add(3)
    _result, (few, few_log) = _run(db, lambda: closing_figures(db, supervisor, today=TODAY))
    add(12)
    result, (many, many_log) = _run(db, lambda: closing_figures(db, supervisor, today=TODAY))
    assert len(few) == len(many) <= 4 and len(few_log) == len(many_log) == 1
    assert result.closing[0].closed == 15 and result.feedback[0].answers == 15


def test_the_quarters_shown_start_seven_quarters_back():
    assert first_quarter_day(date(2026, 11, 20)) == date(2025, 1, 1)
    assert first_quarter_day(date(2026, 2, 1), back=1) == date(2025, 10, 1)


def test_revision_0011_upgrades_and_downgrades(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    cfg = _config(url)
    command.upgrade(cfg, "0011_reminders_and_feedback")
    engine = make_engine(url)

    def shape():
        seen = inspect(engine)
        family = {c["name"] for c in seen.get_columns("family")}
        return {"feedback", "staffreminder"} & set(
            seen.get_table_names()
        ), "feedback_given_at" in family

    assert shape() == ({"feedback", "staffreminder"}, True)
    command.downgrade(cfg, "0010_transfer_and_cover")
    assert shape() == (set(), False)
    command.upgrade(cfg, "0011_reminders_and_feedback")
    assert shape() == ({"feedback", "staffreminder"}, True)
    engine.dispose()
