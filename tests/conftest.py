"""Shared fixtures: a real database per test, built by the Alembic migrations.

Every test that takes `db`, `db_url` or `demo_db` runs on SQLite and, when Debian's PostgreSQL
is installed, again on a throwaway PostgreSQL server (tests/pg_server.py). The migrations run
once per session into a template; each test gets its own copy (a file copy, or CREATE DATABASE
... TEMPLATE on PostgreSQL).
"""

import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from alembic import command
from familywork_app.db import make_engine
from familywork_app.models import User
from tests.pg_server import PgServer, pg_bin_dir

ROOT = Path(__file__).resolve().parents[1]

# Every non-e2e test's service calls are checked against the access log (see that module); the
# supervision tests' `people` and `dataset` fixtures (a module's own fixture of that name wins).
pytest_plugins = ["tests.access_log_audit", "tests.supervision_world"]


def migrate(url: str) -> None:
    """Run every Alembic migration against `url`."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url
    command.upgrade(cfg, "head")


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate(f"sqlite:///{path}")
    return path


BACKENDS = ["sqlite"] + (["postgresql"] if pg_bin_dir() else [])


@pytest.fixture(scope="session")
def pg_server():
    server = PgServer(pg_bin_dir()).start()
    yield server
    server.stop()


def _pg_copy(server: PgServer, template: str) -> str:
    name = f"t{uuid.uuid4().hex[:12]}"  # unique even if this module is imported twice
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    admin.dispose()
    return server.url(name)


def pg_empty_database(server: PgServer) -> str:
    """A new, empty database on the test server (to restore a backup into)."""
    name = f"e{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return server.url(name)


@pytest.fixture(scope="session")
def pg_templates(pg_server) -> PgServer:
    """Two template databases: migrated, and migrated with the demo data."""
    from familywork_app.services.demo_data import load_demo_data

    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE fw_migrated"))
    migrate(pg_server.url("fw_migrated"))
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE fw_demo TEMPLATE fw_migrated"))
    admin.dispose()
    engine = make_engine(pg_server.url("fw_demo"))
    with Session(engine) as session:
        load_demo_data(session)
    engine.dispose()
    return pg_server


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(backend, migrated_template, tmp_path, request) -> str:
    if backend == "postgresql":
        return _pg_copy(request.getfixturevalue("pg_templates"), "fw_migrated")
    path = tmp_path / "test.db"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def db(db_url):
    engine = make_engine(db_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


@pytest.fixture(scope="session")
def demo_template(migrated_template, tmp_path_factory) -> Path:
    """A migrated database with the demo data loaded (loaded once, copied per test)."""
    from familywork_app.services.demo_data import load_demo_data

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(migrated_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        load_demo_data(session)
    engine.dispose()
    return path


@pytest.fixture
def demo_db(backend, demo_template, tmp_path, request):
    if backend == "postgresql":
        url = _pg_copy(request.getfixturevalue("pg_templates"), "fw_demo")
    else:
        path = tmp_path / "demo.db"
        shutil.copy(demo_template, path)
        url = f"sqlite:///{path}"
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def user_by_email(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


@pytest.fixture
def handler_db(db, monkeypatch):
    """The state layer's entry point (`state/handler.py`) opens the test's database instead of
    its own, so that page states can be driven without a browser."""
    from familywork_app.state import handler

    @contextmanager
    def scope():
        yield db

    monkeypatch.setattr(handler, "session_scope", scope)
    return db
