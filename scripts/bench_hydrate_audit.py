"""What the server sends for one page load, split by state (scripts/bench_hydrate.py).

A page load is Reflex's boot event `hydrate_and_load`, carried in the socket.io CONNECT packet
as the browser sends it: the server answers with the connect acknowledgement, the first state
message (the full state the page's components use) and then the deltas of the page's on_load
handlers, the last one setting `is_hydrated`. Everything it sends from the CONNECT until
`is_hydrated`, and within `SETTLE_S` after it, is counted (UTF-8 bytes of each engine.io text
frame, before any websocket compression).

Each state message `{delta: {state name: {var: value}}, events: [...]}` is split by state. The
page's own data is what the page's states send: the substates of AppState that the page's
on_load handlers change (they appear in a delta after the first message; FamilyHomeState on
/family, CaseloadState on /caseload, ...), in every message. The rest is the shell every page
pays: Reflex's root and internal states, AppState itself, the other pages' states that the
first message carries with their default values, the events, the socket.io and engine.io
framing. A page whose handlers change no page state (the front page) has no page data.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from bench_load_client import Lost, Tab

from familywork_app.state.app_state import AppState

APP_STATE = AppState.get_full_name()
SETTLE_S = 0.5


@dataclass
class PageLoad:
    """The figures of one page load."""

    label: str
    accepted: bool = False
    seconds: float = 0.0
    messages: int = 0
    total: int = 0  # bytes of everything the server sent
    page_data: int = 0  # bytes of the page states' parts of the deltas
    first: int = 0  # bytes of the first state message
    first_page_data: int = 0
    parts: dict[str, int] = field(default_factory=dict)  # bytes by state, all messages
    first_parts: dict[str, int] = field(default_factory=dict)
    page_states: list[str] = field(default_factory=list)  # the states the on_loads change

    @property
    def shell(self) -> int:
        return self.total - self.page_data

    @property
    def first_shell(self) -> int:
        return self.first - self.first_page_data


def decode(message: str) -> dict | None:
    """The update of a socket.io `event` packet ('2/_event,["event",{...}]'), else None."""
    start = message.find("[")
    if not message.startswith("2") or start < 0:
        return None
    try:
        packet = json.loads(message[start:])
    except ValueError:
        return None
    if isinstance(packet, list) and len(packet) == 2 and packet[0] == "event":
        return packet[1] if isinstance(packet[1], dict) else None
    return None


def short(state: str) -> str:
    """'reflex___state____state.familywork_app___state___app_state____app_state' -> 'app_state'."""
    return "reflex root" if "." not in state else state.rsplit(".", 1)[-1].rsplit("____", 1)[-1]


def is_page_state(state: str) -> bool:
    return state.startswith(APP_STATE + ".")


def size(value) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def split(update: dict) -> dict[str, int]:
    """Bytes of each state's part of an update's delta (compact JSON, with its key)."""
    return {state: size({state: delta}) for state, delta in (update.get("delta") or {}).items()}


def measure(load: PageLoad, messages: list[str]) -> PageLoad:
    updates = [decode(message) for message in messages]
    states = [u for u in updates if u is not None and u.get("delta")]
    own = {state for u in states[1:] for state in u["delta"] if is_page_state(state)}
    load.page_states = sorted(own)
    for message, update in zip(messages, updates, strict=True):
        load.total += len(message.encode()) + 1  # + the engine.io packet type
        if update is None:
            continue
        load.messages += 1
        parts = split(update)
        for state, count in parts.items():
            load.parts[state] = load.parts.get(state, 0) + count
        page = sum(count for state, count in parts.items() if state in own)
        load.page_data += page
        if load.messages == 1 and update.get("delta"):
            load.first = len(message.encode()) + 1
            load.first_page_data, load.first_parts = page, parts
    return load


async def page_load(tab: Tab, label: str, path: str, query: dict | None = None) -> PageLoad:
    """Open a socket on `path` as a browser does and measure what comes back."""
    tab.keep, tab.kept = True, []
    try:
        seconds, accepted = await tab.connect(path, query)
        await asyncio.sleep(SETTLE_S)
    except Lost:
        seconds, accepted = 0.0, False
    load = measure(PageLoad(label, accepted, seconds), tab.kept)
    tab.keep, tab.kept = False, []
    await tab.close()
    return load


def kb(count: int) -> str:
    return f"{count / 1024:6.1f}"


def largest(parts: dict[str, int], count: int = 4) -> str:
    ranked = sorted(parts.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{short(state)} {kb(n).strip()}" for state, n in ranked)


def print_audit(loads: list[PageLoad]) -> None:
    print(
        "\nPage load audit: what the server sends for one page load (KB = 1,024 bytes of "
        "UTF-8 JSON; page = the parts of the states the page's on_load handlers change; "
        "shell = the rest; others = other pages' states inside the shell)\n"
    )
    print(
        f"{'page':<30} | {'msgs':>4} | {'total':>6} | {'page':>6} | {'shell':>6} "
        f"| {'first':>6} | {'page':>6} | {'shell':>6} | {'others':>6} "
        "| largest parts of the first message (KB)"
    )
    print(f"{'':<30} | {'':>4} | {'all messages (KB)':^22} | {'first state message (KB)':^33} |")
    print("-" * 150)
    for load in loads:
        flag = "" if load.accepted else "  (REFUSED or redirected)"
        others = sum(
            n
            for state, n in load.first_parts.items()
            if is_page_state(state) and state not in load.page_states
        )
        print(
            f"{load.label:<30} | {load.messages:4d} | {kb(load.total)} | {kb(load.page_data)} "
            f"| {kb(load.shell)} | {kb(load.first)} | {kb(load.first_page_data)} "
            f"| {kb(load.first_shell)} | {kb(others)} | {largest(load.first_parts)}{flag}"
        )
        print(f"{'':<30}   page states: {', '.join(map(short, load.page_states)) or 'none'}")
