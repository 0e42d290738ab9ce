"""A small socket.io client that speaks Reflex's event protocol, for forged-request tests.

It connects like the browser does (socket.io path and namespace `/_event`, Reflex's client token
in the query string), but sends whatever event name and payload the test chooses, and keeps
every update the server sends back (`{"delta": {...}, "events": [...]}`).
"""

from __future__ import annotations

import contextlib
import json
import queue
import time
import uuid
from typing import Any

import socketio

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
SESSION_COOKIE = "fw_session"
# An app handler with a visible, always-changing result: marks the end of an attempt.
SENTINEL_STATE = (
    "reflex___state____state.familywork_app___state___app_state____app_state"
    ".familywork_app___state___apply____apply_state"
)
SENTINEL = f"{SENTINEL_STATE}.count_description"


def router_data(path: str, query: dict | None = None) -> dict:
    return {"pathname": path, "asPath": path, "query": dict(query or {})}


class ForgeClient:
    """One websocket connection (one browser tab) with an optional session cookie."""

    def __init__(
        self,
        base: str,
        session_token: str | None = None,
        *,
        origin: str | None = None,
        client_token: str | None = None,
        path: str = "/family",
        query: dict | None = None,
        timeout: float = 15.0,
    ):
        self.base = base
        self.session_token = session_token
        self.origin = base if origin is None else origin
        self.client_token = client_token or str(uuid.uuid4())
        self.timeout = timeout
        self.updates: queue.Queue[dict] = queue.Queue()
        self.received: list[dict] = []  # every update since connect
        self._sentinel = 0
        # websocket-client sends its own Origin header: set it there (a second header would be
        # joined to the first), or leave it out entirely for origin="".
        extra = {"origin": self.origin} if self.origin else {"suppress_origin": True}
        self.sio = socketio.Client(
            reconnection=False, request_timeout=timeout, websocket_extra_options=extra
        )
        self.sio.on("event", self._on_event, namespace=NAMESPACE)
        self.sio.on("new_token", self._on_new_token, namespace=NAMESPACE)
        self._path, self._query = path, query

    # --- connection ---
    def _on_event(self, data: Any) -> None:
        self.updates.put(data if isinstance(data, dict) else {"raw": data})

    def _on_new_token(self, token: Any) -> None:
        self.client_token = str(token)

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.session_token:
            headers["Cookie"] = f"{SESSION_COOKIE}={self.session_token}"
        return headers

    def connect(self, *, hydrate: bool = True, transport: str = "websocket") -> list[dict]:
        """Open the socket (the browser's hydrate rides in the CONNECT packet, as in state.js)."""
        auth = None
        if hydrate:
            auth = {
                "event": {
                    "name": HYDRATE,
                    "payload": {},
                    "router_data": router_data(self._path, self._query),
                }
            }
        headers = self.headers()
        if transport != "websocket" and self.origin:
            headers["Origin"] = self.origin  # long-polling goes through requests: a plain header
        self.sio.connect(
            f"{self.base}?token={self.client_token}",
            headers=headers,
            transports=[transport],
            socketio_path="/_event",
            namespaces=[NAMESPACE],
            auth=auth,
            wait_timeout=self.timeout,
        )
        return self.settle(first=self.timeout) if hydrate else []

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already gone
            self.sio.disconnect()

    @property
    def connected(self) -> bool:
        return self.sio.connected

    # --- events ---
    def emit(
        self,
        name: str,
        payload: dict | None = None,
        *,
        path: str | None = None,
        query: dict | None = None,
        token: str | None = None,
    ) -> None:
        """Send one event; `token` forges the client token written in the event itself."""
        self.sio.emit(
            "event",
            {
                "name": name,
                "payload": payload or {},
                "token": token or self.client_token,
                "router_data": router_data(
                    path or self._path, self._query if query is None else query
                ),
            },
            namespace=NAMESPACE,
        )

    def _drain(self, until: float, stop=None) -> list[dict]:
        got = []
        while True:
            left = until - time.monotonic()
            if left <= 0:
                return got
            try:
                update = self.updates.get(timeout=left)
            except queue.Empty:
                return got
            got.append(update)
            self.received.append(update)
            if stop is not None and stop(update):
                return got

    def pending(self) -> list[dict]:
        """Updates that arrived unasked since the last look."""
        return self._drain(time.monotonic() + 0.05)

    def settle(
        self, quiet: float = 0.25, limit: float | None = None, first: float | None = None
    ) -> list[dict]:
        """Collect updates until none came for `quiet` seconds (slow; for set-up steps); the
        first one is awaited for `first` seconds (an answer that must come: a busy machine may
        take a while)."""
        deadline = time.monotonic() + (limit or self.timeout)
        got = self._drain(
            min(deadline, time.monotonic() + (first or quiet)), stop=lambda update: True
        )
        while got and time.monotonic() < deadline:
            more = self._drain(min(deadline, time.monotonic() + quiet))
            if not more:
                break
            got += more
        return got

    def sentinel(self) -> list[dict]:
        """Send a harmless event with a unique visible result and collect everything up to it.

        Events of one client token are processed in order, so every update of the events sent
        before it has arrived when the sentinel's own delta arrives."""
        self._sentinel = self._sentinel % 997 + 1
        length = self._sentinel
        self.emit(SENTINEL, {"value": "s" * length})

        def is_mine(update: dict) -> bool:
            delta = update.get("delta") or {}
            return (delta.get(SENTINEL_STATE) or {}).get("description_length_rx_state_") == length

        got = self._drain(time.monotonic() + self.timeout, is_mine)
        if not got or not is_mine(got[-1]):
            raise TimeoutError(f"no answer to the sentinel event within {self.timeout} s")
        return got

    def call(self, name: str, payload: dict | None = None, **route) -> list[dict]:
        """Send one event and return every update it caused (up to the sentinel)."""
        self.emit(name, payload, **route)
        return self.sentinel()


def events_named(updates: list[dict], name: str) -> list[dict]:
    return [e for u in updates for e in (u.get("events") or []) if e.get("name") == name]


def as_text(updates: list[dict]) -> str:
    """Every update as one JSON text (for looking for strings that must not be there)."""
    return json.dumps(updates, ensure_ascii=False, default=str)


APP_STATE = "reflex___state____state.familywork_app___state___app_state____app_state"


def role_seen(updates: list[dict]) -> str | None:
    """The signed-in role the app state last announced in these replies, if any."""
    role = None
    for update in updates:
        value = ((update.get("delta") or {}).get(APP_STATE) or {}).get("user_role_rx_state_")
        if value is not None:
            role = value
    return role


def redirects(updates: list[dict]) -> list[str]:
    return [str((e.get("payload") or {}).get("path")) for e in events_named(updates, "_redirect")]
