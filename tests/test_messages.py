"""Message services: conversation, read marks, sending, the staff inbox."""

import pytest
from sqlmodel import col, select

from familywork_app.domain import Role
from familywork_app.models import AccessLog, Family, Message
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.goals import family_goals
from familywork_app.services.messages import (
    InboxRow,
    MessageRow,
    conversation,
    send_message,
    staff_inbox,
)
from tests.conftest import user_by_email
from tests.goal_message_helpers import (
    BAD_IDS,
    GUARDIAN,
    GUARDIAN2,
    SUPERVISOR,
    WORKER,
    WORKER2,
    _count,
    _family,
    _log_count,
    _refused,
)


def test_conversation_oldest_first_with_mine_and_one_log_row(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    before = _log_count(demo_db)
    rows = conversation(demo_db, guardian, family.id, ip="10.0.0.4")
    assert len(rows) == 5 and [r.sent_at for r in rows] == sorted(r.sent_at for r in rows)
    assert all(isinstance(r, MessageRow) for r in rows)
    assert rows[0].sender_role is Role.WORKER and rows[0].sent_at.tzinfo is not None
    assert [r.mine for r in rows] == [False, True, False, False, False]
    assert rows[0].sender_name == "Anna Heikkinen" and rows[0].sender_role == "worker"
    assert rows[2].sender_name == "Jussi Kemppainen" and rows[2].sender_role == "guardian"
    assert _log_count(demo_db) == before + 1
    assert _log_count(demo_db, action="read_messages", family_id=family.id, ip="10.0.0.4") == 1


def test_guardian_reading_marks_worker_messages_read(demo_db):
    guardian, worker = user_by_email(demo_db, GUARDIAN), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    sent = send_message(demo_db, worker, family.id, "Muistakaa huominen!")
    assert sent.mine and sent.read_at is None
    own = send_message(demo_db, user_by_email(demo_db, GUARDIAN2), family.id, "Jussi täällä")
    rows = {r.id: r for r in conversation(demo_db, guardian, family.id)}
    assert rows[sent.id].read_at is not None and not rows[sent.id].mine
    assert rows[own.id].read_at is None  # the same side's message stays unread
    stored = demo_db.get(Message, sent.id)
    assert stored.read_by_id == guardian.id and stored.read_at == rows[sent.id].read_at
    mine = {r.id: r for r in conversation(demo_db, worker, family.id)}
    assert mine[sent.id].mine and mine[sent.id].read_at is not None
    assert mine[own.id].read_at is not None  # now read by the worker
    assert demo_db.get(Message, own.id).read_by_id == worker.id
    again = conversation(demo_db, guardian, family.id)
    assert next(r for r in again if r.id == sent.id).read_at == stored.read_at


def test_supervisor_reading_does_not_mark(demo_db):
    supervisor, worker = user_by_email(demo_db, SUPERVISOR), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Huttunen")
    unread = demo_db.exec(
        select(Message).where(Message.family_id == family.id, col(Message.read_at).is_(None))
    ).all()
    assert len(unread) == 1
    rows = conversation(demo_db, supervisor, family.id)
    assert next(r for r in rows if r.id == unread[0].id).read_at is None
    assert demo_db.get(Message, unread[0].id).read_at is None
    assert _log_count(demo_db, action="read_messages", user_id=supervisor.id) == 1
    rows = conversation(demo_db, worker, family.id)
    assert next(r for r in rows if r.id == unread[0].id).read_at is not None
    assert demo_db.get(Message, unread[0].id).read_by_id == worker.id


def test_send_message_rules_and_one_log_row(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    messages, logs = _count(demo_db, Message), _log_count(demo_db)
    _refused("error.message_empty", send_message, demo_db, guardian, family.id, "", field="body")
    _refused(
        "error.message_empty", send_message, demo_db, guardian, family.id, " \n ", field="body"
    )
    _refused(
        "error.message_long", send_message, demo_db, guardian, family.id, "x" * 2001, field="body"
    )
    for body in (None, 5, {"a": 1}):
        _refused("error.invalid", send_message, demo_db, guardian, family.id, body, field="body")
    with pytest.raises(ServiceError):
        send_message(demo_db, guardian, family.id, "Hei", ip=5)
    assert _count(demo_db, Message) == messages and _log_count(demo_db) == logs
    sent = send_message(demo_db, guardian, family.id, "  Hei!  ", ip="10.0.0.5")
    assert sent.body == "Hei!" and sent.mine and sent.sender_role == "guardian"
    assert sent.sent_at.tzinfo is not None and sent.read_at is None
    assert _log_count(demo_db) == logs + 1
    assert _log_count(demo_db, action="send_message", user_id=guardian.id, ip="10.0.0.5") == 1
    assert send_message(demo_db, guardian, family.id, "y" * 2000).body == "y" * 2000
    assert conversation(demo_db, guardian, family.id)[-1].body == "y" * 2000


def test_guardian_cannot_reach_other_families_messages(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    own = _family(demo_db, "Kemppainen")
    others = [f.id for f in demo_db.exec(select(Family).where(Family.id != own.id))]
    messages, logs = _count(demo_db, Message), _log_count(demo_db)
    for family_id in others + BAD_IDS:
        with pytest.raises(NotAllowed):
            conversation(demo_db, guardian, family_id)
        with pytest.raises(NotAllowed):
            send_message(demo_db, guardian, family_id, "Hei")
    with pytest.raises(NotAllowed):
        staff_inbox(demo_db, guardian)
    for nobody in (None, "family@example.org", 1):
        with pytest.raises(NotAllowed):
            conversation(demo_db, nobody, own.id)
        with pytest.raises(NotAllowed):
            family_goals(demo_db, nobody, own.id)
    assert _count(demo_db, Message) == messages and _log_count(demo_db) == logs
    assert demo_db.exec(
        select(Message).where(col(Message.read_at).is_(None), Message.family_id != own.id)
    ).all()


def test_closed_family_guardian_reads_but_cannot_send(demo_db):
    former = user_by_email(demo_db, "heikki.komulainen@example.org")
    closed = _family(demo_db, "Komulainen")
    assert conversation(demo_db, former, closed.id) == []
    with pytest.raises(NotAllowed):
        send_message(demo_db, former, closed.id, "Hei")
    assert send_message(demo_db, user_by_email(demo_db, WORKER), closed.id, "Kuulumisia?").mine


def test_worker_inbox_lists_own_families_unread_first(demo_db):
    worker = user_by_email(demo_db, WORKER)
    own = demo_db.exec(select(Family).where(Family.worker_id == worker.id)).all()
    before = _log_count(demo_db)
    rows = staff_inbox(demo_db, worker, ip="10.0.0.6")
    assert all(isinstance(r, InboxRow) for r in rows)
    assert {r.family_id for r in rows} == {f.id for f in own if f.status in ("active", "closed")}
    assert _log_count(demo_db) == before + len(rows)
    logged = demo_db.exec(
        select(AccessLog.family_id).where(
            AccessLog.action == "list_messages", AccessLog.ip == "10.0.0.6"
        )
    ).all()
    assert sorted(logged) == sorted(r.family_id for r in rows)
    by_name = {r.family_name: r for r in rows}
    assert {n for n, r in by_name.items() if r.unread} == {"Huttunen", "Korhonen", "Pikkarainen"}
    assert by_name["Kemppainen"].unread == 0
    assert by_name["Komulainen"].last_at is None and by_name["Komulainen"].last_preview == ""
    assert (
        by_name["Kemppainen"].last_preview
        == ("Muistutus: seuraava käynti on sovittu klo 10 kotonanne. Tervetuloa myös Jussi!"[:80])
    )
    unread = [r for r in rows if r.unread]
    assert rows[: len(unread)] == unread
    for group in (unread, rows[len(unread) :]):
        times = [r.last_at for r in group if r.last_at is not None]
        assert times == sorted(times, reverse=True)
    assert rows[-1].family_name == "Komulainen"


def test_inbox_follows_new_messages_and_reads(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Seppänen")
    send_message(
        demo_db,
        user_by_email(demo_db, "minna.seppanen@example.org"),
        family.id,
        "Pitkä viesti " * 20,
    )
    row = staff_inbox(demo_db, worker)[0]
    assert row.family_id == family.id and row.unread == 1
    assert row.last_preview == ("Pitkä viesti " * 20).strip()[:80]
    conversation(demo_db, worker, family.id)
    rows = staff_inbox(demo_db, worker)
    assert next(r for r in rows if r.family_id == family.id).unread == 0


def test_supervisor_inbox_lists_every_family_with_messages(demo_db):
    supervisor = user_by_email(demo_db, SUPERVISOR)
    with_messages = set(demo_db.exec(select(Message.family_id)).all())
    before = _log_count(demo_db)
    rows = staff_inbox(demo_db, supervisor)
    assert {r.family_id for r in rows} == with_messages and len(rows) == len(with_messages)
    assert _log_count(demo_db) == before + len(rows)
    assert _log_count(demo_db, action="list_messages", user_id=supervisor.id) == len(rows)
    worker2 = user_by_email(demo_db, WORKER2)
    assert {r.family_name for r in staff_inbox(demo_db, worker2)} == {"Ryynänen", "Moilanen"}
