"""Transfer and absence cover (issue 16): the handover history and note, the family told in its
language and on its home with the worker's phone, the former worker's access gone at once, the
cover's end by itself (a frozen `today`, two runs at once), and the refusals."""

import threading
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, func, select

from familywork_app.domain import FamilyStatus, Language, Role
from familywork_app.models import AccessLog, Family, FamilyGuardian, Handover, Meeting, Message
from familywork_app.services import NotAllowed
from familywork_app.services.case_process import helsinki_today
from familywork_app.services.cover_lapse import due_covers, end_expired_covers, return_from_cover
from familywork_app.services.family_home import family_home
from familywork_app.services.handover import cover_caseload, family_handovers, transfer_family
from familywork_app.services.messages import send_message
from familywork_app.services.visits import family_record
from familywork_app.services.work_phone import set_work_phone
from familywork_app.state.handover import CoverState, HandoverState
from familywork_app.state.worker_family import WorkerFamilyState
from tests.factories import make_family, make_meeting, make_user
from tests.goal_message_helpers import StateDouble, _refused

TODAY = date(2027, 3, 1)


def _people(db):
    old = make_user(db, Role.WORKER, "Anna Vanha")
    new = make_user(db, Role.WORKER, "Mikko Uusi")
    new.phone = "040 777 1234"
    db.add(new)
    db.commit()
    return make_user(db, Role.SUPERVISOR, "Sanna Esihenkilö"), old, new


def _messages(db, family_id):
    return db.exec(
        select(Message).where(Message.family_id == family_id).order_by(col(Message.id))
    ).all()


def test_a_transfer_keeps_history_tells_the_family_and_moves_future_meetings(db):
    sup, old, new = _people(db)
    world = make_family(db, old)
    sv = make_user(db, Role.GUARDIAN, "Lena")
    sv.language = Language.SV
    db.add(sv)
    db.commit()
    db.add(FamilyGuardian(family_id=world.id, user_id=sv.id or 0))
    db.commit()
    meeting = make_meeting(db, world, days=3)
    transfer_family(db, sup, world.id, new.id, "  Isä toivoo iltakäyntejä.  ", ip="1.2.3.4")
    db.expire_all()
    assert db.get(Family, world.id).worker_id == new.id
    assert db.get(Meeting, meeting.id).worker_id == new.id
    (told,) = _messages(db, world.id)
    assert told.sender_id == new.id
    assert told.body == (
        "Perheenne työntekijä on nyt Mikko Uusi, puh. 040 777 1234.\n\n"
        "Er familjearbetare är nu Mikko Uusi, tfn 040 777 1234."
    )
    (row,) = family_handovers(db, new, world.id)
    assert (row.from_name, row.to_name, row.by_name, row.note) == (
        "Anna Vanha",
        "Mikko Uusi",
        "Sanna Esihenkilö",
        "Isä toivoo iltakäyntejä.",
    )
    assert row.cover_until is None
    third = make_user(db, Role.WORKER, "Kolmas")
    transfer_family(db, sup, world.id, third.id)
    history = family_handovers(db, sup, world.id)
    assert [h.to_name for h in history] == ["Kolmas", "Mikko Uusi"]  # newest first
    assert _messages(db, world.id)[-1].body.startswith("Perheenne työntekijä on nyt Kolmas.")


def test_after_a_transfer_the_old_worker_is_refused_and_the_home_names_the_new_one(db):
    sup, old, new = _people(db)
    world = make_family(db, old)
    assert family_record(db, old, world.id).id == world.id
    transfer_family(db, sup, world.id, new.id, "")
    for call in (
        lambda: family_record(db, old, world.id),
        lambda: send_message(db, old, world.id, "Hei vielä"),
        lambda: family_handovers(db, old, world.id),
    ):
        with pytest.raises(NotAllowed):
            call()
    home = family_home(db, world.guardians[0])
    assert (home.worker_name, home.worker_phone) == ("Mikko Uusi", "040 777 1234")


@pytest.mark.usefixtures("handler_db")
def test_the_old_workers_open_tab_gets_nothing_on_its_next_event(db):
    sup, old, new = _people(db)
    world = make_family(db, old)
    tab = StateDouble(
        WorkerFamilyState, old, _fid=world.id, _form_key="", loaded=True, not_found=False, _latest=0
    )
    boss = StateDouble(
        HandoverState, sup, _fid=world.id, _form_key="", errors={}, saved="", open_form=""
    )
    boss.call("transfer", {"worker_id": str(new.id), "note": "Tärkeä muistio."})
    assert boss.errors.get("reassign") == "" and boss.family.worker == "Mikko Uusi"
    assert [h.note for h in boss.handovers] == ["Tärkeä muistio."]
    assert _messages(db, world.id)  # the family was told: the tab's poll would show it
    tab.call("poll_messages")
    assert "messages" not in vars(tab)  # refused: nothing of the family reached the tab
    assert not tab.crashed and tab.loaded and not tab.not_found


