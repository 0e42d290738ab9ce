"""The migrations build every table, the models have no drift from them, and the data
migrations (0006 sealed secrets, 0007 JSON lists and CHECK constraints, 0008 the language
choice) carry the data along."""

import re

import pytest
from alembic.config import Config
from sqlalchemy import CheckConstraint, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlmodel import Session, SQLModel, select

import familywork_app.models as m
from alembic import command
from familywork_app.db import make_engine
from familywork_app.domain import MeetingPlace, MeetingStatus, Role
from tests.conftest import ROOT, pg_empty_database

OLD = "2026-01-01 00:00:00+00"
ROWS_AT_0006 = (
    'INSERT INTO "user" (email, role, display_name, phone, language, is_active, created_at) '
    f"VALUES ('w@example.org', 'worker', 'W', '', 'fi', TRUE, '{OLD}')",
    "INSERT INTO family (name, municipality, address, status, worker_id, closing_summary, "
    f"created_at) VALUES ('F', 'Kajaani', '', 'active', 1, '', '{OLD}')",
    "INSERT INTO application (family_id, channel, support_areas, description, reachable, "
    "consent, status, submitted_at, decision_note) VALUES "
    f"(1, 'eform', 'parenting,growth', '', '', TRUE, 'submitted', '{OLD}', ''), "
    f"(1, 'paper', '', '', '', TRUE, 'accepted', '{OLD}', '')",
    "INSERT INTO meeting (family_id, worker_id, status, starts_at, ends_at, place, place_detail, "
    "topic, proposed_at, change_note, cancel_reason, summary, internal_note, methods) VALUES "
    f"(1, 1, 'held', '{OLD}', '{OLD}', 'home', '', '', '{OLD}', '', '', '', '', "
    "'discussion,cards')",
    "INSERT INTO methodrecord (family_id, kind, phase, respondent, data, note, created_by_id, "
    f"created_at) VALUES (1, 'cards', '', '', '{{}}', '', 1, '{OLD}'), "
    f"(1, 'evaluation', 'start', 'worker', '{{}}', '', 1, '{OLD}')",
    "INSERT INTO accesslog (at, user_id, role, family_id, action, detail, ip) VALUES "
    f"('{OLD}', NULL, '', 1, 'signin_failed', '', ''), ('{OLD}', 1, 'worker', 1, 'view', '', '')",
)


def _config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url
    return cfg


@pytest.fixture
def empty_url(backend, tmp_path, request) -> str:
    """An empty database (not yet migrated) on each backend."""
    if backend == "postgresql":
        return pg_empty_database(request.getfixturevalue("pg_server"))
    return f"sqlite:///{tmp_path / 'old.db'}"


def _at_0006_with_rows(url: str):
    command.upgrade(_config(url), "0006")
    engine = make_engine(url)
    with engine.begin() as connection:
        for statement in ROWS_AT_0006:
            connection.execute(text(statement))
    return engine


def _scalars(engine, sql: str) -> list:
    with engine.connect() as connection:
        return list(connection.execute(text(sql)).scalars())


def test_upgrade_creates_every_table_and_check_finds_no_drift(db_url):
    engine = make_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    command.check(_config(db_url))  # raises if autogenerate would add anything
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def _quoted(sql: str) -> set[str]:
    return set(re.findall(r"'([^']*)'", sql))


def test_the_database_has_the_check_constraints_the_models_declare(db_url):
    # Autogenerate does not compare CHECK constraints: their names and allowed values are
    # compared here (a new enum member needs a revision that widens the constraint).
    inspector = inspect(make_engine(db_url))
    for name, table in SQLModel.metadata.tables.items():
        declared = {
            c.name: _quoted(str(c.sqltext))
            for c in table.constraints
            if isinstance(c, CheckConstraint)
        }
        found = {c["name"]: _quoted(c["sqltext"]) for c in inspector.get_check_constraints(name)}
        assert found == declared, name
    meeting = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints("meeting")}
    assert _quoted(meeting["ck_meeting_status"]) == set(MeetingStatus)


