"""The app process's background loop that sends the meeting reminders to guardians.

Registered in `familywork_app.py` with `app.register_lifespan_task`, like `cover_task`: a run at
start and then every five minutes, in a thread (the database calls and the sending block).
Every backend worker runs its own loop; `services.meeting_reminders` claims each reminder for
one of them only, so each goes out once. A failed run is logged (without names) and the loop
goes on. No separate service to run: the app's own process sends them.
"""

import logging

from familywork_app.db import session_scope
from familywork_app.periodic import run_every
from familywork_app.services.reminder_delivery import send_meeting_reminders

log = logging.getLogger("familywork.reminders")
INTERVAL_SECONDS = 5 * 60


def send_meeting_reminders_now() -> int:
    """One run on the app's configured database: how many reminders went out."""
    with session_scope() as session:
        return len(send_meeting_reminders(session))


async def remind_guardians_every_five_minutes() -> None:
    """The lifespan task: a run at start and then every five minutes until the app stops."""
    await run_every(
        INTERVAL_SECONDS, lambda: send_meeting_reminders_now(), log, "meeting reminders"
    )
