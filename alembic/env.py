"""Alembic environment: the app's metadata and the configured database URL."""

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


def run_migrations_online() -> None:
    engine = make_engine(_url())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
