"""The state layer's reading of a strong identification waiting in this browser (issue 15): the
HttpOnly cookie the Suomi.fi callback sets for a person without a linked account, carried by the
websocket handshake (`router.headers.cookie`). Only the verified name reaches page state; the
personal identity code stays on the server.
"""

from http.cookies import CookieError, SimpleCookie

from sqlmodel import Session

from familywork_app.services.oidc_client import VerifiedIdentity
from familywork_app.services.strong_identity import (
    LINK_COOKIE,
    linked_user_id,
    opened_identity,
    verified_name,
)


def pending_identity(cookie_header: str | None) -> VerifiedIdentity | None:
    """The fresh verified identity of this browser's link cookie, if any."""
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(cookie_header or "")
    except CookieError:
        return None
    morsel = cookie.get(LINK_COOKIE)
    return opened_identity(morsel.value) if morsel else None


def applying_identity(db: Session, cookie_header: str | None) -> VerifiedIdentity | None:
    """The identity an application from this browser may carry: fresh, and not linked to an
    account yet (a shared phone's earlier applicant does not lend their name to the next)."""
    identity = pending_identity(cookie_header)
    if identity is None or linked_user_id(db, identity) is not None:
        return None
    return identity


def applying_name(db: Session, cookie_header: str | None) -> str:
    """The verified name the application form shows ("" when none)."""
    identity = applying_identity(db, cookie_header)
    return verified_name(identity) if identity is not None else ""
