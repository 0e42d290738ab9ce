"""The sign-in page's part of the staff sign-in with the county's account (issue 15).

The county callback (oidc_routes, an HTTP route) cannot reach the page's state. When the app's
own second factor is still due it sets the sealed, HttpOnly hand-off cookie (`HANDOFF_COOKIE`)
and sends the browser to the sign-in page, whose `load` reads it through `county_arrival`: the
pending staff member goes to the code step (or enrols a second factor) exactly as after a right
password. (A refusal is answered by the callback itself, on a page of its own.)
"""

from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie

from sqlmodel import Session

from familywork_app.models import User
from familywork_app.oidc_profile import Provider
from familywork_app.services import staff_identity
from familywork_app.services.oidc_settings import provider_settings, test_idp_enabled
from familywork_app.services.staff_identity import HANDOFF_COOKIE


@dataclass(frozen=True, slots=True)
class CountyArrival:
    """What the sign-in page learns when a browser arrives from the county callback."""

    pending: User | None = None  # whose code (or enrolment) is due now
    link_subject: str = ""  # the county identity to save on that account once the code is right


def _cookie(header: str, name: str) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(header or "")
    except CookieError:  # a malformed Cookie header carries no hand-off
        return ""
    morsel = cookie.get(name)
    return morsel.value if morsel else ""


def county_arrival(db: Session, cookie_header: str) -> CountyArrival:
    """The pending county sign-in of this browser (from its hand-off cookie), if any."""
    pending = staff_identity.open_handoff(db, _cookie(cookie_header, HANDOFF_COOKIE))
    if pending is None:
        return CountyArrival()
    return CountyArrival(pending=db.get(User, pending.user_id), link_subject=pending.link_subject)


def county_button_key() -> str:
    """The i18n key of the county sign-in button, or "" when the county provider is not
    configured (then the button is not shown)."""
    if provider_settings(Provider.COUNTY) is None:
        return ""
    return "staff_identity.button_test" if test_idp_enabled() else "staff_identity.button"
