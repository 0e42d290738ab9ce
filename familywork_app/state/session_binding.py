"""Binds a tab's server-side page state to the sign-in session that loaded it.

Reflex keeps each tab's state under the tab's client token, which is not a secret. If the
session behind that state has ended (sign-out elsewhere, idle timeout, deactivation) or another
cookie now arrives with the same client token, the stored state must not be sent back: this
middleware runs before Reflex's hydration and resets every app state when the session of the
connection is not the one the state was loaded under.

It is not an event handler, so it opens its own database session (the one other
`session_scope()` of the state layer besides `state.handler`): only to ask whether the session
is still alive before Reflex sends a whole state on hydration.
"""

import dataclasses

from reflex.middleware.middleware import Middleware
from reflex.state import BaseState

from familywork_app.db import session_scope
from familywork_app.services import auth
from familywork_app.services.security import token_hash
from familywork_app.state.app_state import AppState

HYDRATE_EVENTS = ("hydrate", "hydrate_and_load")  # Reflex's events that send the whole state


def _app_state_classes(cls: type[BaseState] = AppState) -> list[type[BaseState]]:
    found = [cls]
    for sub in cls.get_substates():
        found.extend(_app_state_classes(sub))
    return found


@dataclasses.dataclass(init=True)
class SessionBinding(Middleware):
    """Reset the app's states when the connection's live session is not the bound one."""

    async def preprocess(self, app, state, event):
        root = state._get_root_state()
        app_state = await root.get_state(AppState)
        token = app_state._session_token()  # the HttpOnly cookie, read as the handlers do
        current = token_hash(token) if token else ""
        if event.name.rsplit(".", 1)[-1] in HYDRATE_EVENTS and current:
            # Full state goes out on hydration: the session must also still be alive.
            with session_scope() as db:
                if auth.resolve_session(db, token) is None:
                    current = ""
        if app_state._bound_session != current:
            await self._reset_all(root, app_state)
            app_state._bound_session = current
        return None

    @staticmethod
    async def _reset_all(root, app_state) -> None:
        lang, lang_cookie = app_state.lang, app_state.lang_cookie
        for cls in _app_state_classes():
            (await root.get_state(cls)).reset()
        app_state.lang, app_state.lang_cookie = lang, lang_cookie
