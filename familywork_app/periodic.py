"""The app process's background loops (lifespan tasks): one job at start and then every
`seconds`, in a thread (the database calls block). A failed round is logged and the loop goes on;
the lifespan cancels it when the app stops."""

import asyncio
import logging
from collections.abc import Callable


async def run_every(seconds: float, job: Callable[[], object], log: logging.Logger, what: str):
    """Run `job` now and then every `seconds` until cancelled; a failure logs `what` failed."""
    while True:
        try:
            await asyncio.to_thread(job)
        except Exception as error:  # noqa: BLE001 - a bad round must not stop the loop
            log.warning("%s failed: %s", what, type(error).__name__)
        await asyncio.sleep(seconds)