def test_access_log_refuses_update_and_delete_on_postgresql(demo_db):
    from familywork_app.services.family_home import family_home
    from tests.conftest import user_by_email

    if demo_db.get_bind().dialect.name != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    family_home(demo_db, user_by_email(demo_db, "family@example.org"))
    for statement in ("UPDATE accesslog SET action = 'x'", "DELETE FROM accesslog"):
        with pytest.raises(DBAPIError, match="append-only"):
            demo_db.execute(text(statement))
        demo_db.rollback()


def test_second_factor_secrets_stored_before_0006_are_sealed_by_it(tmp_path):
    from familywork_app.services.secret_box import unseal

    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = _config(url)
    command.upgrade(cfg, "0005")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO user (email, role, display_name, phone, language, is_active, "
                "created_at, totp_secret) VALUES ('w@example.org', 'worker', 'W', '', 'fi', 1, "
                "'2026-01-01 00:00:00', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')"
            )
        )
    command.upgrade(cfg, "0006")
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT totp_secret FROM user")).scalar()
    assert stored.startswith("f1:") and "JBSWY3DP" not in stored
    assert unseal(stored) == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    engine.dispose()


def test_0007_turns_comma_lists_into_json_and_empty_values_into_null(empty_url):
    engine = _at_0006_with_rows(empty_url)
    command.upgrade(_config(empty_url), "0007")
    with Session(engine) as session:
        areas = session.exec(select(m.Application.support_areas).order_by(m.Application.id))
        assert list(areas) == [["parenting", "growth"], []]
        # the columns of revision 0007 only (later revisions add columns to the table)
        methods, status, place = session.exec(
            select(m.Meeting.methods, m.Meeting.status, m.Meeting.place)
        ).one()
        assert methods == ["discussion", "cards"]
        assert status is MeetingStatus.HELD and place is MeetingPlace.HOME
        records = session.exec(select(m.MethodRecord).order_by(m.MethodRecord.id)).all()
        assert [(r.phase, r.respondent) for r in records] == [(None, None), ("start", "worker")]
        roles = session.exec(select(m.AccessLog.role).order_by(m.AccessLog.id))
        assert list(roles) == [None, Role.WORKER]
    engine.dispose()


@pytest.mark.parametrize(
    "statement",
    (
        "UPDATE meeting SET status = 'maybe'",
        "UPDATE meeting SET place = 'pub'",
        "UPDATE \"user\" SET role = 'admin'",
        "UPDATE \"user\" SET language = 'de'",
        "UPDATE family SET municipality = 'Oulu'",
        "UPDATE application SET channel = 'fax'",
        "UPDATE methodrecord SET phase = ''",
        "UPDATE methodrecord SET kind = 'tarot'",
    ),
)
def test_0007_check_constraints_refuse_a_value_outside_the_enum(empty_url, statement):
    engine = _at_0006_with_rows(empty_url)
    command.upgrade(_config(empty_url), "0007")
    with engine.connect() as connection, pytest.raises(IntegrityError, match="ck_|CHECK"):
        connection.execute(text(statement))
    engine.dispose()


def test_the_models_refuse_a_value_outside_the_enum_before_the_database_does(db):
    db.add(m.User(email="x@example.org", role="admin", display_name="X"))
    with pytest.raises(StatementError, match="'admin' is not a valid Role"):
        db.flush()
    db.rollback()


def test_0007_downgrade_restores_the_comma_lists_and_the_empty_strings(empty_url):
    engine = _at_0006_with_rows(empty_url)
    cfg = _config(empty_url)
    command.upgrade(cfg, "0007")
    command.downgrade(cfg, "0006")
    assert _scalars(engine, "SELECT support_areas FROM application ORDER BY id") == [
        "parenting,growth",
        "",
    ]
    assert _scalars(engine, "SELECT methods FROM meeting") == ["discussion,cards"]
    assert _scalars(engine, "SELECT phase FROM methodrecord ORDER BY id") == ["", "start"]
    assert _scalars(engine, "SELECT role FROM accesslog ORDER BY id") == ["", "worker"]
    assert not inspect(engine).get_check_constraints("meeting")
    with engine.begin() as connection:  # no CHECK any more
        connection.execute(text("UPDATE meeting SET status = 'maybe'"))
    engine.dispose()


