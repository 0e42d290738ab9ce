"""The staff part of the sign-in page (issue 15): "Sign in with the county's account", and the
note shown in the code step when a county account is being linked to an existing account.

The button is a link to the county provider's start address (a plain GET: the browser leaves
for the provider). It is left out when the county provider is not configured, and says
"(test)" when the test provider is on (FAMILYWORK_TEST_IDP=1).
"""

import reflex as rx

from familywork_app.components.shell import T
from familywork_app.oidc_profile import START_PATH, Provider
from familywork_app.state.county_signin import county_button_key
from familywork_app.state.signin import SignInState


def county_sign_in() -> rx.Component:
    """The staff's county sign-in, under its own heading (nothing when not configured)."""
    key = county_button_key()
    if not key:
        return rx.fragment()
    return rx.el.section(
        rx.el.h2(T["staff_identity.heading"], id="county-signin-title"),
        rx.el.a(
            T[key],
            href=START_PATH.format(provider=Provider.COUNTY.value),
            class_name="btn btn-secondary",
            # an HTTP route beside the app, not a page of it: the browser loads it fully
            custom_attrs={"reloadDocument": True},
        ),
        aria_labelledby="county-signin-title",
        class_name="county-signin",
    )


def county_link_note() -> rx.Component:
    """In the code step: the code also links the county account to this one."""
    return rx.cond(SignInState.county_linking, rx.el.p(T["staff_identity.link_lead"]))
