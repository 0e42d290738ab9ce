"""Goals and messages: the rules, the policy whatever id is sent, and one log row per call."""

from datetime import date, datetime, timezone

import pytest
from sqlmodel import func, select

from familywork_app.models import AccessLog, Family, Goal, GoalEntry, Message
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.goals import add_goal_entry, create_goal, end_goal, family_goals
from familywork_app.services.messages import conversation, send_message, staff_inbox
from tests.conftest import user_by_email

BAD_IDS = [None, "1", 1.0, True, -1, 0, 10**12, {"$gt": 0}, [1]]
GUARDIAN, GUARDIAN2 = "family@example.org", "family2@example.org"
WORKER, WORKER2, SUPERVISOR = "worker@example.org", "worker2@example.org", "supervisor@example.org"


def _family(db, name):
    return db.exec(select(Family).where(Family.name == name)).one()


def _log_count(db, **where):
    stmt = select(func.count()).select_from(AccessLog)
    for key, value in where.items():
        stmt = stmt.where(getattr(AccessLog, key) == value)
    return db.exec(stmt).one()


def _count(db, model):
    return db.exec(select(func.count()).select_from(model)).one()


def _refused(code, call, *args, field=None):
    with pytest.raises(ServiceError) as caught:
        call(*args)
    assert not isinstance(caught.value, NotAllowed)
    assert caught.value.code == code
    if field is not None:
        assert caught.value.field == field


def _goal_ids(db, family_id):
    return db.exec(select(Goal.id).where(Goal.family_id == family_id)).all()


# --- goals ------------------------------------------------------------------------------------

