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

Foreign origins and replayed sessions are in test_session_replay.py.

`FORGE_ATTEMPTS` (default 5000) is the total budget of forged calls, `FORGE_SEED` the seed.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import time

import pytest

from tests.e2e.forge import APP_STATE, ForgeClient, as_text, events_named, role_seen
from tests.e2e.forge_handlers import Forger, Handler, discover, related_routes
from tests.e2e.forge_world import (
    BUDGET,
    SEED,
    LeakFinder,
    World,
    checksum,
    describe_change,
    foreign_rows,
    make_session,
    session_alive,
)

pytestmark = pytest.mark.e2e


# --------------------------------------------------------------------------------------------
# Every handler, every role, forged arguments
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
    return any(
        "An error occurred" in json.dumps(e) for e in events_named(updates, "_call_function")
    )


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


def _plan(
    handlers: list[Handler], forger: Forger, per_handler: int, turn: int
) -> list[tuple[Handler, str]]:
    """`per_handler` argument shapes per handler; each role starts further along the list of
    shapes, so that together the roles go through all of them."""
    plan = []
    for handler in handlers:
        modes = forger.modes(handler)
        plan += [
            (handler, modes[(turn * per_handler + i) % len(modes)]) for i in range(per_handler)
        ]
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
    finder = LeakFinder(world, "worker2@example.org")
    # The page's on_load answers after the hydrate; on a busy machine later than settle's quiet
    # gap, so wait for it (up to 20 s) rather than judge the first burst alone.
    deadline = time.monotonic() + 20
    while not finder.find(updates) and time.monotonic() < deadline:
        updates += tab.settle(quiet=0.5, first=2.0)
    tab.close()
    assert finder.find(updates), (
        "the leak finder does not see a family record the supervisor opened: the oracle is blind"
    )


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
        assert role_seen(first) == expected, (
            f"{label}: the test session does not work (role {role_seen(first)!r}); "
            "adapt make_session to the sign-in flow"
        )

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
                if (
                    route.loaders
                    and handler.event not in route.loaders
                    and (rng.random() < (0.7 if pages is not routes else 0.2))
                ):
                    for loader in route.loaders:
                        actor.client.emit(loader, {}, path=path, query=query)
                    tally.primes += 1
                actor.client.emit(
                    handler.event, payload, path=path, query=query, token=forged_token
                )
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
    summary = (
        f"forged events: {tally.attempts} attempts, {len(tally.handlers)} handlers, "
        f"{len(ACTORS)} roles, {len(tally.leaks)} leaks, {len(tally.changes)} foreign "
        f"changes, {len(tally.dropped)} dropped sockets; {tally.errors} answered with the "
        f"generic error ({sum(raised_in_app.values())} raised inside app code); "
        f"{tally.primes} forged page loads, {tally.reconnects} reconnects; {elapsed:.0f} s"
    )
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
