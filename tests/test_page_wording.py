"""Words that were wrong for their place: the staff page's name column, the week view's title
on other weeks, the family record's application heading, the Swedish terms."""

import json
import re
from datetime import date

import pytest

from familywork_app.i18n import TEXTS
from familywork_app.state.worker_week import week_heading

LANGS = ("fi", "sv", "en")


def _uses(page: str, key: str) -> bool:
    """Whether a compiled page shows the text `key` (its texts are compiled in, issue 18)."""
    return json.dumps(TEXTS["sv"][key], ensure_ascii=False) in page


def test_the_staff_page_names_its_column_and_its_invite_field_for_what_they_hold():
    from familywork_app.pages.staff_admin import staff_admin_page

    page = str(staff_admin_page())
    assert not _uses(page, "apply.name")  # "Your name" is the applicant's own field
    assert _uses(page, "staff.name_email") and _uses(page, "staff.invite_name")
    assert [TEXTS[lang]["staff.name_email"] for lang in LANGS] == [
        "Nimi ja sähköposti",
        "Namn och e-post",
        "Name and e-mail",
    ]
    for lang in LANGS:
        assert TEXTS[lang]["staff.invite_name"] != TEXTS[lang]["apply.name"]


def test_the_family_record_calls_the_application_what_staff_call_it():
    from familywork_app.pages.worker_family import worker_family_page

    page = str(worker_family_page())
    assert not _uses(page, "home.application") and _uses(page, "record.application")
    assert [TEXTS[lang]["record.application"] for lang in LANGS] == [
        "Hakemus",
        "Ansökan",
        "Application",
    ]


THIS_MONDAY = date(2026, 11, 23)


def test_the_week_view_says_this_week_only_for_the_current_week():
    shown = week_heading(THIS_MONDAY, THIS_MONDAY, "fi")
    assert shown.heading == TEXTS["fi"]["week.title"] and shown.empty == TEXTS["fi"]["week.empty"]
    later = week_heading(date(2026, 11, 30), THIS_MONDAY, "fi")
    assert (later.heading, later.dates) == ("Tapaamiset, viikko 49", "30.11.2026–6.12.2026")
    assert later.empty == "Ei tapaamisia viikolla 49."
    earlier = week_heading(date(2026, 11, 16), THIS_MONDAY, "en")
    assert (earlier.heading, earlier.dates) == ("Meetings, week 47", "16 Nov 2026–22 Nov 2026")
    assert week_heading(date(2026, 11, 30), THIS_MONDAY, "sv").heading == "Möten, vecka 49"


def test_the_week_page_shows_the_states_heading():
    from familywork_app.pages.worker_week import week_page

    page = str(week_page())
    assert ".heading" in page and ".empty" in page
    assert not _uses(page, "week.empty")


def _swedish() -> dict[str, str]:
    return TEXTS["sv"]


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"(?<![a-zåäö])[Aa]rbetare(n|ns|na)?\b", "a family worker is 'familjearbetare'"),
        (r"incheckning", "the child's check-in is 'barnets mående'"),
        (r"Familjecentret", "the family centre is 'familjecentralen' in Finland"),
    ],
)
def test_swedish_texts_use_the_terms_of_finland_swedish_social_services(pattern, why):
    found = {k: v for k, v in _swedish().items() if re.search(pattern, v)}
    assert found == {}, why


def test_the_swedish_worker_line_and_the_childs_activity():
    sv = _swedish()
    assert sv["home.with_worker"].format(name="Anna Heikkinen") == (
        "Familjearbetare: Anna Heikkinen"
    )
    assert sv["activity.child"] == sv["work.child_link"] == "Barnets mående i dag"
