"""The account page's rows in the user's language: pure functions, no database, no state."""

from dataclasses import dataclass

from familywork_app.i18n import fmt_datetime
from familywork_app.services.account import MySession


@dataclass(frozen=True, slots=True)
class SessionView:
    """One live session as listed on the account page."""

    id: str
    device: str  # "Chrome, Linux"
    ip: str
    started: str  # when it was signed in, formatted
    last_seen: str  # when it was last used, formatted
    current: bool  # this browser's own session (ended by signing out, not from the list)


def present_session(row: MySession, lang: str) -> SessionView:
    return SessionView(
        id=str(row.id),
        device=row.device,
        ip=row.ip,
        started=fmt_datetime(row.created_at, lang),
        last_seen=fmt_datetime(row.last_seen_at, lang),
        current=row.current,
    )
