"""State of the guardian's "my data" page: export links and the access log in plain words."""

from familywork_app.db import session_scope
from familywork_app.i18n import TEXTS, fmt_datetime, t, valid_language
from familywork_app.services.export import family_access_log
from familywork_app.state.app_state import AppState


class FamilyDataState(AppState):
    loaded: bool = False
    log: list[dict[str, str]] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, _family_id, redirect = self._guard_guardian(db)
            if redirect:
                return redirect
            rows = family_access_log(db, user, self._ip())
        lang = self.lang
        known = TEXTS[valid_language(lang)]
        self.log = [
            {
                "when": fmt_datetime(r["at"], lang),
                "who": f"{r['who']} ({t(lang, 'role.' + r['role'])})" if r["role"] else r["who"],
                "what": t(lang, f"log.{r['action']}")
                if f"log.{r['action']}" in known
                else t(lang, "log.other"),
            }
            for r in rows
        ]
        self.loaded = True
