"""The language follows the browser until the person picks one with the language switch; the
pick is then kept on the account. The demo accounts have picked none. README's demo table
says what the demo data holds."""

import re
from types import SimpleNamespace

from sqlmodel import select

from familywork_app.domain import Language, Role
from familywork_app.i18n import page_language
from familywork_app.models import Family, User
from familywork_app.services.language import choose_language
from familywork_app.state.app_state import AppState
from tests.conftest import ROOT
from tests.factories import make_user
from tests.goal_message_helpers import StateDouble

ENGLISH_BROWSER = "en-GB,en;q=0.9,fi;q=0.5"


def test_the_page_language_is_the_accounts_choice_then_the_cookie_then_the_browser():
    assert page_language("sv", "en", ENGLISH_BROWSER) == "sv"
    assert page_language(None, "sv", ENGLISH_BROWSER) == "sv"
    assert page_language(None, "", ENGLISH_BROWSER) == "en"
    assert page_language(None, "de", "de-DE") == "fi"  # none of ours: the default
    assert page_language("xx", "", "") == "fi"


def _tab(user: User | None, accept_language: str = ENGLISH_BROWSER, cookie: str = ""):
    headers = SimpleNamespace(accept_language=accept_language)
    return StateDouble(
        AppState, user, lang="fi", lang_cookie=cookie, router=SimpleNamespace(headers=headers)
    )


def test_a_first_sign_in_follows_the_browser_until_the_person_picks(handler_db):
    db = handler_db
    user = make_user(db, Role.GUARDIAN)
    assert (user.language, user.language_chosen) == (Language.FI, False)
    tab = _tab(user)
    tab._apply_language(user)
    assert tab.lang == "en"  # an English browser is not flipped to Finnish at sign-in
    tab.call("set_language", "sv")
    db.refresh(user)
    assert (user.language, user.language_chosen) == (Language.SV, True)
    later = _tab(user)  # another day, the same English browser
    later._apply_language(user)
    assert later.lang == "sv"


def test_choose_language_marks_the_choice(db):
    user = make_user(db, Role.WORKER)
    choose_language(db, user, Language.EN)
    db.refresh(user)
    assert (user.language, user.language_chosen) == (Language.EN, True)


def test_no_demo_account_has_chosen_a_language(demo_db):
    users = demo_db.exec(select(User)).all()
    assert users and not any(u.language_chosen for u in users)


def _readme_families(email: str) -> int:
    readme = (ROOT / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{email}`"))
    found = re.search(r"(\d+) famil", row)
    assert found, row
    return int(found.group(1))


def test_readmes_demo_table_counts_the_families_the_demo_data_gives(demo_db):
    for email in ("worker@example.org", "worker2@example.org"):
        worker = demo_db.exec(select(User).where(User.email == email)).one()
        families = demo_db.exec(select(Family).where(Family.worker_id == worker.id)).all()
        assert _readme_families(email) == len(families), email
