"""Message services: conversation, read marks, sending, the staff inbox."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import col, select

from familywork_app.domain import FamilyStatus, Role
from familywork_app.models import AccessLog, Message, utcnow
from familywork_app.services import NotAllowed, ServiceError, attachments
from familywork_app.services.goals import family_goals
from familywork_app.services.messages import (
    InboxRow,
    MessageRow,
    conversation,
    send_message,
    staff_inbox,
)
from familywork_app.state.worker_week import present_inbox_row
from tests.factories import make_family, make_message, make_user
from tests.goal_message_helpers import BAD_IDS, _count, _log_count, _refused
from tests.message_file_calls import png_bytes


def _message_world(db, worker=None):
    """A family of two guardians (Laura, then Jussi) and its worker Anna, with no messages."""
    worker = worker or make_user(db, Role.WORKER, "Anna Heikkinen")
    return make_family(db, worker, guardians=["Laura Virtanen", "Jussi Virtanen"])


def _said(db, world, sender, body, hours_ago, read=False):
    """A message `hours_ago` hours ago, read by the other side when `read`."""
    message = make_message(db, world, sender, body, at=utcnow() - timedelta(hours=hours_ago))
    if read:
        message.read_at = message.sent_at + timedelta(minutes=5)
        db.commit()
    return message


def test_conversation_oldest_first_with_mine_and_one_log_row(db):
    world = _message_world(db)
    (laura, jussi), worker = world.guardians, world.worker
    for sender, hours in ((jussi, 30), (worker, 10), (laura, 40), (worker, 50), (worker, 2)):
        _said(db, world, sender, f"{hours} tuntia sitten", hours)
    _said(db, make_family(db, worker), worker, "Toiselle perheelle", 20)
    before = _log_count(db)
    rows = conversation(db, laura, world.id, ip="10.0.0.4")
    assert len(rows) == 5 and [r.sent_at for r in rows] == sorted(r.sent_at for r in rows)
    assert all(isinstance(r, MessageRow) for r in rows)
    assert rows[0].sender_role is Role.WORKER and rows[0].sent_at.tzinfo is not None
    assert [r.mine for r in rows] == [False, True, False, False, False]
    assert rows[0].sender_name == "Anna Heikkinen" and rows[0].sender_role == "worker"
    assert rows[2].sender_name == "Jussi Virtanen" and rows[2].sender_role == "guardian"
    assert _log_count(db) == before + 1
    assert _log_count(db, action="read_messages", family_id=world.id, ip="10.0.0.4") == 1


def test_guardian_reading_marks_worker_messages_read(db):
    world = _message_world(db)
    (guardian, guardian2), worker, family = world.guardians, world.worker, world.family
    sent = send_message(db, worker, family.id, "Muistakaa huominen!")
    assert sent.mine and sent.read_at is None
    own = send_message(db, guardian2, family.id, "Jussi täällä")
    rows = {r.id: r for r in conversation(db, guardian, family.id)}
    assert rows[sent.id].read_at is not None and not rows[sent.id].mine
    assert rows[own.id].read_at is None  # the same side's message stays unread
    stored = db.get(Message, sent.id)
    assert stored.read_by_id == guardian.id and stored.read_at == rows[sent.id].read_at
    mine = {r.id: r for r in conversation(db, worker, family.id)}
    assert mine[sent.id].mine and mine[sent.id].read_at is not None
    assert mine[own.id].read_at is not None  # now read by the worker
    assert db.get(Message, own.id).read_by_id == worker.id
    again = conversation(db, guardian, family.id)
    assert next(r for r in again if r.id == sent.id).read_at == stored.read_at


def test_supervisor_reading_does_not_mark(db):
    supervisor = make_user(db, Role.SUPERVISOR)
    world = _message_world(db)
    worker, family = world.worker, world.family
    _said(db, world, worker, "Miten menee?", 5, read=True)
    unread = _said(db, world, world.guardians[0], "Hyvin, kiitos", 3)
    rows = conversation(db, supervisor, family.id)
    assert next(r for r in rows if r.id == unread.id).read_at is None
    assert db.get(Message, unread.id).read_at is None
    assert _log_count(db, action="read_messages", user_id=supervisor.id) == 1
    rows = conversation(db, worker, family.id)
    assert next(r for r in rows if r.id == unread.id).read_at is not None
    assert db.get(Message, unread.id).read_by_id == worker.id


def test_send_message_rules_and_one_log_row(db):
    world = _message_world(db)
    guardian, family = world.guardians[0], world.family
    messages, logs = _count(db, Message), _log_count(db)
    _refused("error.message_empty", send_message, db, guardian, family.id, "", field="body")
    _refused("error.message_empty", send_message, db, guardian, family.id, " \n ", field="body")
    _refused("error.message_long", send_message, db, guardian, family.id, "x" * 2001, field="body")
    for body in (None, 5, {"a": 1}):
        _refused("error.invalid", send_message, db, guardian, family.id, body, field="body")
    with pytest.raises(ServiceError):
        send_message(db, guardian, family.id, "Hei", ip=5)
    assert _count(db, Message) == messages and _log_count(db) == logs
    sent = send_message(db, guardian, family.id, "  Hei!  ", ip="10.0.0.5")
    assert sent.body == "Hei!" and sent.mine and sent.sender_role == "guardian"
    assert sent.sent_at.tzinfo is not None and sent.read_at is None
    assert _log_count(db) == logs + 1
    assert _log_count(db, action="send_message", user_id=guardian.id, ip="10.0.0.5") == 1
    assert send_message(db, guardian, family.id, "y" * 2000).body == "y" * 2000
    assert conversation(db, guardian, family.id)[-1].body == "y" * 2000


def test_guardian_cannot_reach_other_families_messages(db):
    world = _message_world(db)
    guardian, own = world.guardians[0], world.family
    others = [
        make_family(db, world.worker),
        make_family(db),
        make_family(db, status=FamilyStatus.APPLIED),
        make_family(db, world.worker, status=FamilyStatus.CLOSED),
    ]
    for other in others:
        _said(db, other, other.guardians[0], "Meidän perheen asia", 1)
    messages, logs = _count(db, Message), _log_count(db)
    for family_id in [o.id for o in others] + BAD_IDS:
        with pytest.raises(NotAllowed):
            conversation(db, guardian, family_id)
        with pytest.raises(NotAllowed):
            send_message(db, guardian, family_id, "Hei")
    with pytest.raises(NotAllowed):
        staff_inbox(db, guardian)
    for nobody in (None, guardian.email, 1):
        with pytest.raises(NotAllowed):
            conversation(db, nobody, own.id)
        with pytest.raises(NotAllowed):
            family_goals(db, nobody, own.id)
    assert _count(db, Message) == messages and _log_count(db) == logs
    still_unread = db.exec(select(Message).where(col(Message.read_at).is_(None))).all()
    assert len(still_unread) == len(others)


def test_closed_family_guardian_reads_but_cannot_send(db):
    closed = make_family(db, status=FamilyStatus.CLOSED)
    former = closed.guardians[0]
    assert conversation(db, former, closed.id) == []
    with pytest.raises(NotAllowed):
        send_message(db, former, closed.id, "Hei")
    assert send_message(db, closed.worker, closed.id, "Kuulumisia?").mine


def test_worker_inbox_lists_own_families_unread_first(db):
    worker = make_user(db, Role.WORKER)
    asks, waits, calm = (_message_world(db, worker) for _ in range(3))
    closed = make_family(db, worker, status=FamilyStatus.CLOSED)  # no messages at all
    applied = make_family(db, worker, status=FamilyStatus.APPLIED)
    other = make_family(db)  # another worker's
    for world in (applied, other):
        _said(db, world, world.guardians[0], "Ei tähän laatikkoon", 1)
    _said(db, asks, asks.guardians[0], "Voisitteko soittaa?", 1)
    _said(db, waits, waits.guardians[1], "Vastaatteko?", 30)
    _said(db, waits, worker, "Vanha viesti", 40, read=True)
    _said(db, calm, calm.guardians[0], "Kiitos", 5, read=True)
    reminder = "Muistutus: seuraava käynti on sovittu klo 10 kotonanne. Tervetuloa myös Jussi!"
    _said(db, calm, worker, reminder * 2, 4, read=True)
    before = _log_count(db)
    rows = staff_inbox(db, worker, ip="10.0.0.6")
    assert all(isinstance(r, InboxRow) for r in rows)
    assert {r.family_id for r in rows} == {asks.id, waits.id, calm.id, closed.id}
    assert _log_count(db) == before + len(rows)
    logged = db.exec(
        select(AccessLog.family_id).where(
            AccessLog.action == "list_messages", AccessLog.ip == "10.0.0.6"
        )
    ).all()
    assert sorted(logged) == sorted(r.family_id for r in rows)
    by_id = {r.family_id: r for r in rows}
    assert {i for i, r in by_id.items() if r.unread} == {asks.id, waits.id}
    assert by_id[calm.id].unread == 0 and by_id[calm.id].family_name == calm.family.name
    assert by_id[closed.id].last_at is None and by_id[closed.id].last_preview == ""
    assert by_id[calm.id].last_preview == (reminder * 2)[:80]
    assert [r.family_id for r in rows] == [asks.id, waits.id, calm.id, closed.id]


def test_inbox_follows_new_messages_and_reads(db):
    worker = make_user(db, Role.WORKER)
    world, older = _message_world(db, worker), _message_world(db, worker)
    _said(db, older, older.guardians[0], "Vanha kysymys", 24)
    _said(db, world, worker, "Hei", 48, read=True)
    send_message(db, world.guardians[0], world.id, "Pitkä viesti " * 20)
    row = staff_inbox(db, worker)[0]
    assert row.family_id == world.id and row.unread == 1
    assert row.last_preview == ("Pitkä viesti " * 20).strip()[:80]
    conversation(db, worker, world.id)
    rows = staff_inbox(db, worker)
    assert next(r for r in rows if r.family_id == world.id).unread == 0
    assert rows[0].family_id == older.id  # the one still unread comes first


def test_supervisor_inbox_lists_every_family_with_messages(db):
    supervisor, worker2 = make_user(db, Role.SUPERVISOR), make_user(db, Role.WORKER)
    talking = [_message_world(db), make_family(db, status=FamilyStatus.CLOSED)]
    talking += [make_family(db, worker2) for _ in range(2)]
    silent = make_family(db, worker2)
    for world in talking:
        _said(db, world, world.guardians[0], "Hei", 2)
    before = _log_count(db)
    rows = staff_inbox(db, supervisor)
    assert {r.family_id for r in rows} == {w.id for w in talking} and len(rows) == len(talking)
    assert _log_count(db) == before + len(rows)
    assert _log_count(db, action="list_messages", user_id=supervisor.id) == len(rows)
    names = {r.family_name for r in staff_inbox(db, worker2)}
    assert names == {talking[2].family.name, talking[3].family.name, silent.family.name}


def test_a_photo_may_go_without_text_but_only_the_senders_own(db):
    """A photo of a school note needs no words; another guardian's chosen file does not count."""
    world = _message_world(db)
    (laura, jussi), worker = world.guardians, world.worker
    family_id = world.family.id
    attachments.add_files(db, jussi, family_id, [attachments.Incoming("note.png", png_bytes())])
    _refused("error.message_empty", send_message, db, laura, family_id, "  ", field="body")
    [waiting] = attachments.add_files(
        db, laura, family_id, [attachments.Incoming("IMG_0002.png", png_bytes())]
    )
    sent = send_message(db, laura, family_id, "  ")
    attachments.attach_waiting(db, laura, family_id, sent.id)
    [shown] = [m for m in conversation(db, worker, family_id) if m.id == sent.id]
    assert shown.body == "" and [f.id for f in shown.files] == [waiting.id]
    [row] = staff_inbox(db, worker)
    assert row.last_preview == ""
    assert present_inbox_row(row, "en").preview == "Photo or document"
    silent = replace(row, last_at=None, last_preview="")  # a family with no message yet
    shown_silent = present_inbox_row(silent, "fi")
    assert (shown_silent.when, shown_silent.preview) == ("", "")