def test_0007_stops_on_a_stray_value_and_names_it(empty_url):
    engine = _at_0006_with_rows(empty_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE meeting SET place = 'sauna'"))
    with pytest.raises(RuntimeError, match="meeting.place = 'sauna'"):
        command.upgrade(_config(empty_url), "0007")
    # The whole revision is rolled back: the lists are still the old comma strings.
    assert _scalars(engine, "SELECT methods FROM meeting") == ["discussion,cards"]
    assert _scalars(engine, "SELECT version_num FROM alembic_version") == ["0006"]
    engine.dispose()


def test_0007_keeps_the_access_log_append_only_on_postgresql(empty_url):
    engine = _at_0006_with_rows(empty_url)
    command.upgrade(_config(empty_url), "0007")
    if engine.dialect.name != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(text("UPDATE accesslog SET role = NULL"))
    engine.dispose()


def test_0008_adds_language_chosen_true_only_for_a_language_someone_saved(empty_url):
    engine = _at_0006_with_rows(empty_url)
    cfg = _config(empty_url)
    command.upgrade(cfg, "0007")
    with engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO "user" (email, role, display_name, phone, language, is_active, '
                f"created_at) VALUES ('s@example.org', 'guardian', 'S', '', 'sv', TRUE, '{OLD}')"
            )
        )
    command.upgrade(cfg, "0008")
    chosen = _scalars(engine, 'SELECT language_chosen FROM "user" ORDER BY id')
    assert [bool(value) for value in chosen] == [False, True]
    with engine.begin() as connection:  # a new row without the column gets the default
        connection.execute(
            text(
                'INSERT INTO "user" (email, role, display_name, phone, language, is_active, '
                f"created_at) VALUES ('n@example.org', 'worker', 'N', '', 'fi', TRUE, '{OLD}')"
            )
        )
    assert [bool(v) for v in _scalars(engine, 'SELECT language_chosen FROM "user"')][-1] is False
    checks_before = {c["name"] for c in inspect(engine).get_check_constraints("user")}
    assert checks_before == {"ck_user_role", "ck_user_language"}
    command.downgrade(cfg, "0007")
    inspector = inspect(engine)
    assert "language_chosen" not in {c["name"] for c in inspector.get_columns("user")}
    assert {c["name"] for c in inspector.get_check_constraints("user")} == checks_before
    assert _scalars(engine, 'SELECT language FROM "user" ORDER BY id') == ["fi", "sv", "fi"]
    engine.dispose()


def test_0009_gives_every_family_a_received_step_and_downgrades(empty_url):
    engine = _at_0006_with_rows(empty_url)
    cfg = _config(empty_url)
    command.upgrade(cfg, "0008")
    with engine.begin() as connection:  # a family without an application: its creation day
        connection.execute(
            text(
                "INSERT INTO family (name, municipality, address, status, closing_summary, "
                "created_at) VALUES ('G', 'Kuhmo', '', 'applied', '', '2026-03-31 22:30:00+00')"
            )
        )
    command.upgrade(cfg, "0009")
    with Session(engine) as session:
        steps = session.exec(select(m.CaseStep).order_by(m.CaseStep.family_id)).all()
        assert [(s.family_id, s.kind, s.on.isoformat()) for s in steps] == [
            (1, "received", "2026-01-01"),  # the first application, 02:00 in Helsinki
            (2, "received", "2026-04-01"),  # 01:30 in Helsinki on 1 April
        ]
        assert {s.recorded_by_id for s in steps} == {None}
    with engine.connect() as connection, pytest.raises(IntegrityError, match="ck_|CHECK"):
        connection.execute(text("UPDATE casestep SET kind = 'paused'"))
    command.downgrade(cfg, "0008")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"casestep", "clientplan", "plangoal", "planacknowledgement"}
    engine.dispose()
