"""Method results: validation, attribution, isolation between families, the access log."""

import dataclasses
import json
from datetime import timedelta

import pytest
from sqlmodel import select

from familywork_app.domain import (
    EvaluationPhase,
    Method,
    MethodKind,
    Respondent,
    Role,
    SupportArea,
)
from familywork_app.models import Meeting, MethodRecord, utcnow
from familywork_app.services import NotAllowed, ServiceError, methods
from familywork_app.services import method_results as results
from familywork_app.services.method_rows import NetworkChanges, NetworkPerson
from tests.factories import make_family, make_user
from tests.goal_message_helpers import BAD_IDS, _log_count

SCORES = {"parenting": 2, "growth": 4, "everyday": "3", "interaction": 2, "resources": 5}


def _world(db, worker=None):
    """A family of two guardians (Laura, then Jussi) and two children, with its worker."""
    return make_family(db, worker, guardians=["Laura Virtanen", "Jussi Virtanen"], children=2)


def _guardian_key(world):
    return f"guardian:{world.guardians[0].id}"


def _records(db):
    return len(db.exec(select(MethodRecord)).all())


def _earlier(db, saved, days=14):
    """Move a saved result `days` back in time (an earlier visit's)."""
    record = db.get(MethodRecord, saved.id)
    record.created_at = utcnow() - timedelta(days=days)
    db.commit()


def test_evaluation_is_dated_attributed_and_logged(db):
    world = _world(db)
    worker, family, child = world.worker, world.family, world.children[0]
    earlier = methods.save_evaluation(db, worker, family.id, "worker", "start", SCORES)
    _earlier(db, earlier)
    guardian_key = _guardian_key(world)
    saved = methods.save_evaluation(db, worker, family.id, guardian_key, "start", SCORES)
    methods.save_evaluation(db, worker, family.id, "worker", "start", {**SCORES, "growth": 3})
    with pytest.raises(ServiceError) as caught:  # a child answers only with a guardian's consent
        methods.save_evaluation(db, worker, family.id, f"child:{child.id}", "start", SCORES)
    assert caught.value.code == "error.child_consent_required"
    methods.save_evaluation(db, worker, family.id, f"child:{child.id}", "start", SCORES, True)
    assert _log_count(db, action="save_evaluation", family_id=family.id) == 4
    data = results.family_results(db, world.guardians[0], family.id)
    evaluations = data.evaluations
    assert len(evaluations) == 4 and evaluations[0].id == earlier.id
    assert [e.respondent for e in evaluations[-3:]] == [
        Respondent.GUARDIAN,
        Respondent.WORKER,
        Respondent.CHILD,
    ]
    assert evaluations[-3].id == saved.id and evaluations[-3].who == "Laura Virtanen"
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
def test_evaluation_refuses_bad_input(db, respondent, phase, scores, code):
    world = _world(db)
    with pytest.raises(ServiceError) as caught:
        methods.save_evaluation(db, world.worker, world.id, respondent, phase, scores)
    assert caught.value.code == code
    assert _records(db) == 0


def test_another_familys_guardian_or_child_cannot_be_the_respondent(db):
    world = _world(db)
    other = _world(db, world.worker)  # on the same worker's caseload
    for respondent in (_guardian_key(other), f"child:{other.children[0].id}"):
        with pytest.raises(ServiceError):
            methods.save_evaluation(db, world.worker, world.id, respondent, "start", SCORES, True)
    assert _records(db) == 0


def test_staff_not_on_the_caseload_and_guardians_cannot_save(db):
    world = _world(db)
    worker2, guardian = make_family(db).worker, world.guardians[0]
    calls = [
        lambda u, f: methods.save_evaluation(db, u, f, "worker", "start", SCORES),
        lambda u, f: methods.save_cards(db, u, f, ["feelings.happy"], ""),
        lambda u, f: methods.save_rolemap(db, u, f, {}),
        lambda u, f: methods.save_network(db, u, f, []),
    ]
    for call in calls:
        for user in (worker2, guardian):
            with pytest.raises(NotAllowed):
                call(user, world.id)
        for bad in BAD_IDS:
            with pytest.raises(NotAllowed):
                call(world.worker, bad)
    assert _records(db) == 0


