"""State of the supervisor's access-log search."""

from datetime import date

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_datetime, t
from familywork_app.services.access_log import search_log
from familywork_app.state.app_state import AppState


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


class AccessLogState(AppState):
    loaded: bool = False
    rows: list[dict[str, str]] = []
    searched: bool = False

    def load(self):
        self.loaded, self.rows, self.searched = False, [], False
        with session_scope() as db:
            _user, redirect = self._guard(db, "supervisor")
        if redirect:
            return redirect
        self.loaded = True

    def search(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        with session_scope() as db:
            user, redirect = self._guard(db, "supervisor")
            if redirect:
                return redirect
            rows = search_log(
                db,
                user,
                family_name=form.get("family"),
                email=form.get("email"),
                day_from=_day(form.get("from")),
                day_to=_day(form.get("to")),
                ip=self._ip(),
            )
        lang = self.lang
        self.rows = [
            {
                "at": fmt_datetime(r["at"], lang),
                "who": r["who"],
                "email": r["email"],
                "role": t(lang, f"role.{r['role']}") if r["role"] else "",
                "family": r["family"],
                "action": r["action"],
                "ip": r["ip"],
            }
            for r in rows
        ]
        self.searched = True
