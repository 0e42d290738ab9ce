"""The migrations build every table, and the models have no drift from them."""

from alembic.config import Config
from sqlalchemy import inspect
from sqlmodel import SQLModel

import familywork_app.models  # noqa: F401
from alembic import command
from familywork_app.db import make_engine
from tests.conftest import ROOT


def test_upgrade_creates_every_table_and_check_finds_no_drift(db_url):
    engine = make_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = db_url
    command.check(cfg)  # raises if autogenerate would add anything
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_access_log_refuses_update_and_delete_on_postgresql(demo_db):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

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
    from sqlalchemy import text

    from familywork_app.services.secret_box import unseal

    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url
    command.upgrade(cfg, "0005")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO user (email, role, display_name, phone, language, is_active, created_at, "
                "totp_secret) VALUES ('w@example.org', 'worker', 'W', '', 'fi', 1, "
                "'2026-01-01 00:00:00', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')"
            )
        )
    command.upgrade(cfg, "head")
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT totp_secret FROM user")).scalar()
    assert stored.startswith("f1:") and "JBSWY3DP" not in stored
    assert unseal(stored) == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    engine.dispose()
