"""access log append-only on PostgreSQL

Revision ID: 0003
Revises: 7855f09fe217
Create Date: 2026-11-27

A trigger refuses UPDATE and DELETE on the access log (käyttöloki). SQLite has no such
trigger here; the app has no code path that changes the log on any database.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0003"
down_revision: Union[str, None] = "7855f09fe217"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE FUNCTION accesslog_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'the access log is append-only';
        END;
        $$ LANGUAGE plpgsql
    """)
    op.execute("""
        CREATE TRIGGER accesslog_no_update_or_delete
        BEFORE UPDATE OR DELETE ON accesslog
        FOR EACH ROW EXECUTE FUNCTION accesslog_append_only()
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER accesslog_no_update_or_delete ON accesslog")
    op.execute("DROP FUNCTION accesslog_append_only()")
