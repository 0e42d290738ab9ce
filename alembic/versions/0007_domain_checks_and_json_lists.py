"""domain values checked by the database; comma-separated lists become JSON (issue 13)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

- `application.support_areas` and `meeting.methods` become JSON arrays, with the data
  ("parenting,growth" -> ["parenting", "growth"], "" -> []).
- The empty string that meant "none" becomes NULL in `methodrecord.phase`,
  `methodrecord.respondent` (only evaluations have them) and `accesslog.role` (no user).
- Every enumerated column gets a named CHECK constraint (`ck_<table>_<column>`) allowing the
  values of its enum in `familywork_app.domain`. The values are written out here, as they
  stand at this revision: a later change to an enum needs its own revision.

Runs on SQLite (batch mode: each table is rebuilt once per batch) and on PostgreSQL. Existing
rows with a value outside a constraint stop the upgrade with a message naming them.
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("guardian", "worker", "supervisor")
# (table, column, allowed values)
CHECKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("user", "role", ROLES),
    ("user", "language", ("fi", "sv", "en")),
    (
        "onetimetoken",
        "purpose",
        ("guardian_invite", "set_password", "staff_invite", "password_reset", "signin"),
    ),
    (
        "family",
        "municipality",
        (
            "Hyrynsalmi",
            "Kajaani",
            "Kuhmo",
            "Paltamo",
            "Puolanka",
            "Ristijärvi",
            "Sotkamo",
            "Suomussalmi",
        ),
    ),
    ("family", "status", ("applied", "active", "closed")),
    ("application", "channel", ("eform", "paper", "phone")),
    ("application", "status", ("submitted", "in_review", "accepted", "declined")),
    ("meeting", "status", ("proposed", "agreed", "change_requested", "cancelled", "held")),
    ("meeting", "place", ("home", "family_centre", "remote", "other")),
    ("goal", "support_area", ("parenting", "growth", "everyday", "interaction", "resources")),
    ("goal", "status", ("active", "achieved", "dropped")),
    ("methodrecord", "kind", ("evaluation", "cards", "rolemap", "network", "child")),
    ("methodrecord", "phase", ("start", "review", "end")),
    ("methodrecord", "respondent", ("guardian", "child", "worker")),
    ("accesslog", "role", ROLES),
)
# (table, column, VARCHAR length before this revision)
LISTS = (("application", "support_areas", 120), ("meeting", "methods", 200))
# (table, column, VARCHAR length) where "" becomes NULL
OPTIONAL = (
    ("methodrecord", "phase", 8),
    ("methodrecord", "respondent", 8),
    ("accesslog", "role", 16),
)
ACCESS_LOG_TRIGGER = "accesslog_no_update_or_delete"  # revision 0003, PostgreSQL only


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _rewrite(table: str, column: str, convert) -> None:
    """Rewrite every non-NULL text value of `table.column` with `convert` (in one executemany)."""
    connection = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.String))
    changed = [
        {"row_id": row_id, "new": convert(value)}
        for row_id, value in connection.execute(
            sa.select(rows.c.id, rows.c[column]).where(rows.c[column].is_not(None))
        )
    ]
    if changed:
        connection.execute(
            rows.update()
            .where(rows.c.id == sa.bindparam("row_id"))
            .values({column: sa.bindparam("new")}),
            changed,
        )


def _set_empty(table: str, column: str, *, to_null: bool) -> None:
    """ "" -> NULL (or back), past the access log's append-only trigger on PostgreSQL."""
    rows = sa.table(table, sa.column(column, sa.String))
    before, after = ("", None) if to_null else (None, "")
    where = rows.c[column].is_(None) if before is None else rows.c[column] == before
    guarded = table == "accesslog" and _postgresql()
    if guarded:
        op.execute(f"ALTER TABLE accesslog DISABLE TRIGGER {ACCESS_LOG_TRIGGER}")
    op.get_bind().execute(rows.update().where(where).values({column: after}))
    if guarded:
        op.execute(f"ALTER TABLE accesslog ENABLE TRIGGER {ACCESS_LOG_TRIGGER}")


def _refuse_strays() -> None:
    """Stop before any constraint is added if a row holds a value the constraint would refuse."""
    connection = op.get_bind()
    strays = []
    for table, column, allowed in CHECKS:
        rows = sa.table(table, sa.column(column, sa.String))
        found = (
            connection.execute(
                sa.select(rows.c[column])
                .distinct()
                .where(rows.c[column].is_not(None), rows.c[column].not_in(allowed))
            )
            .scalars()
            .all()
        )
        strays += [f"{table}.{column} = {value!r}" for value in found]
    if strays:
        raise RuntimeError(
            "values outside the allowed sets; fix these rows first: " + ", ".join(strays)
        )


def _by_table() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    tables: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for table, column, allowed in CHECKS:
        tables.setdefault(table, []).append((column, allowed))
    return tables


def _condition(column: str, allowed: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in allowed)})"


def upgrade() -> None:
    for table, column, length in LISTS:
        _rewrite(table, column, lambda text: json.dumps([x for x in text.split(",") if x]))
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                column,
                existing_type=sa.String(length=length),
                type_=sa.JSON(),
                existing_nullable=False,
                postgresql_using=f"{column}::json",
            )
    for table, column, length in OPTIONAL:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=sa.String(length=length), nullable=True)
        _set_empty(table, column, to_null=True)
    _refuse_strays()
    for table, checks in _by_table().items():
        with op.batch_alter_table(table) as batch:
            for column, allowed in checks:
                batch.create_check_constraint(f"ck_{table}_{column}", _condition(column, allowed))


def downgrade() -> None:
    for table, checks in _by_table().items():
        with op.batch_alter_table(table) as batch:
            for column, _ in checks:
                batch.drop_constraint(f"ck_{table}_{column}", type_="check")
    for table, column, length in OPTIONAL:
        _set_empty(table, column, to_null=False)
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=sa.String(length=length), nullable=False)
    for table, column, length in LISTS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                column,
                existing_type=sa.JSON(),
                type_=sa.String(length=length),
                existing_nullable=False,
                postgresql_using=f"{column}::text",
            )
        _rewrite(table, column, lambda text: ",".join(json.loads(text)))