def test_family_goals_shape_order_and_one_log_row(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    before = _log_count(demo_db)
    goals = family_goals(demo_db, guardian, family.id, ip="10.0.0.1")
    assert [g["title"] for g in goals] == ["Aamut sujuvat ilman riitaa", "Rauhallinen iltarutiini"]
    first = goals[0]
    assert set(first) == {"id", "title", "support_area", "what_we_do", "target_date", "status",
                          "entries", "ratings"}
    assert first["status"] == "active" and isinstance(first["target_date"], date)
    times = [e["created_at"] for e in first["entries"]]
    assert len(times) == 5 and times == sorted(times) and times[0].tzinfo is not None
    assert first["entries"][0] == {**first["entries"][0], "author_name": "Laura Kemppainen",
                                   "author_role": "guardian", "rating": 3}
    assert {e["author_role"] for e in first["entries"]} == {"guardian", "worker"}
    assert [r["rating"] for r in first["ratings"]] == [3, 4, 6]
    assert all(isinstance(r["at"], datetime) for r in first["ratings"])
    assert goals[1]["entries"][2]["text"] == "" and goals[1]["entries"][2]["rating"] == 5
    assert _log_count(demo_db) == before + 1
    assert _log_count(demo_db, action="view_goals", user_id=guardian.id, family_id=family.id,
                      ip="10.0.0.1") == 1


def test_goals_listed_active_then_achieved_then_dropped(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    existing = _goal_ids(demo_db, family.id)
    new = [create_goal(demo_db, worker, family.id, f"Tavoite {i}", "growth", "", None)["id"]
           for i in range(3)]
    end_goal(demo_db, worker, existing[0], "dropped")
    end_goal(demo_db, worker, new[0], "achieved")
    order = [(g["id"], g["status"]) for g in family_goals(demo_db, worker, family.id)]
    assert order == [(existing[1], "active"), (new[1], "active"), (new[2], "active"),
                     (new[0], "achieved"), (existing[0], "dropped")]


def test_guardian_cannot_reach_other_families_goals(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    own = _family(demo_db, "Kemppainen")
    others = demo_db.exec(select(Family).where(Family.id != own.id)).all()
    foreign_goals = demo_db.exec(select(Goal.id).where(Goal.family_id != own.id)).all()
    assert len(others) >= 8 and foreign_goals
    logs, entries = _log_count(demo_db), _count(demo_db, GoalEntry)
    for family_id in [f.id for f in others] + BAD_IDS:
        with pytest.raises(NotAllowed):
            family_goals(demo_db, guardian, family_id)
    for goal_id in foreign_goals + BAD_IDS:
        with pytest.raises(NotAllowed):
            add_goal_entry(demo_db, guardian, goal_id, "Hei", 5)
    assert _log_count(demo_db) == logs and _count(demo_db, GoalEntry) == entries


def test_worker2_cannot_reach_kemppainen(demo_db):
    worker2 = user_by_email(demo_db, WORKER2)
    family = _family(demo_db, "Kemppainen")
    goal_id = _goal_ids(demo_db, family.id)[0]
    logs = _log_count(demo_db)
    calls = [
        lambda: family_goals(demo_db, worker2, family.id),
        lambda: add_goal_entry(demo_db, worker2, goal_id, "Hei", None),
        lambda: create_goal(demo_db, worker2, family.id, "Uusi", "growth", "", None),
        lambda: end_goal(demo_db, worker2, goal_id, "achieved"),
        lambda: conversation(demo_db, worker2, family.id),
        lambda: send_message(demo_db, worker2, family.id, "Hei"),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert _log_count(demo_db) == logs
    assert family.id not in {r["family_id"] for r in staff_inbox(demo_db, worker2)}


def test_add_goal_entry_from_both_sides(demo_db):
    guardian, worker = user_by_email(demo_db, GUARDIAN2), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    goal_id = _goal_ids(demo_db, family.id)[0]
    before = _log_count(demo_db)
    entry = add_goal_entry(demo_db, guardian, goal_id, "  Hyvä viikko  ", "7", ip="10.0.0.2")
    assert entry["text"] == "Hyvä viikko" and entry["rating"] == 7
    assert entry["author_name"] == "Jussi Kemppainen" and entry["author_role"] == "guardian"
    assert set(entry) == {"id", "author_name", "author_role", "text", "rating", "created_at"}
    assert _log_count(demo_db) == before + 1
    assert _log_count(demo_db, action="add_goal_entry", user_id=guardian.id, ip="10.0.0.2") == 1
    zero = add_goal_entry(demo_db, guardian, goal_id, "", 0)
    ten = add_goal_entry(demo_db, guardian, goal_id, "", " 10 ")
    assert zero["rating"] == 0 and ten["rating"] == 10
    staff_entry = add_goal_entry(demo_db, worker, goal_id, "Hienoa edistystä", "")
    assert staff_entry["rating"] is None and staff_entry["author_role"] == "worker"
    assert _log_count(demo_db) == before + 4
    goal = next(g for g in family_goals(demo_db, guardian, family.id) if g["id"] == goal_id)
    assert [e["id"] for e in goal["entries"]][-4:] == [entry["id"], zero["id"], ten["id"],
                                                       staff_entry["id"]]
    assert [r["rating"] for r in goal["ratings"]][-3:] == [7, 0, 10]


@pytest.mark.parametrize("rating", [11, -1, "abc", 3.5, True, "11", "-1", "5.0", "٣", [5], {}])
def test_bad_ratings_refused(demo_db, rating):
    guardian = user_by_email(demo_db, GUARDIAN)
    goal_id = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)[0]
    logs, entries = _log_count(demo_db), _count(demo_db, GoalEntry)
    _refused("error.rating_range", add_goal_entry, demo_db, guardian, goal_id, "Teksti", rating,
             field="rating")
    assert _log_count(demo_db) == logs and _count(demo_db, GoalEntry) == entries


def test_entry_text_rules(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    goal_id = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)[0]
    entries = _count(demo_db, GoalEntry)
    _refused("error.entry_empty", add_goal_entry, demo_db, guardian, goal_id, "", None,
             field="text")
    _refused("error.entry_empty", add_goal_entry, demo_db, guardian, goal_id, "   ", "",
             field="text")
    _refused("error.text_long", add_goal_entry, demo_db, guardian, goal_id, "x" * 2001, 5,
             field="text")
    for text in (None, 5, ["a"]):
        _refused("error.invalid", add_goal_entry, demo_db, guardian, goal_id, text, 5)
    assert _count(demo_db, GoalEntry) == entries
    assert add_goal_entry(demo_db, guardian, goal_id, "x" * 2000, None)["text"] == "x" * 2000


def test_ended_goal_and_closed_family_take_no_entries(demo_db):
    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    goal_id = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)[0]
    end_goal(demo_db, worker, goal_id, "achieved")
    _refused("error.goal_not_active", add_goal_entry, demo_db, guardian, goal_id, "Hei", 5)
    _refused("error.goal_not_active", end_goal, demo_db, worker, goal_id, "dropped")
    closed = _family(demo_db, "Komulainen")
    assert closed.status == "closed"
    goal = create_goal(demo_db, worker, closed.id, "Jälkiseuranta", "everyday", "", "")
    former = user_by_email(demo_db, "heikki.komulainen@example.org")
    assert [g["id"] for g in family_goals(demo_db, former, closed.id)] == [goal["id"]]
    with pytest.raises(NotAllowed):
        add_goal_entry(demo_db, former, goal["id"], "Hei", 5)
    assert add_goal_entry(demo_db, worker, goal["id"], "Soitettu perheelle", None)["text"]


def test_create_goal_rules(demo_db):
    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    with pytest.raises(NotAllowed):
        create_goal(demo_db, guardian, family.id, "Oma", "growth", "", None)
    for bad in BAD_IDS + [_family(demo_db, "Ryynänen").id]:
        with pytest.raises(NotAllowed):
            create_goal(demo_db, worker, bad, "Tavoite", "growth", "", None)
    args = dict(session=demo_db, user=worker, family_id=family.id, title="Tavoite",
                support_area="growth", what_we_do="", target_date=None)
    cases = [("title", "   ", "error.title_required"), ("title", "x" * 201, "error.title_long"),
             ("title", None, "error.invalid"), ("support_area", "bogus", "error.area_required"),
             ("support_area", None, "error.area_required"),
             ("support_area", ["growth"], "error.area_required"),
             ("what_we_do", "x" * 2001, "error.text_long"),
             ("target_date", "2026-13-01", "error.date_invalid"),
             ("target_date", "tomorrow", "error.date_invalid"),
             ("target_date", "20260101", "error.date_invalid"),
             ("target_date", 20260101, "error.date_invalid"),
             ("target_date", datetime(2026, 1, 1, tzinfo=timezone.utc), "error.date_invalid")]
    goals, logs = _count(demo_db, Goal), _log_count(demo_db)
    for field, value, code in cases:
        _refused(code, lambda: create_goal(**{**args, field: value}), field=field)
    assert _count(demo_db, Goal) == goals and _log_count(demo_db) == logs
    goal = create_goal(**{**args, "title": " Uni ", "what_we_do": " Iltasatu ",
                          "target_date": "2026-05-01"}, ip="10.0.0.3")
    assert goal["title"] == "Uni" and goal["what_we_do"] == "Iltasatu"
    assert goal["target_date"] == date(2026, 5, 1) and goal["status"] == "active"
    assert goal["entries"] == [] and goal["ratings"] == []
    assert _log_count(demo_db) == logs + 1
    assert _log_count(demo_db, action="create_goal", family_id=family.id, ip="10.0.0.3") == 1
    june = date(2026, 6, 1)
    assert create_goal(**{**args, "target_date": june})["target_date"] == june
    assert create_goal(**args)["target_date"] is None


def test_end_goal_rules(demo_db):
    worker, guardian = user_by_email(demo_db, WORKER), user_by_email(demo_db, GUARDIAN)
    supervisor = user_by_email(demo_db, SUPERVISOR)
    first, second = _goal_ids(demo_db, _family(demo_db, "Kemppainen").id)
    with pytest.raises(NotAllowed):
        end_goal(demo_db, guardian, first, "achieved")
    for bad in BAD_IDS:
        with pytest.raises(NotAllowed):
            end_goal(demo_db, worker, bad, "achieved")
    for status in ("active", "bogus", None, 1):
        _refused("error.invalid", end_goal, demo_db, worker, first, status)
    logs = _log_count(demo_db)
    assert end_goal(demo_db, worker, first, "achieved") is None
    assert end_goal(demo_db, supervisor, second, "dropped") is None
    assert _log_count(demo_db) == logs + 2
    assert _log_count(demo_db, action="end_goal", user_id=worker.id) == 1
    ended = {goal_id: demo_db.get(Goal, goal_id) for goal_id in (first, second)}
    assert ended[first].status == "achieved" and ended[second].status == "dropped"
    assert ended[first].ended_at is not None and ended[second].ended_at is not None


# --- messages ---------------------------------------------------------------------------------

def test_conversation_oldest_first_with_mine_and_one_log_row(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    before = _log_count(demo_db)
    rows = conversation(demo_db, guardian, family.id, ip="10.0.0.4")
    assert len(rows) == 5 and [r["sent_at"] for r in rows] == sorted(r["sent_at"] for r in rows)
    assert set(rows[0]) == {"id", "sender_name", "sender_role", "mine", "body", "sent_at",
                            "read_at"}
    assert [r["mine"] for r in rows] == [False, True, False, False, False]
    assert rows[0]["sender_name"] == "Anna Heikkinen" and rows[0]["sender_role"] == "worker"
    assert rows[2]["sender_name"] == "Jussi Kemppainen" and rows[2]["sender_role"] == "guardian"
    assert _log_count(demo_db) == before + 1
    assert _log_count(demo_db, action="read_messages", family_id=family.id, ip="10.0.0.4") == 1


def test_guardian_reading_marks_worker_messages_read(demo_db):
    guardian, worker = user_by_email(demo_db, GUARDIAN), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Kemppainen")
    sent = send_message(demo_db, worker, family.id, "Muistakaa huominen!")
    assert sent["mine"] and sent["read_at"] is None
    own = send_message(demo_db, user_by_email(demo_db, GUARDIAN2), family.id, "Jussi täällä")
    rows = {r["id"]: r for r in conversation(demo_db, guardian, family.id)}
    assert rows[sent["id"]]["read_at"] is not None and not rows[sent["id"]]["mine"]
    assert rows[own["id"]]["read_at"] is None  # the same side's message stays unread
    stored = demo_db.get(Message, sent["id"])
    assert stored.read_by_id == guardian.id and stored.read_at == rows[sent["id"]]["read_at"]
    mine = {r["id"]: r for r in conversation(demo_db, worker, family.id)}
    assert mine[sent["id"]]["mine"] and mine[sent["id"]]["read_at"] is not None
    assert mine[own["id"]]["read_at"] is not None  # now read by the worker
    assert demo_db.get(Message, own["id"]).read_by_id == worker.id
    again = conversation(demo_db, guardian, family.id)
    assert next(r for r in again if r["id"] == sent["id"])["read_at"] == stored.read_at


def test_supervisor_reading_does_not_mark(demo_db):
    supervisor, worker = user_by_email(demo_db, SUPERVISOR), user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Huttunen")
    unread = demo_db.exec(select(Message).where(Message.family_id == family.id,
                                                Message.read_at == None)).all()  # noqa: E711
    assert len(unread) == 1
    rows = conversation(demo_db, supervisor, family.id)
    assert next(r for r in rows if r["id"] == unread[0].id)["read_at"] is None
    assert demo_db.get(Message, unread[0].id).read_at is None
    assert _log_count(demo_db, action="read_messages", user_id=supervisor.id) == 1
    rows = conversation(demo_db, worker, family.id)
    assert next(r for r in rows if r["id"] == unread[0].id)["read_at"] is not None
    assert demo_db.get(Message, unread[0].id).read_by_id == worker.id


def test_send_message_rules_and_one_log_row(demo_db):
    guardian = user_by_email(demo_db, GUARDIAN)
    family = _family(demo_db, "Kemppainen")
    messages, logs = _count(demo_db, Message), _log_count(demo_db)
    _refused("error.message_empty", send_message, demo_db, guardian, family.id, "", field="body")
    _refused("error.message_empty", send_message, demo_db, guardian, family.id, " \n ",
             field="body")
    _refused("error.message_long", send_message, demo_db, guardian, family.id, "x" * 2001,
             field="body")
    for body in (None, 5, {"a": 1}):
        _refused("error.invalid", send_message, demo_db, guardian, family.id, body, field="body")
    with pytest.raises(ServiceError):
        send_message(demo_db, guardian, family.id, "Hei", ip=5)
    assert _count(demo_db, Message) == messages and _log_count(demo_db) == logs
    sent = send_message(demo_db, guardian, family.id, "  Hei!  ", ip="10.0.0.5")
    assert sent["body"] == "Hei!" and sent["mine"] and sent["sender_role"] == "guardian"
    assert sent["sent_at"].tzinfo is not None and sent["read_at"] is None
    assert _log_count(demo_db) == logs + 1
    assert _log_count(demo_db, action="send_message", user_id=guardian.id, ip="10.0.0.5") == 1
    assert send_message(demo_db, guardian, family.id, "y" * 2000)["body"] == "y" * 2000
    assert conversation(demo_db, guardian, family.id)[-1]["body"] == "y" * 2000


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
    assert demo_db.exec(select(Message).where(Message.read_at == None,  # noqa: E711
                                              Message.family_id != own.id)).all()


def test_closed_family_guardian_reads_but_cannot_send(demo_db):
    former = user_by_email(demo_db, "heikki.komulainen@example.org")
    closed = _family(demo_db, "Komulainen")
    assert conversation(demo_db, former, closed.id) == []
    with pytest.raises(NotAllowed):
        send_message(demo_db, former, closed.id, "Hei")
    assert send_message(demo_db, user_by_email(demo_db, WORKER), closed.id, "Kuulumisia?")["mine"]


def test_worker_inbox_lists_own_families_unread_first(demo_db):
    worker = user_by_email(demo_db, WORKER)
    own = demo_db.exec(select(Family).where(Family.worker_id == worker.id)).all()
    before = _log_count(demo_db)
    rows = staff_inbox(demo_db, worker, ip="10.0.0.6")
    assert {r["family_id"] for r in rows} == {f.id for f in own if f.status in ("active", "closed")}
    assert _log_count(demo_db) == before + len(rows)
    logged = demo_db.exec(select(AccessLog.family_id).where(AccessLog.action == "list_messages",
                                                            AccessLog.ip == "10.0.0.6")).all()
    assert sorted(logged) == sorted(r["family_id"] for r in rows)
    by_name = {r["family_name"]: r for r in rows}
    assert {n for n, r in by_name.items() if r["unread"]} == {"Huttunen", "Korhonen", "Pikkarainen"}
    assert by_name["Kemppainen"]["unread"] == 0
    assert by_name["Komulainen"]["last_at"] is None and by_name["Komulainen"]["last_preview"] == ""
    assert by_name["Kemppainen"]["last_preview"] == (
        "Muistutus: seuraava käynti on sovittu klo 10 kotonanne. Tervetuloa myös Jussi!"[:80])
    unread = [r for r in rows if r["unread"]]
    assert rows[:len(unread)] == unread
    for group in (unread, rows[len(unread):]):
        times = [r["last_at"] for r in group if r["last_at"] is not None]
        assert times == sorted(times, reverse=True)
    assert rows[-1]["family_name"] == "Komulainen"


def test_inbox_follows_new_messages_and_reads(demo_db):
    worker = user_by_email(demo_db, WORKER)
    family = _family(demo_db, "Seppänen")
    send_message(demo_db, user_by_email(demo_db, "minna.seppanen@example.org"), family.id,
                 "Pitkä viesti " * 20)
    row = staff_inbox(demo_db, worker)[0]
    assert row["family_id"] == family.id and row["unread"] == 1
    assert row["last_preview"] == ("Pitkä viesti " * 20).strip()[:80]
    conversation(demo_db, worker, family.id)
    rows = staff_inbox(demo_db, worker)
    assert next(r for r in rows if r["family_id"] == family.id)["unread"] == 0


def test_supervisor_inbox_lists_every_family_with_messages(demo_db):
    supervisor = user_by_email(demo_db, SUPERVISOR)
    with_messages = set(demo_db.exec(select(Message.family_id)).all())
    before = _log_count(demo_db)
    rows = staff_inbox(demo_db, supervisor)
    assert {r["family_id"] for r in rows} == with_messages and len(rows) == len(with_messages)
    assert _log_count(demo_db) == before + len(rows)
    assert _log_count(demo_db, action="list_messages", user_id=supervisor.id) == len(rows)
    worker2 = user_by_email(demo_db, WORKER2)
    assert {r["family_name"] for r in staff_inbox(demo_db, worker2)} == {"Ryynänen", "Moilanen"}
