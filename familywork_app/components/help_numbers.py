"""Help numbers (issue 17): the emergency number 112, Nollalinja (help for violence in close
relationships) and the county's social emergency number, as call links.

The social emergency number comes from `FAMILYWORK_SOCIAL_EMERGENCY_NUMBER` (digits, spaces,
"+", "-"); the county's seed text names none, so its line is left out while it is unset. Read
when the pages are compiled (at the start of `reflex run`).
"""

import os
import re

import reflex as rx

from familywork_app.components.texts import T
from familywork_app.state.family_basics import tel_href

EMERGENCY = "112"
NOLLALINJA = "080 005 005"
NUMBER_RE = re.compile(r"\+?[0-9][0-9 \-]{1,18}[0-9]")


def social_emergency_number() -> str:
    """The configured social emergency number, "" when unset or not a phone number."""
    configured = " ".join(os.environ.get("FAMILYWORK_SOCIAL_EMERGENCY_NUMBER", "").split())
    return configured if NUMBER_RE.fullmatch(configured) else ""


def _number(name_key: str, text_key: str, number: str) -> rx.Component:
    return rx.el.li(
        rx.el.strong(T[name_key]),
        rx.el.span(T[text_key], class_name="block muted"),
        rx.el.a(number, href=tel_href(number), class_name="btn btn-secondary btn-small"),
        class_name="goal-item",
    )


def help_numbers(section_id: str = "help-now") -> rx.Component:
    """The card of help numbers, in the page's language."""
    social = social_emergency_number()
    return rx.el.section(
        rx.el.h2(T["fb.help.title"], id=section_id),
        rx.el.p(T["fb.help.lead"], class_name="muted"),
        rx.el.ul(
            _number("fb.help.emergency", "fb.help.emergency_text", EMERGENCY),
            _number("fb.help.nollalinja", "fb.help.nollalinja_text", NOLLALINJA),
            _number("fb.help.social", "fb.help.social_text", social) if social else rx.fragment(),
            class_name="plain-list",
        ),
        aria_labelledby=section_id,
        class_name="card",
    )
