"""Alembic environment: the app's metadata and the configured database URL.

On SQLite a batch migration rebuilds a table (create a copy, drop the old, rename); with foreign
keys enforced, dropping a table that other rows refer to fails. So the migrations run with
foreign keys off, and `PRAGMA foreign_key_check` afterwards must find no broken reference.
"""

from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import familywork_app.models  # noqa: F401  (registers every table on the metadata)
from alembic import context
from familywork_app.config import db_url
from familywork_app.db import make_engine

target_metadata = SQLModel.metadata


def _url() -> str:
    # A caller (the tests) may pass a URL on the Alembic config; otherwise the environment's.
    return context.config.attributes.get("url") or db_url()


def run_migrations_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def _foreign_keys_off(connection: Connection) -> None:
    """Outside a transaction: SQLite ignores this pragma inside one."""
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"the migration left broken references: {broken[:10]}")


def run_migrations_online() -> None:
    engine = make_engine(_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _foreign_keys_off(connection)
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                _check_foreign_keys(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
