"""An application opened in the supervisor's queue, as shown: every field a translated string.
Pure functions: no database, no state."""

from dataclasses import dataclass, field

from familywork_app.i18n import fmt_date, t
from familywork_app.services.application_details import ApplicationDetails


@dataclass(frozen=True, slots=True)
class ContactView:
    name: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class ApplicationDetailView:
    """The application the supervisor has open (all empty: none open)."""

    id: str = ""
    name: str = ""
    submitted: str = ""  # the date, e.g. "2.3.2026"
    channel: str = ""
    address: str = ""
    areas: str = ""
    description: str = ""
    reachable: str = ""
    children: tuple[str, ...] = field(default_factory=tuple)  # "Aino, born 2016"
    contacts: tuple[ContactView, ...] = field(default_factory=tuple)


def present_application(details: ApplicationDetails, lang: str) -> ApplicationDetailView:
    return ApplicationDetailView(
        id=str(details.application_id),
        name=details.family_name,
        submitted=fmt_date(details.submitted_at, lang),
        channel=t(lang, f"channel.{details.channel}"),
        address=details.address,
        areas=", ".join(t(lang, f"area.{a}") for a in details.areas),
        description=details.description,
        reachable=details.reachable,
        # the year as text: a number would be formatted with a thousands separator
        children=tuple(
            t(lang, "queue.child", name=c.first_name, year=str(c.birth_year))
            for c in details.children
        ),
        contacts=tuple(ContactView(c.name, c.phone, c.email) for c in details.contacts),
    )
