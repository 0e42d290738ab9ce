"""The forged-events suite's attack surface: every public event handler of every app State
class, found by walking the classes, the routes it may be called from, and the Forger that
makes plausible, foreign and malformed arguments for it."""

from __future__ import annotations

import dataclasses
import inspect
import random
import re
import typing
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text as sql_text

from tests.e2e.forge_world import APP_MODULE_PREFIX, World

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


FORM_KEY_RE = re.compile(
    r"""(?:\.get\(|_text\(\s*\w+\s*,\s*|\btext\()\s*f?["']([A-Za-z][\w\-]*)["']"""
)


def _walk(cls):
    yield cls
    for sub in sorted(cls.get_substates(), key=lambda c: c.get_full_name()):
        yield from _walk(sub)


def _form_fields(handler) -> set[str]:
    """The fields of the typed form model a handler validates its form with (state.forms), as
    the browser names them (aliases included)."""
    model = getattr(handler.fn, "__form_model__", None)
    if model is None:
        return set()
    return {field.alias or name for name, field in model.model_fields.items()}


def _is_form(param: inspect.Parameter) -> bool:
    annotation = param.annotation
    return (
        annotation in (dict, "dict")
        or typing.get_origin(annotation) is dict
        or ("form" in param.name)
    )


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
            params = [
                p
                for p in inspect.signature(handler.fn).parameters.values()
                if p.name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
            ]
            handlers.append(Handler(cls, name, params, sorted(set(keys) | _form_fields(handler))))
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
    0,
    -1,
    "-1",
    "0",
    10**12,
    "999999999999",
    None,
    "",
    HUGE,
    {"$gt": 0},
    [1, 2],
    True,
    False,
    3.5,
    "3.5",
    "1 OR 1=1",
    "'; DROP TABLE family; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u0000",
    "１",
    "٣",
    "{{7*7}}",
    "%s%s%s",
    "NaN",
    "1e3",
    " 1",
    "1\n",
]
SOON = (date.today() + timedelta(days=15)).isoformat()
PLAUSIBLE = {
    "date": SOON,
    "time": "10:00",
    "duration": "60",
    "place": "home",
    "place_detail": "forged",
    "topic": "forged topic",
    "reason": "forged reason",
    "note": "forged note",
    "summary": "forged summary",
    "internal_note": "forged note",
    "title": "forged goal",
    "support_area": "parenting",
    "what_we_do": "forged plan",
    "target_date": "",
    "text": "forged entry",
    "rating": "5",
    "body": "forged message",
    "closing_summary": "forged closing",
    "status": "achieved",
    "staff-email": "forged.staff@example.org",
    "staff-name": "Forged Staff",
    "name": "Forged Person",
    "password": "forged password 4711 long",
    "consent": "on",
    "confirm_overlap": "on",
    "from": "2020-01-01",
    "to": "2030-12-31",
    "channel": "phone",
    "municipality": "Kajaani",
    "address": "Forged street 1",
    "phone": "040 123 4567",
    "reachable": "anytime",
    "description": "forged description",
    "method_discussion": "on",
    "area_parenting": "on",
    "child_0_name": "Forged",
    "child_0_year": "2018",
    "lang": "en",
    "which": "change-1",
    "value": "forged",
    "weeks": 1,
    "until": SOON,
    "work-phone": "040 123 4567",
}
ID_KEYS = [
    "meeting_id",
    "goal_id",
    "application_id",
    "worker_id",
    "family_id",
    "staff_id",
    "fid",
    "id",
    "user_id",
    "message_id",
    "session_id",
]


def id_kind(name: str) -> str | None:
    n = name.lower().replace("-", "_")
    if n in ("fid", "family_id", "family"):
        return "family"
    if "session" in n and n.endswith("id"):
        return "session"
    for word, kind in (
        ("meeting", "meeting"),
        ("goal", "goal"),
        ("application", "application"),
        ("message", "message"),
        ("entry", "entry"),
        ("child", "child"),
    ):
        if word in n and n.endswith("id"):
            return kind
    if n.endswith("id") and any(
        w in n for w in ("worker", "staff", "user", "guardian", "author", "sender")
    ):
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
        return self.rng.choice(
            [
                self.rng.choice(self.foreign_text),
                self.foreign_id("any"),
                self.foreign_id("any", True),
            ]
        )

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
            is_form = _is_form(p)
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
                payload[p.name] = self.rng.choice([-1, "-1", -(10**12), 0])
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
            return [
                "form_foreign",
                "form_foreign_int",
                "form_own_ids_garbage",
                "foreign",
                "form_garbage_field",
                "form_foreign",
                "garbage",
                "form_all_garbage",
                "not_a_dict",
                "form_foreign_int",
                "missing",
                "form_empty",
                "huge",
                "extra",
                "negative",
            ]
        return [
            "foreign",
            "foreign_int",
            "garbage",
            "negative",
            "foreign",
            "huge",
            "garbage",
            "missing",
            "foreign_int",
            "extra",
        ]

    def route_values(self, route: Route) -> dict[str, str]:
        values = {}
        for name in route.params():
            values[name] = self.rng.choice(
                [
                    self.foreign_id(id_kind(name) or "family"),
                    self.foreign_id(id_kind(name) or "family"),
                    self.own_id(id_kind(name) or "family"),
                    str(self.garbage())[:40] or "0",
                ]
            )
        return values
