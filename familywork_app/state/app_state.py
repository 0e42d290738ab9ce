"""The small shared state: language, who is signed in (resolved on the server), sign-out.

Identity never comes from a client-set var: every handler that needs the user calls `_user()`,
which reads the HttpOnly session cookie from the websocket handshake and resolves it in the
database. Page states subclass `AppState` to reach these helpers.
"""

from http.cookies import SimpleCookie

import reflex as rx
from sqlmodel import Session

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.i18n import TEXTS, from_accept_language, valid_language
from familywork_app.models import User
from familywork_app.services import auth
from familywork_app.services.family_home import unread_for
from familywork_app.services.policy import guardian_family_id

SESSION_COOKIE = "fw_session"
_SIGN_OUT_SCRIPT = (
    "fetch('/auth/signout',{method:'POST',credentials:'same-origin'})"
    ".finally(()=>{try{localStorage.removeItem('fw_offline')}catch(e){};"
    "sessionStorage.clear();window.location.assign('%s')})" % routes.SIGN_IN
)


def form_id(value: object) -> int:
    """An id from a form field or event argument; 0 (refused by the services) if not a number."""
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 12 else 0


class AppState(rx.State):
    """Language and the signed-in user's public name and role (for the shell only)."""

    lang: str = "fi"
    lang_cookie: str = rx.Cookie("", name="fw_lang", max_age=365 * 24 * 3600, same_site="lax")
    user_name: str = ""
    user_role: str = ""
    unread: int = 0  # unread messages of the signed-in guardian's family (navigation badge)
    ready: bool = False  # set once the page's on_load ran (tests and scripts wait for it)
    _bound_session: str = ""  # hash of the session this tab's state was loaded under

    @rx.var
    def t(self) -> dict[str, str]:
        """Every UI string in the current language."""
        return TEXTS[valid_language(self.lang)]

    # --- helpers (not callable from the browser) ---
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

    def _apply_language(self, user: User | None) -> None:
        if user is not None:
            lang = valid_language(user.language)
        elif self.lang_cookie in ("fi", "sv", "en"):
            lang = self.lang_cookie
        else:
            lang = from_accept_language(self.router.headers.accept_language)
        if lang != self.lang:  # assigning marks `t` changed: all 650 texts would be sent again
            self.lang = lang

    def _set_shell(self, user: User | None) -> None:
        self._apply_language(user)
        self.user_name = user.display_name if user else ""
        self.user_role = user.role if user else ""
        self.ready = True

    def _guard(self, db: Session, *roles: str) -> tuple[User | None, list]:
        """The user if they may open a page of one of `roles`; otherwise the redirect to return."""
        user = self._user(db)
        self._set_shell(user)
        if user is None:
            locked = auth.is_locked(db, self._session_token())
            return None, [rx.redirect(routes.TOGETHER if locked else routes.SIGN_IN, replace=True)]
        if user.role not in roles:
            return None, [rx.redirect(routes.home_for(user.role), replace=True)]
        return user, []

    def _guard_with_badge(self, db: Session, *roles: str) -> tuple[User | None, list]:
        """`_guard`, and a guardian's unread badge for pages every role opens (account...)."""
        user, redirect = self._guard(db, *roles)
        if user is not None and user.role == "guardian":
            family_id = guardian_family_id(db, user) or 0
            self.unread = unread_for(db, family_id, user) if family_id else 0
        return user, redirect

    def _guard_guardian(self, db: Session, badge: bool = True) -> tuple[User | None, int, list]:
        """For family pages: the guardian, their family id, or the redirect to return.
        `badge=False`: the caller sets the unread badge itself (the home page counts it anyway)."""
        user, redirect = self._guard(db, "guardian")
        if redirect:
            return None, 0, redirect
        family_id = guardian_family_id(db, user) or 0
        if badge:
            self.unread = unread_for(db, family_id, user) if family_id else 0
        return user, family_id, []

    # --- events ---
    def load_public(self):
        """on_load of public pages: language and shell only."""
        with session_scope() as db:
            self._set_shell(self._user(db))

    def set_language(self, lang: str):
        """Switch the language; remembered in a cookie, and on the account when signed in."""
        if lang not in ("fi", "sv", "en"):
            return
        self.lang = lang
        self.lang_cookie = lang
        with session_scope() as db:
            user = self._user(db)
            if user is not None:
                user.language = lang
                db.add(user)
                db.commit()
        script = f"document.documentElement.lang='{lang}'"
        if user is not None:
            # Signed-in pages hold dates formatted on the server: load them again.
            script += ";window.location.reload()"
        return rx.call_script(script)

    def sign_out(self):
        """End the session on the server, forget this tab's state, go to sign-in."""
        with session_scope() as db:
            auth.end_session(db, self._session_token())
        lang, lang_cookie = self.lang, self.lang_cookie
        self.reset()  # also clears every loaded page state of this tab
        self.lang, self.lang_cookie = lang, lang_cookie
        return rx.call_script(_SIGN_OUT_SCRIPT)
