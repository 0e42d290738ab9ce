"""Shared fixtures: a real SQLite database per test, built by the Alembic migrations.

The migrations run once per test session into a template file; each test gets its own copy.
"""

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlmodel import Session, select

from familywork_app.db import make_engine
from familywork_app.models import User

ROOT = Path(__file__).resolve().parents[1]


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


@pytest.fixture
def db_url(migrated_template, tmp_path) -> str:
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
def demo_db(demo_template, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def user_by_email(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()
