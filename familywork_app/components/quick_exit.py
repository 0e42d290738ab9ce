"""The "Leave quickly" button (issue 17), on every family page and the public front page.

One tap, Enter or Space (it is a real button), or Escape pressed three times within two
seconds, replaces the page with a neutral site: assets/quick_exit.js ends the session, forgets
the offline copy, and calls `location.replace`, so the app's page leaves the tab's history.
Earlier entries of the app in the same tab cannot be deleted by any page; the script marks the
tab as left instead, and an app page reached with Back or Forward replaces itself with the
neutral site again before it shows anything.

The neutral site is `FAMILYWORK_QUICK_EXIT_URL` (an http(s) address; default Google's front
page), read when the pages are compiled (at the start of `reflex run`).
"""

import os
from urllib.parse import urlsplit

import reflex as rx

from familywork_app.components.texts import T

DEFAULT_QUICK_EXIT_URL = "https://www.google.com/"
HINT_ID = "quick-exit-hint"


def quick_exit_url() -> str:
    """The configured neutral site, or the default when unset or not an http(s) address."""
    configured = os.environ.get("FAMILYWORK_QUICK_EXIT_URL", "").strip()
    parts = urlsplit(configured)
    if parts.scheme in ("http", "https") and parts.netloc and '"' not in configured:
        return configured
    return DEFAULT_QUICK_EXIT_URL


def quick_exit_button() -> rx.Component:
    """The button; its hint (also for screen readers) names the Escape shortcut."""
    return rx.fragment(
        rx.el.button(
            T["fb.exit.button"],
            type="button",
            class_name="btn btn-danger quick-exit",
            aria_describedby=HINT_ID,
            custom_attrs={"data-quick-exit": quick_exit_url()},
        ),
        rx.el.span(T["fb.exit.hint"], id=HINT_ID, class_name="sr-only"),
    )


def quick_exit_bar(help_href: str = "") -> rx.Component:
    """A strip that stays at the top while the page scrolls: the link to the help page (when
    `help_href` is given) and the button, at the right."""
    help_link = rx.el.a(
        T["fb.help.title"],
        href=help_href,
        style={"minHeight": "44px", "display": "inline-flex", "alignItems": "center"},
    )
    return rx.el.div(
        help_link if help_href else rx.fragment(),
        quick_exit_button(),
        class_name="quick-exit-bar",
        style={
            "position": "sticky",
            "top": "0",
            "zIndex": "5",  # under the skip link (10) when it has the focus
            "display": "flex",
            "justifyContent": "flex-end",
            "alignItems": "center",
            "gap": "0.75rem",
            "flexWrap": "wrap",
            "padding": "0.25rem 0.75rem",
            "background": "#fff",
            "borderBottom": "1px solid var(--line)",
        },
    )
