"""The app process's background loop that ends absence covers on their end date.

Registered in `familywork_app.py` with `app.register_lifespan_task`: it runs at start and then
once an hour, in a thread (the database calls block). Every backend worker runs its own loop;
`services.cover_lapse` makes each family's return happen once however many run at the same time.
A failed round is logged and the loop goes on.
"""

import logging

from familywork_app.db import session_scope
from familywork_app.periodic import run_every
from familywork_app.services.case_process import helsinki_today
from familywork_app.services.cover_lapse import end_expired_covers

log = logging.getLogger("familywork.covers")
INTERVAL_SECONDS = 3600


def end_covers_now() -> list[int]:
    """One round on the configured database: the families moved back."""
    with session_scope() as session:
        returned = end_expired_covers(session, helsinki_today())
    if returned:
        log.info("absence cover ended: %d families back with their workers", len(returned))
    return returned


async def end_covers_hourly() -> None:
    """At start and then every hour until the app stops (the lifespan cancels it)."""
    await run_every(INTERVAL_SECONDS, lambda: end_covers_now(), log, "ending absence covers")
