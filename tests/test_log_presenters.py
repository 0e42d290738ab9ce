"""The access log in plain words: every action the services write has a readable name in
Finnish, Swedish and English; the supervisor's search shows those names, not codes; the
family's own log is grouped per person and day, with a count and the details behind a
native disclosure."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from familywork_app.domain import SAVED_METHOD, LogAction, MethodKind, Role
from familywork_app.i18n import TEXTS
from familywork_app.services.access_log import LogEntry, log_access
from familywork_app.services.export import FamilyLogEntry
from familywork_app.state.log_presenters import action_name, present_family_log, present_log
from tests.factories import make_family

SERVICES = Path(__file__).resolve().parents[1] / "familywork_app" / "services"


def _written_actions() -> set[str]:
    """Every action argument of a `log_access`/`log_families` call in the services: a
    `LogAction.X`, a string literal, or `SAVED_METHOD[kind]` (every method's save action)."""
    found: set[str] = set()
    for path in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id not in ("log_access", "log_families", "_commit", "_log_families"):
                continue
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg == "action")]:
                if isinstance(arg, ast.Attribute) and ast.unparse(arg.value) == "LogAction":
                    found.add(LogAction[arg.attr].value)
                elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                elif isinstance(arg, ast.Subscript) and ast.unparse(arg.value) == "SAVED_METHOD":
                    found.update(action.value for action in SAVED_METHOD.values())
    return found


def test_every_action_the_services_write_has_a_name_in_every_language():
    written = _written_actions()
    assert len(written) > 40 and written <= set(LogAction)
    assert set(SAVED_METHOD) == set(MethodKind)
    for action in LogAction:
        for lang in ("fi", "sv", "en"):
            name = TEXTS[lang].get(f"log.{action}", "")
            assert name.strip() and "_" not in name, (lang, action)


def test_the_access_log_refuses_an_action_without_a_name(db):
    world = make_family(db)
    with pytest.raises(ValueError, match="view_everything"):
        log_access(db, world.worker, world.id, "view_everything")  # type: ignore[arg-type]
    db.rollback()


AT = datetime(2026, 11, 30, 8, 15, tzinfo=UTC)  # Monday 30.11.2026 10.15 in Helsinki


def test_the_supervisors_search_shows_readable_actions():
    rows = [
        LogEntry(AT, "Anna", "anna@example.org", Role.WORKER, "Kemppainen", "view_methods", "", ""),
        LogEntry(AT, "", "", None, "", "signin_failed", "", ""),  # a code from an old version
    ]
    assert [r.action for r in present_log(rows, "fi")] == [
        "katsoi yhteisen työn tuloksia",
        "signin_failed",
    ]
    assert present_log(rows, "sv")[0].action == TEXTS["sv"]["log.view_methods"]
    assert present_log(rows, "en")[0].action == "looked at the results of our work together"
    assert action_name("signin_failed", "en") == "handled the records"  # the family's wording


def _entry(hour: int, who: str, action: str, role: Role | None = Role.WORKER) -> FamilyLogEntry:
    return FamilyLogEntry(AT.replace(hour=hour), who, role, action)


def test_the_familys_log_is_grouped_per_person_and_day_with_a_count():
    rows = [  # newest first, as the service returns them
        *[_entry(14 - i, "Anna Heikkinen", LogAction.LIST_CASELOAD) for i in range(12)],
        _entry(1, "Laura", LogAction.VIEW_MEETINGS, Role.GUARDIAN),
        _entry(0, "Anna Heikkinen", LogAction.VIEW_GOALS),
        FamilyLogEntry(AT.replace(day=29), "Anna Heikkinen", Role.WORKER, "view_goals"),
    ]
    groups = present_family_log(rows, "en")
    assert [(g.who, g.day) for g in groups] == [
        ("Anna Heikkinen (family worker)", "Mon 30 Nov 2026"),
        ("Laura (guardian)", "Mon 30 Nov 2026"),
        ("Anna Heikkinen (family worker)", "Sun 29 Nov 2026"),
    ]
    anna = groups[0]
    assert anna.summary == "saw the family in their caseload, looked at the goals (13 times)"
    assert len(anna.accesses) == 13 and anna.accesses[0].time == "16:15"
    assert anna.accesses[0].what == "saw the family in their caseload"
    assert anna.accesses[-1].what == "looked at the goals"
    assert groups[1].summary == "looked at the meetings" and len(groups[1].accesses) == 1
    only_caseload = present_family_log(rows[:12], "fi")
    assert [g.summary for g in only_caseload] == ["näki perheen asiakaslistassaan (12 kertaa)"]
    assert present_family_log(rows[:3], "sv")[0].summary.endswith("(3 gånger)")


def test_the_familys_log_page_opens_each_group_with_a_native_disclosure():
    from familywork_app.pages.family_data import family_data_page

    page = str(family_data_page())
    assert '"details"' in page and '"summary"' in page
    assert "aria-expanded" not in page and 'role:"button"' not in page
