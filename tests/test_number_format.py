"""Numbers shown to a user are written as the language writes them (Babel): "29,9" and
"1 234" (a no-break space) in Finnish and Swedish, "29.9" and "1,234" in English."""

import pytest

from familywork_app.domain import ApplicationChannel, ApplicationStatus, Municipality, Role
from familywork_app.i18n import fmt_number, t
from familywork_app.services.caseload import QueueRow
from familywork_app.services.staff import StaffRow
from familywork_app.services.supervision_rows import (
    MonthlyApplications,
    ServiceFigures,
    WorkerActive,
    WorkerMeetings,
)
from familywork_app.state.figures import FiguresState
from familywork_app.state.presenters import present_queue, present_staff, with_widths
from tests.goal_message_helpers import StateDouble

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("lang", "decimal", "thousands"),
    [("fi", "29,9", f"1{NBSP}234"), ("sv", "29,9", f"1{NBSP}234"), ("en", "29.9", "1,234")],
)
def test_fmt_number_writes_numbers_as_the_language_does(lang, decimal, thousands):
    assert fmt_number(29.9, lang) == decimal
    assert fmt_number(1234, lang) == thousands
    assert fmt_number(7, lang) == "7"


def test_texts_fill_in_numbers_in_the_language_and_leave_other_values_alone():
    assert t("fi", "figures.days", days=29.9) == "29,9 päivää"
    assert t("sv", "figures.days", days=29.9) == "29,9 dagar"
    assert t("en", "figures.days", days=29.9) == "29.9 days"
    assert t("fi", "log.count", count=1200) == f"Rivejä: 1{NBSP}200"
    assert t("fi", "home.greeting", name="1234") == "Hei, 1234!"  # text stays text


def _figures(median: float | None) -> ServiceFigures:
    return ServiceFigures(
        queue=(),
        active_per_worker=(WorkerActive(1, "Anna", 1500),),
        meetings_per_worker=(WorkerMeetings(1, "Anna", 1200, 3),),
        median_days_to_first_meeting=median,
        applications_per_month=MonthlyApplications((), ()),
    )


@pytest.mark.parametrize(
    ("lang", "median", "active", "this_week"),
    [
        ("fi", "29,9 päivää", f"1{NBSP}500", f"1{NBSP}200"),
        ("sv", "29,9 dagar", f"1{NBSP}500", f"1{NBSP}200"),
        ("en", "29.9 days", "1,500", "1,200"),
    ],
)
def test_the_supervisors_figures_are_formatted_for_the_language(lang, median, active, this_week):
    state = StateDouble(FiguresState, None, lang=lang)
    state._show(_figures(29.9))
    assert state.median_days == median
    assert state.active[0].value == active
    assert (state.meetings[0].this_week, state.meetings[0].next_week) == (this_week, "3")


def test_bars_staff_and_queue_numbers_follow_the_language():
    assert with_widths([("", "Kajaani", 2500)], "fi")[0].value == f"2{NBSP}500"
    assert with_widths([("", "Kajaani", 2500)], "en")[0].value == "2,500"
    staff = StaffRow(1, "Anna", "anna@example.org", Role.WORKER, True, 1001)
    assert present_staff([staff], "sv")[0].families == f"1{NBSP}001"
    queued = QueueRow(
        1,
        2,
        "Tolonen",
        Municipality.SOTKAMO,
        ApplicationStatus.SUBMITTED,
        ApplicationChannel.EFORM,
        (),
        1000,
    )
    assert present_queue([queued], "fi")[0].waiting == f"Odottanut 1{NBSP}000 pv"