def test_cards_known_unique_and_at_most_twelve(db):
    world = _world(db)
    worker, family = world.worker, world.family
    picked = ["feelings.tired", "strengths.brave", "everyday.bedtime"]
    methods.save_cards(db, worker, family.id, picked, "  Iltaisin väsyttää. ")
    for bad in (
        [],
        ["feelings.nope"],
        ["feelings.happy", "feelings.happy"],
        "feelings.happy",
        ["feelings.happy"] * 13,
        [{"x": 1}],
    ):
        with pytest.raises(ServiceError) as caught:
            methods.save_cards(db, worker, family.id, bad, "")
        assert caught.value.code == "error.cards_required"
    with pytest.raises(ServiceError):
        methods.save_cards(db, worker, family.id, picked, "x" * 2001)
    cards = results.family_results(db, worker, family.id).cards
    assert cards[0].cards == tuple(picked) and cards[0].note == "Iltaisin väsyttää."
    assert cards[0].answers() == {"cards": picked} and len(cards) == 1


def _full_map(db, family, task_change=None):
    members = methods.family_members(db, family)
    keys = list(members)
    tasks = {
        task: [keys[0]] for task in ("mornings", "meals", "bedtime", "school", "chores", "fun")
    }
    tasks.update(task_change or {})
    return tasks, keys


def test_role_map_needs_every_task_and_compares_with_the_earlier(db):
    world = _world(db)
    worker, family = world.worker, world.family
    tasks, keys = _full_map(db, family)
    _earlier(db, methods.save_rolemap(db, worker, family.id, {**tasks, "fun": [keys[1]]}))
    methods.save_rolemap(db, worker, family.id, tasks)
    changed = {**tasks, "bedtime": [keys[1], keys[0]]}
    methods.save_rolemap(db, worker, family.id, changed)
    with pytest.raises(ServiceError) as caught:
        methods.save_rolemap(db, worker, family.id, {**tasks, "fun": []})
    assert caught.value.code == "error.rolemap_incomplete" and caught.value.field == "task-fun"
    with pytest.raises(ServiceError):
        methods.save_rolemap(db, worker, family.id, {**tasks, "fun": ["g999999"]})
    maps = results.family_results(db, worker, family.id).rolemaps
    assert maps[0].tasks["bedtime"] == (keys[0], keys[1])  # kept in family order
    assert maps[0].changes == ("bedtime",) and len(maps) == 3  # and the earlier visit's map
    assert maps[0].members[keys[0]] == "Laura" and maps[1].changes == ("fun",)
    assert maps[0].earlier_at == maps[1].at and maps[1].earlier_at == maps[2].at
    assert maps[2].changes == () and maps[2].earlier_at is None  # the first map


def test_network_map_validates_and_lists_changes(db):
    world = _world(db)
    worker, family = world.worker, world.family
    first = [
        {"name": "Mummo", "category": "relatives", "closeness": 1, "effect": "helps"},
        {"name": "Koulu", "category": "school", "closeness": "2", "effect": "both"},
    ]
    methods.save_network(db, worker, family.id, first)
    second = [
        {**first[0], "closeness": 2},
        {"name": "Naapuri", "category": "neighbours", "closeness": 3, "effect": "strains"},
    ]
    methods.save_network(db, worker, family.id, second)
    for bad, code in (
        ([], "error.network_empty"),
        ([{**first[0], "name": " "}], "error.net_name_required"),
        ([{**first[0], "category": "bank"}], "error.category_required"),
        ([{**first[0], "effect": "great"}], "error.effect_required"),
        ([{**first[0], "closeness": 4}], "error.answer_required"),
        ([first[0]] * 25, "error.network_empty"),
    ):
        with pytest.raises(ServiceError) as caught:
            methods.save_network(db, worker, family.id, bad)
        assert caught.value.code == code
    maps = results.family_results(db, worker, family.id).networks
    assert maps[0].changes == NetworkChanges(
        added=("Naapuri",), gone=("Koulu",), changed=("Mummo",)
    )
    assert maps[0].people[1].closeness == 3 and maps[0].earlier_at == maps[1].at
    assert maps[1].people[1] == NetworkPerson("Koulu", "school", "both", 2)


