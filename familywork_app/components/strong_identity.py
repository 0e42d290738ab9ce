"""Strong identification in the pages (issue 15): the "Sign in with Suomi.fi" button of the
sign-in and apply pages, and the guardian's own masked identity code on the account page.

The button is a plain link to the start route (a full page load to the provider). It is there
when Suomi.fi is configured (`FAMILYWORK_SUOMIFI_ISSUER`) or the test provider is on
(`FAMILYWORK_TEST_IDP=1`, and then it says "(test)"); both are read when the pages are built.
"""

import os

import reflex as rx

from familywork_app import config
from familywork_app.components.shell import T
from familywork_app.oidc_profile import START_PATH, Provider


def suomifi_configured() -> bool:
    """Whether the Suomi.fi button is shown."""
    return config.test_idp_enabled() or bool(os.environ.get("FAMILYWORK_SUOMIFI_ISSUER", ""))


def suomifi_button() -> rx.Component:
    """The Suomi.fi sign-in, with what it accepts under it (nothing when not configured)."""
    if not suomifi_configured():
        return rx.fragment()
    key = "identity.suomifi_button_test" if config.test_idp_enabled() else "identity.suomifi_button"
    return rx.el.div(
        rx.el.a(
            T[key],
            href=START_PATH.format(provider=Provider.SUOMIFI.value),
            class_name="btn btn-primary",
            id="suomifi-signin",
            custom_attrs={"reloadDocument": True},  # an HTTP route: a full page load
        ),
        rx.el.p(T["identity.suomifi_lead"], class_name="muted"),
        rx.el.p(T["identity.or_password"]),
        class_name="strong-signin",
    )


def identity_code_section(masked_code: rx.Var[str]) -> rx.Component:
    """The guardian's own identity code, masked (010185-****), or that none is linked."""
    return rx.el.section(
        rx.el.h2(T["identity.account.title"], id="identity-title"),
        rx.cond(
            masked_code != "",
            rx.el.div(
                rx.el.p(T["identity.account.linked"]),
                rx.el.dl(
                    rx.el.dt(T["identity.account.code"]),
                    rx.el.dd(masked_code, id="identity-code"),
                ),
            ),
            rx.el.p(T["identity.account.not_linked"], class_name="muted"),
        ),
        aria_labelledby="identity-title",
        class_name="card",
    )


def apply_identity(identified_name: rx.Var[str]) -> rx.Component:
    """On the application form: who Suomi.fi identified (their name goes on the application),
    or the button to identify first."""
    return rx.cond(
        identified_name != "",
        rx.el.p(
            T["identity.apply_identified"],
            " ",
            rx.el.strong(identified_name),
            rx.el.br(),
            T["identity.apply_name_used"],
            class_name="card",
            id="apply-identified",
        ),
        suomifi_button(),
    )


def identity_badge(text: rx.Var[str], strong: rx.Var[bool]) -> rx.Component:
    """ "Strongly identified" (green) or "Not identified" (attention) as a tag."""
    return rx.el.span(
        text,
        class_name=rx.cond(strong, "tag tag-ok", "tag tag-attention"),
        data_identified=rx.cond(strong, "strong", "none"),
    )
