"""Simulated browser tabs for scripts/bench_load.py: socket.io clients that speak Reflex 0.10.1's
event protocol the way the compiled frontend (.web/utils/state.js) does.

- Connect to `/_event/?token=<uuid>` (socket.io path and namespace `/_event`) with the session
  cookie and an allowed Origin; the boot event `hydrate_and_load` rides in the CONNECT packet.
- Every event is `emit("event", {name, payload, token, router_data})`, router_data being the page
  the tab is on; a client-side navigation is the event `on_load_internal` with the new page.
- Replies are `event` packets `{delta, events}`. Reflex 0.10.1 no longer marks an event's last
  reply (`StateUpdate.final` is deprecated since 0.9 and never set), so each step knows its own
  last reply: a page load ends with the root delta `is_hydrated: true` (queued after every
  on_load handler of the page), an action with its state's answer (the `done_*` checks below).
- What the server sends is counted as it arrives (`WireCounter`): the bytes of every socket.io
  message (its engine.io text frame), and with `Tab.keep` the messages themselves, which
  scripts/bench_hydrate.py splits by state.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

import socketio
from reflex.state import OnLoadInternalState, State
from reflex_base.utils.format import format_event_handler
from socketio.exceptions import SocketIOError

from familywork_app.state.family_meetings import FamilyMeetingsState
from familywork_app.state.family_messages import FamilyMessagesState
from familywork_app.state.worker_family_actions import WorkerFamilyActions

NS = "/_event"
ROOT = State.get_full_name()
MSG, MEET, WFA = (
    cls.get_full_name() for cls in (FamilyMessagesState, FamilyMeetingsState, WorkerFamilyActions)
)


def handler_name(cls, handler: str) -> str:
    return format_event_handler(cls.event_handlers[handler])


HYDRATE = handler_name(State, "hydrate_and_load")
# What a browser sends with its page-load event (Reflex's initialEvents(first=true)): the hashes
# of the state defaults compiled into its frontend, so the server leaves out every var the page
# already holds at its default. Per app port; scripts/bench_apps.py fills it once an app is up.
COMPILED_HASHES: dict[int, list[str]] = {}


def hydrate_payload(base: str) -> dict:
    """The page-load event's payload a browser on `base` sends."""
    port = urlsplit(base).port or 80
    hashes = COMPILED_HASHES.get(port)
    return {"hashes": hashes} if hashes else {}


NAVIGATE = handler_name(OnLoadInternalState, "on_load_internal")
TRIVIAL = handler_name(FamilyMessagesState, "count")  # the message box's character counter
SEND_G, AGREE = (
    handler_name(FamilyMessagesState, "send"),
    handler_name(FamilyMeetingsState, "agree"),
)
SEND_W, PROPOSE = (
    handler_name(WorkerFamilyActions, "send"),
    handler_name(WorkerFamilyActions, "propose"),
)


