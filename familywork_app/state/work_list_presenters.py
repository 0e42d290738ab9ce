"""The work list's items as shown: translated texts, the badge's tone and the link to the right
section of the family's record. Pure functions: no database, no state."""

from collections.abc import Sequence
from dataclasses import dataclass

from familywork_app import routes
from familywork_app.domain import WorkItemKind
from familywork_app.i18n import fmt_date, t
from familywork_app.services.work_list import WorkItem

SOON_DAYS = 2  # due within this many days: the badge asks for attention
# Where on the family's record each kind of item is done.
SECTIONS = {
    WorkItemKind.START_ASSESSMENT: "sec-process",
    WorkItemKind.FINISH_ASSESSMENT: "sec-process",
    WorkItemKind.MAKE_PLAN: "sec-plan",
    WorkItemKind.REVIEW_PLAN: "sec-plan",
    WorkItemKind.RECORD_VISIT: "sec-meetings",
    WorkItemKind.ANSWER_MESSAGE: "sec-messages",
    WorkItemKind.ANSWER_MEETING_REQUEST: "sec-meetings",
}


@dataclass(frozen=True, slots=True)
class WorkItemView:
    """One item: what to do (`kind`), for which family (`href` opens its record at the right
    section), when, and how urgent (`status` in words, `tag_class` its colour)."""

    key: str = ""
    kind: str = ""
    family: str = ""
    href: str = ""
    due: str = ""
    days: str = ""
    status: str = ""
    tag_class: str = "tag tag-neutral"
    overdue: bool = False
    worker: str = ""


def days_text(days_left: int, lang: str) -> str:
    """ "3 päivää jäljellä", "tänään", "myöhässä 2 päivää" (in the user's language)."""
    if days_left == 0:
        return t(lang, "worklist.today")
    if days_left == 1:
        return t(lang, "worklist.day_left")
    if days_left == -1:
        return t(lang, "worklist.day_late")
    if days_left > 0:
        return t(lang, "worklist.days_left", days=days_left)
    return t(lang, "worklist.days_late", days=-days_left)


def urgency(days_left: int) -> str:
    """ "overdue", "soon" (due within `SOON_DAYS` days) or "later"."""
    if days_left < 0:
        return "overdue"
    return "soon" if days_left <= SOON_DAYS else "later"


TAGS = {"overdue": "tag tag-error", "soon": "tag tag-attention", "later": "tag tag-neutral"}


def present_work_item(item: WorkItem, lang: str) -> WorkItemView:
    level = urgency(item.days_left)
    return WorkItemView(
        key=f"{item.kind.value}-{item.family_id}-{item.meeting_id or 0}",
        kind=t(lang, f"worklist.kind.{item.kind.value}"),
        family=item.family_name,
        href=f"{routes.FAMILY_RECORD_PREFIX}{item.family_id}#{SECTIONS[item.kind]}",
        due=fmt_date(item.due, lang),
        days=days_text(item.days_left, lang),
        status=t(lang, f"worklist.status.{level}"),
        tag_class=TAGS[level],
        overdue=level == "overdue",
        worker=item.worker_name or t(lang, "worklist.no_worker"),
    )


def present_work_list(items: Sequence[WorkItem], lang: str) -> list[WorkItemView]:
    """The items in the service's order (soonest first, so the overdue ones lead)."""
    return [present_work_item(item, lang) for item in items]
