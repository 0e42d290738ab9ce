"""Backup while writes go on, restore into a fresh database; anonymising test data."""

import threading
import time

from sqlmodel import Session, func, select

from familywork_app import admin
from familywork_app.db import make_engine
from familywork_app.domain import FamilyStatus
from familywork_app.models import Family, FamilyGuardian, Message, User
from tests.conftest import user_by_email
from tests.factories import make_family, make_message


def _live_and_fresh(backend, request, demo_template, tmp_path) -> tuple[str, str]:
    """A database with the demo data to back up, and an empty one to restore into."""
    if backend == "postgresql":
        from tests.conftest import _pg_copy, pg_empty_database

        server = request.getfixturevalue("pg_templates")
        return _pg_copy(server, "fw_demo"), pg_empty_database(server)
    import shutil

    shutil.copy(demo_template, tmp_path / "live.db")
    return f"sqlite:///{tmp_path / 'live.db'}", f"sqlite:///{tmp_path / 'fresh.db'}"


def test_backup_during_writes_restores_every_committed_row(
    backend, request, demo_template, tmp_path
):
    """SQLite's online backup API, or pg_dump's snapshot, while a writer commits messages."""
    url, fresh_url = _live_and_fresh(backend, request, demo_template, tmp_path)
    engine = make_engine(url)
    with Session(engine) as db:
        sender = user_by_email(db, "family@example.org")
        family_id = db.exec(
            select(FamilyGuardian.family_id).where(FamilyGuardian.user_id == sender.id)
        ).one()
        sender_id = sender.id
    committed, stop = [], threading.Event()

    def writer():
        with Session(engine) as db:
            n = 0
            while not stop.is_set():
                n += 1
                db.add(Message(family_id=family_id, sender_id=sender_id, body=f"kirjoitus {n}"))
                db.commit()
                committed.append(f"kirjoitus {n}")

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.3)
    before_backup = list(committed)
    try:
        admin.backup(url, tmp_path / "backup.db")
        time.sleep(0.1)
    finally:
        stop.set()
        thread.join()
    assert len(before_backup) > 10
    admin.restore(fresh_url, tmp_path / "backup.db")
    restored = make_engine(fresh_url)
    with Session(restored) as db:
        bodies = set(db.exec(select(Message.body).where(Message.body.like("kirjoitus %"))).all())
        assert set(before_backup) <= bodies
        assert len(bodies) < len(committed)  # a snapshot: what came after the backup is not in it
        assert db.exec(select(func.count()).select_from(User)).one() >= 6
    restored.dispose()
    engine.dispose()


def test_anonymise_keeps_rows_but_not_names(db, capsys):
    world = make_family(db, name="Kemppainen", guardians=["Laura Kemppainen"])
    make_family(db, status=FamilyStatus.CLOSED, name="Komulainen")
    make_message(db, world, world.worker, "Tavataan Pohjolankadulla")
    assert admin.anonymise(db) > 0
    assert db.exec(select(func.count()).select_from(Family)).one() == 2
    names = db.exec(select(Family.name)).all()
    assert "Kemppainen" not in names and all(n.startswith("Perhe ") for n in names)
    assert not db.exec(select(User).where(User.email.like("%@%example.org"))).first()
    people = db.exec(select(User.display_name)).all()
    assert len(people) == 4 and "Laura Kemppainen" not in people
    assert db.exec(select(Message.body)).all() == ["…"]


def test_anonymise_command_needs_confirmation(monkeypatch, db_url, capsys):
    monkeypatch.setenv("REFLEX_DB_URL", db_url)
    assert admin.main(["anonymise"]) == 2
    assert "Refused" in capsys.readouterr().out


def test_first_supervisor_of_a_new_deployment_gets_a_set_password_link(monkeypatch, db_url, capsys):
    from familywork_app.services.staff import token_is_open

    monkeypatch.setenv("REFLEX_DB_URL", db_url)
    assert admin.main(["first-supervisor", "Paula.Esihenkilo@kainuu.example", "Paula E"]) == 0
    link = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    assert "/set-password?token=" in link
    engine = make_engine(db_url)
    with Session(engine) as session:
        user = user_by_email(session, "paula.esihenkilo@kainuu.example")
        assert user.role == "supervisor" and user.password_hash is None
        assert token_is_open(session, link.split("token=")[1])
        try:  # a second first supervisor is refused
            admin.first_supervisor(session, "toinen@kainuu.example", "Toinen")
            raise AssertionError("a second first supervisor was created")
        except SystemExit as refused:
            assert "already exists" in str(refused)
    engine.dispose()
