"""The forged-events suite's view of the database: sessions made directly, the world of
families and users, what counts as a leak (LeakFinder) and which rows belong to whom."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from datetime import timedelta
from typing import Any

from sqlalchemy import text as sql_text
from sqlmodel import Session, SQLModel, select

from familywork_app.db import make_engine
from familywork_app.models import AuthSession, User, utcnow
from familywork_app.services import auth, security
from tests.e2e.forge import as_text

APP_MODULE_PREFIX = "familywork_app"
SEED = int(os.environ.get("FORGE_SEED", "6"))
BUDGET = int(os.environ.get("FORGE_ATTEMPTS", "5000"))
EVIL_ORIGINS = ["https://evil.example", "null", "http://localhost.evil.example"]


# --------------------------------------------------------------------------------------------
# Identities: real server sessions made in the test database
# --------------------------------------------------------------------------------------------


def make_session(engine, email: str) -> str:
    """A live session token for `email`, made the way sign-in makes one (ticket, then trade).

    Should ticket issuing change (e.g. a second factor before it), fall back to a session row."""
    with Session(engine, expire_on_commit=False) as db:
        user = db.exec(select(User).where(User.email == email)).one()
        try:
            made = auth.redeem_signin_ticket(db, auth.issue_signin_ticket(db, user))
        except Exception:  # noqa: BLE001 - an API change: make the row directly
            db.rollback()
            made = None
        if made:
            return made[0]
        token = security.new_token()
        db.add(
            AuthSession(
                user_id=user.id,
                token_hash=security.token_hash(token),
                expires_at=utcnow() + timedelta(hours=12),
            )
        )
        db.commit()
        return token


def session_row(db: Session, token: str) -> AuthSession | None:
    return db.exec(
        select(AuthSession).where(AuthSession.token_hash == security.token_hash(token))
    ).first()


def session_alive(engine, token: str | None) -> bool:
    if not token:
        return True
    with Session(engine) as db:
        row = session_row(db, token)
        return row is not None and row.ended_at is None


# --------------------------------------------------------------------------------------------
# What the database holds, per family: ids and the strings that identify the family
# --------------------------------------------------------------------------------------------

# Columns that hold codes or vocabulary shared by every family, not something that identifies one.
NOT_IDENTIFYING = {
    "status",
    "kind",  # e.g. a case step's kind (CaseStepKind): the same words for every family
    "place",
    "channel",
    "support_area",
    "support_areas",
    "methods",
    "purpose",
    "token_hash",
    "municipality",
    "password_hash",
    "role",
    "language",
    "ip",
    "user_agent",
    "action",
    "detail",
    "totp_secret",
}
STAFF_ONLY = {
    ("meeting", "internal_note"),
    ("handover", "note"),
}  # never shown to the family itself either


def _table_has(table, column: str) -> bool:
    return column in table.c


@dataclasses.dataclass
class World:
    engine: Any
    users: dict[str, int]  # e-mail -> id
    roles: dict[int, str]
    family_of_guardian: dict[int, int]
    worker_of_family: dict[int, int | None]
    ids: dict[int, dict[str, set[int]]]  # family id -> kind -> ids
    strings: dict[int, set[str]]  # family id -> identifying strings
    prefixes: dict[int, set[str]]  # family id -> beginnings of long texts (list previews)
    staff_only: dict[int, set[str]]
    ui_text: str
    queue_visible: set[str]  # names and municipalities of queued families: all staff read the queue

    def families(self) -> set[int]:
        return set(self.worker_of_family)

    def own_families(self, email: str | None) -> set[int]:
        if email is None:
            return set()
        uid = self.users[email]
        role = self.roles[uid]
        if role == "guardian":
            return {self.family_of_guardian[uid]} if uid in self.family_of_guardian else set()
        if role == "worker":
            return {f for f, w in self.worker_of_family.items() if w == uid}
        return self.families()


def load_world(db_url: str) -> World:
    from familywork_app.i18n import TEXTS

    engine = make_engine(db_url)
    tables = SQLModel.metadata.tables
    ids: dict[int, dict[str, set[int]]] = {}
    strings: dict[int, set[str]] = {}
    prefixes: dict[int, set[str]] = {}
    staff_only: dict[int, set[str]] = {}
    with engine.connect() as conn:
        users = {r.email: r.id for r in conn.execute(sql_text("SELECT id, email FROM user"))}
        roles = {r.id: r.role for r in conn.execute(sql_text("SELECT id, role FROM user"))}
        links = conn.execute(sql_text("SELECT family_id, user_id FROM familyguardian")).all()
        family_of_guardian = {r.user_id: r.family_id for r in links}
        worker_of_family = {
            r.id: r.worker_id for r in conn.execute(sql_text("SELECT id, worker_id FROM family"))
        }
        goal_family = {
            r.id: r.family_id for r in conn.execute(sql_text("SELECT id, family_id FROM goal"))
        }

        def add(fid: int, kind: str, row) -> None:
            ids.setdefault(fid, {}).setdefault(kind, set()).add(row["id"])
            for column, value in row.items():
                if column in NOT_IDENTIFYING or not isinstance(value, str):
                    continue
                value = value.strip()
                if len(value) < 4 or value.isdigit():
                    continue
                target = staff_only if (kind, column) in STAFF_ONLY else strings
                target.setdefault(fid, set()).add(value)
                if len(value) > 28 and target is strings:  # lists show previews of long texts
                    prefixes.setdefault(fid, set()).add(value[:24])

        for name, table in tables.items():
            if name == "family":
                for row in conn.execute(table.select()).mappings():
                    add(row["id"], "family", row)
            elif name == "goalentry":
                for row in conn.execute(table.select()).mappings():
                    add(goal_family[row["goal_id"]], "entry", row)
            elif _table_has(table, "family_id") and name not in ("accesslog", "onetimetoken"):
                for row in conn.execute(table.select()).mappings():
                    if row["family_id"] is not None:
                        add(row["family_id"], name, row)
        # Guardians identify their family (names, e-mails, phones).
        for row in conn.execute(tables["user"].select()).mappings():
            if row["id"] in family_of_guardian:
                add(family_of_guardian[row["id"]], "user", row)
        queue_visible = {
            value
            for row in conn.execute(
                sql_text(
                    "SELECT f.name, f.municipality FROM family f "
                    "JOIN application a ON a.family_id = f.id "
                    "WHERE a.status IN ('submitted', 'in_review')"
                )
            )
            for value in row
        }
    ui_text = json.dumps(TEXTS, ensure_ascii=False)
    return World(
        engine,
        users,
        roles,
        family_of_guardian,
        worker_of_family,
        ids,
        strings,
        prefixes,
        staff_only,
        ui_text,
        queue_visible,
    )


def _needle(s: str) -> str:
    return re.escape(json.dumps(s, ensure_ascii=False)[1:-1])


class LeakFinder:
    """Finds strings of families an actor may not see in the replies to that actor.

    `sent` holds what the actor itself typed: an echo of its own input is no leak."""

    def __init__(self, world: World, email: str | None, *, only: set[int] | None = None):
        if only is not None:  # exactly the strings of these families
            whole = set().union(*[world.strings.get(f, set()) for f in only])
            starts = set().union(*[world.prefixes.get(f, set()) for f in only])
            allowed: set[str] = set()
        else:
            own = world.own_families(email)
            allowed = set().union(
                set(), *[world.strings.get(f, set()) | world.prefixes.get(f, set()) for f in own]
            )
            whole, starts = set(), set()
            for fid in world.families() - own:
                whole |= world.strings.get(fid, set()) | world.staff_only.get(fid, set())
                starts |= world.prefixes.get(fid, set())
            if email is not None and world.roles[world.users[email]] == "guardian":
                for fid in own:  # the family never sees the worker's internal notes
                    whole |= world.staff_only.get(fid, set())
            if email is not None and world.roles[world.users[email]] != "guardian":
                allowed |= world.queue_visible  # workers read the application queue

        def keep(found: set[str]) -> list[str]:
            return sorted(
                (
                    x
                    for x in found
                    if x not in allowed
                    and not any(x in a for a in allowed)
                    and x not in world.ui_text
                ),
                key=len,
                reverse=True,
            )

        whole, starts = keep(whole), keep(starts)
        self.needles = whole + starts
        parts = []
        if whole:
            parts.append(r"(?<!\w)(?:" + "|".join(map(_needle, whole)) + r")(?!\w)")
        if starts:
            parts.append(r"(?<!\w)(?:" + "|".join(map(_needle, starts)) + r")")
        self.pattern = re.compile("|".join(parts)) if parts else None
        self.sent: set[str] = set()

    def remember(self, value: Any) -> None:
        """Note the strings the actor sends (payloads, route values)."""
        if isinstance(value, str):
            if len(value) >= 4:
                self.sent.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                self.remember(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self.remember(item)

    def find(self, updates: list[dict]) -> list[str]:
        if self.pattern is None or not updates:
            return []
        found = set(self.pattern.findall(as_text(updates)))
        return sorted(x for x in found if not any(x in s for s in self.sent))


# --------------------------------------------------------------------------------------------
# Foreign rows: a checksum of everything of the families an actor must not change
# --------------------------------------------------------------------------------------------

USER_TABLES = ("authsession", "recoverycode")  # another user's sessions and second factor


def foreign_rows(engine, families: set[int], users: set[int]) -> dict[str, list]:
    """Every row of `families` in every table with a family_id (plus goal entries), and the
    rows of `users` (accounts, sessions, recovery codes). Access-log rows are left out (reads
    are logged by design)."""
    tables = SQLModel.metadata.tables
    fam = sorted(families)
    out: dict[str, list] = {}
    with engine.connect() as conn:
        goal_ids = [
            r.id
            for r in conn.execute(
                tables["goal"].select().where(tables["goal"].c.family_id.in_(fam))
            )
        ]
        for name, table in sorted(tables.items()):
            if name in ("accesslog",):
                continue
            if name == "family":
                query = table.select().where(table.c.id.in_(fam))
            elif name == "goalentry":
                query = table.select().where(table.c.goal_id.in_(goal_ids))
            elif name == "user":
                query = table.select().where(table.c.id.in_(sorted(users)))
            elif name in USER_TABLES and _table_has(table, "user_id"):
                query = table.select().where(table.c.user_id.in_(sorted(users)))
            elif _table_has(table, "family_id"):
                query = table.select().where(table.c.family_id.in_(fam))
            else:
                continue
            pk = list(table.primary_key.columns)
            out[name] = [tuple(map(str, row)) for row in conn.execute(query.order_by(*pk)).all()]
    return out


def describe_change(before: dict[str, list], after: dict[str, list]) -> list[str]:
    changes = []
    for name in sorted(set(before) | set(after)):
        old, new = set(before.get(name, [])), set(after.get(name, []))
        if old != new:
            changes.append(f"{name}: -{sorted(old - new)[:3]} +{sorted(new - old)[:3]}")
    return changes


def checksum(rows: dict[str, list]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


# --------------------------------------------------------------------------------------------
# The handlers, found by walking the app's State classes
