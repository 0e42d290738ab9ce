"""Signing in for real in scripts/bench_load.py (--signin), as the sign-in page does it:

1. open /signin without a cookie (the socket and its hydrate);
2. SignInState.submit with the e-mail and password (argon2 on the server);
3. for staff, SignInState.submit_code with the current TOTP code;
4. the answer is a script holding a one-minute ticket: POST it to /auth/session, which answers
   with the HttpOnly session cookie;
5. the page then loads again with that cookie (the caller's next `connect`).
"""

from __future__ import annotations

import json
import re
import time

from bench_load_client import Lost, Tab, delta_of, handler_name
from bench_load_seed import BENCH_PASSWORD

from familywork_app import routes
from familywork_app.config import SESSION_COOKIE
from familywork_app.services import totp
from familywork_app.state.signin import SignInState

SIGNIN = SignInState.get_full_name()
SUBMIT, SUBMIT_CODE = handler_name(SignInState, "submit"), handler_name(SignInState, "submit_code")
_TICKET = re.compile(r'fwSignInWith\(\\*"([A-Za-z0-9_\-]{20,100})\\*"')  # assets/account.js


def done_signin_step(update: dict):
    """The ticket (str), "code" (the second factor is asked), False (refused) or None (not yet)."""
    found = _TICKET.search(json.dumps(update.get("events") or []))
    if found:
        return found.group(1)
    d = delta_of(update, SIGNIN)
    if d.get("step_rx_state_") == "code":
        return "code"
    if (
        d.get("form_error_rx_state_")
        or d.get("code_error_rx_state_")
        or d.get("password_error_rx_state_")
    ):
        return False
    return None


async def sign_in(tab: Tab) -> tuple[float, bool]:
    """Sign `tab`'s person in; their token becomes the new session's. (seconds, succeeded)."""
    started = time.perf_counter()
    tab.person.token = ""
    await tab.connect(routes.SIGN_IN)
    form = {"email": tab.person.email, "password": BENCH_PASSWORD}
    await tab.event(SUBMIT, {"form": form}, done_signin_step, paced=False)
    if tab.outcome == "code":
        code = {"code": totp.current_code(totp.DEMO_SECRET)}
        await tab.event(SUBMIT_CODE, {"form": code}, done_signin_step, paced=False)
    ticket = tab.outcome
    await tab.close()
    if not isinstance(ticket, str) or ticket == "code":
        return time.perf_counter() - started, False
    try:
        async with tab.http.post(
            f"{tab.base}{routes.AUTH_SESSION}",
            json={"ticket": ticket},
            headers={"Origin": tab.origin},
        ) as response:
            cookie = response.cookies.get(SESSION_COOKIE)
    except OSError as problem:
        raise Lost(type(problem).__name__) from problem
    tab.person.token = cookie.value if cookie is not None else ""
    return time.perf_counter() - started, bool(tab.person.token)
