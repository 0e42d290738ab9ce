"""Database engine and sessions for the app, the services' callers and Alembic.

SQLite runs in WAL mode with synchronous=FULL (a committed client record survives power loss)
and enforced foreign keys.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlmodel import Session, create_engine

from familywork_app.config import db_url


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`, with the SQLite pragmas when it is SQLite."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """The shared engine for the configured database (or `url`)."""
    return make_engine(url or db_url())


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session on the configured database; the caller commits."""
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session