def test_child_checkin_from_a_guardians_phone_or_in_together_mode(db):
    world = _world(db)
    guardian, worker, child = world.guardians[0], world.worker, world.children[0]
    faces = {"today": 4, "home": 5, "school": 3, "friends": 4, "sleep": 2}
    last_week = {**faces, "today": 1}
    _earlier(db, methods.save_child_checkin(db, guardian, world.id, child.id, last_week, ""))
    methods.save_child_checkin(db, guardian, world.id, child.id, faces, "")
    with pytest.raises(ServiceError):  # staff need a guardian's consent
        methods.save_child_checkin(db, worker, world.id, child.id, faces, "")
    methods.save_child_checkin(db, worker, world.id, child.id, faces, "Kiva päivä", True)
    with pytest.raises(ServiceError):
        methods.save_child_checkin(db, guardian, world.id, child.id, {**faces, "sleep": 0}, "")
    other = _world(db, worker)
    other_child = other.children[0]
    with pytest.raises(ServiceError):
        methods.save_child_checkin(db, guardian, world.id, other_child.id, faces, "")
    with pytest.raises(NotAllowed):  # a guardian reaches only their own family
        methods.save_child_checkin(db, guardian, other.id, other_child.id, faces, "")
    checkins = results.family_results(db, guardian, world.id).checkins
    assert [c.who for c in checkins] == [child.first_name] * 3  # with last week's check-in
    assert checkins[1].faces == faces and checkins[0].note == "Kiva päivä"
    assert checkins[2].faces == last_week
    assert checkins[0].respondent == Respondent.CHILD


def test_results_of_one_family_never_appear_in_anothers(db):
    world = _world(db)
    worker = world.worker
    other = _world(db, worker)
    methods.save_cards(db, worker, world.id, ["feelings.happy"], "K only")
    methods.save_evaluation(db, worker, world.id, "worker", "start", SCORES)
    theirs = results.family_results(db, worker, other.id)
    assert "K only" not in json.dumps(dataclasses.asdict(theirs), default=str)
    assert all(r.note != "K only" for r in theirs.every())
    assert len(results.family_results(db, worker, world.id).cards) == 1
    with pytest.raises(NotAllowed):
        results.family_results(db, world.guardians[0], other.id)
    with pytest.raises(NotAllowed):
        results.family_results(db, make_user(db, Role.WORKER), world.id)
    assert results.family_results(db, make_user(db, Role.SUPERVISOR), world.id).cards


def test_a_result_saved_on_visit_day_joins_that_visit(db):
    world = _world(db)
    worker = world.worker
    visit = Meeting(
        family_id=world.id,
        worker_id=worker.id,
        status="agreed",
        starts_at=utcnow() - timedelta(minutes=5),
        ends_at=utcnow() + timedelta(hours=1),
    )
    db.add(visit)
    db.commit()
    saved = methods.save_cards(db, worker, world.id, ["feelings.calm"], "")
    db.refresh(visit)
    assert saved.meeting_id == visit.id and Method.CARDS in visit.methods


def test_results_are_in_the_familys_data_export(db):
    from familywork_app.services.export import family_export
    from familywork_app.services.export_html import render_export

    world = _world(db)
    worker, guardian = world.worker, world.guardians[0]
    for phase in ("start", "end"):
        methods.save_evaluation(db, worker, world.id, "worker", phase, SCORES)
    person = {"name": "Mummo", "category": "relatives", "closeness": 1, "effect": "helps"}
    methods.save_network(db, worker, world.id, [person])
    methods.save_cards(db, worker, world.id, ["strengths.brave"], "Rohkea Eetu")
    methods.save_cards(db, worker, _world(db, worker).id, ["feelings.sad"], "H")
    data = family_export(db, guardian)
    kinds = [m.kind for m in data.methods]
    assert kinds.count(MethodKind.EVALUATION) == 2 and kinds.count(MethodKind.CARDS) == 1
    assert MethodKind.NETWORK in kinds
    cards = next(m for m in data.methods if m.kind == MethodKind.CARDS)
    assert cards.answers == {"cards": ["strengths.brave"]} and cards.note == "Rohkea Eetu"
    html = render_export(data, "en")
    assert "Our work" in html and "Rohkea Eetu" in html and "feelings.sad" not in html
