"""Forged requests over a real websocket against the production build.

Any public method of any State class is an endpoint a client can call with any arguments, from
any page (STACK-NOTES, "Security facts"). This module finds every public event handler of every
app State class by itself and calls each one as each role (nobody signed in, two guardians, two
workers, the supervisor) with other families' and other users' ids and with malformed arguments,
after "navigating" to a page with forged route parameters. Then it checks that:

1. no reply (state deltas and events) carries a string of a family the actor may not see,
   nor any session token;
2. no row of such a family changed (or was added);
3. the socket and the server stay up.

It prints how many attempts it made. The framework's own states (hydrate, on_load internals) are
left out; `setvar`, which every app state inherits, is attacked like the rest.

Also here: a websocket handshake from a foreign Origin is refused, and a session cookie replayed
after sign-out, idle timeout or deactivation is refused, and the same tab (Reflex client token)
reconnecting after its session ended gets none of its stored page state (it is reset by
familywork_app.state.session_binding before hydration).

`FORGE_ATTEMPTS` (default 5000) is the total budget of forged calls, `FORGE_SEED` the seed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import os
import random
import re
import time
from datetime import date, timedelta
from typing import Any

import pytest
import socketio
from sqlalchemy import text as sql_text
from sqlmodel import Session, SQLModel, select

from familywork_app import config
from familywork_app.db import make_engine
from familywork_app.models import AuthSession, User, utcnow
from familywork_app.services import auth, security
from tests.e2e.forge import ForgeClient, as_text, events_named

pytestmark = pytest.mark.e2e

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
        db.add(AuthSession(user_id=user.id, token_hash=security.token_hash(token),
                           expires_at=utcnow() + timedelta(hours=12)))
        db.commit()
        return token


def session_row(db: Session, token: str) -> AuthSession | None:
    return db.exec(select(AuthSession).where(
        AuthSession.token_hash == security.token_hash(token))).first()


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
NOT_IDENTIFYING = {"status", "place", "channel", "support_area", "support_areas", "methods",
                   "purpose", "token_hash", "municipality", "password_hash", "role", "language",
                   "ip", "user_agent", "action", "detail", "totp_secret"}
STAFF_ONLY = {("meeting", "internal_note")}  # never shown to the family itself either


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
        worker_of_family = {r.id: r.worker_id for r in
                            conn.execute(sql_text("SELECT id, worker_id FROM family"))}
        goal_family = {r.id: r.family_id for r in
                       conn.execute(sql_text("SELECT id, family_id FROM goal"))}

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
        queue_visible = {value for row in conn.execute(sql_text(
            "SELECT f.name, f.municipality FROM family f JOIN application a ON a.family_id = f.id "
            "WHERE a.status IN ('submitted', 'in_review')")) for value in row}
    ui_text = json.dumps(TEXTS, ensure_ascii=False)
    return World(engine, users, roles, family_of_guardian, worker_of_family, ids, strings,
                 prefixes, staff_only, ui_text, queue_visible)


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
            allowed = set().union(set(), *[world.strings.get(f, set()) | world.prefixes.get(f, set())
                                           for f in own])
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
            return sorted((x for x in found if x not in allowed and not any(x in a for a in allowed)
                           and x not in world.ui_text), key=len, reverse=True)

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
        goal_ids = [r.id for r in conn.execute(
            tables["goal"].select().where(tables["goal"].c.family_id.in_(fam)))]
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
            out[name] = [tuple(map(str, row)) for row in
                         conn.execute(query.order_by(*pk)).all()]
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
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Handler:
    state: type
    name: str
    params: list[inspect.Parameter]
    form_keys: list[str]

    @property
    def event(self) -> str:
        return f"{self.state.get_full_name()}.{self.name}"

    @property
    def label(self) -> str:
        return f"{self.state.__name__}.{self.name}"


@dataclasses.dataclass
class Route:
    path: str  # e.g. "record/[fid]"
    loaders: list[str]  # full event names of the page's on_load handlers
    states: list[str]  # full names of their states

    def params(self) -> list[str]:
        return re.findall(r"\[+\.*(\w+)\]+", self.path)

    def url(self, values: dict[str, str]) -> str:
        path = "/" + ("" if self.path == "index" else self.path)
        for name, value in values.items():
            path = re.sub(r"\[+\.*" + name + r"\]+", str(value), path)
        return path


FORM_KEY_RE = re.compile(r"""(?:\.get\(|_text\(\s*\w+\s*,\s*|\btext\()\s*f?["']([A-Za-z][\w\-]*)["']""")


def _walk(cls):
    yield cls
    for sub in sorted(cls.get_substates(), key=lambda c: c.get_full_name()):
        yield from _walk(sub)


def discover() -> tuple[list[Handler], list[Route]]:
    """Every public event handler of every app State class, and the pages with their on_load."""
    from reflex.state import State

    import familywork_app.familywork_app as wiring

    handlers = []
    for cls in _walk(State):
        if not cls.__module__.startswith(APP_MODULE_PREFIX):
            continue
        try:
            source = inspect.getsource(inspect.getmodule(cls))
        except (OSError, TypeError):
            source = ""
        keys = sorted(set(FORM_KEY_RE.findall(source)))
        for name, handler in sorted(cls.event_handlers.items()):
            if name.startswith("_"):
                continue
            params = [p for p in inspect.signature(handler.fn).parameters.values()
                      if p.name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
            handlers.append(Handler(cls, name, params, keys))
    routes = []
    for path, loads in sorted(getattr(wiring.app, "_load_events", {}).items()):
        names, states = [], []
        for item in loads:
            handler = getattr(item, "handler", item)
            full = getattr(handler, "state_full_name", None)
            fn = getattr(handler, "fn", None)
            if full and fn is not None:
                names.append(f"{full}.{fn.__name__}")
                states.append(full)
        routes.append(Route(path, names, states))
    return handlers, routes


def related_routes(handler: Handler, routes: list[Route]) -> list[Route]:
    """Pages whose on_load state is the handler's state, an ancestor of it or a substate."""
    mine = handler.state.get_full_name()
    app_state = mine.split(".")[:2]
    found = []
    for route in routes:
        for state in route.states:
            if state == mine or mine.startswith(state + ".") or state.startswith(mine + "."):
                if state.split(".") == app_state and mine != state:
                    continue  # everything descends from AppState: not a reason
                found.append(route)
                break
    return found


# --------------------------------------------------------------------------------------------
# Forged arguments
# --------------------------------------------------------------------------------------------

HUGE = "x" * 100_000
GARBAGE: list[Any] = [
    0, -1, "-1", "0", 10**12, "999999999999", None, "", HUGE, {"$gt": 0}, [1, 2], True, False,
    3.5, "3.5", "1 OR 1=1", "'; DROP TABLE family; --", "<script>alert(1)</script>",
    "../../etc/passwd", "\u0000", "１", "٣", "{{7*7}}", "%s%s%s", "NaN", "1e3", " 1", "1\n",
]
SOON = (date.today() + timedelta(days=15)).isoformat()
PLAUSIBLE = {
    "date": SOON, "time": "10:00", "duration": "60", "place": "home", "place_detail": "forged",
    "topic": "forged topic", "reason": "forged reason", "note": "forged note",
    "summary": "forged summary", "internal_note": "forged note", "title": "forged goal",
    "support_area": "parenting", "what_we_do": "forged plan", "target_date": "",
    "text": "forged entry", "rating": "5", "body": "forged message",
    "closing_summary": "forged closing", "status": "achieved", "staff-email":
    "forged.staff@example.org", "staff-name": "Forged Staff", "name": "Forged Person",
    "password": "forged password 4711 long", "consent": "on", "confirm_overlap": "on",
    "from": "2020-01-01", "to": "2030-12-31", "channel": "phone", "municipality": "Kajaani",
    "address": "Forged street 1", "phone": "040 123 4567", "reachable": "anytime",
    "description": "forged description", "method_discussion": "on", "area_parenting": "on",
    "child_0_name": "Forged", "child_0_year": "2018", "lang": "en", "which": "change-1",
    "value": "forged", "weeks": 1,
}
ID_KEYS = ["meeting_id", "goal_id", "application_id", "worker_id", "family_id", "staff_id",
           "fid", "id", "user_id", "message_id", "session_id"]


def id_kind(name: str) -> str | None:
    n = name.lower().replace("-", "_")
    if n in ("fid", "family_id", "family"):
        return "family"
    if "session" in n and n.endswith("id"):
        return "session"
    for word, kind in (("meeting", "meeting"), ("goal", "goal"), ("application", "application"),
                       ("message", "message"), ("entry", "entry"), ("child", "child")):
        if word in n and n.endswith("id"):
            return kind
    if n.endswith("id") and any(w in n for w in ("worker", "staff", "user", "guardian",
                                                 "author", "sender")):
        return "user"
    if n == "id" or n.endswith("_id"):
        return "any"
    return None


class Forger:
    """Makes forged arguments for one actor: other families' ids, other users' ids, garbage."""

    def __init__(self, world: World, email: str | None, rng: random.Random):
        self.rng = rng
        own = world.own_families(email)
        me = world.users.get(email) if email else None
        self.foreign: dict[str, list[int]] = {}
        self.own: dict[str, list[int]] = {}
        for fid, kinds in world.ids.items():
            target = self.own if fid in own else self.foreign
            for kind, found in kinds.items():
                target.setdefault(kind, []).extend(sorted(found))
            target.setdefault("family", []).append(fid)
        self.foreign["user"] = sorted(u for u in world.roles if u != me)
        with world.engine.connect() as conn:
            sessions = conn.execute(sql_text("SELECT id, user_id FROM authsession")).all()
        self.foreign["session"] = sorted(r.id for r in sessions if r.user_id != me) or [1]
        self.own["session"] = sorted(r.id for r in sessions if r.user_id == me) or [1]
        self.foreign["any"] = sorted({i for ids in self.foreign.values() for i in ids})
        self.own["any"] = sorted({i for ids in self.own.values() for i in ids})
        # Beginnings of other families' names and texts (as a search would type them): a reply
        # that holds the whole string is then no mere echo of the input.
        names = [s[:5] for fid in world.families() - own for s in world.strings.get(fid, ())]
        self.foreign_text = sorted(set(names)) or ["Kemp"]
        self.foreign_emails = sorted(e for e, u in world.users.items() if u != me)

    def foreign_id(self, kind: str | None, as_int: bool = False) -> Any:
        pool = self.foreign.get(kind or "any") or self.foreign["any"]
        value = self.rng.choice(pool)
        return value if as_int else str(value)

    def own_id(self, kind: str | None) -> Any:
        pool = self.own.get(kind or "any") or self.own.get("any") or [1]
        return str(self.rng.choice(pool))

    def garbage(self) -> Any:
        return self.rng.choice(GARBAGE)

    def foreign_value(self, name: str, as_int: bool = False) -> Any:
        kind = id_kind(name)
        if kind:
            return self.foreign_id(kind, as_int)
        if "email" in name:
            return self.rng.choice(self.foreign_emails)
        return self.rng.choice([self.rng.choice(self.foreign_text), self.foreign_id("any"),
                                self.foreign_id("any", True)])

    def form(self, keys: list[str], mode: str) -> Any:
        keys = sorted(set(keys) | set(ID_KEYS))
        base = {k: PLAUSIBLE.get(k, "forged") for k in keys}
        for k in keys:
            if "email" in k and k != "staff-email":
                base[k] = self.rng.choice(self.foreign_emails)
            if k in ("query", "family", "q", "search"):
                base[k] = self.rng.choice(self.foreign_text)
        ids = [k for k in keys if id_kind(k)]
        if mode == "form_foreign":
            base.update({k: self.foreign_id(id_kind(k)) for k in ids})
        elif mode == "form_foreign_int":
            base.update({k: self.foreign_id(id_kind(k), True) for k in ids})
        elif mode == "form_own_ids_garbage":
            base.update({k: self.own_id(id_kind(k)) for k in ids})
            for k in self.rng.sample(keys, k=min(3, len(keys))):
                if not id_kind(k):
                    base[k] = self.garbage()
        elif mode == "form_garbage_field":
            base.update({k: self.foreign_id(id_kind(k)) for k in ids})
            base[self.rng.choice(keys)] = self.garbage()
        elif mode == "form_all_garbage":
            base = {k: self.garbage() for k in keys}
        elif mode == "form_empty":
            base = {}
        return base

    def payload(self, handler: Handler, mode: str) -> dict:
        payload: dict[str, Any] = {}
        for p in handler.params:
            is_form = p.annotation in (dict, "dict") or "form" in p.name
            if is_form and mode.startswith("form_"):
                payload[p.name] = self.form(handler.form_keys, mode)
            elif is_form and mode == "not_a_dict":
                payload[p.name] = self.rng.choice(["form", ["a"], None, 5, HUGE])
            elif mode in ("foreign", "form_foreign"):
                payload[p.name] = self.foreign_value(p.name)
            elif mode in ("foreign_int", "form_foreign_int"):
                payload[p.name] = self.foreign_value(p.name, as_int=True)
            elif mode == "huge":
                payload[p.name] = HUGE
            elif mode == "negative":
                payload[p.name] = self.rng.choice([-1, "-1", -10**12, 0])
            else:
                payload[p.name] = self.garbage()
        if mode == "missing" and payload:
            payload.pop(self.rng.choice(sorted(payload)))
        if mode == "extra":
            payload[self.rng.choice(ID_KEYS)] = self.foreign_id("any", True)
        return payload

    def modes(self, handler: Handler) -> list[str]:
        """The argument shapes to try, most telling first (other families' ids)."""
        if not handler.params:
            return ["none", "none", "extra", "none"]
        if any(p.annotation in (dict, "dict") or "form" in p.name for p in handler.params):
            return ["form_foreign", "form_foreign_int", "form_own_ids_garbage", "foreign",
                    "form_garbage_field", "form_foreign", "garbage", "form_all_garbage",
                    "not_a_dict", "form_foreign_int", "missing", "form_empty", "huge", "extra",
                    "negative"]
        return ["foreign", "foreign_int", "garbage", "negative", "foreign", "huge", "garbage",
                "missing", "foreign_int", "extra"]

    def route_values(self, route: Route) -> dict[str, str]:
        values = {}
        for name in route.params():
            values[name] = self.rng.choice([
                self.foreign_id(id_kind(name) or "family"), self.foreign_id(id_kind(name) or "family"),
                self.own_id(id_kind(name) or "family"), str(self.garbage())[:40] or "0"])
        return values


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(app_server) -> World:
    return load_world(app_server["db_url"])


APP_STATE = ("reflex___state____state.familywork_app___state___app_state____app_state")


def _role_seen(updates: list[dict]) -> str | None:
    role = None
    for update in updates:
        value = ((update.get("delta") or {}).get(APP_STATE) or {}).get("user_role_rx_state_")
        if value is not None:
            role = value
    return role


def redirects(updates: list[dict]) -> list[str]:
    return [str((e.get("payload") or {}).get("path")) for e in events_named(updates, "_redirect")]


# --------------------------------------------------------------------------------------------
# 1. Foreign Origin
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_handshake_from_a_foreign_origin_is_refused(app_server, transport):
    for origin in EVIL_ORIGINS:
        client = ForgeClient(app_server["base"], origin=origin, path="/")
        with pytest.raises(socketio.exceptions.ConnectionError):
            client.connect(transport=transport)
        client.close()
    if transport == "websocket":  # the app's own origin still connects (Reflex only serves
        allowed = ForgeClient(app_server["base"], path="/")  # the websocket transport)
        assert allowed.connect() and allowed.connected, "the app's own origin must connect"
        allowed.close()


# --------------------------------------------------------------------------------------------
# 2. Replayed sessions
# --------------------------------------------------------------------------------------------

GUARDIAN_HOME, WORKER_HOME = "/family", "/caseload"
HOME_STATE = {
    GUARDIAN_HOME: f"{APP_STATE}.familywork_app___state___family_home____family_home_state.load",
    WORKER_HOME: f"{APP_STATE}.familywork_app___state___caseload____caseload_state.load",
}
REPLAYS = {  # how the session ended -> (whose session, their home page)
    "signed_out": ("family@example.org", GUARDIAN_HOME),
    "idle": ("worker@example.org", WORKER_HOME),
    "deactivated": ("family2@example.org", GUARDIAN_HOME),
}


def _count(world: World, table: str) -> int:
    with world.engine.connect() as conn:
        return conn.execute(sql_text(f"SELECT count(*) FROM {table}")).scalar_one()


def _end(world: World, how: str, email: str, token: str) -> None:
    with Session(world.engine, expire_on_commit=False) as db:
        if how == "signed_out":
            auth.end_session(db, token)
        elif how == "idle":
            row = session_row(db, token)
            back = timedelta(minutes=config.STAFF_IDLE_MINUTES + 1)
            row.last_seen_at, row.created_at = row.last_seen_at - back, row.created_at - back
            db.add(row)
            db.commit()
        elif how == "deactivated":
            user = db.exec(select(User).where(User.email == email)).one()
            user.is_active = False
            db.add(user)
            db.commit()


def _restore(world: World, how: str, email: str) -> None:
    if how == "deactivated":
        with Session(world.engine) as db:
            user = db.exec(select(User).where(User.email == email)).one()
            user.is_active = True
            db.add(user)
            db.commit()


def _visible_strings(world: World, email: str) -> LeakFinder:
    """A finder for the strings of the families this user could see before the session ended."""
    return LeakFinder(world, None, only=world.own_families(email))


def _signed_in_tab(app_server, world, email, home) -> tuple[str, ForgeClient, LeakFinder]:
    token = make_session(world.engine, email)
    tab = ForgeClient(app_server["base"], token, path=home)
    before = tab.connect()
    finder = _visible_strings(world, email)
    assert _role_seen(before) == world.roles[world.users[email]], "the session must work first"
    assert finder.find(before), "the page must show the family's data before the session ends"
    return token, tab, finder


@pytest.mark.parametrize("how", sorted(REPLAYS))
def test_a_session_cookie_replayed_after_it_ended_is_refused(app_server, world, how):
    email, home = REPLAYS[how]
    token, tab, finder = _signed_in_tab(app_server, world, email, home)
    tab.close()
    _end(world, how, email, token)
    try:
        replay = ForgeClient(app_server["base"], token, path=home)  # a new tab, the old cookie
        updates = replay.connect()
        updates += replay.call(HOME_STATE[home])
        messages_before = _count(world, "message")
        fid = next(iter(world.own_families(email)))
        updates += replay.call(f"{APP_STATE}.familywork_app___state___family_messages"
                               "____family_messages_state.send", {"form_data": {"body": "replay"}})
        updates += replay.call(f"{APP_STATE}.familywork_app___state___worker_family"
                               "____worker_family_state.load", path=f"/record/{fid}",
                               query={"fid": str(fid)})
        replay.close()
        messages_after = _count(world, "message")
        assert "/signin" in redirects(updates), f"no redirect to sign-in: {redirects(updates)}"
        assert _role_seen(updates) in (None, ""), "the replayed session was taken as signed in"
        assert finder.find(updates) == [], "family data in the replies to a replayed session"
        assert token not in as_text(updates)
        assert messages_after == messages_before, "a replayed session sent a message"
        with Session(world.engine) as db:
            row = session_row(db, token)
            if how != "deactivated":
                assert row.ended_at is not None, "the ended session must stay ended"
    finally:
        _restore(world, how, email)


def reopen_tab(app_server, cookie: str | None, path: str, client_token: str) -> list[dict]:
    """Reconnect as the same browser tab (same Reflex client token), as a tab does after its
    socket dropped. While the server still links the token to the closed socket it hands out a
    new one instead (duplicate-tab guard): wait for the old link to go and try again."""
    for _ in range(20):
        tab = ForgeClient(app_server["base"], cookie, path=path, client_token=client_token)
        updates = tab.connect()
        tab.close()
        if tab.client_token == client_token:
            return updates
        time.sleep(0.5)
    raise AssertionError("the server never let the tab's client token be used again")


def test_the_sign_out_handler_leaves_nothing_for_the_same_tab(app_server, world):
    """Sign-out through the app clears the tab's server-side state: a reconnect of that tab (same
    Reflex client token) gets no family data, with or without the old cookie."""
    email, home = "family@example.org", GUARDIAN_HOME
    token, tab, finder = _signed_in_tab(app_server, world, email, home)
    tab.call(f"{APP_STATE}.sign_out")
    client_token = tab.client_token
    tab.close()
    assert not session_alive(world.engine, token)
    for cookie in (token, None):
        updates = reopen_tab(app_server, cookie, home, client_token)
        assert finder.find(updates) == [], "family data after sign-out"
        assert "/signin" in redirects(updates)




@pytest.mark.parametrize("how", sorted(REPLAYS) + ["other_user"])
def test_the_same_tab_replayed_after_the_session_ended_gets_no_family_data(app_server, world,
                                                                           how):
    if how == "other_user":  # the victim's tab went away; another family's guardian connects
        email, home = "family@example.org", "/family/messages"
    else:
        email, home = REPLAYS[how]
    token, tab, finder = _signed_in_tab(app_server, world, email, home)
    client_token = tab.client_token
    tab.close()
    if how == "other_user":
        cookie = make_session(world.engine, "applicant@example.org")
    else:
        _end(world, how, email, token)
        cookie = token
    try:
        updates = reopen_tab(app_server, cookie, home, client_token)
        assert finder.find(updates) == [], (
            f"{how}: the stored page state came back: {finder.find(updates)[:5]}")
    finally:
        _restore(world, how, email)


# --------------------------------------------------------------------------------------------
# 3. Every handler, every role, forged arguments
# --------------------------------------------------------------------------------------------

ACTORS = [  # (label, e-mail or None for nobody signed in, home page); the supervisor last
    ("anonymous", None, "/"),
    ("guardian-applicant", "applicant@example.org", "/family"),
    ("guardian-kemppainen", "family@example.org", "/family"),
    ("worker2", "worker2@example.org", "/caseload"),
    ("worker", "worker@example.org", "/caseload"),
    ("supervisor", "supervisor@example.org", "/overview"),
]
VICTIM = ("family@example.org", "/family/messages")  # a tab left open during the attacks


@dataclasses.dataclass
class Tally:
    attempts: int = 0
    primes: int = 0
    errors: int = 0  # the handler raised (the framework's generic error toast came back)
    reconnects: int = 0
    leaks: list[str] = dataclasses.field(default_factory=list)
    changes: list[str] = dataclasses.field(default_factory=list)
    dropped: list[str] = dataclasses.field(default_factory=list)
    handlers: set[str] = dataclasses.field(default_factory=set)


def _raised(updates: list[dict]) -> bool:
    return any("An error occurred" in json.dumps(e) for e in events_named(updates, "_call_function"))


class Actor:
    def __init__(self, app_server, world, label, email, home, tokens: set[str]):
        self.app_server, self.world = app_server, world
        self.label, self.email, self.home = label, email, home
        self.tokens = tokens
        self.token: str | None = None
        self.client: ForgeClient | None = None

    def open(self) -> list[dict]:
        if self.client is not None:
            self.client.close()
        if self.email and (self.token is None or not session_alive(self.world.engine, self.token)):
            self.token = make_session(self.world.engine, self.email)
            self.tokens.add(self.token)
        self.client = ForgeClient(self.app_server["base"], self.token, path=self.home)
        return self.client.connect()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()


def _plan(handlers: list[Handler], forger: Forger, per_handler: int,
          turn: int) -> list[tuple[Handler, str]]:
    """`per_handler` argument shapes per handler; each role starts further along the list of
    shapes, so that together the roles go through all of them."""
    plan = []
    for handler in handlers:
        modes = forger.modes(handler)
        plan += [(handler, modes[(turn * per_handler + i) % len(modes)])
                 for i in range(per_handler)]
    forger.rng.shuffle(plan)
    return plan


APP_FRAME = re.compile(r'(familywork_app/[\w/]+\.py)", line (\d+), in (\w+)')


def app_exceptions(log_text: str) -> dict[str, int]:
    """Backend exceptions raised inside the app's own code (not in Reflex's argument handling),
    by their deepest app frame, from the server's log (Rich wraps its lines)."""
    found: dict[str, int] = {}
    for block in log_text.split("[Reflex Backend Exception]")[1:]:
        block = block.split("\n\n")[0].replace("\n", "")
        frames = APP_FRAME.findall(block)
        if frames:
            where = ":".join(frames[-1][:2]) + f" {frames[-1][2]}"
            found[where] = found.get(where, 0) + 1
    return found


def _oracle_sees(app_server, world: World, tokens: set[str]) -> None:
    """Self-check: what the supervisor legitimately sees of worker's families is, for worker2,
    exactly what the leak finder must report."""
    token = make_session(world.engine, "supervisor@example.org")
    tokens.add(token)
    fid = min(world.own_families("worker@example.org"))
    tab = ForgeClient(app_server["base"], token, path=f"/record/{fid}", query={"fid": str(fid)})
    updates = tab.connect()
    tab.close()
    assert LeakFinder(world, "worker2@example.org").find(updates), (
        "the leak finder does not see a family record the supervisor opened: the oracle is blind")


def test_forged_events_from_every_role_reach_no_other_family(app_server, world, capsys):
    started = time.monotonic()
    log = app_server.get("log")
    log_start = log.stat().st_size if log else 0
    rng = random.Random(SEED)
    handlers, routes = discover()
    assert len(handlers) >= 30, f"found only {len(handlers)} handlers: discovery is broken"
    tally = Tally()
    tokens: set[str] = set()
    _oracle_sees(app_server, world, tokens)
    victim_token = make_session(world.engine, VICTIM[0])
    tokens.add(victim_token)
    victim = ForgeClient(app_server["base"], victim_token, path=VICTIM[1])
    assert LeakFinder(world, None, only=world.own_families(VICTIM[0])).find(victim.connect())
    per_handler = max(4, BUDGET // (len(handlers) * len(ACTORS)))
    for turn, (label, email, home) in enumerate(ACTORS):
        actor = Actor(app_server, world, label, email, home, tokens)
        forger = Forger(world, email, rng)
        checked = label != "supervisor"  # the supervisor may see and change every family
        me = world.users.get(email) if email else None
        foreign = world.families() - world.own_families(email)
        others = set(world.roles) - ({me} if me else set())
        before = foreign_rows(world.engine, foreign, others) if checked else {}
        finder = LeakFinder(world, email if checked else "supervisor@example.org")
        first = actor.open()
        expected = world.roles[me] if me else ""
        assert _role_seen(first) == expected, (
            f"{label}: the test session does not work (role {_role_seen(first)!r}); "
            "adapt make_session to the sign-in flow")

        def check(updates: list[dict], what: str, finder=finder, label=label) -> None:
            found = finder.find(updates)
            text = as_text(updates)
            found += [f"session token …{t[-6:]}" for t in tokens if t in text]
            if found:
                tally.leaks.append(f"{label} {what}: {found[:5]}")

        check(first, "hydrate")
        for handler, mode in _plan(handlers, forger, per_handler, turn):
            tally.handlers.add(handler.event)
            payload = forger.payload(handler, mode)
            finder.remember(payload)
            pages = related_routes(handler, routes) or routes
            route = rng.choice(pages)
            values = forger.route_values(route)
            query = dict(values)
            if rng.random() < 0.3:
                query["token"] = str(forger.garbage())[:64]
            finder.remember(query)
            path = route.url(values)
            # Now and then the event names another tab's client token (the victim's).
            forged_token = victim.client_token if rng.random() < 0.2 else None
            what = f"{handler.label}({mode}) on {path}"
            try:
                if route.loaders and handler.event not in route.loaders and (
                        rng.random() < (0.7 if pages is not routes else 0.2)):
                    for loader in route.loaders:
                        actor.client.emit(loader, {}, path=path, query=query)
                    tally.primes += 1
                actor.client.emit(handler.event, payload, path=path, query=query,
                                  token=forged_token)
                tally.attempts += 1
                updates = actor.client.sentinel()
            except Exception as problem:  # noqa: BLE001 - no answer or the socket went away
                tally.dropped.append(f"{label} {what}: {type(problem).__name__}: {problem}")
                tally.reconnects += 1
                check(actor.open(), "reconnect")
                continue
            check(updates, what)
            tally.errors += _raised(updates)
            if not actor.client.connected:
                tally.dropped.append(f"{label} {what}: the socket closed")
                tally.reconnects += 1
                check(actor.open(), "reconnect")
            elif email and not session_alive(world.engine, actor.token):
                tally.reconnects += 1  # e.g. sign_out ended the session: sign in again
                check(actor.open(), "re-sign-in")
        check(actor.client.settle(quiet=0.3), "late updates")  # e.g. of background handlers
        actor.close()
        if checked:
            after = foreign_rows(world.engine, foreign, others)
            if checksum(after) != checksum(before):
                tally.changes += [f"{label}: {c}" for c in describe_change(before, after)]

    # The open tab of another user is still connected, and no forged event reached it: no
    # script, redirect or other event was pushed into it, and no other family's data.
    pushed = victim.pending()
    injected = [e for u in pushed for e in (u.get("events") or [])]
    injected += LeakFinder(world, VICTIM[0]).find(pushed)
    victim_alive = victim.connected
    victim.close()
    # The server is still up and answers a new tab.
    last = ForgeClient(app_server["base"], None, path="/")
    assert last.connect(), "the server does not answer a new tab after the forged events"
    last.call(f"{APP_STATE}.load_public")
    last.close()

    raised_in_app = app_exceptions(log.read_text(errors="replace")[log_start:]) if log else {}
    elapsed = time.monotonic() - started
    summary = (f"forged events: {tally.attempts} attempts, {len(tally.handlers)} handlers, "
               f"{len(ACTORS)} roles, {len(tally.leaks)} leaks, {len(tally.changes)} foreign "
               f"changes, {len(tally.dropped)} dropped sockets; {tally.errors} answered with the "
               f"generic error ({sum(raised_in_app.values())} raised inside app code); "
               f"{tally.primes} forged page loads, {tally.reconnects} reconnects; {elapsed:.0f} s")
    with capsys.disabled():
        print("\n" + summary)
        for where, count in sorted(raised_in_app.items()):
            print(f"  raised in app code: {where} ×{count}")
    assert tally.attempts >= len(handlers) * len(ACTORS)
    assert not tally.leaks, "other families' data in replies:\n" + "\n".join(tally.leaks[:20])
    assert not tally.changes, "other families' rows changed:\n" + "\n".join(tally.changes[:20])
    assert not tally.dropped, "sockets dropped or unanswered:\n" + "\n".join(tally.dropped[:20])
    assert victim_alive, "another user's open tab lost its connection"
    assert not injected, f"another user's open tab received {injected[:3]}"
