"""Method results: validation, attribution, isolation between families, the access log."""

import dataclasses
import json

import pytest
from sqlmodel import select

from familywork_app.domain import EvaluationPhase, Method, MethodKind, Respondent, SupportArea
from familywork_app.models import Child, FamilyGuardian, Meeting, MethodRecord
from familywork_app.services import NotAllowed, ServiceError, methods
from familywork_app.services import method_results as results
from familywork_app.services.method_rows import NetworkChanges, NetworkPerson
from tests.conftest import user_by_email
from tests.goal_message_helpers import (
    BAD_IDS,
    GUARDIAN,
    SUPERVISOR,
    WORKER,
    WORKER2,
    _family,
    _log_count,
)

DEMO_RECORDS = 5  # the demo family's earlier results (demo_families.py)
SCORES = {"parenting": 2, "growth": 4, "everyday": "3", "interaction": 2, "resources": 5}


def _child(db, family):
    return db.exec(select(Child).where(Child.family_id == family.id)).first()


def _guardian_key(db, family):
    link = db.exec(select(FamilyGuardian).where(FamilyGuardian.family_id == family.id)).first()
    return f"guardian:{link.user_id}"


def test_evaluation_is_dated_attributed_and_logged(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    guardian_key = _guardian_key(demo_db, family)
    saved = methods.save_evaluation(demo_db, worker, family.id, guardian_key, "start", SCORES)
    methods.save_evaluation(demo_db, worker, family.id, "worker", "start", {**SCORES, "growth": 3})
    child = _child(demo_db, family)
    with pytest.raises(ServiceError) as caught:  # a child answers only with a guardian's consent
        methods.save_evaluation(demo_db, worker, family.id, f"child:{child.id}", "start", SCORES)
    assert caught.value.code == "error.child_consent_required"
    methods.save_evaluation(demo_db, worker, family.id, f"child:{child.id}", "start", SCORES, True)
    assert _log_count(demo_db, action="save_evaluation", family_id=family.id) == 3
    data = results.family_results(demo_db, user_by_email(demo_db, GUARDIAN), family.id)
    evaluations = data.evaluations
    assert [e.respondent for e in evaluations[-3:]] == [
        Respondent.GUARDIAN,
        Respondent.WORKER,
        Respondent.CHILD,
    ]
    assert evaluations[-3].id == saved.id and evaluations[-3].who == "Laura Kemppainen"
    assert saved.kind == MethodKind.EVALUATION and evaluations[-3].phase == EvaluationPhase.START
    assert evaluations[-1].who == child.first_name
    assert evaluations[-3].scores[SupportArea.EVERYDAY] == 3
    assert evaluations[-2].scores[SupportArea.GROWTH] == 3
    assert all(e.at.tzinfo is not None for e in evaluations)


@pytest.mark.parametrize(
    "respondent,phase,scores,code",
    [
        ("nobody", "start", SCORES, "error.respondent_required"),
        ("guardian:999999", "start", SCORES, "error.respondent_required"),
        ("child:abc", "start", SCORES, "error.respondent_required"),
        ("worker", "later", SCORES, "error.phase_required"),
        ("worker", "start", {**SCORES, "growth": 6}, "error.answer_required"),
        ("worker", "start", {"parenting": 1}, "error.answer_required"),
        ("worker", "start", {**SCORES, "resources": True}, "error.answer_required"),
        ("worker", "start", "1,2,3", "error.invalid"),
    ],
)
def test_evaluation_refuses_bad_input(demo_db, respondent, phase, scores, code):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    with pytest.raises(ServiceError) as caught:
        methods.save_evaluation(demo_db, worker, family.id, respondent, phase, scores)
    assert caught.value.code == code
    assert len(demo_db.exec(select(MethodRecord)).all()) == DEMO_RECORDS


def test_another_familys_guardian_or_child_cannot_be_the_respondent(demo_db):
    worker = user_by_email(demo_db, WORKER)
    kemppainen, huttunen = _family(demo_db, "Kemppainen"), _family(demo_db, "Huttunen")
    for respondent in (_guardian_key(demo_db, huttunen), f"child:{_child(demo_db, huttunen).id}"):
        with pytest.raises(ServiceError):
            methods.save_evaluation(
                demo_db, worker, kemppainen.id, respondent, "start", SCORES, True
            )


def test_staff_not_on_the_caseload_and_guardians_cannot_save(demo_db):
    family = _family(demo_db, "Kemppainen")
    worker2, guardian = user_by_email(demo_db, WORKER2), user_by_email(demo_db, GUARDIAN)
    calls = [
        lambda u, f: methods.save_evaluation(demo_db, u, f, "worker", "start", SCORES),
        lambda u, f: methods.save_cards(demo_db, u, f, ["feelings.happy"], ""),
        lambda u, f: methods.save_rolemap(demo_db, u, f, {}),
        lambda u, f: methods.save_network(demo_db, u, f, []),
    ]
    for call in calls:
        for user in (worker2, guardian):
            with pytest.raises(NotAllowed):
                call(user, family.id)
        for bad in BAD_IDS:
            with pytest.raises(NotAllowed):
                call(user_by_email(demo_db, WORKER), bad)
    assert len(demo_db.exec(select(MethodRecord)).all()) == DEMO_RECORDS


def test_cards_known_unique_and_at_most_twelve(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    picked = ["feelings.tired", "strengths.brave", "everyday.bedtime"]
    methods.save_cards(demo_db, worker, family.id, picked, "  Iltaisin väsyttää. ")
    for bad in (
        [],
        ["feelings.nope"],
        ["feelings.happy", "feelings.happy"],
        "feelings.happy",
        ["feelings.happy"] * 13,
        [{"x": 1}],
    ):
        with pytest.raises(ServiceError) as caught:
            methods.save_cards(demo_db, worker, family.id, bad, "")
        assert caught.value.code == "error.cards_required"
    with pytest.raises(ServiceError):
        methods.save_cards(demo_db, worker, family.id, picked, "x" * 2001)
    cards = results.family_results(demo_db, worker, family.id).cards
    assert cards[0].cards == tuple(picked) and cards[0].note == "Iltaisin väsyttää."
    assert cards[0].answers() == {"cards": picked}


def _full_map(db, family, task_change=None):
    members = methods.family_members(db, family)
    keys = list(members)
    tasks = {
        task: [keys[0]] for task in ("mornings", "meals", "bedtime", "school", "chores", "fun")
    }
    tasks.update(task_change or {})
    return tasks, keys


def test_role_map_needs_every_task_and_compares_with_the_earlier(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    tasks, keys = _full_map(demo_db, family)
    methods.save_rolemap(demo_db, worker, family.id, tasks)
    changed = {**tasks, "bedtime": [keys[1], keys[0]]}
    methods.save_rolemap(demo_db, worker, family.id, changed)
    with pytest.raises(ServiceError) as caught:
        methods.save_rolemap(demo_db, worker, family.id, {**tasks, "fun": []})
    assert caught.value.code == "error.rolemap_incomplete" and caught.value.field == "task-fun"
    with pytest.raises(ServiceError):
        methods.save_rolemap(demo_db, worker, family.id, {**tasks, "fun": ["g999999"]})
    maps = results.family_results(demo_db, worker, family.id).rolemaps
    assert maps[0].tasks["bedtime"] == (keys[0], keys[1])  # kept in family order
    assert maps[0].changes == ("bedtime",) and len(maps) == 3  # and the demo map
    assert maps[0].members[keys[0]] == "Laura"
    assert maps[0].earlier_at == maps[1].at
    assert maps[2].changes == () and maps[2].earlier_at is None  # the first map


def test_network_map_validates_and_lists_changes(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    first = [
        {"name": "Mummo", "category": "relatives", "closeness": 1, "effect": "helps"},
        {"name": "Koulu", "category": "school", "closeness": "2", "effect": "both"},
    ]
    methods.save_network(demo_db, worker, family.id, first)
    second = [
        {**first[0], "closeness": 2},
        {"name": "Naapuri", "category": "neighbours", "closeness": 3, "effect": "strains"},
    ]
    methods.save_network(demo_db, worker, family.id, second)
    for bad, code in (
        ([], "error.network_empty"),
        ([{**first[0], "name": " "}], "error.net_name_required"),
        ([{**first[0], "category": "bank"}], "error.category_required"),
        ([{**first[0], "effect": "great"}], "error.effect_required"),
        ([{**first[0], "closeness": 4}], "error.answer_required"),
        ([first[0]] * 25, "error.network_empty"),
    ):
        with pytest.raises(ServiceError) as caught:
            methods.save_network(demo_db, worker, family.id, bad)
        assert caught.value.code == code
    maps = results.family_results(demo_db, worker, family.id).networks
    assert maps[0].changes == NetworkChanges(
        added=("Naapuri",), gone=("Koulu",), changed=("Mummo",)
    )
    assert maps[0].people[1].closeness == 3 and maps[0].earlier_at == maps[1].at
    assert maps[1].people[1] == NetworkPerson("Koulu", "school", "both", 2)


def test_child_checkin_from_a_guardians_phone_or_in_together_mode(demo_db):
    family = _family(demo_db, "Kemppainen")
    guardian, worker = user_by_email(demo_db, GUARDIAN), user_by_email(demo_db, WORKER)
    child = _child(demo_db, family)
    faces = {"today": 4, "home": 5, "school": 3, "friends": 4, "sleep": 2}
    methods.save_child_checkin(demo_db, guardian, family.id, child.id, faces, "")
    with pytest.raises(ServiceError):  # staff need a guardian's consent
        methods.save_child_checkin(demo_db, worker, family.id, child.id, faces, "")
    methods.save_child_checkin(demo_db, worker, family.id, child.id, faces, "Kiva päivä", True)
    with pytest.raises(ServiceError):
        methods.save_child_checkin(
            demo_db, guardian, family.id, child.id, {**faces, "sleep": 0}, ""
        )
    other_child = _child(demo_db, _family(demo_db, "Huttunen"))
    with pytest.raises(ServiceError):
        methods.save_child_checkin(demo_db, guardian, family.id, other_child.id, faces, "")
    with pytest.raises(NotAllowed):  # a guardian reaches only their own family
        methods.save_child_checkin(
            demo_db, guardian, _family(demo_db, "Huttunen").id, other_child.id, faces, ""
        )
    checkins = results.family_results(demo_db, guardian, family.id).checkins
    assert [c.who for c in checkins] == [child.first_name] * 3  # with the demo check-in
    assert checkins[1].faces == faces and checkins[0].note == "Kiva päivä"
    assert checkins[0].respondent == Respondent.CHILD


def test_results_of_one_family_never_appear_in_anothers(demo_db):
    worker = user_by_email(demo_db, WORKER)
    kemppainen, huttunen = _family(demo_db, "Kemppainen"), _family(demo_db, "Huttunen")
    methods.save_cards(demo_db, worker, kemppainen.id, ["feelings.happy"], "K only")
    methods.save_evaluation(demo_db, worker, kemppainen.id, "worker", "start", SCORES)
    other = results.family_results(demo_db, worker, huttunen.id)
    assert "K only" not in json.dumps(dataclasses.asdict(other), default=str)
    assert all(r.note != "K only" for r in other.every())
    assert len(results.family_results(demo_db, worker, kemppainen.id).cards) == 1
    with pytest.raises(NotAllowed):
        results.family_results(demo_db, user_by_email(demo_db, GUARDIAN), huttunen.id)
    with pytest.raises(NotAllowed):
        results.family_results(demo_db, user_by_email(demo_db, WORKER2), kemppainen.id)
    assert results.family_results(demo_db, user_by_email(demo_db, SUPERVISOR), kemppainen.id)


def test_a_result_saved_on_visit_day_joins_that_visit(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    from datetime import timedelta

    from familywork_app.models import utcnow

    visit = Meeting(
        family_id=family.id,
        worker_id=worker.id,
        status="agreed",
        starts_at=utcnow() - timedelta(minutes=5),
        ends_at=utcnow() + timedelta(hours=1),
    )
    demo_db.add(visit)
    demo_db.commit()
    saved = methods.save_cards(demo_db, worker, family.id, ["feelings.calm"], "")
    demo_db.refresh(visit)
    assert saved.meeting_id == visit.id and Method.CARDS in visit.methods


def test_results_are_in_the_familys_data_export(demo_db):
    from familywork_app.services.export import family_export
    from familywork_app.services.export_html import render_export

    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    methods.save_cards(demo_db, worker, family.id, ["strengths.brave"], "Rohkea Eetu")
    methods.save_cards(demo_db, worker, _family(demo_db, "Huttunen").id, ["feelings.sad"], "H")
    data = family_export(demo_db, guardian)
    kinds = [m.kind for m in data.methods]
    assert kinds.count(MethodKind.EVALUATION) == 2 and kinds.count(MethodKind.CARDS) == 1
    assert MethodKind.NETWORK in kinds
    cards = next(m for m in data.methods if m.kind == MethodKind.CARDS)
    assert cards.answers == {"cards": ["strengths.brave"]} and cards.note == "Rohkea Eetu"
    html = render_export(data, "en")
    assert "Our work" in html and "Rohkea Eetu" in html and "feelings.sad" not in html
