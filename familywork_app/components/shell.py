"""The app shell: public header, guardian shell (bottom bar on phones), staff shell (side nav).

Plain HTML elements styled by assets/styles.css: light on a cheap phone, and every control a
real button or link with an accessible name.
"""

from typing import cast

import reflex as rx
from reflex.vars import StringVar

from familywork_app import routes
from familywork_app.components.icons import icon
from familywork_app.components.quick_exit import quick_exit_bar
from familywork_app.components.texts import LANG, T, language_sync
from familywork_app.domain import Role
from familywork_app.state.app_state import AppState

__all__ = ["LANG", "T"]
LANGUAGE_NAMES = (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"))


def language_switcher() -> rx.Component:
    """Three buttons named in their own language; the current one is pressed."""
    return rx.el.div(
        *[
            rx.el.button(
                name,
                lang=code,
                type="button",
                class_name="lang-btn",
                aria_pressed=rx.cond(code == LANG, "true", "false"),
                # the texts change at once in the browser; the server remembers the choice
                on_click=[rx.call_script(f"fwLangSet('{code}')"), AppState.set_language(code)],
            )
            for code, name in LANGUAGE_NAMES
        ],
        role="group",
        aria_label=T["common.language"],
        class_name="lang-switch",
    )


def skip_link() -> rx.Component:
    return rx.el.a(T["common.skip"], href="#main", class_name="skip-link")


def offline_banner() -> rx.Component:
    """Shown by assets/offline.js while the device is offline."""
    return rx.el.div(
        T["offline.banner"],
        id="offline-banner",
        role="status",
        hidden=True,
        class_name="offline-banner",
    )


def sign_out_button() -> rx.Component:
    return rx.el.button(
        icon("log-out"),
        rx.el.span(T["common.signout"]),
        type="button",
        class_name="btn btn-quiet",
        on_click=AppState.sign_out,
    )


def toast_region() -> rx.Component:
    """The polite live region that `fwToast` (assets/app.js) fills after a save: present from
    the first paint, so a screen reader announces what is put into it; the focus stays put."""
    return rx.el.div(
        rx.el.p(id="toast-text"),
        id="toast",
        # a live region without the status role: pages keep their one role="status" each
        aria_live="polite",
        aria_atomic="true",
        class_name="toast",
        data_empty="true",
    )


def public_page(*children: rx.Component) -> rx.Component:
    """Header with the service name, language and sign-in; then the content."""
    return rx.el.div(
        skip_link(),
        offline_banner(),
        rx.el.header(
            rx.el.a(T["app.name"], href=routes.INFO, class_name="brand"),
            rx.el.div(language_switcher(), class_name="header-tools"),
            class_name="topbar",
        ),
        rx.el.main(*children, id="main", class_name="page", tab_index=-1),
        rx.el.footer(
            rx.el.p(rx.el.a(T["a11y.link"], href=routes.ACCESSIBILITY)), class_name="page-footer"
        ),
        toast_region(),
        language_sync(),
        class_name="layout-public",
        data_ready=AppState.ready,
        lang=LANG,
    )


def _unread_badge() -> rx.Component:
    return rx.cond(
        AppState.unread > 0,
        rx.fragment(
            rx.el.span(AppState.unread, class_name="badge", aria_hidden="true"),
            rx.el.span(fill("messages.unread_badge", count=AppState.unread), class_name="sr-only"),
        ),
        rx.fragment(),
    )


def _nav_link(label_key: str, href: str) -> rx.Component:
    current = AppState.router.page.path == href
    return rx.el.a(
        icon(NAV_ICONS[href], class_name="icon nav-icon"),
        rx.el.span(T[label_key]),
        _unread_badge() if href == routes.FAMILY_MESSAGES else rx.fragment(),
        href=href,
        class_name="nav-link",
        aria_current=rx.cond(current, "page", None),
    )


def _topbar(title: rx.Var) -> rx.Component:
    return rx.el.header(
        rx.el.span(title, class_name="brand"),
        rx.el.div(sign_out_button(), class_name="header-tools"),
        class_name="topbar",
    )


def _footer() -> rx.Component:
    """Language choice and the account page at the foot of signed-in pages (the top bar stays
    one row on a phone)."""
    return rx.el.footer(
        language_switcher(),
        rx.el.p(rx.el.a(T["account.link"], href=routes.ACCOUNT)),
        rx.el.p(rx.el.a(T["settings.link"], href=routes.SETTINGS)),
        rx.el.p(rx.el.a(T["a11y.link"], href=routes.ACCESSIBILITY)),
        class_name="page-footer",
    )


def guardian_page(*children: rx.Component, nav: list[tuple[str, str]]) -> rx.Component:
    """Guardian shell: top bar with name and sign-out, content, bottom navigation."""
    return rx.el.div(
        skip_link(),
        quick_exit_bar(help_href=routes.FAMILY_HELP),  # issue 17: leave quickly; help
        offline_banner(),
        _topbar(AppState.user_name),
        rx.el.div(
            id="offline-snapshot",
            hidden=True,
            class_name="card page",
            data_title=T["offline.last_seen"],
        ),
        rx.el.main(*children, id="main", class_name="page", tab_index=-1),
        _footer(),
        toast_region(),
        language_sync(),
        rx.el.nav(
            *[
                rx.cond(AppState.family_started, _nav_link(k, h), rx.fragment())
                if h in ONCE_WORK_STARTED
                else _nav_link(k, h)
                for k, h in nav
            ],
            aria_label=T["common.main_nav"],
            class_name="bottom-nav",
        ),
        class_name="layout-guardian",
        data_ready=AppState.ready,
        lang=LANG,
    )


def _staff_links() -> list[rx.Component]:
    """Each role sees its own links (decided in the browser from the server-set role)."""
    return [
        rx.cond(AppState.user_role == role.value, _nav_link(k, h), rx.fragment())
        if role is not None
        else _nav_link(k, h)
        for k, h, role in STAFF_NAV
    ]


def staff_page(*children: rx.Component) -> rx.Component:
    """Staff shell: side navigation on tablets and laptops (a top row on phones)."""
    return rx.el.div(
        skip_link(),
        offline_banner(),
        _topbar(AppState.user_name),
        rx.el.div(
            rx.el.nav(*_staff_links(), aria_label=T["common.main_nav"], class_name="side-nav"),
            rx.el.div(
                rx.el.main(*children, id="main", class_name="page", tab_index=-1),
                _footer(),
                class_name="staff-main",
            ),
            class_name="staff-body",
        ),
        toast_region(),
        language_sync(),
        class_name="layout-staff",
        data_ready=AppState.ready,
        lang=LANG,
    )


def loading_or(loaded: rx.Var, content: rx.Component) -> rx.Component:
    """Show `content` once the page's data has been loaded (and authorised) on the server."""
    return rx.cond(loaded, content, rx.el.p(T["common.loading"], class_name="muted", role="status"))


def fill(key: str, **values) -> rx.Var:
    """A UI string with `{name}` placeholders filled from vars, in the browser."""
    text = cast(StringVar, T[key])  # a text of the language's dictionary var is a string
    for name, value in values.items():
        if isinstance(value, StringVar) or not isinstance(value, rx.Var):
            filled = value if isinstance(value, rx.Var) else str(value)
            text = cast(StringVar, text.replace("{" + name + "}", filled))
        else:
            text = cast(StringVar, text.replace("{" + name + "}", value.to_string()))
    return text


GUARDIAN_NAV = [
    ("nav.home", routes.FAMILY_HOME),
    ("nav.meetings", routes.FAMILY_MEETINGS),
    ("nav.goals", routes.FAMILY_GOALS),
    ("nav.messages", routes.FAMILY_MESSAGES),
]
# Tabs that have something to show only once the family has a worker (not while applying).
ONCE_WORK_STARTED = frozenset({routes.FAMILY_MEETINGS, routes.FAMILY_GOALS, routes.FAMILY_WORK})
# (label, route, the one staff role that sees it, or None for both)
NAV_ICONS = {
    routes.FAMILY_HOME: "house",
    routes.FAMILY_MEETINGS: "calendar",
    routes.FAMILY_GOALS: "target",
    routes.FAMILY_MESSAGES: "message-circle",
    routes.WORK_LIST: "circle-check",
    routes.OVERVIEW: "chart-column",
    routes.CASELOAD: "users",
    routes.QUEUE: "clipboard-list",
    routes.WEEK: "calendar-days",
    routes.INBOX: "inbox",
    routes.REGISTER: "user-plus",
    routes.STAFF: "settings",
    routes.ACCESS_LOG: "shield-check",
}
STAFF_NAV: list[tuple[str, str, Role | None]] = [
    ("nav.work_list", routes.WORK_LIST, None),
    ("nav.overview", routes.OVERVIEW, Role.SUPERVISOR),
    ("nav.caseload", routes.CASELOAD, Role.WORKER),
    ("nav.queue", routes.QUEUE, Role.WORKER),
    ("nav.week", routes.WEEK, None),
    ("nav.inbox", routes.INBOX, None),
    ("nav.register", routes.REGISTER, None),
    ("nav.staff", routes.STAFF, Role.SUPERVISOR),
    ("nav.access_log", routes.ACCESS_LOG, Role.SUPERVISOR),
]
