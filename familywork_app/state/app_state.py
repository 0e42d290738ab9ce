"""The small shared state: language, who is signed in (resolved on the server), sign-out.

Identity never comes from a client-set var: the one entry point (`state.handler`) calls
`_user()`, which reads the HttpOnly session cookie from the websocket handshake and resolves it
in the database. Page states subclass `AppState` to reach these helpers.
"""

import json
from http.cookies import SimpleCookie

import reflex as rx
from sqlmodel import Session

from familywork_app import routes
from familywork_app.config import LANGUAGE_COOKIE, SESSION_COOKIE
from familywork_app.domain import LANGUAGE_CODES, Language, Role
from familywork_app.i18n import TEXTS, page_language, valid_language
from familywork_app.models import User
from familywork_app.services import ServiceError, auth
from familywork_app.services.family_home import unread_for, work_started
from familywork_app.services.language import choose_language
from familywork_app.services.policy import guardian_family_id
from familywork_app.state.forms import form_id
from familywork_app.state.handler import Visiting, public_handler

__all__ = ["AppState", "form_id"]


class AppState(rx.State):
    """Language and the signed-in user's public name and role (for the shell only)."""

    # the language the server decided; the texts themselves are in the built pages
    # (components/texts.py), never in the state
    lang: rx.Field[str] = rx.field("fi")
    lang_cookie: str = rx.Cookie("", name=LANGUAGE_COOKIE, max_age=365 * 24 * 3600, same_site="lax")
    user_name: rx.Field[str] = rx.field("")
    user_role: rx.Field[str] = rx.field("")
    # unread messages of the signed-in guardian's family (navigation badge)
    unread: rx.Field[int] = rx.field(default_factory=lambda: 0)
    # whether the guardian's family has a worker yet (no: no meetings, goals or work tabs)
    family_started: rx.Field[bool] = rx.field(default_factory=lambda: True)
    # set once the page's on_load ran (tests and scripts wait for it)
    ready: rx.Field[bool] = rx.field(default_factory=lambda: False)
    _bound_session: str = ""  # hash of the session this tab's state was loaded under

    # --- helpers for the entry point (not callable from the browser) ---
    def _session_token(self) -> str:
        cookie = SimpleCookie()
        try:
            cookie.load(self.router.headers.cookie or "")
        except Exception:  # a malformed Cookie header is simply no session
            return ""
        morsel = cookie.get(SESSION_COOKIE)
        return morsel.value if morsel else ""

    def _ip(self) -> str:
        return self.router.session.client_ip or ""

    def _allows_together(self) -> bool:
        """Whether this state may act for a session locked in together mode (only the
        together-mode page's state says yes)."""
        return False

    def _user(self, db: Session) -> User | None:
        """The signed-in, active user of this connection, or None."""
        return auth.resolve_session_once(
            db, self._session_token(), together=self._allows_together()
        )

    def _toast(self, key: str) -> rx.event.EventSpec:
        """After a save: say so in the page's polite live region (fwToast in assets/app.js)."""
        text = TEXTS[valid_language(self.lang)][key]
        return rx.call_script(f"fwToast({json.dumps(text)})")

    def _refused(self, problem: ServiceError) -> object:
        """A service refused: show `problem.code` beside its form. States with forms override
        this; by default nothing changes (a forged call learns nothing)."""
        return None

    def _apply_language(self, user: User | None) -> None:
        """The account's language once the person chose one; until then this browser's."""
        chosen = user.language if user is not None and user.language_chosen else None
        lang = page_language(chosen, self.lang_cookie, self.router.headers.accept_language)
        if lang != self.lang:  # an unchanged var is not sent again
            self.lang = lang

    def _set_shell(self, user: User | None) -> None:
        self._apply_language(user)
        self.user_name = user.display_name if user else ""
        self.user_role = user.role if user else ""
        self.ready = True

    def _guard(self, db: Session, *roles: Role) -> tuple[User | None, list[rx.event.EventSpec]]:
        """The user if they may open a page of one of `roles`; otherwise the redirect to return."""
        user = self._user(db)
        self._set_shell(user)
        if user is None:
            locked = auth.is_locked(db, self._session_token())
            return None, [rx.redirect(routes.TOGETHER if locked else routes.SIGN_IN, replace=True)]
        if user.role not in roles:
            return None, [rx.redirect(routes.home_for(user.role), replace=True)]
        return user, []

    def _own_family(self, db: Session, user: User, badge: bool = True) -> int:
        """A guardian's own family id (0 for staff or none yet); with `badge`, also the
        unread count in the navigation."""
        if user.role != Role.GUARDIAN:
            return 0
        family_id = guardian_family_id(db, user) or 0
        started = work_started(db, family_id) if family_id else False
        if started != self.family_started:
            self.family_started = started
        if badge:
            self.unread = unread_for(db, family_id, user) if family_id else 0
        return family_id

    # --- events ---
    @rx.event
    @public_handler()
    def load_public(self, visiting: Visiting):
        """on_load of public pages: language and shell only."""
        self._set_shell(visiting.user)

    @rx.event
    @public_handler()
    def set_language(self, visiting: Visiting, lang: str):
        """Switch the language; remembered in a cookie, and on the account when signed in."""
        if not isinstance(lang, str) or lang not in LANGUAGE_CODES:
            return None
        self.lang = lang
        self.lang_cookie = lang
        signed_in = visiting.user is not None
        if visiting.user is not None:
            choose_language(visiting.db, visiting.user, Language(lang))
        # Signed-in pages hold dates formatted on the server: they load again (assets/app.js).
        return rx.call_script(f"fwSetLanguage({json.dumps(lang)}, {json.dumps(signed_in)})")

    @rx.event
    @public_handler()
    def sign_out(self, visiting: Visiting):
        """End the session on the server, forget this tab's state, go to sign-in."""
        auth.end_session(visiting.db, self._session_token())
        lang, lang_cookie = self.lang, self.lang_cookie
        self.reset()  # also clears every loaded page state of this tab
        self.lang, self.lang_cookie = lang, lang_cookie
        return rx.call_script(f"fwSignOut({json.dumps(routes.AUTH_SIGNED_OUT)})")  # app.js