@pytest.mark.usefixtures("handler_db")
def test_the_transfer_form_says_what_is_wrong_beside_its_field(db):
    sup, old, _new = _people(db)
    world = make_family(db, old)
    boss = StateDouble(HandoverState, sup, _fid=world.id, _form_key="", errors={}, saved="")
    boss.call("transfer", {"worker_id": str(old.id), "note": "x"})
    assert boss.errors["reassign"] == "error.same_worker" and boss.errors["reassign-note"] == ""
    boss.call("transfer", {"worker_id": str(sup.id), "note": ""})
    assert boss.errors["reassign"] == "error.worker_required"
    assert db.get(Family, world.id).worker_id == old.id


def test_transfer_refusals(db):
    sup, old, new = _people(db)
    world = make_family(db, old)
    gone = make_user(db, Role.WORKER, "Poissa")
    gone.is_active = False
    db.add(gone)
    db.commit()
    for who in (old, new, world.guardians[0]):
        with pytest.raises(NotAllowed):
            transfer_family(db, who, world.id, new.id)
    for bad_worker, code in (
        (old.id, "error.same_worker"),
        (gone.id, "error.worker_required"),
        (sup.id, "error.worker_required"),
        (world.guardians[0].id, "error.worker_required"),
        ("12", "error.worker_required"),
    ):
        _refused(code, transfer_family, db, sup, world.id, bad_worker, field="worker")
    _refused("error.note_long", transfer_family, db, sup, world.id, new.id, "x" * 2001)
    for forged in (10**6, "1", None, {"$gt": 0}):
        with pytest.raises(NotAllowed):
            transfer_family(db, sup, forged, new.id)
    closed = make_family(db, old, status=FamilyStatus.CLOSED)
    _refused("error.invalid", transfer_family, db, sup, closed.id, new.id, field="family")
    assert db.exec(select(func.count()).select_from(Handover)).one() == 0
    assert db.exec(select(func.count()).select_from(AccessLog)).one() == 0


def _caseload(db):
    sup, absent, covering = _people(db)
    families = [make_family(db, absent) for _ in range(3)]
    make_family(db, absent, status=FamilyStatus.CLOSED)  # not moved
    return sup, absent, covering, families


def test_a_cover_moves_the_caseload_and_ends_by_itself_on_the_end_date(db):
    sup, absent, covering, families = _caseload(db)
    until = TODAY + timedelta(days=14)
    moved = cover_caseload(db, sup, absent.id, covering.id, until, "Lomalla.", today=TODAY)
    assert sorted(moved) == sorted(w.id for w in families)
    for w in families:
        assert db.get(Family, w.id).worker_id == covering.id
        with pytest.raises(NotAllowed):
            family_record(db, absent, w.id)
    # A later transfer of one family during the cover: it stays with its new worker.
    elsewhere = make_user(db, Role.WORKER, "Muualla")
    transfer_family(db, sup, families[0].id, elsewhere.id)
    assert end_expired_covers(db, until - timedelta(days=1)) == []
    returned = end_expired_covers(db, until)
    assert sorted(returned) == sorted(w.id for w in families[1:])
    db.expire_all()
    assert db.get(Family, families[0].id).worker_id == elsewhere.id
    for w in families[1:]:
        assert db.get(Family, w.id).worker_id == absent.id
        latest = _messages(db, w.id)[-1]
        assert (latest.sender_id, latest.body) == (
            absent.id,
            "Perheenne työntekijä on nyt Anna Vanha.",
        )
        history = family_handovers(db, absent, w.id)
        assert [(h.to_name, h.by_name) for h in history] == [
            ("Anna Vanha", ""),
            ("Mikko Uusi", "Sanna Esihenkilö"),
        ]
        assert history[1].cover_until == until and history[1].ended_at is not None
    assert end_expired_covers(db, until + timedelta(days=5)) == []  # once only
    logged = db.exec(select(AccessLog.family_id).where(AccessLog.action == "end_cover")).all()
    assert sorted(logged) == sorted(w.id for w in families[1:])


