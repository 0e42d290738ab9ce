"""The error summary at the top of a form (the GOV.UK and Suomi.fi pattern): after a failed
submit the focus moves to it (`fwFocusErrorSummary` in assets/app.js), and it lists every
error as a link to its field, in the form's order."""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import reflex as rx


@dataclass(frozen=True, slots=True)
class ErrorLink:
    """One line of an error summary."""

    field: str  # the id of the input to go to ("": an error of the whole form, no link)
    key: str  # the message's i18n key ("": `text` is the message, already translated)
    text: str = ""


def error_links(errors: Mapping[str, str], targets: Iterable[tuple[str, str]]) -> list[ErrorLink]:
    """The summary's lines: for each (error name, field id) of `targets`, in that order, the
    error in `errors` (an i18n key) if there is one."""
    return [ErrorLink(field=field, key=errors[name]) for name, field in targets if errors.get(name)]


def focus_error_summary(summary_id: str) -> rx.event.EventSpec:
    """The script that moves the focus to the summary once the page shows it."""
    return rx.call_script(f"fwFocusErrorSummary({json.dumps(summary_id)})")  # assets/app.js
