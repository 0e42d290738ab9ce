"""The family's data export: the same JSON document and HTML tables as before the typed rows
(every field by its name and in its order, dates as ISO 8601 text)."""

import json

from familywork_app.domain import ApplicationStatus, MeetingStatus, Role
from familywork_app.services import client_plan, methods
from familywork_app.services.client_plan_rows import PlanEntry
from familywork_app.services.export import family_export
from familywork_app.services.export_html import render_export
from tests.factories import (
    make_application,
    make_entry,
    make_family,
    make_goal,
    make_meeting,
    make_message,
    make_user,
)

KEYS = {
    "family": [
        "name",
        "municipality",
        "address",
        "status",
        "worker",
        "opened_on",
        "closed_on",
        "closing_summary",
        "interpreter_needed",
        "interpreter_language",
    ],
    "guardians": ["name", "email", "phone"],
    "children": ["first_name", "birth_year"],
    "applications": [
        "channel",
        "support_areas",
        "description",
        "reachable",
        "status",
        "submitted_at",
        "decided_at",
        "decision_note",
    ],
    "meetings": [
        "status",
        "starts_at",
        "ends_at",
        "place",
        "place_detail",
        "topic",
        "change_note",
        "cancel_reason",
        "summary",
        "methods",
    ],
    "goals": ["title", "support_area", "what_we_do", "target_date", "status", "entries"],
    "messages": ["sender", "body", "sent_at", "read_at", "files"],
    "methods": ["kind", "at", "phase", "respondent", "who", "note", "answers"],
    "access_log": ["at", "who", "role", "action"],
    "plans": [
        "version",
        "made_at",
        "family_view",
        "family_strengths",
        "worker_view",
        "who_does_what",
        "meeting_rhythm",
        "next_review",
        "differences",
        "goals",
        "acknowledgements",
    ],
}


def _guardian(db):
    """A guardian whose family (Kemppainen, worker Anna Heikkinen) has something in every
    section of the export: an application, a held meeting, a goal with an entry, a message and
    a method's result."""
    world = make_family(db, make_user(db, Role.WORKER, "Anna Heikkinen"), name="Kemppainen")
    guardian, worker = world.guardians[0], world.worker
    make_application(db, world, days_ago=60, status=ApplicationStatus.ACCEPTED)
    held = make_meeting(db, world, days=-7, status=MeetingStatus.HELD)
    held.methods = ["cards"]
    db.commit()
    goal = make_goal(db, world)
    make_entry(db, goal, guardian, "Parempi viikko", 6)
    entry = PlanEntry(next_review="2099-01-01", goal_ids=[goal.id])
    client_plan.make_plan(db, worker, world.id, entry)  # the client plan, version 1
    make_message(db, world, worker, "Hei!")
    methods.save_cards(db, worker, world.id, ["feelings.happy"], "")
    make_family(db, worker, name="Toinen")  # another family: none of it in the export
    return guardian


def test_the_json_document_keeps_its_shape(db):
    guardian = _guardian(db)
    family_export(db, guardian)  # logged: the second export lists the first
    document = json.loads(json.dumps(family_export(db, guardian).as_json()))
    assert list(document) == list(KEYS)
    assert list(document["family"]) == KEYS["family"]
    assert document["family"]["name"] == "Kemppainen" and document["family"]["status"] == "active"
    assert document["family"]["worker"] == "Anna Heikkinen"
    for section, keys in KEYS.items():
        if section != "family":
            assert document[section], section
            assert all(list(row) == keys for row in document[section]), section
    assert list(document["goals"][0]["entries"][0]) == ["author", "text", "rating", "at"]
    meeting = document["meetings"][0]
    assert isinstance(meeting["starts_at"], str) and meeting["starts_at"][:2] == "20"
    assert meeting["methods"] == ["cards"]
    assert document["family"]["opened_on"].count("-") == 2
    assert document["access_log"][-1] == {
        "at": document["access_log"][-1]["at"],
        "who": guardian.display_name,
        "role": "guardian",
        "action": "export_data",
    }
    assert "Toinen" not in json.dumps(document)


def test_the_html_export_has_a_table_per_section(db):
    guardian = _guardian(db)
    data = family_export(db, guardian)
    html = render_export(data, "fi")
    assert html.startswith("<!doctype html><html lang='fi'>")
    assert "<th scope='col'>closing_summary</th>" in html
    assert "<th scope='col'>entries</th>" not in html  # goal entries have their own table
    assert f"<h3>{data.goals[0].title}</h3>" in html
    assert data.meetings[0].starts_at.isoformat() in html