def test_two_runs_at_once_return_each_family_once(db, db_url):
    sup, absent, covering, families = _caseload(db)
    until = TODAY + timedelta(days=2)
    cover_caseload(db, sup, absent.id, covering.id, until, "", today=TODAY)
    engine = db.get_bind()
    with Session(engine) as one, Session(engine) as two:
        due = due_covers(one, until)
        assert due == due_covers(two, until) and len(due) == 3
        won = [(return_from_cover(one, hid), return_from_cover(two, hid)) for hid in due]
    assert all((a is None) != (b is None) for a, b in won), won
    # Two threads, each with its own session, over covers that ended today.
    db.expire_all()  # the returns above were made in other sessions
    again = cover_caseload(db, sup, absent.id, covering.id, until, "", today=TODAY)
    results: list[list[int]] = []

    def run() -> None:
        with Session(engine) as session:
            results.append(end_expired_covers(session, until))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results[0] + results[1]) == sorted(again)
    returns = db.exec(
        select(Handover.family_id, func.count())
        .where(col(Handover.by_id).is_(None))
        .group_by(col(Handover.family_id))
    ).all()
    assert sorted(returns) == sorted((fid, 2) for fid in again)  # one per cover, two covers


def test_cover_refusals(db):
    sup, absent, covering, families = _caseload(db)
    gone = make_user(db, Role.WORKER, "Poissa")
    gone.is_active = False
    db.add(gone)
    db.commit()
    later = TODAY + timedelta(days=5)
    with pytest.raises(NotAllowed):
        cover_caseload(db, absent, absent.id, covering.id, later, today=TODAY)
    cases = [
        ((absent.id, covering.id, TODAY), "error.cover_past", "until"),
        ((absent.id, covering.id, TODAY - timedelta(days=1)), "error.cover_past", "until"),
        ((absent.id, covering.id, "2027-02-30"), "error.cover_date", "until"),
        ((absent.id, covering.id, ""), "error.cover_date", "until"),
        ((absent.id, covering.id, TODAY + timedelta(days=400)), "error.cover_long", "until"),
        ((absent.id, absent.id, later), "error.same_worker", "worker"),
        ((absent.id, gone.id, later), "error.worker_required", "worker"),
        ((absent.id, sup.id, later), "error.worker_required", "worker"),
        ((absent.id, families[0].guardians[0].id, later), "error.worker_required", "worker"),
        ((sup.id, covering.id, later), "error.invalid", "absent"),
        ((10**6, covering.id, later), "error.invalid", "absent"),
        ((covering.id, absent.id, later), "error.no_active_families", "absent"),
    ]
    for args, code, field in cases:
        _refused(code, cover_caseload, db, sup, *args, "", "", TODAY, field=field)
    _refused(
        "error.note_long",
        cover_caseload,
        db,
        sup,
        absent.id,
        covering.id,
        later,
        "x" * 2001,
        "",
        TODAY,
    )
    assert db.exec(select(func.count()).select_from(Handover)).one() == 0
    assert all(db.get(Family, w.id).worker_id == absent.id for w in families)


def test_the_work_phone_is_the_staff_members_own(db):
    sup, old, _new = _people(db)
    world = make_family(db, old)
    assert set_work_phone(db, old, "  040   123 4567 ") == "040 123 4567"
    assert family_home(db, world.guardians[0]).worker_phone == "040 123 4567"
    _refused("error.phone_invalid", set_work_phone, db, old, "soita minulle", field="phone")
    with pytest.raises(NotAllowed):
        set_work_phone(db, world.guardians[0], "040 123 4567")
    assert set_work_phone(db, old, "") == ""
    transfer_family(db, sup, world.id, _new.id)
    assert family_home(db, world.guardians[0]).worker_phone == "040 777 1234"


@pytest.mark.usefixtures("handler_db")
def test_the_staff_pages_cover_form_refuses_beside_its_field_and_then_saves(db):
    sup, absent, covering, families = _caseload(db)
    page = StateDouble(
        CoverState, sup, staff=[], errors={}, cover_for=str(absent.id), cover_errors={}
    )
    today = helsinki_today()
    form = {"worker_id": str(covering.id), "until": today.isoformat(), "note": "Loma."}
    page.call("cover", form)
    assert page.cover_errors["until"] == "error.cover_past" and page.cover_for == str(absent.id)
    page.call("cover", {**form, "worker_id": str(absent.id), "until": "2099-01-01"})
    assert page.cover_errors["worker"] == "error.same_worker"
    page.call("cover", {**form, "until": (today + timedelta(days=7)).isoformat()})
    assert page.cover_for == "" and all(v == "" for v in page.cover_errors.values())
    assert all(db.get(Family, w.id).worker_id == covering.id for w in families)
