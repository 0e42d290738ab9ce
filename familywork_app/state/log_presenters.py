"""Access-log rows in plain words: the supervisor's search and the family's own "who has
handled your records". Pure functions: no database, no state.

Every action a service writes is a `LogAction` with a readable name `log.<action>` in each
language (tests/test_log_presenters.py); both views read the same names.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from familywork_app.domain import Role
from familywork_app.i18n import TEXTS, fmt_datetime, fmt_day, fmt_time, local, t, valid_language
from familywork_app.services.access_log import LogEntry
from familywork_app.services.export import FamilyLogEntry


def action_name(action: str, lang: str, unknown: str | None = None) -> str:
    """The readable name of an access-log action ("looked at the meetings"); for a code
    without one (a row written by an older version), `unknown`, else the family's "handled the
    records"."""
    key = f"log.{action}"
    if key in TEXTS[valid_language(lang)]:
        return t(lang, key)
    return unknown if unknown is not None else t(lang, "log.other")


def _who(name: str, role: Role | None, lang: str) -> str:
    return f"{name} ({t(lang, f'role.{role}')})" if role else name


@dataclass(frozen=True, slots=True)
class LogRowView:
    """A row of the supervisor's access-log search."""

    at: str
    who: str
    email: str
    role: str
    family: str
    action: str
    ip: str


def present_log(rows: Sequence[LogEntry], lang: str) -> list[LogRowView]:
    return [
        LogRowView(
            at=fmt_datetime(r.at, lang),
            who=r.who,
            email=r.email,
            role=t(lang, f"role.{r.role}") if r.role else "",
            family=r.family,
            action=action_name(r.action, lang, unknown=r.action),  # an old code stays visible
            ip=r.ip,
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class FamilyLogItemView:
    """One access inside a group: the time and what was done."""

    time: str
    what: str


@dataclass(frozen=True, slots=True)
class FamilyLogView:
    """One person's accesses on one day, newest first: the summary says who, the day, each
    kind of access once and how many there were; the accesses (behind a disclosure) say each
    time."""

    who: str
    day: str
    summary: str
    accesses: list[FamilyLogItemView] = field(default_factory=list[FamilyLogItemView])


def present_family_log(rows: Sequence[FamilyLogEntry], lang: str) -> list[FamilyLogView]:
    """The family's log grouped per person and day (Helsinki time), newest group first."""
    groups: dict[tuple[str, Role | None, date], list[FamilyLogEntry]] = {}
    for r in rows:
        groups.setdefault((r.who, r.role, local(r.at).date()), []).append(r)
    views: list[FamilyLogView] = []
    for (who, role, day), entries in groups.items():
        names = [action_name(e.action, lang) for e in entries]
        what = ", ".join(dict.fromkeys(names))  # each kind of access once, newest first
        count = len(entries)
        views.append(
            FamilyLogView(
                who=_who(who, role, lang),
                day=fmt_day(day, lang),
                summary=t(lang, "data.log_times", what=what, count=count) if count > 1 else what,
                accesses=[
                    FamilyLogItemView(time=fmt_time(e.at, lang), what=name)
                    for e, name in zip(entries, names, strict=True)
                ],
            )
        )
    return views