class WireCounter(socketio.AsyncClient):
    """A socket.io client that hands every message it receives, as sent, to `on_message`."""

    def __init__(self, *args, on_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_message = on_message

    async def _handle_eio_message(self, data):
        if self.on_message is not None:
            self.on_message(data)
        await super()._handle_eio_message(data)


class Lost(Exception):
    """No answer within the timeout, or the connection broke: the tab must reconnect."""


class Stop(Exception):
    """The phase is over: the simulated person stops after the event just finished."""


@dataclass
class Person:
    email: str
    role: str  # guardian | worker
    token: str  # the fw_session cookie (an AuthSession row made by the benchmark)
    families: list[int] = field(default_factory=list)

    @property
    def home(self) -> str:
        return "/family" if self.role == "guardian" else "/caseload"


# --- the last reply of each kind of step: None = not yet, True = done, False = refused ------


def delta_of(update: dict, state: str) -> dict:
    return (update.get("delta") or {}).get(state) or {}


def _has_event(update: dict, name: str) -> bool:
    return any(e.get("name") == name for e in update.get("events") or [])


def done_page(update: dict):
    return True if delta_of(update, ROOT).get("is_hydrated_rx_state_") is True else None


def done_guardian_send(update: dict):
    if _has_event(update, "_set_value"):  # the box is emptied after the delta
        return True
    return False if delta_of(update, MSG).get("error_rx_state_") else None


def done_agree(update: dict):
    d = delta_of(update, MEET)
    return (not d["form_error_rx_state_"]) if "form_error_rx_state_" in d else None


def done_worker_send(update: dict):
    if _has_event(update, "_set_value"):
        return True
    return False if (delta_of(update, WFA).get("errors_rx_state_") or {}).get("message") else None


def done_propose(update: dict):
    d = delta_of(update, WFA)
    return (not d["errors_rx_state_"].get("propose")) if "errors_rx_state_" in d else None


def done_trivial(length: int):
    return lambda u: True if delta_of(u, MSG).get("draft_length_rx_state_") == length else None


class Tab:
    """One simulated person's browser tab: one socket, one page at a time, one event in flight."""

    def __init__(self, base: str, origin: str, person: Person, http, timeout: float):
        self.base, self.origin, self.person, self.http = base, origin, person, http
        self.timeout = timeout
        self.sio: socketio.AsyncClient | None = None
        self.client_token, self.path, self.query = "", person.home, {}
        self.upcoming: list[dict] = []  # the meetings page as last seen
        self._check, self._future, self._redirected, self.outcome = None, None, False, None
        self.think, self.rng = 0.0, random.Random(person.email)  # set by run_phase
        # What the server sent: bytes (engine.io text frames, as UTF-8) and, when `keep` is
        # set, the messages themselves (socket.io packets), since the last reset.
        self.bytes_in, self.keep, self.kept = 0, False, []

    def _count(self, data) -> None:
        if isinstance(data, str):
            self.bytes_in += len(data.encode()) + 1  # + the engine.io packet type
            if self.keep:
                self.kept.append(data)
        else:
            self.bytes_in += len(data) + 1

    async def pace(self) -> None:
        """The person reads, thinks or types before the next action: 0.5-1.5 x the think time."""
        if self.think:
            await asyncio.sleep(self.rng.uniform(0.5, 1.5) * self.think)

    async def _on_event(self, update) -> None:
        if not isinstance(update, dict):
            return
        meetings = delta_of(update, MEET)
        if "upcoming_rx_state_" in meetings:
            self.upcoming = meetings["upcoming_rx_state_"]
        if _has_event(update, "_redirect"):  # e.g. to /signin: the session was not accepted
            self._redirected = True
        future = self._future
        if self._check is not None and future is not None and not future.done():
            result = self._check(update)
            if result is not None:
                future.set_result(result)

    def _router(self) -> dict:
        data = {"pathname": self.path, "asPath": self.path}
        return {**data, "query": self.query} if self.query else data

    async def _step(self, send, check, paced: bool = True) -> tuple[float, bool]:
        """Time from sending to the step's last reply; (seconds, accepted). Raises Lost.
        A paced step first waits the person's think time (not counted)."""
        if paced:
            await self.pace()
        future = self._future = asyncio.get_running_loop().create_future()
        self._check, self._redirected = check, False
        started = time.perf_counter()
        try:
            await send()
            ok = await asyncio.wait_for(future, self.timeout)
        except (TimeoutError, SocketIOError, OSError) as problem:
            raise Lost(type(problem).__name__) from problem
        finally:
            self._check = None
        self.outcome = ok  # what the check found (the sign-in ticket, for one)
        return time.perf_counter() - started, bool(ok) and not self._redirected

    async def connect(self, path: str = "", query: dict | None = None) -> tuple[float, bool]:
        """Open the socket on the home page (or `path` with its route `query`), as a browser
        does (hydrate in the CONNECT packet), with the session cookie if the person has one."""
        await self.close()
        # Headers go through websocket_extra_options: engine.io would move a Cookie header
        # into the (shared) HTTP session's cookie jar.
        headers = {"Origin": self.origin}
        if self.person.token:
            headers["Cookie"] = f"fw_session={self.person.token}"
        sio = self.sio = WireCounter(
            on_message=self._count,
            reconnection=False,
            http_session=self.http,
            request_timeout=self.timeout,
            handle_sigint=False,
            websocket_extra_options={"headers": headers},
        )
        sio.on("event", self._on_event, namespace=NS)
        self.client_token, self.path = str(uuid.uuid4()), path or self.person.home
        self.query = query or {}
        boot = {
            "name": HYDRATE,
            "payload": hydrate_payload(self.base),
            "router_data": self._router(),
        }
        return await self._step(
            lambda: sio.connect(
                f"{self.base}?token={self.client_token}",
                transports=["websocket"],
                socketio_path="/_event",
                namespaces=[NS],
                auth={"event": boot},
                wait_timeout=round(self.timeout),
            ),
            done_page,
            paced=False,
        )

    async def close(self) -> None:
        if self.sio is not None:
            with contextlib.suppress(Exception):  # already gone
                await asyncio.wait_for(self.sio.disconnect(), 5)
            self.sio = None

    async def event(
        self, name: str, payload: dict, check, paced: bool = True
    ) -> tuple[float, bool]:
        data = {
            "name": name,
            "payload": payload,
            "token": self.client_token,
            "router_data": self._router(),
        }
        sio = self.sio
        if sio is None:
            raise Lost("not connected")
        return await self._step(lambda: sio.emit("event", data, namespace=NS), check, paced)

    async def load(self, path: str) -> tuple[float, bool]:
        """A page (re)load: hydrate_and_load with the compiled defaults' hashes (as a browser
        loading the page sends) and the on_loads."""
        self.path, self.query = path, {}
        return await self.event(HYDRATE, hydrate_payload(self.base), done_page)

    async def open(self, path: str, query: dict | None = None) -> tuple[float, bool]:
        """A client-side navigation: on_load_internal runs the page's on_load handlers."""
        self.path, self.query = path, query or {}
        return await self.event(NAVIGATE, {}, done_page)


# --- what the simulated people do, one round at a time ----------------------------------------


async def trivial_round(tab: Tab, i: int, record) -> None:
    length = i % 500 + 1
    record(
        "trivial: count", await tab.event(TRIVIAL, {"value": "x" * length}, done_trivial(length))
    )


async def guardian_round(tab: Tab, i: int, record) -> None:
    record("load /family (hydrate)", await tab.load("/family"))
    record("open messages", await tab.open("/family/messages"))
    body = f"Kuormitustesti {i}: sopiiko torstaina kello 14?"
    record("send message", await tab.event(SEND_G, {"form": {"body": body}}, done_guardian_send))
    record("open meetings", await tab.open("/family/meetings"))
    answerable = [m for m in tab.upcoming if m.get("can_answer")]
    if answerable:
        record(
            "agree meeting", await tab.event(AGREE, {"meeting_id": answerable[0]["id"]}, done_agree)
        )
    else:
        record("reopen meetings", await tab.open("/family/meetings"))


async def worker_round(tab: Tab, i: int, record) -> None:
    families = tab.person.families
    fid = str(families[i % len(families)])
    record("worker: load /caseload (hydrate)", await tab.load("/caseload"))
    record("worker: open family record", await tab.open(f"/record/{fid}", {"fid": fid}))
    body = f"Kuormitustesti {i}: muistattehan huomisen?"
    record(
        "worker: send message",
        await tab.event(SEND_W, {"form": {"body": body}}, done_worker_send),
    )
    day = date.today() + timedelta(days=7 + i % 60)
    form = {
        "date": day.isoformat(),
        "time": f"{8 + i % 8:02d}:{15 * (i % 4):02d}",
        "duration": "60",
        "place": "home",
        "place_detail": "",
        "topic": "Kuulumiset",
        "confirm_overlap": "on",
    }
    record("worker: propose meeting", await tab.event(PROPOSE, {"form": form}, done_propose))


async def app_round(tab: Tab, i: int, record) -> None:
    await (guardian_round if tab.person.role == "guardian" else worker_round)(tab, i, record)
