"""Closed-loop phases of the load benchmarks (scripts/bench_load.py, scripts/bench_hydrate.py):
every simulated tab runs its rounds back to back until the phase's deadline; the round trips
of accepted requests and the errors are kept by kind of request."""

from __future__ import annotations

import asyncio
import time

from bench_load_client import Lost, Stop, Tab


class Stats:
    """Round trips (seconds) of accepted requests and error counts, by kind of request."""

    def __init__(self, deadline: float = float("inf")):
        self.deadline, self.times, self.errors = deadline, {}, {}
        self.wall = self.cpu = 0.0

    def record(self, kind: str, result: tuple[float, bool]) -> None:
        seconds, ok = result
        if ok:
            self.times.setdefault(kind, []).append(seconds)
        else:
            self.error(kind)
        if time.perf_counter() >= self.deadline:
            raise Stop()

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def summary(self, kinds=None) -> tuple[int, float, float, float, float, int]:
        kinds = kinds or set(self.times) | set(self.errors)
        done = sorted(t for k in kinds for t in self.times.get(k, []))
        errors = sum(self.errors.get(k, 0) for k in kinds)

        def pct(p):
            return done[min(len(done) - 1, int(p / 100 * len(done)))] * 1000 if done else 0.0

        rate = len(done) / self.wall if self.wall else 0.0
        return len(done), rate, pct(50), pct(95), pct(99), errors


async def connect_all(tabs: list[Tab], stats: Stats, sign_in=None) -> None:
    """Open every tab (20 at a time), first signing its person in when `sign_in` is given."""
    gate = asyncio.Semaphore(20)

    async def one(tab):
        async with gate:
            kind = "connect + hydrate"
            try:
                if sign_in is not None:
                    kind = "sign in"
                    stats.record(kind, await sign_in(tab))
                    kind = "connect + hydrate"
                stats.record(kind, await tab.connect())
            except Lost:
                stats.error(kind)

    started = time.perf_counter()
    await asyncio.gather(*(one(tab) for tab in tabs))
    stats.wall = time.perf_counter() - started


async def run_phase(tabs: list[Tab], seconds: float, body, think: float) -> Stats:
    """Every tab runs `body` rounds back to back until the deadline; a lost tab reconnects."""
    stats = Stats(time.perf_counter() + seconds)
    cpu, started = time.process_time(), time.perf_counter()

    async def person(tab: Tab) -> None:
        i, tab.think = 0, think
        if think:  # spread the first actions out
            await asyncio.sleep(tab.rng.uniform(0, think))
        while time.perf_counter() < stats.deadline:
            try:
                if tab.sio is None or not tab.sio.connected:
                    await tab.connect()
                await body(tab, i, stats.record)
            except Stop:
                return
            except Lost:
                stats.error("lost (timeout or broken socket)")
                await tab.close()
                await asyncio.sleep(0.5)
            i += 1

    await asyncio.gather(*(person(tab) for tab in tabs))
    stats.wall, stats.cpu = time.perf_counter() - started, time.process_time() - cpu
    return stats
